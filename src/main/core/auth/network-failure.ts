// Turns a failed connection into one of the causes a person can act on. Undici throws the socket error
// itself (request) or a TypeError whose `cause` is it (fetch), so the whole cause chain is inspected.
export type NetworkFailureKind = 'dns' | 'tls' | 'network' | 'timeout'

export interface NetworkFailure {
  kind: NetworkFailureKind
  /** The underlying code, e.g. ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED. */
  code: string
  message: string
}

const TLS_CODES = /^(CERT_|ERR_TLS|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL|EPROTO$|HOSTNAME_MISMATCH)/

export function classifyNetworkError(error: unknown, host: string): NetworkFailure {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
    current = (current as { cause?: unknown }).cause
  }
  const code = codes.find((c) => !c.startsWith('UND_ERR_') || c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT') ?? codes[0] ?? 'UNKNOWN'
  const name = (error as { name?: string })?.name
  if (name === 'TimeoutError' || name === 'AbortError' || /TIMEOUT|ETIMEDOUT/.test(code)) {
    return { kind: 'timeout', code, message: `${host} did not answer in time (${code}). Check your network or proxy, then try again.` }
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { kind: 'dns', code, message: `The name ${host} could not be resolved (${code}). Check the host name, your DNS or VPN.` }
  }
  if (TLS_CODES.test(code)) {
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
