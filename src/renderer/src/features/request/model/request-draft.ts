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
    options: {}
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
