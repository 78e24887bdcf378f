import { z } from 'zod'
import { RequestVariable } from '../requests/request-spec'
import { channel } from './define'

// The `runner` capability: run a collection, a folder or a selection of its requests against a profile,
// through the same send pipeline as every other request (src/main/core/runner/). The app's Run view starts a
// run and follows it through `runner:progress`; the CLI (`reactor-explorer run`) calls the same core directly
// and writes the same results as cli/json/junit/html reports. Nothing here carries a token or a secret.

export const MAX_RUN_CONCURRENCY = 64
/**
 * The largest data file the renderer hands over as text (a person picked it; browser mode cannot name a path).
 * 16 MB keeps the JSON-encoded call under the loopback transport's 32 MB body cap; a typical CSV row of the
 * starter's variables is ~90 bytes, so that is ~180,000 rows. Bigger files run from the CLI (`--data`).
 */
export const MAX_RUN_DATA_TEXT_CHARS = 16 * 1024 * 1024

/** A data file the renderer read: its name (for CSV vs JSON) and its text. */
export const RunDataText = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'the name of the data file')
    .max(255)
    .refine((name) => !/[\\/\0]/.test(name), 'a file name without / or \\ (the file itself is sent as text)'),
  text: z.string().min(1, 'the data file is empty').max(MAX_RUN_DATA_TEXT_CHARS, 'data files of at most 16 MB run in the app; run bigger ones with `reactor-explorer run --data`')
})

export const RunStartInput = z
  .object({
    /** Chosen by the caller; names the run for cancel and progress events. */
    runId: z.string().min(1).max(64),
    /** The collection folder on disk (as the Collections area opened it). */
    collectionRoot: z.string().min(1).max(4096),
    /** Run only this folder (its path relative to the collection root, e.g. `publish`). */
    folder: z.string().max(4096).optional(),
    /** Run only these requests (paths relative to the root), still in collection order. */
    requestPaths: z.array(z.string().min(1).max(4096)).max(5000).optional(),
    profileId: z.string().max(128).optional(),
    /** The collection environment by name; default: the one tied to the profile. */
    environment: z.string().max(200).optional(),
    /** Runs of the whole selection; ignored with a data file (one iteration per row). */
    iterations: z.number().int().min(1).max(100_000).default(1),
    /** A CSV (header row) or JSON (array of objects) file: one iteration per row, values as run variables. */
    dataFile: z.string().max(4096).optional(),
    /** The same, as the text of a file the person picked in the renderer (not with `dataFile`). */
    data: RunDataText.optional(),
    concurrency: z.number().int().min(1).max(MAX_RUN_CONCURRENCY).default(1),
    /** Pause after each request, before the next one starts. */
    delayMs: z.number().int().min(0).max(600_000).default(0),
    /** Stop starting requests after the first failure. */
    bail: z.boolean().default(false),
    /** Each request's timeout (headers and idle body); default: the request's own, else Network settings. */
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    /** Run-time values (lowest of the run-time values: data rows and captures win over them). */
    variables: z.array(RequestVariable).max(500).default([]),
    /** Write the captured values back into the environment at the end of the run. */
    saveEnvironment: z.boolean().default(false)
  })
  .refine((input) => input.dataFile === undefined || input.data === undefined, 'give the data file as a path (dataFile) or as its text (data), not both')
export type RunStartInput = z.input<typeof RunStartInput>

export const RunCancelInput = z.object({ runId: z.string().min(1).max(64) })

export const RUN_REPORT_FORMATS = ['json', 'junit', 'html'] as const
export type RunReportFormat = (typeof RUN_REPORT_FORMATS)[number]

/**
 * A finished run's report, in the same formats the CLI writes (report.json, junit.xml, report.html). The app
 * keeps the reports of its runs until the Run view closes them (runner:discardReport) or the app quits.
 */
export const RunExportInput = z.object({
  runId: z.string().min(1).max(64),
  format: z.enum(RUN_REPORT_FORMATS),
  /** `file`: main asks where to save (the app's dialog) and writes it; `download`: the text comes back (browser mode). */
  destination: z.enum(['file', 'download']).default('file')
})
export type RunExportInput = z.input<typeof RunExportInput>

export interface RunReportExport {
  saved: boolean
  path?: string
  /** `destination: 'download'`: the report itself, already redacted like the saved file. */
  download?: { fileName: string; mimeType: string; text: string }
}

/** What kind of check an assertion is (how it is shown and counted). */
export type AssertionKind = 'status' | 'header' | 'json-path' | 'response-time' | 'json-api' | 'body' | 'poll' | 'invalid'

