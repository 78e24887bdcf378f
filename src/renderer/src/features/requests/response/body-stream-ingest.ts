// Feeds a streamed body's frames into the body engine and tells the page how far it got (issue 12). Runs in
// the body worker (body.worker.ts), or in-process where there is no Worker (jsdom), with the same messages.
import type { BodyFrame, BodyStreamEnd, BodyStreamError } from '@shared/requests/body-stream'
import type { createBodyEngine, LoadResult, StreamProgress } from './body-engine'

/**
 * Progress goes to the page at most this often: each message costs the page a render, and 10 a second keep
 * "Receiving… 12.3 MB" and the growing scrollbar live without the page spending its time on them.
 */
export const PROGRESS_MS = 100

export type StreamMessage =
  | { type: 'progress'; progress: StreamProgress }
  | {
      type: 'done'
      load: LoadResult
      /** The end frame: where main keeps the body (Save) and whether a secret was found in it. */
      end?: BodyStreamEnd
      /** The body stopped before its end: cancelled, stalled, the connection dropped. */
      error?: BodyStreamError
    }

/**
 * A chunk frame carries up to 1 MB (main replays what it already read in frames that size), and printing 1 MB
 * takes the worker ~50-85 ms here; fed in slices, the first screen goes out after the first slice.
 */
const SLICE_BYTES = 64 * 1024
/**
 * The first slice is smaller: 16 KB of the bench's JSON:API prints to ~750 pretty lines, more than a first
 * screen (~45 rows at 1440x900) and the 200 head lines, in a quarter of a 64 KB slice's work, so the first
 * rows go out sooner.
 */
const FIRST_SLICE_BYTES = 16 * 1024

type Engine = Pick<ReturnType<typeof createBodyEngine>, 'begin' | 'append' | 'progress' | 'finish'>

/** Lets queued messages (the page asking for lines or a search) run between chunks that arrive back to back. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export async function ingestBodyStream(
  engine: Engine,
  frames: AsyncIterable<BodyFrame>,
  contentType: string | undefined,
  post: (message: StreamMessage) => void,
  signal: AbortSignal
): Promise<void> {
  engine.begin(contentType)
  let lastProgress = -Infinity
  let shownLines = 0
  let end: BodyStreamEnd | undefined
  let failure: BodyStreamError | undefined
  let received = 0
  try {
    for await (const frame of frames) {
      if (signal.aborted) return
      if (frame.type === 'chunk') {
        for (let at = 0; at < frame.bytes.length; ) {
          const size = received === 0 ? FIRST_SLICE_BYTES : SLICE_BYTES
          const slice = frame.bytes.subarray(at, at + size)
          at += slice.length
          received += slice.length
          engine.append(slice)
          const now = performance.now()
          // The first lines go out at once (the first screen), later ones on the progress clock.
          if (now - lastProgress >= PROGRESS_MS || shownLines === 0) {
            const progress = engine.progress()
            if (progress.lineCount > 0 || now - lastProgress >= PROGRESS_MS) {
              post({ type: 'progress', progress })
              lastProgress = now
              shownLines = progress.lineCount
              await yieldToMessages()
              if (signal.aborted) return
            }
          }
        }
        continue
      }
      if (frame.type === 'end') end = frame.end
      else failure = frame.error
      break
    }
  } catch (error) {
    if (signal.aborted) return
    failure = { code: 'body-stream-failed', message: `The body stopped arriving: ${error instanceof Error ? error.message : String(error)}`, bytes: received }
  }
  if (signal.aborted) return
  if (!end && !failure) failure = { code: 'body-stream-failed', message: 'The body stream ended without its last frame.', bytes: received }
  const load = engine.finish(end !== undefined)
  post({ type: 'done', load, ...(end ? { end } : {}), ...(failure ? { error: failure } : {}) })
}
