// What a TLS failure code means, in words a person can act on. OpenSSL names the first problem it meets in
// the chain; the connection test checks the host name on its own, so a certificate for another host is said
// as such even when it is also self-signed (OpenSSL would only say "self-signed").
import { addressKind } from './address-kind'

export type TlsProblem = 'self-signed' | 'unknown-issuer' | 'expired' | 'not-yet-valid' | 'wrong-host' | 'speaks-http' | 'revoked' | 'other'

/** The problem a Node/OpenSSL code stands for. */
export function tlsProblemOf(code: string | undefined, message = ''): TlsProblem {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'self-signed'
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'unknown-issuer'
    case 'CERT_HAS_EXPIRED':
      return 'expired'
    case 'CERT_NOT_YET_VALID':
      return 'not-yet-valid'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'wrong-host'
    case 'CERT_REVOKED':
      return 'revoked'
  }
  if (speaksPlainHttp(code, message)) return 'speaks-http'
  return 'other'
}

/**
 * A TLS handshake answered in plain http: OpenSSL reads "HTTP/1.1 400" as a record with a wrong version
 * (ERR_SSL_WRONG_VERSION_NUMBER on Node 20, "packet length too long" on some builds).
 */
export function speaksPlainHttp(code: string | undefined, message: string): boolean {
  return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long|http request/i.test(message)
}

/**
 * One sentence for a certificate problem at `host:port`, with what to do. `issuer` names who signed it when
 * known. A local or private host gets no corporate-proxy advice: no TLS inspection sits between this
 * computer and its own servers.
 */
export function tlsProblemSentence(problem: TlsProblem, host: string, port: string, details: { issuer?: string; names?: string[]; validTo?: string; validFrom?: string; code?: string } = {}): string {
  const local = addressKind(host) !== 'public'
  const code = details.code ? ` (${details.code})` : ''
  switch (problem) {
    case 'speaks-http':
      return `${host}:${port} speaks plain http, not https: the TLS handshake got an http answer${code}. Use http://${host}:${port} (or the server’s https port).`
    case 'wrong-host':
      return `The certificate of ${host} is for another host${details.names?.length ? ` (${details.names.slice(0, 4).join(', ')})` : ''}, not ${host}${code}. Use the host name the certificate names, or ask its owner for a certificate that includes ${host}.`
    case 'self-signed':
      return local
        ? `${host} shows a self-signed certificate${code}: it vouches for itself. For your own test server, choose that certificate as the certificate file in Settings → Certificates (or list ${host} under “do not verify”).`
        : `${host} shows a self-signed certificate${code}, which no one vouches for. If this is your company’s server, choose its certificate in Settings → Certificates; otherwise something may be intercepting the connection.`
    case 'unknown-issuer':
      return local
        ? `The certificate of ${host} was issued by ${details.issuer ? `"${details.issuer}"` : 'a certificate authority'} that this app does not trust${code}. Choose that authority’s certificate (PEM) in Settings → Certificates.`
        : `The certificate of ${host} was issued by ${details.issuer ? `"${details.issuer}"` : 'an authority'} that this app does not trust${code}. On a company network this usually means TLS inspection by a proxy: ask IT for its root certificate (PEM) and choose it in Settings → Certificates.`
    case 'expired':
      return `The certificate of ${host} expired${details.validTo ? ` on ${details.validTo}` : ''}${code}. The server must renew it; if the date looks wrong, check this computer’s clock.`
    case 'not-yet-valid':
      return `The certificate of ${host} is valid only from ${details.validFrom ?? 'a later date'}${code}: this computer’s clock is probably wrong.`
    case 'revoked':
      return `The certificate of ${host} was revoked by its issuer${code}. Do not trust this server until its owner replaces it.`
    default:
      return `The secure (TLS) connection to ${host}:${port} failed${code}.`
  }
}
