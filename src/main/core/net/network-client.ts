// The one HTTP layer under everything that talks to the network: the executor (a person's requests), the IMS
// token client and the Credential Doctor's "IMS reachable" probe. It owns the connection pools and the proxy
// choice, the time budget of an exchange (headers and the whole body), bounded reading, and the wording of
// failures, so a person behind a proxy gets tokens the way they get Reactor answers, and every failure reads
// the same wherever it happened.
import { Agent, EnvHttpProxyAgent, type Dispatcher, type FormData } from 'undici'
import type { ProxySettings } from '../../../shared/ipc/settings.contract'
import { AppError } from '../../../shared/errors'
import { Deadline } from './deadline'
import { classifyNetworkError, NetworkError, tooLargeError, type FailureContext, type FailurePhase } from './network-errors'
import { DEFAULT_TLS_TRUST, skipsVerification, type TlsTrust } from './tls-trust'

/**
 * Where requests go: `system-env` follows HTTPS_PROXY/HTTP_PROXY/NO_PROXY (direct when unset), `none` is always
 * direct (even with those variables set), `manual` uses `url` for http and https with `noProxy` as the bypass list.
 */
export type ProxyChoice = ProxySettings

export interface ConnectionSettings {
  /** The network settings' proxy choice; when absent, `proxyUrl` or else the environment decides. */
  proxy?: ProxyChoice
  /** Explicit proxy for http and https (overrides HTTP(S)_PROXY; NO_PROXY still applies). */
  proxyUrl?: string
  connectTimeoutMs: number
  /** The time budget of one exchange (headers and the whole body) when the caller gives none. */
  timeoutMs: number
  /** Extra CA certificates and the hosts not verified (net/tls-trust.ts); absent = Node's bundled roots. */
  tls?: TlsTrust
  /** A manual proxy's login (Basic); the password stays in main and is read only when a pool is built. */
  proxyCredentials?: ProxyCredentials
}

export interface ProxyCredentials {
  username: string
  /** The keychain's password as main holds it; absent when none is stored. */
  password(): string | undefined
  /** Changes whenever the password does, so pools built with the old one are retired. */
  revision: number
}

export const DEFAULT_CONNECTION_SETTINGS: ConnectionSettings = { connectTimeoutMs: 10_000, timeoutMs: 30_000 }

/**
 * Loopback always goes direct with a manual proxy: a corporate proxy cannot reach this machine's own servers
 * (the in-app Sandbox among them), as browsers also decide.
 */
export const LOOPBACK_BYPASS = 'localhost,127.0.0.1,[::1]'

/** A manual proxy's bypass list: the setting's own hosts plus loopback (the environment's NO_PROXY is not used). */
function manualNoProxy(proxy: ProxyChoice): string {
  return [proxy.noProxy, LOOPBACK_BYPASS].filter(Boolean).join(',')
}

export type RequestBody = string | Uint8Array | FormData

export interface ExchangeRequest {
  method: string
  /** An object, or flat `[name, value, ...]` pairs (keeps repeated headers as written). */
  headers?: Record<string, string> | string[]
  body?: RequestBody
  /** The budget for headers and the whole body; default: the settings' `timeoutMs`. Ignored with `deadline`. */
  timeoutMs?: number
  /** Caps the connect timeout further (the executor passes the request's own timeout). */
  connectTimeoutMs?: number
  /** The person's cancel. */
  signal?: AbortSignal
  /** A budget already running (the executor starts it before the token wait); else the exchange starts one. */
  deadline?: Deadline
  /** The settings the caller already read for this send (the executor reads them once per send). */
  settings?: ConnectionSettings
}

