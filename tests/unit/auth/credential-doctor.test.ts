import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runCredentialDoctor } from '../../../src/main/core/auth/credential-doctor'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { SendPipeline, type SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { TokenManager } from '../../../src/main/core/auth/token-manager'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { NetworkError } from '../../../src/main/core/net/network-errors'
import type { NetworkClient } from '../../../src/main/core/net/network-client'
import { closedPort, FixedSource } from './helpers'

describe('Credential Doctor against the sandbox over real HTTP', () => {
  let sandbox: RunningSandbox
  let source: FixedSource
  let registry: SecretRegistry
  let tokens: TokenManager
  let executor: HttpExecutor
  let pipeline: SendPipeline
  let exchanges: SentExchange[]
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  beforeEach(() => {
    sandbox.faults.clear()
    source = new FixedSource()
    registry = new SecretRegistry()
    tokens = new TokenManager({ source, registry })
    // The doctor's GET /companies goes through a send pipeline, as in the app.
    executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies: new BodyStore(join(tmpdir(), `rx-doctor-${process.pid}`)), secrets: registry })
    pipeline = new SendPipeline({ executor, secrets: registry })
    exchanges = []
    pipeline.observe((exchange) => exchanges.push(exchange))
  })
  afterEach(async () => {
    await executor.dispose()
  })

  async function doctor(id: string, credential: Parameters<FixedSource['add']>[2], base = { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }) {
    const resolved = source.add(id, base, credential)
    const progress: string[] = []
    const report = await runCredentialDoctor(resolved, {
      tokens,
      registry,
      sendRequest: (spec, context) => pipeline.send(spec, context),
      environment: 'custom',
      onStep: (step) => progress.push(`${step.id}:${step.status}`)
    })
    // Whatever the outcome: the report never carries the secret or a token.
    const serialised = JSON.stringify(report)
    if (credential.clientSecret) expect(serialised).not.toContain(credential.clientSecret)
    const token = tokens['tokens'].get(id)?.accessToken
    if (token) expect(serialised).not.toContain(token)
    expect(registry.containsSecret(serialised)).toBe(false)
    return { report, progress, status: Object.fromEntries(report.steps.map((s) => [s.id, s.status])) }
  }

  it('working credential: every step green, companies listed', async () => {
    const { report, progress, status } = await doctor('working', sandbox.credentials.working)
    expect(report.outcome).toBe('works')
    expect(status).toEqual({ 'ims-reachable': 'pass', token: 'pass', claims: 'pass', companies: 'pass' })
    expect(report.companies.length).toBeGreaterThan(0)
    expect(report.steps[3]!.summary).toMatch(/The credential works\. It can see \d+ compan/)
    expect(progress).toEqual([
      'ims-reachable:running', 'ims-reachable:pass', 'token:running', 'token:pass',
      'claims:running', 'claims:pass', 'companies:running', 'companies:pass'
    ])
    expect(report.text).toMatch(/Client secret and access token: not included/)
    expect(report.token?.fingerprint).toMatch(/^[0-9a-f]{8}$/)
    // GET /companies went through the pipeline, seen by its observers with the token redacted.
    expect(exchanges).toHaveLength(1)
    expect(exchanges[0]).toMatchObject({ source: 'doctor', spec: { method: 'GET', url: `${sandbox.reactorUrl}/companies` }, response: { status: 200 } })
    expect(registry.containsSecret(JSON.stringify(exchanges[0]!.spec))).toBe(false)
  })

  it('noCompanies: 404 is fine (the guide says so)', async () => {
    const { report, status } = await doctor('none', sandbox.credentials.noCompanies)
    expect(report.outcome).toBe('works')
    expect(status.companies).toBe('pass')
    expect(report.steps[3]!.summary).toMatch(/404.*no Tags companies yet/)
  })

  it('noProductProfile: 403 -> ask an admin for a product profile', async () => {
    const { report, status } = await doctor('np', sandbox.credentials.noProductProfile)
    expect(report.outcome).toBe('fails')
    expect(status).toMatchObject({ token: 'pass', claims: 'pass', companies: 'fail' })
    expect(report.steps[3]!.summary).toMatch(/lacks a product profile/)
    expect(report.steps[3]!.nextStep).toMatch(/administrator/)
  })

  it('wrongSecret: invalid_client -> wrong id or secret; later steps skipped', async () => {
    const { report, status } = await doctor('ws', sandbox.credentials.wrongSecret)
    expect(status).toEqual({ 'ims-reachable': 'pass', token: 'fail', claims: 'skip', companies: 'skip' })
    expect(report.steps[1]!.summary).toMatch(/invalid_client.*one of them is wrong/)
    expect(report.steps[1]!.nextStep).toMatch(/Developer Console/)
    expect(report.headline).toMatch(/does not work yet/)
  })

  it('unknown scope: invalid_scope names the scope', async () => {
    const { report, status } = await doctor('scope', { ...sandbox.credentials.working, scopes: [...sandbox.credentials.working.scopes, 'bogus_scope'] })
    expect(status.token).toBe('fail')
    expect(report.steps[1]!.summary).toMatch(/invalid_scope/)
    expect(report.steps[1]!.nextStep).toMatch(/bogus_scope/)
    expect(report.steps[1]!.nextStep).not.toMatch(/openid/)
  })

  it('unreachable IMS (connection refused): step 1 fails with the cause', async () => {
    const port = await closedPort()
    const { report, status } = await doctor('down', sandbox.credentials.working, { imsUrl: `http://127.0.0.1:${port}`, reactorUrl: sandbox.reactorUrl })
    expect(status).toEqual({ 'ims-reachable': 'fail', token: 'skip', claims: 'skip', companies: 'skip' })
    expect(report.steps[0]!.summary).toMatch(/Could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
  })

  it('unresolvable IMS host: a DNS failure', async () => {
    const { report } = await doctor('dns', sandbox.credentials.working, { imsUrl: 'http://ims.does-not-exist.invalid', reactorUrl: sandbox.reactorUrl })
    expect(report.steps[0]!.details.join(' ')).toMatch(/cause: dns/)
  })

  it('TLS failure (https to a plain-http port): named as TLS', async () => {
    const { report } = await doctor('tls', sandbox.credentials.working, { imsUrl: sandbox.imsUrl.replace('http:', 'https:'), reactorUrl: sandbox.reactorUrl })
    expect(report.steps[0]!.details.join(' ')).toMatch(/cause: tls/)
    expect(report.steps[0]!.summary).toMatch(/secure connection/)
  })

  it('401 from Reactor: token rejected', async () => {
    sandbox.faults.add({ match: { path: '/companies' }, kind: 'status', status: 401, times: 1 })
    const { report, status } = await doctor('401', sandbox.credentials.working)
    expect(status.companies).toBe('fail')
    expect(report.steps[3]!.summary).toMatch(/rejected the token \(401/)
  })

  it('gateway errors by their code (503)', async () => {
    sandbox.faults.add({ match: { path: '/companies' }, kind: 'status', status: 503, times: 1 })
    const { report } = await doctor('503', sandbox.credentials.working)
    expect(report.steps[3]!.summary).toMatch(/HTTP 503 Service Unavailable/)
    expect(report.steps[3]!.nextStep).toMatch(/Adobe’s side/)
  })

  it('manual token for another client: claims do not match the profile', async () => {
    const other = new TokenManager({ source, registry })
    source.add('issuer', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, sandbox.credentials.noCompanies)
    const foreign = (await other.getToken('issuer')).accessToken
    const { report, status } = await doctor('manual', { ...sandbox.credentials.working, authKind: 'manual-token', manualToken: foreign })
    expect(status).toMatchObject({ 'ims-reachable': 'skip', token: 'pass', claims: 'fail', companies: 'skip' })
    expect(report.steps[2]!.summary).toMatch(/issued to client "sandbox-no-companies-client"/)
    expect(report.text).not.toContain(foreign)
  })

  it('manual token that expired: a clear message with the expiry time', async () => {
    const payload = Buffer.from(JSON.stringify({ client_id: 'x', created_at: String(Date.now() - 7200_000), expires_in: '3600000', type: 'access_token' })).toString('base64url')
    const expired = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`
    const { report, status } = await doctor('expired', { ...sandbox.credentials.working, authKind: 'manual-token', manualToken: expired })
    expect(status.token).toBe('fail')
    expect(report.steps[1]!.summary).toMatch(/expired at \d{4}-\d\d-\d\dT/)
  })

  describe('advice that matches the host', () => {
    const LOCAL_WORDS = /proxy|antivirus|clock|adobelogin|IT /

    it('a closed port on this computer: is the local server running? (no proxy, antivirus or clock)', async () => {
      const port = await closedPort()
      const { report } = await doctor('local-down', sandbox.credentials.working, { imsUrl: `http://127.0.0.1:${port}`, reactorUrl: sandbox.reactorUrl })
      expect(report.steps[0]!.summary).toBe(`Could not connect to 127.0.0.1:${port} (ECONNREFUSED): nothing is listening there. Is the local server running on that port?`)
      expect(report.steps[0]!.nextStep).toBe(`Start the local server on 127.0.0.1:${port}, or correct the host and port in the profile’s IMS URL (http://127.0.0.1:${port}), then run the test again.`)
      expect(`${report.steps[0]!.summary} ${report.steps[0]!.nextStep}`).not.toMatch(LOCAL_WORDS)
    })

    it('https:// to a plain-http server: "this server speaks http, not https"', async () => {
      const imsUrl = sandbox.imsUrl.replace('http:', 'https:')
      const { report } = await doctor('scheme-https', sandbox.credentials.working, { imsUrl, reactorUrl: sandbox.reactorUrl })
      const host = new URL(imsUrl).host
      expect(report.steps[0]!.summary).toMatch(new RegExp(`^The secure connection to ${host.replace(/\./g, '\\.')} failed \\([A-Z_]+\\): this server speaks http, not https\\. Use http://${host.replace(/\./g, '\\.')} if it is meant to be plain http\\.$`))
      expect(report.steps[0]!.nextStep).toBe(`Change the profile’s IMS URL to http://${host} (the server there is plain http).`)
      expect(report.steps[0]!.details).toContain(`cause: tls (${report.steps[0]!.summary.match(/\(([A-Z_]+)\)/)![1]})`)
    })

    it('http:// to an https-only port: "this port probably speaks https, not http"', async () => {
      const { createServer } = await import('node:https')
      const { readFileSync } = await import('node:fs')
      const tlsDir = join(__dirname, '../../fixtures/tls')
      const server = createServer({ cert: readFileSync(join(tlsDir, 'self-signed.cert.pem')), key: readFileSync(join(tlsDir, 'self-signed.key.pem')) }, (_q, r) => r.end())
      server.on('tlsClientError', () => undefined)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const port = (server.address() as { port: number }).port
      try {
        const { report } = await doctor('scheme-http', sandbox.credentials.working, { imsUrl: `http://127.0.0.1:${port}`, reactorUrl: sandbox.reactorUrl })
        expect(report.steps[0]!.summary).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} closed the connection without answering the http request \\([A-Z_]+\\): this port probably speaks https, not http\\. Try https://127\\.0\\.0\\.1:${port}\\.$`))
        expect(report.steps[0]!.nextStep).toBe(`Change the profile’s IMS URL to https://127.0.0.1:${port}.`)
      } finally {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
      }
    })

    it('Reactor on a closed local port: the companies step names the local server, not the network', async () => {
      const port = await closedPort()
      const { report, status } = await doctor('reactor-down', sandbox.credentials.working, { imsUrl: sandbox.imsUrl, reactorUrl: `http://127.0.0.1:${port}` })
      expect(status.companies).toBe('fail')
      expect(report.steps[3]!.summary).toBe(`Could not connect to 127.0.0.1:${port} (ECONNREFUSED): nothing is listening there. Is the local server running on that port?`)
      expect(report.steps[3]!.nextStep).toBe(`Start the local server on 127.0.0.1:${port}, or correct the host and port in the profile’s Reactor URL (http://127.0.0.1:${port}), then run the test again.`)
    })

    /** The doctor with a network layer that fails every exchange with `error`: the advice is what is tested. */
    async function doctorFailingWith(imsUrl: string, error: NetworkError) {
      const resolved = source.add(`fail-${imsUrl}`, { imsUrl, reactorUrl: sandbox.reactorUrl }, sandbox.credentials.working)
      const network = { open: async () => Promise.reject(error), settings: () => ({ connectTimeoutMs: 1000, timeoutMs: 1000 }) } as unknown as NetworkClient
      return runCredentialDoctor(resolved, { tokens, registry, network, sendRequest: (spec, context) => pipeline.send(spec, context), environment: 'custom' })
    }

    it('an untrusted certificate on Adobe’s IMS: TLS inspection, Settings → Certificates, adobelogin.com', async () => {
      const report = await doctorFailingWith('https://ims-na1.adobelogin.com', new NetworkError('http-tls', 'x', 'tls', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'))
      expect(report.steps[0]!.summary).toBe('The secure connection to ims-na1.adobelogin.com failed (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this.')
      expect(report.steps[0]!.nextStep).toBe(
        'If your company inspects HTTPS traffic, ask IT for its root certificate and choose it in Settings → Certificates (or ask IT to allow adobelogin.com), and check the system clock. Settings → Test connection shows the certificate.'
      )
    })

    it('the same failure on a private address gets advice about that server, not about IT or adobelogin.com', async () => {
      const report = await doctorFailingWith('https://192.168.1.20:8443', new NetworkError('http-tls', 'x', 'tls', 'DEPTH_ZERO_SELF_SIGNED_CERT'))
      expect(report.steps[0]!.summary).toBe('The secure connection to 192.168.1.20:8443 failed (DEPTH_ZERO_SELF_SIGNED_CERT). Check that the local server speaks https on that port and that its certificate is trusted (Settings → Certificates).')
      expect(report.steps[0]!.nextStep).toBe('Check that 192.168.1.20:8443 speaks https (else use http:// in the profile’s IMS URL), and trust its certificate in Settings → Certificates.')
      expect(`${report.steps[0]!.summary} ${report.steps[0]!.nextStep}`).not.toMatch(LOCAL_WORDS)
      const timeout = await doctorFailingWith('http://localhost:4000', new NetworkError('http-timeout', 'x', 'timeout', 'UND_ERR_CONNECT_TIMEOUT'))
      expect(timeout.steps[0]!.summary).toBe('localhost:4000 did not answer in time (UND_ERR_CONNECT_TIMEOUT). Is the local server running and answering on that port?')
    })
  })
})
