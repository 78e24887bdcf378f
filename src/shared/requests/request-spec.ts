// The request as a document (`RequestSpec`): what a tab edits, a collection file holds, a history entry
// records, a converter produces and the runner executes. Core sends it through one pipeline
// (src/main/core/requests/send-pipeline.ts); nothing here imports node or electron, so the renderer, core,
// the CLI and tests all read the same model.
//
// Every object is a zod `looseObject`: fields this version does not know (written by a newer app, or by an
// extension) are kept on parse and written back on serialise, never dropped.
import { z } from 'zod'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Bumped when a field changes meaning; `migrateRequestSpec` lifts older documents. */
export const REQUEST_SPEC_VERSION = 1

export const REACTOR_ACCEPT = 'application/vnd.api+json;revision=1'
export const REACTOR_CONTENT_TYPE = 'application/vnd.api+json'

const NAME_MAX = 1024
const VALUE_MAX = 65_536
/** Same cap as the http:send body, so a document that opens can also be sent. */
export const BODY_TEXT_MAX = 50_000_000

export const KeyValue = z.looseObject({
  name: z.string().max(NAME_MAX),
  value: z.string().max(VALUE_MAX),
  enabled: z.boolean().default(true)
})
export type KeyValue = z.output<typeof KeyValue>

export const RequestVariable = z.looseObject({
  name: z.string().min(1).max(256),
  /** Absent for a secret variable outside main: its value is in the keychain, never in a document. */
  value: z.string().max(VALUE_MAX).optional(),
  enabled: z.boolean().default(true),
  /** Resolved only in main (from the keychain); never written into a file or sent to the renderer. */
  secret: z.boolean().optional()
})
export type RequestVariable = z.output<typeof RequestVariable>

const MultipartPart = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('text'), name: z.string().max(NAME_MAX), value: z.string().max(VALUE_MAX), enabled: z.boolean().default(true) }),
  z.looseObject({
    kind: z.literal('file'),
    name: z.string().max(NAME_MAX),
    /** A path on the machine that sends; read by main at send time (a collection stores it relative). */
    path: z.string().max(4096),
    contentType: z.string().max(256).optional(),
    enabled: z.boolean().default(true)
  })
])
export type MultipartPart = z.output<typeof MultipartPart>

export const RequestBody = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('none') }),
  z.looseObject({ type: z.literal('json'), text: z.string().max(BODY_TEXT_MAX) }),
  z.looseObject({ type: z.literal('text'), text: z.string().max(BODY_TEXT_MAX), contentType: z.string().max(256).optional() }),
  z.looseObject({ type: z.literal('form-urlencoded'), fields: z.array(KeyValue).max(500) }),
  z.looseObject({ type: z.literal('multipart'), parts: z.array(MultipartPart).max(200) }),
  z.looseObject({ type: z.literal('binary'), path: z.string().max(4096), contentType: z.string().max(256).optional() })
])
export type RequestBody = z.output<typeof RequestBody>
export type RequestBodyType = RequestBody['type']
export const BODY_TYPES: readonly RequestBodyType[] = ['none', 'json', 'text', 'form-urlencoded', 'multipart', 'binary']

export const RequestAuth = z.discriminatedUnion('type', [
  /** The profile's Client ID/token headers, added by main only for the profile's own Reactor origin. */
  z.looseObject({ type: z.literal('inherit') }),
  /** Nothing added, even on the profile's host. */
  z.looseObject({ type: z.literal('none') }),
  /** Headers the person typed (e.g. a token from elsewhere); sent as typed, to whatever host the URL names. */
  z.looseObject({ type: z.literal('headers'), headers: z.array(KeyValue).max(20) })
])
export type RequestAuth = z.output<typeof RequestAuth>

export const RequestOptions = z.looseObject({
  /** The whole exchange's deadline (token wait, headers and body) per attempt; absent = Network settings. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
  followRedirects: z.boolean().optional(),
  maxRedirects: z.number().int().min(0).max(50).optional(),
  /** Retry 429/5xx for idempotent methods (Retry-After honoured); absent = Network settings. */
  retries: z.boolean().optional()
})
export type RequestOptions = z.output<typeof RequestOptions>

/** Reactor Explorer's own fields; other readers (Bruno) ignore them under a collection's extensions key. */
export const ReactorExtension = z.looseObject({
  /** The catalog operation it was built from (docs, path pickers, sample bodies). */
  operationId: z.string().max(256).optional(),
  /** Ids picked in the path pickers, by resource type (`companies` → `CO…`). */
  pickedIds: z.record(z.string().max(64), z.string().max(256)).optional()
})
export type ReactorExtension = z.output<typeof ReactorExtension>

export const RequestSpec = z.looseObject({
  schemaVersion: z.literal(REQUEST_SPEC_VERSION).default(REQUEST_SPEC_VERSION),
  name: z.string().max(256).default('Untitled request'),
  method: z.enum(HTTP_METHODS),
  /** Absolute http(s) URL, or a path (`/companies`) relative to the profile's Reactor host; no query. */
  url: z.string().max(16_384),
  params: z.array(KeyValue).max(200).default([]),
  headers: z.array(KeyValue).max(200).default([]),
  body: RequestBody.default({ type: 'none' }),
  auth: RequestAuth.default({ type: 'inherit' }),
  options: RequestOptions.default({}),
  /** Request-scope variables (the lowest scope; see variables.ts). */
  variables: z.array(RequestVariable).max(200).default([]),
  reactor: ReactorExtension.optional()
})
export type RequestSpec = z.output<typeof RequestSpec>
/** What a caller may hand in: defaults not yet applied. */
export type RequestSpecInput = z.input<typeof RequestSpec>

