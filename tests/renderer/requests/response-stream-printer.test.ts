import { describe, expect, it } from 'vitest'
import { createJsonStreamPrinter, JsonStreamError } from '../../../src/renderer/src/features/requests/response/json-stream-printer'
import { prettyLines, type JsonValue } from '../../../src/renderer/src/features/requests/response/json-document'

function fullPretty(text: string): string[] {
  return prettyLines(JSON.parse(text) as JsonValue).text.split('\n')
}

/** Lines printed after writing `pieces` one by one (without ending), and after ending. */
function printPieces(pieces: string[]): { prefixLines: string[][]; all: string[]; embedded: Array<[number, string]> } {
  const printer = createJsonStreamPrinter()
  const all: string[] = []
  const embedded: Array<[number, string]> = []
  const prefixLines: string[][] = []
  for (const piece of pieces) {
    const out = printer.write(piece)
    all.push(...out.lines)
    embedded.push(...out.embedded)
    prefixLines.push([...all])
  }
  const last = printer.end()
  all.push(...last.lines)
  embedded.push(...last.embedded)
  return { prefixLines, all, embedded }
}

const SMALL = JSON.stringify({
  data: [
    { id: 'RL1', type: 'rules', attributes: { name: 'Page "load" \\ rule', enabled: true, n: -1.5e3, empty: {}, list: [], nothing: null } },
    { id: 'RC2', attributes: { settings: '{"source":"a/b"}', tags: ['é', '😀', 'tab\there', 'line\nbreak', '\u2028'] } }
  ],
  meta: { pagination: { current_page: 1, next_page: null, total_count: 2 } },
  'a/b~c': [[1, 2], [], [{}]]
})

describe('streaming JSON pretty-printer', () => {
  it('prints exactly the lines of the full pretty print, for every split point of a small document', () => {
    const expected = fullPretty(SMALL)
    for (let split = 0; split <= SMALL.length; split++) {
      const { prefixLines, all } = printPieces([SMALL.slice(0, split), SMALL.slice(split)])
      expect(all).toEqual(expected)
      // What the first piece printed is the top of the full print, line for line.
      expect(prefixLines[0]).toEqual(expected.slice(0, prefixLines[0]!.length))
    }
  })

  it('prints the same lines when the text arrives one character at a time', () => {
    const { prefixLines, all } = printPieces([...SMALL])
    expect(all).toEqual(fullPretty(SMALL))
    // Lines come out as the text arrives, not all at the end.
    expect(prefixLines[Math.floor(SMALL.length / 2)]!.length).toBeGreaterThan(5)
  })

  it('normalises escapes and numbers as JSON.stringify does, also across splits', () => {
    const text = '{"k\\u0065y": "caf\\u00e9 \\/ \\"q\\" \\\\", "n": [1.0, 1E2, -0, 12345678901234567890, 0.5], "s":"😀é"}'
    const expected = fullPretty(text)
    for (let split = 0; split <= text.length; split++) expect(printPieces([text.slice(0, split), text.slice(split)]).all).toEqual(expected)
  })

  it('notes strings that hold JSON with their pointer, like prettyLines', () => {
    const { embedded } = printPieces([SMALL])
    const doc = prettyLines(JSON.parse(SMALL) as JsonValue)
    expect(embedded).toEqual(doc.embedded.map(([line, pointer]) => [line, pointer]))
    expect(embedded.map(([, pointer]) => pointer)).toEqual(['/data/1/attributes/settings'])
  })

  it('prints top-level scalars and nested empties', () => {
    for (const text of ['42', '"x"', 'true', 'null', '[]', '{}', '[[[]]]', ' {"a" : [ ] } ']) expect(printPieces([text]).all).toEqual(fullPretty(text))
  })

  it('says where the text stops being JSON', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"a": 1,}', 8, /Expected a key but found "}"/],
      ['{"a" 1}', 5, /Expected ":"/],
      ['[1 2]', 3, /Expected "," or "]"/],
      ['[tru]', 1, /Unexpected text "tru]"/],
      ['{"a": 01}', 6, /Not a number: 01/],
      ['{"a": "x\\q"}', 6, /Bad escape/],
      ['{"a": 1} x', 9, /after the end/],
      ['<html>', 0, /Unexpected character "<"/]
    ]
    for (const [text, offset, message] of cases) {
      const printer = createJsonStreamPrinter()
      let thrown: unknown
      try {
        printer.write(text.slice(0, 3))
        printer.write(text.slice(3))
        printer.end()
      } catch (error) {
        thrown = error
      }
      expect(thrown, text).toBeInstanceOf(JsonStreamError)
      expect((thrown as JsonStreamError).message, text).toMatch(message)
      expect((thrown as JsonStreamError).offset, text).toBe(offset)
    }
  })

  it('says an unfinished document is unfinished only at the end', () => {
    const printer = createJsonStreamPrinter()
    expect(printer.write('{"a": [1, 2').lines).toEqual(['{', '  "a": [', '    1,'])
    expect(() => printer.end()).toThrow(/ends before the JSON value does/)
  })
})
