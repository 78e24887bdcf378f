import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SandboxHost } from '../../../src/sandbox'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import type { HttpResponse } from '../../../src/shared/contract'

// The executor and the credentials capability composed as the app composes them, against the built-in
// Sandbox profile: what a person gets with zero setup.
describe('requests:send with the built-in Sandbox profile (composed app core)', () => {
  let core: AppCore
  beforeAll(async () => {
    core = createAppCore({
      transport: 'loopback',
      version: 't',
      dataDir: await mkdtemp(join(tmpdir(), 'core-credentials-')),
      log: () => {},
      secretStores: [],
      sandbox: new SandboxHost({ seed: 7 })
    })
  })
  afterAll(async () => {
    await core.dispose()
  })

  let next = 0
  async function send(url: string): Promise<HttpResponse> {
    const result = await core.dispatcher.dispatch('requests:send', { requestId: `r${next++}`, profileId: SANDBOX_PROFILE_ID, spec: { method: 'GET', url } })
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as HttpResponse
  }

  it('reads /companies with no setup, the token managed and masked', async () => {
    const response = await send('/companies')
    expect(response.status).toBe(200)
    const authorization = response.sentHeaders.find(([name]) => name.toLowerCase() === 'authorization')?.[1]
    expect(authorization).toMatch(/^Bearer ••••.{4} \(profile\)$/)
  })

  it('on a 401, fetches a new token once and retries once', async () => {
    const sandbox = core.sandbox.current()!
    await send('/companies') // a token is cached
    const before = sandbox.stats().imsTokenRequests
    sandbox.faults.add({ kind: 'status', status: 401, match: { path: '/companies' }, times: 1 })
    const response = await send('/companies')
    expect(response.status).toBe(200)
    expect(response.attempts).toBe(2)
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
  })

  it('shares one IMS call among 20 simultaneous 401s on the same token and never retries a request twice', async () => {
    const sandbox = core.sandbox.current()!
    await send('/companies')
    const before = sandbox.stats().imsTokenRequests
    // The slow 401s keep every first attempt in flight with the same token before any refusal arrives.
    // The fault's 20 uses race with the retries for the same path, so some retries may meet it too; what
    // must hold is one IMS call in all, and at most one retry per request.
    sandbox.faults.add({ kind: 'status', status: 401, latencyMs: 300, match: { path: '/companies' }, times: 20 })
    const responses = await Promise.all(Array.from({ length: 20 }, () => send('/companies')))
    expect(responses.every((response) => response.attempts <= 2)).toBe(true)
    expect(responses.some((response) => response.attempts === 2)).toBe(true)
    expect(sandbox.stats().imsTokenRequests - before).toBe(1)
    sandbox.faults.clear()
    expect((await send('/companies')).status).toBe(200)
  })
})
