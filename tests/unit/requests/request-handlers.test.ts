import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequestsCapability, defaultSavePath, type RequestsCapability } from '../../../src/main/core/requests/request-handlers'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { createDispatcher, type Dispatcher, type Handlers } from '../../../src/main/core/rpc/dispatcher'
import { EventHub, type AnyEvent } from '../../../src/main/core/rpc/event-hub'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { PROFILE, SandboxProvider } from '../http/support'

let sb: RunningSandbox
let dir: string
let http: RequestsCapability
let dispatcher: Dispatcher
let provider: SandboxProvider
const events: AnyEvent[] = []
const saves: string[] = []

beforeAll(async () => {
  sb = await startSandbox({ seed: 3 })
  dir = await mkdtemp(join(tmpdir(), 'rx-handlers-'))
  const secrets = new SecretRegistry()
  const hub = new EventHub(secrets)
  hub.subscribe((event) => events.push(event))
  provider = new SandboxProvider(sb, secrets)
  http = createRequestsCapability({
    provider,
    dataDir: dir,
    events: hub,
    secrets,
    tempDir: join(dir, 'bodies'),
    chooseSavePath: async (name) => {
      saves.push(name)
      return name.startsWith('cancel') ? undefined : join(dir, 'out', name)
    }
  })
  // Only the requests channels are exercised here; the others are not part of this capability.
  dispatcher = createDispatcher({ handlers: http.handlers as unknown as Handlers, secrets })
})
afterAll(async () => {
  await http.dispose()
  await sb.close()
  await rm(dir, { recursive: true, force: true })
})

describe('requests:* handlers through the dispatcher', () => {
  it('sends, emits progress, and nothing that crosses holds the token', async () => {
    const result = await dispatcher.dispatch('requests:send', { requestId: 'h1', profileId: PROFILE, spec: { method: 'GET', url: '/companies' } })
    expect(result.ok).toBe(true)
    const value = (result as { value: { status: number } }).value
    expect(value.status).toBe(200)
    expect(events.some((e) => e.name === 'requests:progress' && e.payload.requestId === 'h1' && (e.payload as { phase: string }).phase === 'done')).toBe(true)
    expect(provider.token).toBeTruthy()
    expect(JSON.stringify(result) + JSON.stringify(events)).not.toContain(provider.token)
  })

  it('cancels by requestId', async () => {
    sb.faults.add({ match: { path: '/companies' }, kind: 'latency', latencyMs: 3000, times: 1 })
    const pending = dispatcher.dispatch('requests:send', { requestId: 'slow', profileId: PROFILE, spec: { method: 'GET', url: '/companies' } })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await dispatcher.dispatch('requests:cancel', { requestId: 'slow' })).toEqual({ ok: true, value: { cancelled: true } })
    const result = await pending
    expect(result).toMatchObject({ ok: false, error: { code: 'http-cancelled' } })
    expect(await dispatcher.dispatch('requests:cancel', { requestId: 'slow' })).toEqual({ ok: true, value: { cancelled: false } })
  })

  it('saves a large body where the dialog says; a cancelled dialog saves nothing', async () => {
    const sent = await dispatcher.dispatch('requests:send', {
      requestId: 'big',
      profileId: PROFILE,
      spec: { method: 'GET', url: `/properties/${sb.seeded.webPropertyId}/rules`, params: [{ name: 'page[size]', value: '100' }] },
      maxInlineBodyBytes: 1024
    })
    const body = (sent as { value: { body: { kind: string; bodyId: string; bytes: number } } }).value.body
    expect(body.kind).toBe('file')
    const saved = await dispatcher.dispatch('requests:saveBody', { bodyId: body.bodyId, suggestedName: '../../etc/rules.json' })
    expect(saved).toEqual({ ok: true, value: { saved: true, path: join(dir, 'out', 'rules.json') } })
    expect((await readFile(join(dir, 'out', 'rules.json'))).length).toBe(body.bytes)
    expect(await dispatcher.dispatch('requests:saveBody', { bodyId: body.bodyId, suggestedName: 'cancel.json' })).toEqual({ ok: true, value: { saved: false } })
    expect(await dispatcher.dispatch('requests:saveBody', { bodyId: 'nope' })).toMatchObject({ ok: false, error: { code: 'http-body-gone' } })
  })

  it('fetch-all through the handler', async () => {
    const result = await dispatcher.dispatch('requests:fetchAllPages', {
      request: { requestId: 'all', profileId: PROFILE, spec: { method: 'GET', url: `/properties/${sb.seeded.webPropertyId}/data_elements` } },
      pageSize: 10
    })
    expect(result.ok).toBe(true)
    const value = (result as { value: { pages: number; totalCount: number } }).value
    expect(value.pages).toBeGreaterThan(1)
    expect(value.totalCount).toBeGreaterThan(10)
  })

  it('errors are readable, not crashes', async () => {
    const dns = await dispatcher.dispatch('requests:send', { requestId: 'd', spec: { method: 'GET', url: 'http://nowhere.invalid/' } })
    expect(dns).toMatchObject({ ok: false, error: { code: 'http-dns' } })
    const noProfiles = createNoProfilesProvider()
    await expect(noProfiles.reactorBaseUrl('p1')).rejects.toMatchObject({ code: 'profile-not-found' })
  })

  it('default save path never overwrites', async () => {
    const first = await defaultSavePath('rules.json', join(dir, 'out'))
    expect(first).toBe(join(dir, 'out', 'rules (1).json'))
  })
})
