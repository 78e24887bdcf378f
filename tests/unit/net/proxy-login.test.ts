import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testConnection } from '../../../src/main/core/net/connection-test'
import { NetworkClient } from '../../../src/main/core/net/network-client'
import { SecretService } from '../../../src/main/core/secrets/secret-service'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { createSettingsCapability, type SettingsCapability } from '../../../src/main/core/settings/network-settings'
import { ProxyPassword } from '../../../src/main/core/settings/proxy-password'
import { ProxySettings } from '../../../src/shared/ipc/settings.contract'
import { startAuthProxy, startHttp, startHttps, type AuthProxy, type LocalServer } from './servers'

// A forward proxy that wants a Basic login, in front of targets on 127.0.0.2 (loopback, but not in the
// always-direct list, so the manual proxy is really used).
const PASSWORD = 'corp-Proxy-pw-7731!'
let dir: string
let proxy: AuthProxy
let target: LocalServer
let secureTarget: LocalServer
let registry: SecretRegistry
let settings: SettingsCapability
let network: NetworkClient

beforeAll(async () => {
  proxy = await startAuthProxy('alice', PASSWORD)
  target = await startHttp('127.0.0.2')
  secureTarget = await startHttps('self-signed', '127.0.0.2')
})
afterAll(async () => {
  await Promise.all([proxy.close(), target.close(), secureTarget.close()])
})

async function setUp(username: string | undefined, password: string | undefined): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'rx-proxy-login-'))
  registry = new SecretRegistry()
  const proxyPassword = new ProxyPassword(registry)
  settings = createSettingsCapability({ dataDir: dir, proxyPassword })
  await proxyPassword.keepIn(new SecretService({ candidates: [], registry }))
  await settings.handlers['settings:update']({ network: { proxy: { mode: 'manual', url: proxy.url, ...(username ? { username } : {}) } } })
  if (password !== undefined) await settings.handlers['settings:setProxyPassword']({ password })
  network = new NetworkClient({ settings: () => settings.store.httpSettings() })
}
afterEach(async () => {
  await network?.dispose()
  await rm(dir, { recursive: true, force: true })
})

const get = (url: string) => network.fetchBounded(url, { method: 'GET', maxBytes: 10_000, label: 'test' })

