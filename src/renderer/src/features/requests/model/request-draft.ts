// The request being edited, and how it becomes the `http:send` input. Pure: the builder UI and tests
// share it.
import type { HttpRequestInput } from '@shared/contract'
import { HTTP_METHODS } from '@shared/ipc/http.contract'
import { newRow, type QueryRowDraft } from './query-helpers'
import { substitute, variableMap, type VariableRow } from './variables'

export type HttpMethod = (typeof HTTP_METHODS)[number]
export { HTTP_METHODS }

export const REACTOR_ACCEPT = 'application/vnd.api+json;revision=1'
export const REACTOR_CONTENT_TYPE = 'application/vnd.api+json'

export interface HeaderRowDraft extends QueryRowDraft {
  /** `content-type`: the default row that is only sent when there is a body. */
  role?: 'accept' | 'content-type'
}

export interface RequestDraft {
  method: HttpMethod
  /** A path relative to the profile's Reactor host (`/companies`) or an absolute URL. */
  url: string
  query: QueryRowDraft[]
  headers: HeaderRowDraft[]
  body: string
  /** The catalog operation it was built from, for docs and helpers. */
  operationId?: string
  /** Timeout, redirects, retry (the Options tab); absent = every default. */
  options?: RequestOptionsDraft
}

/** Per-request network options as the Options tab edits them. Unset values follow the Network settings. */
export interface RequestOptionsDraft {
  /** Seconds as typed; empty = the default timeout from Network settings. */
  timeoutSeconds: string
  followRedirects: boolean
  /** Retry 429/5xx for idempotent methods; undefined = the Network settings' default. */
  retryIdempotent?: boolean
}

export const DEFAULT_REQUEST_OPTIONS: RequestOptionsDraft = { timeoutSeconds: '', followRedirects: true }
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

/** What would stop this draft from being sent as written (shown instead of sending). */
export function requestOptionsProblem(options: RequestOptionsDraft | undefined): string | undefined {
  const problem = options && parseTimeout(options.timeoutSeconds).problem
  return problem ? `Options → Timeout: ${problem}` : undefined
}

/** How many options differ from their defaults (the tab's badge). */
export function changedOptions(options: RequestOptionsDraft | undefined): number {
  if (!options) return 0
  return (options.timeoutSeconds.trim() ? 1 : 0) + (options.followRedirects ? 0 : 1) + (options.retryIdempotent !== undefined ? 1 : 0)
}

/** The `options` of http:send: only what the person set, so main's current settings decide the rest. */
export function requestOptions(options: RequestOptionsDraft | undefined): NonNullable<HttpRequestInput['options']> {
  const result: NonNullable<HttpRequestInput['options']> = {}
  if (!options) return result
  const { ms } = parseTimeout(options.timeoutSeconds)
  if (ms !== undefined) result.timeoutMs = ms
  if (!options.followRedirects) result.followRedirects = false
  if (options.retryIdempotent !== undefined) result.retryIdempotent = options.retryIdempotent
  return result
}

export function defaultHeaders(contentType = REACTOR_CONTENT_TYPE): HeaderRowDraft[] {
  return [
    { ...newRow('Accept', REACTOR_ACCEPT), role: 'accept' },
    { ...newRow('Content-Type', contentType), role: 'content-type' }
  ]
}

export function emptyDraft(): RequestDraft {
  return { method: 'GET', url: '/companies', query: [], headers: defaultHeaders(), body: '' }
}

export function methodTakesBody(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE'
}

/** Whether the body would be sent: a body-taking method and some non-blank text. */
export function hasBody(draft: Pick<RequestDraft, 'method' | 'body'>): boolean {
  return methodTakesBody(draft.method) && draft.body.trim() !== ''
}

export interface BuiltRequest {
  input: HttpRequestInput
  /** `{{names}}` with no value: the request can still be sent, but the user is told first. */
  unknownVariables: string[]
}

/** The `http:send` input: variables resolved, disabled rows dropped, Content-Type only with a body. */
export function buildRequestInput(
  draft: RequestDraft,
  options: { requestId: string; profileId?: string; variables?: readonly VariableRow[] }
): BuiltRequest {
  const values = variableMap(options.variables ?? [])
  const unknown = new Set<string>()
  const sub = (text: string) => substitute(text, values, unknown)
  const withBody = hasBody(draft)
  const rows = (list: readonly QueryRowDraft[]) =>
    list.filter((row) => row.enabled && row.name.trim() !== '').map((row) => ({ name: sub(row.name.trim()), value: sub(row.value), enabled: true }))
  const headers = rows(draft.headers.filter((row) => row.role !== 'content-type' || withBody))
  const input: HttpRequestInput = {
    requestId: options.requestId,
    method: draft.method,
    url: sub(draft.url.trim()),
    query: rows(draft.query),
    headers,
    options: requestOptions(draft.options)
  }
  if (options.profileId) input.profileId = options.profileId
  if (withBody) input.body = sub(draft.body)
  return { input, unknownVariables: [...unknown].sort() }
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

let requestCounter = 0
export function newRequestId(): string {
  requestCounter += 1
  return `req-${Date.now().toString(36)}-${requestCounter}`
}
