import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { formatBytes } from '../net/network-errors'
import type { SecretRegistry, SecretScan } from '../security/secret-registry'

export interface StoredBody {
  path: string
  bytes: number
  contentType: string | undefined
  url: string
  /** Set when the scan while writing found a secret the app holds: its kind ("client secret"). */
  secretFound?: string
}

/**
 * A streamed body that ended under the inline limit (issue 12): without streaming the renderer holds its text
 * and saves it itself; a streamed one reaches only the body worker, masked, so main keeps the text for Save.
 */
export interface InlineBody {
  text: string
  bytes: number
  contentType: string | undefined
  url: string
  secretFound?: string
}

/** A kept body, wherever it is kept. */
export type KeptBody = ({ kind: 'file' } & StoredBody) | ({ kind: 'inline' } & InlineBody)

/**
 * What inline bodies kept for Save may take in memory together, newest kept: 20 tabs' typical answers (well
 * under 1 MB each) fit many times over; a run of 50 MB answers keeps the newest few. Released earlier by
 * `requests:releaseBody` when the renderer stops showing one.
 */
export const MAX_INLINE_KEPT_BYTES = 256 * 1024 * 1024

/** The scan of one body being written: its bytes decoded as they come (a character split across chunks kept whole). */
interface BodyScan {
  decoder: TextDecoder
  scan: SecretScan
}

/** The disk space kept bodies may take together unless the network settings say otherwise. */
export const DEFAULT_MAX_STORED_BODY_BYTES = 1024 ** 3

/** A body being written: `write` counts every chunk against the store's total before it reaches the disk. */
export interface OpenBody {
  bodyId: string
  path: string
  stream: WriteStream
  write(chunk: Buffer): Promise<void>
}

export interface BodyStoreOptions {
  /**
   * Scans every body while it is written (the guard in front of IPC answers never sees a file body): a body
   * holding a known secret is marked, and saving it asks first.
   */
  secrets?: SecretRegistry
}

/**
 * Response bodies too large to send to the renderer live here, in temp files owned by main, until the user
 * saves them somewhere or the app quits. Only the newest `keep` bodies are kept, and all of them (with those
 * being written) stay within a total size: older bodies are dropped to make room, and a body that would pass
 * the total on its own is stopped with a clear error and its partial file removed.
 */
export class BodyStore {
  private readonly bodies = new Map<string, StoredBody>()
  /** Streamed bodies under the inline limit, oldest first, and their total size. */
  private readonly inline = new Map<string, InlineBody>()
  private inlineBytes = 0
  /** Bytes written so far by bodies not yet committed, by path. */
  private readonly writing = new Map<string, number>()
  private keptBytes = 0
  /** The secret scan of each body being written, by path. */
  private readonly scans = new Map<string, BodyScan>()
  private prepared: Promise<unknown> | undefined

  /** This process's own folder under the shared root: the app, browser mode and a CLI run never share one. */
  private readonly dir: string

  constructor(
    private readonly root: string,
    private readonly keep = 20,
    private readonly maxTotalBytes = DEFAULT_MAX_STORED_BODY_BYTES,
    private readonly options: BodyStoreOptions = {}
  ) {
    this.dir = join(root, `${process.pid}-${randomUUID().slice(0, 8)}`)
  }

  /** Bytes on disk now: kept bodies plus those being written. */
  get totalBytes(): number {
    let total = this.keptBytes
    for (const bytes of this.writing.values()) total += bytes
    return total
  }

