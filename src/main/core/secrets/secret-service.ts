import type { SecretRegistry } from '../security/secret-registry'
import { keychainProblem, toKeychainError, withTimeout } from './keychain-errors'
import { MemorySecretStore } from './memory-secret-store'
import type { KeychainProblem, SecretBackendInfo, SecretStore } from './secret-store'

export type SecretKind = 'client-secret' | 'manual-token'
export const SECRET_KINDS: readonly SecretKind[] = ['client-secret', 'manual-token']

export function secretKey(profileId: string, kind: SecretKind): string {
  return `profile:${profileId}:${kind}`
}

/** A backend failure as one of the four problems the UI explains (an unusable or damaged store counts as no keyring). */
function asProblem(error: unknown): KeychainProblem {
  const classified = toKeychainError(error)
  const code = classified.code === 'unavailable' || classified.code === 'corrupt' ? 'no-keyring' : classified.code
  return { code, message: classified.message }
}

/** A backend the policy may choose, best first. `load` may throw (e.g. keytar's native module missing). */
export interface SecretStoreCandidate {
  name: string
  load(): Promise<SecretStore>
}

export interface SecretServiceOptions {
  /** Persistent backends in order of preference (keytar, then safeStorage); memory is always last. */
  candidates: SecretStoreCandidate[]
  registry?: SecretRegistry
  /** Per keychain call; an unlock prompt must not hang the app. */
  timeoutMs?: number
}

export interface SecretLocation {
  stored: boolean
  /** Where this secret is, or where a new one would go. */
  backend: SecretBackendInfo
  /** True when it was kept for this session only although a persistent backend may exist. */
  sessionOnly: boolean
}

/**
 * The secrets policy of DESIGN.md: keytar first, safeStorage where a real OS keyring backs it, memory for
 * the session otherwise (and the user is told). Never plaintext on disk. Every backend call has a timeout
 * and failures come back classified (`no-session-bus`, `locked`, `no-keyring`, `timeout`).
 */
export class SecretService {
  private readonly memory = new MemorySecretStore()
  private readonly sessionKeys = new Set<string>()
  /**
   * Whether a persistent secret exists, as last learned by this process. Listing profiles asks for every
   * profile's secret status; reading each value from the keychain every time is slow and, on macOS, can
   * raise a keychain prompt per read. Only this app writes these entries, so what it last saw holds.
   */
  private readonly knownPresence = new Map<string, boolean>()
  private selection: Promise<{ store: SecretStore | undefined; problem: KeychainProblem | undefined }> | undefined
  private readonly timeoutMs: number
  /**
   * The last failure of the chosen backend while the app runs (a keychain that locked mid-session), cleared
   * by its next success: the backend description says what is wrong now, not only what was wrong at start.
   */
  private currentProblem: KeychainProblem | undefined

  constructor(private readonly options: SecretServiceOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000
  }

  /** Probes the candidates once, in order, and keeps the first that works. */
  private select() {
    this.selection ??= (async () => {
      let firstProblem: KeychainProblem | undefined
      for (const candidate of this.options.candidates) {
        try {
          const store = await withTimeout(candidate.load(), this.timeoutMs, `loading ${candidate.name}`)
          if (store.probe) await withTimeout(store.probe(), this.timeoutMs, `${candidate.name} probe`)
          return { store, problem: firstProblem }
        } catch (error) {
          firstProblem ??= asProblem(error)
        }
      }
      return { store: undefined, problem: firstProblem ?? keychainProblem('no-keyring') }
    })()
    return this.selection
  }

  /** The backend new secrets go to, with the reason when it is memory only. */
  async backendInfo(): Promise<SecretBackendInfo> {
    const { store, problem } = await this.select()
    const now = this.currentProblem ?? problem
    if (store) return now ? { ...store.describe(), problem: now } : store.describe()
    return {
      ...this.memory.describe(),
      label: 'memory, for this session only (no system keychain available)',
      ...(problem ? { problem } : {})
    }
  }

  /**
   * Stores a secret. Throws a classified SecretStoreError when the persistent backend refuses; the caller
   * then offers `sessionOnly`, which keeps the value in memory until the app quits.
   */
  async set(key: string, value: string, options: { sessionOnly?: boolean } = {}): Promise<SecretLocation> {
    this.options.registry?.add(value)
    const { store } = await this.select()
    if (options.sessionOnly || !store) {
      await this.memory.set(key, value)
      this.sessionKeys.add(key)
      if (store) await this.safeDelete(store, key)
      this.knownPresence.delete(key)
      return { stored: true, backend: await this.sessionInfo(), sessionOnly: Boolean(options.sessionOnly && store) }
    }
    try {
      await withTimeout(store.set(key, value), this.timeoutMs, 'saving to the keychain')
    } catch (error) {
      throw this.failed(error)
    }
    this.currentProblem = undefined
    if (this.sessionKeys.delete(key)) await this.memory.delete(key)
    this.knownPresence.set(key, true)
    return { stored: true, backend: store.describe(), sessionOnly: false }
  }

  async get(key: string): Promise<string | undefined> {
    if (this.sessionKeys.has(key)) return this.memory.get(key)
    const { store } = await this.select()
    if (!store) return undefined
    let value: string | undefined
    try {
      value = await withTimeout(store.get(key), this.timeoutMs, 'reading from the keychain')
    } catch (error) {
      throw this.failed(error)
    }
    this.currentProblem = undefined
    this.options.registry?.add(value)
    this.knownPresence.set(key, value !== undefined)
    return value
  }

  async delete(key: string): Promise<void> {
    this.sessionKeys.delete(key)
    await this.memory.delete(key)
    const { store } = await this.select()
    if (store) {
      try {
        await withTimeout(store.delete(key), this.timeoutMs, 'deleting from the keychain')
      } catch (error) {
        this.knownPresence.delete(key)
        throw this.failed(error)
      }
      this.currentProblem = undefined
      this.knownPresence.set(key, false)
    }
  }

  /** Whether `key` holds a secret and where; never the value. */
  async locate(key: string): Promise<SecretLocation> {
    if (this.sessionKeys.has(key)) {
      const { store } = await this.select()
      return { stored: true, backend: await this.sessionInfo(), sessionOnly: Boolean(store) }
    }
    const backend = await this.backendInfo()
    const known = this.knownPresence.get(key)
    if (known !== undefined) return { stored: known, backend, sessionOnly: false }
    let stored = false
    try {
      stored = (await this.get(key)) !== undefined
    } catch (error) {
      return { stored: false, backend: { ...backend, problem: asProblem(error) }, sessionOnly: false }
    }
    return { stored, backend, sessionOnly: false }
  }

  /** Deleting a profile deletes every secret it had, wherever it was kept. */
  async deleteProfileSecrets(profileId: string): Promise<void> {
    for (const kind of SECRET_KINDS) await this.delete(secretKey(profileId, kind))
  }

  /** Classifies a backend failure and remembers it as the backend's current problem. */
  private failed(error: unknown) {
    this.currentProblem = asProblem(error)
    return toKeychainError(error)
  }

  private async sessionInfo(): Promise<SecretBackendInfo> {
    const { problem } = await this.select()
    return { ...this.memory.describe(), ...(problem ? { problem } : {}) }
  }

  private async safeDelete(store: SecretStore, key: string): Promise<void> {
    try {
      await withTimeout(store.delete(key), this.timeoutMs, 'deleting from the keychain')
    } catch {
      // A stale persistent copy is removed when possible; failing to remove it must not block a session-only save.
    }
  }
}