/** An exchange whose headers have arrived; its body is read within the same deadline. */
export interface Exchange {
  url: URL
  status: number
  headers: Dispatcher.ResponseData['headers']
  body: Dispatcher.ResponseData['body']
  /** The classified error for a failure while the body was read (cancel, deadline, reset, ...). */
  bodyFailure(error: unknown, receivedBytes: number): AppError
  /** Reads the body as UTF-8 text, at most `maxBytes`; past that, stops with a clear error. */
  text(maxBytes: number, label: string, hint?: string): Promise<string>
  /** Drops the body unread (at most 64 KB is drained for keep-alive; past that the connection is closed). */
  discard(): Promise<void>
  /** Stops the body mid-way (after a failure of the reader's own), without an unhandled stream error. */
  abandon(): void
  /** Ends the exchange's own deadline (a deadline handed in belongs to the caller). */
  finish(): void
  /** True when the host is on the "do not verify" list, so its certificate was not checked. */
  readonly tlsVerificationOff: boolean
}

export interface BoundedRequest extends Omit<ExchangeRequest, 'deadline'> {
  /** At most this many bytes of the answer are read. */
  maxBytes: number
  /** Who answers, for the error sentence: "IMS sent more than 64 KB ...". */
  label: string
  /** Said after a too-large answer: what a real answer of this kind looks like. */
  tooLargeHint?: string
}

export interface BoundedResponse {
  status: number
  headers: Dispatcher.ResponseData['headers']
  text: string
}

export interface NetworkClientOptions {
  /** Read at every exchange, so a changed setting applies to the very next request. */
  settings?: () => Partial<ConnectionSettings>
  env?: NodeJS.ProcessEnv
}

export class NetworkClient {
  private readonly dispatchers = new Map<string, Dispatcher>()
  /** The last settings object seen and its merge: a settings source that returns the same object is not re-merged. */
  private lastOverrides: Partial<ConnectionSettings> | undefined
  private lastSettings: ConnectionSettings | undefined
  /** The last dispatcher handed out, by settings object and connect timeout: most sends need no key string. */
  private lastPick: { settings: ConnectionSettings; connectTimeout: number; insecure: boolean; dispatcher: Dispatcher } | undefined

  constructor(private readonly options: NetworkClientOptions = {}) {}

  settings(): ConnectionSettings {
    const overrides = this.options.settings?.()
    if (this.lastSettings && overrides === this.lastOverrides) return this.lastSettings
    const merged = { ...DEFAULT_CONNECTION_SETTINGS, ...overrides }
    this.lastOverrides = overrides
    this.lastSettings = merged
    return merged
  }

  /** The proxy `url` goes through under the current settings, if any. */
  proxyFor(url: URL): string | undefined {
    return effectiveProxy(url, this.settings(), this.options.env)
  }

