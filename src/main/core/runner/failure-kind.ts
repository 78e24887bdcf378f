// Which kind of failure an error code is, for the runner's stop rules and the CLI's exit codes: no credential
// could be obtained (IMS refused, no secret saved, a pasted token expired), the network gave no answer, or the
// request itself failed (an unresolved variable, a body file missing, a redirect loop...).
export type FailureKind = 'credential' | 'network' | 'cancelled' | 'request'

const NETWORK_CODES = new Set(['http-dns', 'http-refused', 'http-timeout', 'http-tls', 'http-reset', 'http-proxy', 'http-failed'])
const IMS_NETWORK_CODES = new Set(['ims-dns', 'ims-network', 'ims-timeout', 'ims-tls'])

export function failureKind(code: string): FailureKind {
  if (code === 'http-cancelled') return 'cancelled'
  if (NETWORK_CODES.has(code)) return 'network'
  if (
    code.startsWith('ims-') ||
    code.startsWith('token-') ||
    code.startsWith('keychain-') ||
    code.startsWith('secret') ||
    code === 'no-secret' ||
    code === 'no-token' ||
    code === 'sandbox-unavailable'
  ) {
    return 'credential'
  }
  return 'request'
}

/** IMS could not be reached at all (as opposed to IMS refusing the credential). */
export function isImsNetworkFailure(code: string): boolean {
  return IMS_NETWORK_CODES.has(code)
}
