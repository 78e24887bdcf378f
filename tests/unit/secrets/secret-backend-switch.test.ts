// Settings → "Keep secrets in": every secret moves from the backend in use to the chosen one, all or nothing.
import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { describeSecretKey, SecretMigrationError } from '../../../src/main/core/secrets/secret-migration'
import { SecretService, secretKey, type SecretStoreCandidate } from '../../../src/main/core/secrets/secret-service'
import type { SecretBackend } from '../../../src/main/core/secrets/secret-store'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { collectionSecretKey } from '../../../src/main/core/collections/collection-secrets'
import { PROXY_PASSWORD_KEY } from '../../../src/main/core/settings/proxy-password'

/** A persistent fake backend that can refuse its n-th write or give back another value than it was given. */
class FakeStore extends MemorySecretStore {
  writes = 0
  failOnWrite: number | undefined
  failWith = 'Cannot create an item in a locked collection'
  corruptOnRead = false

  constructor(backend: SecretBackend, label: string) {
    super({ backend, persistent: true, label })
  }

  override async set(key: string, value: string): Promise<void> {
    this.writes += 1
    if (this.writes === this.failOnWrite) throw new Error(this.failWith)
    await super.set(key, value)
  }

  override async get(key: string): Promise<string | undefined> {
    const value = await super.get(key)
    return this.corruptOnRead && value !== undefined ? `${value}-changed` : value
  }

  async contents(): Promise<Record<string, string>> {
    const entries: Record<string, string> = {}
    for (const key of await this.keys()) entries[key] = (await super.get(key))!
    return entries
  }
}

const SECRETS: Record<string, string> = {
  [secretKey('p1', 'client-secret')]: 'p8e-client-secret-value-0001',
  [secretKey('p2', 'manual-token')]: 'eyJhbGciOi.pasted-token-value.0002',
  [collectionSecretKey('/home/me/team-collection', { environment: 'Production' }, 'apiKey')]: 'collection-env-secret-0003',
  [collectionSecretKey('/home/me/team-collection', { collection: true }, 'signingKey')]: 'collection-secret-0004',
  [PROXY_PASSWORD_KEY]: 'proxy-password-0005'
}

async function setUp() {
  const keychain = new FakeStore('keychain', 'fake keychain')
  const safe = new FakeStore('safe-storage', 'fake safeStorage')
  const candidates: SecretStoreCandidate[] = [
    { name: 'keytar', backend: 'keychain', load: async () => keychain },
    { name: 'safeStorage', backend: 'safe-storage', load: async () => safe }
  ]
  const registry = new SecretRegistry()
  const service = new SecretService({ candidates, registry })
  for (const [key, value] of Object.entries(SECRETS)) await service.set(key, value)
  keychain.writes = 0
  return { keychain, safe, service, registry }
}

