import type { EventEmitter } from 'node:events'

type AbortListener = () => void

/**
 * One time budget for one exchange, combined with the person's cancel: the wait for a token, the response
 * headers and the whole body all end when it runs out. undici's own `bodyTimeout` only measures silence
 * between chunks, so a server trickling 1 byte per second would never trip it; this deadline does.
 * `expired` and `cancelled` tell the two endings apart, so the sentence can say which it was.
 *
 * Cheap on purpose, since every exchange makes one: an AbortController with its listeners costs 3–6 µs
 * (measured on the 2-core build machine, Node 20), a twentieth of a whole loopback exchange. So the deadline
 * itself is the signal undici listens to (undici accepts an EventEmitter-shaped `once`/`removeListener` with
 * `aborted`/`reason`: about 30 ns), and a real AbortSignal is made only when someone asks for one (the token
 * wait). One timer (unref'd) and, when the person can cancel, one listener on their signal.
 */
export class Deadline {
  private readonly timer: NodeJS.Timeout
  private ranOut = false
  private settled = false
  private controller: AbortController | undefined
  private listeners: AbortListener[] | undefined
  private onCancel: AbortListener | undefined
  /** Read by undici (an EventEmitter-shaped signal), and by `signal`. */
  aborted = false
  reason: unknown = undefined

  constructor(
    readonly timeoutMs: number,
    private readonly cancel?: AbortSignal
  ) {
    this.timer = setTimeout(Deadline.expire, timeoutMs, this)
    this.timer.unref()
    if (cancel?.aborted) {
      this.abort(cancel.reason)
    } else if (cancel) {
      this.onCancel = () => this.abort(cancel.reason)
      cancel.addEventListener('abort', this.onCancel, { once: true })
    }
  }

  /** Aborts at the deadline or at the person's cancel, whichever comes first (made on first use). */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.aborted) this.controller.abort(this.reason)
    }
    return this.controller.signal
  }

  /** What undici's `signal` option takes: this deadline, as the EventEmitter shape undici checks for. */
  get undiciSignal(): EventEmitter {
    return this as unknown as EventEmitter
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
    if (this.onCancel) this.cancel?.removeEventListener('abort', this.onCancel)
    this.onCancel = undefined
    this.settled = true
  }

  /** The timer's callback: static, with the deadline as its argument, so an exchange costs no closure for it. */
  private static expire(deadline: Deadline): void {
    deadline.runOut()
  }

  private runOut(): void {
    if (this.settled) return
    this.ranOut = true
    this.abort(new DOMException(`No answer within ${this.timeoutMs} ms`, 'TimeoutError'))
  }

  private abort(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.controller?.abort(reason)
    const listeners = this.listeners
    this.listeners = undefined
    if (listeners) for (const listener of listeners) listener()
  }

  // The EventEmitter surface undici uses (util.addAbortListener: `once('abort')`, then `removeListener`).

  once(event: 'abort', listener: AbortListener): this {
    if (event === 'abort' && !this.aborted) (this.listeners ??= []).push(listener)
    return this
  }

  on(event: 'abort', listener: AbortListener): this {
    return this.once(event, listener)
  }

  removeListener(event: 'abort', listener: AbortListener): this {
    const listeners = this.listeners
    if (event === 'abort' && listeners) {
      const index = listeners.indexOf(listener)
      if (index >= 0) listeners.splice(index, 1)
    }
    return this
  }

  off(event: 'abort', listener: AbortListener): this {
    return this.removeListener(event, listener)
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
