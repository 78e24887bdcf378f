// The response bodies main is streaming to the renderer's body worker (issue 12), by stream id.
//
// The executor reads a body exactly as it does without streaming (body-reader.ts: decompression, inline or
// file, the stored-bytes total, the secret scan); every decoded chunk is also pushed here, masked
// (chunk-secret-mask.ts), and framed (src/shared/requests/body-stream.ts) for the stream's one subscriber: a
// MessagePort in Electron (body-stream-port.ts), `GET /body-stream/<id>` in browser mode (loopback-server.ts).
//
// Lifetimes, all bounded:
// - a stream is opened within OPEN_WITHIN_MS of the answer or it is released (the body read goes on; Save
//   and history do not depend on it);
// - until its subscriber attaches, a stream keeps its masked chunks for replay, up to the inline limit; past
//   that it drops them and a late subscriber is served from the kept body (the file, or the inline text)
//   once the body is complete;
// - after the last frame (end or error) is handed over, or the subscriber goes away, it is released.
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { AppError } from '../../../shared/errors'
import { BODY_FRAME_TYPE, encodeChunkFrames, encodeEndFrame, encodeErrorFrame, FRAME_HEADER_BYTES, MAX_FRAME_PAYLOAD, writeFrameHeader, type BodyStreamEnd } from '../../../shared/requests/body-stream'
import type { SecretRegistry } from '../security/secret-registry'
import { ChunkSecretMask } from './chunk-secret-mask'

/** How long an answered stream waits for its subscriber (the renderer opens it at once; 30 s covers a stall). */
export const OPEN_WITHIN_MS = 30_000
/** File replay reads in pieces of this size (one frame each). */
const REPLAY_PIECE_BYTES = 256 * 1024
/**
 * What a slow HTTP reader may leave queued in main before the stream stops queueing and, once the body is
 * complete, continues from the kept body where the reader is (a 500 MB body read slowly must not sit in
 * main's memory a second time).
 */
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024

/** Where a stream's frames go: a MessagePort or an HTTP response, behind the same small interface. */
export interface BodyStreamSink {
  /** Sends one frame; false when the receiver is behind (HTTP): nothing more is written until `onDrain`. */
  write(frame: Uint8Array): boolean
  /** After the last frame. */
  end(): void
  onDrain(listener: () => void): void
  /** The receiver went away (the page closed the port, the fetch was aborted). */
  onClose(listener: () => void): void
}

/** Where the complete body is kept, for a late subscriber's replay. */
export type KeptBody = { kind: 'file'; path: string } | { kind: 'inline'; text: string }

export interface BodyStreamWriter {
  readonly streamId: string
  /** One decoded chunk of the body (content-encoding undone); masked here before anyone sees it. */
  push(chunk: Buffer): void
  /**
   * The body is complete: the held-back tail goes out masked; answers the kind of secret masked in the body,
   * if any (for the kept copy's "saving asks first"). `end` does this too.
   */
  flush(): string | undefined
  /** The body is complete and kept as `end.bodyId`; `containsSecret`/`secretKind` are filled in here too. */
  end(end: Omit<BodyStreamEnd, 'bytes'>, kept: KeptBody): void
  /** The body did not arrive whole (cancel, stall, reset): the subscriber's last frame says why. */
  fail(error: unknown): void
}

interface StreamState {
  id: string
  mask: ChunkSecretMask
  /** Masked bytes pushed so far (what a subscriber receives in chunk frames). */
  bytes: number
  /** Chunk frames kept for a subscriber not attached yet; undefined once dropped (over `maxReplayBytes`). */
  replay: Uint8Array[] | undefined
  replayBytes: number
  sink: BodyStreamSink | undefined
  /** Frames waiting for the sink's drain. */
  queue: Uint8Array[]
  queuedBytes: number
  draining: boolean
  /** Resolved when the queue has drained (a replay from the kept body waits on it). */
  drainWaiters: Array<() => void>
  /** Body bytes handed to the sink so far: where a replay from the kept body picks up. */
  sentBytes: number
  /** Set when the body is complete: the end frame, and where the body is kept. */
  finished: { end: BodyStreamEnd; kept: KeptBody } | undefined
  failed: Uint8Array | undefined
  timer: NodeJS.Timeout | undefined
  /** The last frame is queued: the sink ends once the queue drains. */
  closing: boolean
  released: boolean
  /** A subscriber served from the kept body (its replay was dropped) is waiting for the body to complete. */
  replayFromKept: boolean
}

export interface BodyStreamsOptions {
  secrets: SecretRegistry
  openWithinMs?: number
  /** Default MAX_QUEUED_BYTES (tests make it small). */
  maxQueuedBytes?: number
}

