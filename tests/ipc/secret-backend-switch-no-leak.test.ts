import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store'
import type { SecretStoreCandidate } from '../../src/main/core/secrets/secret-service'
import { encodedForms } from '../../src/main/core/security/secret-registry'

// settings:switchSecretBackend moves every secret between backends inside main: its answer, the events around
// it, the log, a refused move's error and settings.json carry counts and names of backends, never a value.
describe('switching the secrets backend never lets a secret out', () => {
  const CLIENT_SECRET = 'p8e-Sw1tch-client-secret-77c2'
  const PROXY_PASSWORD = 'Sw1tch-proxy-pass-4f10'
  let dir: string
  let core: AppCore
  const keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
  const candidates: SecretStoreCandidate[] = [{ name: 'keytar', backend: 'keychain', load: async () => keychain }]
  const outbound: string[] = []

  function open() {
    const opened = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, secretStores: candidates, log: (line) => outbound.push(line) })
    opened.events.subscribe((event) => outbound.push(JSON.stringify(event)))
    return opened
  }
  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-switch-leak-'))
    core = open()
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('lists the backends, moves to memory and back, refuses an unavailable one, and keeps only the name in settings.json', async () => {
    const created = await call('profiles:create', {
      draft: { name: 'Moving', environment: 'custom', imsBaseUrl: 'https://ims.example.test', reactorBaseUrl: 'https://reactor.example.test', clientId: 'client-id-1', orgId: 'ORG@AdobeOrg', scopes: ['openid'] },
      clientSecret: CLIENT_SECRET
    })
    expect(created.ok).toBe(true)
    expect(await call('settings:update', { network: { proxy: { mode: 'manual', url: 'http://proxy.example.test:8080', username: 'bob' } } })).toMatchObject({ ok: true })
    expect(await call('settings:setProxyPassword', { password: PROXY_PASSWORD })).toMatchObject({ ok: true })
    expect((await keychain.keys()).length).toBe(2)

    const listed = await call('settings:get')
    expect(listed).toMatchObject({ ok: true, value: { secretBackends: { options: [{ backend: 'keychain', available: true, inUse: true }, { backend: 'safe-storage', available: false }, { backend: 'memory', available: true, inUse: false }] } } })

    const toMemory = await call('settings:switchSecretBackend', { backend: 'memory' })
    expect(toMemory).toMatchObject({ ok: true, value: { moved: 2, message: '2 secrets moved to memory, for this session only (chosen in Settings).', settings: { secretBackend: { backend: 'memory' } } } })
    expect(await keychain.keys()).toEqual([])
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).secretBackend).toBe('memory')

    const refused = await call('settings:switchSecretBackend', { backend: 'safe-storage' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'settings-secrets-not-moved', message: expect.stringMatching(/exists only in the desktop app/) } })
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).secretBackend).toBe('memory')

    expect(await call('settings:switchSecretBackend', { backend: 'keychain' })).toMatchObject({ ok: true, value: { moved: 2 } })
    expect((await keychain.keys()).sort()).toEqual([expect.stringMatching(/^profile:.+:client-secret$/), 'settings:proxy-password'])
    expect(await call('secrets:status', { profileId: (created as { value: { id: string } }).value.id })).toMatchObject({ ok: true })

    const forbidden = [CLIENT_SECRET, PROXY_PASSWORD].flatMap((secret) => encodedForms(secret))
    const all = outbound.join('\n')
    for (const form of forbidden) expect(all.includes(form), `an answer, event or log holds ${form.slice(0, 6)}…`).toBe(false)
    expect(all).not.toMatch(/secret-leak-blocked|blocked an answer/)
    for (const name of await readdir(dir, { recursive: true })) {
      const content = await readFile(join(dir, name)).catch(() => undefined)
      if (!content) continue
      for (const form of forbidden) expect(content.includes(Buffer.from(form)), `${name} holds a secret`).toBe(false)
    }
  })

  it('honours the saved choice at the next start', async () => {
    expect(await call('settings:switchSecretBackend', { backend: 'memory' })).toMatchObject({ ok: true })
    await core.dispose()
    core = open()
    expect(await call('settings:get')).toMatchObject({ ok: true, value: { secretBackends: { chosen: 'memory' } } })
    expect(await call('settings:setProxyPassword', { password: PROXY_PASSWORD })).toMatchObject({ ok: true, value: { secretBackend: { backend: 'memory' } } })
    expect(await keychain.keys()).toEqual([])
  })
})
