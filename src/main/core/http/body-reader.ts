// Reads one response body for the executor: decompressed when the server compressed it, kept in memory up to
// the inline limit and in a file past it (within the stored-bodies total), then decoded by its charset. Main
// does not parse it: JSON validity and pagination are the renderer's body worker's business (issue 12), and
// `jsonProblemOf` (json-problem.ts) is there for the few callers in main that want to know.
//
// Cost, measured with `node --cpu-prof` on the 2-core build machine: before this module the executor spent
// 35% of a 100 KB exchange in JSON.parse, and a 1 KB exchange paid for an async iterator, a TextDecoder and
// closures it did not need. Now a chunk costs one array slot (`data` events, no promise per chunk), the text
// is decoded once with a shared decoder, and nothing else is allocated per chunk.
import { once } from 'node:events'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import { constants as zlib, createBrotliDecompress, createGunzip, createInflate, type ZlibOptions } from 'node:zlib'
import type { HttpResponseBody } from '../../../shared/ipc/requests.contract'
import { AppError } from '../../../shared/errors'
import type { Exchange } from '../net/network-client'
import type { BodyStore, OpenBody } from './body-store'

export interface BodyLimits {
  /** Bodies above this go to a file in main; only a preview crosses to the renderer. */
  maxInline: number
  previewBytes: number
  /** The total all kept bodies may take on disk. */
  maxStoredBytes: number
}

export interface ReadBodyOptions {
  bodies: BodyStore
  contentType: string | undefined
  /** The response's Content-Encoding (gzip, deflate, br): decoded here; anything else is kept as received. */
  contentEncoding: string | undefined
  /** The URL the body came from (kept with a body file). */
  url: string
  limits: BodyLimits
  /** Bytes so far, at most every PROGRESS_INTERVAL_MS. */
  onBytes?: (bytes: number) => void
  /**
   * Every decoded chunk as it arrives (a streamed body, body-streams.ts), besides being kept as usual. The
   * same Buffer the reading keeps: it must not be changed.
   */
  onChunk?: (chunk: Buffer) => void
}

const PROGRESS_INTERVAL_MS = 100

/** Reads the whole body within the exchange's deadline; failures come back classified (exchange.bodyFailure). */
export function readResponseBody(exchange: Exchange, options: ReadBodyOptions): Promise<HttpResponseBody> {
  const decoded = decompressed(exchange.body, options.contentEncoding)
  return new Promise<HttpResponseBody>((resolve, reject) => {
    const reading = new BodyReading(exchange, decoded, options, resolve, reject)
    const source = reading.source
    // Inline, unnamed listeners: the reading's state and steps live on its prototype, so a body costs one
    // object and three small functions, whatever its size.
    source.on('data', (chunk: Buffer) => reading.chunk(chunk))
    source.once('error', (error) => reading.fail(error))
    source.once('end', () => reading.ended())
    source.once('close', () => reading.closed())
  })
}

/** One body being read: in memory up to the inline limit, then in a file (the stream paused while it writes). */
class BodyReading {
  readonly source: Readable
  private chunks: Buffer[] = []
  private bytes = 0
  private head: Buffer[] | undefined
  private headBytes = 0
  private file: OpenBody | undefined
  /** A file open or write in flight: the stream is paused until it is done. */
  private pending: Promise<void> | undefined
  private over = false
  private lastProgress: number

  constructor(
    private readonly exchange: Exchange,
    private readonly decoded: Decompressed | undefined,
    private readonly options: ReadBodyOptions,
    private readonly resolve: (body: HttpResponseBody) => void,
    private readonly reject: (error: unknown) => void
  ) {
    this.source = decoded?.stream ?? exchange.body
    this.lastProgress = options.onBytes ? performance.now() : 0
  }

  chunk(chunk: Buffer): void {
    if (this.over) return
    this.bytes += chunk.length
    this.options.onChunk?.(chunk)
    if (this.file) {
      if (this.head && this.headBytes < this.options.limits.previewBytes) {
        this.head.push(chunk)
        this.headBytes += chunk.length
      }
      this.waitFor(this.file.write(chunk))
    } else {
      this.chunks.push(chunk)
      if (this.bytes > this.options.limits.maxInline) this.waitFor(this.spill())
    }
    const onBytes = this.options.onBytes
    if (onBytes) {
      const now = performance.now()
      if (now - this.lastProgress >= PROGRESS_INTERVAL_MS) {
        this.lastProgress = now
        onBytes(this.bytes)
      }
    }
  }

  /** Over the inline limit: everything so far and everything after goes to a file in main. */
  private async spill(): Promise<void> {
    const opened = await this.options.bodies.open({ maxTotalBytes: this.options.limits.maxStoredBytes })
    this.file = opened
    const written = this.chunks
    this.chunks = []
    // Only the preview's bytes stay in memory; the rest is on disk once written.
    this.head = []
    for (const part of written) {
      if (this.headBytes >= this.options.limits.previewBytes) break
      this.head.push(part)
      this.headBytes += part.length
    }
    for (const part of written) await opened.write(part)
  }

  private waitFor(work: Promise<void>): void {
    this.source.pause()
    this.pending = work.then(
      () => {
        this.pending = undefined
        if (!this.over) this.source.resume()
      },
      (error: unknown) => this.fail(error)
    )
  }

