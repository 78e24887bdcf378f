import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { NetworkClient } from '../../../src/main/core/net/network-client'
import { loadTlsTrust, readCertificateFile, readSystemCertificates, skipsVerification } from '../../../src/main/core/net/tls-trust'
import { NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import { NoVerifyHost } from '../../../src/shared/ipc/settings.contract'
import { fixture, startHttps, type LocalServer } from './servers'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-tls-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('reading a certificate file (Settings → Certificates)', () => {
  it('reads a CA certificate and names it', () => {
    const bundle = readCertificateFile(fixture('test-ca.cert.pem'))
    expect(bundle.pems).toHaveLength(1)
    expect(bundle.subjects).toEqual(['O=Test Fixtures, CN=Reactor Explorer Test Root CA'])
    expect(bundle.expiresAt).toMatch(/^2036-/)
  })

  it('says each way a file is unusable in its own sentence', async () => {
    const missing = join(dir, 'corp-root.pem')
    expect(() => readCertificateFile(missing)).toThrow(`The certificate file ${missing} does not exist. Was it moved? Choose the file again in Settings → Certificates.`)
    expect(() => readCertificateFile('corp-root.pem')).toThrow('Give the full path of the certificate file (e.g. /home/me/corp-root.pem), not "corp-root.pem".')
    await mkdir(join(dir, 'certs'))
    expect(() => readCertificateFile(join(dir, 'certs'))).toThrow(/is a folder\. Choose the certificate file itself/)

    const notes = join(dir, 'notes.txt')
    await writeFile(notes, 'ask IT for the proxy certificate\n')
    expect(() => readCertificateFile(notes)).toThrow(`${notes} contains no certificate: a PEM file has blocks that start with -----BEGIN CERTIFICATE-----.`)

    const key = join(dir, 'server.key')
    await writeFile(key, await readFile(fixture('self-signed.key.pem')))
    expect(() => readCertificateFile(key)).toThrow(/holds a private key, not a certificate/)

    // The same certificate in binary form, as Windows exports it by default.
    const text = await readFile(fixture('test-ca.cert.pem'), 'utf8')
    const der = Buffer.from(text.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')
    const derFile = join(dir, 'corp-root.cer')
    await writeFile(derFile, der)
    expect(() => readCertificateFile(derFile)).toThrow(/is a binary \(DER\) certificate\. Export it as "Base-64 encoded X\.509" \(PEM\), or convert it: openssl x509 -inform der/)

    const garbled = join(dir, 'garbled.pem')
    await writeFile(garbled, text.replace(/(\n[A-Za-z0-9+/]{10})[A-Za-z0-9+/]{20}/, '$1!!!!garbled!!!!!!!!'))
    expect(() => readCertificateFile(garbled)).toThrow(/^The certificate in .*garbled\.pem is damaged and cannot be read \(.+\)\. Export it again\.$/)

    expect(() => readCertificateFile(fixture('expired.cert.pem'))).toThrow(/^The certificate "CN=127\.0\.0\.1" in .*expired\.cert\.pem expired on 2020-02-01\. Ask IT for the current one\.$/)
    expect(() => readCertificateFile(fixture('test-ca.cert.pem'), new Date('2020-01-01'))).toThrow(/is valid only from 2026-.*Check the system clock/)
  })

  it('names the second certificate of a bundle when that one is damaged', async () => {
    const text = await readFile(fixture('test-ca.cert.pem'), 'utf8')
    const bundle = join(dir, 'bundle.pem')
    await writeFile(bundle, `${text}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`)
    expect(() => readCertificateFile(bundle)).toThrow(/^Certificate 2 of 2 in .*bundle\.pem is damaged/)
  })

  it('reads the system bundle where one exists, and says where it came from or why there is none', async () => {
    const bundlePath = join(dir, 'ca-certificates.crt')
    const ca = await readFile(fixture('test-ca.cert.pem'), 'utf8')
    await writeFile(bundlePath, `${ca}\n${await readFile(fixture('expired.cert.pem'), 'utf8')}`)
    // An expired root in a system bundle is normal (OpenSSL skips it), so it does not make the bundle unusable.
    expect(readSystemCertificates([join(dir, 'absent.crt'), bundlePath])).toMatchObject({ path: bundlePath, pems: [expect.any(String), expect.any(String)] })
    expect(() => readSystemCertificates([join(dir, 'absent.crt')], 'linux')).toThrow(/^No system certificate bundle was found \(looked for .*absent\.crt\)\. Choose your company’s root certificate as a PEM file instead\.$/)
    expect(() => readSystemCertificates([join(dir, 'absent.crt')], 'win32')).toThrow(/cannot read the Windows certificate store\. Export your company’s root certificate as Base-64 X\.509/)

    const trust = loadTlsTrust({ useSystemCa: true }, new Date(), [bundlePath])
    expect(trust.status).toEqual({ systemCa: { path: bundlePath, certificates: 2 }, problems: [] })
    expect(trust.secureContext).toBeDefined()
  })

  it('keeps what it can when a source is set but unusable now, naming the problem', () => {
    const trust = loadTlsTrust({ caFile: join(dir, 'moved.pem'), noVerifyHosts: ['dev.example'] })
    expect(trust.secureContext).toBeUndefined()
    expect(trust.noVerifyHosts).toEqual(['dev.example'])
    expect(trust.status.problems).toEqual([expect.stringMatching(/moved\.pem does not exist/)])
  })
})

describe('"do not verify" hosts', () => {
  it('match the exact host (or host:port) only, so a domain never covers IMS', () => {
    const list = ['reactor.internal.example', '10.0.0.5:8443', 'adobelogin.com']
    expect(skipsVerification(new URL('https://reactor.internal.example/companies'), list)).toBe(true)
    expect(skipsVerification(new URL('https://REACTOR.internal.example:443/'), list)).toBe(true)
    expect(skipsVerification(new URL('https://10.0.0.5:8443/'), list)).toBe(true)
    expect(skipsVerification(new URL('https://10.0.0.5/'), list)).toBe(false)
    expect(skipsVerification(new URL('https://ims-na1.adobelogin.com/ims/token/v3'), list)).toBe(false)
    expect(skipsVerification(new URL('https://x.reactor.internal.example/'), list)).toBe(false)
    expect(skipsVerification(new URL('http://reactor.internal.example/'), list)).toBe(false)
    expect(skipsVerification(new URL('https://ims-na1.adobelogin.com/'), ['ims-na1.adobelogin.com'])).toBe(true)
  })

  it('refuses patterns, schemes and paths with a sentence', () => {
    for (const entry of ['*.example.com', 'https://dev.example', 'dev.example/path', '*']) {
      const parsed = NoVerifyHost.safeParse(entry)
      expect(parsed.success, entry).toBe(false)
      expect(parsed.error?.issues[0]?.message).toMatch(/is not an exact host name\. Write the host alone .* without scheme, path or wildcard\.$/)
    }
    expect(NoVerifyHost.parse(' Dev.Example:8443 ')).toBe('dev.example:8443')
  })
})

describe('settings refuse an unusable certificate source before saving', () => {
  it('names the file, and keeps the saved settings', () => {
    const store = new NetworkSettingsStore({ dataDir: dir })
    const missing = join(dir, 'corp-root.pem')
    expect(() => store.update({ tls: { caFile: missing } })).toThrow(`The certificate file ${missing} does not exist.`)
    expect(() => store.update({ tls: { noVerifyHosts: ['ok.example', '*.corp.example'] } })).toThrow(/^Hosts not verified: "\*\.corp\.example" is not an exact host name/)
    expect(store.network().tls).toBeUndefined()
    store.update({ tls: { caFile: ` ${fixture('test-ca.cert.pem')} `, noVerifyHosts: ['Dev.Example'] } })
    expect(store.network().tls).toEqual({ caFile: fixture('test-ca.cert.pem'), noVerifyHosts: ['dev.example'] })
    expect(store.state().tls).toEqual({
      caFile: { path: fixture('test-ca.cert.pem'), certificates: 1, subjects: ['O=Test Fixtures, CN=Reactor Explorer Test Root CA'], expiresAt: expect.stringMatching(/^2036-/) },
      problems: []
    })
    store.update({ tls: { caFile: '', noVerifyHosts: [] } })
    expect(store.network().tls).toEqual({})
  })
})

describe('connections with the trust applied', () => {
  let servers: LocalServer[] = []
  const clients: Array<NetworkClient | HttpExecutor> = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()))
    await Promise.all(servers.splice(0).map((server) => server.close()))
    servers = []
  })

  it('trusts a server issued by the chosen CA, which is refused without it', async () => {
    const server = await startHttps('ca-signed')
    servers.push(server)
    const plain = new NetworkClient()
    clients.push(plain)
    await expect(plain.fetchBounded(server.url, { method: 'GET', maxBytes: 1000, label: 'test' })).rejects.toMatchObject({ code: 'http-tls', causeCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })

    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ tls: { caFile: fixture('test-ca.cert.pem') } })
    const trusting = new NetworkClient({ settings: () => store.httpSettings() })
    clients.push(trusting)
    const answer = await trusting.fetchBounded(`${server.url}/companies`, { method: 'GET', maxBytes: 1000, label: 'test' })
    expect(answer).toMatchObject({ status: 200, text: 'hello from /companies' })
  })

  it('skips the check only for a listed host, and the response says so', async () => {
    const server = await startHttps('self-signed')
    servers.push(server)
    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ tls: { noVerifyHosts: ['127.0.0.1'] } })
    const network = new NetworkClient({ settings: () => store.httpSettings() })
    const executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies: new BodyStore(join(dir, 'bodies')), network, settings: () => store.httpSettings() })
    clients.push(executor, network)
    const send = (url: string) =>
      executor.send({ requestId: `r${Math.random()}`, method: 'GET', url, query: [], headers: [], auth: 'none', options: {} } as never)

    const response = await send(`${server.url}/x`)
    expect(response.status).toBe(200)
    expect(response.tlsVerification).toBe('off')

    // The same server under another name is not on the list: checked, and refused.
    await expect(send(`https://localhost:${server.port}/x`)).rejects.toMatchObject({ code: 'http-tls' })

    store.update({ tls: { noVerifyHosts: [] } })
    await expect(send(`${server.url}/x`)).rejects.toMatchObject({ code: 'http-tls', causeCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
  })

  it('a verified response carries no flag', async () => {
    const server = await startHttps('ca-signed')
    servers.push(server)
    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ tls: { caFile: fixture('test-ca.cert.pem'), noVerifyHosts: ['other.example'] } })
    const network = new NetworkClient({ settings: () => store.httpSettings() })
    const executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies: new BodyStore(join(dir, 'bodies')), network, settings: () => store.httpSettings() })
    clients.push(executor, network)
    const response = await executor.send({ requestId: 'r1', method: 'GET', url: `${server.url}/`, query: [], headers: [], auth: 'none', options: {} } as never)
    expect(response.status).toBe(200)
    expect(response).not.toHaveProperty('tlsVerification')
  })

  it('a TLS failure while the chosen file is missing names the file', async () => {
    const server = await startHttps('ca-signed')
    servers.push(server)
    const caFile = join(dir, 'corp-root.pem')
    await writeFile(caFile, await readFile(fixture('test-ca.cert.pem')))
    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ tls: { caFile } })
    await rm(caFile)
    store.refreshTrust()
    const network = new NetworkClient({ settings: () => store.httpSettings() })
    clients.push(network)
    await expect(network.fetchBounded(server.url, { method: 'GET', maxBytes: 1000, label: 'test' })).rejects.toThrow(/Note: The certificate file .*corp-root\.pem does not exist/)
  })
})
