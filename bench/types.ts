/** One printed row: a `case` label plus any measured columns (numbers are printed with units in the column name). */
export interface Row {
  case: string
  [column: string]: string | number
}

/** What every bench module exports as default: `bench/run.ts` runs them in order and prints one table each. */
export interface BenchModule {
  name: string
  run(): Promise<Row[]>
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
