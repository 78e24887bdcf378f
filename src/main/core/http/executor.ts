import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { Agent, EnvHttpProxyAgent, request, type Dispatcher, type FormData } from 'undici'
import type { ProxySettings } from '../../../shared/ipc/settings.contract'
import type { HttpResponse, HttpResponseBody, RequestProgress } from '../../../shared/ipc/requests.contract'
import type { HttpMethod } from '../../../shared/requests/request-spec'
import { sessionFor, type CredentialProvider, type CredentialSession } from '../auth/credential-provider'
import { isKnownReactorHost, reactorDefaultHeaders } from '../reactor/reactor-headers'
import { AppError } from '../../../shared/errors'
import type { SecretRegistry } from '../security/secret-registry'
import type { BodyStore } from './body-store'
import {
  adobeRequestIdFrom,
  displayHeaders,
  headerPairs,
  isCredentialHeader,
  isJsonContentType,
  requestIdFromErrorBody
} from './header-policy'
import { classifyNetworkError, type FailurePhase } from './network-errors'
import { buildRequestUrl } from './request-url'
import { abortableDelay, cancelledError } from './request-registry'
import { DEFAULT_RETRY, isIdempotent, isRetriableStatus, parseRetryAfter, retryDelayMs, type RetrySettings } from './retry-policy'

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

/**
 * Where requests go: `system-env` follows HTTPS_PROXY/HTTP_PROXY/NO_PROXY (direct when unset), `none` is always
 * direct (even with those variables set), `manual` uses `url` for http and https with `noProxy` as the bypass list.
 */
export type ProxyChoice = ProxySettings

export interface HttpSettings {
  /** The network settings' proxy choice; when absent, `proxyUrl` or else the environment decides. */
  proxy?: ProxyChoice
  /** Explicit proxy for http and https (overrides HTTP(S)_PROXY; NO_PROXY still applies). */
  proxyUrl?: string
  connectTimeoutMs: number
  /** Headers and body (idle) timeout when the request does not set `options.timeoutMs`. */
  timeoutMs: number
  maxInlineBodyBytes: number
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
  previewBytes: 64 * 1024,
  maxRedirects: 10,
  retry: DEFAULT_RETRY,
  retryIdempotentByDefault: false
}

/**
 * Loopback always goes direct with a manual proxy: a corporate proxy cannot reach this machine's own servers
 * (the in-app Sandbox among them), as browsers also decide.
 */
export const LOOPBACK_BYPASS = 'localhost,127.0.0.1,[::1]'

/** A manual proxy's bypass list: the setting's own hosts plus loopback (the environment's NO_PROXY is not used). */
function manualNoProxy(proxy: ProxyChoice): string {
  return [proxy.noProxy, LOOPBACK_BYPASS].filter(Boolean).join(',')
}

export interface ExecutorDeps {
  provider: CredentialProvider
  bodies: BodyStore
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
 * Sends one request the way issue 5 asks: undici `request()` with timeouts, proxy, cancellation, manual
 * redirects that drop credentials across origins, bounded retries, one refresh on 401, large bodies to a
 * file. Returns metadata and body text only; credentials appear masked.
 */
export class HttpExecutor {
  private readonly dispatchers = new Map<string, Dispatcher>()

  constructor(private readonly deps: ExecutorDeps) {}

  settings(): HttpSettings {
    const overrides = this.deps.settings?.() ?? {}
    return { ...DEFAULT_HTTP_SETTINGS, ...overrides, retry: { ...DEFAULT_RETRY, ...overrides.retry } }
  }

  /**
   * The dispatcher for the current network settings (proxy mode, timeouts). IMS token requests use it too,
   * so a person behind a proxy gets tokens the same way they get Reactor answers.
   */
  networkDispatcher(): Dispatcher {
    return this.dispatcherFor(this.settings())
  }