export class BodyStreams {
  private readonly streams = new Map<string, StreamState>()
  private readonly openWithinMs: number

  constructor(private readonly options: BodyStreamsOptions) {
    this.openWithinMs = options.openWithinMs ?? OPEN_WITHIN_MS
  }

  /** Streams not yet released (tests check that a cancel leaves none). */
  get size(): number {
    return this.streams.size
  }

  /** Whether the stream exists and has no subscriber yet. */
  has(streamId: string): boolean {
    const state = this.streams.get(streamId)
    return state !== undefined && state.sink === undefined
  }

  /** A new stream; `maxReplayBytes` (the inline limit) bounds what it keeps for a late subscriber. */
  create(maxReplayBytes: number): BodyStreamWriter {
    const state: StreamState = {
      id: randomUUID(),
      mask: new ChunkSecretMask(this.options.secrets),
      bytes: 0,
      replay: [],
      replayBytes: 0,
      sink: undefined,
      queue: [],
      queuedBytes: 0,
      draining: false,
      drainWaiters: [],
      sentBytes: 0,
      finished: undefined,
      failed: undefined,
      timer: undefined,
      closing: false,
      released: false,
      replayFromKept: false
    }
    state.timer = setTimeout(() => this.release(state), this.openWithinMs)
    state.timer.unref()
    this.streams.set(state.id, state)
    return {
      streamId: state.id,
      push: (chunk) => {
        if (state.released || state.finished || state.failed) return
        const safe = state.mask.push(chunk, FRAME_HEADER_BYTES)
        if (safe) this.deliver(state, safe, maxReplayBytes)
      },
      flush: () => {
        if (state.released || state.finished || state.failed) return state.mask.secretKind
        const rest = state.mask.flush(FRAME_HEADER_BYTES)
        if (rest) this.deliver(state, rest, maxReplayBytes)
        return state.mask.secretKind
      },
      end: (end, kept) => {
        if (state.released || state.finished || state.failed) return
        const rest = state.mask.flush(FRAME_HEADER_BYTES)
        if (rest) this.deliver(state, rest, maxReplayBytes)
        const secretKind = end.secretKind ?? state.mask.secretKind
        state.finished = { end: { ...end, bytes: state.bytes, ...(secretKind ? { containsSecret: true as const, secretKind } : {}) }, kept }
        if (!state.sink) return
        if (state.replayFromKept) void this.replayKept(state)
        else this.finish(state, encodeEndFrame(state.finished.end))
      },
      fail: (error) => {
        if (state.released || state.finished || state.failed) return
        state.failed = encodeErrorFrame(this.errorFrameOf(error, state.bytes))
        state.replay = undefined
        // Nobody listening: nothing to tell, and a cancelled stream must leave nothing behind.
        if (!state.sink) return this.release(state)
        this.finish(state, state.failed)
      }
    }
  }

  /**
   * Attaches the stream's one subscriber: everything so far first (from memory, or from the kept body), then
   * live chunks, then the last frame. Refused (false) for an unknown, released or already attached stream.
   */
  attach(streamId: string, sink: BodyStreamSink): boolean {
    const state = this.streams.get(streamId)
    if (!state || state.sink) return false
    state.sink = sink
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
    sink.onClose(() => {
      // The receiver left: stop sending. The body read in main goes on (Save and history keep working).
      this.release(state)
    })
    sink.onDrain(() => this.drain(state))
    if (state.replay) {
      const replay = state.replay
      state.replay = undefined
      state.replayBytes = 0
      this.send(state, replay)
      if (state.finished) this.finish(state, encodeEndFrame(state.finished.end))
      return true
    }
    state.replayFromKept = true
    if (state.finished) void this.replayKept(state)
    return true
  }

  /** Drops every stream (the app is closing). */
  dispose(): void {
    for (const state of [...this.streams.values()]) this.release(state)
  }

  /** `framed`: masked body bytes after FRAME_HEADER_BYTES of room, which become the chunk frame's header. */
  private deliver(state: StreamState, framed: Buffer, maxReplayBytes: number): void {
    const payload = framed.length - FRAME_HEADER_BYTES
    state.bytes += payload
    const frames = chunkFrames(framed)
    if (state.sink && !state.replayFromKept) return this.send(state, frames)
    if (!state.replay) return
    state.replay.push(...frames)
    state.replayBytes += payload
    if (state.replayBytes > maxReplayBytes) {
      // Past the inline limit the body is in a file anyway: a late subscriber reads it from there.
      state.replay = undefined
      state.replayBytes = 0
    }
  }

