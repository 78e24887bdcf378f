/// <reference lib="webworker" />
// Parses, formats and searches response bodies off the UI thread (issue 5: a 10 MB body must not freeze
// the window), and reads a streamed body itself (issue 12), so the page's main thread never holds it.
// One document per worker; see body-engine.ts for the operations, body-stream-ingest.ts for the stream.
import type { BodyStreamSource } from '@shared/requests/body-stream'
import { readBodyStream } from '../../../transport/body-stream-source'
import { createBodyEngine, type BodyRequest } from './body-engine'
import { ingestBodyStream } from './body-stream-ingest'

const engine = createBodyEngine()
const scope = self as unknown as DedicatedWorkerGlobalScope

// Pieces of a big body, by request id, until the load that names them arrives (see body-client.ts).
const pieces = new Map<number, string[]>()
// The stream being read; the page stops it by terminating this worker (which also drops the fetch or port).
let reading: AbortController | undefined

type Message =
  | { id: number; piece: string }
  | { id: number; request: BodyRequest; pieces?: number }
  | { stream: { source: BodyStreamSource; contentType?: string } }

scope.onmessage = (event: MessageEvent<Message>) => {
  if ('stream' in event.data) {
    reading?.abort()
    const controller = new AbortController()
    reading = controller
    const { source, contentType } = event.data.stream
    void ingestBodyStream(engine, readBodyStream(source, controller.signal), contentType, (stream) => scope.postMessage({ stream }), controller.signal)
    return
  }
  if ('piece' in event.data) {
    const list = pieces.get(event.data.id) ?? []
    list.push(event.data.piece)
    pieces.set(event.data.id, list)
    return
  }
  const { id, request } = event.data
  try {
    if (request.op === 'load' && event.data.pieces !== undefined) {
      const list = pieces.get(id) ?? []
      pieces.delete(id)
      if (list.length !== event.data.pieces) throw new Error(`The body arrived in ${list.length} of ${event.data.pieces} pieces.`)
      request.text = list.join('')
    }
    const { result, transfer } = engine.handle(request)
    scope.postMessage({ id, ok: true, result }, transfer)
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) })
  }
}
