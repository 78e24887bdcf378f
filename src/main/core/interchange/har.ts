// HAR 1.2 (ahmadnassri/har-spec versions/1.2.md) out of history and in from a browser's DevTools.
//
// Out: one entry per history entry, redacted again on the way out (the OutboundRedactor), cookies dropped
// (`Cookie`/`Set-Cookie` headers and the cookie lists: a session cookie is a credential and changes every
// call), Reactor Explorer's own fields under `_reactorExplorer` (custom fields must start with `_`, and other
// readers ignore them): profile and environment, simulator flag, Adobe's request id, the JSON:API type/id,
// the error, and what the redactor removed. `validateHar` checks a document against har-schema with ajv.
//
// In: a customer's DevTools export lists every call the page made; only the Reactor and IMS ones are kept,
// each converted with the same rules as a pasted cURL (imported-request.ts): the customer's credentials are
// dropped and the profile's are used. The recorded response comes along (redacted) for the side-by-side diff.
import type { Entry as HarEntry, Har, Header as HarHeader, PostData as HarPostData, Request as HarRequest } from 'har-format'
import Ajv, { type AnySchema } from 'ajv'
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json'
import harSchemas from 'har-schema'
import { AppError } from '../../../shared/errors'
import type { HarImport, HarImportItem } from '../../../shared/ipc/history.contract'
import { sendsBody, type RequestSpec } from '../../../shared/requests/request-spec'
import type { HistoryEntry } from '../history/history-entry'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import { emptyCounts, OutboundRedactor, type RedactionCounts } from '../security/outbound-redaction'
import { absoluteUrl, DEFAULT_REACTOR_BASE_URL, outgoingHeaders } from './curl'
import { ImportCollector, specFromImportedRequest, type ImportedBody, type ImportedPair } from './imported-request'
import { positionOf, type SourcePosition } from './windows-command-line'

export interface HarCreator {
  name: string
  version: string
}

const COOKIE_HEADERS = new Set(['cookie', 'set-cookie', 'set-cookie2'])

function harHeaders(rows: ReadonlyArray<readonly [string, string]>): HarHeader[] {
  return rows.filter(([name]) => !COOKIE_HEADERS.has(name.toLowerCase())).map(([name, value]) => ({ name, value }))
}

function queryOf(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url.replace(/\{\{([^}]*)\}\}/g, '%7B%7B$1%7D%7D')).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}

function headerValue(rows: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return rows.find(([candidate]) => candidate.toLowerCase() === name)?.[1]
}

/** The request body of a document as HAR postData (files are named, never read). */
function postDataOf(spec: RequestSpec, mimeType: string, text?: string): HarPostData | undefined {
  if (!sendsBody(spec)) return undefined
  const body = spec.body
  switch (body.type) {
    case 'json':
    case 'text':
      return { mimeType, text: text ?? body.text }
    case 'form-urlencoded':
      return { mimeType: 'application/x-www-form-urlencoded', params: body.fields.filter((f) => f.enabled && f.name !== '').map((f) => ({ name: f.name, value: f.value })) }
    case 'multipart':
      return {
        mimeType: 'multipart/form-data',
        params: body.parts
          .filter((p) => p.enabled && p.name !== '')
          .map((p) => (p.kind === 'text' ? { name: p.name, value: p.value } : { name: p.name, fileName: p.path, ...(p.contentType ? { contentType: p.contentType } : {}) }))
      }
    case 'binary':
      return { mimeType, text: '', comment: `The body is the file ${body.path} (not included).` }
    default:
      return undefined
  }
}

