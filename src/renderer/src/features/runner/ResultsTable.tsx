// The results of a run as a table: one row per request sent (and per data row that could not be read, and —
// after a stop — per request that never started), with its outcome, status, time and checks, the first failing
// check spelled out (what was expected, what came). Rows have one fixed height, so only those on screen are in
// the DOM however long the run (a 10,000-row data run draws ~20 rows); aria-rowcount and aria-rowindex tell a
// screen reader where it is in the whole table.
//
// Keyboard: the table is one Tab stop (the current row's request button); ArrowUp/Down, PageUp/Down, Home/End
// move between rows; Enter shows the row's details; Shift+Enter opens the request in a tab.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { duration } from './run-format'
import { firstFailure, rowOutcome, type ResultRow, type RowOutcome } from './run-model'

export const ROW_HEIGHT = 52
const OVERSCAN = 6
/** jsdom has no layout: a viewport so tests render rows. */
const FALLBACK_VIEWPORT = 520

const OUTCOME_TEXT: Record<RowOutcome, string> = { passed: 'Passed', failed: 'Failed', cancelled: 'Cancelled', 'not-run': 'Not run' }
const OUTCOME_MARK: Record<RowOutcome, string> = { passed: '✔', failed: '✘', cancelled: '–', 'not-run': '○' }

interface Props {
  rows: readonly ResultRow[]
  /** Show the iteration column (more than one iteration, or a data file). */
  iterations: boolean
  label: string
  selectedKey: string | undefined
  onSelect(row: ResultRow): void
  onOpen(row: ResultRow): void
  /** What the table says when the filter leaves nothing. */
  empty: string
}