  fail(error: unknown): void {
    if (this.over) return
    this.over = true
    this.exchange.abandon()
    if (this.decoded) this.source.destroy()
    const failure = this.decoded?.explain(error) ?? this.exchange.bodyFailure(error, this.bytes)
    const file = this.file
    if (!file) return this.reject(failure)
    file.stream.destroy()
    this.options.bodies.discard(file.path).then(
      () => this.reject(failure),
      () => this.reject(failure)
    )
  }

  /** Destroyed without an error and without an end: the same as a connection that went away. */
  closed(): void {
    if (!this.source.readableEnded) this.fail(Object.assign(new Error('The response body ended early.'), { code: 'ECONNRESET' }))
  }

  ended(): void {
    this.complete().then(
      (body) => {
        if (this.over) return
        this.over = true
        this.resolve(body)
      },
      (error: unknown) => this.fail(error)
    )
  }

  private async complete(): Promise<HttpResponseBody> {
    if (this.pending) await this.pending
    const { bytes, file, options } = this
    if (bytes === 0) return { kind: 'empty', bytes: 0 }
    if (!file) return { kind: 'inline', text: decodeBody(this.chunks, bytes, options.contentType), bytes }
    file.stream.end()
    await once(file.stream, 'close')
    const kept = await options.bodies.commit(file.bodyId, { path: file.path, bytes, contentType: options.contentType, url: options.url })
    // The preview crosses to the renderer: a known secret in it is masked, and the body says it holds one.
    const preview = options.bodies.redact(previewOf(this.head ?? [], options.limits.previewBytes, options.contentType))
    return { kind: 'file', bodyId: file.bodyId, bytes, preview, ...(kept.secretFound ? { containsSecret: true as const, secretKind: kept.secretFound } : {}) }
  }
}

/** The body text: one copy for the concatenation (none for a single chunk), one decode. */
export function decodeBody(chunks: readonly Buffer[], bytes: number, contentType: string | undefined): string {
  const whole = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes)
  return decoderFor(contentType).decode(whole)
}

/** The first `previewBytes` as text; a character cut in half at the end is left out rather than mangled. */
function previewOf(head: readonly Buffer[], previewBytes: number, contentType: string | undefined): string {
  const bytes = Buffer.concat(head).subarray(0, previewBytes)
  // A streaming decode of its own: `stream: true` keeps state, which a shared decoder must never hold.
  return new TextDecoder(decoderFor(contentType).encoding).decode(bytes, { stream: true })
}

const UTF8 = new TextDecoder('utf-8')
/** Decoders by charset label; a non-streaming decode() leaves no state, so one per label serves every response. */
const decoders = new Map<string, TextDecoder>([['utf-8', UTF8], ['utf8', UTF8]])
/** Labels come from servers: only this many distinct ones are remembered. */
const MAX_CACHED_DECODERS = 32

/** The decoder for a Content-Type's charset; UTF-8 when there is none or the label is unknown. */
export function decoderFor(contentType: string | undefined): TextDecoder {
  if (contentType === undefined || !contentType.includes('charset')) return UTF8
  const label = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase()
  if (!label) return UTF8
  let decoder = decoders.get(label)
  if (!decoder) {
    try {
      decoder = new TextDecoder(label)
    } catch {
      // Unknown label: UTF-8 rather than failing the whole response.
      decoder = UTF8
    }
    if (decoders.size < MAX_CACHED_DECODERS) decoders.set(label, decoder)
  }
  return decoder
}

interface Decompressed {
  stream: Readable
  /** A decompressor's own failure (the body is not the coding its header claims), in a sentence; else undefined. */
  explain(error: unknown): AppError | undefined
}

/**
 * The body as the server meant it: gzip, deflate and br undone (in reverse order when stacked, "gzip, br").
 * Lenient about a missing end the way browsers are (sync flush), so a body cut short shows what arrived.
 * Unknown codings (zstd, compress) are kept as received. Without Content-Encoding this is the body itself.
 */
function decompressed(body: Readable, contentEncoding: string | undefined): Decompressed | undefined {
  if (!contentEncoding) return undefined
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse()
  if (codings.length === 0 || !codings.every((coding) => Object.hasOwn(DECOMPRESSORS, coding))) return undefined
  // The body's own failure (a deadline, a reset) reaches every stage too; only a stage's first own error is
  // a decoding failure. This listener is added before pipeline()'s, so it sees the body's error first.
  let bodyError: unknown
  let decodeFailure: { error: unknown; coding: string } | undefined
  body.once('error', (error) => (bodyError ??= error))
  const stages = codings.map((coding) => {
    const stage = DECOMPRESSORS[coding]!()
    stage.once('error', (error) => {
      if (error !== bodyError) decodeFailure ??= { error, coding }
    })
    return stage
  })
  // pipeline() destroys every stage when one fails, so the reader of the last one hears of any failure.
  const stream = pipeline([body, ...stages], () => undefined) as unknown as Readable
  return {
    stream,
    explain: (error) => {
      if (!decodeFailure || decodeFailure.error !== error) return undefined
      const message = error instanceof Error ? error.message : String(error)
      return new AppError(
        'http-bad-encoding',
        `The response says it is ${decodeFailure.coding}-compressed (Content-Encoding), but its body could not be decompressed (${message}).`,
        (error as NodeJS.ErrnoException).code
      )
    }
  }
}

const LENIENT: ZlibOptions = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH }

const DECOMPRESSORS: Record<string, () => Readable> = {
  gzip: () => createGunzip(LENIENT),
  'x-gzip': () => createGunzip(LENIENT),
  deflate: () => createInflate(LENIENT),
  br: () => createBrotliDecompress({ flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH })
}
