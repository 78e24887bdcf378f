// A streaming JSON pretty-printer: text goes in as it arrives, formatted lines come out as soon as they are
// known, so the first screen of a 50 MB body paints from its first chunk instead of after a full parse
// (issue 12). It is a small state machine (what the grammar expects next, a stack of open containers) over
// whole tokens; a token cut by a chunk boundary waits in `pending` for the next chunk.
//
// Its lines are those of prettyLines(JSON.parse(text)) (two-space indent, strings and numbers as
// JSON.stringify writes them), with two documented exceptions where JSON.parse itself reorders or drops:
// integer-like object keys keep their order in the text, and duplicate keys are all shown.
import { embeddedJson } from './json-document'

/** Where the text stops being JSON, as an offset into everything written so far. */
export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

export interface PrintedLines {
  lines: string[]
  /** Lines (document-wide index) whose string value holds JSON, and that value's JSON pointer. */
  embedded: Array<[number, string]>
}

type Expect = 'value' | 'value-or-close' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'done'

interface Container {
  kind: 'object' | 'array'
  /** Array: index of the current element; object: -1. */
  index: number
  /** Object: the current member's key, decoded (for pointers). */
  key: string
}

const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
// JSON forbids raw control characters in strings; matching them is the point of this expression.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f]/
const LITERALS: Record<number, string> = { 116: 'true', 102: 'false', 110: 'null' }

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

function describe(code: number): string {
  return code === 34 ? 'a string' : `"${String.fromCharCode(code)}"`
}

