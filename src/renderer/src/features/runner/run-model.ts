// What a run is in the Run view, as plain data and pure functions (the store and the components use them; the
// tests check them directly): what a target selects from a collection, the settings a person chooses, the rows
// of the results table (results, data rows that could not be read, requests that never ran) and the counts.
import { requestsInOrder, type CollectionItem } from '@shared/collections/collection-model'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { MAX_RUN_CONCURRENCY, type DataRowProblem, type RequestRunResult, type RunStartInput, type RunSummary } from '@shared/ipc/runner.contract'
import type { RequestVariable } from '@shared/requests/request-spec'

/** What a run runs: a collection on disk, one folder of it, or some of its requests (a re-run of failures). */
export interface RunTarget {
  root: string
  /** A folder path relative to the root; absent = the whole collection. */
  folder?: string
  /** Only these requests (paths relative to the root), still in collection order. */
  requestPaths?: string[]
  /** How a selection of requests came to be, e.g. "the 2 failed requests of Run 1". */
  selectionLabel?: string
}

export interface RunDataFile {
  fileName: string
  text: string
  bytes: number
}

export interface RunSettings {
  /** Absent: the profile active in the app when the run starts. */
  profileId?: string
  /** An environment of the collection by name; absent = the one tied to the profile. */
  environment?: string
  mode: 'iterations' | 'data'
  /** As typed (validated by `settingsProblems`). */
  iterations: string
  data?: RunDataFile
  concurrency: string
  delayMs: string
  bail: boolean
  /** Run-time values (a re-run of failures carries the values the first run captured). */
  variables: RequestVariable[]
}

export const DEFAULT_SETTINGS: RunSettings = { mode: 'iterations', iterations: '1', concurrency: '1', delayMs: '0', bail: false, variables: [] }

/** The most iterations one run takes (the contract's limit). */
export const MAX_ITERATIONS = 100_000
export const MAX_DELAY_MS = 600_000
/** The app hands a data file over as text; past this the loopback transport would refuse the call. */
export const MAX_DATA_FILE_BYTES = 16 * 1024 * 1024

export interface PlannedRequest {
  path: string
  name: string
  method: string
  /** The folder chain's names, `Publish a library` (empty at the root). */
  folderNames: string
}

/** A folder the Run view offers to run, with its depth for indentation and how many requests it holds. */
export interface RunnableFolder {
  path: string
  /** "Explore a property / Rules" */
  label: string
  requests: number
}

/** The requests a target runs, in run order (folders depth-first by seq, as the runner plans them). */
export function plannedRequests(view: Pick<CollectionView, 'items'>, target: Pick<RunTarget, 'folder' | 'requestPaths'>): PlannedRequest[] {
  const wanted = target.requestPaths ? new Set(target.requestPaths) : undefined
  const prefix = target.folder ? `${target.folder}/` : undefined
  return requestsInOrder(view.items)
    .filter(({ item }) => (!prefix || item.path.startsWith(prefix)) && (!wanted || wanted.has(item.path)))
    .map(({ item, folders }) => ({ path: item.path, name: item.spec.name || item.path, method: item.spec.method, folderNames: folders.map((folder) => folder.name).join(' / ') }))
}

/** Every folder of a collection, depth-first by seq, with the number of requests under it. */
export function runnableFolders(items: readonly CollectionItem[], chain: readonly string[] = []): RunnableFolder[] {
  const out: RunnableFolder[] = []
  const seq = (item: CollectionItem) => (item.kind === 'unreadable' ? Number.MAX_SAFE_INTEGER : item.seq)
  for (const item of [...items].sort((a, b) => seq(a) - seq(b))) {
    if (item.kind !== 'folder') continue
    const names = [...chain, item.name]
    out.push({ path: item.path, label: names.join(' / '), requests: requestsInOrder(item.items).length })
    out.push(...runnableFolders(item.items, names))
  }
  return out
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  return value >= min && value <= max ? value : undefined
}

export interface SettingsProblems {
  iterations?: string
  data?: string
  concurrency?: string
  delayMs?: string
}

const numbers = new Intl.NumberFormat('en')