  /** Cached per proxy + connect timeout so keep-alive connections are reused across requests. */
  private dispatcherFor(settings: HttpSettings): Dispatcher {
    const proxy: ProxyChoice = settings.proxy ?? { mode: 'system-env' }
    const proxyKey = `${proxy.mode}|${proxy.url ?? settings.proxyUrl ?? ''}|${proxy.noProxy ?? ''}`
    const key = `${proxyKey}|${settings.connectTimeoutMs}`
    let dispatcher = this.dispatchers.get(key)
    if (!dispatcher) {
      // A changed proxy setting retires the old pools (close() lets requests in flight finish).
      for (const [oldKey, old] of this.dispatchers) {
        if (!oldKey.startsWith(`${proxyKey}|`)) {
          this.dispatchers.delete(oldKey)
          void old.close().catch(() => undefined)
        }
      }
      const connect = { timeout: settings.connectTimeoutMs }
      if (proxy.mode === 'none') {
        dispatcher = new Agent({ connect })
      } else if (proxy.mode === 'manual' && proxy.url) {
        // An explicit noProxy keeps the environment's NO_PROXY out of it: the setting is the whole truth.
        dispatcher = new EnvHttpProxyAgent({ connect, httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: manualNoProxy(proxy) })
      } else if (settings.proxyUrl) {
        dispatcher = new EnvHttpProxyAgent({ connect, httpProxy: settings.proxyUrl, httpsProxy: settings.proxyUrl })
      } else {
        // EnvHttpProxyAgent reads HTTP_PROXY/HTTPS_PROXY/NO_PROXY; with neither set it is a plain Agent.
        dispatcher = hasProxyEnv() ? new EnvHttpProxyAgent({ connect }) : new Agent({ connect })
      }
      this.dispatchers.set(key, dispatcher)
    }
    return dispatcher
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
      const isReactor = (reactorOrigin !== undefined && hop.url.origin === reactorOrigin) || isKnownReactorHost(hop.url)
      const prepared = await this.prepareHeaders(hop, attachCredential, credentialsAllowed, isReactor, signal)
      const attemptStart = performance.now()
      const context = (phase: FailurePhase) => ({
        url: hop.url,
        phase,
        timeoutMs,
        connectTimeoutMs: Math.min(settings.connectTimeoutMs, timeoutMs),
        aborted: signal?.aborted ?? false
      })

      let response: Dispatcher.ResponseData
      try {
        response = await request(hop.url, {
          method: hop.method as Dispatcher.HttpMethod,
          // Flat [name, value, ...] keeps repeated headers (two typed rows with one name) as the user wrote them.
          headers: prepared.sent.flat(),
          body: hop.body,
          signal,
          dispatcher: this.dispatcherFor({ ...settings, connectTimeoutMs: Math.min(settings.connectTimeoutMs, timeoutMs) }),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs
        })
      } catch (error) {
        throw proxyFailure(error, hop.url, settings, signal?.aborted ?? false) ?? classifyNetworkError(error, context('headers'))
      }
      const headersAt = performance.now()
      const headers = headerPairs(response.headers as Record<string, string | string[] | undefined>)
      const header = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1]
      const status = response.statusCode

      const location = header('location')
      if (follow && REDIRECT_STATUSES.has(status) && location) {
        await response.body.dump().catch(() => undefined)
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

      const read = await this.readBody(response.body, header('content-type'), hop.url.href, maxInline, settings.previewBytes, {
        signal,
        onBytes: (loadedBytes) => progress('downloading', { loadedBytes }),
        failure: (error) => classifyNetworkError(error, context('body'))
      })
      const doneAt = performance.now()
      const retryAfterSeconds = parseRetryAfter(header('retry-after'))

      if (status === 401 && prepared.managed.size > 0 && attachCredential && !refreshed) {
        refreshed = true
        progress('retrying', { message: 'The token was refused (401); fetching a new one and trying once more.' })
        // Naming the refused token lets many simultaneous 401s on it share one IMS call.
        const refusedAuthorization = prepared.sent.find(([name]) => name.toLowerCase() === 'authorization')?.[1]
        if (await attachCredential.refreshAfterUnauthorized(refusedAuthorization)) {
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
    }
  }

  /** User rows, Reactor defaults (on Reactor hosts), then the profile's credentials (only on its own host). */
  private async prepareHeaders(hop: Hop, credential: CredentialSession | undefined, credentialsAllowed: boolean, isReactor: boolean, signal?: AbortSignal) {
    const auth = credential && credentialsAllowed ? await credential.authHeadersFor(hop.url, signal) : undefined
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

  private async readBody(
    body: Dispatcher.ResponseData['body'],
    contentType: string | undefined,
    url: string,
    maxInline: number,
    previewBytes: number,
    hooks: { signal?: AbortSignal; onBytes: (bytes: number) => void; failure: (error: unknown) => AppError }
  ): Promise<ReadBody> {
    const chunks: Buffer[] = []
    const head: Buffer[] = []
    let headBytes = 0
    let bytes = 0
    let lastProgress = performance.now()
    let file: Awaited<ReturnType<BodyStore['open']>> | undefined
    try {
      for await (const raw of body) {
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
            file = await this.deps.bodies.open()
            for (const part of chunks.splice(0)) if (!file.stream.write(part)) await once(file.stream, 'drain')
          }
        } else if (!file.stream.write(chunk)) {
          await once(file.stream, 'drain')
        }
        const now = performance.now()
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now
          hooks.onBytes(bytes)
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
      body.destroy()
      if (hooks.signal?.aborted) throw cancelledError()
      throw hooks.failure(error)
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
    const all = [...this.dispatchers.values()]
    this.dispatchers.clear()
    await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => undefined)))
  }
}

