// The password of an authenticating proxy: kept by the secrets service like a client secret (keychain, else
// safeStorage, else memory for the session), held in main's memory for the network layer, and never written
// to settings.json, a log or an answer: the renderer only learns whether one is stored.
import type { SecretBackendInfo } from '../../../shared/ipc/profiles.contract'
import type { SecretService } from '../secrets/secret-service'
import type { SecretRegistry } from '../security/secret-registry'

/** The secrets service's key for it (one proxy, so one password). */
export const PROXY_PASSWORD_KEY = 'settings:proxy-password'

export class ProxyPassword {
  private value: string | undefined
  private store: SecretService | undefined
  /** The one read of the stored password, started when a proxy login is configured (or a password is set). */
  private loading: Promise<void> | undefined
  private readonly listeners = new Set<() => void>()
  /** Where secrets are kept, as last learned (read with the password, again after each change). */
  backend: SecretBackendInfo | undefined
  /** Changes with every new value, so connection pools built with the old password are retired. */
  revision = 0

  constructor(private readonly registry?: SecretRegistry) {}

  /** Uses the app's secrets service (it is composed after the settings); nothing is read yet. */
  keepIn(store: SecretService): void {
    this.store = store
  }

  /**
   * Reads the stored password once, only when a proxy login is configured: a session without one (a CLI
   * `send`, most people) never opens the keychain for it. Until the read finishes no proxy login is sent.
   */
  ensureLoaded(): Promise<void> {
    const store = this.store
    if (!store) return Promise.resolve()
    this.loading ??= store
      .get(PROXY_PASSWORD_KEY)
      .then((stored) => {
        if (stored && this.value === undefined) this.remember(stored)
      })
      .catch(() => undefined)
    return this.loading
  }

  /** The password for the network layer (main only). */
  current(): string | undefined {
    return this.value
  }

  get stored(): boolean {
    return this.value !== undefined
  }

  /** Stores a new password (an empty one removes it). Throws the secrets service's classified error. */
  async set(password: string): Promise<void> {
    await this.ensureLoaded()
    const store = this.store
    if (!store) throw new Error('The secrets service is not ready yet; try again in a moment.')
    try {
      if (password === '') {
        await store.delete(PROXY_PASSWORD_KEY)
        this.remember(undefined)
        return
      }
      // Registered before it is stored, so nothing on the way out can carry it even if storing fails.
      this.registry?.add(password, 'proxy password')
      await store.set(PROXY_PASSWORD_KEY, password)
      this.remember(password)
    } finally {
      await this.learnBackend()
    }
  }

  /** Asks the secrets service where secrets go now (the settings dialog shows it). */
  async learnBackend(): Promise<void> {
    this.backend = await this.store?.backendInfo().catch(() => this.backend)
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private remember(password: string | undefined): void {
    if (password !== undefined) this.registry?.add(password, 'proxy password')
    this.value = password
    this.revision += 1
    for (const listener of this.listeners) listener()
  }
}
