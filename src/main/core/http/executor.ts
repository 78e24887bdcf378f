import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import type { FormData } from 'undici'
import type { HttpResponse, HttpResponseBody, RequestProgress } from '../../../shared/ipc/requests.contract'
import type { HttpMethod } from '../../../shared/requests/request-spec'
import { sessionFor, type CredentialProvider, type CredentialSession } from '../auth/credential-provider'
import { isKnownReactorHost, reactorDefaultHeaders } from '../reactor/reactor-headers'
import { AppError } from '../../../shared/errors'
import type { SecretRegistry } from '../security/secret-registry'
import { Deadline, unlessAborted } from '../net/deadline'
import { NetworkClient, type ConnectionSettings, type Exchange } from '../net/network-client'
import { cancelledError, tokenWaitTimeout } from '../net/network-errors'
import { DEFAULT_MAX_STORED_BODY_BYTES, type BodyStore } from './body-store'
import {
  adobeRequestIdFrom,
  displayHeaders,
  headerPairs,
  isCredentialHeader,
  isJsonContentType,
  requestIdFromErrorBody
} from './header-policy'
import { buildRequestUrl } from './request-url'
import { abortableDelay } from './request-registry'
import { DEFAULT_RETRY, isIdempotent, isRetriableStatus, parseRetryAfter, retryDelayMs, type RetrySettings } from './retry-policy'

export { effectiveProxy, LOOPBACK_BYPASS, type ProxyChoice } from '../net/network-client'

/**
 * One HTTP exchange as the executor sends it: variables already resolved and the body already encoded by the
 * send pipeline (src/main/core/requests/send-pipeline.ts), which is the only caller outside tests.
 */
export interface HttpSendInput {
  requestId: string
  /** The profile whose credential is added (only on its own Reactor origin) and whose host a path goes to. */
  profileId?: string
  /** `none`: the profile's host is used for a path, but its credential is not added. Default `inherit`. */
  auth?: 'inherit' | 'none'
  method: HttpMethod
  /** Absolute http(s) URL, or a path relative to the profile's Reactor host. */
  url: string
  query: ReadonlyArray<{ name: string; value: string; enabled?: boolean }>
  headers: ReadonlyArray<{ name: string; value: string; enabled?: boolean }>
  body?: HttpBody
  options: {
    /** Each attempt's budget: the token wait, the response headers and the whole body. */
    timeoutMs?: number
    followRedirects?: boolean
    maxRedirects?: number
    /** Retry 429/5xx for idempotent methods with capped backoff, honouring Retry-After. */
    retryIdempotent?: boolean
    /** Bodies above this are kept in a file in main and only a preview crosses to the renderer. */
    maxInlineBodyBytes?: number
  }
}

/** A text body, raw bytes (a binary file) or multipart form data (undici sets its boundary). */
export type HttpBody = string | Uint8Array | FormData

export interface HttpSettings extends ConnectionSettings {
  /** The budget of one attempt: the token wait, the response headers and the whole body. */
  timeoutMs: number
  maxInlineBodyBytes: number
  /** Disk space all bodies kept in files (those over `maxInlineBodyBytes`) may take together. */
  maxStoredBodyBytes: number
  previewBytes: number
  maxRedirects: number
  retry: RetrySettings
  /** Whether 429/5xx on idempotent methods are retried when the request does not say (`options.retryIdempotent`). */
  retryIdempotentByDefault: boolean
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  connectTimeoutMs: 10_000,
  timeoutMs: 30_000,
  maxInlineBodyBytes: 50 * 1024 * 1024,
  maxStoredBodyBytes: DEFAULT_MAX_STORED_BODY_BYTES,
  previewBytes: 64 * 1024,
  maxRedirects: 10,
  retry: DEFAULT_RETRY,
  retryIdempotentByDefault: false
}

export interface ExecutorDeps {
  provider: CredentialProvider
  bodies: BodyStore
  /**
   * The network layer shared with the IMS token client and the doctor (pools, proxy, error wording). Without
   * one the executor makes its own from `settings` (tests, benchmarks) and closes it on dispose.
   */
  network?: NetworkClient
  /** Managed tokens are registered here as they are attached (defence in depth: the provider does too). */
  secrets?: SecretRegistry
  /** Read on every send, so a settings change applies to the next request. */
  settings?: () => Partial<HttpSettings>
}

