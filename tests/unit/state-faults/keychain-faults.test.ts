import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import type { SecretStoreCandidate } from '../../../src/main/core/secrets/secret-service'
import { openApp } from './support'

// State faults (SECURITY.md §6): the system keychain locked or absent when the app starts, or locking while
// it runs. The keychain is a double that answers like keytar's libsecret does (the recorded message).
const LOCKED = 'Cannot create an item in a locked collection'

function lockableKeychain() {
  const store = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
  const state = { locked: false }
  const guard = <A extends unknown[], R>(work: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (state.locked) throw new Error(LOCKED)
    return work(...args)
  }
  const locking = Object.assign(store, {
    get: guard(store.get.bind(store)),
    set: guard(store.set.bind(store)),
    delete: guard(store.delete.bind(store)),
    probe: guard(async () => {})
  })
  const candidate: SecretStoreCandidate = { name: 'test keychain', load: async () => locking }
  return { candidate, state }
}

let apps: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(apps.map((app) => app.dispose()))
  apps = []
})
function start(stores: SecretStoreCandidate[]) {
  const app = openApp(mkdtempSync(join(tmpdir(), 'rx-keychain-')), stores)
  apps.push(app)
  return app
}
const DRAFT = { name: 'Mine', environment: 'production', clientId: 'my-client', orgId: 'ORG@AdobeOrg' }

async function sandboxStillSends(app: ReturnType<typeof openApp>) {
  const sent = (await app.call('requests:send', { requestId: `s-${Math.random()}`, profileId: 'sandbox', spec: { method: 'GET', url: '/companies' } })) as { status: number }
  expect(sent.status).toBe(200)
}

describe('a keychain that cannot be used', () => {
  it.each([
    ['locked at start', [lockableKeychain()].map((k) => ((k.state.locked = true), k.candidate)), /locked/],
    ['absent at start', [{ name: 'keytar', load: async () => Promise.reject(new Error('Cannot find module keytar.node')) }], /No usable system keychain/]
  ])('%s: profiles:list says secrets are kept in memory and why; a saved secret lasts the session; the Sandbox works', async (_name, stores, why) => {
    const app = start(stores as SecretStoreCandidate[])
    const state = (await app.call('profiles:list')) as { secretBackend: { backend: string; label: string; problem?: { code: string; message: string } } }
    expect(state.secretBackend.backend).toBe('memory')
    expect(state.secretBackend.label).toMatch(/memory, for this session only/)
    expect(state.secretBackend.problem?.message).toMatch(why)
    const created = (await app.call('profiles:create', { draft: DRAFT, clientSecret: 'p8e-memory-only-secret-0123456789ab' })) as { id: string }
    const status = JSON.stringify(await app.call('secrets:status', { profileId: created.id }))
    expect(status).toMatch(/memory/)
    await sandboxStillSends(app)
  })

  it('locking mid-session: profiles:list says where secrets are and what is wrong, tokens:generate fails with a sentence, the Sandbox works', async () => {
    const keychain = lockableKeychain()
    const app = start([keychain.candidate])
    const created = (await app.call('profiles:create', { draft: DRAFT, clientSecret: 'p8e-keychain-secret-0123456789abcd' })) as { id: string }
    expect(((await app.call('profiles:list')) as { secretBackend: { backend: string } }).secretBackend.backend).toBe('keychain')
    keychain.state.locked = true
    const refused = await app.attempt('tokens:generate', { id: created.id })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).not.toBe('internal')
    expect(refused.error.message).toMatch(/keychain is locked.*Unlock it/)
    const listed = (await app.call('profiles:list')) as { secretBackend: { backend: string; label: string; problem?: { code: string } }; profiles: Array<{ id: string }> }
    expect(listed.secretBackend.backend).toBe('keychain')
    expect(listed.secretBackend.problem?.code).toBe('locked')
    expect(listed.profiles.map((p) => p.id)).toContain(created.id)
    await sandboxStillSends(app)
    expect(((await app.call('app:info')) as { name: string }).name).toBe('Reactor Explorer')
    keychain.state.locked = false
    // Unlocked again: the same profile gets past the keychain (its IMS host is not reachable here, so the
    // error is now about the network, not the keychain).
    const after = await app.attempt('tokens:generate', { id: created.id })
    if (!after.ok) expect(after.error.message).not.toMatch(/keychain/)
    expect(((await app.call('profiles:list')) as { secretBackend: { problem?: unknown } }).secretBackend.problem).toBeUndefined()
  })
})
