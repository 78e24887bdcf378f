// The body worker's brain, kept free of worker globals so jsdom tests (no Worker) can run it in-process.
// Holds one parsed document at a time and every text derived from it (pretty, raw, JSONPath-filtered, tree
// rows). The UI thread only ever receives the window of lines or rows it shows, plus counts and match
// positions: cloning a 50 MB pretty text (or 70,000 tree rows) onto the UI thread froze the window for
// hundreds of milliseconds while the structured clone was rebuilt there.
import { JSONPath } from 'jsonpath-plus'
import { GrowingLines, GrowingRawText } from './growing-document'
import { createJsonStreamPrinter, JsonStreamError } from './json-stream-printer'
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

/** Most search matches kept (the count goes on). */
const SEARCH_LIMIT = 100_000

export interface LoadResult {
  kind: 'json' | 'text'
  /** Set when the body says it is JSON but does not parse. */
  problem?: string
  summary?: JsonApiSummary
  pretty?: DocInfo
  defaultExpanded: string[]
  bytes: number
  parseMs: number
  /** A streamed body that stopped before its end: what arrived is shown, the tree and JSONPath are not. */
  incomplete?: true
}

/** What a streaming body has shown so far (see `begin`/`append`/`finish` below). */
export interface StreamProgress {
  /** Body bytes received. */
  bytes: number
  /** Lines of the document on screen (pretty while it is JSON, raw once it is text). */
  lineCount: number
  /** The document's generation: a new one when a JSON body turns out to be text. */
  generation: number
  kind: 'json' | 'text'
  /** The first screen, sent while it is still filling so it paints without a round trip. */
  head?: LineWindow
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

/** Line and column (1-based) of an offset, as parseProblem writes them. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lastNewline = -1
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1
    lastNewline = at
  }
  return { line, column: offset - lastNewline }
}

/** One body arriving in pieces: bytes decoded as they come, printed as JSON until it is not JSON. */
interface Incoming {
  decoder: TextDecoder
  contentType: string | undefined
  mode: 'undecided' | 'json' | 'text'
  printer: ReturnType<typeof createJsonStreamPrinter>
  lines: GrowingLines
  raw: GrowingRawText
  bytes: number
  /** Head lines already sent with progress; once the first screen is full, progress stops carrying it. */
  headSent: number
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
  let incoming: Incoming | undefined
  /** The streamed body stopped before its end: there is no whole value to build a tree from. */
  let partial = false
  let problem: string | undefined
  let generation = 0
  const generations: Record<LineTarget | 'tree', number> = { pretty: 0, raw: 0, filtered: 0, tree: 0 }
  // Lower-cased haystacks, by target; a growing document extends its copy instead of lowering it all again.
  const lowered = new Map<string, { generation: number; sourceLength: number; lower: string }>()
  // The last search, so asking again while the body grows only searches what arrived since.
  let lastSearch: { key: string; searchedTo: number; offsets: number[]; total: number } | undefined

  const bump = (target: LineTarget | 'tree') => (generations[target] = ++generation)
  const rawDoc = (): LineDocument => incoming?.raw.document() ?? (raw ??= { text, lineStarts: rawLineStarts(text), embedded: [] })
  const prettyDoc = (): LineDocument | undefined => pretty ?? (incoming?.mode === 'json' ? incoming.lines.document() : undefined)
  const docOf = (target: LineTarget): LineDocument | undefined =>
    target === 'pretty' ? (prettyDoc() ?? rawDoc()) : target === 'filtered' ? filtered : rawDoc()

  const reset = () => {
    text = ''
    value = undefined
    pretty = undefined
    filtered = undefined
    raw = undefined
    rows = []
    incoming = undefined
    partial = false
    problem = undefined
    lowered.clear()
    lastSearch = undefined
    for (const target of ['pretty', 'raw', 'filtered', 'tree'] as const) bump(target)
  }

  /** The streamed text is not JSON after all: what arrived is shown raw, with where it stopped being JSON. */
  const fallBackToText = (body: Incoming, error: JsonStreamError) => {
    body.mode = 'text'
    const { line, column } = positionOf(body.raw.text(), error.offset)
    problem = `Not valid JSON at line ${line}, column ${column}: ${error.message}`
    bump('pretty')
    body.headSent = 0
  }

  const feed = (body: Incoming, decoded: string) => {
    if (decoded === '') return
    body.raw.append(decoded)
    if (body.mode === 'undecided') {
      const first = decoded.trimStart().charCodeAt(0)
      if (Number.isNaN(first)) return
      const declaredJson = body.contentType !== undefined && /[/+]json\b/i.test(body.contentType)
      body.mode = declaredJson || first === 123 || first === 91 ? 'json' : 'text'
      if (body.mode === 'json') decoded = body.raw.text()
    }
    if (body.mode !== 'json') return
    try {
      const printed = body.printer.write(decoded)
      body.lines.append(printed.lines, printed.embedded)
    } catch (error) {
      if (!(error instanceof JsonStreamError)) throw error
      fallBackToText(body, error)
    }
  }

  const progressOf = (body: Incoming): StreamProgress => {
    const kind = body.mode === 'json' ? 'json' : 'text'
    const doc = docOf('pretty')!
    const docGeneration = kind === 'json' ? generations.pretty : generations.raw
    const progress: StreamProgress = { bytes: body.bytes, lineCount: doc.lineStarts.length, generation: docGeneration, kind }
    if (body.headSent < HEAD_LINES && progress.lineCount > body.headSent) {
      progress.head = linesOf(doc, docGeneration, 0, HEAD_LINES)
      body.headSent = progress.lineCount
    }
    return progress
  }

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
    const docGeneration = target === 'pretty' && !prettyDoc() ? generations.raw : generations[target]
    const cached = lowered.get(target)
    if (cached && cached.generation === docGeneration && cached.sourceLength === source.length) return cached.lower
    const lower =
      cached && cached.generation === docGeneration && cached.sourceLength < source.length
        ? cached.lower + source.slice(cached.sourceLength).toLowerCase()
        : source.toLowerCase()
    lowered.set(target, { generation: docGeneration, sourceLength: source.length, lower })
    return lower
  }

