/**
 * One time budget for one exchange, combined with the person's cancel: the wait for a token, the response
 * headers and the whole body all end when it runs out. undici's own `bodyTimeout` only measures silence
 * between chunks, so a server trickling 1 byte per second would never trip it; this deadline does.
 * `expired` and `cancelled` tell the two endings apart, so the sentence can say which it was.
 */
export class Deadline {
  private readonly controller = new AbortController()
  private readonly timer: NodeJS.Timeout
  private ranOut = false

  constructor(
    readonly timeoutMs: number,
    private readonly cancel?: AbortSignal
  ) {
    this.timer = setTimeout(() => {
      this.ranOut = true
      this.controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'))
    }, timeoutMs)
    this.timer.unref?.()
    if (cancel?.aborted) this.controller.abort(cancel.reason)
    else cancel?.addEventListener('abort', this.onCancel, { once: true })
  }

  private readonly onCancel = () => this.controller.abort(this.cancel?.reason)

  /** Aborts at the deadline or at the person's cancel, whichever comes first. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** The budget ran out (not a cancel). */
  get expired(): boolean {
    return this.ranOut && !this.cancelled
  }

  /** The person (or the caller above) cancelled. */
  get cancelled(): boolean {
    return this.cancel?.aborted ?? false
  }

  /** Stops the timer and lets go of the cancel signal; call when the exchange is over. */
  clear(): void {
    clearTimeout(this.timer)
    this.cancel?.removeEventListener('abort', this.onCancel)
  }
}

/**
 * Waits for `work` unless `signal` aborts first; then rejects at once with the signal's reason. The work itself
 * goes on (a shared IMS call other requests wait for), only this caller stops waiting.
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  if (signal.aborted) return Promise.reject(abortReason(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
    )
  })
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The wait was abandoned.', 'AbortError')
}
