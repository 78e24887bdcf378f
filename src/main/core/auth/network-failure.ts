// Turns a failed connection to IMS or Reactor (Credential Doctor, token requests) into one of the causes a
// person can act on. The codes come from the whole cause chain (core/net/error-codes.ts).
import { DNS_ERROR_CODES, TLS_ERROR_CODE, errorCodes } from '../net/error-codes'

export type NetworkFailureKind = 'dns' | 'tls' | 'network' | 'timeout'

export interface NetworkFailure {
  kind: NetworkFailureKind
  /** The underlying code, e.g. ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED. */
  code: string
  message: string
}

export function classifyNetworkError(error: unknown, host: string): NetworkFailure {
  // An AbortError is told apart by its name below; its stand-in code would only hide the real one.
  const codes = errorCodes(error).filter((c) => c !== 'ABORT_ERR')
  const code = codes.find((c) => !c.startsWith('UND_ERR_') || c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT') ?? codes[0] ?? 'UNKNOWN'
  const name = (error as { name?: string })?.name
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT|ETIMEDOUT/.test(code)) {
    return { kind: 'timeout', code, message: `${host} did not answer in time (${code}). Check your network or proxy, then try again.` }
  }
  if (DNS_ERROR_CODES.includes(code)) {
    return { kind: 'dns', code, message: `The name ${host} could not be resolved (${code}). Check the host name, your DNS or VPN.` }
  }
  if (TLS_ERROR_CODE.test(code)) {
    return {
      kind: 'tls',
      code,
      message: `The secure connection to ${host} failed (${code}). A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this.`
    }
  }
  return {
    kind: 'network',
    code,
    message: `Could not connect to ${host} (${code}). Check that you are online and that a firewall or proxy is not blocking it.`
  }
}
