// A response body streamed from main to the renderer's body worker (issue 12), framed the same way over both
// transports so one reader serves both:
// - browser mode: the bytes of `GET /body-stream/<streamId>` on the loopback service (Authorization: Bearer
//   <launch token>), which the body worker fetches itself, so the page's main thread never holds the body;
// - Electron: the messages of a MessagePort main hands over for the stream (each message one or more frames,
//   as an ArrayBuffer), which the page transfers to the body worker.
//
// A frame is [type: u8][length: u32 big-endian][payload]. `chunk` frames carry body bytes exactly as decoded by
// main (content-encoding undone, known secrets masked); then exactly one `end` or `error` frame, JSON payload.
// Frames may be split or merged arbitrarily by the transport: BodyFrameDecoder reassembles them.

export const BODY_FRAME_TYPE = { chunk: 1, end: 2, error: 3 } as const

/** The last frame of a complete body. */
export interface BodyStreamEnd {
  /** Body bytes delivered in chunk frames (after decompression). */
  bytes: number
  /** Where main keeps the whole body now (for Save and history): in memory, or in a file over the inline limit. */
  kept: 'inline' | 'file'
  /** Names the kept body for `requests:saveBody` and for release. */
  bodyId: string
  /** A secret the app holds was found in the body (and masked in what was streamed). */
  containsSecret?: true
  /** Which kind, in words ("client secret"): never the value. */
  secretKind?: string
  /**
   * The whole exchange's timing, known only now: the head the renderer got first was timed at the head, so
   * its download read 0 ms. Optional: a stream from an older main (or a test double) may leave it out.
   */
  timing?: { totalMs: number; downloadMs: number }
}

/** The last frame of a body that did not arrive whole: cancelled, stalled, the connection dropped. */
export interface BodyStreamError {
  code: string
  /** A readable sentence, as AppError messages are. */
  message: string
  /** Bytes delivered before the failure. */
  bytes: number
}

export type BodyFrame =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end'; end: BodyStreamEnd }
  | { type: 'error'; error: BodyStreamError }

/** How the body worker reaches one stream: cloneable (url) or transferable (port) into a worker. */
export type BodyStreamSource =
  | { kind: 'url'; url: string; authorization: string }
  | { kind: 'port'; port: MessagePort }

/** A frame's [type u8][length u32 BE] header. */
export const FRAME_HEADER_BYTES = 5
/** A chunk frame's payload limit; main splits larger buffers. Keeps one frame well under any message limit. */
export const MAX_FRAME_PAYLOAD = 1 << 20
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/**
 * Writes a frame's header into the first FRAME_HEADER_BYTES of `out`, whose payload follows them: main builds a
 * chunk frame in the buffer its secret masker already made, so a chunk costs one allocation.
 */
export function writeFrameHeader(out: Uint8Array, type: number, payloadLength: number): void {
  out[0] = type
  new DataView(out.buffer, out.byteOffset, FRAME_HEADER_BYTES).setUint32(1, payloadLength)
}

function frame(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length)
  writeFrameHeader(out, type, payload.length)
  out.set(payload, FRAME_HEADER_BYTES)
  return out
}

/** Frames for body bytes, split at MAX_FRAME_PAYLOAD. */
export function encodeChunkFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += MAX_FRAME_PAYLOAD) {
    frames.push(frame(BODY_FRAME_TYPE.chunk, bytes.subarray(at, Math.min(bytes.length, at + MAX_FRAME_PAYLOAD))))
  }
  return frames
}

export function encodeEndFrame(end: BodyStreamEnd): Uint8Array {
  return frame(BODY_FRAME_TYPE.end, textEncoder.encode(JSON.stringify(end)))
}

export function encodeErrorFrame(error: BodyStreamError): Uint8Array {
  return frame(BODY_FRAME_TYPE.error, textEncoder.encode(JSON.stringify(error)))
}

/** Reassembles frames from transport pieces of any size. After `end`/`error`, further bytes are a protocol error. */
export class BodyFrameDecoder {
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private finished = false

  get done(): boolean {
    return this.finished
  }

  push(piece: Uint8Array): BodyFrame[] {
    if (piece.length === 0) return []
    if (this.finished) throw new Error('The body stream sent data after its last frame.')
    this.pending.push(piece)
    this.pendingBytes += piece.length
    const frames: BodyFrame[] = []
    for (;;) {
      if (this.pendingBytes < FRAME_HEADER_BYTES) break
      const head = this.peek(FRAME_HEADER_BYTES)
      const length = new DataView(head.buffer, head.byteOffset, FRAME_HEADER_BYTES).getUint32(1)
      const type = head[0]!
      if (type !== BODY_FRAME_TYPE.chunk && type !== BODY_FRAME_TYPE.end && type !== BODY_FRAME_TYPE.error) {
        throw new Error(`The body stream sent an unknown frame type (${type}).`)
      }
      if (type !== BODY_FRAME_TYPE.chunk && length > 64 * 1024) throw new Error('The body stream sent an oversized last frame.')
      if (this.pendingBytes < FRAME_HEADER_BYTES + length) break
      this.take(FRAME_HEADER_BYTES)
      const payload = this.take(length)
      if (type === BODY_FRAME_TYPE.chunk) {
        frames.push({ type: 'chunk', bytes: payload })
        continue
      }
      const parsed: unknown = JSON.parse(textDecoder.decode(payload))
      this.finished = true
      frames.push(type === BODY_FRAME_TYPE.end ? { type: 'end', end: parsed as BodyStreamEnd } : { type: 'error', error: parsed as BodyStreamError })
      if (this.pendingBytes > 0) throw new Error('The body stream sent data after its last frame.')
      break
    }
    return frames
  }

  /** The first `count` pending bytes without consuming them (copies only when they span pieces). */
  private peek(count: number): Uint8Array {
    const first = this.pending[0]!
    if (first.length >= count) return first.subarray(0, count)
    return this.copyOut(count, false)
  }

  private take(count: number): Uint8Array {
    const first = this.pending[0]
    if (count === 0) return new Uint8Array(0)
    if (first && first.length >= count) {
      const out = first.subarray(0, count)
      if (first.length === count) this.pending.shift()
      else this.pending[0] = first.subarray(count)
      this.pendingBytes -= count
      return out
    }
    return this.copyOut(count, true)
  }

  private copyOut(count: number, consume: boolean): Uint8Array {
    const out = new Uint8Array(count)
    let filled = 0
    let index = 0
    while (filled < count) {
      const piece = this.pending[index]!
      const use = Math.min(piece.length, count - filled)
      out.set(piece.subarray(0, use), filled)
      filled += use
      if (use < piece.length) {
        if (consume) this.pending[index] = piece.subarray(use)
        break
      }
      index += 1
    }
    // One splice for every piece used up whole: a byte-at-a-time transport must not cost a shift per piece.
    if (consume) {
      this.pending.splice(0, index)
      this.pendingBytes -= count
    }
    return out
  }
}
