// The UI thread's handle on the body worker. Where Worker does not exist (jsdom tests) the same engine
// runs in-process behind the same async API; in the app and in Chromium tests it is always the worker.
import type { BodyFrame, BodyStreamSource } from '@shared/requests/body-stream'
import { PIECE_CHARS, piecesOf, yieldToEventLoop } from '../../../transport/big-strings'
import { createBodyEngine, type BodyRequest, type BodyResponses } from './body-engine'
import { ingestBodyStream, type StreamMessage } from './body-stream-ingest'

/** Reads a body stream's frames; the worker uses the transport's reader, jsdom tests pass their own. */
export type ReadBodyFrames = (source: BodyStreamSource, signal: AbortSignal) => AsyncIterable<BodyFrame>

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void }

export interface BodyClient {
  readonly usesWorker: boolean
  call<K extends BodyRequest['op']>(request: Extract<BodyRequest, { op: K }>): Promise<BodyResponses[K]>
  /**
   * The worker reads the body from `source` itself (a port is transferred, so this page no longer holds it)
   * and tells `onMessage` how far it got, then how it ended. One stream per client; dispose stops it.
   */
  stream(source: BodyStreamSource, contentType: string | undefined, onMessage: (message: StreamMessage) => void): void
  dispose(): void
}

// A body worker started ahead of the answer it will show: a fresh page took ~400 ms from the status line to
// the first body rows in the large-bodies bench, most of it the worker's script loading and compiling after
// the head had arrived. The workbench starts one as it sends; the next body client takes it.
let spare: Worker | undefined

function startWorker(): Worker {
  return new Worker(new URL('./body.worker.ts', import.meta.url), { type: 'module', name: 'response-body' })
}

/** Starts the body worker for the next response now (no-op where there is no Worker, or one is waiting). */
export function prewarmBodyWorker(): void {
  if (typeof Worker === 'undefined' || spare) return
  spare = startWorker()
}

export function createBodyClient(options: { readFrames?: ReadBodyFrames } = {}): BodyClient {
  if (typeof Worker === 'undefined') {
    const engine = createBodyEngine()
    const stop = new AbortController()
    return {
      usesWorker: false,
      call: async (request) => {
        await new Promise((resolve) => setTimeout(resolve, 0))
        return engine.handle(request).result as never
      },
      stream: (source, contentType, onMessage) => {
        if (!options.readFrames) throw new Error('This body client cannot read a body stream.')
        const frames = options.readFrames(source, stop.signal)
        void ingestBodyStream(engine, frames, contentType, (message) => !stop.signal.aborted && onMessage(message), stop.signal)
      },
      dispose: () => stop.abort()
    }
  }
  const worker = spare ?? startWorker()
  spare = undefined
  const pending = new Map<number, Pending>()
  let nextId = 1
  let streamListener: ((message: StreamMessage) => void) | undefined
  worker.onmessage = (event: MessageEvent<{ id: number; ok: boolean; result?: unknown; message?: string } | { stream: StreamMessage }>) => {
    if ('stream' in event.data) return streamListener?.(event.data.stream)
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
    stream: (source, contentType, onMessage) => {
      streamListener = onMessage
      // A port moves to the worker (transferred); a URL and its header are copied.
      worker.postMessage({ stream: { source, contentType } }, source.kind === 'port' ? [source.port] : [])
    },
    dispose: () => {
      // Terminating the worker drops its fetch (or closes its port): main sees the reader go away.
      streamListener = undefined
      worker.terminate()
      for (const entry of pending.values()) entry.reject(new Error('disposed'))
      pending.clear()
    }
  }
}
