// The renderer's end of a streamed response body (issue 12). The page opens the stream (openBodyStreamSource)
// and hands the source to the body worker, which reads its frames (readBodyStream) without the page's main
// thread ever holding the body:
// - browser mode: a URL on the page's own origin (`GET /body-stream/<id>`, connect-src 'self') and the launch
//   token for it; both are cloneable into a worker;
// - Electron: a MessagePort main made for the stream, which the preload forwards to the page as a window
//   message; it is transferable into a worker.
import { appTransport } from '@renderer/api/app-transport'
import { api, unwrap } from '@renderer/api/client'
import { BODY_STREAM_PORT_MESSAGE } from '@shared/ipc/requests.channels'
import { BodyFrameDecoder, type BodyFrame, type BodyStreamSource } from '@shared/requests/body-stream'

/** Where takeLaunchToken (loopback-api.ts) keeps the browser-mode launch token for this tab. */
const LAUNCH_TOKEN_KEY = 'reactor-explorer.launch-token'
/** How long the page waits for the port after main said it opened the stream (it is posted before the answer). */
const PORT_WAIT_MS = 10_000

/** Opens `streamId` (from a `stream` body) for the body worker. Call it once per stream: a stream has one reader. */
export async function openBodyStreamSource(streamId: string): Promise<BodyStreamSource> {
  if ((await appTransport()) !== 'electron') {
    const token = window.sessionStorage.getItem(LAUNCH_TOKEN_KEY)
    if (!token) throw new Error('The launch token of this page is missing; open Reactor Explorer again from the address it printed.')
    return { kind: 'url', url: `${window.location.origin}/body-stream/${encodeURIComponent(streamId)}`, authorization: `Bearer ${token}` }
  }
  // Listening before asking: main posts the port before it answers the call.
  let stopWaiting = () => {}
  const port = new Promise<MessagePort>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWaiting()
      reject(new Error('The body stream’s port did not arrive from the desktop app.'))
    }, PORT_WAIT_MS)
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; streamId?: unknown } | null
      if (event.source !== window || !data || data.type !== BODY_STREAM_PORT_MESSAGE || data.streamId !== streamId || !event.ports[0]) return
      stopWaiting()
      resolve(event.ports[0])
    }
    stopWaiting = () => {
      clearTimeout(timer)
      window.removeEventListener('message', onMessage)
    }
    window.addEventListener('message', onMessage)
  })
  try {
    await unwrap(api().openBodyStream({ streamId }))
  } catch (error) {
    stopWaiting()
    throw error
  }
  return { kind: 'port', port: await port }
}

/**
 * The frames of a stream, in order, ending after its `end` or `error` frame; usable inside a worker (fetch and
 * MessagePort only). Aborting `signal` stops reading (the fetch is aborted, the port closed) and ends the
 * iteration. A transport that stops before the last frame throws, in a sentence.
 */
export async function* readBodyStream(source: BodyStreamSource, signal?: AbortSignal): AsyncGenerator<BodyFrame, void, undefined> {
  const decoder = new BodyFrameDecoder()
  const pieces = source.kind === 'url' ? fetchedPieces(source.url, source.authorization, signal) : portPieces(source.port, signal)
  for await (const piece of pieces) {
    for (const frame of decoder.push(piece)) yield frame
    if (decoder.done) return
  }
  if (!signal?.aborted) throw new Error('The response body stream stopped before its end (the connection to Reactor Explorer was lost).')
}

async function* fetchedPieces(url: string, authorization: string, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array, void, undefined> {
  let response: Response
  try {
    response = await fetch(url, { headers: { authorization }, signal, cache: 'no-store' })
  } catch (error) {
    if (signal?.aborted) return
    throw new Error(`Could not reach Reactor Explorer’s local service for the response body (${error instanceof Error ? error.message : String(error)}).`)
  }
  if (!response.ok || !response.body) {
    throw new Error(
      response.status === 404
        ? 'That response body is no longer streaming (it finished, was cancelled, or was already opened). Send the request again.'
        : response.status === 401
          ? 'The local service refused the body stream: this page’s launch token is not the current one. Reload Reactor Explorer from the address it printed.'
          : `The local service answered the body stream with status ${response.status}.`
    )
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      yield value
    }
  } catch (error) {
    if (signal?.aborted) return
    throw error
  } finally {
    // Ends the fetch when the caller stops early (the last frame was read, or it gave up).
    void reader.cancel().catch(() => undefined)
  }
}

async function* portPieces(port: MessagePort, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array, void, undefined> {
  const queue: Uint8Array[] = []
  let wake: (() => void) | undefined
  let stopped = false
  const stop = () => {
    stopped = true
    wake?.()
  }
  port.onmessage = (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) queue.push(new Uint8Array(event.data))
    else if (ArrayBuffer.isView(event.data)) queue.push(new Uint8Array(event.data.buffer, event.data.byteOffset, event.data.byteLength))
    wake?.()
  }
  signal?.addEventListener('abort', stop, { once: true })
  try {
    while (!stopped) {
      const next = queue.shift()
      if (next) {
        yield next
        continue
      }
      await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
    }
  } finally {
    signal?.removeEventListener('abort', stop)
    port.onmessage = null
    port.close()
  }
}
