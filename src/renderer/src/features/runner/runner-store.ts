// The runs of this window: each one a tab of the Runner with its settings, its live progress and its results,
// kept until the person closes it. Module-level on purpose (like workbench-commands and the collections store):
// a run goes on while another area is shown, and "Run…" in Collections sets one up before the Runner mounts.
//
// Progress comes as `runner:progress` events (one per request started, answered, waited on). Measured: the
// starter's "Explore a property" folder × 30 iterations against the Sandbox sends 600 events a second one at a
// time and 840–1,270 with concurrency 8, so they are gathered and drawn at most every FLUSH_MS (≤ 10 redraws a
// second) rather than re-rendering the table for each one.
import { useSyncExternalStore } from 'react'
import type { DataRowProblem, RequestRunResult, RunProgress, RunSummary } from '@shared/ipc/runner.contract'
import { api, unwrap } from '../../api/client'
import { capturedVariables, countResult, DEFAULT_SETTINGS, failedPaths, insertResult, NO_COUNTS, startInput, type PlannedRequest, type RunCounts, type RunSettings, type RunTarget } from './run-model'
import { countOf } from './run-format'

export type RunPhase = 'setup' | 'running' | 'stopping' | 'finished' | 'failed'

export interface RunSession {
  id: string
  /** "Run 3": numbered in the order they were set up. */
  number: number
  target: RunTarget
  settings: RunSettings
  phase: RunPhase
  runId?: string
  /** What the run was started with, as shown once it goes. */
  started?: { profileId?: string; profileName?: string; collectionName: string; targetLabel: string; plan: PlannedRequest[]; at: number }
  endedAt?: number
  /** From the run's `started` event: requests per iteration, and iterations when known (not for a data file). */
  requestsPerIteration?: number
  iterations?: number
  /** Sorted by start index. ~1.5 KB each as JSON (measured on the starter): 10,000 results hold ~15 MB. */
  results: RequestRunResult[]
  dataErrors: DataRowProblem[]
  counts: RunCounts
  /** Requests started and not answered yet, by start index. */
  inFlight: Array<{ index: number; name: string }>
  /** The runner is waiting (Retry-After, a retry, a poll): its sentence. */
  waiting?: string
  summary?: RunSummary
  /** Why the run could not start (or failed without a summary). */
  error?: string
}

interface RunsState {
  sessions: RunSession[]
  selectedId?: string
}

/** At most this often the table and counts are redrawn while results stream in. */
export const FLUSH_MS = 100

let state: RunsState = { sessions: [] }
let counter = 0
const listeners = new Set<() => void>()
let unsubscribeProgress: (() => void) | undefined
/** Runs whose events are still wanted: runId → session id. */
const byRunId = new Map<string, string>()
/** Events gathered since the last flush, per session. */
const pendingEvents = new Map<string, RunProgress[]>()
let flushTimer: ReturnType<typeof setTimeout> | undefined

function emit(): void {
  for (const listener of listeners) listener()
}

function setState(next: RunsState): void {
  state = next
  emit()
}

function update(id: string, patch: Partial<RunSession> | ((session: RunSession) => Partial<RunSession>)): void {
  setState({
    ...state,
    sessions: state.sessions.map((session) => (session.id === id ? { ...session, ...(typeof patch === 'function' ? patch(session) : patch) } : session))
  })
}

export function getRunsState(): RunsState {
  return state
}

export function sessionById(id: string): RunSession | undefined {
  return state.sessions.find((session) => session.id === id)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useRuns(): RunsState {
  return useSyncExternalStore(subscribe, getRunsState, getRunsState)
}

function uniqueId(prefix: string): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  return `${prefix}-${random}`
}

/** Sets up a run (not started) and selects its tab. */
export function newRun(target: RunTarget, settings: RunSettings = DEFAULT_SETTINGS): string {
  const session: RunSession = {
    id: uniqueId('tab'),
    number: ++counter,
    target,
    settings: { ...settings, variables: [...settings.variables] },
    phase: 'setup',
    results: [],
    dataErrors: [],
    counts: NO_COUNTS,
    inFlight: []
  }
  setState({ sessions: [...state.sessions, session], selectedId: session.id })
  return session.id
}

/** A run of `target` set up in a tab: an existing tab that was set up for the same thing and not started yet is reused. */
export function setUpRun(target: RunTarget): string {
  const existing = state.sessions.find((session) => session.phase === 'setup' && session.target.root === target.root && session.target.folder === target.folder && !session.target.requestPaths)
  if (existing) {
    selectRun(existing.id)
    return existing.id
  }
  return newRun(target)
}

export function selectRun(id: string): void {
  if (state.selectedId !== id && sessionById(id)) setState({ ...state, selectedId: id })
}

export function changeSettings(id: string, patch: Partial<RunSettings>): void {
  update(id, (session) => (session.phase === 'setup' ? { settings: { ...session.settings, ...patch } } : {}))
}

export function changeTarget(id: string, target: RunTarget): void {
  update(id, (session) => (session.phase === 'setup' ? { target } : {}))
}

function ensureSubscribed(): void {
  if (unsubscribeProgress || !window.api?.onRunProgress) return
  unsubscribeProgress = api().onRunProgress((progress) => {
    const id = byRunId.get(progress.runId)
    if (!id) return
    const queue = pendingEvents.get(id) ?? []
    queue.push(progress)
    pendingEvents.set(id, queue)
    // The end of a run is shown at once; everything else waits for the next flush.
    if (progress.type === 'finished') flush()
    else flushTimer ??= setTimeout(flush, FLUSH_MS)
  })
}