  /**
   * The dispatcher for the current settings, cached per proxy + connect timeout so keep-alive connections are
   * reused across requests. A changed proxy setting retires the old pools (close() lets requests in flight finish).
   */
  dispatcher(connectTimeoutMs?: number, settings: ConnectionSettings = this.settings(), insecure = false): Dispatcher {
    const connectTimeout = Math.min(settings.connectTimeoutMs, connectTimeoutMs ?? Number.POSITIVE_INFINITY)
    const last = this.lastPick
    if (last && last.settings === settings && last.connectTimeout === connectTimeout && last.insecure === insecure) return last.dispatcher
    const proxy: ProxyChoice = settings.proxy ?? { mode: 'system-env' }
    const tls = settings.tls ?? DEFAULT_TLS_TRUST
    const login = proxy.mode === 'manual' && proxy.url ? proxyToken(settings.proxyCredentials) : undefined
    const credentialsKey = login ? `${settings.proxyCredentials!.username}#${settings.proxyCredentials!.revision}` : ''
    // Everything a pool is built from but the connect timeout and the "do not verify" flag: a change retires the pools.
    const poolKey = `${proxy.mode}|${proxy.url ?? settings.proxyUrl ?? ''}|${proxy.noProxy ?? ''}|${tls.key}|${credentialsKey}`
    const key = `${poolKey}|${insecure ? 'no-verify' : 'verify'}|${connectTimeout}`
    let dispatcher = this.dispatchers.get(key)
    if (!dispatcher) {
      for (const [oldKey, old] of this.dispatchers) {
        if (!oldKey.startsWith(`${poolKey}|`)) {
          this.dispatchers.delete(oldKey)
          void old.close().catch(() => undefined)
        }
      }
      // The target's TLS options: the shared trust, or no check at all for a host the person listed.
      const targetTls = insecure ? { rejectUnauthorized: false } : tls.secureContext ? { secureContext: tls.secureContext } : {}
      const connect = { timeout: connectTimeout, ...targetTls }
      // Through a proxy, requestTls applies to the target inside the tunnel and proxyTls to an https proxy (always verified).
      const viaProxy = { connect, requestTls: targetTls, proxyTls: tls.secureContext ? { secureContext: tls.secureContext } : {} }
      if (proxy.mode === 'none') {
        dispatcher = new Agent({ connect })
      } else if (proxy.mode === 'manual' && proxy.url) {
        // An explicit noProxy keeps the environment's NO_PROXY out of it: the setting is the whole truth.
        dispatcher = new EnvHttpProxyAgent({ ...viaProxy, httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: manualNoProxy(proxy), ...(login ? { token: login } : {}) })
      } else if (settings.proxyUrl) {
        dispatcher = new EnvHttpProxyAgent({ ...viaProxy, httpProxy: settings.proxyUrl, httpsProxy: settings.proxyUrl })
      } else {
        // EnvHttpProxyAgent reads HTTP_PROXY/HTTPS_PROXY/NO_PROXY; with neither set it is a plain Agent.
        dispatcher = hasProxyEnv(this.options.env ?? process.env) ? new EnvHttpProxyAgent(viaProxy) : new Agent({ connect })
      }
      this.dispatchers.set(key, dispatcher)
    }
    this.lastPick = { settings, connectTimeout, insecure, dispatcher }
    return dispatcher
  }

  /**
   * Sends one request and resolves when its headers arrive. Failures come back classified: the proxy's own
   * failures as the proxy's, the deadline as a timeout of the phase it hit, a cancel as a cancel.
   */
  async open(target: URL | string, exchange: ExchangeRequest): Promise<Exchange> {
    const url = typeof target === 'string' ? new URL(target) : target
    const settings = exchange.settings ?? this.settings()
    const ownDeadline = exchange.deadline === undefined
    const deadline = exchange.deadline ?? new Deadline(exchange.timeoutMs ?? settings.timeoutMs, exchange.signal)
    const timeoutMs = deadline.timeoutMs
    const connectTimeoutMs = Math.min(settings.connectTimeoutMs, exchange.connectTimeoutMs ?? timeoutMs, timeoutMs)
    const tls = settings.tls ?? DEFAULT_TLS_TRUST
    const insecure = skipsVerification(url, tls.noVerifyHosts)
    let response: Dispatcher.ResponseData
    try {
      // The dispatcher's own request() with origin and path: the URL was parsed once, by the caller.
      response = await this.dispatcher(connectTimeoutMs, settings, insecure).request({
        origin: url.origin,
        path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        method: exchange.method as Dispatcher.HttpMethod,
        headers: exchange.headers,
        body: exchange.body,
        signal: deadline.undiciSignal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs
      })
    } catch (error) {
      if (ownDeadline) deadline.clear()
      const failure =
        (deadline.cancelled || deadline.expired ? undefined : this.proxyFailure(error, url, settings)) ??
        classifyNetworkError(error, failureContext(url, deadline, connectTimeoutMs, 'headers'))
      throw withTrustProblems(failure, tls)
    }
    return new OpenExchange(url, response, deadline, ownDeadline, connectTimeoutMs, insecure)
  }

