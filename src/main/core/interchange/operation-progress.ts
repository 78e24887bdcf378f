// Long operations (imports, exports, repro bundles) as the renderer follows them: one `app:progress` event
// stream and one `app:cancelOperation` channel for all of them. An operation registers under the id its caller
// chose, reports counts as it goes (sent at most every ~100 ms: a 5,000-request import writes ~5,000 files in
// about a second here, and an event per file would be 5,000 IPC messages for one bar), and checks its
// AbortSignal between steps. Events carry a fixed label and counts, never a name, a file's content or a secret.
import type { OperationProgress } from '../../../shared/ipc/app.contract'
import { AppError } from '../../../shared/errors'

/** The most often a running operation reports (the first and the last report always go out). */
export const PROGRESS_INTERVAL_MS = 100

export type ProgressSink = (progress: OperationProgress) => void

/** What an operation sees of its own tracking. */
export interface TrackedOperation {
  readonly signal: AbortSignal
  /** Records how far it is; sent when ~100 ms have passed since the last event. */
  report(done: number, total?: number, phase?: OperationProgress['phase']): void
  /** Throws `operation-cancelled` once the caller asked to stop: call it between steps. */
  throwIfCancelled(): void
}

/** For operations called without an `operationId` (the CLI, tests): nothing is sent, nothing can cancel. */
export const UNTRACKED: TrackedOperation = {
  signal: new AbortController().signal,
  report: () => undefined,
  throwIfCancelled: () => undefined
}

export function cancelledError(label: string): AppError {
  return new AppError('operation-cancelled', `${label} was cancelled; nothing was kept.`)
}

export class OperationTracker {
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Runs `work` as the operation `operationId` (untracked when absent). The end is always reported, as
   * `finished`, `cancelled` or `failed`, so the renderer's bar never stays up.
   */
  async run<T>(operationId: string | undefined, label: string, work: (operation: TrackedOperation) => Promise<T>): Promise<T> {
    if (operationId === undefined) return work(UNTRACKED)
    if (this.running.has(operationId)) throw new AppError('operation-id-in-use', `An operation named ${operationId} is already running; give each operation its own id.`)
    const controller = new AbortController()
    this.running.set(operationId, controller)
    let last = { done: 0, total: undefined as number | undefined }
    let sentAt = -Infinity
    const send = (phase: OperationProgress['phase']) => {
      sentAt = this.now()
      this.sink({ operationId, label, done: last.done, ...(last.total !== undefined ? { total: last.total } : {}), ...(phase ? { phase } : {}) })
    }
    let phaseNow: OperationProgress['phase']
    const operation: TrackedOperation = {
      signal: controller.signal,
      report: (done, total, phase) => {
        last = { done, total }
        const phaseChanged = phase !== phaseNow
        phaseNow = phase
        if (phaseChanged || this.now() - sentAt >= PROGRESS_INTERVAL_MS) send(phase)
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelledError(label)
      }
    }
    send(undefined)
    try {
      const result = await work(operation)
      // Asked to stop after the last step: the work is done and kept, so it is reported as finished.
      send('finished')
      return result
    } catch (error) {
      send(controller.signal.aborted ? 'cancelled' : 'failed')
      throw error
    } finally {
      this.running.delete(operationId)
    }
  }

  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId)
    if (!controller) return false
    controller.abort()
    return true
  }
}