  /** Matches in the target; when it only grew since the same search, only the new text is searched. */
  const searchGrowing = (target: SearchTarget, query: string, caseSensitive: boolean): SearchResult => {
    const searched = haystack(target, caseSensitive)
    const docGeneration = target === 'pretty' && !prettyDoc() ? generations.raw : generations[target]
    const key = `${target}\u0000${docGeneration}\u0000${caseSensitive}\u0000${query}`
    let from = 0
    if (lastSearch && lastSearch.key === key && lastSearch.searchedTo <= searched.length) {
      const lastOffset = lastSearch.offsets[lastSearch.offsets.length - 1]
      from = Math.max(0, lastSearch.searchedTo - query.length + 1, lastOffset === undefined ? 0 : lastOffset + query.length)
    } else lastSearch = { key, searchedTo: 0, offsets: [], total: 0 }
    const found = searchText(searched, query, SEARCH_LIMIT - lastSearch.offsets.length, from)
    for (const offset of found.offsets) lastSearch.offsets.push(offset)
    lastSearch.total += found.total
    lastSearch.searchedTo = searched.length
    return { offsets: Uint32Array.from(lastSearch.offsets), total: lastSearch.total, truncated: lastSearch.total > lastSearch.offsets.length }
  }

  return {
    /** A streamed body starts: the document is empty until `append` brings its first bytes. */
    begin(contentType: string | undefined): void {
      reset()
      incoming = {
        decoder: new TextDecoder('utf-8'),
        contentType,
        mode: 'undecided',
        printer: createJsonStreamPrinter(),
        lines: new GrowingLines(),
        raw: new GrowingRawText(),
        bytes: 0,
        headSent: 0
      }
    },

    /** The next bytes of the streamed body (UTF-8 split across chunks decodes whole). */
    append(bytes: Uint8Array): void {
      if (!incoming) throw new Error('No body is streaming.')
      incoming.bytes += bytes.length
      feed(incoming, incoming.decoder.decode(bytes, { stream: true }))
    },

    /** What the page should know now (the stream sends it at most every PROGRESS_MS). */
    progress(): StreamProgress {
      if (!incoming) throw new Error('No body is streaming.')
      return progressOf(incoming)
    },

    /**
     * The body is complete (`complete`) or stopped early: the document becomes the fixed one the other
     * operations work on; a complete JSON body is parsed once here for the tree, JSONPath and the summary.
     */
    finish(complete: boolean): LoadResult {
      const body = incoming
      if (!body) throw new Error('No body is streaming.')
      const started = performance.now()
      feed(body, body.decoder.decode())
      if (body.mode === 'json' && complete) {
        try {
          const printed = body.printer.end()
          body.lines.append(printed.lines, printed.embedded)
        } catch (error) {
          if (!(error instanceof JsonStreamError)) throw error
          fallBackToText(body, error)
        }
      }
      text = body.raw.text()
      raw = body.raw.document()
      if (body.mode === 'json') pretty = body.lines.document()
      incoming = undefined
      const result: LoadResult = { kind: 'text', defaultExpanded: [''], bytes: body.bytes, parseMs: 0 }
      if (problem) result.problem = problem
      if (pretty) {
        result.kind = 'json'
        result.pretty = infoOf(pretty, generations.pretty)
        if (complete) {
          try {
            value = JSON.parse(text) as JsonValue
            result.summary = summarise(value)
            result.defaultExpanded = defaultExpanded(value)
          } catch (error) {
            // The printer checked the grammar, so only a limit of the parser itself (nesting depth) lands here.
            result.problem = `The tree and JSONPath are not available: ${error instanceof Error ? error.message : String(error)}`
          }
        }
      }
      if (!complete) {
        result.incomplete = true
        partial = true
      }
      result.parseMs = performance.now() - started
      return result
    },

    handle(request: BodyRequest): { result: unknown; transfer: Transferable[] } {
      switch (request.op) {
        case 'load': {
          const started = performance.now()
          reset()
          text = request.text
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
          lastSearch = undefined
          return { result: infoOf(pretty, bump('pretty')), transfer: [] }
        }
        case 'raw': {
          return { result: infoOf(rawDoc(), generations.raw), transfer: [] }
        }
        case 'tree': {
          if (value === undefined) throw new Error(incoming || partial ? 'The tree is built from the whole body only.' : 'The body is not JSON.')
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
          const found = searchGrowing(request.target, query, request.caseSensitive)
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
          if (value === undefined) throw new Error(incoming || partial ? 'JSONPath filters the whole body only.' : 'The body is not JSON.')
          let matches: JsonValue[]
          try {
            matches = JSONPath({ path: request.expression, json: value as object, wrap: true, eval: 'safe' }) as JsonValue[]
          } catch (error) {
            throw new Error(`JSONPath: ${error instanceof Error ? error.message : String(error)}`)
          }
          filtered = prettyLines(matches)
          lowered.delete('filtered')
          lastSearch = undefined
          const result: JsonPathResult = { count: matches.length, doc: infoOf(filtered, bump('filtered')) }
          return { result, transfer: [] }
        }
      }
    }
  }
}
