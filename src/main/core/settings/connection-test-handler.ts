// settings:testConnection: which URLs to test (the one typed, a profile's Reactor and IMS hosts, or Adobe's
// production hosts), each through net/connection-test.ts with the settings as saved and the
// certificate files read again (a person who just replaced the PEM file tests the new one).
import type { ConnectionTestReport, TestConnectionInput } from '../../../shared/ipc/settings.contract'
import { AppError } from '../../../shared/errors'
import { tokenEndpoint } from '../auth/ims-client'
import { testConnection } from '../net/connection-test'
import type { NetworkClient } from '../net/network-client'
import type { Handlers } from '../rpc/dispatcher'
import type { NetworkSettingsStore } from './network-settings'

/** Adobe's production hosts, tested when asked for (no profile yet). */
export const DEFAULT_TEST_TARGETS = [
  { label: 'Reactor', url: 'https://reactor.adobe.io/' },
  { label: 'IMS', url: 'https://ims-na1.adobelogin.com/ims/token/v3' }
] as const

export interface ConnectionTestDeps {
  network: NetworkClient
  store: NetworkSettingsStore
  /** A profile's hosts; undefined when there is no such profile. */
  profileHosts: (profileId: string) => Promise<{ reactorBaseUrl: string; imsBaseUrl: string } | undefined>
  env?: NodeJS.ProcessEnv
  stepTimeoutMs?: number
}

/** A typed URL, parsed without guessing: a missing scheme is asked for, not assumed. */
export function parseTestUrl(text: string): URL {
  const trimmed = text.trim()
  if (trimmed === '') throw new AppError('settings-invalid', 'Enter a URL to test, e.g. https://reactor.adobe.io.')
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new AppError('settings-invalid', `"${trimmed.slice(0, 100)}" has no scheme. Did you mean https://${trimmed.slice(0, 100)}? Write http:// or https:// in front so the test knows which one to try.`)
  }
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new AppError('settings-invalid', `"${trimmed.slice(0, 100)}" is not a URL.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('settings-invalid', `Only http:// and https:// URLs can be tested (not ${url.protocol}//).`)
  if (url.username || url.password) throw new AppError('settings-invalid', 'Remove the user name and password from the URL: the test sends no credentials.')
  return url
}

export function createConnectionTestHandler(deps: ConnectionTestDeps): Pick<Handlers, 'settings:testConnection'> {
  return {
    'settings:testConnection': async (input: TestConnectionInput): Promise<ConnectionTestReport> => {
      let targets: Array<{ label: string; url: URL }>
      if (input.url !== undefined) {
        targets = [{ label: 'URL', url: parseTestUrl(input.url) }]
      } else if (input.profileId !== undefined) {
        const hosts = await deps.profileHosts(input.profileId).catch(() => undefined)
        if (!hosts) throw new AppError('profile-not-found', 'That profile no longer exists, so its hosts cannot be tested. Choose a profile, or type a URL.')
        targets = [
          { label: 'Reactor', url: new URL(hosts.reactorBaseUrl) },
          { label: 'IMS', url: new URL(tokenEndpoint(hosts.imsBaseUrl)) }
        ]
      } else {
        targets = DEFAULT_TEST_TARGETS.map((target) => ({ label: target.label, url: new URL(target.url) }))
      }
      deps.store.refreshTrust()
      const settings = deps.network.settings()
      // One after the other: the second target's steps are clearer to read when they did not compete.
      const results = []
      for (const target of targets) {
        results.push(await testConnection(target.url, target.label, { network: deps.network, settings, env: deps.env, stepTimeoutMs: deps.stepTimeoutMs }))
      }
      return { targets: results }
    }
  }
}
