// Reads an RPC answer's JSON. Small answers (nearly all) parse here; once an answer passes
// OFF_THREAD_BYTES the rest of its stream is handed to a worker that parses it, so a large response
// body never blocks the UI thread in JSON.parse.
import { joinPieces, restoreBigString, type BigString } from './big-strings'

export const OFF_THREAD_BYTES = 256 * 1024

type Pending = {
  resolve(value: unknown): void
  reject(error: Error): void
  value?: unknown
  big?: BigString[]
  pieces?: string[][]
  missing?: number
}
let worker: Worker | undefined
const pending = new Map<number, Pending>()
let nextId = 1

type Message =
  | { id: number; ok: true; value: unknown; big: BigString[] }
  | { id: number; ok: false; message?: string }
  | { id: number; piece: { which: number; index: number; text: string } }

function receive(data: Message): void {
  const entry = pending.get(data.id)
  if (!entry) return
  if ('piece' in data) {
    entry.pieces![data.piece.which]![data.piece.index] = data.piece.text
    entry.missing! -= 1
  } else if (!data.ok) {
    pending.delete(data.id)
    return entry.reject(new Error(data.message ?? 'Could not read the answer.'))
  } else {
    entry.value = data.value
    entry.big = data.big
    entry.pieces = data.big.map((big) => new Array<string>(big.pieces))
    entry.missing = data.big.reduce((sum, big) => sum + big.pieces, 0)
  }
  if (entry.missing === 0) {
    pending.delete(data.id)
    entry.big!.forEach((big, which) => restoreBigString(entry.value, big.path, joinPieces(entry.pieces![which]!)))
    entry.resolve(entry.value)
  }
}

function envelopeWorker(): Worker {
  if (worker) return worker
  const created = new Worker(new URL('./envelope.worker.ts', import.meta.url), { type: 'module', name: 'rpc-envelope' })
  created.onmessage = (event: MessageEvent<Message>) => receive(event.data)
  created.onerror = (event) => {
    for (const entry of pending.values()) entry.reject(new Error(event.message || 'The answer reader stopped.'))
    pending.clear()
    worker = undefined
  }
  worker = created
  return created
}

function parseInWorker(stream: ReadableStream<Uint8Array>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const id = nextId++
    pending.set(id, { resolve, reject })
    envelopeWorker().postMessage({ id, stream }, [stream])
  })
}

export async function parseJsonResponse(response: Response): Promise<unknown> {
  if (!response.body || typeof Worker === 'undefined' || typeof TransformStream === 'undefined') return response.json()
  const reader = response.body.getReader()
  const head: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) {
      // Small: decode and parse here, as fetch's own json() would.
      const bytes = new Uint8Array(size)
      let at = 0
      for (const chunk of head) {
        bytes.set(chunk, at)
        at += chunk.length
      }
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown
    }
    head.push(value)
    size += value.length
    if (size > OFF_THREAD_BYTES) break
  }
  // Large: what was read so far, then the rest of the body, as one stream the worker owns.
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk)
    },
    async pull(controller) {
      const { value, done } = await reader.read()
      if (done) controller.close()
      else controller.enqueue(value)
    },
    cancel(reason) {
      return reader.cancel(reason)
    }
  })
  return parseInWorker(rest)
}
