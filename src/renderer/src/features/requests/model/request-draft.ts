// The document a request tab edits: a `RequestSpec` (src/shared/requests/request-spec.ts), the same model
// core sends, collections store and history records. The only thing the tab adds is a UI-only `rowId` on
// each editable row (a React key that keeps focus in the row being typed in); `specFromDraft` strips it, so
// spec → draft → spec is lossless, unknown fields included (they ride along in the spread).
import {
  HTTP_METHODS,
  REACTOR_ACCEPT,
  REACTOR_CONTENT_TYPE,
  newRequestSpec,
  serializeRequestSpec,
  type HttpMethod,
  type KeyValue,
  type RequestBody,
  type RequestSpec,
  type RequestSpecInput,
  type RequestVariable
} from '@shared/requests/request-spec'
import { encodeQuery } from '@shared/requests/url-params'

export { HTTP_METHODS, REACTOR_ACCEPT, REACTOR_CONTENT_TYPE, type HttpMethod }

export interface DraftRow extends KeyValue {
  /** UI only: never written into a document. */
  rowId: string
}

export interface DraftVariable extends RequestVariable {
  rowId: string
}

type FormBody = Extract<RequestBody, { type: 'form-urlencoded' }>
export type DraftBody = Exclude<RequestBody, FormBody> | (Omit<FormBody, 'fields'> & { type: 'form-urlencoded'; fields: DraftRow[] })

/** `RequestSpec`'s known fields without its index signature (so `Omit` keeps them). */
type KnownSpecFields = { [K in keyof RequestSpec as string extends K ? never : number extends K ? never : K]: RequestSpec[K] }

export type RequestDraft = Omit<KnownSpecFields, 'params' | 'headers' | 'variables' | 'body'> & {
  params: DraftRow[]
  headers: DraftRow[]
  variables: DraftVariable[]
  body: DraftBody
  /** Fields this version does not know, kept as they came. */
  [unknownField: string]: unknown
}

let rowCounter = 0
export function rowId(): string {
  rowCounter += 1
  return `r${rowCounter}`
}

export function draftRow(row: Partial<KeyValue> = {}): DraftRow {
  return { ...row, name: row.name ?? '', value: row.value ?? '', enabled: row.enabled ?? true, rowId: rowId() }
}

function withIds<Row extends object>(rows: readonly Row[]): Array<Row & { rowId: string }> {
  return rows.map((row) => ({ ...row, rowId: rowId() }))
}

function withoutIds<Row extends { rowId?: string }>(rows: readonly Row[]): Array<Omit<Row, 'rowId'>> {
  return rows.map(({ rowId: _ui, ...row }) => row)
}

export function draftFromSpec(spec: RequestSpec): RequestDraft {
  const body: DraftBody = spec.body.type === 'form-urlencoded' ? { ...spec.body, fields: withIds(spec.body.fields) } : spec.body
  return { ...spec, params: withIds(spec.params), headers: withIds(spec.headers), variables: withIds(spec.variables), body } as RequestDraft
}

export function specFromDraft(draft: RequestDraft): RequestSpec {
  const body = draft.body.type === 'form-urlencoded' ? { ...draft.body, fields: withoutIds(draft.body.fields) } : draft.body
  return { ...draft, params: withoutIds(draft.params), headers: withoutIds(draft.headers), variables: withoutIds(draft.variables), body } as RequestSpec
}

/** Reactor's defaults: its JSON:API Accept, and the Content-Type that goes out only with a body. */
export function defaultHeaders(contentType = REACTOR_CONTENT_TYPE): KeyValue[] {
  return [
    { name: 'Accept', value: REACTOR_ACCEPT, enabled: true },
    { name: 'Content-Type', value: contentType, enabled: true }
  ]
}

export const UNNAMED_REQUEST = 'Untitled request'

/** A fresh tab: `GET /companies` with Reactor's headers and an empty JSON body ready for a POST. */
export function newDraft(patch: Partial<RequestSpecInput> = {}): RequestDraft {
  return draftFromSpec(newRequestSpec({ name: UNNAMED_REQUEST, headers: defaultHeaders(), body: { type: 'json', text: '' }, ...patch }))
}

/** The serialised form both sides compare (stable key order): the tab is dirty while it differs from its baseline. */
export function documentKey(spec: RequestSpec): string {
  return JSON.stringify(serializeRequestSpec(spec))
}

export function isUnnamed(name: string): boolean {
  return name.trim() === '' || name === UNNAMED_REQUEST
}

/** A path as the catalog writes it, or host + path for another host. */
export function displayPath(url: string): string {
  const trimmed = url.trim()
  if (trimmed.startsWith('/') || trimmed === '') return trimmed || '/'
  try {
    const parsed = new URL(trimmed)
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  } catch {
    return trimmed
  }
}

