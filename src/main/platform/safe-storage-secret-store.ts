// Electron safeStorage (async API) as the second choice: a key protected by the OS, ciphertext in a 0600
// file. Used only where a real OS keyring backs it; on Linux `basic_text` is obfuscation with a hardcoded
// password, which DESIGN.md forbids, so it is refused rather than silently used.
import { safeStorage } from 'electron'
import { chmod, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { SecretStoreError, type SecretBackendInfo, type SecretStore } from '../core/secrets/secret-store'
import type { SecretStoreCandidate } from '../core/secrets/secret-service'

const TAG = 'v1:'

type SecretFile = { version: 1; entries: Record<string, string> }

function backendLabel(backend: string, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'encrypted file, key in macOS Keychain (safeStorage)'
  if (platform === 'win32') return 'encrypted file, key protected by Windows DPAPI (safeStorage)'
  return `encrypted file, key in ${backend} (safeStorage)`
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string

  constructor(dataDir: string, private readonly platform: NodeJS.Platform = process.platform) {
    this.file = join(dataDir, 'secrets.safe-storage.json')
  }

  async probe(): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new SecretStoreError('no-keyring', 'Electron safeStorage encryption is not available on this system.')
    }
    if (this.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend()
      if (backend === 'basic_text' || backend === 'unknown') {
        throw new SecretStoreError(
          'no-keyring',
          `Electron safeStorage has no OS keyring here (backend "${backend}"), so it would only obfuscate secrets; not used.`
        )
      }
    }
  }

  private async read(): Promise<SecretFile> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} }
      throw error
    }
    try {
      const parsed = JSON.parse(text) as SecretFile
      if (parsed?.version !== 1 || typeof parsed.entries !== 'object') throw new Error('unknown format')
      return parsed
    } catch {
      throw new SecretStoreError('corrupt', `The encrypted secrets file ${this.file} is damaged.`)
    }
  }

  private async write(data: SecretFile): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(data, null, 2), { mode: 0o600 })
    await chmod(this.file, 0o600)
  }

  async get(key: string): Promise<string | undefined> {
    const stored = (await this.read()).entries[key]
    if (stored === undefined) return undefined
    if (!stored.startsWith(TAG)) throw new SecretStoreError('corrupt', 'A stored secret has an unknown format.')
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(stored.slice(TAG.length), 'base64'))
    return result
  }

  async set(key: string, value: string): Promise<void> {
    const data = await this.read()
    const cipher = await safeStorage.encryptStringAsync(value)
    data.entries[key] = TAG + cipher.toString('base64')
    await this.write(data)
  }

  async delete(key: string): Promise<boolean> {
    const data = await this.read()
    if (!(key in data.entries)) return false
    delete data.entries[key]
    await this.write(data)
    return true
  }

  async keys(): Promise<string[]> {
    return Object.keys((await this.read()).entries)
  }

  describe(): SecretBackendInfo {
    const backend = this.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
    return { backend: 'safe-storage', persistent: true, label: backendLabel(backend, this.platform) }
  }
}

/** safeStorage as a SecretService candidate; its probe refuses Linux `basic_text`. */
export function safeStorageCandidate(dataDir: string): SecretStoreCandidate {
  return { name: 'safeStorage', backend: 'safe-storage', load: async () => new SafeStorageSecretStore(dataDir) }
}