  /** One request whose answer is read whole, but never more than `maxBytes` of it (IMS, the doctor). */
  async fetchBounded(target: URL | string, bounded: BoundedRequest): Promise<BoundedResponse> {
    const exchange = await this.open(target, bounded)
    const text = await exchange.text(bounded.maxBytes, bounded.label, bounded.tooLargeHint)
    return { status: exchange.status, headers: exchange.headers, text }
  }

  /**
   * A failure that is the proxy's, said as such: undici reports a refused proxy with the target's name in our
   * sentence, and a proxy that will not tunnel as an "abort".
   */
  private proxyFailure(error: unknown, url: URL, settings: ConnectionSettings): AppError | undefined {
    const via = effectiveProxy(url, settings, this.options.env)
    if (!via) return undefined
    let proxyUrl: URL
    try {
      proxyUrl = new URL(via)
    } catch {
      return new NetworkError('http-proxy', `The proxy setting "${via.slice(0, 100)}" is not a usable URL. Fix it in Settings → Network.`, 'proxy', 'ERR_INVALID_URL')
    }
    const proxyHost = proxyUrl.host
    const where = settings.proxy?.mode === 'manual' ? 'Settings → Network' : 'the HTTPS_PROXY/HTTP_PROXY environment variables, or Settings → Network'
    const message = error instanceof Error ? error.message : String(error)
    const code = (error as { code?: string })?.code ?? 'no code'
    const detail = `${code}: ${message}`
    const tunnel = /Proxy response \((\d+)\)/.exec(message)
    if (tunnel?.[1] === '407') return proxyLoginError(proxyHost, settings, where, detail)
    if (tunnel) {
      return new NetworkError(
        'http-proxy',
        `The proxy ${proxyHost} would not connect to ${url.host}: it answered ${tunnel[1]}. Check the proxy in ${where}.`,
        'proxy',
        `PROXY_${tunnel[1]}`,
        detail
      )
    }
    // Connection failures name the address they tried: when that is the proxy's, the proxy is what failed.
    const text = errorText(error)
    const proxyHostname = proxyUrl.hostname.replace(/^\[|\]$/g, '')
    const failed = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|EHOSTUNREACH|ENETUNREACH/.exec(text)
    if (failed && text.includes(proxyHostname)) {
      return new NetworkError(
        'http-proxy',
        `Could not reach the proxy ${proxyHost} to send this request to ${url.host}. Is the proxy running, and is its address in ${where} right?`,
        'proxy',
        failed[0],
        detail
      )
    }
    return undefined
  }

  async dispose(): Promise<void> {
    const all = [...this.dispatchers.values()]
    this.dispatchers.clear()
    this.lastPick = undefined
    await Promise.all(all.map((dispatcher) => dispatcher.close().catch(() => undefined)))
  }
}

/** `Basic base64(user:password)` for a manual proxy with a stored password, else undefined (no header sent). */
function proxyToken(credentials: ProxyCredentials | undefined): string | undefined {
  const password = credentials?.username ? credentials.password() : undefined
  if (!credentials || !password) return undefined
  return `Basic ${Buffer.from(`${credentials.username}:${password}`, 'utf8').toString('base64')}`
}

/** A proxy's 407, in words that say whether a login was sent (never the login itself). */
function proxyLoginError(proxyHost: string, settings: ConnectionSettings, where: string, detail: string): NetworkError {
  const manual = settings.proxy?.mode === 'manual'
  const sentLogin = manual ? proxyToken(settings.proxyCredentials) !== undefined : /\/\/[^/@]+@/.test(settings.proxyUrl ?? '')
  const message = sentLogin
    ? `The proxy ${proxyHost} refused the user name or password (HTTP 407). Check the proxy user name and password in ${where}; an expired corporate password is a common cause.`
    : manual
      ? `The proxy ${proxyHost} asks for a user name and password (HTTP 407). Enter them under the proxy URL in Settings → Network (the password is kept in the system keychain).`
      : `The proxy ${proxyHost} asks for a user name and password (HTTP 407). Choose "Use this proxy" in Settings → Network and enter them there (the password is kept in the system keychain).`
  return new NetworkError('http-proxy', message, 'proxy', 'PROXY_407', detail)
}