describe('an authenticating proxy (407)', () => {
  it('without a login: "the proxy asks for a user name and password"', async () => {
    await setUp(undefined, undefined)
    await expect(get(`${target.url}/x`)).rejects.toMatchObject({
      code: 'http-proxy',
      causeCode: 'PROXY_407',
      message: `The proxy 127.0.0.1:${proxy.port} asks for a user name and password (HTTP 407). Enter them under the proxy URL in Settings → Network (the password is kept in the system keychain).`
    })
  })

  it('with a wrong password: "the proxy refused the user name or password", which is never quoted', async () => {
    await setUp('alice', 'not-the-password-123')
    const failure = await get(`${target.url}/x`).catch((error: Error) => error)
    expect(failure).toMatchObject({ code: 'http-proxy', message: expect.stringMatching(/^The proxy 127\.0\.0\.1:\d+ refused the user name or password \(HTTP 407\)\./) })
    expect(JSON.stringify(failure)).not.toContain('not-the-password-123')
    expect(registry.findSecret(JSON.stringify({ message: (failure as Error).message }))).toBeUndefined()
  })

  it('with the right login: plain http and https targets are reached through the tunnel', async () => {
    await setUp('alice', PASSWORD)
    await expect(get(`${target.url}/plain`)).resolves.toMatchObject({ status: 200, text: 'hello from /plain' })
    // The https target's self-signed certificate is skipped by name: requestTls inside the tunnel.
    await settings.handlers['settings:update']({ network: { tls: { noVerifyHosts: ['127.0.0.2'] } } })
    await expect(get(`${secureTarget.url}/secure`)).resolves.toMatchObject({ status: 200, text: 'hello from /secure' })
    expect(proxy.tunnels).toEqual(expect.arrayContaining([`127.0.0.2:${target.port}`, `127.0.0.2:${secureTarget.port}`]))
    expect(proxy.authorizations.at(-1)).toBe(`Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`)
  })

  it('the login goes to the proxy only: a host that bypasses it never sees Proxy-Authorization', async () => {
    await setUp('alice', PASSWORD)
    const { createServer } = await import('node:http')
    const seen: Array<string | undefined> = []
    const direct = createServer((request, response) => {
      seen.push(request.headers['proxy-authorization'])
      response.end('direct')
    })
    await new Promise<void>((resolve) => direct.listen(0, '127.0.0.1', resolve))
    try {
      // 127.0.0.1 always bypasses a manual proxy; 127.0.0.2 goes through it.
      const port = (direct.address() as { port: number }).port
      await expect(get(`http://127.0.0.1:${port}/`)).resolves.toMatchObject({ status: 200, text: 'direct' })
      await expect(get(`${target.url}/via`)).resolves.toMatchObject({ status: 200 })
      expect(seen).toEqual([undefined])
    } finally {
      direct.closeAllConnections()
      await new Promise<void>((resolve) => direct.close(() => resolve()))
    }
  })

  it('a changed password applies to the very next request (the old pools are retired)', async () => {
    await setUp('alice', 'old-password-0000')
    await expect(get(`${target.url}/a`)).rejects.toMatchObject({ causeCode: 'PROXY_407' })
    await settings.handlers['settings:setProxyPassword']({ password: PASSWORD })
    await expect(get(`${target.url}/b`)).resolves.toMatchObject({ status: 200 })
    await settings.handlers['settings:setProxyPassword']({ password: '' })
    expect(settings.store.state().proxyPasswordStored).toBe(false)
    await expect(get(`${target.url}/c`)).rejects.toMatchObject({ message: expect.stringMatching(/asks for a user name and password/) })
  })

  it('Test connection names the 407 at the tunnel step, and passes with the login', async () => {
    await setUp(undefined, undefined)
    const refused = await testConnection(new URL(`${target.url}/`), 'URL', { network, settings: network.settings(), stepTimeoutMs: 3_000 })
    expect(refused.proxy).toBe(`127.0.0.1:${proxy.port}`)
    expect(refused.steps.find((step) => step.id === 'tcp')).toMatchObject({
      status: 'fail',
      summary: `The proxy 127.0.0.1:${proxy.port} asks for a user name and password (HTTP 407). Enter them in Settings → Network (the password is kept in the system keychain).`
    })
    await network.dispose()
    await setUp('alice', PASSWORD)
    const passed = await testConnection(new URL(`${target.url}/`), 'URL', { network, settings: network.settings(), stepTimeoutMs: 3_000 })
    expect(passed.steps.map((step) => `${step.id}:${step.status}`)).toEqual(['dns:pass', 'tcp:pass', 'tls:skip', 'http:pass'])
    expect(passed.steps[1]!.summary).toBe(`The proxy 127.0.0.1:${proxy.port} opened a tunnel to 127.0.0.2:${target.port} (with the proxy login).`)
  })

  it('the password is in the keychain only: not in settings.json, not in the state the renderer gets', async () => {
    await setUp('alice', PASSWORD)
    const file = await readFile(join(dir, 'settings.json'), 'utf8')
    expect(file).toContain('"username": "alice"')
    const state = await settings.handlers['settings:get'](undefined as never)
    expect(state.proxyPasswordStored).toBe(true)
    for (const text of [file, JSON.stringify(state)]) expect(registry.findSecret(text)).toBeUndefined()
    expect(registry.findSecret(`x ${Buffer.from(`alice:${PASSWORD}`).toString('base64')} y`)).toBe('proxy password')
  })

  it('a password stored in an earlier session is read at the next start, and only when a login is configured', async () => {
    await setUp('alice', PASSWORD)
    const secrets = new SecretService({ candidates: [], registry })
    await secrets.set('settings:proxy-password', PASSWORD)
    const reads: string[] = []
    const original = secrets.get.bind(secrets)
    secrets.get = async (key: string) => {
      reads.push(key)
      return original(key)
    }
    // Next start, same settings file: the login is configured, so the password is read and sent.
    const next = new ProxyPassword(registry)
    const restarted = createSettingsCapability({ dataDir: dir, proxyPassword: next })
    next.keepIn(secrets)
    expect((await restarted.handlers['settings:get'](undefined as never)).proxyPasswordStored).toBe(true)
    const client = new NetworkClient({ settings: () => restarted.store.httpSettings() })
    await expect(client.fetchBounded(`${target.url}/again`, { method: 'GET', maxBytes: 1000, label: 'test' })).resolves.toMatchObject({ status: 200 })
    await client.dispose()
    expect(reads).toEqual(['settings:proxy-password'])

    // Without a login configured, the keychain is never asked for it.
    await restarted.handlers['settings:update']({ network: { proxy: { mode: 'none' } } })
    reads.length = 0
    const third = new ProxyPassword(registry)
    const plain = createSettingsCapability({ dataDir: dir, proxyPassword: third })
    third.keepIn(secrets)
    expect((await plain.handlers['settings:get'](undefined as never)).proxyPasswordStored).toBe(false)
    expect(reads).toEqual([])
  })

  it('the proxy URL takes no credentials and the user name no colon, each said in a sentence', () => {
    const withLogin = ProxySettings.safeParse({ mode: 'manual', url: 'http://alice:pw@proxy.example:8080' })
    expect(withLogin.error?.issues[0]?.message).toBe(
      'Remove the user name and password from the proxy URL: settings are saved in plain text, so credentials are not accepted here. Enter the user name below it and the password in its own field (the password is kept in the system keychain).'
    )
    const colon = ProxySettings.safeParse({ mode: 'manual', url: 'http://proxy.example:8080', username: 'a:b' })
    expect(colon.error?.issues[0]?.message).toBe('A proxy user name cannot contain ":" (Basic authentication separates it from the password with one).')
  })
})