export interface SpecProblem {
  /** Dotted path of the field, e.g. `headers.2.name`. */
  path: string
  message: string
}

export type ParsedSpec = { ok: true; spec: RequestSpec } | { ok: false; problems: SpecProblem[] }

/** Older documents lifted to the current version (none yet: version 1 is the first). */
function migrateRequestSpec(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && (value as { schemaVersion?: unknown }).schemaVersion === undefined) {
    return { ...(value as object), schemaVersion: REQUEST_SPEC_VERSION }
  }
  return value
}

/** Reads a request document from any source (a tab file, a collection, an import); never throws. */
export function parseRequestSpec(value: unknown): ParsedSpec {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number' && version > REQUEST_SPEC_VERSION) {
    return { ok: false, problems: [{ path: 'schemaVersion', message: `This request was written by a newer Reactor Explorer (document version ${version}; this one reads ${REQUEST_SPEC_VERSION}).` }] }
  }
  const result = RequestSpec.safeParse(migrateRequestSpec(value))
  if (result.success) return { ok: true, spec: result.data }
  return { ok: false, problems: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(document)', message: issue.message })) }
}

/** `parseRequestSpec` for callers that hold a spec they built themselves: throws with every problem named. */
export function requestSpec(value: RequestSpecInput): RequestSpec {
  const parsed = parseRequestSpec(value)
  if (!parsed.ok) throw new Error(`Not a valid request: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`)
  return parsed.spec
}

// Known keys first, in a fixed order (stable diffs in git), then unknown keys in the order they came.
const KEY_ORDER: Record<string, readonly string[]> = {
  spec: ['schemaVersion', 'name', 'method', 'url', 'params', 'headers', 'body', 'auth', 'options', 'variables', 'reactor'],
  row: ['name', 'value', 'enabled', 'secret', 'kind', 'path', 'contentType'],
  body: ['type', 'text', 'contentType', 'fields', 'parts', 'path'],
  auth: ['type', 'headers'],
  options: ['timeoutMs', 'followRedirects', 'maxRedirects', 'retries'],
  reactor: ['operationId', 'pickedIds']
}

function ordered(value: Record<string, unknown>, order: readonly string[], child: (key: string, item: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of order) if (value[key] !== undefined) out[key] = child(key, value[key])
  for (const key of Object.keys(value)) if (!(key in out) && value[key] !== undefined) out[key] = child(key, value[key])
  return out
}

const rows = (list: unknown) => (Array.isArray(list) ? list.map((row) => ordered(row as Record<string, unknown>, KEY_ORDER.row!, (_k, v) => v)) : list)

/**
 * A plain, JSON-safe object with a stable key order: what tab files and history store (collections write
 * the same fields in their own YAML layout). `serialize(parse(x))` keeps every field of `x`.
 */
export function serializeRequestSpec(spec: RequestSpec): Record<string, unknown> {
  return ordered(spec as Record<string, unknown>, KEY_ORDER.spec!, (key, item) => {
    if (key === 'params' || key === 'headers' || key === 'variables') return rows(item)
    if (key === 'body') {
      return ordered(item as Record<string, unknown>, KEY_ORDER.body!, (k, v) => (k === 'fields' || k === 'parts' ? rows(v) : v))
    }
    if (key === 'auth') return ordered(item as Record<string, unknown>, KEY_ORDER.auth!, (k, v) => (k === 'headers' ? rows(v) : v))
    if (key === 'options') return ordered(item as Record<string, unknown>, KEY_ORDER.options!, (_k, v) => v)
    if (key === 'reactor') return ordered(item as Record<string, unknown>, KEY_ORDER.reactor!, (_k, v) => v)
    return item
  })
}

export function newRequestSpec(patch: Partial<RequestSpecInput> = {}): RequestSpec {
  return requestSpec({
    name: 'Untitled request',
    method: 'GET',
    url: '/companies',
    headers: [{ name: 'Accept', value: REACTOR_ACCEPT, enabled: true }],
    ...patch
  })
}

export function methodTakesBody(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE'
}

/** Whether a body goes out: a body-taking method and a body that is not empty. */
export function sendsBody(spec: Pick<RequestSpec, 'method' | 'body'>): boolean {
  if (!methodTakesBody(spec.method)) return false
  const body = spec.body
  switch (body.type) {
    case 'none':
      return false
    case 'json':
    case 'text':
      return body.text.trim() !== ''
    case 'form-urlencoded':
      return body.fields.some((field) => field.enabled && field.name !== '')
    case 'multipart':
      return body.parts.some((part) => part.enabled && part.name !== '')
    case 'binary':
      return body.path.trim() !== ''
  }
}

/** The media type a body kind implies when the person set no Content-Type header. */
export function impliedContentType(body: RequestBody, reactorHost: boolean): string | undefined {
  switch (body.type) {
    case 'json':
      return reactorHost ? REACTOR_CONTENT_TYPE : 'application/json'
    case 'text':
      return body.contentType ?? 'text/plain;charset=UTF-8'
    case 'form-urlencoded':
      return 'application/x-www-form-urlencoded'
    case 'binary':
      return body.contentType ?? 'application/octet-stream'
    default:
      // multipart: the encoder sets it with its boundary.
      return undefined
  }
}
