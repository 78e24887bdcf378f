/// <reference lib="webworker" />
// Parses, formats and searches response bodies off the UI thread (issue 5: a 10 MB body must not freeze
// the window). One document per worker; see body-engine.ts for the operations.
import { createBodyEngine, type BodyRequest } from './body-engine'

const engine = createBodyEngine()
const scope = self as unknown as DedicatedWorkerGlobalScope

// Pieces of a big body, by request id, until the load that names them arrives (see body-client.ts).
const pieces = new Map<number, string[]>()

type Message = { id: number; piece: string } | { id: number; request: BodyRequest; pieces?: number }

scope.onmessage = (event: MessageEvent<Message>) => {
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
