import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { testConnection } from '../../../src/main/core/net/connection-test'
import { NetworkClient } from '../../../src/main/core/net/network-client'
import { createConnectionTestHandler, parseTestUrl } from '../../../src/main/core/settings/connection-test-handler'
import { NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import { TestConnectionInput, type ConnectionTestTarget } from '../../../src/shared/ipc/settings.contract'
import { closedPort, fixture, startHttp, startHttps, type LocalServer } from './servers'

let dir: string
let store: NetworkSettingsStore
let network: NetworkClient
const servers: LocalServer[] = []
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-conntest-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterEach(async () => {
  await network?.dispose()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** Runs the test against `url` with the settings `patch` (always direct: no proxy from the environment). */
async function run(url: string, patch: Parameters<NetworkSettingsStore['update']>[0] = {}): Promise<ConnectionTestTarget> {
  store = new NetworkSettingsStore({ dataDir: await mkdtemp(join(dir, 's-')) })
  store.update({ proxy: { mode: 'none' }, ...patch })
  network = new NetworkClient({ settings: () => store.httpSettings() })
  return testConnection(new URL(url), 'URL', { network, settings: network.settings(), stepTimeoutMs: 3_000 })
}

const statuses = (result: ConnectionTestTarget) => result.steps.map((step) => `${step.id}:${step.status}`)
const stepOf = (result: ConnectionTestTarget, id: string) => result.steps.find((step) => step.id === id)!

describe('Test connection names the layer that failed', () => {
  it('a plain http server: DNS not needed, TCP and HTTP pass, TLS not used', async () => {
    const server = await startHttp()
    servers.push(server)
    const result = await run(`${server.url}/status`)
    expect(statuses(result)).toEqual(['dns:pass', 'tcp:pass', 'tls:skip', 'http:pass'])
    expect(result.ok).toBe(true)
    expect(stepOf(result, 'http').summary).toBe(`127.0.0.1:${server.port} answered HTTP 200 to GET /status.`)
    expect(stepOf(result, 'tls').summary).toBe('Not used: this is an http:// URL (nothing is encrypted).')
    expect(result.headline).toBe(`127.0.0.1:${server.port} is reachable: 127.0.0.1:${server.port} answered HTTP 200 to GET /status.`)
  })

  it('resolves a name first (localhost)', async () => {
    const server = await startHttp()
    servers.push(server)
    const result = await run(`http://localhost:${server.port}/`)
    expect(stepOf(result, 'dns')).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^localhost is .*127\.0\.0\.1|::1/) })
  })

  it('an unresolvable name fails at DNS, and nothing after it runs', async () => {
    const result = await run('https://no-such-host.invalid/')
    expect(statuses(result)).toEqual(['dns:fail', 'tcp:skip', 'tls:skip', 'http:skip'])
    expect(stepOf(result, 'dns').summary).toMatch(/^The name no-such-host\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN)\)\. Check its spelling, and your network or VPN\.$/)
    expect(stepOf(result, 'tcp').summary).toBe('Not run: DNS failed.')
    expect(result.headline).toBe(stepOf(result, 'dns').summary)
  })

  it('a closed local port fails at TCP, with local advice (no proxy, no antivirus)', async () => {
    const port = await closedPort()
    const result = await run(`http://127.0.0.1:${port}/`)
    expect(statuses(result)).toEqual(['dns:pass', 'tcp:fail', 'tls:skip', 'http:skip'])
    expect(stepOf(result, 'tcp').summary).toBe(`Nothing is listening on 127.0.0.1:${port} (connection refused). Is the local server running on that port?`)
  })

  it('a self-signed certificate fails at TLS, with its subject, issuer and validity', async () => {
    const server = await startHttps('self-signed')
    servers.push(server)
    const result = await run(server.url)
    expect(statuses(result)).toEqual(['dns:pass', 'tcp:pass', 'tls:fail', 'http:skip'])
    const tls = stepOf(result, 'tls')
    expect(tls.summary).toMatch(/^127\.0\.0\.1 shows a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\): it vouches for itself\./)
    expect(tls.details).toEqual(expect.arrayContaining(['Subject: CN=127.0.0.1', 'Issuer: CN=127.0.0.1 (self-signed)', expect.stringMatching(/^Valid 2026-11-30 to 2036-11-28$/)]))
    expect(result.certificate).toMatchObject({ subject: 'CN=127.0.0.1', selfSigned: true, names: ['127.0.0.1'] })
  })

  it('a certificate for another host is said as that, not as self-signed', async () => {
    const server = await startHttps('wrong-host')
    servers.push(server)
    const result = await run(server.url)
    const tls = stepOf(result, 'tls')
    expect(tls.status).toBe('fail')
    expect(tls.summary).toMatch(/^The certificate of 127\.0\.0\.1 is for another host \(not-this-host\.example\), not 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\)\./)
    expect(tls.summary).not.toMatch(/self-signed/)
    expect(tls.details).toContain('Also: DEPTH_ZERO_SELF_SIGNED_CERT (self-signed).')
  })

  it('an expired certificate says when it expired', async () => {
    const server = await startHttps('expired')
    servers.push(server)
    const result = await run(server.url)
    expect(stepOf(result, 'tls').summary).toBe('The certificate of 127.0.0.1 expired on 2020-02-01 (CERT_HAS_EXPIRED). The server must renew it; if the date looks wrong, check this computer’s clock.')
  })

  it('an unknown issuer names the issuer; once its CA is chosen every step passes', async () => {
    const server = await startHttps('ca-signed')
    servers.push(server)
    const refused = await run(server.url)
    expect(stepOf(refused, 'tls').summary).toBe(
      'The certificate of 127.0.0.1 was issued by "O=Test Fixtures, CN=Reactor Explorer Test Root CA" that this app does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Choose that authority’s certificate (PEM) in Settings → Certificates.'
    )
    const trusted = await run(`${server.url}/companies`, { tls: { caFile: fixture('test-ca.cert.pem') } })
    expect(statuses(trusted)).toEqual(['dns:pass', 'tcp:pass', 'tls:pass', 'http:pass'])
    expect(stepOf(trusted, 'tls').summary).toMatch(/^Trusted: the certificate is for 127\.0\.0\.1, issued by O=Test Fixtures, CN=Reactor Explorer Test Root CA, valid until 2036-/)
  })

  it('a "do not verify" host warns instead of failing, and HTTP still runs', async () => {
    const server = await startHttps('self-signed')
    servers.push(server)
    const result = await run(server.url, { tls: { noVerifyHosts: ['127.0.0.1'] } })
    expect(statuses(result)).toEqual(['dns:pass', 'tcp:pass', 'tls:warn', 'http:pass'])
    expect(stepOf(result, 'tls').summary).toMatch(/^Not checked: 127\.0\.0\.1 is on the “do not verify” list\. Had it been checked: 127\.0\.0\.1 shows a self-signed certificate/)
    expect(result.ok).toBe(true)
  })

  it('https:// to a plain http server: "speaks plain http, not https"', async () => {
    const server = await startHttp()
    servers.push(server)
    const result = await run(`https://127.0.0.1:${server.port}/`)
    expect(stepOf(result, 'tls').status).toBe('fail')
    expect(stepOf(result, 'tls').summary).toMatch(new RegExp(`^127\\.0\\.0\\.1:${server.port} speaks plain http, not https: .* Use http://127\\.0\\.0\\.1:${server.port}`))
  })

  it('http:// to an https-only port: "speaks https, not http"', async () => {
    const server = await startHttps('self-signed')
    servers.push(server)
    const result = await run(`http://127.0.0.1:${server.port}/x`)
    expect(stepOf(result, 'http').status).toBe('fail')
    expect(stepOf(result, 'http').summary).toBe(
      `127.0.0.1:${server.port} speaks https, not http: it dropped the plain http request but answers a TLS handshake. Use https://127.0.0.1:${server.port}/x.`
    )
  })
})