describe('switching the secrets backend', () => {
  it('moves every secret (profiles, pasted tokens, collection variables, the proxy password): the new store is full, the old one empty', async () => {
    const { keychain, safe, service } = await setUp()
    const result = await service.switchBackend('safe-storage')
    expect(result.moved.sort()).toEqual(Object.keys(SECRETS).sort())
    expect(result.leftInOld).toEqual([])
    expect(await safe.contents()).toEqual(SECRETS)
    expect(await keychain.keys()).toEqual([])
    expect((await service.backendInfo()).backend).toBe('safe-storage')
    // Reads and new writes go to the new backend from now on.
    expect(await service.get(PROXY_PASSWORD_KEY)).toBe(SECRETS[PROXY_PASSWORD_KEY])
    await service.set(secretKey('p3', 'client-secret'), 'new-after-switch-0006')
    expect(await safe.get(secretKey('p3', 'client-secret'))).toBe('new-after-switch-0006')
    expect(await keychain.keys()).toEqual([])
  })

  it('rolls back when the new store refuses its 3rd write: nothing lost, nothing half-moved, and the error names the secret and why', async () => {
    const { keychain, safe, service } = await setUp()
    safe.failOnWrite = 3
    const thirdKey = Object.keys(SECRETS)[2]!
    const error = await service.switchBackend('safe-storage').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SecretMigrationError)
    expect((error as SecretMigrationError).secret).toBe(thirdKey)
    expect((error as Error).message).toContain('writing to fake safeStorage failed at the collection secret variable "apiKey" (environment "Production")')
    expect((error as Error).message).toContain('The system keychain is locked')
    expect((error as Error).message).toContain('Every secret is still in fake keychain.')
    expect(await safe.keys()).toEqual([])
    expect(await keychain.contents()).toEqual(SECRETS)
    expect((await service.backendInfo()).backend).toBe('keychain')
  })

  it('rolls back when a copy reads back different from what was written', async () => {
    const { keychain, safe, service } = await setUp()
    safe.corruptOnRead = true
    const error = await service.switchBackend('safe-storage').catch((caught: unknown) => caught)
    expect((error as Error).message).toMatch(/^Secrets were not moved: checking the copy in fake safeStorage failed at the client secret of profile p1\./)
    expect((error as Error).message).toContain('gave back a different value than was written')
    expect(await safe.keys()).toEqual([])
    expect(await keychain.contents()).toEqual(SECRETS)
  })

  it('restores a value the new store already held under the same key when it rolls back', async () => {
    const { keychain, safe, service } = await setUp()
    await safe.set(PROXY_PASSWORD_KEY, 'an-older-proxy-password')
    safe.writes = 0
    safe.failOnWrite = Object.keys(SECRETS).length
    await expect(service.switchBackend('safe-storage')).rejects.toThrow(SecretMigrationError)
    expect(await safe.contents()).toEqual({ [PROXY_PASSWORD_KEY]: 'an-older-proxy-password' })
    expect(await keychain.contents()).toEqual(SECRETS)
  })

  it('to "this session only" and back: the values live in memory meanwhile, and the registry still masks every one', async () => {
    const { keychain, service, registry } = await setUp()
    await service.switchBackend('memory')
    expect(await keychain.keys()).toEqual([])
    expect((await service.backendInfo()).label).toBe('memory, for this session only (chosen in Settings)')
    expect(await service.get(secretKey('p1', 'client-secret'))).toBe(SECRETS[secretKey('p1', 'client-secret')])
    await service.switchBackend('keychain')
    expect(await keychain.contents()).toEqual(SECRETS)
    for (const value of Object.values(SECRETS)) expect(registry.redact(`value: ${value}`)).not.toContain(value)
  })

  it('says why the chosen backend cannot be used and moves nothing when it is unavailable', async () => {
    const keychain = new FakeStore('keychain', 'fake keychain')
    const service = new SecretService({
      candidates: [
        { name: 'keytar', backend: 'keychain', load: async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) }
      ]
    })
    await service.set(PROXY_PASSWORD_KEY, 'session-proxy-password')
    await expect(service.switchBackend('keychain')).rejects.toThrow(/^Secrets were not moved: the OS keychain is not available here\. No desktop session bus was found/)
    await expect(service.switchBackend('safe-storage')).rejects.toThrow(/exists only in the desktop app/)
    expect(await service.get(PROXY_PASSWORD_KEY)).toBe('session-proxy-password')
    expect(await keychain.keys()).toEqual([])
    const choice = await service.backendChoice()
    expect(choice.options.map((option) => [option.backend, option.available, option.inUse])).toEqual([
      ['keychain', false, false],
      ['safe-storage', false, false],
      ['memory', true, true]
    ])
    expect(choice.options[0]!.problem).toMatch(/No desktop session bus was found/)
  })

  it('honours the saved choice at start, and falls back (saying so) when it is unavailable', async () => {
    const keychain = new FakeStore('keychain', 'fake keychain')
    const safe = new FakeStore('safe-storage', 'fake safeStorage')
    const preferSafe = new SecretService({
      candidates: [
        { name: 'keytar', backend: 'keychain', load: async () => keychain },
        { name: 'safeStorage', backend: 'safe-storage', load: async () => safe }
      ]
    })
    preferSafe.prefer('safe-storage')
    await preferSafe.set(PROXY_PASSWORD_KEY, 'goes-to-safe-storage')
    expect(await safe.keys()).toEqual([PROXY_PASSWORD_KEY])
    expect((await preferSafe.backendChoice()).notice).toBeUndefined()

    const fallback = new SecretService({ candidates: [{ name: 'keytar', backend: 'keychain', load: async () => keychain }] })
    fallback.prefer('safe-storage')
    const choice = await fallback.backendChoice()
    expect(choice.chosen).toBe('safe-storage')
    expect(choice.notice).toBe(
      'Secrets are set to be kept in Electron safeStorage, which is not available now: Electron safeStorage cannot be used by this front end (it exists only in the desktop app). Until it is, they are kept in fake keychain.'
    )
    expect((await fallback.backendInfo()).backend).toBe('keychain')
  })

  it('names secrets by what they belong to, never by value', () => {
    expect(describeSecretKey(secretKey('abc', 'manual-token'))).toBe('the pasted access token of profile abc')
    expect(describeSecretKey(PROXY_PASSWORD_KEY)).toBe('the proxy password')
  })
})