export interface SendOptions {
  signal?: AbortSignal
  onProgress?: (progress: RequestProgress) => void
}

interface Hop {
  url: URL
  method: string
  body: HttpBody | undefined
  headers: Array<{ name: string; value: string }>
}

interface ReadBody {
  body: HttpResponseBody
  /** The parse problem when a JSON media type carries text that is not JSON. */
  jsonProblem: string | undefined
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])
const PROGRESS_INTERVAL_MS = 100

function decoderFor(contentType: string | undefined): TextDecoder {
  const charset = contentType && /charset="?([^";\s]+)/i.exec(contentType)?.[1]
  if (charset) {
    try {
      return new TextDecoder(charset)
    } catch {
      // Unknown label: fall through to UTF-8 rather than fail the whole response.
    }
  }
  return new TextDecoder('utf-8')
}

/**
 * Sends one request the way issue 5 asks, over the shared network layer (net/network-client.ts: pools, proxy,
 * deadline, error wording): cancellation, manual redirects that drop credentials across origins, bounded
 * retries, one refresh on 401, large bodies to a file within a total. Returns metadata and body text only;
 * credentials appear masked.
 */
export class HttpExecutor {
  private readonly network: NetworkClient
  private readonly ownsNetwork: boolean

  constructor(private readonly deps: ExecutorDeps) {
    this.network = deps.network ?? new NetworkClient({ settings: () => this.settings() })
    this.ownsNetwork = deps.network === undefined
  }

  settings(): HttpSettings {
    const overrides = this.deps.settings?.() ?? {}
    return { ...DEFAULT_HTTP_SETTINGS, ...overrides, retry: { ...DEFAULT_RETRY, ...overrides.retry } }
  }

