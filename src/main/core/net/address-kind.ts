// Whether a host is this machine, a private network, or the internet: the advice for a failure depends on it
// (a refused connection to 127.0.0.1 is a local server that is not running, not a corporate proxy).
import { isIP } from 'node:net'

export type AddressKind = 'loopback' | 'private' | 'public'

/** By name and literal address only (no DNS): what a person typed is what the advice is about. */
export function addressKind(hostname: string): AddressKind {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback'
  const family = isIP(host)
  if (family === 4) {
    const [a = 0, b = 0] = host.split('.').map(Number)
    if (a === 127) return 'loopback'
    if (a === 0) return 'loopback'
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private'
    return 'public'
  }
  if (family === 6) {
    if (host === '::1' || host === '::') return 'loopback'
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)
    if (mapped) return addressKind(mapped[1]!)
    if (/^f[cd]/.test(host) || /^fe[89ab]/.test(host)) return 'private'
    return 'public'
  }
  // mDNS and common internal suffixes: not on the internet, so no corporate proxy or Adobe advice applies.
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan') || host.endsWith('.home.arpa') || !host.includes('.')) return 'private'
  return 'public'
}

/** The words for where a host is, for sentences: "this computer (127.0.0.1)", "the local network". */
export function isLocal(hostname: string): boolean {
  return addressKind(hostname) !== 'public'
}
