// The UI thread's handle on the body worker. Where Worker does not exist (jsdom tests) the same engine
// runs in-process behind the same async API; in the app and in Chromium tests it is always the worker.
import { PIECE_CHARS, piecesOf, yieldToEventLoop } from '../../../transport/big-strings'
import { createBodyEngine, type BodyRequest, type BodyResponses } from './body-engine'

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

export interface BodyClient {
  readonly usesWorker: boolean
  call<K extends BodyRequest['op']>(request: Extract<BodyRequest, { op: K }>): Promise<BodyResponses[K]>
  dispose(): void
}

export function createBodyClient(): BodyClient {
  if (typeof Worker === 'undefined') {
    const engine = createBodyEngine()
    return {
      usesWorker: false,
      call: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 0))
        return engine.handle(request).result as never
      },
      dispose: () => {}
    }
  }
  const worker = new Worker(new URL('./body.worker.ts', import.meta.url), { type: 'module', name: 'response-body' })
  const pending = new Map<number, Pending>()
  let nextId = 1
  worker.onmessage = (event: MessageEvent<{ id: number; ok: boolean; result?: unknown; message?: string }>) => {
    const entry = pending.get(event.data.id)
    if (!entry) return
    pending.delete(event.data.id)
    if (event.data.ok) entry.resolve(event.data.result)
    else entry.reject(new Error(event.data.message ?? 'The body worker failed.'))
  }
  worker.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new Error(event.message || 'The body worker stopped.'))
    pending.clear()
  }
  return {
    usesWorker: true,
    call: (request) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
        const load = request as BodyRequest
        if (load.op !== 'load' || load.text.length <= PIECE_CHARS) return worker.postMessage({ id, request })
        // A big body goes over in pieces, one task each, so the window keeps answering meanwhile.
        void (async () => {
          const pieces = piecesOf(load.text)
          for (const piece of pieces) {
            if (!pending.has(id)) return
            worker.postMessage({ id, piece })
            await yieldToEventLoop()
          }
          worker.postMessage({ id, request: { ...load, text: '' }, pieces: pieces.length })
        })()
      }),
    dispose: () => {
      worker.terminate()
      for (const entry of pending.values()) entry.reject(new Error('disposed'))
      pending.clear()
    }
  }
}
