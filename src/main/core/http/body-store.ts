import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { copyFile, mkdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../shared/errors'

interface StoredBody {
  path: string
  bytes: number
  contentType: string | undefined
  url: string
}

/**
 * Response bodies too large to send to the renderer live here, in temp files owned by main, until the user
 * saves them somewhere or the app quits. Only the newest `keep` bodies are kept: older files are removed.
 */
export class BodyStore {
  private readonly bodies = new Map<string, StoredBody>()
  private prepared: Promise<unknown> | undefined

  constructor(
    private readonly dir: string,
    private readonly keep = 20
  ) {}

  /** Opens a file for a new body; call `commit` when complete or `discard` on failure. */
  async open(): Promise<{ bodyId: string; path: string; stream: WriteStream }> {
    if (!this.prepared) {
      // Bodies left by a previous run that did not quit cleanly are of no use to anyone: start empty.
      this.prepared = rm(this.dir, { recursive: true, force: true }).then(() => mkdir(this.dir, { recursive: true, mode: 0o700 }))
    }
    await this.prepared
    const bodyId = randomUUID()
    const path = join(this.dir, `body-${bodyId}.bin`)
    return { bodyId, path, stream: createWriteStream(path, { flags: 'wx', mode: 0o600 }) }
  }

  async commit(bodyId: string, body: StoredBody): Promise<void> {
    this.bodies.set(bodyId, body)
    while (this.bodies.size > this.keep) {
      const [oldest, stored] = this.bodies.entries().next().value as [string, StoredBody]
      this.bodies.delete(oldest)
      await rm(stored.path, { force: true })
    }
  }

  /** Keeps an already-built text (e.g. a merged fetch-all document) as a body. */
  async storeText(text: string, contentType: string | undefined, url: string): Promise<{ bodyId: string; bytes: number }> {
    const { bodyId, path, stream } = await this.open()
    const bytes = Buffer.byteLength(text)
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject)
      stream.end(text, () => resolve())
    })
    await this.commit(bodyId, { path, bytes, contentType, url })
    return { bodyId, bytes }
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true })
  }

  info(bodyId: string): StoredBody | undefined {
    return this.bodies.get(bodyId)
  }

  /** Copies the body to `destination` (a file path the user chose). */
  async saveTo(bodyId: string, destination: string): Promise<{ path: string; bytes: number }> {
    const stored = this.bodies.get(bodyId)
    if (!stored) {
      throw new AppError('http-body-gone', 'That response body is no longer kept (it was replaced by newer ones or the app restarted). Send the request again to save it.')
    }
    try {
      await mkdir(dirname(destination), { recursive: true })
      await copyFile(stored.path, destination)
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
    await Promise.all(paths.map((path) => rm(path, { force: true })))
  }
}