/** A document as a HAR request, with the headers a send would carry (placeholders for inherited auth). */
export function specToHarRequest(spec: RequestSpec, options: { reactorBaseUrl?: string; authHeaders?: ReadonlyArray<readonly [string, string]> } = {}): HarRequest {
  const reactorBaseUrl = options.reactorBaseUrl ?? DEFAULT_REACTOR_BASE_URL
  const url = absoluteUrl(spec, reactorBaseUrl)
  const headers = outgoingHeaders(spec, { profile: { reactorBaseUrl }, authHeaders: options.authHeaders })
  // cURL labels a form body itself; a HAR request (and every snippet language) says so in a header.
  if (sendsBody(spec) && spec.body.type === 'form-urlencoded' && !headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded'])
  const mimeType = headerValue(headers, 'content-type') ?? (spec.body.type === 'form-urlencoded' ? 'application/x-www-form-urlencoded' : 'application/octet-stream')
  const postData = postDataOf(spec, mimeType)
  return {
    method: spec.method,
    url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: harHeaders(headers),
    queryString: spec.params.filter((row) => row.enabled && row.name !== '').map((row) => ({ name: row.name, value: row.value })),
    ...(postData ? { postData } : {}),
    headersSize: -1,
    bodySize: -1
  }
}

/** The JSON:API resource a response is about (`{type, id}` of a single `data`), for the metadata. */
function jsonApiResource(text: string | undefined): { type: string; id: string } | undefined {
  if (!text || !text.trimStart().startsWith('{')) return undefined
  try {
    const data = (JSON.parse(text) as { data?: { type?: unknown; id?: unknown } }).data
    return data && typeof data.type === 'string' && typeof data.id === 'string' ? { type: data.type, id: data.id } : undefined
  } catch {
    return undefined
  }
}

/** One history entry as a HAR entry, every string through the redactor (headers with credential masking). */
function harEntry(entry: HistoryEntry, redactor: OutboundRedactor, counts: RedactionCounts): HarEntry {
  const { request, response, ...rest } = rawHarEntry(entry)
  const clean = redactor.deep({ ...rest, request: { ...request, headers: [] as HarHeader[] }, response: { ...response, headers: [] as HarHeader[] } }, counts)
  clean.request.headers = harHeaders(redactor.headers(request.headers.map((h) => [h.name, h.value] as [string, string]), counts))
  clean.response.headers = harHeaders(redactor.headers(response.headers.map((h) => [h.name, h.value] as [string, string]), counts))
  return clean as HarEntry
}

function rawHarEntry(entry: HistoryEntry): HarEntry {
  const response = entry.response
  const requestHeaders = entry.request.headers
  const requestMime = headerValue(entry.request.headers, 'content-type') ?? 'application/octet-stream'
  const spec = entry.request.spec as unknown as RequestSpec
  const postData = entry.request.body && spec?.body ? postDataOf({ ...spec, method: entry.request.method as RequestSpec['method'] }, requestMime, entry.request.body.text) : undefined
  const timing = response?.timing
  const wait = timing ? Math.max(0, timing.ttfbMs) : 0
  const receive = timing ? Math.max(0, timing.downloadMs) : 0
  const send = timing ? Math.max(0, timing.totalMs - wait - receive) : Math.max(0, entry.durationMs)
  const lastRedirect = response?.redirects.at(-1)
  return {
    startedDateTime: new Date(entry.startedAt).toISOString(),
    time: send + wait + receive,
    request: {
      method: entry.request.method,
      url: entry.request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(requestHeaders),
      queryString: queryOf(entry.request.url),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: entry.request.body?.bytes ?? 0
    },
    response: response
      ? {
          status: response.status,
          statusText: response.statusText,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: harHeaders(response.headers),
          content: {
            size: response.body.bytes,
            mimeType: response.contentType ?? headerValue(response.headers, 'content-type') ?? 'application/octet-stream',
            text: response.body.text,
            ...(response.body.truncated ? { comment: `Cut to ${Buffer.byteLength(response.body.text)} of ${response.body.bytes} bytes.` } : {})
          },
          redirectURL: lastRedirect?.to ?? '',
          headersSize: -1,
          bodySize: response.body.bytes
        }
      : {
          // No response (a network failure): status 0, as browsers write it.
          status: 0,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: [],
          content: { size: 0, mimeType: 'x-unknown' },
          redirectURL: '',
          headersSize: -1,
          bodySize: -1,
          ...(entry.error ? { comment: entry.error.message } : {})
        },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send, wait, receive },
    _reactorExplorer: {
      id: entry.id,
      source: entry.source,
      ...(entry.profile
        ? { profile: { name: entry.profile.name, environment: entry.profile.environment, environmentLabel: entry.profile.environmentLabel, reactorBaseUrl: entry.profile.reactorBaseUrl, simulated: entry.profile.simulated ?? false } }
        : {}),
      ...(entry.adobeRequestId ? { adobeRequestId: entry.adobeRequestId } : {}),
      ...(jsonApiResource(response?.body.text) ? { resource: jsonApiResource(response?.body.text) } : {}),
      ...(entry.error ? { error: entry.error } : {}),
      ...(response && response.attempts > 1 ? { attempts: response.attempts } : {}),
      notes: entry.notes
    }
  } as HarEntry
}

