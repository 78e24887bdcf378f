import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { startHttps, type LocalServer } from '../unit/net/servers'

// Through the whole core (contract, pipeline, executor, network layer): a host on the "do not verify" list
// answers, and the answer the renderer gets says its certificate was not checked.
describe('requests:send to a host whose certificate is not verified', () => {
  let dir: string
  let core: AppCore
  let server: LocalServer
  beforeAll(async () => {
    server = await startHttps('self-signed')
    dir = await mkdtemp(join(tmpdir(), 're-tls-send-'))
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, secretStores: [], log: () => undefined })
  })
  afterAll(async () => {
    await core.dispose()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('is refused while checked, then answers with tlsVerification: off', async () => {
    const spec = { name: 'Self-signed', method: 'GET', url: `${server.url}/hello` }
    expect(await core.dispatcher.dispatch('requests:send', { requestId: 't1', spec })).toMatchObject({ ok: false, error: { code: 'http-tls' } })
    expect(await core.dispatcher.dispatch('settings:update', { network: { tls: { noVerifyHosts: ['127.0.0.1'] } } })).toMatchObject({ ok: true })
    const answer = await core.dispatcher.dispatch('requests:send', { requestId: 't2', spec })
    expect(answer).toMatchObject({ ok: true, value: { status: 200, tlsVerification: 'off' } })
  })
})