  /**
   * A subscriber whose replay was dropped (it came late, or read too slowly): the kept body, masked afresh
   * (the same bytes as live), from where it is (`sentBytes`), then the end frame.
   */
  private async replayKept(state: StreamState): Promise<void> {
    const finished = state.finished!
    const mask = new ChunkSecretMask(this.options.secrets)
    let skip = state.sentBytes
    const sendMasked = async (framed: Buffer | undefined) => {
      if (!framed || state.released) return
      const payload = framed.length - FRAME_HEADER_BYTES
      if (skip >= payload) {
        skip -= payload
        return
      }
      this.send(state, skip > 0 ? encodeChunkFrames(framed.subarray(FRAME_HEADER_BYTES + skip)) : chunkFrames(framed))
      skip = 0
      await this.drained(state)
    }
    try {
      if (finished.kept.kind === 'inline') {
        const bytes = Buffer.from(finished.kept.text)
        for (let at = 0; at < bytes.length; at += REPLAY_PIECE_BYTES) await sendMasked(mask.push(bytes.subarray(at, at + REPLAY_PIECE_BYTES), FRAME_HEADER_BYTES))
      } else {
        for await (const piece of createReadStream(finished.kept.path, { highWaterMark: REPLAY_PIECE_BYTES })) {
          if (state.released) return
          await sendMasked(mask.push(piece as Buffer, FRAME_HEADER_BYTES))
        }
      }
      await sendMasked(mask.flush(FRAME_HEADER_BYTES))
      this.finish(state, encodeEndFrame(finished.end))
    } catch (error) {
      if (!state.released) this.finish(state, encodeErrorFrame(this.errorFrameOf(new AppError('http-body-gone', `The kept body could not be read again (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Send the request again.`), 0)))
    }
  }

  private drained(state: StreamState): Promise<void> {
    if (!state.draining || state.released) return Promise.resolve()
    return new Promise((resolve) => state.drainWaiters.push(resolve))
  }

  private send(state: StreamState, frames: readonly Uint8Array[]): void {
    if (state.released) return
    for (const frame of frames) {
      if (state.draining) {
        state.queue.push(frame)
        state.queuedBytes += frame.length
      } else this.write(state, frame)
    }
    if (state.queuedBytes > (this.options.maxQueuedBytes ?? MAX_QUEUED_BYTES) && !state.finished && !state.closing) {
      // The reader is far behind: drop what waits and continue from the kept body once it is complete.
      state.queue = []
      state.queuedBytes = 0
      state.replayFromKept = true
    }
  }

  private write(state: StreamState, frame: Uint8Array): void {
    if (frame[0] === BODY_FRAME_TYPE.chunk) state.sentBytes += frame.length - FRAME_HEADER_BYTES
    if (!state.sink!.write(frame)) state.draining = true
  }

  private drain(state: StreamState): void {
    if (state.released) return
    state.draining = false
    let taken = 0
    while (taken < state.queue.length && !state.draining) {
      const frame = state.queue[taken++]!
      state.queuedBytes -= frame.length
      this.write(state, frame)
    }
    state.queue.splice(0, taken)
    if (state.draining) return
    for (const waiter of state.drainWaiters.splice(0)) waiter()
    if (state.queue.length === 0 && state.closing) this.closeSink(state)
  }

  private finish(state: StreamState, last: Uint8Array): void {
    this.send(state, [last])
    state.closing = true
    if (!state.draining) this.closeSink(state)
  }

  private closeSink(state: StreamState): void {
    const sink = state.sink
    this.release(state)
    sink?.end()
  }

  private release(state: StreamState): void {
    state.released = true
    if (state.timer) clearTimeout(state.timer)
    state.timer = undefined
    state.replay = undefined
    state.queue = []
    state.queuedBytes = 0
    for (const waiter of state.drainWaiters.splice(0)) waiter()
    if (this.streams.get(state.id) === state) this.streams.delete(state.id)
  }

  /** The error frame for a failure: the AppError's code and sentence (any known secret masked), or a generic one. */
  private errorFrameOf(error: unknown, bytes: number): { code: string; message: string; bytes: number } {
    if (error instanceof AppError) return { code: error.code, message: this.options.secrets.redact(error.message), bytes }
    return { code: 'internal', message: 'The response body stopped unexpectedly.', bytes }
  }
}

/**
 * The chunk frame(s) of masked bytes that come after FRAME_HEADER_BYTES of room: the header is written into
 * that room, so the buffer the masker made is the frame (one allocation per chunk). A payload over the frame
 * limit (not seen from node streams, whose chunks are at most 64 KB) is split with a copy.
 */
function chunkFrames(framed: Buffer): Uint8Array[] {
  const payload = framed.length - FRAME_HEADER_BYTES
  if (payload > MAX_FRAME_PAYLOAD) return encodeChunkFrames(framed.subarray(FRAME_HEADER_BYTES))
  writeFrameHeader(framed, BODY_FRAME_TYPE.chunk, payload)
  return [framed]
}
