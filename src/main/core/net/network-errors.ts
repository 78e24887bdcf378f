// The one reading of a failed exchange: whatever undici or Node threw (or our own deadline), turned into a
// sentence a person understands that names host and port, plus the kind of cause it was. The executor shows
// the sentence; the IMS client and the Credential Doctor pick their advice by the kind, so all three agree.
import { DNS_ERROR_CODES, TLS_ERROR_CODE, errorCodes } from './error-codes'
import { AppError } from '../../../shared/errors'
import { speaksPlainHttp } from './tls-words'

/** What we were doing when it failed, so the sentence can say it. */
export type FailurePhase = 'connect' | 'headers' | 'body'

/** The cause a person can act on. */
export type NetworkFailureKind =
  | 'dns'
  | 'refused'
  | 'tls'
  | 'timeout'
  | 'reset'
  | 'proxy'
  | 'too-large'
  | 'cancelled'
  | 'invalid-request'
  | 'failed'

/** A classified network failure: an AppError (its code and sentence cross to the renderer) with its kind. */
export class NetworkError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly kind: NetworkFailureKind,
    /** The underlying code, e.g. ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED (`TIMEOUT` for our deadline). */
    readonly causeCode: string,
    detail?: string
  ) {
    super(code, message, detail)
    this.name = 'NetworkError'
  }
}

export interface FailureContext {
  url: URL
  phase: FailurePhase
  /** The exchange's time budget, for the sentence. */
  timeoutMs: number
  connectTimeoutMs: number
  /** Set when the person (or a fetch-all) cancelled: whatever undici threw, that is the reason. */
  aborted: boolean
  /** Set when the exchange's own deadline ran out (headers and the whole body share it). */
  expired?: boolean
  /** Body bytes that had arrived when it failed. */
  receivedBytes?: number
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.hostname}:${port}`
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Number((bytes / 1024 ** 3).toFixed(1))} GB`
  if (bytes >= 1024 ** 2) return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/**
 * The code worth naming: the socket's own (ECONNREFUSED) rather than undici's wrapper, except undici's
 * timeouts, which are the cause themselves. ABORT_ERR only stands in for an AbortError's name.
 */
function primaryCode(codes: readonly string[]): string {
  const real = codes.filter((code) => code !== 'ABORT_ERR')
  return real.find((code) => !code.startsWith('UND_ERR_') || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') ?? real[0] ?? 'UNKNOWN'
}

export function cancelledError(message = 'The request was cancelled.'): NetworkError {
  return new NetworkError('http-cancelled', message, 'cancelled', 'ABORT_ERR')
}

/** The request's timeout ran out while it waited for an access token: nothing was sent. */
export function tokenWaitTimeout(timeoutMs: number, imsHost?: string): NetworkError {
  return new NetworkError(
    'http-timeout',
    `Gave up after ${seconds(timeoutMs)} waiting for an access token from IMS${imsHost ? ` (${imsHost})` : ''}, so the request was not sent. ` +
      'IMS is slow or unreachable right now: try again, or allow more time (the request’s timeout, or Settings → Network).',
    'timeout',
    'TIMEOUT'
  )
}

/** The exchange's deadline ran out; what the sentence says depends on what had arrived by then. */
function deadlineError(context: FailureContext): NetworkError {
  const target = hostPort(context.url)
  const budget = seconds(context.timeoutMs)
  if (context.phase === 'body') {
    const got = context.receivedBytes ? ` (${formatBytes(context.receivedBytes)} had arrived)` : ''
    return new NetworkError(
      'http-timeout',
      `${target} started answering, but the body did not finish within ${budget}${got}: the response stalled or is arriving too slowly, and was abandoned.`,
      'timeout',
      'TIMEOUT'
    )
  }
  return new NetworkError('http-timeout', `${target} accepted the request but sent no response within ${budget}.`, 'timeout', 'TIMEOUT')
}

/** Turns whatever undici/Node threw into one sentence a person understands, naming host and port. */
export function classifyNetworkError(error: unknown, context: FailureContext): AppError {
  if (error instanceof AppError) return error
  if (context.aborted) return cancelledError()
  if (context.expired) return deadlineError(context)
  const { url } = context
  const target = hostPort(url)
  const codes = errorCodes(error)
  const code = primaryCode(codes)
  const detail = `${codes.join(', ') || 'no code'}: ${messageOf(error)}`
  const has = (...wanted: string[]) => codes.some((found) => wanted.includes(found))
  const failure = (appCode: string, kind: NetworkFailureKind, message: string) => new NetworkError(appCode, message, kind, code, detail)

  if (has(...DNS_ERROR_CODES)) {
    return failure('http-dns', 'dns', `The host name ${url.hostname} could not be resolved (DNS). Check the spelling of the URL and your network or VPN.`)
  }
  if (has('ECONNREFUSED')) {
    return failure('http-refused', 'refused', `Nothing accepted the connection on ${target}: the server refused it. Is the host and port right, and is the service running?`)
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH')) {
    return failure(
      'http-timeout',
      'timeout',
      `Could not connect to ${target} within ${seconds(context.connectTimeoutMs)}. The host may be unreachable from this network, or a proxy or firewall is in the way.`
    )
  }
  if (url.protocol === 'https:' && speaksPlainHttp(code, messageOf(error))) {
    return failure(
      'http-tls',
      'tls',
      `${target} speaks plain http, not https: the secure (TLS) connection got an http answer. Use http://${target}${url.pathname === '/' ? '' : url.pathname} if the server is meant to be plain http.`
    )
  }
  if (codes.some((found) => TLS_ERROR_CODE.test(found)) || /certificate|ssl|tls/i.test(messageOf(error))) {
    return failure(
      'http-tls',
      'tls',
      `The secure (TLS) connection to ${target} failed: ${messageOf(error)}. The server's certificate is not trusted, or the host does not speak HTTPS on that port.`
    )
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return failure('http-timeout', 'timeout', `${target} accepted the request but sent no response within ${seconds(context.timeoutMs)}.`)
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return failure('http-timeout', 'timeout', `${target} started answering, then sent nothing for ${seconds(context.timeoutMs)}: the response stalled and was abandoned.`)
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED')) {
    const when = context.phase === 'body' ? 'while sending the response body' : 'before sending a response'
    // An https server drops a plain http request without a word: that is the likelier cause on http://.
    const scheme = url.protocol === 'http:' && context.phase !== 'body' ? ` If this port serves https, use https://${target} instead.` : ''
    return failure('http-reset', 'reset', `${target} closed the connection ${when}. Try again; if it keeps happening the server or a proxy is dropping it.${scheme}`)
  }
  if (has('UND_ERR_ABORTED', 'ABORT_ERR')) return new NetworkError('http-cancelled', 'The request was cancelled.', 'cancelled', code, detail)
  if (has('UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_CHAR', 'UND_ERR_NOT_SUPPORTED')) {
    return failure('http-invalid-request', 'invalid-request', `The request to ${target} could not be sent as written: ${messageOf(error)}.`)
  }
  return failure('http-failed', 'failed', `The request to ${target} failed: ${messageOf(error)}.`)
}

/** An answer larger than its caller reads; the partial answer is dropped. */
export function tooLargeError(label: string, url: URL, maxBytes: number, hint?: string): NetworkError {
  return new NetworkError(
    'http-too-large',
    `${label} sent more than ${formatBytes(maxBytes)} (${hostPort(url)}), so reading stopped.${hint ? ` ${hint}` : ''}`,
    'too-large',
    'TOO_LARGE'
  )
}
