// The body worker's brain, kept free of worker globals so jsdom tests (no Worker) can run it in-process.
// Holds one parsed document at a time; the UI thread only ever receives the lines or rows it shows.
import { JSONPath } from 'jsonpath-plus'
import {
  defaultExpanded,
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

export type SearchTarget = 'pretty' | 'raw' | 'filtered'

export type BodyRequest =
  | { op: 'load'; text: string; contentType?: string }
  | { op: 'pretty'; expandedEmbedded: string[] }
  | { op: 'raw' }
  | { op: 'tree'; expanded: string[] }
  | { op: 'search'; query: string; caseSensitive: boolean; target: SearchTarget }
  | { op: 'jsonpath'; expression: string }

export interface LoadResult {
  kind: 'json' | 'text'
  /** Set when the body says it is JSON but does not parse. */
  problem?: string
  summary?: JsonApiSummary
  pretty?: LineDocument
  defaultExpanded: string[]
  bytes: number
  parseMs: number
}

export interface JsonPathResult {
  count: number
  doc: LineDocument
}

export interface BodyResponses {
  load: LoadResult
  pretty: LineDocument
  raw: { lineStarts: Uint32Array }
  tree: TreeRow[]
  search: SearchResult
  jsonpath: JsonPathResult
}

function looksLikeJson(text: string, contentType: string | undefined): boolean {
  if (contentType && /[/+]json\b/i.test(contentType)) return true
  const first = text.trimStart().charCodeAt(0)
  return first === 123 || first === 91
}

export function createBodyEngine() {
  let text = ''
  let value: JsonValue | undefined
  let pretty: LineDocument | undefined
  let filtered: LineDocument | undefined
  const lowered = new Map<string, string>()

  const haystack = (target: SearchTarget, caseSensitive: boolean): string => {
    const source = target === 'pretty' ? (pretty?.text ?? text) : target === 'filtered' ? (filtered?.text ?? '') : text
    if (caseSensitive) return source
    const key = `${target}`
    let lower = lowered.get(key)
    if (lower === undefined || lower.length !== source.length) {
      lower = source.toLowerCase()
      lowered.set(key, lower)
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
          lowered.clear()
          const result: LoadResult = { kind: 'text', defaultExpanded: [''], bytes: new Blob([text]).size, parseMs: 0 }
          if (looksLikeJson(text, request.contentType) && text.trim() !== '') {
            try {
              value = JSON.parse(text) as JsonValue
              pretty = prettyLines(value)
              result.kind = 'json'
              result.summary = summarise(value)
              result.pretty = pretty
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
          return { result: pretty, transfer: [] }
        }
        case 'raw': {
          const lineStarts = rawLineStarts(text)
          return { result: { lineStarts }, transfer: [lineStarts.buffer] }
        }
        case 'tree': {
          if (value === undefined) throw new Error('The body is not JSON.')
          return { result: treeRows(value, new Set(request.expanded)), transfer: [] }
        }
        case 'search': {
          const query = request.caseSensitive ? request.query : request.query.toLowerCase()
          const result = searchText(haystack(request.target, request.caseSensitive), query)
          return { result, transfer: [result.offsets.buffer] }
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
          return { result: { count: matches.length, doc: filtered } satisfies JsonPathResult, transfer: [] }
        }
      }
    }
  }
}