export interface AssertionResult {
  kind: AssertionKind
  /** As stored: `res.status`, `res.headers.content-type`, `$.data[0].id`, `res.body.data.id`, `res.responseTime`. */
  expression: string
  /** Bruno's operator names (`eq`, `neq`, `lt`, `in`, `contains`, `matches`, `length`, `isDefined`...) and ours (`type`, `isJsonApi`). */
  operator: string
  /** The expected value as written, `{{variables}}` resolved. */
  expected?: string
  passed: boolean
  /** The actual value as JSON text (cut at 500 characters); absent when nothing was found. */
  actual?: string
  /** One sentence: what was expected and what came. */
  message: string
  /** Added by the runner (a request without a status assertion must not answer 4xx/5xx). */
  implicit?: boolean
}

export interface CaptureResult {
  /** The run variable set. */
  name: string
  /** Where it was read: `$.data.id`, `res.headers.location`, `res.status`. */
  expression: string
  captured: boolean
  /** The value captured (cut at 500 characters); known secrets masked. */
  value?: string
  message?: string
  /** `script`: recognised in an imported Postman/Bruno script and run as a declarative capture. */
  origin: 'action' | 'script'
}

export interface ScriptNotRun {
  /** `before-request`, `after-response`, `tests`... */
  type: string
  reason: string
}

export interface RunWait {
  reason: 'retry-after' | 'retry' | 'poll'
  /** How long the runner waited, when known. */
  ms?: number
  message: string
}

export type RequestOutcome = 'passed' | 'failed' | 'cancelled'

export interface RequestRunResult {
  /** Position in the run, 0-based, in start order (with concurrency, results may arrive out of order). */
  index: number
  /** 1-based; the data-file row or the repeat number. */
  iteration: number
  /** The request's file, relative to the collection root. */
  path: string
  name: string
  /** The folder chain, `a/b` (empty at the root). */
  folder: string
  method: string
  /** The URL as sent (after redirects), known secrets masked. */
  url: string
  outcome: RequestOutcome
  status?: number
  statusText?: string
  startedAt: string
  /** Whole step: every attempt, poll and page included. */
  durationMs: number
  /** HTTP attempts (retries and polls included). */
  attempts: number
  /** The runner's own id for this send (also in history). */
  requestId: string
  /** Adobe's x-request-id of the last answer, for support tickets. */
  adobeRequestId?: string
  assertions: AssertionResult[]
  captures: CaptureResult[]
  scriptsNotRun: ScriptNotRun[]
  waits: RunWait[]
  /** Pages fetched for a `paginate: all` request. */
  pages?: number
  /** Why there is no answer (network, credential, unresolved variable, cancelled). */
  error?: { code: string; message: string }
}

export interface DataRowProblem {
  iteration: number
  /** 1-based line of the data file where the row is. */
  line?: number
  message: string
}

export interface RunCounts {
  total: number
  passed: number
  failed: number
}

export interface RunSummary {
  runId: string
  collection: { name: string }
  profile: { id?: string; name?: string }
  environment?: string
  startedAt: string
  finishedAt: string
  durationMs: number
  outcome: 'passed' | 'failed' | 'cancelled'
  /** Why the run ended early: `bail` after a failure, `cancel`, or a `network` / `credential` failure before any answer. */
  stoppedBy?: 'bail' | 'cancel' | 'network' | 'credential'
  requests: RunCounts & {
    cancelled: number
    /** Planned but never started (bail, cancel); unknown for a data file that was not read to its end. */
    notRun: number | undefined
    /** Requests that got an HTTP answer (whatever its status). */
    answered: number
  }
  assertions: RunCounts
  iterations: { total: number; failed: number }
  /** Data-file rows that could not be read (the run went on); the first 100. */
  dataErrors: DataRowProblem[]
  dataErrorCount: number
  /** Failed requests + failed data rows. */
  failures: number
  /** Imported scripts that were reported and not run, counted over the run. */
  scriptsNotRun: number
  notes: string[]
}

export type RunProgress =
  | { runId: string; type: 'started'; requestsPerIteration: number; iterations?: number; startedAt: string }
  | { runId: string; type: 'request'; index: number; iteration: number; path: string; name: string }
  | { runId: string; type: 'waiting'; index: number; path: string; wait: RunWait }
  | { runId: string; type: 'result'; result: RequestRunResult; done: number; failed: number }
  | { runId: string; type: 'data-error'; problem: DataRowProblem }
  | { runId: string; type: 'finished'; summary: RunSummary }

export const runnerContract = {
  'runner:start': channel<RunSummary>()(RunStartInput),
  'runner:cancel': channel<{ cancelled: boolean }>()(RunCancelInput),
  'runner:exportReport': channel<RunReportExport>()(RunExportInput),
  /** The Run view closed a run's results: its kept reports are deleted. */
  'runner:discardReport': channel<{ discarded: boolean }>()(RunCancelInput)
}

export interface RunnerEventPayloads {
  'runner:progress': RunProgress
}
