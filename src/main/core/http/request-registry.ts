import { AppError } from '../../../shared/errors'
import { cancelledError } from '../net/network-errors'

/** In-flight requests by the renderer's requestId, so `http:cancel` can abort a send or a fetch-all. */
export class RequestRegistry {
  private readonly controllers = new Map<string, AbortController>()

  /** Registers `requestId`; a second request under an id still in flight is refused (its cancel would be ambiguous). */
  start(requestId: string): AbortController {
    if (this.controllers.has(requestId)) {
      throw new AppError('http-duplicate-request', `A request named "${requestId}" is already in flight. Cancel it or wait for it to finish.`)
    }
    const controller = new AbortController()
    this.controllers.set(requestId, controller)
    return controller
  }

  finish(requestId: string, controller: AbortController): void {
    if (this.controllers.get(requestId) === controller) this.controllers.delete(requestId)
  }

  cancel(requestId: string): boolean {
    const controller = this.controllers.get(requestId)
    if (!controller) return false
    controller.abort()
    this.controllers.delete(requestId)
    return true
  }

  cancelAll(): void {
    for (const controller of this.controllers.values()) controller.abort()
    this.controllers.clear()
  }

  get size(): number {
    return this.controllers.size
  }
}

/** Resolves after `ms`, or rejects with http-cancelled as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError())
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelledError())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