/** A TLS failure while a chosen certificate source could not be used says so: that is the likely cause. */
function withTrustProblems(failure: AppError, tls: TlsTrust): AppError {
  if (!(failure instanceof NetworkError) || failure.kind !== 'tls' || tls.status.problems.length === 0) return failure
  return new NetworkError(failure.code, `${failure.message} Note: ${tls.status.problems.join(' ')}`, failure.kind, failure.causeCode, failure.detail)
}

/** What is drained of an unread body to keep its connection for reuse; more costs more than a new connection. */
const DISCARD_DRAIN_BYTES = 64 * 1024

function failureContext(url: URL, deadline: Deadline, connectTimeoutMs: number, phase: FailurePhase, receivedBytes?: number): FailureContext {
  return {
    url,
    phase,
    timeoutMs: deadline.timeoutMs,
    connectTimeoutMs,
    aborted: deadline.cancelled,
    expired: deadline.expired,
    receivedBytes
  }
}

/** One exchange after its headers: an object with its methods on the prototype, not six closures per request. */
class OpenExchange implements Exchange {
  readonly status: number
  readonly headers: Dispatcher.ResponseData['headers']
  readonly body: Dispatcher.ResponseData['body']

  constructor(
    readonly url: URL,
    response: Dispatcher.ResponseData,
    private readonly deadline: Deadline,
    private readonly ownDeadline: boolean,
    private readonly connectTimeoutMs: number,
    readonly tlsVerificationOff: boolean
  ) {
    this.status = response.statusCode
    this.headers = response.headers
    this.body = response.body
  }

  bodyFailure(error: unknown, receivedBytes: number): AppError {
    return classifyNetworkError(error, failureContext(this.url, this.deadline, this.connectTimeoutMs, 'body', receivedBytes))
  }

  finish(): void {
    if (this.ownDeadline) this.deadline.clear()
  }

  async text(maxBytes: number, label: string, hint?: string): Promise<string> {
    const chunks: Buffer[] = []
    let bytes = 0
    try {
      for await (const chunk of this.body as AsyncIterable<Buffer>) {
        bytes += chunk.length
        if (bytes > maxBytes) throw tooLargeError(label, this.url, maxBytes, hint)
        chunks.push(chunk)
      }
    } catch (error) {
      abandon(this.body)
      throw this.bodyFailure(error, bytes)
    } finally {
      this.finish()
    }
    return Buffer.concat(chunks, bytes).toString('utf8')
  }

  async discard(): Promise<void> {
    await this.body.dump({ limit: DISCARD_DRAIN_BYTES }).catch(() => undefined)
    this.finish()
  }

  abandon(): void {
    abandon(this.body)
  }
}

/** undici's body stream reports a destroy before its end as an error event: nobody listens any more. */
function abandon(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined)
  body.destroy()
}

let fallback: NetworkClient | undefined

/**
 * The layer for callers composed without one (a test calling the IMS client directly): environment proxy,
 * default timeouts. Like undici's global dispatcher, it lives as long as the process.
 */
export function defaultNetworkClient(): NetworkClient {
  fallback ??= new NetworkClient()
  return fallback
}

/** The proxy a URL goes through under these settings (same host rules as undici's EnvHttpProxyAgent), if any. */
export function effectiveProxy(url: URL, settings: Pick<ConnectionSettings, 'proxy' | 'proxyUrl'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
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

/** Codes and messages of an error and its causes (undici wraps; Happy Eyeballs throws AggregateError). */
function errorText(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 4) return ''
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  const own = `${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message : ''}`
  const inner = Array.isArray(e.errors) ? e.errors.map((item) => errorText(item, depth + 1)).join(' ') : ''
  return `${own} ${errorText(e.cause, depth + 1)} ${inner}`
}

function hasProxyEnv(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy)
}
