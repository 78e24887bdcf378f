// The collection runner: sends a collection's requests (a plan: collection, folder or selection) in collection
// order through the one send pipeline — never HTTP code of its own — and checks each answer. Shared by the
// app (runner:start) and the CLI (`reactor-explorer run`).
//
//   per request: effectiveSpec (inherited headers/auth) + scopes (folder < collection < environment < run)
//     → SendPipeline.send (source 'runner': history records it; 429/5xx retried after Retry-After; 401 → one
//       token refresh) or fetch-all pages for `paginate: all`
//     → poll again while `poll.until` does not hold (bounded)  → assertions → captures into run variables
//
// Sequential by default; with `concurrency` N up to N requests are in flight, started in order; a request
// that uses a variable another request captures waits for that one, and writes keep their order (run-plan.ts). Iterations come from `iterations` or a
// data file, read a row at a time. Bail stops starting requests after a failure; cancel aborts what is in
// flight at once, and the results say which requests ran.
import { performance } from 'node:perf_hooks'
import { effectiveSpec, scopesFor, type Collection, type Environment } from '../../../shared/collections/collection-model'
import { AppError } from '../../../shared/errors'
import type { HttpResponse, RequestProgress } from '../../../shared/ipc/requests.contract'
import type {
  AssertionResult,
  CaptureResult,
  DataRowProblem,
  RequestRunResult,
  RunProgress,
  RunSummary,
  RunWait
} from '../../../shared/ipc/runner.contract'
import type { RequestSpec, RequestVariable } from '../../../shared/requests/request-spec'
import { variableTable, type VariableScopes } from '../../../shared/requests/variables'
import type { SecretsNeeded } from '../collections/collection-secrets'
import type { BodyStore } from '../http/body-store'
import type { HttpExecutor } from '../http/executor'
import { fetchAllPages } from '../http/fetch-all-pages'
import { abortableDelay } from '../http/request-registry'
import { isIdempotent } from '../http/retry-policy'
import type { SendPipeline } from '../requests/send-pipeline'
import type { SecretRegistry } from '../security/secret-registry'
import { evaluateAssertion, hasStatusAssertion, IMPLICIT_STATUS, type Interpolate } from './assertions'
import { readCapture } from './captures'
import type { DataRow, DataSource } from './data-file'
import { failureKind } from './failure-kind'
import { planRun, type RunPlan, type RunStep, type Selection } from './run-plan'
import { registryRedact, ResponseValues, type Redact, type ResponseView } from './response-values'

export interface RunnerDeps {
  pipeline: SendPipeline
  /** For `paginate: all` (the fetch-all pages of the requests capability). */
  executor: HttpExecutor
  bodies: BodyStore
  secrets: SecretRegistry
  /**
   * Lends a collection's secret variable values (keychain) to one send until the returned release is called
   * (the collections capability's CollectionSecrets.lend); without it secret variables stay unresolved.
   */
  lendSecrets?: (requestId: string, needed: SecretsNeeded) => Promise<() => void>
}

export interface RunOptions extends Selection {
  runId: string
  collection: Collection
  profileId?: string
  profileName?: string
  environment?: Environment
  /** Repeats of the selection (default 1); ignored with `data`. */
  iterations?: number
  /** One iteration per row. */
  data?: DataSource
  concurrency?: number
  delayMs?: number
  bail?: boolean
  /** Overrides each request's own timeout. */
  timeoutMs?: number
  /** Run-time values given for the whole run (`--var`); rows and captures win over them. */
  variables?: readonly RequestVariable[]
  signal?: AbortSignal
  onProgress?: (progress: RunProgress) => void
}

export interface RunOutcome {
  summary: RunSummary
  /** Every captured value, the last one of each name (what `--save-env` writes). */
  captured: Map<string, string>
}

/**
 * Bodies up to this size stay in memory for the checks; a larger one is kept in a file by the executor and its
 * body checks fail with a sentence saying so. 64 MiB holds a merged fetch-all of ~60,000 Reactor resources.
 */
export const RUNNER_MAX_INLINE_BODY_BYTES = 64 * 1024 * 1024

