// The one table `npm run bench` prints, and the files it writes (bench/results/latest.json and latest.md):
// each goal row completed (ratio and met/missed worked out from its goal), rendered for a terminal and as
// Markdown. Pure functions, so tests/unit/bench/table.test.ts can hold them to their word.
import type { Goal, GoalRow, Row } from './types'

/** A goal row with everything worked out: what latest.json holds, one object per row. */
export interface ResultRow {
  benchmark: string
  ours: number | null
  peer: number | null
  ratio: number | null
  goal: string
  met: boolean | null
  note?: string
}

/** The unit a benchmark names last, in parentheses: `… median (ms)` → `ms`; none → ''. */
export function unitOf(benchmark: string): string {
  return /\(([^()]+)\)\s*$/.exec(benchmark)?.[1] ?? ''
}

const finite = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value)

/** The goal in words: `≤ ×1.10`, `≤ 400 ms`, `≤ peer + 150 ms`, `≥ ×10`. */
export function goalText(goal: Goal, unit: string): string {
  const parts: string[] = []
  const amount = (value: number) => {
    if (goal.of === 'ratio') return `×${value.toFixed(2)}`
    return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value)
  }
  const prefix = goal.of === 'over-peer' ? 'peer + ' : ''
  if (goal.atLeast !== undefined) parts.push(`≥ ${prefix}${amount(goal.atLeast)}`)
  if (goal.atMost !== undefined) parts.push(`≤ ${prefix}${amount(goal.atMost)}`)
  return parts.join(' and ') || '(none)'
}

/** Whether the figures meet the goal; undefined when a figure it needs is missing. */
export function meets(goal: Goal, ours: number | undefined, peer: number | undefined, ratio: number | undefined): boolean | undefined {
  const value = goal.of === 'ratio' ? ratio : goal.of === 'ours' ? ours : finite(ours) && finite(peer) ? ours - peer : undefined
  if (!finite(value)) return undefined
  if (goal.atMost !== undefined && value > goal.atMost) return false
  if (goal.atLeast !== undefined && value < goal.atLeast) return false
  return true
}

/** Works out the ratio (ours ÷ peer) and met/missed where the module left them to us. */
export function completeRow(row: GoalRow): ResultRow {
  const ratio = finite(row.ratio) ? row.ratio : finite(row.ours) && finite(row.peer) && row.peer !== 0 ? row.ours / row.peer : undefined
  const met = row.met ?? meets(row.goal, row.ours, row.peer, ratio)
  const note = row.note ?? (!finite(row.peer) && row.goal.of !== 'ours' ? 'no peer figure, so the goal cannot be judged' : undefined)
  return {
    benchmark: row.benchmark,
    ours: finite(row.ours) ? row.ours : null,
    peer: finite(row.peer) ? row.peer : null,
    ratio: ratio === undefined ? null : Math.round(ratio * 1000) / 1000,
    goal: goalText(row.goal, unitOf(row.benchmark)),
    met: met ?? null,
    ...(note ? { note } : {})
  }
}

/** 3 significant-ish digits: 0.0412, 1.23, 45.6, 1,234. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value)
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US')
  if (Number.isInteger(value)) return String(value)
  if (magnitude >= 100) return String(Math.round(value))
  if (magnitude >= 10) return value.toFixed(1)
  if (magnitude >= 1) return value.toFixed(2)
  if (magnitude === 0) return '0'
  return value.toFixed(3)
}

function cells(row: ResultRow): string[] {
  return [
    row.benchmark,
    row.ours === null ? '—' : formatNumber(row.ours),
    row.peer === null ? '—' : formatNumber(row.peer),
    row.ratio === null ? '—' : `×${row.ratio.toFixed(2)}`,
    row.goal,
    row.met === null ? 'n/a' : row.met ? 'met' : 'missed'
  ]
}

const HEADER = ['benchmark', 'ours', 'peer', 'ratio', 'goal', 'met']

/** The one table for a terminal, each note under it, keyed by its row's number. */
export function renderGoalTable(rows: readonly ResultRow[]): string {
  if (rows.length === 0) return '(no benchmark rows)\n'
  const body = rows.map((row, index) => {
    const line = cells(row)
    if (row.note) line[5] = `${line[5]} [${index + 1}]`
    return line
  })
  const widths = HEADER.map((title, i) => Math.max(title.length, ...body.map((line) => line[i]!.length)))
  const format = (line: readonly string[]) => line.map((value, i) => (i === 0 || i === 4 || i === 5 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join('  ').trimEnd()
  const notes = rows.flatMap((row, index) => (row.note ? [`[${index + 1}] ${row.note}`] : []))
  return [format(HEADER), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format), ...(notes.length > 0 ? ['', ...notes] : []), ''].join('\n')
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The same table in Markdown, with a notes column (bench/results/latest.md, bench/BASELINE.md). */
export function renderGoalMarkdown(rows: readonly ResultRow[]): string {
  const lines = [`| ${[...HEADER, 'note'].join(' | ')} |`, `|${[...HEADER, 'note'].map((_, i) => (i >= 1 && i <= 3 ? '---:' : '---')).join('|')}|`]
  for (const row of rows) lines.push(`| ${[...cells(row), row.note ?? ''].map(markdownCell).join(' | ')} |`)
  return `${lines.join('\n')}\n`
}

function formatDetail(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value
}

/** A module's detail rows as a plain table (any columns; blanks where a row has none). */
export function renderDetails(title: string, rows: readonly Row[]): string {
  if (rows.length === 0) return `${title}\n  (no rows)\n`
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const body = rows.map((row) => columns.map((column) => (row[column] === undefined ? '' : formatDetail(row[column]!))))
  const widths = columns.map((column, i) => Math.max(column.length, ...body.map((line) => line[i]!.length)))
  const line = (values: readonly string[]) => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join('  ')
  return [title, line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line), ''].join('\n')
}

/** The same detail rows in Markdown. */
export function renderDetailsMarkdown(title: string, rows: readonly Row[]): string {
  if (rows.length === 0) return ''
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const lines = [`#### ${title}`, '', `| ${columns.join(' | ')} |`, `|${columns.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`]
  for (const row of rows) lines.push(`| ${columns.map((column) => markdownCell(row[column] === undefined ? '' : formatDetail(row[column]!))).join(' | ')} |`)
  return `${lines.join('\n')}\n`
}