  async send(input: HttpSendInput, options: SendOptions = {}): Promise<HttpResponse> {
    const started = performance.now()
    const settings = this.settings()
    const { signal, onProgress } = options
    const progress = (phase: RequestProgress['phase'], extra: Partial<RequestProgress> = {}) =>
      onProgress?.({ requestId: input.requestId, phase, ...extra })
    const timeoutMs = input.options.timeoutMs ?? settings.timeoutMs
    const maxInline = input.options.maxInlineBodyBytes ?? settings.maxInlineBodyBytes
    const follow = input.options.followRedirects !== false
    const maxRedirects = input.options.maxRedirects ?? settings.maxRedirects
    const profileId = input.profileId || undefined

    // The profile is resolved once per send: its host, and its credential for every hop and the 401 retry.
    const credential = profileId ? await sessionFor(this.deps.provider, profileId) : undefined
    const reactorBase = credential?.reactorBaseUrl
    const reactorOrigin = reactorBase ? new URL(reactorBase).origin : undefined
    const firstUrl = buildRequestUrl(input.url, input.query, reactorBase)
    const body = input.method === 'HEAD' || input.body === undefined || input.body === '' ? undefined : input.body
    const attachCredential = input.auth !== 'none' ? credential : undefined

    let hop: Hop = {
      url: firstUrl,
      method: input.method,
      body,
      headers: input.headers.filter((row) => row.enabled !== false && row.name.trim() !== '').map((row) => ({ name: row.name.trim(), value: row.value }))
    }
    // Once a redirect leaves the original origin, managed credentials are never attached again in this chain.
    let credentialsAllowed = true
    let attempts = 1
    let refreshed = false
    const redirects: HttpResponse['redirects'] = []

    progress('sending')
    for (;;) {
      if (signal?.aborted) throw cancelledError()
      // One budget per attempt, started before the token wait: the token, the headers and the whole body
      // all have to arrive within the request's timeout (a 1 byte/s trickle ends here too).
      const deadline = new Deadline(timeoutMs, signal)
      try {
        const isReactor = (reactorOrigin !== undefined && hop.url.origin === reactorOrigin) || isKnownReactorHost(hop.url)
        const prepared = await this.prepareHeaders(hop, attachCredential, credentialsAllowed, isReactor, deadline)
        const attemptStart = performance.now()

        const exchange = await this.network.open(hop.url, {
          method: hop.method,
          // Flat [name, value, ...] keeps repeated headers (two typed rows with one name) as the user wrote them.
          headers: prepared.sent.flat(),
          body: hop.body,
          deadline,
          connectTimeoutMs: settings.connectTimeoutMs
        })
        const headersAt = performance.now()
        const headers = headerPairs(exchange.headers as Record<string, string | string[] | undefined>)
        const header = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1]
        const status = exchange.status

        const location = header('location')
        if (follow && REDIRECT_STATUSES.has(status) && location) {
          await exchange.discard()
          if (redirects.length >= maxRedirects) {
            throw new AppError(
              'http-too-many-redirects',
              `Stopped after ${maxRedirects} redirects (last one from ${hop.url.host} to ${location.slice(0, 200)}). The server is probably redirecting in a loop.`
            )
          }
          let next: URL
          try {
            next = new URL(location, hop.url)
          } catch {
            throw new AppError('http-invalid-url', `${hop.url.host} redirected to "${location.slice(0, 200)}", which is not a valid URL.`)
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new AppError('http-invalid-url', `${hop.url.host} redirected to a ${next.protocol} URL, which is not followed.`)
          }
          const crossOrigin = next.origin !== hop.url.origin
          const carried = prepared.sent.some(([name]) => isCredentialHeader(name))
          if (crossOrigin) credentialsAllowed = false
          const toGet = status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST'
          hop = {
            url: next,
            method: toGet ? 'GET' : hop.method,
            body: toGet ? undefined : hop.body,
            headers: hop.headers.filter(
              (row) => !(crossOrigin && isCredentialHeader(row.name)) && !(toGet && /^content-(type|length)$/i.test(row.name))
            )
          }
          redirects.push({ status, from: prepared.url, to: next.href, credentialsDropped: crossOrigin && carried })
          continue
        }

        const limits = { maxInline, previewBytes: settings.previewBytes, maxStoredBytes: settings.maxStoredBodyBytes }
        const read = await this.readBody(exchange, header('content-type'), hop.url.href, limits, (loadedBytes) => progress('downloading', { loadedBytes }))
        const doneAt = performance.now()
        const retryAfterSeconds = parseRetryAfter(header('retry-after'))

        if (status === 401 && prepared.managed.size > 0 && attachCredential && !refreshed) {
          refreshed = true
          progress('retrying', { message: 'The token was refused (401); fetching a new one and trying once more.' })
          // Naming the refused token lets many simultaneous 401s on it share one IMS call.
          const refusedAuthorization = prepared.sent.find(([name]) => name.toLowerCase() === 'authorization')?.[1]
          // The shared refresh goes on without us if the person cancels; the retry's own deadline starts after it.
        if (await unlessAborted(attachCredential.refreshAfterUnauthorized(refusedAuthorization), signal).catch(rethrowAsCancel(signal))) {
            attempts += 1
            continue
          }
        }
        if ((input.options.retryIdempotent ?? settings.retryIdempotentByDefault) && isIdempotent(hop.method) && isRetriableStatus(status) && attempts < settings.retry.maxAttempts) {
          const delay = retryDelayMs(attempts, retryAfterSeconds, settings.retry)
          if (delay !== undefined) {
            progress('retrying', { message: `${status} from ${hop.url.host}; retrying in ${(delay / 1000).toFixed(1)} s.` })
            await abortableDelay(delay, signal)
            attempts += 1
            continue
          }
        }

        progress('done', { loadedBytes: read.body.bytes })
        const contentType = header('content-type')
        return {
          requestId: input.requestId,
          url: hop.url.href,
          method: hop.method,
          status,
          statusText: statusText(status),
          headers,
          contentType,
          body: read.body,
          ...(read.jsonProblem ? { jsonProblem: read.jsonProblem } : {}),
          timing: { totalMs: round(doneAt - started), ttfbMs: round(headersAt - attemptStart), downloadMs: round(doneAt - headersAt) },
          adobeRequestId: adobeRequestIdFrom(headers) ?? (status >= 400 && read.body.kind === 'inline' ? requestIdFromErrorBody(read.body.text) : undefined),
          retryAfterSeconds,
          redirects,
          attempts,
          sentHeaders: displayHeaders(prepared.sent, prepared.managed)
        }
      } finally {
        deadline.clear()
      }
    }
  }

  /** User rows, Reactor defaults (on Reactor hosts), then the profile's credentials (only on its own host). */
  private async prepareHeaders(hop: Hop, credential: CredentialSession | undefined, credentialsAllowed: boolean, isReactor: boolean, deadline: Deadline) {
    const auth = credential && credentialsAllowed ? await this.authHeaders(credential, hop.url, deadline) : undefined
    const managed = new Set(Object.keys(auth ?? {}).map((name) => name.toLowerCase()))
    const sent: Array<[string, string]> = []
    for (const row of hop.headers) {
      // On the profile's own host its credential is the one that goes; a typed copy would be ambiguous.
      if (managed.has(row.name.toLowerCase())) continue
      sent.push([row.name, row.value])
    }
    if (isReactor) {
      const names = new Set(sent.map(([name]) => name.toLowerCase()))
      sent.push(...reactorDefaultHeaders(names, hop.body !== undefined))
    }
    for (const [name, value] of Object.entries(auth ?? {})) {
      if (name.toLowerCase() === 'authorization') this.deps.secrets?.add(value.replace(/^\S+\s+/, ''))
      sent.push([name, value])
    }
    return { sent, managed, url: hop.url.href }
  }

  /**
   * The profile's headers for this hop. Waiting for a token counts toward the attempt's deadline, and a cancel
   * ends the wait at once (the IMS call itself goes on for any other request waiting for it).
   */
  private async authHeaders(credential: CredentialSession, url: URL, deadline: Deadline): Promise<Record<string, string> | undefined> {
    try {
      return await credential.authHeadersFor(url, deadline.signal)
    } catch (error) {
      if (deadline.cancelled) throw cancelledError('The request was cancelled while it waited for an access token.')
      if (deadline.expired) throw tokenWaitTimeout(deadline.timeoutMs, credential.tokenHost)
      throw error
    }
  }

  private async readBody(
    exchange: Exchange,
    contentType: string | undefined,
    url: string,
    limits: { maxInline: number; previewBytes: number; maxStoredBytes: number },
    onBytes: (bytes: number) => void
  ): Promise<ReadBody> {
    const { maxInline, previewBytes } = limits
    const chunks: Buffer[] = []
    const head: Buffer[] = []
    let headBytes = 0
    let bytes = 0
    let lastProgress = performance.now()
    let file: Awaited<ReturnType<BodyStore['open']>> | undefined
    try {
      for await (const raw of exchange.body) {
        const chunk = raw as Buffer
        bytes += chunk.length
        if (headBytes < previewBytes) {
          head.push(chunk)
          headBytes += chunk.length
        }
        if (!file) {
          chunks.push(chunk)
          if (bytes > maxInline) {
            // Over the inline limit: everything so far and everything after goes to a file in main.
            file = await this.deps.bodies.open({ maxTotalBytes: limits.maxStoredBytes })
            for (const part of chunks.splice(0)) await file.write(part)
          }
        } else {
          await file.write(chunk)
        }
        const now = performance.now()
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now
          onBytes(bytes)
        }
      }
      if (file) {
        file.stream.end()
        await once(file.stream, 'close')
      }
    } catch (error) {
      if (file) {
        file.stream.destroy()
        await this.deps.bodies.discard(file.path)
      }
      exchange.abandon()
      throw exchange.bodyFailure(error, bytes)
    }

    if (bytes === 0) return { body: { kind: 'empty', bytes: 0 }, jsonProblem: undefined }
    if (file) {
      await this.deps.bodies.commit(file.bodyId, { path: file.path, bytes, contentType, url })
      const preview = decoderFor(contentType).decode(Buffer.concat(head).subarray(0, previewBytes), { stream: true })
      return { body: { kind: 'file', bodyId: file.bodyId, bytes, preview }, jsonProblem: undefined }
    }
    const text = decoderFor(contentType).decode(Buffer.concat(chunks, bytes))
    let jsonProblem: string | undefined
    if (isJsonContentType(contentType)) {
      try {
        JSON.parse(text)
      } catch (error) {
        jsonProblem = `The body is not valid JSON: ${(error as Error).message}`
      }
    }
    return { body: { kind: 'inline', text, bytes }, jsonProblem }
  }

  async dispose(): Promise<void> {
    if (this.ownsNetwork) await this.network.dispose()
  }
}

/** A wait that ended because the person cancelled is a cancel; anything else is what it was. */
function rethrowAsCancel(signal: AbortSignal | undefined): (error: unknown) => never {
  return (error) => {
    if (signal?.aborted) throw cancelledError()
    throw error
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
  304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 409: 'Conflict', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout'
}

/** undici's request() does not expose the reason phrase (HTTP/2 has none), so use the standard one. */
function statusText(status: number): string {
  return STATUS_TEXT[status] ?? ''
}