/** The proxy a URL goes through under these settings (same host rules as undici's EnvHttpProxyAgent), if any. */
export function effectiveProxy(url: URL, settings: Pick<HttpSettings, 'proxy' | 'proxyUrl'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const proxy: ProxyChoice = settings.proxy ?? { mode: 'system-env' }
  if (proxy.mode === 'none') return undefined
  let via: string | undefined
  let noProxy: string
  if (proxy.mode === 'manual' && proxy.url) {
    via = proxy.url
    noProxy = manualNoProxy(proxy)
  } else {
    const fromEnv = url.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY) : undefined
    via = settings.proxyUrl ?? fromEnv ?? env.http_proxy ?? env.HTTP_PROXY
    noProxy = env.no_proxy ?? env.NO_PROXY ?? ''
  }
  if (!via) return undefined
  const host = url.host.replace(/:\d*$/, '').toLowerCase()
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
  for (const entry of noProxy.split(/[,\s]/).filter(Boolean)) {
    if (entry === '*') return undefined
    const parsed = /^(.+):(\d+)$/.exec(entry)
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase()
    if (parsed && Number(parsed[2]) !== port) continue
    if (host === name || host.endsWith(`.${name}`)) return undefined
  }
  return via
}

/**
 * A failure that is the proxy's, said as such: undici reports a refused proxy with the target's name in our
 * sentence, and a proxy that will not tunnel as an "abort".
 */
function proxyFailure(error: unknown, url: URL, settings: HttpSettings, aborted: boolean): AppError | undefined {
  if (aborted) return undefined
  const via = effectiveProxy(url, settings)
  if (!via) return undefined
  let proxyUrl: URL
  try {
    proxyUrl = new URL(via)
  } catch {
    return new AppError('http-proxy', `The proxy setting "${via.slice(0, 100)}" is not a usable URL. Fix it in Settings → Network.`)
  }
  const proxyHost = proxyUrl.host
  const where = settings.proxy?.mode === 'manual' ? 'Settings → Network' : 'the HTTPS_PROXY/HTTP_PROXY environment variables, or Settings → Network'
  const message = error instanceof Error ? error.message : String(error)
  const detail = `${(error as { code?: string })?.code ?? 'no code'}: ${message}`
  const tunnel = /Proxy response \((\d+)\)/.exec(message)
  if (tunnel) {
    return new AppError(
      'http-proxy',
      `The proxy ${proxyHost} would not connect to ${url.host}: it answered ${tunnel[1]}${tunnel[1] === '407' ? ' (it wants a login, which is not supported yet)' : ''}. Check the proxy in ${where}.`,
      detail
    )
  }
  // Connection failures name the address they tried: when that is the proxy's, the proxy is what failed.
  const text = errorText(error)
  const proxyHostname = proxyUrl.hostname.replace(/^\[|\]$/g, '')
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|EHOSTUNREACH|ENETUNREACH/.test(text) && text.includes(proxyHostname)) {
    return new AppError(
      'http-proxy',
      `Could not reach the proxy ${proxyHost} to send this request to ${url.host}. Is the proxy running, and is its address in ${where} right?`,
      detail
    )
  }
  return undefined
}

/** Codes and messages of an error and its causes (undici wraps; Happy Eyeballs throws AggregateError). */
function errorText(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 4) return ''
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  const own = `${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message : ''}`
  const inner = Array.isArray(e.errors) ? e.errors.map((item) => errorText(item, depth + 1)).join(' ') : ''
  return `${own} ${errorText(e.cause, depth + 1)} ${inner}`
}

function hasProxyEnv(): boolean {
  const env = process.env
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy)
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
