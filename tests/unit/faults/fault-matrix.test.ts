import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import type { Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import { SandboxHost, SANDBOX_CREDENTIALS, type RunningSandbox } from '../../../src/sandbox'
import type { HttpResponse, ProfileSummary } from '../../../src/shared/contract'
import type { HistoryPage } from '../../../src/shared/ipc/history.contract'

// The fault matrix: every way the network and the servers behind it fail, each through the composed core as
// the app uses it (requests:send over the dispatcher), each with the sentence the person reads (its code and
// a phrase), a bound on the time it takes (the configured timeout plus a margin: no hang), and the failure
// recorded in history (nothing lost). Only loopback servers: the Sandbox's fault switches and raw servers.
const TIMEOUT_MS = 1500
/** What a failure may take past its budget before it counts as a hang (a loaded 2-core machine). */
const MARGIN_MS = 1500
const ORG = SANDBOX_CREDENTIALS.working.orgId

let core: AppCore
let sandbox: RunningSandbox
const servers: Array<HttpServer | TcpServer> = []
const sockets = new Set<Socket>()

async function listen<T extends HttpServer | TcpServer>(server: T): Promise<{ server: T; port: number }> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { server, port: (server.address() as { port: number }).port }
}

/** A raw HTTP server on 127.0.0.1 with one behaviour. */
async function raw(behaviour: (socket: Socket) => void): Promise<string> {
  const server = createTcpServer((socket) => {
    socket.once('data', () => behaviour(socket))
    socket.on('error', () => {})
  })
  return `http://127.0.0.1:${(await listen(server)).port}`
}

async function dispatch<T>(channel: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.dispatch(channel as never, input as never)
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
  return result.value as T
}

let next = 0
/** requests:send, timed; either the response or the error shape the renderer gets. */
async function send(url: string, options: { profileId?: string; timeoutMs?: number; retryIdempotent?: boolean } = {}) {
  const requestId = `fault-${next++}`
  const started = performance.now()
  const result = await core.dispatcher.dispatch('requests:send', {
    requestId,
    ...(options.profileId ? { profileId: options.profileId } : {}),
    spec: { method: 'GET', url, options: { timeoutMs: options.timeoutMs ?? TIMEOUT_MS, ...(options.retryIdempotent !== undefined ? { retries: options.retryIdempotent } : {}) } }
  })
  const elapsedMs = performance.now() - started
  return { requestId, elapsedMs, result, response: result.ok ? (result.value as HttpResponse) : undefined, error: result.ok ? undefined : result.error }
}

/** The history row of the last call, once the batched writer has flushed. */
async function lastRecorded() {
  await core.services.history.flush()
  const page = await dispatch<HistoryPage>('history:list', { limit: 1 })
  return page.items[0]
}

async function expectFailure(call: Awaited<ReturnType<typeof send>>, code: string | RegExp, phrase: RegExp, budgetMs = TIMEOUT_MS) {
  if (process.env.FAULT_DEBUG) console.log(`FAULT ${expect.getState().currentTestName} :: ${call.error?.code} :: ${call.error?.message} :: ${Math.round(call.elapsedMs)}ms`)
  expect(call.error, `expected a failure, got HTTP ${call.response?.status}`).toBeDefined()
  expect(call.error!.code).toMatch(code)
  expect(call.error!.message).toMatch(phrase)
  expect(call.elapsedMs).toBeLessThan(budgetMs + MARGIN_MS)
  const row = await lastRecorded()
  expect(row).toMatchObject({ errorCode: call.error!.code, errorMessage: call.error!.message })
}

async function customProfile(name: string, imsUrl: string, reactorUrl = sandbox.reactorUrl): Promise<string> {
  const working = SANDBOX_CREDENTIALS.working
  const created = await dispatch<ProfileSummary>('profiles:create', {
    draft: { name, environment: 'custom', imsBaseUrl: imsUrl, reactorBaseUrl: reactorUrl, clientId: working.clientId, orgId: ORG, scopes: working.scopes },
    clientSecret: working.clientSecret,
    sessionOnly: true
  })
  return created.id
}

