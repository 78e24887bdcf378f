// Pure functions over a response body that can be big (tens of MB): pretty lines, tree rows, search,
// JSON:API summary. They run inside the body worker (body.worker.ts), so nothing here touches the DOM.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

export interface JsonApiError {
  id?: string
  status?: string
  code?: string
  title?: string
  detail?: string
  pointer?: string
  parameter?: string
  requestId?: string
}

export interface JsonApiPagination {
  current_page: number | null
  next_page: number | null
  prev_page: number | null
  total_pages: number | null
  total_count: number | null
}

export interface JsonApiSummary {
  isJsonApi: boolean
  pagination?: JsonApiPagination
  /** Top-level `links` (self, next, last, ...) that are URLs. */
  links: Array<[string, string]>
  errors: JsonApiError[]
  /** `data` array length, or 1 for a single resource. */
  dataCount?: number
  dataType?: string
  totalHits?: number
  /** Gateway-style `{error_code, message}` bodies (reactor-api.md §3.9). */
  gatewayError?: { code: string; message: string }
}

export interface LineDocument {
  text: string
  /** Start offset of each line; line i ends at lineStarts[i+1] (minus its newline) or text.length. */
  lineStarts: Uint32Array
  /** Lines whose string value holds JSON: [line, pointer, expanded]. */
  embedded: Array<[number, string, boolean]>
}

export interface TreeRow {
  pointer: string
  depth: number
  key: string
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'
  preview: string
  childCount: number
  expandable: boolean
  expanded: boolean
  /** A string that holds JSON (rule component `settings`, audit `entity`). */
  embedded: boolean
}

