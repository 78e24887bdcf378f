import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { SandboxHost, SANDBOX_CREDENTIALS } from '../../../src/sandbox'

// A send resolves its profile once (host, credential, auth for every hop and the 401 retry). Before the
// send pipeline, one request read profiles.json three times: for the base URL, for the auth headers, and
// again for a 401 retry.
describe('one send, one read of the profile', () => {
  let dir: string
  let services: CoreServices
  const sandbox = new SandboxHost()
  let profileId: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rx-once-'))
    services = createCoreServices({ dataDir: dir, sandbox, secretStores: [], proactiveRefresh: false })
    const running = await sandbox.ensureRunning()
    const working = SANDBOX_CREDENTIALS.working
    const created = await services.credentials.profiles.create(
      { name: 'Working', environment: 'custom', imsBaseUrl: running.imsUrl, reactorBaseUrl: running.reactorUrl, clientId: working.clientId, orgId: working.orgId, scopes: working.scopes },
      { value: working.clientSecret }
    )
    profileId = created.id
    // Warm the token (and history's name for the profile) so the count below is the send's own.
    await services.requests.pipeline.send(newRequestSpec({ url: '/companies' }), { requestId: 'warm', profileId, source: 'app' })
    await services.history.flush()
  })
  afterAll(async () => {
    await services.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('reads profiles.json once per send, also when a 401 makes it refresh and retry', async () => {
    const repository = services.credentials.repository
    const original = repository.read.bind(repository)
    const traces: string[] = []
    vi.spyOn(repository, 'read').mockImplementation(() => {
      traces.push(new Error('read').stack ?? '')
      return original()
    })
    const response = await services.requests.pipeline.send(newRequestSpec({ url: '/companies' }), { requestId: 'one', profileId, source: 'app' })
    expect(response.status).toBe(200)
    expect(traces).toHaveLength(1)
    traces.length = 0
    ;(await sandbox.ensureRunning()).faults.add({ kind: 'status', status: 401, match: { path: '/companies' }, times: 1 })
    const retried = await services.requests.pipeline.send(newRequestSpec({ url: '/companies' }), { requestId: 'two', profileId, source: 'app' })
    expect(retried).toMatchObject({ status: 200, attempts: 2 })
    // The refresh after the 401 asks IMS again with the credential the send already resolved.
    expect(traces).toHaveLength(1)
  })
})
