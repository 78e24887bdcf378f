// A line document that grows while a body streams in (issue 12): the views read windows of it and search
// it as it is, and what arrives later only adds lines. Text comes in as parts; the flat text the views
// slice is joined only when someone asks after new parts came (once per progress tick at most, in the
// worker), not once per chunk.
import type { LineDocument } from './json-document'

/** Line starts in a buffer that doubles, so a 2.3 million line body does not keep a number[] of them. */
class LineStarts {
  private buffer = new Uint32Array(1024)
  length = 0
  push(offset: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint32Array(this.buffer.length * 2)
      bigger.set(this.buffer)
      this.buffer = bigger
    }
    this.buffer[this.length++] = offset
  }
  view(): Uint32Array {
    return this.buffer.subarray(0, this.length)
  }
}

class GrowingText {
  private flat = ''
  private parts: string[] = []
  length = 0
  append(part: string): void {
    if (part === '') return
    this.parts.push(part)
    this.length += part.length
  }
  text(): string {
    if (this.parts.length > 0) {
      this.flat = this.flat + this.parts.join('')
      this.parts = []
    }
    return this.flat
  }
}

/** Pretty lines as the streaming printer completes them: each line ends with a newline. */
export class GrowingLines {
  private readonly content = new GrowingText()
  private readonly starts = new LineStarts()
  private readonly embedded: Array<[number, string, boolean]> = []
  private cached: LineDocument | undefined

  get lineCount(): number {
    return this.starts.length
  }

  append(lines: readonly string[], embedded: ReadonlyArray<[number, string]>): void {
    if (lines.length === 0) return
    let offset = this.content.length
    for (const line of lines) {
      this.starts.push(offset)
      offset += line.length + 1
    }
    this.content.append(`${lines.join('\n')}\n`)
    for (const [line, pointer] of embedded) this.embedded.push([line, pointer, false])
    this.cached = undefined
  }

  document(): LineDocument {
    return (this.cached ??= { text: this.content.text(), lineStarts: this.starts.view(), embedded: this.embedded })
  }
}

/** Text shown as is: split at newlines and hard-wrapped every `width` characters, as rawLineStarts does. */
export class GrowingRawText {
  private readonly content = new GrowingText()
  private readonly starts = new LineStarts()
  /** Where the last (unfinished) line starts or was last wrapped. */
  private lastBreak = 0
  private cached: LineDocument | undefined

  constructor(private readonly width = 2000) {
    this.starts.push(0)
  }

  get lineCount(): number {
    return this.starts.length
  }

  get length(): number {
    return this.content.length
  }

  append(part: string): void {
    if (part === '') return
    const offset = this.content.length
    this.content.append(part)
    for (let from = 0; ; ) {
      const newline = part.indexOf('\n', from)
      const end = newline < 0 ? part.length : newline
      for (let at = this.lastBreak + this.width; at < offset + end; at += this.width) {
        this.starts.push(at)
        this.lastBreak = at
      }
      if (newline < 0) break
      this.lastBreak = offset + newline + 1
      this.starts.push(this.lastBreak)
      from = newline + 1
    }
    this.cached = undefined
  }

  text(): string {
    return this.content.text()
  }

  document(): LineDocument {
    return (this.cached ??= { text: this.text(), lineStarts: this.starts.view(), embedded: [] })
  }
}
