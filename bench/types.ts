// The shape every bench module speaks, so `npm run bench` can print one table for all of them.
//
// A module measures its own warm-up and repetitions and returns goal rows (one line each in the table:
// benchmark, ours, the peer measured in the same run, the ratio, the goal, met/missed) plus any detail rows
// it wants printed above the table. Figures are for reading, never asserted: nothing in `npm test` times
// anything.

/** One detail row: a `case` label plus any measured columns (units in the column names). */
export interface Row {
  case: string
  [column: string]: string | number
}

/**
 * What a goal row is held against:
 *  - `ratio`: ours ÷ peer (a time: at most; a rate such as req/s: at least);
 *  - `ours`: our own figure, in the benchmark's unit;
 *  - `over-peer`: ours − peer, in the benchmark's unit (e.g. "status shown ≤ 150 ms after the headers").
 */
export interface Goal {
  of: 'ratio' | 'ours' | 'over-peer'
  atMost?: number
  atLeast?: number
}

/** One line of the table. Numbers are in the unit the benchmark names last, in parentheses: `(ms)`, `(MB)`, `(req/s)`. */
export interface GoalRow {
  /** What was measured and against whom, ending in its unit: `executor vs undici.request · 1 KB JSON · median (ms)`. */
  benchmark: string
  /** Our figure; undefined when it could not be measured here (the note says why). */
  ours: number | undefined
  /** The peer's figure from the same run; undefined when no peer runs here (the note says why). */
  peer?: number
  /** ours ÷ peer; computed when both are there and the module gives none. */
  ratio?: number
  goal: Goal
  /** Computed from the goal when the module gives none; undefined when it cannot be told (a figure is missing). */
  met?: boolean
  /** Why a figure is missing, what the peer is, or how the figure was taken. */
  note?: string
}

export interface BenchResult {
  rows: GoalRow[]
  /** Printed above the table as the module's own detail table (p95s, each size, each repetition...). */
  details?: Row[]
}

/**
 * What every bench module exports as default. Register it in `bench/run.ts` (one import, one entry in
 * `modules`); `npm run bench -- <name>` runs the modules whose name contains <name>.
 */
export interface BenchModule {
  name: string
  /** Bare `Row[]` (the shape before goal rows) is still taken, printed as details only. */
  run(): Promise<BenchResult | Row[]>
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50)
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
