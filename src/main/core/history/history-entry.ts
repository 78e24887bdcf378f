// One recorded call, as written to a history segment: the request as sent (secret variables as their
// `{{placeholders}}`, credentials masked), the response with a bounded body, timing, profile and
// environment, Adobe's request id, and the error when it failed. Built from the send pipeline's
// SentExchange, which already carries a registry-redacted copy; everything passes the OutboundRedactor
// once more here, before a byte is written (credential-looking values the app never saw, JWTs, the values of
// credential-named fields, Authorization and Cookie headers).
import type { HistoryBody, HistoryEntry, HistoryProfile, HistoryResponse, StatusClass } from '../../../shared/ipc/history.contract'
import type { HttpResponse } from '../../../shared/ipc/requests.contract'
import { parseRequestSpec, serializeRequestSpec, type RequestSpec } from '../../../shared/requests/request-spec'
import { jsonProblemOfResponse } from '../http/json-problem'
import { absoluteUrl, outgoingHeaders } from '../interchange/curl'
import type { SentExchange } from '../requests/send-pipeline'
import { OutboundRedactor } from '../security/outbound-redaction'

export const HISTORY_ENTRY_VERSION = 1

export type { HistoryBody, HistoryEntry, HistoryProfile, HistoryResponse, StatusClass }

export interface RecordOptions {
  id: string
  maxBodyBytes: number
  profile?: HistoryProfile
  redactor: OutboundRedactor
  now?: () => number
}