  /**
   * Opens a file for a new body; call `commit` when complete or `discard` on failure. `maxTotalBytes` (the
   * network setting, read per request) overrides the store's own total.
   */
  async open(options: { maxTotalBytes?: number } = {}): Promise<OpenBody> {
    if (!this.prepared) {
      // Bodies left by runs that did not quit cleanly are of no use to anyone; bodies of a process that is
      // still running (the app while a CLI command runs, or the other way round) are theirs and stay.
      this.prepared = removeAbandonedFolders(this.root).then(() => mkdir(this.dir, { recursive: true, mode: 0o700 }))
    }
    await this.prepared
    const bodyId = randomUUID()
    const path = join(this.dir, `body-${bodyId}.bin`)
    const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 })
    const limit = options.maxTotalBytes ?? this.maxTotalBytes
    this.writing.set(path, 0)
    const scan = this.options.secrets && { decoder: new TextDecoder('utf-8'), scan: this.options.secrets.scanner() }
    if (scan) this.scans.set(path, scan)
    return {
      bodyId,
      path,
      stream,
      write: async (chunk: Buffer) => {
        await this.makeRoom(path, chunk.length, limit)
        this.writing.set(path, (this.writing.get(path) ?? 0) + chunk.length)
        // Scanned as it passes, before the disk: no second read of a body that may be a gigabyte.
        if (scan && scan.scan.found === undefined) scan.scan.push(scan.decoder.decode(chunk, { stream: true }))
        if (!stream.write(chunk)) await once(stream, 'drain')
      }
    }
  }

  /** Known secrets masked in text taken from a body (a file body's preview crosses to the renderer). */
  redact(text: string): string {
    return this.options.secrets ? this.options.secrets.redact(text) : text
  }

  /** Drops the oldest kept bodies until `bytes` more fit; refuses when even that is not enough. */
  private async makeRoom(path: string, bytes: number, limit: number): Promise<void> {
    while (this.totalBytes + bytes > limit && this.bodies.size > 0) await this.evictOldest()
    if (this.totalBytes + bytes <= limit) return
    const written = this.writing.get(path) ?? 0
    const others = this.totalBytes - written
    throw new AppError(
      'http-body-store-full',
      `Stopped reading after ${formatBytes(written)}: large response bodies may take at most ${formatBytes(limit)} on disk together ` +
        `(Settings → Network), and this one would pass that${others > 0 ? ` next to the ${formatBytes(others)} of other bodies still arriving` : ''}. ` +
        'The partial file was removed. Ask for less (e.g. a smaller page[size]) or raise the limit.'
    )
  }

  private async evictOldest(): Promise<void> {
    const [oldest, stored] = this.bodies.entries().next().value as [string, StoredBody]
    this.bodies.delete(oldest)
    this.keptBytes -= stored.bytes
    await rm(stored.path, { force: true })
  }

  /** Keeps a completely written body; the answer says whether its scan found a secret. */
  async commit(bodyId: string, body: Omit<StoredBody, 'secretFound'>): Promise<StoredBody> {
    this.writing.delete(body.path)
    const scan = this.scans.get(body.path)
    this.scans.delete(body.path)
    if (scan && scan.scan.found === undefined) scan.scan.push(scan.decoder.decode())
    const kept: StoredBody = scan?.scan.found !== undefined ? { ...body, secretFound: scan.scan.found } : { ...body }
    this.bodies.set(bodyId, kept)
    this.keptBytes += body.bytes
    while (this.bodies.size > this.keep) await this.evictOldest()
    return kept
  }

  /** Keeps an already-built text (e.g. a merged fetch-all document) as a body. */
  async storeText(text: string, contentType: string | undefined, url: string, options: { maxTotalBytes?: number } = {}): Promise<{ bodyId: string; bytes: number; secretFound?: string }> {
    const file = await this.open(options)
    const bytes = Buffer.byteLength(text)
    try {
      await file.write(Buffer.from(text))
      await new Promise<void>((resolve, reject) => {
        file.stream.on('error', reject)
        file.stream.end(() => resolve())
      })
    } catch (error) {
      file.stream.destroy()
      await this.discard(file.path)
      throw error
    }
    const kept = await this.commit(file.bodyId, { path: file.path, bytes, contentType, url })
    return { bodyId: file.bodyId, bytes, ...(kept.secretFound ? { secretFound: kept.secretFound } : {}) }
  }

  async discard(path: string): Promise<void> {
    this.writing.delete(path)
    this.scans.delete(path)
    await rm(path, { force: true })
  }

  info(bodyId: string): StoredBody | undefined {
    return this.bodies.get(bodyId)
  }

  /** Keeps a streamed body's text for Save (see InlineBody); the oldest go first past MAX_INLINE_KEPT_BYTES. */
  keepInline(body: InlineBody, maxTotalBytes = MAX_INLINE_KEPT_BYTES): string {
    const bodyId = randomUUID()
    this.inline.set(bodyId, body)
    this.inlineBytes += body.bytes
    for (const [oldest, kept] of this.inline) {
      if (this.inlineBytes <= maxTotalBytes || oldest === bodyId) break
      this.inline.delete(oldest)
      this.inlineBytes -= kept.bytes
    }
    return bodyId
  }

  /** A kept body, in a file or in memory. */
  kept(bodyId: string): KeptBody | undefined {
    const inline = this.inline.get(bodyId)
    if (inline) return { kind: 'inline', ...inline }
    const stored = this.bodies.get(bodyId)
    return stored && { kind: 'file', ...stored }
  }

  /** The renderer no longer shows this body: it is dropped (a file body's file too). False when not kept. */
  async release(bodyId: string): Promise<boolean> {
    const inline = this.inline.get(bodyId)
    if (inline) {
      this.inline.delete(bodyId)
      this.inlineBytes -= inline.bytes
      return true
    }
    const stored = this.bodies.get(bodyId)
    if (!stored) return false
    this.bodies.delete(bodyId)
    this.keptBytes -= stored.bytes
    await rm(stored.path, { force: true })
    return true
  }

  /** A kept body's bytes (browser mode hands them over as a download). */
  async read(bodyId: string): Promise<Buffer> {
    const kept = this.kept(bodyId)
    if (!kept) throw bodyGone()
    return kept.kind === 'inline' ? Buffer.from(kept.text) : readFile(kept.path)
  }

  /** Copies the body to `destination` (a file path the user chose). */
  async saveTo(bodyId: string, destination: string): Promise<{ path: string; bytes: number }> {
    const stored = this.kept(bodyId)
    if (!stored) throw bodyGone()
    try {
      await mkdir(dirname(destination), { recursive: true })
      if (stored.kind === 'inline') await writeFile(destination, stored.text)
      else await copyFile(stored.path, destination)
      const { size } = await stat(destination)
      return { path: destination, bytes: size }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
      throw new AppError('http-save-failed', `Could not write the body to ${basename(destination)} in ${dirname(destination)} (${code}).`, String(error))
    }
  }

  async dispose(): Promise<void> {
    const paths = [...this.bodies.values()].map((body) => body.path)
    this.bodies.clear()
    this.keptBytes = 0
    this.inline.clear()
    this.inlineBytes = 0
    await Promise.all(paths.map((path) => rm(path, { force: true })))
    if (this.prepared) await rm(this.dir, { recursive: true, force: true })
  }
}

function bodyGone(): AppError {
  return new AppError('http-body-gone', 'That response body is no longer kept (it was replaced by newer ones or the app restarted). Send the request again to save it.')
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes folders of processes that are gone, and loose files an older version left in the root. */
async function removeAbandonedFolders(root: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(root)
  } catch {
    return
  }
  await Promise.all(
    names.map(async (name) => {
      const owner = /^(\d+)-[0-9a-f]{8}$/.exec(name)
      if (owner && Number(owner[1]) !== process.pid && processIsAlive(Number(owner[1]))) return
      if (owner && Number(owner[1]) === process.pid) return
      await rm(join(root, name), { recursive: true, force: true })
    })
  )
}
