// The body worker's brain, kept free of worker globals so jsdom tests (no Worker) can run it in-process.
// Holds one parsed document at a time and every text derived from it (pretty, raw, JSONPath-filtered, tree
// rows). The UI thread only ever receives the window of lines or rows it shows, plus counts and match
// positions: cloning a 50 MB pretty text (or 70,000 tree rows) onto the UI thread froze the window for
// hundreds of milliseconds while the structured clone was rebuilt there.
import { JSONPath } from 'jsonpath-plus'
import {
  defaultExpanded,
  lineOf,
  lineText,
  parseProblem,
  prettyLines,
  rawLineStarts,
  searchText,
  summarise,
  treeRows,
  type JsonApiSummary,
  type JsonValue,
  type LineDocument,
  type SearchResult,
  type TreeRow
} from './json-document'

export type LineTarget = 'pretty' | 'raw' | 'filtered'
export type SearchTarget = LineTarget

/** Longest slice of one line sent to the UI; the rest is only counted (a minified line can be megabytes). */
export const MAX_LINE_CHARS = 4000
/** Largest window one `lines`/`rows` call answers, so a bad request cannot clone the whole document. */
export const MAX_WINDOW = 2000

export type BodyRequest =
  | { op: 'load'; text: string; contentType?: string }
  | { op: 'pretty'; expandedEmbedded: string[] }
  | { op: 'raw' }
  | { op: 'tree'; expanded: string[] }
  | { op: 'lines'; target: LineTarget; from: number; to: number }
  | { op: 'rows'; from: number; to: number }
  | { op: 'search'; query: string; caseSensitive: boolean; target: SearchTarget }
  | { op: 'jsonpath'; expression: string }

/** A document kept in the worker: how many lines it has and which revision of it the counts belong to. */
export interface DocInfo {
  lineCount: number
  /** Bumped whenever the worker replaces this document; windows of an older generation are dropped. */
  generation: number
  /** Its first HEAD_LINES lines, so the first screen paints without another round trip. */
  head: LineWindow
}

/** Lines (or tree rows) sent along with a new document: a first screen and its overscan. */
export const HEAD_LINES = 200

export interface LoadResult {
  kind: 'json' | 'text'
  /** Set when the body says it is JSON but does not parse. */
  problem?: string
  summary?: JsonApiSummary
  pretty?: DocInfo
  defaultExpanded: string[]
  bytes: number
  parseMs: number
}

export interface JsonPathResult {
  count: number
  doc: DocInfo
}

export interface LineWindow {
  generation: number
  from: number
  /** Offset of each line's start in the document's text (search offsets are in the same space). */
  starts: Uint32Array
  /** Each line without its newline, cut at MAX_LINE_CHARS. */
  lines: string[]
  /** Characters cut from each line (0 for most). */
  cut: number[]
  /** Lines in this window whose string value holds JSON: [line, pointer, expanded]. */
  embedded: Array<[number, string, boolean]>
}

export interface TreeInfo {
  rowCount: number
  generation: number
  head: RowWindow
}

export interface RowWindow {
  generation: number
  from: number
  rows: TreeRow[]
}

export interface BodySearchResult extends SearchResult {
  /** Line of each offset in the searched document, for navigation without its text. */
  lines: Uint32Array
}

export interface BodyResponses {
  load: LoadResult
  pretty: DocInfo
  raw: DocInfo
  tree: TreeInfo
  lines: LineWindow
  rows: RowWindow
  search: BodySearchResult
  jsonpath: JsonPathResult
}

function looksLikeJson(text: string, contentType: string | undefined): boolean {
  if (contentType && /[/+]json\b/i.test(contentType)) return true
  const first = text.trimStart().charCodeAt(0)
  return first === 123 || first === 91
}

function clampWindow(from: number, to: number, count: number): [number, number] {
  const start = Math.max(0, Math.min(count, Math.floor(from)))
  const end = Math.max(start, Math.min(count, Math.floor(to), start + MAX_WINDOW))
  return [start, end]
}

