/// <reference lib="webworker" />
// Parses large RPC answers (a 50 MB response body inside its JSON envelope) off the UI thread: JSON.parse
// of such an envelope held the window for ~0.5 s. The parsed value goes back with its big strings sent
// separately in pieces (big-strings.ts), so no single message costs the UI thread a long task.
import { extractBigStrings, pieceOf, yieldToEventLoop } from './big-strings'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<{ id: number; stream: ReadableStream<Uint8Array> }>) => {
  const { id, stream } = event.data
  try {
    const value: unknown = await new Response(stream).json()
    const big = extractBigStrings(value)
    scope.postMessage({ id, ok: true, value, big: big.map(({ path, pieces }) => ({ path, pieces })) })
    for (const [which, entry] of big.entries()) {
      for (let index = 0; index < entry.pieces; index++) {
        scope.postMessage({ id, piece: { which, index, text: pieceOf(entry.text, index) } })
        await yieldToEventLoop()
      }
    }
  } catch (error) {
    scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) })
  }
}
