// The side-by-side comparison of two responses to the same request (the customer's original from a repro
// bundle or a HAR, and the support engineer's replay): status, headers, and the body as a structural JSON
// diff. What differs between any two calls by nature — timestamps, request ids, resource ids minted by a
// different org, cookies, dates — is marked `volatile` rather than `changed`, so what is left is what matters.
// A pure function: the UI lays the rows out side by side.

import type { DiffKind, DiffRow, ResponseDiff, ResponseSnapshot } from '../../../shared/ipc/history.contract'

export type { DiffKind, DiffRow, ResponseDiff, ResponseSnapshot }

export interface DiffOptions {
  /** Extra body keys to treat as volatile (last path segment, e.g. `revision_number`). */
  volatileKeys?: readonly string[]
  maxRows?: number
}

/** Headers that differ between any two calls (dates, ids, caches, transport). */
const VOLATILE_HEADERS = new Set([
  'date',
  'age',
  'expires',
  'last-modified',
  'etag',
  'x-request-id',
  'x-adobe-request-id',
  'x-adobe-internal-request-id',
  'x-correlation-id',
  'x-amzn-requestid',
  'x-amz-cf-id',
  'x-amz-cf-pop',
  'cf-ray',
  'via',
  'server-timing',
  'set-cookie',
  'content-length',
  'x-served-by',
  'x-cache',
  'x-timer',
  'report-to',
  'nel',
  'alt-svc',
  'connection',
  'keep-alive',
  'transfer-encoding'
])

/** Body keys whose values are per-call or per-org (JSON:API `id`, timestamps, request ids, links that embed ids). */
const VOLATILE_KEYS = new Set(['id', 'request_id', 'created_at', 'updated_at', 'published_at', 'deleted_at', 'activated_at', 'expires_at', 'refresh_at', 'token', 'self', 'related', 'artifact_url', 'direct_artifact_url', 'org_id', 'owner_org_id'])
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/
const REACTOR_ID = /^(?:CO|PR|RL|RC|DE|EX|EP|LB|BL|EN|HT|CB|AE|UR|NT|SE|AC|EA)[0-9a-f]{32}$/
const URL_WITH_ID = /^https?:\/\/\S*(?:CO|PR|RL|RC|DE|EX|EP|LB|BL|EN|HT|CB|AE|UR|NT|SE|AC|EA)[0-9a-f]{32}/

function isVolatileValue(left: unknown, right: unknown): boolean {
  if (typeof left !== 'string' || typeof right !== 'string') return false
  if (ISO_TIME.test(left) && ISO_TIME.test(right)) return true
  if (REACTOR_ID.test(left) && REACTOR_ID.test(right) && left.slice(0, 2) === right.slice(0, 2)) return true
  return URL_WITH_ID.test(left) && URL_WITH_ID.test(right)
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined'))

function parseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') return { ok: false }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** A string that holds a JSON object or array (Reactor's `settings`, audit events' `entity`). */
function embeddedJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[{[]/.test(value)) return undefined
  const parsed = parseJson(value)
  return parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? parsed.value : undefined
}

class Rows {
  readonly rows: DiffRow[] = []
  readonly summary: Record<DiffKind, number> = { same: 0, changed: 0, added: 0, removed: 0, volatile: 0 }
  truncated = false

  constructor(private readonly max: number) {}

  add(row: DiffRow): void {
    this.summary[row.kind]++
    if (this.rows.length < this.max) this.rows.push(row)
    else this.truncated = true
  }
}

function lastKey(path: string): string {
  const match = /([A-Za-z0-9_$-]+)(?:\[\d+\])*$/.exec(path)
  return match?.[1] ?? path
}

function walk(path: string, left: unknown, right: unknown, rows: Rows, volatileKeys: ReadonlySet<string>): void {
  if (left === undefined && right === undefined) return
  if (left === undefined) return rows.add({ path, kind: 'added', right: show(right) })
  if (right === undefined) return rows.add({ path, kind: 'removed', left: show(left) })
  const leftEmbedded = embeddedJson(left)
  const rightEmbedded = embeddedJson(right)
  if (leftEmbedded !== undefined && rightEmbedded !== undefined) return walk(`${path}(json)`, leftEmbedded, rightEmbedded, rows, volatileKeys)
  if (Array.isArray(left) && Array.isArray(right)) {
    for (let i = 0; i < Math.max(left.length, right.length); i++) walk(`${path}[${i}]`, left[i], right[i], rows, volatileKeys)
    return
  }
  if (left && right && typeof left === 'object' && typeof right === 'object' && !Array.isArray(left) && !Array.isArray(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])]
    for (const key of keys) walk(path ? `${path}.${key}` : key, (left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], rows, volatileKeys)
    return
  }
  if (JSON.stringify(left) === JSON.stringify(right)) return rows.add({ path, kind: 'same', left: show(left), right: show(right) })
  const kind: DiffKind = volatileKeys.has(lastKey(path)) || isVolatileValue(left, right) ? 'volatile' : 'changed'
  rows.add({ path, kind, left: show(left), right: show(right) })
}

