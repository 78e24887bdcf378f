// A report file written as the run goes: the parts that depend on each result are appended to a side file,
// and at the end the report is put together (its head, which needs the summary's counts, then those parts,
// then its tail) into a temporary file that is renamed over the final name. Memory holds at most
// FLUSH_AT_CHARS of results however long the run is, and a run that dies leaves no half-written report under
// the final name.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { pipeline } from 'node:stream/promises'

/**
 * Results are gathered up to this many characters and written in one go. One write per result (1.5 KB in the
 * JSON report) was 15% of the runner's CPU profile on the busy 2-core build machine, 1,500 results in a run:
 * each write wakes a thread-pool thread, and with both cores taken that switch lands on the runner. 64 K
 * characters make ~40 writes of those 1,500 results.
 */
const FLUSH_AT_CHARS = 64 * 1024

export class StreamedReportFile {
  private readonly partPath: string
  private readonly stream: WriteStream
  private failure: Error | undefined
  private pending: string[] = []
  private pendingChars = 0

  private constructor(readonly path: string) {
    this.partPath = `${path}.${process.pid}.part`
    this.stream = createWriteStream(this.partPath, { encoding: 'utf8' })
    this.stream.on('error', (error) => (this.failure ??= error))
  }

  static async create(path: string): Promise<StreamedReportFile> {
    await mkdir(dirname(path), { recursive: true })
    return new StreamedReportFile(path)
  }

  append(text: string): void {
    if (this.failure) return
    this.pending.push(text)
    this.pendingChars += text.length
    if (this.pendingChars >= FLUSH_AT_CHARS) this.flush()
  }

  private flush(): void {
    if (this.pending.length === 0) return
    if (!this.failure) this.stream.write(this.pending.join(''))
    this.pending = []
    this.pendingChars = 0
  }

  async finish(head: string, tail: string): Promise<void> {
    this.flush()
    await new Promise<void>((resolve) => this.stream.end(resolve))
    if (this.failure) throw new Error(`the report ${this.path} could not be written: ${this.failure.message}`)
    const temporary = `${this.path}.${process.pid}.tmp`
    try {
      const out = createWriteStream(temporary, { encoding: 'utf8' })
      const done = new Promise<void>((resolve, reject) => {
        out.on('close', resolve)
        out.on('error', reject)
      })
      out.write(head)
      await pipeline(createReadStream(this.partPath), out, { end: false })
      out.end(tail)
      await done
      await rename(temporary, this.path)
    } finally {
      await rm(temporary, { force: true })
      await rm(this.partPath, { force: true })
    }
  }

  async abort(): Promise<void> {
    this.pending = []
    this.stream.destroy()
    await rm(this.partPath, { force: true })
  }
}
