// What a failed connection says about itself. Undici throws the socket error itself (request), wraps it as a
// `cause` (fetch, connectors), or throws an AggregateError of every address tried (Happy Eyeballs), so all
// of them are read. Shared by the IMS client / Credential Doctor and the HTTP executor.

/** Codes of the error, its causes and its aggregated errors; `ABORT_ERR` stands for an AbortError. */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 4) return []
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown; name?: unknown }
  const codes: string[] = []
  if (typeof e.code === 'string') codes.push(e.code)
  if (e.name === 'AbortError') codes.push('ABORT_ERR')
  codes.push(...errorCodes(e.cause, depth + 1))
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...errorCodes(inner, depth + 1))
  return codes
}

/** Codes of a failed TLS handshake or certificate check (Node's and OpenSSL's). */
export const TLS_ERROR_CODE = /^(CERT_|ERR_TLS|ERR_SSL|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO$)/

/** Codes of a host name that did not resolve. */
export const DNS_ERROR_CODES: readonly string[] = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']
