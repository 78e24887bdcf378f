// `npm run bench [-- <name filter>]`: runs every bench module and prints one table per module. Figures are for
// reading, never asserted (machines are noisy). Add a module: export default { name, run } and list it below.
import executorOverhead from './executor-overhead'
import historySearch from './history-search'
import renderLargeResponse from './render-large-response'
import runner from './runner'
import type { BenchModule, Row } from './types'

const modules: BenchModule[] = [executorOverhead, renderLargeResponse, runner, historySearch]

function format(value: string | number): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3)
  return value
}

export function renderTable(title: string, rows: readonly Row[]): string {
  if (rows.length === 0) return `${title}\n  (no rows)\n`
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const cells = rows.map((row) => columns.map((column) => (row[column] === undefined ? '' : format(row[column]))))
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i].length)))
  const line = (values: string[]) => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join('  ')
  return [title, line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line), ''].join('\n')
}

async function main(): Promise<void> {
  const filter = process.argv[2]
  const selected = modules.filter((mod) => !filter || mod.name.includes(filter))
  if (selected.length === 0) {
    console.error(`No bench matches "${filter}". Available: ${modules.map((mod) => mod.name).join(', ')}`)
    process.exit(1)
  }
  for (const mod of selected) {
    const started = performance.now()
    const rows = await mod.run()
    console.log(renderTable(`${mod.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`, rows))
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