/** The tab's title: its name, or METHOD + path while it has none. */
export function tabTitle(spec: Pick<RequestSpec, 'name' | 'method' | 'url'>): string {
  return isUnnamed(spec.name) ? `${spec.method} ${displayPath(spec.url)}` : spec.name
}

/** Whether a header row is the Content-Type one (sent only with a body). */
export function isContentType(row: Pick<KeyValue, 'name'>): boolean {
  return row.name.trim().toLowerCase() === 'content-type'
}

/** The Content-Type each editable body kind implies (JSON to a Reactor path: JSON:API). */
function impliedType(body: DraftBody, reactorPath: boolean): string | undefined {
  switch (body.type) {
    case 'json':
      return reactorPath ? REACTOR_CONTENT_TYPE : 'application/json'
    case 'text':
      return 'text/plain;charset=UTF-8'
    case 'form-urlencoded':
      return 'application/x-www-form-urlencoded'
    default:
      return undefined
  }
}
const IMPLIED_TYPES = new Set([REACTOR_CONTENT_TYPE, 'application/json', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded'])

/**
 * A new body, and a Content-Type row that follows its kind while it still holds a type the app filled in
 * (JSON → Form turns `application/vnd.api+json` into `application/x-www-form-urlencoded`); one the person
 * typed is theirs and stays.
 */
export function changeBody(draft: RequestDraft, body: DraftBody): RequestDraft {
  if (body.type === draft.body.type) return { ...draft, body }
  const next = impliedType(body, draft.url.trim().startsWith('/'))
  if (!next) return { ...draft, body }
  const headers = draft.headers.map((row) => (isContentType(row) && IMPLIED_TYPES.has(row.value.trim()) ? { ...row, value: next } : row))
  return { ...draft, body, headers }
}

export const REQUEST_TIMEOUT_LIMITS_S = { min: 1, max: 600 } as const

/** The timeout in ms, `undefined` for "the default", or a sentence saying what is wrong with it. */
export function parseTimeout(text: string): { ms?: number; problem?: string } {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return {}
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return { problem: 'Write the timeout as a number of seconds, e.g. 10, or leave it empty for the default.' }
  const seconds = Number(trimmed)
  if (seconds < REQUEST_TIMEOUT_LIMITS_S.min) return { problem: `The timeout is at least ${REQUEST_TIMEOUT_LIMITS_S.min} s.` }
  if (seconds > REQUEST_TIMEOUT_LIMITS_S.max) return { problem: `The timeout is at most ${REQUEST_TIMEOUT_LIMITS_S.max / 60} minutes.` }
  return { ms: Math.round(seconds * 1000) }
}

/** What the timeout field shows for a document's `options.timeoutMs`. */
export function timeoutText(ms: number | undefined): string {
  return ms === undefined ? '' : String(ms / 1000)
}

/** How many options differ from their defaults (the Options tab's badge). */
export function changedOptions(options: RequestSpec['options']): number {
  return (options.timeoutMs !== undefined ? 1 : 0) + (options.followRedirects === false ? 1 : 0) + (options.retries !== undefined ? 1 : 0)
}

/** The host a request goes to: the profile's Reactor host for a path, else the URL's own. */
export function targetHost(url: string, reactorBaseUrl: string | undefined): string | undefined {
  try {
    if (url.trim().startsWith('/')) return reactorBaseUrl ? new URL(reactorBaseUrl).host : undefined
    return new URL(url.trim()).host
  } catch {
    return undefined
  }
}

/** A URL on the profile's own Reactor host becomes a path again, so it reads like the rest of the catalog. */
export function relativeToProfile(url: string, reactorBaseUrl: string | undefined): string {
  if (!reactorBaseUrl) return url
  try {
    const base = new URL(reactorBaseUrl)
    const target = new URL(url)
    if (target.origin !== base.origin) return url
    const prefix = base.pathname.replace(/\/+$/, '')
    if (prefix && !target.pathname.startsWith(prefix)) return url
    return `${target.pathname.slice(prefix.length) || '/'}${target.search}`
  } catch {
    return url
  }
}

/** The URL with its query exactly as main encodes it (every component once): the "will send" line. */
export function encodedUrl(spec: Pick<RequestSpec, 'url' | 'params'>, reactorBaseUrl?: string): string {
  const url = spec.url.trim()
  const query = encodeQuery(spec.params)
  const base = url.startsWith('/') && reactorBaseUrl ? reactorBaseUrl.replace(/\/+$/, '') : ''
  return `${base}${url}${query ? `?${query}` : ''}`
}

let requestCounter = 0
export function newRequestId(): string {
  requestCounter += 1
  return `req-${Date.now().toString(36)}-${requestCounter}`
}