export function createJsonStreamPrinter() {
  let pending = ''
  /** Offset in the whole text of pending[0]. */
  let base = 0
  /** Inside an unfinished string token at pending[0]: where to resume looking for its closing quote. */
  let stringResume = 0
  let expect: Expect = 'value'
  const stack: Container[] = []
  const indents: string[] = ['']
  const indent = (depth: number) => (indents[depth] ??= '  '.repeat(depth))
  /** The last line, whose suffix (a comma, or nothing) the next token decides. */
  let held: string | undefined
  /** `held` is an opening bracket that may still close at once ("{}"/"[]"). */
  let heldOpens = false
  /** `key: ` for the value that comes next in an object. */
  let prefix = ''
  let emitted = 0
  let out: PrintedLines = { lines: [], embedded: [] }

  const emit = (line: string) => {
    out.lines.push(line)
    emitted += 1
  }
  const flushHeld = (suffix: string) => {
    if (held !== undefined) emit(held + suffix)
    held = undefined
    heldOpens = false
  }
  const pointer = (): string => {
    let path = ''
    for (const container of stack) path += `/${container.kind === 'array' ? container.index : escapePointer(container.key)}`
    return path
  }
  const fail = (message: string, at: number): never => {
    throw new JsonStreamError(message, base + at)
  }

  /** A value starts here: its first line is `held` until the next token says what follows it. */
  const beginValue = (at: number, code: number) => {
    if (expect !== 'value' && expect !== 'value-or-close') fail(`Expected ${expectation()} but found ${describe(code)}`, at)
    if (heldOpens) flushHeld('')
    const top = stack[stack.length - 1]
    if (top?.kind === 'array') top.index += 1
  }
  const afterValue = () => {
    prefix = ''
    expect = stack.length === 0 ? 'done' : 'comma-or-close'
  }
  const expectation = (): string => {
    switch (expect) {
      case 'value':
      case 'value-or-close':
        return 'a value'
      case 'key-or-close':
        return 'a key or "}"'
      case 'key':
        return 'a key'
      case 'colon':
        return '":"'
      case 'comma-or-close':
        return stack[stack.length - 1]?.kind === 'array' ? '"," or "]"' : '"," or "}"'
      case 'done':
        return 'the end of the body'
    }
  }

  const scalar = (text: string, at: number, code: number, decoded?: string) => {
    beginValue(at, code)
    held = indent(stack.length) + prefix + text
    if (decoded !== undefined && embeddedJson(decoded) !== undefined) out.embedded.push([emitted, pointer()])
    afterValue()
  }

  const string = (token: string, at: number) => {
    const escaped = token.indexOf('\\') >= 0
    let text = token
    let decoded: string
    if (escaped) {
      try {
        decoded = JSON.parse(token) as string
      } catch {
        return fail('Bad escape in a string', at)
      }
      text = JSON.stringify(decoded)
    } else {
      if (CONTROL_CHARACTER.test(token)) fail('Unescaped control character in a string', at)
      decoded = token.slice(1, -1)
    }
    if (expect === 'key' || expect === 'key-or-close') {
      if (heldOpens) flushHeld('')
      stack[stack.length - 1]!.key = decoded
      prefix = `${text}: `
      expect = 'colon'
      return
    }
    // Only a string that could hold JSON is decoded for the check: most are not.
    const first = decoded.charCodeAt(0)
    scalar(text, at, 34, first === 123 || first === 91 ? decoded : undefined)
  }

  const open = (kind: Container['kind'], at: number, code: number) => {
    beginValue(at, code)
    held = indent(stack.length) + prefix + (kind === 'object' ? '{' : '[')
    heldOpens = true
    prefix = ''
    stack.push({ kind, index: -1, key: '' })
    expect = kind === 'object' ? 'key-or-close' : 'value-or-close'
  }

  const close = (kind: Container['kind'], at: number, code: number) => {
    const top = stack[stack.length - 1]
    const allowed = expect === 'comma-or-close' || (kind === 'object' ? expect === 'key-or-close' : expect === 'value-or-close')
    if (!top || top.kind !== kind || !allowed) fail(`Expected ${expectation()} but found ${describe(code)}`, at)
    stack.pop()
    if (heldOpens) {
      held += kind === 'object' ? '}' : ']'
      heldOpens = false
    } else {
      flushHeld('')
      held = indent(stack.length) + (kind === 'object' ? '}' : ']')
    }
    afterValue()
  }

  const consume = (final: boolean) => {
    const text = pending
    let at = 0
    while (at < text.length) {
      const code = text.charCodeAt(at)
      if (code === 32 || code === 10 || code === 13 || code === 9) {
        at += 1
        continue
      }
      if (expect === 'done') fail('Unexpected text after the end of the JSON value', at)
      if (code === 34) {
        let end = -1
        for (let from = at === 0 ? Math.max(1, stringResume) : at + 1; ; ) {
          const quote = text.indexOf('"', from)
          if (quote < 0) break
          let slashes = 0
          while (text.charCodeAt(quote - 1 - slashes) === 92) slashes += 1
          if (slashes % 2 === 0) {
            end = quote
            break
          }
          from = quote + 1
        }
        if (end < 0) {
          if (final) fail('The body ends inside a string', at)
          pending = text.slice(at)
          base += at
          stringResume = pending.length
          return
        }
        string(text.slice(at, end + 1), at)
        at = end + 1
        continue
      }
      if (code === 123 || code === 91) {
        open(code === 123 ? 'object' : 'array', at, code)
        at += 1
        continue
      }
      if (code === 125 || code === 93) {
        close(code === 125 ? 'object' : 'array', at, code)
        at += 1
        continue
      }
      if (code === 58) {
        if (expect !== 'colon') fail(`Expected ${expectation()} but found ":"`, at)
        expect = 'value'
        at += 1
        continue
      }
      if (code === 44) {
        if (expect !== 'comma-or-close') fail(`Expected ${expectation()} but found ","`, at)
        flushHeld(',')
        expect = stack[stack.length - 1]!.kind === 'array' ? 'value' : 'key'
        at += 1
        continue
      }
      if (code === 45 || (code >= 48 && code <= 57)) {
        let end = at + 1
        for (; end < text.length; end++) {
          const c = text.charCodeAt(end)
          if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45)) break
        }
        if (end === text.length && !final) break
        const token = text.slice(at, end)
        if (!JSON_NUMBER.test(token)) fail(`Not a number: ${token.slice(0, 40)}`, at)
        scalar(PLAIN_INTEGER.test(token) && token !== '-0' ? token : JSON.stringify(Number(token)), at, code)
        at = end
        continue
      }
      const literal = LITERALS[code]
      if (literal) {
        const token = text.slice(at, at + literal.length)
        if (token.length < literal.length && !final && literal.startsWith(token)) break
        if (token !== literal) fail(`Unexpected text "${token}"`, at)
        scalar(literal, at, code)
        at += literal.length
        continue
      }
      fail(`Unexpected character "${String.fromCharCode(code)}"`, at)
    }
    pending = text.slice(at)
    base += at
    stringResume = 0
  }

  return {
    /** Feeds the next piece of text; answers the lines it completed. Throws JsonStreamError where it is not JSON. */
    write(text: string): PrintedLines {
      out = { lines: [], embedded: [] }
      pending += text
      consume(false)
      return out
    },
    /** The text is complete: answers the last lines, or throws if the JSON value is unfinished. */
    end(): PrintedLines {
      out = { lines: [], embedded: [] }
      consume(true)
      if (expect !== 'done') fail(stack.length > 0 || expect !== 'value' ? 'The body ends before the JSON value does' : 'The body is empty', pending.length)
      flushHeld('')
      return out
    },
    get lineCount(): number {
      return emitted
    }
  }
}