/** Headers by lower-cased name; a header sent twice is compared as its values joined by `, `. */
function headerMap(headers: ReadonlyArray<readonly [string, string]>): Map<string, string> {
  const map = new Map<string, string>()
  for (const [name, value] of headers) {
    const key = name.toLowerCase()
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value)
  }
  return map
}

/** Compares `left` (the original) with `right` (the replay). */
export function diffResponses(left: ResponseSnapshot, right: ResponseSnapshot, options: DiffOptions = {}): ResponseDiff {
  const max = options.maxRows ?? 2000
  const volatileKeys = new Set([...VOLATILE_KEYS, ...(options.volatileKeys ?? [])])
  const status: DiffRow = {
    path: 'status',
    kind: left.status === right.status ? 'same' : 'changed',
    left: `${left.status}${left.statusText ? ` ${left.statusText}` : ''}`,
    right: `${right.status}${right.statusText ? ` ${right.statusText}` : ''}`
  }

  const headerRows = new Rows(max)
  const leftHeaders = headerMap(left.headers)
  const rightHeaders = headerMap(right.headers)
  for (const name of [...new Set([...leftHeaders.keys(), ...rightHeaders.keys()])].sort()) {
    const a = leftHeaders.get(name)
    const b = rightHeaders.get(name)
    const path = `headers.${name}`
    const volatile = VOLATILE_HEADERS.has(name)
    if (a === undefined) headerRows.add({ path, kind: volatile ? 'volatile' : 'added', right: b })
    else if (b === undefined) headerRows.add({ path, kind: volatile ? 'volatile' : 'removed', left: a })
    else if (a === b) headerRows.add({ path, kind: 'same', left: a, right: b })
    else headerRows.add({ path, kind: volatile ? 'volatile' : 'changed', left: a, right: b })
  }

  const bodyRows = new Rows(max)
  const leftJson = parseJson(left.body)
  const rightJson = parseJson(right.body)
  let bodyKind: ResponseDiff['bodyKind']
  if (leftJson.ok && rightJson.ok) {
    bodyKind = 'json'
    walk('body', leftJson.value, rightJson.value, bodyRows, volatileKeys)
  } else if ((left.body ?? '') === '' && (right.body ?? '') === '') {
    bodyKind = 'empty'
  } else {
    bodyKind = 'text'
    const a = left.body ?? ''
    const b = right.body ?? ''
    bodyRows.add(a === b ? { path: 'body', kind: 'same', left: a, right: b } : { path: 'body', kind: a === '' ? 'added' : b === '' ? 'removed' : 'changed', left: a, right: b })
  }

  const summary: Record<DiffKind, number> = { same: 0, changed: 0, added: 0, removed: 0, volatile: 0 }
  summary[status.kind]++
  for (const kind of Object.keys(summary) as DiffKind[]) summary[kind] += headerRows.summary[kind] + bodyRows.summary[kind]
  return { status, headers: headerRows.rows, body: bodyRows.rows, bodyKind, summary, truncated: headerRows.truncated || bodyRows.truncated }
}