export function ResultsTable({ rows, iterations, label, selectedKey, onSelect, onOpen, empty }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)
  const [active, setActive] = useState(0)
  const focusWanted = useRef(false)
  const buttons = useRef(new Map<number, HTMLButtonElement>())

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // The active row stays in range when the filter or the results change.
  const current = Math.min(active, Math.max(0, rows.length - 1))
  const selectedAt = selectedKey === undefined ? -1 : rows.findIndex((row) => row.key === selectedKey)
  useEffect(() => {
    if (selectedAt >= 0) setActive(selectedAt)
  }, [selectedAt])

  const header = 34
  const first = Math.max(0, Math.floor(Math.max(0, scrollTop - header) / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN)

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index))
    setActive(next)
    focusWanted.current = true
    const element = scroller.current
    if (element) {
      const top = header + next * ROW_HEIGHT
      if (top - header < element.scrollTop) element.scrollTop = top - header
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight
      setScrollTop(element.scrollTop)
    }
  }

  useEffect(() => {
    if (!focusWanted.current) return
    focusWanted.current = false
    buttons.current.get(current)?.focus()
  })

  const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1)
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const keys: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: rows.length - 1 }
    if (event.key in keys) {
      event.preventDefault()
      moveTo(keys[event.key]!)
    } else if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault()
      const row = rows[current]
      if (row) onOpen(row)
    }
  }

  return (
    <div ref={scroller} className="rn-table-scroll" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} data-testid="run-results" data-rows={rows.length}>
      <table className="rn-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="rn-col-outcome">
              Result
            </th>
            {iterations && (
              <th scope="col" className="rn-col-iteration">
                <abbr title="Iteration">It.</abbr>
              </th>
            )}
            <th scope="col" className="rn-col-request">
              Request
            </th>
            <th scope="col" className="rn-col-status">
              Status
            </th>
            <th scope="col" className="rn-col-time">
              Time
            </th>
            <th scope="col" className="rn-col-checks">
              Assertions
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.length === 0 && (
            <tr aria-rowindex={2}>
              <td colSpan={iterations ? 6 : 5} className="rn-table-empty">
                {empty}
              </td>
            </tr>
          )}
          {first > 0 && (
            <tr aria-hidden="true" className="rn-spacer" style={{ height: first * ROW_HEIGHT }}>
              <td colSpan={iterations ? 6 : 5} />
            </tr>
          )}
          {rows.slice(first, last).map((row, offset) => {
            const index = first + offset
            return (
              <Row
                key={row.key}
                row={row}
                index={index}
                iterations={iterations}
                selected={row.key === selectedKey}
                tabbable={index === current}
                register={(element) => {
                  if (element) buttons.current.set(index, element)
                  else buttons.current.delete(index)
                }}
                onSelect={(target) => {
                  setActive(index)
                  onSelect(target)
                }}
                onOpen={onOpen}
              />
            )
          })}
          {last < rows.length && (
            <tr aria-hidden="true" className="rn-spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }}>
              <td colSpan={iterations ? 6 : 5} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

interface RowProps {
  row: ResultRow
  index: number
  iterations: boolean
  selected: boolean
  tabbable: boolean
  register(element: HTMLButtonElement | null): void
  onSelect(row: ResultRow): void
  onOpen(row: ResultRow): void
}

function Row({ row, index, iterations, selected, tabbable, register, onSelect, onOpen }: RowProps) {
  const outcome = rowOutcome(row)
  const cells = describe(row)
  return (
    <tr
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      className={`rn-row rn-row-${outcome}${selected ? ' rn-row-selected' : ''}`}
      style={{ height: ROW_HEIGHT }}
      onClick={() => onSelect(row)}
      onDoubleClick={() => onOpen(row)}
    >
      <td className="rn-col-outcome">
        <span className={`rn-outcome rn-outcome-${outcome}`}>
          <span aria-hidden="true">{OUTCOME_MARK[outcome]}</span> {OUTCOME_TEXT[outcome]}
        </span>
      </td>
      {iterations && <td className="rn-col-iteration rn-num">{cells.iteration}</td>}
      <td className="rn-col-request">
        <button
          ref={register}
          type="button"
          className="rn-row-button"
          tabIndex={tabbable ? 0 : -1}
          title={`${cells.name}\n${cells.where}\nEnter: details · Shift+Enter or double-click: open in a tab`}
          onClick={(event) => {
            event.stopPropagation()
            onSelect(row)
          }}
        >
          {cells.name}
        </button>
        <span className="rn-row-where">
          {cells.method && <span className={`rn-method rn-method-${cells.method.toLowerCase()}`}>{cells.method}</span>} {cells.where}
        </span>
      </td>
      <td className="rn-col-status">
        <span className={`rn-status rn-status-${cells.statusTone}`}>{cells.status}</span>
        {cells.statusDetail && <span className="rn-row-where">{cells.statusDetail}</span>}
      </td>
      <td className="rn-col-time rn-num">{cells.time}</td>
      <td className="rn-col-checks">
        <span className="rn-checks">{cells.checks}</span>
        {cells.failure && (
          <span className="rn-row-failure" title={cells.failure}>
            {cells.failure}
          </span>
        )}
      </td>
    </tr>
  )
}

interface Cells {
  iteration: string
  name: string
  method?: string
  where: string
  status: string
  statusDetail?: string
  statusTone: 'ok' | 'error' | 'none'
  time: string
  checks: string
  failure?: string
}

function describe(row: ResultRow): Cells {
  if (row.kind === 'data-error') {
    const where = row.problem.line !== undefined ? `line ${row.problem.line} of the data file` : 'the data file'
    return { iteration: String(row.problem.iteration), name: `Data row ${row.problem.iteration}`, where, status: '—', statusTone: 'none', time: '—', checks: 'Not run', failure: row.problem.message }
  }
  if (row.kind === 'not-run') {
    return { iteration: String(row.iteration), name: row.request.name, method: row.request.method, where: row.request.path, status: '—', statusTone: 'none', time: '—', checks: 'Did not start' }
  }
  const { result } = row
  const failed = result.assertions.filter((assertion) => !assertion.passed).length
  const passed = result.assertions.length - failed
  const checks =
    result.assertions.length === 0
      ? result.outcome === 'cancelled'
        ? 'Not checked'
        : 'No assertions'
      : failed === 0
        ? `${formatCount(passed)} passed`
        : `${formatCount(failed)} failed, ${formatCount(passed)} passed`
  return {
    iteration: String(result.iteration),
    name: result.name || result.path,
    method: result.method,
    where: result.path,
    status: result.status !== undefined ? String(result.status) : result.outcome === 'cancelled' ? 'Cancelled' : 'No answer',
    ...(result.status !== undefined && result.statusText ? { statusDetail: result.statusText } : result.error ? { statusDetail: result.error.code } : {}),
    statusTone: result.status === undefined ? (result.outcome === 'cancelled' ? 'none' : 'error') : result.status >= 400 ? 'error' : 'ok',
    time: result.outcome === 'cancelled' && result.status === undefined ? '—' : duration(result.durationMs),
    checks,
    ...(result.outcome === 'failed' ? { failure: firstFailure(result) } : {})
  }
}

function formatCount(count: number): string {
  return new Intl.NumberFormat('en').format(count)
}