function flush(): void {
  if (flushTimer) clearTimeout(flushTimer)
  flushTimer = undefined
  if (pendingEvents.size === 0) return
  const batches = new Map(pendingEvents)
  pendingEvents.clear()
  setState({
    ...state,
    sessions: state.sessions.map((session) => {
      const events = batches.get(session.id)
      return events ? applyEvents(session, events) : session
    })
  })
}

/** A session with a batch of its run's events applied (results sorted by start index, counts kept). */
export function applyEvents(session: RunSession, events: readonly RunProgress[]): RunSession {
  const results = [...session.results]
  const dataErrors = [...session.dataErrors]
  const inFlight = new Map(session.inFlight.map((item) => [item.index, item.name]))
  let { counts, waiting, requestsPerIteration, iterations, summary, phase, endedAt } = session
  for (const event of events) {
    if (event.type === 'started') {
      requestsPerIteration = event.requestsPerIteration
      iterations = event.iterations
    } else if (event.type === 'request') {
      inFlight.set(event.index, event.name)
      waiting = undefined
    } else if (event.type === 'waiting') {
      waiting = event.wait.message
    } else if (event.type === 'result') {
      // One result per start index; a repeat (an event delivered twice) is not counted twice.
      if (!results.some((result) => result.index === event.result.index)) {
        insertResult(results, event.result)
        counts = countResult(counts, event.result)
      }
      inFlight.delete(event.result.index)
      waiting = undefined
    } else if (event.type === 'data-error') {
      dataErrors.push(event.problem)
    } else if (event.type === 'finished') {
      summary = event.summary
      phase = 'finished'
      endedAt ??= Date.now()
      inFlight.clear()
      waiting = undefined
    }
  }
  return {
    ...session,
    results,
    dataErrors,
    counts,
    inFlight: [...inFlight].map(([index, name]) => ({ index, name })).sort((a, b) => a.index - b.index),
    waiting,
    requestsPerIteration,
    iterations,
    summary,
    phase,
    endedAt
  }
}

export interface StartContext {
  profileId?: string
  profileName?: string
  collectionName: string
  targetLabel: string
  plan: PlannedRequest[]
}

/** Starts the run set up in `id`; resolves when it has ended (finished, stopped or failed to start). */
export async function startRun(id: string, context: StartContext): Promise<void> {
  const session = sessionById(id)
  if (!session || session.phase !== 'setup') return
  ensureSubscribed()
  const runId = uniqueId('run')
  byRunId.set(runId, id)
  update(id, { phase: 'running', runId, started: { ...context, at: Date.now() }, results: [], dataErrors: [], counts: NO_COUNTS, inFlight: [], error: undefined, summary: undefined, endedAt: undefined })
  try {
    const summary = await unwrap(api().startRun(startInput(runId, session.target, session.settings, context.profileId)))
    flush()
    update(id, (current) => ({ phase: 'finished', summary, endedAt: current.endedAt ?? Date.now(), inFlight: [], waiting: undefined }))
  } catch (error) {
    flush()
    update(id, (current) => ({ phase: 'failed', error: (error as Error).message, endedAt: current.endedAt ?? Date.now(), inFlight: [], waiting: undefined }))
  } finally {
    // Closed while it ran: its reports go now that the run is over.
    if (!sessionById(id)) void discard(runId)
  }
}

/** Asks main to stop the run: requests in flight are aborted, the rest do not start. */
export async function stopRun(id: string): Promise<void> {
  const session = sessionById(id)
  if (!session?.runId || session.phase !== 'running') return
  update(id, { phase: 'stopping' })
  try {
    await unwrap(api().cancelRun({ runId: session.runId }))
  } catch (error) {
    update(id, (current) => (current.phase === 'stopping' ? { phase: 'running', error: `The run could not be stopped: ${(error as Error).message}` } : {}))
  }
}

async function discard(runId: string): Promise<void> {
  byRunId.delete(runId)
  await unwrap(api().discardRunReport({ runId })).catch(() => undefined)
}

/** Closes a run's tab: a run still going is stopped; its kept reports are deleted once it has ended. */
export function closeRun(id: string): void {
  const session = sessionById(id)
  if (!session) return
  const at = state.sessions.indexOf(session)
  const sessions = state.sessions.filter((candidate) => candidate.id !== id)
  const selectedId = state.selectedId === id ? (sessions[Math.min(at, sessions.length - 1)]?.id ?? undefined) : state.selectedId
  setState({ sessions, selectedId })
  if (!session.runId) return
  if (session.phase === 'running' || session.phase === 'stopping') void unwrap(api().cancelRun({ runId: session.runId })).catch(() => undefined)
  else void discard(session.runId)
}

/** A new tab with the same target and settings, set up but not started (to change something first). */
export function copyRun(id: string): string | undefined {
  const session = sessionById(id)
  return session ? newRun(session.target, session.settings) : undefined
}

/**
 * A new run of only the requests that failed, with the same settings and the values the first run captured
 * (so a failed request that uses an id captured before it still has that id). Set up, not started: the caller
 * starts it with the context it knows (profile, plan).
 */
export function setUpRerunOfFailures(id: string): string | undefined {
  const session = sessionById(id)
  if (!session) return undefined
  const paths = failedPaths(session.results)
  if (paths.length === 0) return undefined
  const settings: RunSettings = { ...session.settings, variables: capturedVariables(session.results, session.settings.variables) }
  return newRun({ root: session.target.root, requestPaths: paths, selectionLabel: `the ${countOf(paths.length, 'failed request')} of Run ${session.number}` }, settings)
}

/** Tests start from nothing. */
export function resetRunsForTests(): void {
  if (flushTimer) clearTimeout(flushTimer)
  flushTimer = undefined
  unsubscribeProgress?.()
  unsubscribeProgress = undefined
  pendingEvents.clear()
  byRunId.clear()
  counter = 0
  setState({ sessions: [] })
}
