// Validates a JSON body and says where it breaks as line:column, whatever wording the JS engine uses.

export interface JsonProblem {
  message: string
  line: number
  column: number
  offset: number
}

export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

/** undefined when `text` is valid JSON (or blank), else the first problem with its position. */
export function validateJson(text: string): JsonProblem | undefined {
  if (text.trim() === '') return undefined
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error)
    let offset = text.length
    const position = /position (\d+)/.exec(raw)
    const lineCol = /line (\d+) column (\d+)/.exec(raw)
    if (position) offset = Number(position[1])
    else if (!lineCol) offset = scanForError(text)
    else if (lineCol) {
      const lines = text.split('\n')
      offset = lines.slice(0, Number(lineCol[1]) - 1).reduce((sum, l) => sum + l.length + 1, 0) + Number(lineCol[2]) - 1
    }
    const { line, column } = offsetToLineColumn(text, offset)
    // V8 appends `in JSON at position N (line L column C)`; drop it since we show our own position.
    const message = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '').replace(/, "[\s\S]*$/, '')
    return { message: message || 'Invalid JSON', line, column, offset }
  }
}

/**
 * Offset of the first syntax error, for engines whose JSON.parse message carries no position (older V8).
 * A small recursive-descent scan; it only has to agree with JSON.parse about *where*, not produce values.
 */
export function scanForError(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail()
  }
  const string = () => {
    i++
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') return void i++
      if (c === '\\') i += 2
      else if (c < ' ') fail()
      else i++
    }
    fail()
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match) fail()
    i += match![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    fail()
  }
  try {
    value()
    ws()
    if (i < text.length) fail()
    return text.length
  } catch (at) {
    return typeof at === 'number' ? at : text.length
  }
}
