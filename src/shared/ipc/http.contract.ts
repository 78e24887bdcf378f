import { z } from 'zod'
import { channel } from './define'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

const KeyValueRow = z.object({
  name: z.string().max(1024),
  value: z.string().max(65_536),
  enabled: z.boolean().default(true)
})
export type KeyValueRow = z.input<typeof KeyValueRow>

export const HttpRequestInput = z.object({
  /** Chosen by the renderer; names the request for cancel and progress events. */
  requestId: z.string().min(1).max(64),
  /** The profile whose credential main adds (only for that profile's own hosts). */
  profileId: z.string().max(128).optional(),
  method: z.enum(HTTP_METHODS),
  /** Absolute http(s) URL, or a path (`/companies`) relative to the profile's Reactor host. */
  url: z.string().min(1).max(16_384),
  query: z.array(KeyValueRow).max(200).default([]),
  headers: z.array(KeyValueRow).max(200).default([]),
  body: z.string().max(50_000_000).optional(),
  options: z
    .object({
      timeoutMs: z.number().int().min(100).max(600_000).optional(),
      followRedirects: z.boolean().optional(),
      /** Retry 429/5xx for idempotent methods with capped backoff, honouring Retry-After. */
      retryIdempotent: z.boolean().optional(),
      /** Bodies above this are kept in a file in main and only a preview crosses to the renderer. */
      maxInlineBodyBytes: z.number().int().min(1024).max(200_000_000).optional()
    })
    .default({})
})
export type HttpRequestInput = z.input<typeof HttpRequestInput>

export interface HttpTiming {
  totalMs: number
  /** Time to first byte (response headers received). */
  ttfbMs: number
  downloadMs: number
}

export type HttpResponseBody =
  | { kind: 'inline'; text: string; bytes: number }
  /** Over the inline limit: kept in main; `saveResponseBody` writes it where the user chooses. */
  | { kind: 'file'; bodyId: string; bytes: number; preview: string }
  | { kind: 'empty'; bytes: 0 }

export interface HttpResponse {
  requestId: string
  /** The URL finally answered (after redirects), with query. */
  url: string
  method: string
  status: number
  statusText: string
  headers: Array<[string, string]>
  contentType: string | undefined
  body: HttpResponseBody
  /**
   * Set when the media type says JSON but the body does not parse: the parser's message (e.g.
   * `The body is not valid JSON: Unexpected token } in JSON at position 12`). The body is still in `body` as text.
   */
  jsonProblem?: string
  timing: HttpTiming
  /** Adobe request id from x-request-id / x-adobe-request-id style headers, for support tickets. */
  adobeRequestId: string | undefined
  /** Seconds, from a Retry-After header on 429/503. */
  retryAfterSeconds: number | undefined
  redirects: Array<{ status: number; from: string; to: string; credentialsDropped: boolean }>
  attempts: number
  /** Headers as sent; managed credentials appear masked, e.g. `Bearer ••••1a2b (profile)`. */
  sentHeaders: Array<[string, string]>
}

export const CancelInput = z.object({ requestId: z.string().min(1).max(64) })

export const FetchAllPagesInput = z.object({
  request: HttpRequestInput,
  /** page[size] to use, 1..100 (Reactor's maximum). */
  pageSize: z.number().int().min(1).max(100).default(100),
  concurrency: z.number().int().min(1).max(8).default(4),
  maxPages: z.number().int().min(1).max(10_000).default(1000)
})
export type FetchAllPagesInput = z.input<typeof FetchAllPagesInput>

export interface FetchAllPagesResult {
  requestId: string
  pages: number
  totalCount: number
  /** A JSON:API document: `data` is the union of every page's data in page order. */
  document: HttpResponseBody
  timing: { totalMs: number }
}

export interface RequestProgress {
  requestId: string
  phase: 'sending' | 'waiting' | 'downloading' | 'retrying' | 'paging' | 'done'
  loadedBytes?: number
  pagesDone?: number
  pagesTotal?: number
  message?: string
}

export const SaveBodyInput = z.object({ bodyId: z.string().min(1).max(64), suggestedName: z.string().max(255).optional() })

export const httpContract = {
  'http:send': channel<HttpResponse>()(HttpRequestInput),
  'http:cancel': channel<{ cancelled: boolean }>()(CancelInput),
  'http:fetchAllPages': channel<FetchAllPagesResult>()(FetchAllPagesInput),
  'http:saveBody': channel<{ saved: boolean; path?: string }>()(SaveBodyInput)
}

export interface HttpEventPayloads {
  'http:progress': RequestProgress
}