/** HAR 1.2 of history entries, oldest first, redacted once more; `counts` reports what was removed. */
export function entriesToHar(entries: readonly HistoryEntry[], options: { creator: HarCreator; redactor: OutboundRedactor }): { har: Har; counts: RedactionCounts } {
  const counts = emptyCounts()
  const sorted = [...entries].sort((a, b) => a.startedAt - b.startedAt)
  const har: Har = {
    log: {
      version: '1.2',
      creator: { name: options.creator.name, version: options.creator.version },
      entries: sorted.map((entry) => harEntry(entry, options.redactor, counts))
    }
  }
  const log = har.log as Har['log'] & { _reactorExplorer?: unknown }
  log._reactorExplorer = { redacted: counts, cookiesDropped: true }
  return { har, counts }
}

let validator: ReturnType<Ajv['compile']> | undefined

/** Checks a document against HAR 1.2 (har-schema, draft-06) with ajv; the problems name their JSON paths. */
export function validateHar(document: unknown): { valid: boolean; errors: string[] } {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
    ajv.addMetaSchema(draft06)
    for (const [name, schema] of Object.entries(harSchemas)) {
      if (schema && typeof schema === 'object' && '$id' in schema) ajv.addSchema(schema as AnySchema, `${name}.json`)
    }
    validator = ajv.getSchema('har.json#') ?? ajv.getSchema('har.json')
    if (!validator) throw new Error('har-schema has no har.json schema')
  }
  const valid = validator(document) as boolean
  return { valid, errors: (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`) }
}

// ---------------------------------------------------------------------------------------------------------
// In

export type HarRequestKind = HarImportItem['kind']
export type { HarImport, HarImportItem }

/** A HAR that cannot be read; `position` points at the JSON problem when there is one. */
export class HarImportError extends AppError {
  constructor(
    message: string,
    readonly position?: SourcePosition
  ) {
    super('har-invalid', position ? `Line ${position.line}, column ${position.column}: ${message}` : message)
    this.name = 'HarImportError'
  }
}

/** The largest HAR read (a DevTools export of a long Tags UI session runs to tens of MB). */
export const MAX_HAR_CHARS = 100 * 1024 * 1024

/** JSON.parse with the line and column of a syntax error (Node reports only an offset). */
export function parseJsonWithPosition(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    const at = /position (\d+)/.exec(message)
    const lineColumn = /line (\d+) column (\d+)/.exec(message)
    const position = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : at ? positionOf(text, Number(at[1])) : undefined
    throw new HarImportError(`${what} is not valid JSON.`, position)
  }
}

function kindOf(url: URL, reactorOrigins: readonly string[]): HarRequestKind | undefined {
  if (isKnownReactorHost(url) || reactorOrigins.includes(url.origin)) return 'reactor'
  if (/^ims-[a-z0-9-]+\.adobelogin\.com$/i.test(url.hostname) || (url.hostname.endsWith('adobelogin.com') && url.pathname.startsWith('/ims/'))) return 'ims'
  return undefined
}

function importedBody(postData: HarPostData | undefined): { body: ImportedBody; mimeType?: string } {
  if (!postData) return { body: { kind: 'none' } }
  const mimeType = postData.mimeType || undefined
  if (postData.params && postData.params.length > 0) {
    if (mimeType && /multipart\/form-data/i.test(mimeType)) {
      return { body: { kind: 'multipart', parts: postData.params.map((p) => (p.fileName ? { name: p.name, file: p.fileName, ...(p.contentType ? { contentType: p.contentType } : {}) } : { name: p.name, value: p.value ?? '' })) }, mimeType }
    }
    return { body: { kind: 'form', fields: postData.params.map((p) => ({ name: p.name, value: p.value ?? '' })) }, mimeType }
  }
  return { body: postData.text ? { kind: 'text', text: postData.text } : { kind: 'none' }, mimeType }
}

/**
 * The Reactor and IMS calls in a browser's HAR export, each as a request document with the customer's
 * credentials dropped, plus its recorded response (redacted).
 */
export function harToRequests(text: string, options: { redactor: OutboundRedactor; reactorOrigins?: readonly string[] }): HarImport {
  if (text.length > MAX_HAR_CHARS) throw new HarImportError(`The HAR file is ${Math.round(text.length / 1048576)} MB; at most ${MAX_HAR_CHARS / 1048576} MB can be imported.`)
  const document = parseJsonWithPosition(text.replace(/^\uFEFF/, ''), 'The HAR file') as { log?: { entries?: unknown } }
  const entries = document?.log?.entries
  if (!Array.isArray(entries)) throw new HarImportError('This is not a HAR file: it has no log.entries list.')
  const origins = (options.reactorOrigins ?? []).flatMap((base) => {
    try {
      return [new URL(base).origin]
    } catch {
      return []
    }
  })
  const items: HarImportItem[] = []
  entries.forEach((raw, index) => {
    const entry = raw as Partial<HarEntry>
    const request = entry?.request
    if (!request || typeof request.url !== 'string' || typeof request.method !== 'string') return
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return
    }
    const kind = kindOf(url, origins)
    if (!kind) return
    const collect = new ImportCollector()
    const query: ImportedPair[] = [...url.searchParams].map(([name, value]) => ({ name, value }))
    // HTTP/2 pseudo-headers (`:authority`, `:path`) are how DevTools shows h2 requests, not headers to send.
    const headers: ImportedPair[] = (request.headers ?? []).filter((h) => typeof h?.name === 'string' && !h.name.startsWith(':')).map((h) => ({ name: h.name, value: String(h.value ?? '') }))
    const { body } = importedBody(request.postData)
    if (request.postData?.mimeType && !headers.some((h) => h.name.toLowerCase() === 'content-type') && body.kind !== 'none') headers.push({ name: 'Content-Type', value: request.postData.mimeType })
    try {
      const result = specFromImportedRequest(
        { method: request.method, url: `${url.origin}${url.pathname}`, query, headers, body },
        { source: 'HAR entry', reactorOrigins: origins, collect }
      )
      const response = entry.response
      items.push({
        index,
        kind,
        ...(typeof entry.startedDateTime === 'string' ? { startedAt: entry.startedDateTime } : {}),
        method: result.spec.method,
        url: options.redactor.text(request.url),
        spec: result.spec,
        notes: result.notes,
        unmapped: result.unmapped,
        ...(response && typeof response.status === 'number'
          ? {
              response: options.redactor.deep({
                status: response.status,
                statusText: response.statusText ?? '',
                headers: options.redactor.headers((response.headers ?? []).filter((h) => !COOKIE_HEADERS.has(String(h.name).toLowerCase())).map((h) => [String(h.name), String(h.value ?? '')] as [string, string])),
                ...(response.content?.mimeType ? { mimeType: response.content.mimeType } : {}),
                ...(typeof response.content?.text === 'string' && response.content.encoding !== 'base64' ? { text: response.content.text } : {})
              })
            }
          : {})
      })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      // One entry that cannot be a request (a TRACE, a broken URL) does not stop the others.
    }
  })
  return { items, skipped: entries.length - items.length, total: entries.length }
}