beforeAll(async () => {
  core = createAppCore({ transport: 'loopback', version: 't', dataDir: await mkdtemp(join(tmpdir(), 'fault-matrix-')), log: () => {}, secretStores: [], sandbox: new SandboxHost({ seed: 11 }), proactiveRefresh: false })
  sandbox = await core.sandbox.ensureRunning()
  // The token wait counts toward a request's budget; the network setting bounds IMS calls of its own.
  await dispatch('settings:update', { network: { defaultTimeoutMs: TIMEOUT_MS } })
})
afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  await core?.dispose()
})

describe('IMS faults (the token for a Reactor call)', () => {
  const freshToken = () => core.services.credentials.tokens.invalidate(SANDBOX_PROFILE_ID)

  it('IMS down (connection refused)', async () => {
    const closed = await listen(createTcpServer())
    await new Promise((resolve) => closed.server.close(resolve))
    servers.splice(servers.indexOf(closed.server), 1)
    const profileId = await customProfile('IMS down', `http://127.0.0.1:${closed.port}`)
    await expectFailure(await send('/companies', { profileId }), 'ims-network', /^Nothing accepted the connection on 127\.0\.0\.1:\d+: the server refused it\./)
  })

  it('IMS answers 500', async () => {
    freshToken()
    sandbox.faults.add({ kind: 'status', status: 500, match: { path: '/ims/*' }, times: 1 })
    await expectFailure(await send('/companies', { profileId: SANDBOX_PROFILE_ID }), 'ims-server-error', /IMS had a problem \(HTTP 500/)
  })

  it('IMS is slow past the timeout', async () => {
    freshToken()
    sandbox.faults.add({ kind: 'latency', latencyMs: 5000, match: { path: '/ims/*' }, times: 1 })
    await expectFailure(await send('/companies', { profileId: SANDBOX_PROFILE_ID }), 'http-timeout', /^Gave up after 1\.5 s waiting for an access token from IMS .*so the request was not sent\./)
  })

  it('IMS answers garbage (malformed JSON)', async () => {
    freshToken()
    sandbox.faults.add({ kind: 'malformed-json', match: { path: '/ims/*' }, times: 1 })
    await expectFailure(await send('/companies', { profileId: SANDBOX_PROFILE_ID }), 'ims-unexpected-response', /^IMS answered HTTP 200 without an access token\. Is 127\.0\.0\.1:\d+ really an Adobe IMS host\?$/)
  })

  it('IMS sends a body that never ends', async () => {
    const endless = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n')
      const timer = setInterval(() => socket.writable && socket.write('400\r\n' + ' '.repeat(0x400) + '\r\n'), 5)
      socket.on('close', () => clearInterval(timer))
    })
    const profileId = await customProfile('IMS endless', endless)
    // The answer is cut at IMS's 64 KB bound (or the deadline, whichever comes first): never read forever.
    await expectFailure(await send('/companies', { profileId }), 'ims-unexpected-response', /^IMS sent more than 64 KB .*so reading stopped\./)
  })

  it('a token revoked mid-session: one refresh, one retry, and the call succeeds', async () => {
    await send('/companies', { profileId: SANDBOX_PROFILE_ID })
    const before = sandbox.stats().imsTokenRequests
    sandbox.faults.add({ kind: 'status', status: 401, match: { path: '/companies' }, times: 1 })
    const call = await send('/companies', { profileId: SANDBOX_PROFILE_ID })
    expect(call.response).toMatchObject({ status: 200, attempts: 2 })
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
    expect(await lastRecorded()).toMatchObject({ status: 200 })
  })
})