/** One sentence per field that cannot run as it is; empty when the run can start. */
export function settingsProblems(settings: RunSettings): SettingsProblems {
  const problems: SettingsProblems = {}
  if (settings.mode === 'iterations' && wholeNumber(settings.iterations, 1, MAX_ITERATIONS) === undefined) {
    problems.iterations = `Iterations is a whole number from 1 to ${numbers.format(MAX_ITERATIONS)}.`
  }
  if (settings.mode === 'data' && !settings.data) problems.data = 'Choose a CSV or JSON file, or switch to a number of iterations.'
  if (wholeNumber(settings.concurrency, 1, MAX_RUN_CONCURRENCY) === undefined) problems.concurrency = `Concurrency is a whole number from 1 to ${MAX_RUN_CONCURRENCY}.`
  if (wholeNumber(settings.delayMs, 0, MAX_DELAY_MS) === undefined) problems.delayMs = `The delay is a whole number of milliseconds from 0 to ${numbers.format(MAX_DELAY_MS)}.`
  return problems
}

/** Why a picked file cannot be a data file, before it is read (its size and name), or undefined. */
export function dataFileProblem(file: { name: string; size: number }): string | undefined {
  if (file.size === 0) return `“${file.name}” is empty: a data file has a header row (CSV) or an array of objects (JSON).`
  if (file.size > MAX_DATA_FILE_BYTES) {
    return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the app runs data files of at most 16 MB. Run bigger ones with reactor-explorer run --data.`
  }
  if (!/\.(csv|json|txt)$/i.test(file.name)) return `“${file.name}” is neither a .csv nor a .json file: a data file is a CSV with a header row or a JSON array of objects.`
  return undefined
}

/** The contract input of a run (settings already checked by `settingsProblems`). */
export function startInput(runId: string, target: RunTarget, settings: RunSettings, profileId: string | undefined): RunStartInput {
  return {
    runId,
    collectionRoot: target.root,
    ...(target.folder ? { folder: target.folder } : {}),
    ...(target.requestPaths ? { requestPaths: target.requestPaths } : {}),
    ...(profileId ? { profileId } : {}),
    ...(settings.environment ? { environment: settings.environment } : {}),
    ...(settings.mode === 'data' && settings.data ? { data: { fileName: settings.data.fileName, text: settings.data.text } } : { iterations: Number(settings.iterations.trim()) }),
    concurrency: Number(settings.concurrency.trim()),
    delayMs: Number(settings.delayMs.trim()),
    bail: settings.bail,
    variables: settings.variables
  }
}

// ---- results --------------------------------------------------------------------------------------------

export type ResultRow =
  | { kind: 'result'; key: string; result: RequestRunResult }
  | { kind: 'data-error'; key: string; problem: DataRowProblem }
  | { kind: 'not-run'; key: string; iteration: number; request: PlannedRequest }

export type RowOutcome = 'passed' | 'failed' | 'cancelled' | 'not-run'

export function rowOutcome(row: ResultRow): RowOutcome {
  if (row.kind === 'result') return row.result.outcome
  return row.kind === 'data-error' ? 'failed' : 'not-run'
}

export function isFailure(row: ResultRow): boolean {
  return rowOutcome(row) === 'failed'
}

/** Inserts `result` into `results` (kept sorted by start index: with concurrency, answers come out of order). */
export function insertResult(results: RequestRunResult[], result: RequestRunResult): void {
  let at = results.length
  while (at > 0 && results[at - 1]!.index > result.index) at--
  results.splice(at, 0, result)
}

/**
 * The table's rows: results in start order, each data row that could not be read in its iteration's place, and
 * — once a run was stopped early — the requests that never started (when the plan is known: no data file).
 */
export function resultRows(results: readonly RequestRunResult[], dataErrors: readonly DataRowProblem[], notRun: ReadonlyArray<{ iteration: number; request: PlannedRequest }> = []): ResultRow[] {
  const rows: ResultRow[] = []
  const errors = [...dataErrors].sort((a, b) => a.iteration - b.iteration)
  let next = 0
  for (const result of results) {
    while (next < errors.length && errors[next]!.iteration <= result.iteration) {
      const problem = errors[next++]!
      rows.push({ kind: 'data-error', key: `data-${problem.iteration}`, problem })
    }
    rows.push({ kind: 'result', key: `result-${result.index}`, result })
  }
  for (; next < errors.length; next++) rows.push({ kind: 'data-error', key: `data-${errors[next]!.iteration}`, problem: errors[next]! })
  for (const item of notRun) rows.push({ kind: 'not-run', key: `not-run-${item.iteration}-${item.request.path}`, iteration: item.iteration, request: item.request })
  return rows
}

/** The most "not run" rows listed (a stopped 100,000-iteration run says how many, and lists the first ones). */
export const MAX_NOT_RUN_ROWS = 2000

/** Which planned requests of which iteration never started, for a run of `iterations` repeats of `plan`. */
export function requestsNotRun(plan: readonly PlannedRequest[], iterations: number, results: readonly RequestRunResult[]): Array<{ iteration: number; request: PlannedRequest }> {
  const ran = new Set(results.map((result) => `${result.iteration}\u0000${result.path}`))
  const out: Array<{ iteration: number; request: PlannedRequest }> = []
  for (let iteration = 1; iteration <= iterations && out.length < MAX_NOT_RUN_ROWS; iteration++) {
    for (const request of plan) {
      if (!ran.has(`${iteration}\u0000${request.path}`)) out.push({ iteration, request })
      if (out.length >= MAX_NOT_RUN_ROWS) break
    }
  }
  return out
}

export interface RunCounts {
  done: number
  passed: number
  failed: number
  cancelled: number
  assertionsPassed: number
  assertionsFailed: number
}

export const NO_COUNTS: RunCounts = { done: 0, passed: 0, failed: 0, cancelled: 0, assertionsPassed: 0, assertionsFailed: 0 }

export function countResult(counts: RunCounts, result: RequestRunResult): RunCounts {
  const failedChecks = result.assertions.filter((assertion) => !assertion.passed).length
  return {
    done: counts.done + 1,
    passed: counts.passed + (result.outcome === 'passed' ? 1 : 0),
    failed: counts.failed + (result.outcome === 'failed' ? 1 : 0),
    cancelled: counts.cancelled + (result.outcome === 'cancelled' ? 1 : 0),
    assertionsPassed: counts.assertionsPassed + result.assertions.length - failedChecks,
    assertionsFailed: counts.assertionsFailed + failedChecks
  }
}

/** The distinct requests that failed, in run order: what "Re-run failed" runs. */
export function failedPaths(results: readonly RequestRunResult[]): string[] {
  return [...new Set(results.filter((result) => result.outcome === 'failed').map((result) => result.path))]
}

/**
 * The values a run captured (the last of each name), as run-time variables for a re-run of its failures: a
 * failed "Get a property" still finds the `{{propertyId}}` that "List properties" captured before it. Values
 * the runner masked (a secret) or cut (over 500 characters) are left out: they would be wrong.
 */
export function capturedVariables(results: readonly RequestRunResult[], base: readonly RequestVariable[] = []): RequestVariable[] {
  const values = new Map<string, string>()
  for (const variable of base) if (variable.value !== undefined) values.set(variable.name, variable.value)
  for (const result of results) {
    for (const capture of result.captures) {
      if (!capture.captured || capture.value === undefined || capture.value.includes('••') || capture.value.length >= 500) continue
      values.set(capture.name, capture.value)
    }
  }
  return [...values].slice(0, 500).map(([name, value]) => ({ name, value, enabled: true }))
}

/** The first failing check of a result, as shown in its row. */
export function firstFailure(result: RequestRunResult): string | undefined {
  if (result.error) return result.error.message
  const assertion = result.assertions.find((candidate) => !candidate.passed)
  if (assertion) return assertion.message
  return result.captures.find((capture) => !capture.captured && capture.message)?.message
}

/** How a run ended, in one sentence (undefined while it goes). */
export function endSentence(summary: RunSummary, notRunListed: number): string {
  const ran = summary.requests.total - summary.requests.cancelled
  const notRun = summary.requests.notRun
  const notRunText = notRun === undefined ? 'the rest of the data file was not read' : notRun > 0 ? `${numbers.format(notRun)} did not start` : ''
  const listed = notRun !== undefined && notRun > notRunListed && notRunListed > 0 ? ` (the first ${numbers.format(notRunListed)} are listed)` : ''
  const tail = [summary.requests.cancelled > 0 ? `${numbers.format(summary.requests.cancelled)} cancelled in flight` : '', notRunText ? `${notRunText}${listed}` : ''].filter(Boolean).join(', ')
  switch (summary.stoppedBy) {
    case 'cancel':
      return `Stopped by you: ${numbers.format(ran)} ran${tail ? `, ${tail}` : ''}.`
    case 'bail':
      return `Stopped after the first failure (“Stop at the first failure” is on): ${numbers.format(ran)} ran${tail ? `, ${tail}` : ''}.`
    case 'network':
      return 'Stopped: the network failed before any answer came. Check the host, the proxy in Network settings, or whether the Sandbox is running.'
    case 'credential':
      return 'Stopped: no token could be obtained for this profile. Test the credential in Profiles (the Credential Doctor says why).'
    default:
      return summary.outcome === 'passed' ? 'Every request answered and every check passed.' : 'Finished with failures: filter to them, open one in a tab, or re-run only the failed requests.'
  }
}