/** A non-idempotent request answered 429 is sent again at most this often, after its Retry-After. */
const MAX_RATE_LIMIT_RESENDS = 2
const MAX_RETRY_AFTER_MS = 30_000
const MAX_DATA_ERRORS_KEPT = 100

interface Deferred {
  promise: Promise<void>
  resolve: () => void
}

function deferred(): Deferred {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

interface IterationState {
  number: number
  row: RequestVariable[]
  captured: Map<string, string>
  done: Deferred[]
}

interface Unit {
  index: number
  iteration: IterationState
  step: RunStep
}

function asVariables(values: Record<string, string> | Map<string, string>): RequestVariable[] {
  const entries = values instanceof Map ? [...values] : Object.entries(values)
  return entries.map(([name, value]) => ({ name, value, enabled: true }))
}

/** The retry wait in an executor progress message ("429 from host; retrying in 1.0 s."), when it says one. */
function waitFromProgress(progress: RequestProgress): RunWait {
  const seconds = /retrying in ([\d.]+) s/.exec(progress.message ?? '')?.[1]
  return {
    reason: /^429\b/.test(progress.message ?? '') ? 'retry-after' : 'retry',
    ...(seconds !== undefined ? { ms: Math.round(Number(seconds) * 1000) } : {}),
    message: progress.message ?? 'retrying'
  }
}

function bodyOf(response: HttpResponse): Pick<ResponseView, 'bodyText' | 'bodyTooLargeBytes'> {
  if (response.body.kind === 'inline') return { bodyText: response.body.text }
  if (response.body.kind === 'file') return { bodyText: undefined, bodyTooLargeBytes: response.body.bytes }
  return { bodyText: undefined }
}

export class CollectionRunner {
  /**
   * The last plan checked for each collection document: the CLI and runner:start check the selection before
   * anything is sent, then run it; planning 500 requests (each one's references, the waits) took 20–40 ms of
   * the CLI's start-up, twice. Collections are documents (a new object when anything changes), so the same
   * object with the same selection has the same plan.
   */
  private readonly checked = new WeakMap<Collection, { key: string; plan: RunPlan }>()

  constructor(private readonly deps: RunnerDeps) {}

  /** Checks the selection without sending anything (throws the AppError a run would). */
  plan(collection: Collection, selection: Selection = {}): RunPlan {
    const key = selectionKey(selection)
    const hit = this.checked.get(collection)
    if (hit && hit.key === key) return hit.plan
    const plan = planRun(collection, selection)
    this.checked.set(collection, { key, plan })
    return plan
  }

  async run(options: RunOptions): Promise<RunOutcome> {
    const plan = this.plan(options.collection, options)
    return new Run(this.deps, options, plan).execute()
  }
}

function selectionKey(selection: Selection): string {
  return JSON.stringify([selection.folder ?? null, selection.requestPaths ?? null])
}

class Run {
  private readonly started = Date.now()
  private readonly startedClock = performance.now()
  private readonly controller = new AbortController()
  private readonly concurrency: number
  private readonly captured = new Map<string, string>()
  private readonly dataErrors: DataRowProblem[] = []
  private dataErrorCount = 0
  private stopping = false
  private stoppedBy: RunSummary['stoppedBy']
  private unitCounter = 0
  private nextIteration = 1
  private current: IterationState | undefined
  private nextStep = 0
  private rows: AsyncIterator<DataRow> | undefined
  private rowsExhausted = false
  private pullQueue: Promise<unknown> = Promise.resolve()
  private readonly counts = { total: 0, passed: 0, failed: 0, cancelled: 0, answered: 0 }
  private readonly assertionCounts = { total: 0, passed: 0, failed: 0 }
  private readonly failedIterations = new Set<number>()
  private iterationsStarted = 0
  private scriptsNotRun = 0
  private readonly notes: string[] = []
  /** Shown values are masked before they are cut (a half token is not recognised by the registry). */
  private readonly redact: Redact

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: RunOptions,
    private readonly plan: RunPlan
  ) {
    this.redact = registryRedact(deps.secrets)
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1))
    const outer = options.signal
    if (outer) {
      if (outer.aborted) this.controller.abort()
      else outer.addEventListener('abort', () => this.cancel(), { once: true })
    }
    for (const item of plan.unreadable) this.notes.push(`Not run, the file could not be read: ${item.path}: ${item.message}`)
  }

  private emit(progress: RunProgress): void {
    try {
      this.options.onProgress?.(progress)
    } catch {
      // A listener that fails (a closed output) must not break the run.
    }
  }

  private cancel(): void {
    if (!this.stoppedBy) this.stoppedBy = 'cancel'
    this.stopping = true
    this.controller.abort()
  }

  private stop(reason: NonNullable<RunSummary['stoppedBy']>): void {
    if (!this.stopping) this.stoppedBy = reason
    this.stopping = true
  }

  async execute(): Promise<RunOutcome> {
    const { options, plan } = this
    this.rows = options.data?.rows()[Symbol.asyncIterator]()
    const iterations = options.data ? undefined : Math.max(1, Math.floor(options.iterations ?? 1))
    this.emit({ runId: options.runId, type: 'started', requestsPerIteration: plan.steps.length, ...(iterations ? { iterations } : {}), startedAt: new Date(this.started).toISOString() })

    const worker = async () => {
      let first = true
      for (;;) {
        if (!first && (options.delayMs ?? 0) > 0 && !this.stopping) {
          await abortableDelay(options.delayMs!, this.controller.signal).catch(() => undefined)
        }
        const unit = await this.pull(iterations)
        if (!unit) return
        first = false
        await this.runUnit(unit)
      }
    }
    try {
      await Promise.all(Array.from({ length: this.concurrency }, worker))
    } finally {
      await this.rows?.return?.(undefined).catch(() => undefined)
    }
    const summary = this.summary(iterations)
    this.emit({ runId: options.runId, type: 'finished', summary })
    return { summary, captured: new Map(this.captured) }
  }

  /** The next request to start, in order (serialised: rows are read one at a time). */
  private pull(iterations: number | undefined): Promise<Unit | undefined> {
    const next = this.pullQueue.then(() => this.pullNow(iterations))
    this.pullQueue = next.catch(() => undefined)
    return next
  }

  private async pullNow(iterations: number | undefined): Promise<Unit | undefined> {
    if (this.stopping) return undefined
    const steps = this.plan.steps
    if (this.current && this.nextStep < steps.length) return { index: this.unitCounter++, iteration: this.current, step: steps[this.nextStep++]! }
    for (;;) {
      if (this.stopping) return undefined
      let row: RequestVariable[] = []
      const number = this.nextIteration
      if (this.rows) {
        if (this.rowsExhausted) return undefined
        const next = await this.rows.next()
        if (next.done) {
          this.rowsExhausted = true
          return undefined
        }
        this.nextIteration++
        const value = next.value
        if ('error' in value) {
          this.dataError({ iteration: number, ...(value.line !== undefined ? { line: value.line } : {}), message: value.error })
          continue
        }
        row = asVariables(value.values)
      } else {
        if (number > iterations!) return undefined
        this.nextIteration++
      }
      this.iterationsStarted++
      this.current = { number, row, captured: new Map(), done: steps.map(() => deferred()) }
      this.nextStep = 1
      return { index: this.unitCounter++, iteration: this.current, step: steps[0]! }
    }
  }

  private dataError(problem: DataRowProblem): void {
    this.dataErrorCount++
    this.failedIterations.add(problem.iteration)
    if (this.dataErrors.length < MAX_DATA_ERRORS_KEPT) this.dataErrors.push(problem)
    this.emit({ runId: this.options.runId, type: 'data-error', problem })
    if (this.options.bail) this.stop('bail')
  }

  private async runUnit(unit: Unit): Promise<void> {
    const { iteration, step } = unit
    try {
      // Requests whose captures this one uses finish first (only matters with concurrency > 1).
      if (step.waitsFor.length > 0) await Promise.all(step.waitsFor.map((position) => iteration.done[position]!.promise))
      if (this.stopping) return
      const result = await this.execute1(unit)
      this.record(result)
    } finally {
      iteration.done[step.position]!.resolve()
    }
  }

  private record(result: RequestRunResult): void {
    this.counts.total++
    if (result.status !== undefined) this.counts.answered++
    if (result.outcome === 'passed') this.counts.passed++
    else if (result.outcome === 'cancelled') this.counts.cancelled++
    else {
      this.counts.failed++
      this.failedIterations.add(result.iteration)
    }
    for (const assertion of result.assertions) {
      this.assertionCounts.total++
      if (assertion.passed) this.assertionCounts.passed++
      else this.assertionCounts.failed++
    }
    this.scriptsNotRun += result.scriptsNotRun.length
    this.emit({ runId: this.options.runId, type: 'result', result, done: this.counts.total, failed: this.counts.failed })
    if (result.outcome === 'failed') {
      const kind = result.error ? failureKind(result.error.code) : 'request'
      if (kind === 'credential') this.stop('credential')
      else if (kind === 'network' && this.counts.answered === 0) this.stop('network')
      else if (this.options.bail) this.stop('bail')
    }
  }

  private scopes(unit: Unit): VariableScopes {
    const { collection, environment } = this.options
    const runtime = [...(this.options.variables ?? []), ...unit.iteration.row, ...asVariables(unit.iteration.captured)]
    return { ...scopesFor(collection, unit.step.folders, environment), runtime }
  }

  /** One request of one iteration: send (and poll), check, capture. */
  private async execute1(unit: Unit): Promise<RequestRunResult> {
    const { step, iteration, index } = unit
    const { runId } = this.options
    const item = step.item
    const runtime = step.runtime
    const startedAt = new Date()
    const clock = performance.now()
    const requestId = `${runId.slice(0, 40)}-${index + 1}`
    const signal = this.controller.signal
    const spec = this.specFor(step)
    const variables = this.scopes(unit)
    const interpolate = this.interpolator(spec, variables)
    const waits: RunWait[] = []
    let attempts = 0
    let sends = 0
    let pages: number | undefined
    let lastResponse: HttpResponse | undefined
    this.emit({ runId, type: 'request', index, iteration: iteration.number, path: item.path, name: item.spec.name })
    const wait = (entry: RunWait) => {
      waits.push(entry)
      this.emit({ runId, type: 'waiting', index, path: item.path, wait: entry })
    }
    const base = {
      index,
      iteration: iteration.number,
      path: item.path,
      name: item.spec.name,
      folder: step.folderPath,
      method: spec.method,
      startedAt: startedAt.toISOString(),
      requestId,
      scriptsNotRun: runtime.scriptsNotRun
    }

    const needed: SecretsNeeded = {
      root: this.options.collection.root,
      ...(this.options.environment ? { environment: this.options.environment.name } : {}),
      byScope: { request: spec.variables, folder: variables.folder, collection: variables.collection, environment: variables.environment }
    }
    const usesSecrets = Object.values(needed.byScope).some((list) => list?.some((variable) => variable.secret))
    const sendOnce = async (): Promise<ResponseView> => {
      const id = sends === 0 ? requestId : `${requestId}.${sends + 1}`
      sends++
      // Secret variable values are lent to this send only (and released after it).
      const release = usesSecrets && this.deps.lendSecrets && needed.root ? await this.deps.lendSecrets(id, needed) : undefined
      try {
        return await sendWith(id)
      } finally {
        release?.()
      }
    }
    const sendWith = async (id: string): Promise<ResponseView> => {
      const context = {
        requestId: id,
        profileId: this.options.profileId,
        variables,
        signal,
        maxInlineBodyBytes: RUNNER_MAX_INLINE_BODY_BYTES,
        onProgress: (progress: RequestProgress) => {
          if (progress.phase === 'retrying') wait(waitFromProgress(progress))
        },
        source: 'runner' as const
      }
      if (runtime.paginate && spec.method === 'GET') {
        const request = await this.deps.pipeline.prepare(spec, context)
        const pageSize = Number(request.query.find((row) => /^page\[size\]$/i.test(row.name))?.value) || 100
        const merged = await fetchAllPages(this.deps.executor, this.deps.bodies, { request, pageSize: Math.min(100, Math.max(1, pageSize)), concurrency: 4, maxPages: 1000 }, { signal, maxInlineBodyBytes: RUNNER_MAX_INLINE_BODY_BYTES })
        attempts += merged.pages
        pages = merged.pages
        lastResponse = undefined
        const text = merged.document.kind === 'inline' ? merged.document.text : undefined
        return {
          status: 200,
          headers: [['content-type', 'application/vnd.api+json']],
          timeMs: merged.timing.totalMs,
          bodyText: text,
          ...(merged.document.kind === 'file' ? { bodyTooLargeBytes: merged.document.bytes } : {})
        }
      }
      let response = await this.deps.pipeline.send(spec, context)
      attempts += response.attempts
      // The executor retries 429/5xx only for idempotent methods; a 429 refused a POST before doing anything,
      // so it is sent again after its Retry-After too.
      for (let resend = 0; response.status === 429 && !isIdempotent(spec.method) && resend < MAX_RATE_LIMIT_RESENDS; resend++) {
        const ms = response.retryAfterSeconds !== undefined ? response.retryAfterSeconds * 1000 : 1000 * 2 ** resend
        if (ms > MAX_RETRY_AFTER_MS) break
        wait({ reason: 'retry-after', ms, message: `429 Too Many Requests; waiting ${(ms / 1000).toFixed(1)} s${response.retryAfterSeconds !== undefined ? ' (Retry-After)' : ''}, then sending ${spec.method} again.` })
        await abortableDelay(ms, signal)
        response = await this.deps.pipeline.send(spec, context)
        attempts += response.attempts
      }
      lastResponse = response
      return { status: response.status, headers: response.headers, timeMs: response.timing.totalMs, ...bodyOf(response) }
    }

    let view: ResponseView
    let pollResult: AssertionResult | undefined
    try {
      view = await sendOnce()
      const poll = runtime.poll
      if (poll) {
        for (let attempt = 1; ; attempt++) {
          const values = new ResponseValues(view)
          const done = evaluateAssertion(poll.until, values, interpolate, this.redact)
          if (done.passed) {
            pollResult = { ...done, kind: 'poll', message: `Polled ${attempt} time${attempt === 1 ? '' : 's'}: ${done.message}` }
            break
          }
          if (poll.failWhen) {
            const failed = evaluateAssertion(poll.failWhen, values, interpolate, this.redact)
            if (failed.passed) {
              pollResult = { ...done, kind: 'poll', passed: false, message: `Stopped polling after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${failed.message}` }
              break
            }
          }
          if (attempt >= poll.maxAttempts) {
            const waited = ((performance.now() - clock) / 1000).toFixed(1)
            pollResult = { ...done, kind: 'poll', passed: false, message: `Still not there after ${attempt} attempts (${waited} s): ${done.message}` }
            break
          }
          wait({ reason: 'poll', ms: poll.intervalMs, message: `${poll.until.expression} is ${done.actual ?? 'absent'}; asking again in ${(poll.intervalMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${poll.maxAttempts}).` })
          await abortableDelay(poll.intervalMs, signal)
          view = await sendOnce()
        }
      }
    } catch (error) {
      const shape = error instanceof AppError ? error.toShape() : { code: 'internal', message: `The request failed unexpectedly: ${(error as Error).message}` }
      const cancelled = shape.code === 'http-cancelled' || signal.aborted
      return this.redacted({
        ...base,
        url: lastResponse?.url ?? spec.url,
        outcome: cancelled ? 'cancelled' : 'failed',
        durationMs: Math.round(performance.now() - clock),
        attempts,
        assertions: [],
        captures: [],
        waits,
        ...(pages !== undefined ? { pages } : {}),
        error: cancelled ? { code: 'http-cancelled', message: 'Cancelled before an answer came.' } : { code: shape.code, message: shape.message }
      })
    }

    const values = new ResponseValues(view)
    const assertions: AssertionResult[] = runtime.problems.map((problem) => ({ kind: 'invalid', expression: '', operator: '', passed: false, message: `Not checked: ${problem}` }))
    for (const assertion of runtime.assertions) assertions.push(evaluateAssertion(assertion, values, interpolate, this.redact))
    if (!hasStatusAssertion(runtime.assertions) && !(runtime.poll && hasStatusAssertion([runtime.poll.until]))) {
      const implicit = evaluateAssertion(IMPLICIT_STATUS, values, undefined, this.redact)
      assertions.push({ ...implicit, implicit: true, message: implicit.passed ? implicit.message : `${implicit.message} (a request without a status assertion must not answer 4xx or 5xx)` })
    }
    if (pollResult) assertions.push(pollResult)

    const captures: CaptureResult[] = []
    for (const capture of runtime.captures) {
      const read = readCapture(capture, values, this.redact)
      captures.push(read.result)
      if (read.value !== undefined) {
        iteration.captured.set(capture.name, read.value)
        this.captured.set(capture.name, read.value)
      }
    }
    const passed = assertions.every((assertion) => assertion.passed) && captures.every((capture) => capture.captured)
    return this.redacted({
      ...base,
      url: lastResponse?.url ?? spec.url,
      outcome: passed ? 'passed' : 'failed',
      status: view.status,
      ...(lastResponse ? { statusText: lastResponse.statusText } : { statusText: 'OK' }),
      durationMs: Math.round(performance.now() - clock),
      attempts,
      ...(lastResponse?.adobeRequestId ? { adobeRequestId: lastResponse.adobeRequestId } : {}),
      assertions,
      captures,
      waits,
      ...(pages !== undefined ? { pages } : {})
    })
  }

  /** The document as the runner sends it: inherited headers/auth, retries on, the run's timeout. */
  private specFor(step: RunStep): RequestSpec {
    const spec = effectiveSpec(this.options.collection, step.folders, step.item.spec)
    return {
      ...spec,
      options: {
        ...spec.options,
        // 429 and 5xx on idempotent requests wait for Retry-After (bounded) and go again.
        retries: spec.options.retries ?? true,
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {})
      }
    }
  }

  /** `{{name}}` in an expected value, from the same scopes as the request (no secret values: checks are shown). */
  private interpolator(spec: RequestSpec, scopes: VariableScopes): Interpolate {
    let table: ReturnType<typeof variableTable> | undefined
    return (text) => {
      if (!text.includes('{{')) return text
      table ??= variableTable(spec, scopes)
      return text.replace(/\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}/g, (whole, name: string) => {
        const entry = table!.get(name)
        return entry && entry.value !== undefined && !entry.secret ? entry.value : whole
      })
    }
  }

  /** Results are shown, written to reports and sent to the renderer: every known secret masked. */
  private redacted(result: RequestRunResult): RequestRunResult {
    return this.deps.secrets.redactDeep(result)
  }

  private summary(iterations: number | undefined): RunSummary {
    const finished = Date.now()
    const planned = iterations !== undefined ? iterations * this.plan.steps.length : this.rowsExhausted ? this.iterationsStarted * this.plan.steps.length : undefined
    const notRun = planned === undefined ? undefined : Math.max(0, planned - this.counts.total)
    const failures = this.counts.failed + this.dataErrorCount
    const outcome: RunSummary['outcome'] = this.stoppedBy === 'cancel' ? 'cancelled' : failures > 0 || this.counts.cancelled > 0 ? 'failed' : 'passed'
    if (this.stoppedBy === 'bail') this.notes.push(`Stopped after the first failure (bail): ${notRun ?? 'the remaining'} request(s) not run.`)
    if (this.stoppedBy === 'network') this.notes.push('Stopped: the first request got no answer (network failure), so the others were not sent.')
    if (this.stoppedBy === 'credential') this.notes.push('Stopped: no credential could be obtained, so the remaining requests were not sent.')
    if (this.dataErrorCount > this.dataErrors.length) this.notes.push(`${this.dataErrorCount} data rows could not be read; the first ${this.dataErrors.length} are listed.`)
    return this.deps.secrets.redactDeep({
      runId: this.options.runId,
      collection: { name: this.options.collection.name },
      profile: { ...(this.options.profileId ? { id: this.options.profileId } : {}), ...(this.options.profileName ? { name: this.options.profileName } : {}) },
      ...(this.options.environment ? { environment: this.options.environment.name } : {}),
      startedAt: new Date(this.started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: Math.round(performance.now() - this.startedClock),
      outcome,
      ...(this.stoppedBy ? { stoppedBy: this.stoppedBy } : {}),
      requests: { ...this.counts, notRun },
      assertions: { ...this.assertionCounts },
      iterations: { total: this.iterationsStarted + this.dataErrorCount, failed: this.failedIterations.size },
      dataErrors: this.dataErrors,
      dataErrorCount: this.dataErrorCount,
      failures,
      scriptsNotRun: this.scriptsNotRun,
      notes: this.notes
    })
  }
}

