// A report file written as the run goes: the parts that depend on each result are appended to a side file,
// and at the end the report is put together (its head, which needs the summary's counts, then those parts,
// then its tail) into a temporary file that is renamed over the final name. Memory holds one result at a
// time however long the run is, and a run that dies leaves no half-written report under the final name.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { pipeline } from 'node:stream/promises'

export class StreamedReportFile {
  private readonly partPath: string
  private readonly stream: WriteStream
  private failure: Error | undefined

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
    if (!this.failure) this.stream.write(text)
  }

  async finish(head: string, tail: string): Promise<void> {
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
    this.stream.destroy()
    await rm(this.partPath, { force: true })
  }
}