export function createBodyEngine() {
  let text = ''
  let value: JsonValue | undefined
  let pretty: LineDocument | undefined
  let filtered: LineDocument | undefined
  let raw: LineDocument | undefined
  let rows: TreeRow[] = []
  let generation = 0
  const generations: Record<LineTarget | 'tree', number> = { pretty: 0, raw: 0, filtered: 0, tree: 0 }
  const lowered = new Map<string, string>()

  const bump = (target: LineTarget | 'tree') => (generations[target] = ++generation)
  const rawDoc = (): LineDocument => (raw ??= { text, lineStarts: rawLineStarts(text), embedded: [] })
  const docOf = (target: LineTarget): LineDocument | undefined =>
    target === 'pretty' ? (pretty ?? rawDoc()) : target === 'filtered' ? filtered : rawDoc()

  const linesOf = (doc: LineDocument, docGeneration: number, askedFrom: number, askedTo: number): LineWindow => {
    const [from, to] = clampWindow(askedFrom, askedTo, doc.lineStarts.length)
    const starts = doc.lineStarts.slice(from, to)
    const lines: string[] = []
    const cut: number[] = []
    for (let i = from; i < to; i++) {
      const full = lineText(doc, i)
      lines.push(full.length > MAX_LINE_CHARS ? full.slice(0, MAX_LINE_CHARS) : full)
      cut.push(Math.max(0, full.length - MAX_LINE_CHARS))
    }
    const embedded: LineWindow['embedded'] = []
    let lo = 0
    let hi = doc.embedded.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (doc.embedded[mid]![0] < from) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < doc.embedded.length && doc.embedded[i]![0] < to; i++) embedded.push(doc.embedded[i]!)
    return { generation: docGeneration, from, starts, lines, cut, embedded }
  }
  const infoOf = (doc: LineDocument, docGeneration: number): DocInfo => ({
    lineCount: doc.lineStarts.length,
    generation: docGeneration,
    head: linesOf(doc, docGeneration, 0, HEAD_LINES)
  })
  const rowsOf = (askedFrom: number, askedTo: number): RowWindow => {
    const [from, to] = clampWindow(askedFrom, askedTo, rows.length)
    return { generation: generations.tree, from, rows: rows.slice(from, to) }
  }

  const haystack = (target: SearchTarget, caseSensitive: boolean): string => {
    const source = docOf(target)?.text ?? ''
    if (caseSensitive) return source
    let lower = lowered.get(target)
    if (lower === undefined || lower.length !== source.length) {
      lower = source.toLowerCase()
      lowered.set(target, lower)
    }
    return lower
  }

  return {
    handle(request: BodyRequest): { result: unknown; transfer: Transferable[] } {
      switch (request.op) {
        case 'load': {
          const started = performance.now()
          text = request.text
          value = undefined
          pretty = undefined
          filtered = undefined
          raw = undefined
          rows = []
          lowered.clear()
          for (const target of ['pretty', 'raw', 'filtered', 'tree'] as const) bump(target)
          const result: LoadResult = { kind: 'text', defaultExpanded: [''], bytes: new Blob([text]).size, parseMs: 0 }
          if (looksLikeJson(text, request.contentType) && text.trim() !== '') {
            try {
              value = JSON.parse(text) as JsonValue
              pretty = prettyLines(value)
              result.kind = 'json'
              result.summary = summarise(value)
              result.pretty = infoOf(pretty, generations.pretty)
              result.defaultExpanded = defaultExpanded(value)
            } catch (error) {
              result.problem = parseProblem(text, error)
            }
          }
          result.parseMs = performance.now() - started
          return { result, transfer: [] }
        }
        case 'pretty': {
          if (value === undefined) throw new Error('The body is not JSON.')
          pretty = prettyLines(value, new Set(request.expandedEmbedded))
          lowered.delete('pretty')
          return { result: infoOf(pretty, bump('pretty')), transfer: [] }
        }
        case 'raw': {
          return { result: infoOf(rawDoc(), generations.raw), transfer: [] }
        }
        case 'tree': {
          if (value === undefined) throw new Error('The body is not JSON.')
          rows = treeRows(value, new Set(request.expanded))
          bump('tree')
          const info: TreeInfo = { rowCount: rows.length, generation: generations.tree, head: rowsOf(0, HEAD_LINES) }
          return { result: info, transfer: [] }
        }
        case 'lines': {
          const doc = docOf(request.target)
          if (!doc) throw new Error('Nothing is filtered.')
          const window = linesOf(doc, generations[request.target], request.from, request.to)
          return { result: window, transfer: [window.starts.buffer] }
        }
        case 'rows': {
          return { result: rowsOf(request.from, request.to), transfer: [] }
        }
        case 'search': {
          const query = request.caseSensitive ? request.query : request.query.toLowerCase()
          const found = searchText(haystack(request.target, request.caseSensitive), query)
          const starts = docOf(request.target)?.lineStarts ?? new Uint32Array([0])
          const lines = new Uint32Array(found.offsets.length)
          // Offsets ascend, so walk the line starts forward instead of a binary search per match.
          let line = 0
          for (let i = 0; i < found.offsets.length; i++) {
            const at = found.offsets[i]!
            if (line + 1 < starts.length && starts[line + 1]! <= at) line = lineOf(starts, at)
            lines[i] = line
          }
          const result: BodySearchResult = { ...found, lines }
          return { result, transfer: [found.offsets.buffer, lines.buffer] }
        }
        case 'jsonpath': {
          if (value === undefined) throw new Error('The body is not JSON.')
          let matches: JsonValue[]
          try {
            matches = JSONPath({ path: request.expression, json: value as object, wrap: true, eval: 'safe' }) as JsonValue[]
          } catch (error) {
            throw new Error(`JSONPath: ${error instanceof Error ? error.message : String(error)}`)
          }
          filtered = prettyLines(matches)
          lowered.delete('filtered')
          const result: JsonPathResult = { count: matches.length, doc: infoOf(filtered, bump('filtered')) }
          return { result, transfer: [] }
        }
      }
    }
  }
}