describe('settings:testConnection', () => {
  it('asks for a scheme instead of guessing one', () => {
    expect(() => parseTestUrl('reactor.adobe.io')).toThrow('"reactor.adobe.io" has no scheme. Did you mean https://reactor.adobe.io? Write http:// or https:// in front so the test knows which one to try.')
    expect(() => parseTestUrl('ftp://files.example')).toThrow('Only http:// and https:// URLs can be tested (not ftp://).')
    expect(() => parseTestUrl('https://user:pw@x.example')).toThrow(/Remove the user name and password/)
    expect(parseTestUrl(' https://x.example/a ').href).toBe('https://x.example/a')
  })

  it('tests only what it is asked to: nothing by default, and an unknown profile is said as such', async () => {
    for (const input of [{}, { url: 'https://a.example', profileId: 'p1' }]) {
      expect(TestConnectionInput.safeParse(input).error?.issues[0]?.message).toBe('Name one thing to test: a URL, a profile, or Adobe’s hosts.')
    }
    expect(TestConnectionInput.safeParse({ adobeHosts: true }).success).toBe(true)
    const settingsStore = new NetworkSettingsStore({ dataDir: await mkdtemp(join(dir, 'u-')) })
    network = new NetworkClient({ settings: () => settingsStore.httpSettings() })
    const handler = createConnectionTestHandler({ network, store: settingsStore, profileHosts: async () => undefined })['settings:testConnection']
    await expect(handler({ profileId: 'gone' })).rejects.toMatchObject({ code: 'profile-not-found', message: 'That profile no longer exists, so its hosts cannot be tested. Choose a profile, or type a URL.' })
  })

  it("tests the profile's Reactor and IMS hosts when no URL is given", async () => {
    const server = await startHttp()
    servers.push(server)
    const settingsStore = new NetworkSettingsStore({ dataDir: await mkdtemp(join(dir, 'h-')) })
    settingsStore.update({ proxy: { mode: 'none' } })
    network = new NetworkClient({ settings: () => settingsStore.httpSettings() })
    const handler = createConnectionTestHandler({
      network,
      store: settingsStore,
      profileHosts: async (id) => (id === 'p1' ? { reactorBaseUrl: server.url, imsBaseUrl: server.url } : undefined)
    })['settings:testConnection']
    const report = await handler({ profileId: 'p1' })
    expect(report.targets.map((target) => [target.label, target.url, target.ok])).toEqual([
      ['Reactor', `${server.url}/`, true],
      ['IMS', `${server.url}/ims/token/v3`, true]
    ])
  })
})

describe('a request with the wrong scheme says which one the server speaks', () => {
  it('https:// to plain http, and http:// to an https port', async () => {
    const plain = await startHttp()
    const secure = await startHttps('self-signed')
    servers.push(plain, secure)
    network = new NetworkClient({ settings: () => ({ proxy: { mode: 'none' } }) })
    await expect(network.fetchBounded(`https://127.0.0.1:${plain.port}/companies`, { method: 'GET', maxBytes: 100, label: 'test' })).rejects.toMatchObject({
      code: 'http-tls',
      message: `127.0.0.1:${plain.port} speaks plain http, not https: the secure (TLS) connection got an http answer. Use http://127.0.0.1:${plain.port}/companies if the server is meant to be plain http.`
    })
    await expect(network.fetchBounded(`http://127.0.0.1:${secure.port}/`, { method: 'GET', maxBytes: 100, label: 'test' })).rejects.toMatchObject({
      code: 'http-reset',
      message: expect.stringMatching(new RegExp(`If this port serves https, use https://127\\.0\\.0\\.1:${secure.port} instead\\.$`))
    })
  })
})
