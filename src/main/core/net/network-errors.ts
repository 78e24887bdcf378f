import { DNS_ERROR_CODES, TLS_ERROR_CODE, errorCodes } from '../net/error-codes'
import { AppError } from '../../../shared/errors'

/** What we were doing when it failed, so the sentence can say it. */
export type FailurePhase = 'connect' | 'headers' | 'body'

export interface FailureContext {
  url: URL
  phase: FailurePhase
  /** Headers/body timeout, for the sentence. */
  timeoutMs: number
  connectTimeoutMs: number
  /** Set when the user (or a fetch-all) cancelled: whatever undici threw, that is the reason. */
  aborted: boolean
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return `${url.hostname}:${port}`
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/** Turns whatever undici/Node threw into one sentence a person understands, naming host and port. */
export function classifyNetworkError(error: unknown, context: FailureContext): AppError {
  if (error instanceof AppError) return error
  if (context.aborted) return new AppError('http-cancelled', 'The request was cancelled.')
  const { url } = context
  const target = hostPort(url)
  const codes = errorCodes(error)
  const detail = `${codes.join(', ') || 'no code'}: ${messageOf(error)}`
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code))

  if (has(...DNS_ERROR_CODES)) {
    return new AppError(
      'http-dns',
      `The host name ${url.hostname} could not be resolved (DNS). Check the spelling of the URL and your network or VPN.`,
      detail
    )
  }
  if (has('ECONNREFUSED')) {
    return new AppError('http-refused', `Nothing accepted the connection on ${target}: the server refused it. Is the host and port right, and is the service running?`, detail)
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH')) {
    return new AppError(
      'http-timeout',
      `Could not connect to ${target} within ${seconds(context.connectTimeoutMs)}. The host may be unreachable from this network, or a proxy or firewall is in the way.`,
      detail
    )
  }
  if (codes.some((code) => TLS_ERROR_CODE.test(code)) || /certificate|ssl|tls/i.test(messageOf(error))) {
    return new AppError(
      'http-tls',
      `The secure (TLS) connection to ${target} failed: ${messageOf(error)}. The server's certificate is not trusted, or the host does not speak HTTPS on that port.`,
      detail
    )
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return new AppError('http-timeout', `${target} accepted the request but sent no response within ${seconds(context.timeoutMs)}.`, detail)
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return new AppError(
      'http-timeout',
      `${target} started answering, then sent nothing for ${seconds(context.timeoutMs)}: the response stalled and was abandoned.`,
      detail
    )
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED')) {
    const when = context.phase === 'body' ? 'while sending the response body' : 'before sending a response'
    return new AppError('http-reset', `${target} closed the connection ${when}. Try again; if it keeps happening the server or a proxy is dropping it.`, detail)
  }
  if (has('UND_ERR_ABORTED', 'ABORT_ERR')) return new AppError('http-cancelled', 'The request was cancelled.', detail)
  if (has('UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_CHAR', 'UND_ERR_NOT_SUPPORTED')) {
    return new AppError('http-invalid-request', `The request to ${target} could not be sent as written: ${messageOf(error)}.`, detail)
  }
  return new AppError('http-failed', `The request to ${target} failed: ${messageOf(error)}.`, detail)
}
