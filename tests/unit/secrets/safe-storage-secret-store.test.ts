import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A mocked electron.safeStorage (async API) that "encrypts" by reversing + base64, so a test can prove the
// file holds ciphertext, not the value.
const safeStorage = {
  backend: 'gnome_libsecret' as string,
  available: true,
  isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptStringAsync: vi.fn(async (text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`)),
  decryptStringAsync: vi.fn(async (buffer: Buffer) => ({ result: [...buffer.toString().slice(4)].reverse().join(''), shouldReEncrypt: false }))
}
vi.mock('electron', () => ({ safeStorage }))

const { SafeStorageSecretStore } = await import('../../../src/main/platform/safe-storage-secret-store')

describe('SafeStorageSecretStore (mocked electron)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-safe-'))
    safeStorage.backend = 'gnome_libsecret'
    safeStorage.available = true
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('stores ciphertext in a 0600 file and reads it back', async () => {
    const store = new SafeStorageSecretStore(dir, 'linux')
    await store.probe()
    await store.set('profile:a:client-secret', 'my-plain-secret')
    const file = join(dir, 'secrets.safe-storage.json')
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('my-plain-secret')
    expect(text).toContain('v1:')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await store.get('profile:a:client-secret')).toBe('my-plain-secret')
    expect(await store.delete('profile:a:client-secret')).toBe(true)
    expect(await store.get('profile:a:client-secret')).toBeUndefined()
    expect(store.describe()).toMatchObject({ backend: 'safe-storage', persistent: true })
  })

  it('refuses Linux basic_text (obfuscation with a hardcoded password)', async () => {
    safeStorage.backend = 'basic_text'
    await expect(new SafeStorageSecretStore(dir, 'linux').probe()).rejects.toMatchObject({ code: 'no-keyring' })
  })

  it('refuses when async encryption is unavailable', async () => {
    safeStorage.available = false
    await expect(new SafeStorageSecretStore(dir, 'darwin').probe()).rejects.toThrow(/not available/)
  })
})
