// A streaming reader for a JSON data file that is one array of row objects: `[{"name": "a"}, {"name": "b"}]`.
// It never holds more than one element's text, so a 10,000-row (or 10-million-row) file is read in flat memory.
// Element boundaries are found by a small scanner (strings, escapes and bracket depth), and each element is then
// parsed on its own: a malformed element becomes an error for that row, with its line, and the next element is
// read as usual.

export type JsonArrayElement = { line: number; text: string } | { line: number; error: string }

/** An element past this many characters is reported as too large instead of being held in memory. */
export const MAX_ELEMENT_CHARS = 1024 * 1024

export class JsonDataFileError extends Error {}

type State = 'start' | 'between' | 'element' | 'done' | 'trailing'

/**
 * Yields each top-level element's text (with the line it starts on), or an error for an element that cannot be
 * delimited. Throws JsonDataFileError when the text is not an array at all.
 */
export async function* readJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<JsonArrayElement> {
  let state: State = 'start'
  let line = 1
  let depth = 0
  let inString = false
  let escaped = false
  let element: string[] = []
  let elementChars = 0
  let elementLine = 1
  let tooLarge = false
  let first = true

  const finish = (): JsonArrayElement => {
    const result: JsonArrayElement = tooLarge
      ? { line: elementLine, error: `the row starting on line ${elementLine} is larger than ${MAX_ELEMENT_CHARS / 1024 / 1024} MB` }
      : { line: elementLine, text: element.join('') }
    element = []
    elementChars = 0
    tooLarge = false
    return result
  }

  for await (const chunk of chunks) {
    let text = chunk
    if (first) {
      first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    let segmentStart = 0
    const keep = (end: number) => {
      if (end <= segmentStart || tooLarge) return
      elementChars += end - segmentStart
      if (elementChars > MAX_ELEMENT_CHARS) {
        tooLarge = true
        element = []
      } else {
        element.push(text.slice(segmentStart, end))
      }
    }
    const out: JsonArrayElement[] = []
    for (let i = 0; i < text.length && state !== 'trailing'; i++) {
      const char = text[i]!
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false
          else if (char === '\\') escaped = true
          else if (char === '"') inString = false
          else if (char === '\n') line++
          continue
        }
        if (char === '"') inString = true
        else if (char === '{' || char === '[') depth++
        else if (char === '}' || char === ']') {
          if (depth === 0) {
            // The array's own closing bracket ends a scalar element.
            keep(i)
            out.push(finish())
            state = 'done'
            segmentStart = i + 1
            continue
          }
          depth--
        } else if (char === ',' && depth === 0) {
          keep(i)
          out.push(finish())
          state = 'between'
          continue
        } else if (char === '\n') line++
        continue
      }
      if (char === '\n') {
        line++
        continue
      }
      if (char === ' ' || char === '\t' || char === '\r') continue
      if (state === 'start') {
        if (char !== '[') throw new JsonDataFileError(`a JSON data file must be an array of row objects ([{"name": "value"}, ...]), but line ${line} starts with "${text.slice(i, i + 20)}"`)
        state = 'between'
        continue
      }
      if (state === 'between') {
        if (char === ']') {
          state = 'done'
          continue
        }
        if (char === ',') {
          out.push({ line, error: `line ${line} has an empty row (two commas in a row)` })
          continue
        }
        state = 'element'
        elementLine = line
        segmentStart = i
        depth = 0
        i-- // let the element state see this character
        continue
      }
      if (state === 'done') {
        out.push({ line, error: `line ${line} has text after the array's closing ], which is ignored` })
        state = 'trailing'
      }
    }
    if (state === 'element') keep(text.length)
    for (const item of out) yield item
  }
  if (state === 'start') throw new JsonDataFileError('the JSON data file is empty; it must be an array of row objects')
  if (state === 'element') yield { line: elementLine, error: `the row starting on line ${elementLine} is cut off: the file ends inside it (a missing } or ])` }
  else if (state === 'between') yield { line, error: `the file ends on line ${line} before the array's closing ]` }
}