describe('Reactor and server faults', () => {
  it('429 with Retry-After: the wait is said, retried once it passed when retries are on', async () => {
    sandbox.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, match: { path: '/companies' }, times: 1 })
    const shown = await send('/companies', { profileId: SANDBOX_PROFILE_ID, retryIdempotent: false })
    expect(shown.response).toMatchObject({ status: 429, retryAfterSeconds: 1, attempts: 1 })
    expect(await lastRecorded()).toMatchObject({ status: 429 })
    sandbox.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, match: { path: '/companies' }, times: 1 })
    const retried = await send('/companies', { profileId: SANDBOX_PROFILE_ID, retryIdempotent: true, timeoutMs: 5000 })
    expect(retried.response).toMatchObject({ status: 200, attempts: 2 })
    expect(retried.elapsedMs).toBeGreaterThanOrEqual(900)
  })

  it('a burst of 503s: retried within the attempts, the last answer shown when they run out', async () => {
    sandbox.faults.add({ kind: 'status', status: 503, match: { path: '/companies' }, times: 5 })
    const call = await send('/companies', { profileId: SANDBOX_PROFILE_ID, retryIdempotent: true, timeoutMs: 5000 })
    expect(call.response).toMatchObject({ status: 503, attempts: 3 })
    expect(call.elapsedMs).toBeLessThan(3 * 5000)
    expect(await lastRecorded()).toMatchObject({ status: 503 })
    sandbox.faults.clear()
  })

  it('a connection reset in the middle of the body', async () => {
    sandbox.faults.add({ kind: 'reset', match: { path: '/companies' }, times: 1 })
    await expectFailure(await send('/companies', { profileId: SANDBOX_PROFILE_ID }), 'http-reset', /closed the connection while sending the response body\./)
  })

  it('a stalled server', async () => {
    sandbox.faults.add({ kind: 'stall', match: { path: '/companies' }, times: 1 })
    await expectFailure(await send('/companies', { profileId: SANDBOX_PROFILE_ID }), 'http-timeout', /started answering, but the body did not finish within 1\.5 s \(\d+ bytes had arrived\)/)
  })

  it('a 1 byte/s trickle is ended by the one deadline for the whole exchange', async () => {
    const trickle = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n')
      const timer = setInterval(() => socket.writable && socket.write('x'), 1000)
      socket.on('close', () => clearInterval(timer))
    })
    await expectFailure(await send(`${trickle}/slow`), 'http-timeout', /did not finish within 1\.5 s .*arriving too slowly/)
  })

  it('malformed JSON is shown as the text it is (main does not parse bodies)', async () => {
    sandbox.faults.add({ kind: 'malformed-json', match: { path: '/companies' }, times: 1 })
    const call = await send('/companies', { profileId: SANDBOX_PROFILE_ID })
    expect(call.response?.status).toBe(200)
    const body = call.response!.body
    expect(body.kind).toBe('inline')
    expect(() => JSON.parse((body as { text: string }).text)).toThrow()
    expect(await lastRecorded()).toMatchObject({ status: 200 })
  })

  it('a response that never ends', async () => {
    const endless = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n')
    })
    await expectFailure(await send(`${endless}/forever`), 'http-timeout', /did not finish within 1\.5 s \(5 bytes had arrived\)/)
  })

  it('a host name that does not resolve (.invalid)', async () => {
    await expectFailure(await send('http://reactor-explorer-test.invalid/companies'), 'http-dns', /^The host name reactor-explorer-test\.invalid could not be resolved \(DNS\)\./)
  })

  it('100 KB of response headers', async () => {
    const huge = await raw((socket) => {
      socket.end(`HTTP/1.1 200 OK\r\n${Array.from({ length: 100 }, (_, i) => `x-filler-${i}: ${'h'.repeat(1000)}`).join('\r\n')}\r\ncontent-length: 2\r\n\r\nok`)
    })
    // Today's sentence is undici's own words under the generic code (net/network-errors.ts has no case for
    // UND_ERR_HEADERS_OVERFLOW yet): bounded and recorded, but worth a sentence of its own.
    await expectFailure(await send(`${huge}/headers`), 'http-failed', /^The request to 127\.0\.0\.1:\d+ failed: Headers Overflow Error\.$/)
  })
})

describe('TLS failures', () => {
  const fixture = (name: string) => ({
    cert: readFileSync(join(__dirname, '../../fixtures/tls', `${name}.cert.pem`)),
    key: readFileSync(join(__dirname, '../../fixtures/tls', `${name}.key.pem`))
  })
  async function tlsServer(name: string): Promise<string> {
    const { port } = await listen(createHttpsServer(fixture(name), (_request, response) => response.end('{}')))
    return `https://127.0.0.1:${port}`
  }

  it.each([
    ['self-signed', /self-signed certificate/],
    ['expired', /certificate has expired/],
    // Not trusted before its name is checked: the chain fails first, so the sentence names that.
    ['wrong-host', /self-signed certificate|does not match/]
  ])('%s certificate', async (name, reason) => {
    const base = await tlsServer(name)
    await expectFailure(await send(`${base}/companies`), 'http-tls', reason)
    expect((await lastRecorded())!.errorMessage).toMatch(/not trusted, or the host does not speak HTTPS/)
  })
})
