import { describe, expect, it } from 'vitest'
import { classifyKeychainMessage } from '../../../src/main/core/secrets/keychain-errors'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService, secretKey, type SecretStoreCandidate } from '../../../src/main/core/secrets/secret-service'
import { SecretStoreError, type SecretStore } from '../../../src/main/core/secrets/secret-store'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

// The messages keytar 7.9 really gives on Linux (electron-architecture.md §3.3, verified on the build machines).
const RECORDED = {
  noBus: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
  locked: 'Cannot create an item in a locked collection',
  noKeyring: 'Object does not exist at path “/org/freedesktop/secrets/collection/login”'
}

function failing(message: string): SecretStoreCandidate {
  return {
    name: 'fake-keytar',
    load: async () => {
      const store = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'fake keychain' })
      return Object.assign(store, { probe: async () => Promise.reject(new Error(message)) })
    }
  }
}

function working(label = 'fake keychain'): { candidate: SecretStoreCandidate; store: MemorySecretStore } {
  const store = new MemorySecretStore({ backend: 'keychain', persistent: true, label })
  return { candidate: { name: 'fake', load: async () => store }, store }
}

describe('keychain failure classification (recorded keytar messages)', () => {
  it.each([
    [RECORDED.noBus, 'no-session-bus'],
    [RECORDED.locked, 'locked'],
    [RECORDED.noKeyring, 'no-keyring'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-keyring'],
    ['operation timed out', 'timeout']
  ])('%s -> %s', (message, code) => {
    expect(classifyKeychainMessage(message)).toBe(code)
  })
})

describe('SecretService policy', () => {
  it('reads the keychain once to learn whether a secret exists, then knows it from its own writes', async () => {
    const { candidate, store } = working()
    await store.set(secretKey('p1', 'client-secret'), 'stored-before-start-1')
    let reads = 0
    const get = store.get.bind(store)
    store.get = async (key: string) => {
      reads++
      return get(key)
    }
    const service = new SecretService({ candidates: [candidate] })
    const key = secretKey('p1', 'client-secret')
    expect((await service.locate(key)).stored).toBe(true)
    expect((await service.locate(key)).stored).toBe(true)
    expect(reads).toBe(1)
    await service.delete(key)
    expect((await service.locate(key)).stored).toBe(false)
    await service.set(key, 'stored-again-123')
    expect((await service.locate(key)).stored).toBe(true)
    expect(reads).toBe(1)
  })

  it('uses the first backend that works and reports it', async () => {
    const first = working('first')
    const service = new SecretService({ candidates: [first.candidate, working('second').candidate] })
    expect((await service.backendInfo()).label).toBe('first')
    await service.set('k', 'value-123456')
    expect(await first.store.get('k')).toBe('value-123456')
  })

  it('falls back to the next backend, keeping the reason the first failed', async () => {
    const second = working('safe storage')
    const service = new SecretService({ candidates: [failing(RECORDED.locked), second.candidate] })
    const info = await service.backendInfo()
    expect(info.label).toBe('safe storage')
    expect(info.problem?.code).toBe('locked')
  })

  it.each([
    [RECORDED.noBus, 'no-session-bus'],
    [RECORDED.locked, 'locked'],
    [RECORDED.noKeyring, 'no-keyring']
  ])('falls back to memory for the session and says why (%s)', async (message, code) => {
    const service = new SecretService({ candidates: [failing(message)] })
    const info = await service.backendInfo()
    expect(info).toMatchObject({ backend: 'memory', persistent: false, problem: { code } })
    expect(info.problem?.message).toMatch(/keychain|keyring|bus/i)
    const location = await service.set('k', 'session-value-1')
    expect(location.backend.backend).toBe('memory')
    expect(await service.get('k')).toBe('session-value-1')
  })

  it('times out a keychain that never answers (unlock prompt) and classifies it', async () => {
    const hanging: SecretStoreCandidate = {
      name: 'hanging',
      load: async () => Object.assign(new MemorySecretStore(), { probe: () => new Promise<void>(() => {}) })
    }
    const service = new SecretService({ candidates: [hanging], timeoutMs: 50 })
    expect((await service.backendInfo()).problem?.code).toBe('timeout')
  })

  it('a refused save is a classified error; "this session only" then works', async () => {
    const store: SecretStore = Object.assign(new MemorySecretStore({ backend: 'keychain', persistent: true }), {
      set: async () => Promise.reject(new Error(RECORDED.locked))
    })
    const service = new SecretService({ candidates: [{ name: 'locked-on-write', load: async () => store }] })
    await expect(service.set('k', 'secret-value-9')).rejects.toMatchObject({ code: 'locked' })
    await expect(service.set('k', 'secret-value-9')).rejects.toBeInstanceOf(SecretStoreError)
    const location = await service.set('k', 'secret-value-9', { sessionOnly: true })
    expect(location).toMatchObject({ stored: true, sessionOnly: true, backend: { backend: 'memory', persistent: false } })
    expect(await service.get('k')).toBe('secret-value-9')
  })

  it('registers every value it stores or reads with the SecretRegistry', async () => {
    const registry = new SecretRegistry()
    const backing = working()
    await backing.store.set('pre', 'pre-existing-secret')
    const service = new SecretService({ candidates: [backing.candidate], registry })
    await service.set('k', 'stored-secret-1')
    await service.get('pre')
    expect(registry.containsSecret('x stored-secret-1 y')).toBe(true)
    expect(registry.containsSecret('pre-existing-secret')).toBe(true)
  })

  it('deleting a profile deletes its secrets from every place', async () => {
    const backing = working()
    const service = new SecretService({ candidates: [backing.candidate] })
    await service.set(secretKey('p1', 'client-secret'), 'client-secret-1')
    await service.set(secretKey('p1', 'manual-token'), 'manual-token-1', { sessionOnly: true })
    await service.set(secretKey('p2', 'client-secret'), 'client-secret-2')
    await service.deleteProfileSecrets('p1')
    expect(await service.get(secretKey('p1', 'client-secret'))).toBeUndefined()
    expect(await service.get(secretKey('p1', 'manual-token'))).toBeUndefined()
    expect(await service.get(secretKey('p2', 'client-secret'))).toBe('client-secret-2')
  })

  it('locate() says where a secret is without returning it', async () => {
    const service = new SecretService({ candidates: [working('Keychain X').candidate] })
    await service.set('k', 'located-secret')
    const location = await service.locate('k')
    expect(location).toEqual({ stored: true, backend: { backend: 'keychain', persistent: true, label: 'Keychain X' }, sessionOnly: false })
    expect(JSON.stringify(location)).not.toContain('located-secret')
  })
})
