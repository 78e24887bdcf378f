// Host pairs per environment (reference reactor-api.md §1.1 and §3.1). IMS and Reactor of one environment go
// together: a stage token is not valid on production Reactor and vice versa.
export type { EnvironmentId } from '../../../shared/ipc/profiles.contract'

export interface EnvironmentHosts {
  imsBaseUrl: string
  reactorBaseUrl: string
}

export { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS } from '../../../shared/reactor-environments'

/** Normalises a host or URL the user typed ("ims-na1.adobelogin.com", "https://x/") to an origin-like base URL. */
export function normaliseBaseUrl(input: string): string {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  const url = new URL(withScheme)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Only http and https hosts are allowed, not ${url.protocol}`)
  if (url.username || url.password) throw new Error('A host URL must not contain a user name or password.')
  // The client secret goes to IMS and the token to Reactor: over plain http anyone on the network path reads
  // them. Only this computer's own addresses may use http (the Sandbox, a local mock, a test server).
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `http://${url.host} would send the client secret and access tokens unencrypted. Use https:// (plain http is allowed only for this computer: localhost, 127.0.0.1, ::1).`
    )
  }
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.origin}${path}`
}

/** This computer's own addresses: `localhost` (and `*.localhost`), 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
