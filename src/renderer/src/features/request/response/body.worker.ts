/// <reference lib="webworker" />
// Parses, formats and searches response bodies off the UI thread (issue 5: a 10 MB body must not freeze
// the window). One document per worker; see body-engine.ts for the operations.
import { createBodyEngine, type BodyRequest } from './body-engine'

const engine = createBodyEngine()
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<{ id: number; request: BodyRequest }>) => {
  const { id, request } = event.data
  try {
    const { result, transfer } = engine.handle(request)
    scope.postMessage({ id, ok: true, result }, transfer)
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) })
  }
}
