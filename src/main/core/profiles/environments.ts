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
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.origin}${path}`
}
