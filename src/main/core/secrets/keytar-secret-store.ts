// keytar (OS keychain: macOS Keychain, Windows Credential Manager, Secret Service on Linux). Not electron,
// so browser mode and the CLI use it too. Loaded lazily: a missing or unbuilt native module must turn into
// a clear message and the memory fallback, never a crash at startup.
import { SecretStoreError, type SecretBackendInfo, type SecretStore } from './secret-store'
import { toKeychainError } from './keychain-errors'
import type { SecretStoreCandidate } from './secret-service'

type Keytar = typeof import('keytar')

export const KEYCHAIN_SERVICE = 'Reactor Explorer'
/** The marker the Linux probe writes and removes at once; never a secret of the app. */
const PROBE_ACCOUNT = '__probe__'

function platformLabel(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'system keyring (Secret Service)'
}

export async function loadKeytar(): Promise<Keytar> {
  try {
    const loaded = (await import('keytar')) as Keytar & { default?: Keytar }
    // CJS interop: the functions are on `default` when imported from ESM.
    return typeof loaded.setPassword === 'function' ? loaded : (loaded.default as Keytar)
  } catch (error) {
    throw new SecretStoreError(
      'no-keyring',
      `The keychain module (keytar) could not be loaded, so secrets cannot go to the system keychain: ${(error as Error).message.split('\n')[0]}`
    )
  }
}

export class KeytarSecretStore implements SecretStore {
  constructor(
    private readonly keytar: Keytar,
    private readonly service = KEYCHAIN_SERVICE,
    private readonly platform: NodeJS.Platform = process.platform
  ) {}

  static async create(service = KEYCHAIN_SERVICE): Promise<KeytarSecretStore> {
    return new KeytarSecretStore(await loadKeytar(), service)
  }

  async probe(): Promise<void> {
    // findCredentials touches the collection without prompting on most desktops, which is what we want to
    // know before the first save. On Linux a locked collection only shows on write, so write a marker too.
    try {
      await this.keytar.findCredentials(this.service)
      if (this.platform === 'linux') {
        await this.keytar.setPassword(this.service, PROBE_ACCOUNT, 'ok')
        await this.keytar.deletePassword(this.service, PROBE_ACCOUNT)
      }
    } catch (error) {
      throw toKeychainError(error)
    }
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.keytar.getPassword(this.service, key)) ?? undefined
    } catch (error) {
      throw toKeychainError(error)
    }
  }

  async set(key: string, value: string): Promise<void> {
    try {
      await this.keytar.setPassword(this.service, key, value)
    } catch (error) {
      throw toKeychainError(error)
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return await this.keytar.deletePassword(this.service, key)
    } catch (error) {
      throw toKeychainError(error)
    }
  }

  async keys(): Promise<string[]> {
    try {
      // findCredentials also returns the passwords; only the account names leave this method.
      const found = await this.keytar.findCredentials(this.service)
      return found.map((entry) => entry.account).filter((account) => account !== PROBE_ACCOUNT)
    } catch (error) {
      throw toKeychainError(error)
    }
  }

  describe(): SecretBackendInfo {
    return { backend: 'keychain', persistent: true, label: platformLabel(this.platform) }
  }
}

/** The keytar backend as a SecretService candidate (probed once, lazily). */
export function keytarCandidate(service = KEYCHAIN_SERVICE): SecretStoreCandidate {
  return { name: 'keytar', backend: 'keychain', load: () => KeytarSecretStore.create(service) }
}