const MAX_ERRORS = 200

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function summarise(value: JsonValue): JsonApiSummary {
  const summary: JsonApiSummary = { isJsonApi: false, links: [], errors: [] }
  if (!isObject(value)) return summary
  summary.isJsonApi = 'data' in value || 'errors' in value || ('meta' in value && 'links' in value)
  const meta = value['meta']
  if (isObject(meta)) {
    const pagination = meta['pagination']
    if (isObject(pagination)) {
      const num = (key: string) => (typeof pagination[key] === 'number' ? (pagination[key] as number) : null)
      summary.pagination = {
        current_page: num('current_page'),
        next_page: num('next_page'),
        prev_page: num('prev_page'),
        total_pages: num('total_pages'),
        total_count: num('total_count')
      }
    }
    if (typeof meta['total_hits'] === 'number') summary.totalHits = meta['total_hits']
  }
  const links = value['links']
  if (isObject(links)) {
    for (const [name, link] of Object.entries(links)) {
      const href = typeof link === 'string' ? link : isObject(link) ? str(link['href']) : undefined
      if (href && /^https?:\/\//i.test(href)) summary.links.push([name, href])
    }
  }
  const data = value['data']
  if (Array.isArray(data)) {
    summary.dataCount = data.length
    const first = data[0]
    if (isObject(first)) summary.dataType = str(first['type'])
  } else if (isObject(data)) {
    summary.dataCount = 1
    summary.dataType = str(data['type'])
  }
  const errors = value['errors']
  if (Array.isArray(errors)) {
    for (const item of errors.slice(0, MAX_ERRORS)) {
      if (!isObject(item)) continue
      const source = isObject(item['source']) ? item['source'] : {}
      const itemMeta = isObject(item['meta']) ? item['meta'] : {}
      summary.errors.push({
        id: str(item['id']),
        status: str(item['status']),
        code: str(item['code']),
        title: str(item['title']),
        detail: typeof item['detail'] === 'string' ? item['detail'] : item['detail'] !== undefined ? JSON.stringify(item['detail']) : undefined,
        pointer: str(source['pointer']),
        parameter: str(source['parameter']),
        requestId: str(itemMeta['request_id'])
      })
    }
  }
  if (typeof value['error_code'] === 'string' || typeof value['error_code'] === 'number') {
    summary.gatewayError = { code: String(value['error_code']), message: str(value['message']) ?? '' }
  }
  return summary
}

/** A string that is itself a JSON object or array, or undefined. Cheap rejection first: most strings are not. */
export function embeddedJson(text: string): JsonValue | undefined {
  if (text.length < 2) return undefined
  const first = text.charCodeAt(0)
  if (first !== 123 && first !== 91) return undefined // { or [
  const last = text.charCodeAt(text.length - 1)
  if (last !== 125 && last !== 93) return undefined
  try {
    const parsed = JSON.parse(text) as JsonValue
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined
  } catch {
    return undefined
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

class LineBuilder {
  private parts: string[] = []
  private starts: number[] = [0]
  private length = 0
  embedded: Array<[number, string, boolean]> = []
  get lineCount(): number {
    return this.starts.length
  }
  push(line: string): void {
    // The current line is always the last start; `line` completes it.
    this.parts.push(line, '\n')
    this.length += line.length + 1
    this.starts.push(this.length)
  }
  finish(): LineDocument {
    // Drop the trailing newline and its empty line.
    this.starts.pop()
    const text = this.parts.join('').slice(0, Math.max(0, this.length - 1))
    return { text, lineStarts: Uint32Array.from(this.starts), embedded: this.embedded }
  }
}

/**
 * Two-space pretty print, like JSON.stringify(value, null, 2), that also notes which lines hold JSON in
 * a string and prints those strings as nested JSON when their pointer is in `expandedEmbedded`.
 */
export function prettyLines(value: JsonValue, expandedEmbedded: ReadonlySet<string> = new Set()): LineDocument {
  const out = new LineBuilder()
  const indents: string[] = ['']
  const indent = (depth: number) => (indents[depth] ??= '  '.repeat(depth))

  const write = (node: JsonValue, depth: number, prefix: string, suffix: string, pointer: string): void => {
    if (Array.isArray(node)) {
      if (node.length === 0) return out.push(`${indent(depth)}${prefix}[]${suffix}`)
      out.push(`${indent(depth)}${prefix}[`)
      for (let i = 0; i < node.length; i++) write(node[i]!, depth + 1, '', i < node.length - 1 ? ',' : '', `${pointer}/${i}`)
      return out.push(`${indent(depth)}]${suffix}`)
    }
    if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node)
      if (keys.length === 0) return out.push(`${indent(depth)}${prefix}{}${suffix}`)
      out.push(`${indent(depth)}${prefix}{`)
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!
        write(node[key]!, depth + 1, `${JSON.stringify(key)}: `, i < keys.length - 1 ? ',' : '', `${pointer}/${escapePointer(key)}`)
      }
      return out.push(`${indent(depth)}}${suffix}`)
    }
    if (typeof node === 'string') {
      const nested = embeddedJson(node)
      if (nested !== undefined) {
        const expanded = expandedEmbedded.has(pointer)
        out.embedded.push([out.lineCount - 1, pointer, expanded])
        if (expanded) return write(nested, depth, prefix, suffix, pointer)
      }
    }
    out.push(`${indent(depth)}${prefix}${JSON.stringify(node)}${suffix}`)
  }
  write(value, 0, '', '', '')
  return out.finish()
}

/** Line starts for text shown as is: split at newlines, and hard-wrapped every `width` characters. */
export function rawLineStarts(text: string, width = 2000): Uint32Array {
  const starts: number[] = [0]
  let lineStart = 0
  for (;;) {
    const newline = text.indexOf('\n', lineStart)
    const end = newline < 0 ? text.length : newline
    for (let at = lineStart + width; at < end; at += width) starts.push(at)
    if (newline < 0) break
    lineStart = newline + 1
    starts.push(lineStart)
  }
  return Uint32Array.from(starts)
}