/** `text` cut to at most `maxBytes` of UTF-8 (never in the middle of a character). */
export function cutToBytes(text: string, maxBytes: number): { text: string; bytes: number; truncated: boolean } {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes <= maxBytes) return { text, bytes, truncated: false }
  const buffer = Buffer.from(text, 'utf8').subarray(0, maxBytes)
  // Drop a partial character at the end (UTF-8 continuation bytes are 10xxxxxx).
  let end = buffer.length
  while (end > 0 && (buffer[end - 1]! & 0xc0) === 0x80) end--
  if (end > 0 && buffer[end - 1]! >= 0xc0) end--
  return { text: buffer.subarray(0, end).toString('utf8'), bytes, truncated: true }
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`
}

function responseBody(response: HttpResponse, maxBytes: number): HistoryBody {
  const body = response.body
  if (body.kind === 'empty') return { text: '', bytes: 0, truncated: false }
  if (body.kind === 'inline') {
    const cut = cutToBytes(body.text, maxBytes)
    return { text: cut.text, bytes: body.bytes, truncated: cut.truncated }
  }
  // Observers are handed the exchange once its body is complete, so a stream never reaches history; should one,
  // it is recorded without a body rather than guessed at.
  if (body.kind === 'stream') return { text: '', bytes: body.bytes, truncated: true }
  // Kept in a file by the executor: history keeps the preview that is in memory (64 KB), up to the cap.
  const cut = cutToBytes(body.preview, maxBytes)
  return { text: cut.text, bytes: body.bytes, truncated: true }
}

function requestBody(spec: RequestSpec, maxBytes: number): HistoryBody | undefined {
  const body = spec.body
  switch (body.type) {
    case 'json':
    case 'text': {
      const cut = cutToBytes(body.text, maxBytes)
      return { text: cut.text, bytes: cut.bytes, truncated: cut.truncated }
    }
    case 'form-urlencoded': {
      const text = new URLSearchParams(body.fields.filter((f) => f.enabled && f.name !== '').map((f) => [f.name, f.value])).toString()
      return { text, bytes: Buffer.byteLength(text), truncated: false }
    }
    case 'multipart': {
      const text = body.parts.filter((p) => p.enabled && p.name !== '').map((p) => (p.kind === 'text' ? `${p.name}=${p.value}` : `${p.name}=@${p.path}`)).join('\n')
      return { text, bytes: Buffer.byteLength(text), truncated: false }
    }
    case 'binary':
      return { text: `@${body.path}`, bytes: 0, truncated: false }
    default:
      return undefined
  }
}

/**
 * The history entry for one exchange, redacted and bounded. The spec in the exchange already has secret
 * variables as placeholders; if the request document itself was cut (a body over the cap), the stored spec
 * carries the cut text and a note says so.
 */
export function entryFromExchange(exchange: SentExchange, options: RecordOptions): HistoryEntry {
  const { redactor, maxBodyBytes } = options
  const notes: string[] = []
  const spec = exchange.spec
  const reactorBaseUrl = options.profile?.reactorBaseUrl
  const url = absoluteUrl(spec, reactorBaseUrl)
  const sentHeaders = exchange.response?.sentHeaders ?? outgoingHeaders(spec, reactorBaseUrl ? { profile: { reactorBaseUrl } } : {})

  let storedSpec = spec
  const body = requestBody(spec, maxBodyBytes)
  if (body?.truncated && (spec.body.type === 'json' || spec.body.type === 'text')) {
    storedSpec = { ...spec, body: { ...spec.body, text: body.text } }
    notes.push(`The request body was ${kilobytes(body.bytes)}; the first ${kilobytes(maxBodyBytes)} are kept.`)
  }

  let response: HistoryResponse | undefined
  if (exchange.response) {
    const r = exchange.response
    const kept = responseBody(r, maxBodyBytes)
    if (kept.truncated) notes.push(`The response body was ${kilobytes(kept.bytes)}; the first ${kilobytes(Buffer.byteLength(kept.text))} are kept.`)
    response = {
      status: r.status,
      statusText: r.statusText,
      url: r.url,
      headers: r.headers,
      ...(r.contentType ? { contentType: r.contentType } : {}),
      body: kept,
      timing: r.timing,
      redirects: r.redirects,
      attempts: r.attempts,
      ...(jsonProblemOfResponse(r) ? { jsonProblem: jsonProblemOfResponse(r) } : {})
    }
  }
  const finishedAt = options.now?.() ?? Date.now()
  const entry: HistoryEntry = {
    v: HISTORY_ENTRY_VERSION,
    id: options.id,
    source: exchange.source,
    requestId: exchange.requestId,
    startedAt: exchange.startedAt,
    durationMs: exchange.response?.timing.totalMs ?? Math.max(0, finishedAt - exchange.startedAt),
    ...(options.profile ? { profile: options.profile } : exchange.profileId ? { profile: { id: exchange.profileId } } : {}),
    request: {
      spec: serializeRequestSpec(storedSpec),
      method: spec.method,
      url,
      headers: sentHeaders,
      ...(body ? { body } : {})
    },
    ...(response ? { response } : {}),
    ...(exchange.error ? { error: exchange.error } : {}),
    ...(exchange.response?.adobeRequestId ? { adobeRequestId: exchange.response.adobeRequestId } : {}),
    notes
  }
  return redactEntry(entry, redactor)
}

/** Every string through the redactor, and the header lists with credential headers masked. */
export function redactEntry(entry: HistoryEntry, redactor: OutboundRedactor): HistoryEntry {
  const deep = redactor.deep(entry)
  deep.request.headers = redactor.headers(entry.request.headers)
  if (entry.response) deep.response!.headers = redactor.headers(entry.response.headers)
  return deep
}

/** The stored document back as a RequestSpec (for "open in a tab"); undefined if it no longer parses. */
export function entrySpec(entry: HistoryEntry): RequestSpec | undefined {
  const parsed = parseRequestSpec(entry.request.spec)
  return parsed.ok ? parsed.spec : undefined
}

/** `2xx` … `5xx`, or `error` for a call that got no response. */
export function statusClassOf(entry: Pick<HistoryEntry, 'response'>): StatusClass {
  const status = entry.response?.status
  if (status === undefined) return 'error'
  if (status < 200) return '1xx'
  if (status < 300) return '2xx'
  if (status < 400) return '3xx'
  if (status < 500) return '4xx'
  return '5xx'
}

// Reactor resource ids: a two-letter type prefix and 32 hex characters (reactor-api.md §3.3).
const REACTOR_ID = /\b(?:CO|PR|RL|RC|DE|EX|EP|LB|BL|EN|HT|CB|AE|UR|NT|SE|AC|EA)[0-9a-f]{32}\b/g

/** The distinct Reactor ids in `texts`, at most `limit` (a list of 100 rules has hundreds). */
export function reactorIds(texts: readonly string[], limit: number): string[] {
  const found = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(REACTOR_ID)) {
      found.add(match[0])
      if (found.size >= limit) return [...found]
    }
  }
  return [...found]
}
