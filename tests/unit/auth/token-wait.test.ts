// A request waiting for a token from IMS: cancelling it ends the wait at once, and the request's own timeout
// covers the wait. The shared IMS call itself goes on for every other caller waiting for it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { TokenManager } from '../../../src/main/core/auth/token-manager'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { SandboxHost, startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { FixedSource } from './helpers'

const SLOW_IMS_MS = 3000
const slowTokenEndpoint = { match: { method: 'POST', path: '/ims/token/v3' }, kind: 'latency' as const, latencyMs: SLOW_IMS_MS, times: 1 }

describe('waiting for a token, through the send pipeline (composed core, built-in Sandbox profile)', () => {
  let dir: string
  let services: CoreServices
  let sandbox: RunningSandbox
  let next = 0
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rx-token-wait-'))
    services = createCoreServices({ dataDir: dir, secretStores: [], proactiveRefresh: false, sandbox: new SandboxHost() })
    sandbox = await services.sandbox.ensureRunning()
  })
  afterAll(async () => {
    await services.dispose()
    await rm(dir, { recursive: true, force: true })
  })
  afterEach(() => {
    sandbox.faults.clear()
    services.credentials.tokens.invalidate(SANDBOX_PROFILE_ID)
  })

  it('cancel (requests:cancel) while IMS is slow: rejects with http-cancelled at once; the IMS call still serves other waiters', async () => {
    sandbox.faults.add(slowTokenEndpoint)
    const requestId = `wait-${next++}`
    const handlers = services.requests.handlers
    const started = Date.now()
    const sent = handlers['requests:send']({ requestId, profileId: SANDBOX_PROFILE_ID, spec: newRequestSpec({ method: 'GET', url: '/companies' }), variables: {} })
    const otherWaiter = services.credentials.tokens.getToken(SANDBOX_PROFILE_ID)
    setTimeout(() => void handlers['requests:cancel']({ requestId }), 100)
    await expect(sent).rejects.toMatchObject({ code: 'http-cancelled', message: 'The request was cancelled while it waited for an access token.' })
    expect(Date.now() - started).toBeLessThan(1000)
    // The one IMS call went on: the other caller gets its token when IMS answers, and nothing asked IMS twice.
    await expect(otherWaiter).resolves.toMatchObject({ source: 'ims' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_IMS_MS - 100)
    expect(sandbox.stats().imsTokenRequests).toBe(1)
    expect(sandbox.stats().reactorRequests).toBe(0)
  })

  it('the request’s timeout covers the token wait: ends after about 500 ms, saying it waited for a token', async () => {
    sandbox.faults.add(slowTokenEndpoint)
    const reactorBefore = sandbox.stats().reactorRequests
    const started = Date.now()
    const spec = newRequestSpec({ method: 'GET', url: '/companies', options: { timeoutMs: 500 } })
    const sent = services.requests.pipeline.send(spec, { requestId: `wait-${next++}`, profileId: SANDBOX_PROFILE_ID, source: 'app' })
    await expect(sent).rejects.toMatchObject({
      code: 'http-timeout',
      message: expect.stringMatching(/^Gave up after 0\.5 s waiting for an access token from IMS \(127\.0\.0\.1:\d+\), so the request was not sent\./)
    })
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(450)
    expect(elapsed).toBeLessThan(1500)
    expect(sandbox.stats().reactorRequests).toBe(reactorBefore)
  })

  it('with IMS answering in time, the same request goes through (the wait is bounded, not refused)', async () => {
    sandbox.faults.add({ ...slowTokenEndpoint, latencyMs: 200 })
    const spec = newRequestSpec({ method: 'GET', url: '/companies', options: { timeoutMs: 2000 } })
    const response = await services.requests.pipeline.send(spec, { requestId: `wait-${next++}`, profileId: SANDBOX_PROFILE_ID, source: 'app' })
    expect(response.status).toBe(200)
  })
})

describe('TokenManager.getToken with a signal', () => {
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(async () => {
    await sandbox.close()
  })

  it('an aborted waiter stops at once with the signal’s reason; the call in flight still fills the cache', async () => {
    const source = new FixedSource()
    source.add('p', { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl }, sandbox.credentials.working)
    const tokens = new TokenManager({ source })
    sandbox.faults.add({ ...slowTokenEndpoint, latencyMs: 600 })
    const controller = new AbortController()
    const waiting = tokens.getToken('p', { signal: controller.signal })
    const patient = tokens.getToken('p')
    controller.abort(new Error('gave up'))
    await expect(waiting).rejects.toThrow('gave up')
    const token = await patient
    expect(tokens.info('p')).toMatchObject({ state: 'valid', fingerprint: token.fingerprint })
    // Already aborted: the caller gave up before asking, so no IMS call starts.
    const calls = sandbox.stats().imsTokenRequests
    await expect(tokens.getToken('p', { signal: AbortSignal.abort(new Error('too late')), force: true })).rejects.toThrow('too late')
    expect(sandbox.stats().imsTokenRequests).toBe(calls)
    tokens.dispose()
  })
})