function previewOf(node: JsonValue): { kind: TreeRow['kind']; preview: string; childCount: number } {
  if (Array.isArray(node)) return { kind: 'array', preview: `[${node.length}]`, childCount: node.length }
  if (node === null) return { kind: 'null', preview: 'null', childCount: 0 }
  if (typeof node === 'object') {
    const count = Object.keys(node).length
    return { kind: 'object', preview: `{${count}}`, childCount: count }
  }
  if (typeof node === 'string') {
    return { kind: 'string', preview: JSON.stringify(node.length > 300 ? `${node.slice(0, 300)}…` : node), childCount: 0 }
  }
  return { kind: typeof node as 'number' | 'boolean', preview: String(node), childCount: 0 }
}

/** Visible rows of the tree: the root and every node whose parent pointer is in `expanded`. */
export function treeRows(value: JsonValue, expanded: ReadonlySet<string>, limit = 2_000_000): TreeRow[] {
  const rows: TreeRow[] = []
  const visit = (node: JsonValue, key: string, depth: number, pointer: string): void => {
    if (rows.length >= limit) return
    let children: JsonValue | undefined = node
    let embedded = false
    if (typeof node === 'string') {
      const nested = embeddedJson(node)
      if (nested !== undefined) {
        embedded = true
        children = nested
      }
    }
    const info = previewOf(node)
    const expandable = embedded || ((info.kind === 'object' || info.kind === 'array') && info.childCount > 0)
    const isOpen = expandable && expanded.has(pointer)
    rows.push({ pointer, depth, key, kind: info.kind, preview: info.preview, childCount: info.childCount, expandable, expanded: isOpen, embedded })
    if (!isOpen || children === null || typeof children !== 'object') return
    if (Array.isArray(children)) {
      for (let i = 0; i < children.length; i++) visit(children[i]!, String(i), depth + 1, `${pointer}/${i}`)
    } else {
      for (const [childKey, child] of Object.entries(children)) visit(child, childKey, depth + 1, `${pointer}/${escapePointer(childKey)}`)
    }
  }
  visit(value, '(root)', 0, '')
  return rows
}

/** Pointers to open by default: the root, `data`, and each top-level member. */
export function defaultExpanded(value: JsonValue): string[] {
  const open = ['']
  if (isObject(value)) {
    for (const key of Object.keys(value)) open.push(`/${escapePointer(key)}`)
  }
  return open
}

export interface SearchResult {
  /** Offsets of matches in the searched text (at most `limit`). */
  offsets: Uint32Array
  total: number
  truncated: boolean
}

/** Non-overlapping matches of `query` in `haystack` from offset `from` on. */
export function searchText(haystack: string, query: string, limit = 100_000, from = 0): SearchResult {
  const offsets: number[] = []
  let total = 0
  if (query) {
    let at = haystack.indexOf(query, from)
    while (at >= 0) {
      total += 1
      if (offsets.length < limit) offsets.push(at)
      at = haystack.indexOf(query, at + query.length)
    }
  }
  return { offsets: Uint32Array.from(offsets), total, truncated: total > offsets.length }
}

/** Index of the line holding `offset` (binary search). */
export function lineOf(lineStarts: Uint32Array, offset: number): number {
  let lo = 0
  let hi = lineStarts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lineStarts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function lineText(doc: { text: string; lineStarts: Uint32Array }, index: number): string {
  const start = doc.lineStarts[index] ?? 0
  let end = index + 1 < doc.lineStarts.length ? doc.lineStarts[index + 1]! : doc.text.length
  if (end > start && doc.text.charCodeAt(end - 1) === 10) end -= 1
  if (end > start && doc.text.charCodeAt(end - 1) === 13) end -= 1
  return doc.text.slice(start, end)
}

/** Parse error position for a body that claims to be JSON but is not. */
export function parseProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const position = /position (\d+)/.exec(message)
  if (!position) return message
  const offset = Number(position[1])
  let line = 1
  let lastNewline = -1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) {
    line += 1
    lastNewline = i
  }
  return `Not valid JSON at line ${line}, column ${offset - lastNewline}: ${message.replace(/\s*in JSON at position.*$/s, '')}`
}
