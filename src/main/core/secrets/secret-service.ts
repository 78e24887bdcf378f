import type { SecretRegistry } from '../security/secret-registry'
import { keychainProblem, toKeychainError, withTimeout } from './keychain-errors'
import { MemorySecretStore } from './memory-secret-store'
import { migrateSecrets, SecretMigrationError, type MigrationResult } from './secret-migration'
import type { KeychainProblem, SecretBackend, SecretBackendInfo, SecretStore } from './secret-store'
import type { SecretBackendChoice, SecretBackendOption } from '../../../shared/ipc/settings.contract'

export type SecretKind = 'client-secret' | 'manual-token'
export const SECRET_KINDS: readonly SecretKind[] = ['client-secret', 'manual-token']

export function secretKey(profileId: string, kind: SecretKind): string {
  return `profile:${profileId}:${kind}`
}

/** How long a backend that failed to load or probe counts as unavailable before it is tried again. */
const RETRY_FAILED_BACKEND_MS = 30_000

/** A backend failure as one of the four problems the UI explains (an unusable or damaged store counts as no keyring). */
function asProblem(error: unknown): KeychainProblem {
  const classified = toKeychainError(error)
  const code = classified.code === 'unavailable' || classified.code === 'corrupt' ? 'no-keyring' : classified.code
  return { code, message: classified.message }
}

/** A backend the policy may choose, best first. `load` may throw (e.g. keytar's native module missing). */
export interface SecretStoreCandidate {
  name: string
  /** Which backend it is, known before loading (so one that fails to load can still be named in Settings). */
  backend?: SecretBackend
  load(): Promise<SecretStore>
}

/** What people call each backend in Settings (the store's own label adds the platform's detail). */
export const SECRET_BACKEND_TITLES: Record<SecretBackend, string> = {
  keychain: 'the OS keychain',
  'safe-storage': 'Electron safeStorage',
  memory: 'this session only (memory)'
}

interface Selection {
  store: SecretStore | undefined
  problem: KeychainProblem | undefined
  /** Memory because the person chose it, not because nothing else works. */
  memoryChosen?: boolean
  notice?: string
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
  private selection: Promise<Selection> | undefined
  private readonly timeoutMs: number
  /** The backend chosen in Settings (persisted by the settings capability); undefined = the automatic order. */
  private preferred: SecretBackend | undefined
  /** Loaded and probed stores; a failure is not kept, so an unlocked keychain is found on the next look. */
  private readonly loaded = new Map<SecretStoreCandidate, Promise<SecretStore>>()
  /** A move between backends in progress: reads and writes wait for it, so none lands in the old backend. */
  private switching: Promise<unknown> | undefined
  /**
   * The last failure of the chosen backend while the app runs (a keychain that locked mid-session), cleared
   * by its next success: the backend description says what is wrong now, not only what was wrong at start.
   */
  private currentProblem: KeychainProblem | undefined

  constructor(private readonly options: SecretServiceOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000
  }

  /**
   * The backend chosen in Settings, honoured from the next use on (the app passes the saved choice at start,
   * before anything is stored). When it cannot be used, the automatic order applies and `backendChoice` says so.
   */
  prefer(backend: SecretBackend | undefined): void {
    this.preferred = backend
    this.selection = undefined
  }

  private backendOf(candidate: SecretStoreCandidate): SecretBackend | undefined {
    return candidate.backend
  }

  private load(candidate: SecretStoreCandidate): Promise<SecretStore> {
    let loading = this.loaded.get(candidate)
    if (!loading) {
      loading = (async () => {
        const store = await withTimeout(candidate.load(), this.timeoutMs, `loading ${candidate.name}`)
        if (store.probe) await withTimeout(store.probe(), this.timeoutMs, `${candidate.name} probe`)
        return store
      })()
      this.loaded.set(candidate, loading)
      // A failure is kept for a while: settings:get lists the backends for every consumer, and probing a locked
      // Linux keyring each time (the probe writes a marker) could raise one unlock prompt per read.
      loading.catch(() => {
        const timer = setTimeout(() => this.loaded.get(candidate) === loading && this.loaded.delete(candidate), RETRY_FAILED_BACKEND_MS)
        timer.unref?.()
      })
    }
    return loading
  }

  /** Probes the candidates once, the chosen one first, and keeps the first that works. */
  private select(): Promise<Selection> {
    this.selection ??= (async (): Promise<Selection> => {
      if (this.preferred === 'memory') return { store: undefined, problem: undefined, memoryChosen: true }
      const preferred = this.preferred
      const candidates = [...this.options.candidates]
      const chosen = preferred ? candidates.findIndex((candidate) => this.backendOf(candidate) === preferred) : -1
      if (chosen > 0) candidates.unshift(...candidates.splice(chosen, 1))
      let whyNotChosen: string | undefined =
        preferred && chosen < 0 ? `${SECRET_BACKEND_TITLES[preferred]} cannot be used by this front end (it exists only in the desktop app).` : undefined
      let firstProblem: KeychainProblem | undefined
      let found: SecretStore | undefined
      for (const candidate of candidates) {
        try {
          found = await this.load(candidate)
          break
        } catch (error) {
          const problem = asProblem(error)
          firstProblem ??= problem
          if (preferred && this.backendOf(candidate) === preferred) whyNotChosen = problem.message
        }
      }
      const notice = preferred && whyNotChosen
        ? `Secrets are set to be kept in ${SECRET_BACKEND_TITLES[preferred]}, which is not available now: ${whyNotChosen} Until it is, they are kept in ${found ? found.describe().label : 'memory, for this session only'}.`
        : undefined
      if (found) return { store: found, problem: firstProblem, ...(notice ? { notice } : {}) }
      return { store: undefined, problem: firstProblem ?? keychainProblem('no-keyring'), ...(notice ? { notice } : {}) }
    })()
    return this.selection
  }

  /** Waits for a move between backends to finish (it may fail: the old backend then stays). */
  private async settled(): Promise<void> {
    while (this.switching) await this.switching.catch(() => undefined)
  }

  /** Every backend this front end knows, whether it works here (probed now), which is in use and why not. */
  async backendChoice(): Promise<SecretBackendChoice> {
    await this.settled()
    const { store, notice } = await this.select()
    const inUse: SecretBackend = store ? store.describe().backend : 'memory'
    const options: SecretBackendOption[] = []
    for (const candidate of this.options.candidates) {
      try {
        const info = (await this.load(candidate)).describe()
        options.push({ backend: info.backend, label: info.label, available: true, inUse: info.backend === inUse })
      } catch (error) {
        const backend = this.backendOf(candidate) ?? 'keychain'
        options.push({ backend, label: SECRET_BACKEND_TITLES[backend], available: false, inUse: false, problem: asProblem(error).message })
      }
    }
    // safeStorage is Electron's: browser mode and the CLI list it as unavailable, with the reason.
    if (!options.some((option) => option.backend === 'safe-storage')) {
      options.push({
        backend: 'safe-storage',
        label: SECRET_BACKEND_TITLES['safe-storage'],
        available: false,
        inUse: false,
        problem: 'Electron safeStorage exists only in the desktop app; browser mode and the command line cannot use it.'
      })
    }
    options.push({ backend: 'memory', label: 'memory, for this session only', available: true, inUse: inUse === 'memory' })
    return { options, ...(this.preferred ? { chosen: this.preferred } : {}), ...(notice ? { notice } : {}) }
  }

  /**
   * Moves every secret of the backend in use into `target` (all or nothing, see secret-migration.ts) and
   * uses `target` from then on. Secrets kept "for this session only" beside a keychain stay where they are.
   * Throws a SecretMigrationError naming the secret that stopped it and why; nothing changed then.
   */
  switchBackend(target: SecretBackend): Promise<MigrationResult & { backend: SecretBackendInfo }> {
    const move = (async () => {
      await this.settled()
      const current = await this.select()
      const from = current.store ?? this.memory
      const fromLabel = current.store ? current.store.describe().label : 'memory (this session only)'
      const fromBackend: SecretBackend = current.store ? current.store.describe().backend : 'memory'
      let to: SecretStore = this.memory
      if (target !== 'memory') {
        const candidate = this.options.candidates.find((entry) => this.backendOf(entry) === target)
        if (!candidate) {
          throw new SecretMigrationError(
            `Secrets were not moved: ${SECRET_BACKEND_TITLES[target]} cannot be used here (it exists only in the desktop app). Every secret is still in ${fromLabel}.`,
            undefined,
            toKeychainError(new Error('unavailable'))
          )
        }
        try {
          to = await this.load(candidate)
        } catch (error) {
          throw new SecretMigrationError(
            `Secrets were not moved: ${SECRET_BACKEND_TITLES[target]} is not available here. ${asProblem(error).message} Every secret is still in ${fromLabel}.`,
            undefined,
            toKeychainError(error)
          )
        }
      }
      if (fromBackend === target) {
        this.preferred = target
        return { moved: [], leftInOld: [], backend: await this.backendInfo() }
      }
      const toLabel = target === 'memory' ? 'memory (this session only)' : to.describe().label
      const result = await migrateSecrets({
        from: { store: from, label: fromLabel },
        to: { store: to, label: toLabel },
        timeoutMs: this.timeoutMs,
        onValue: (value) => this.options.registry?.add(value)
      })
      for (const key of result.moved) {
        if (target === 'memory') this.sessionKeys.add(key)
        else this.sessionKeys.delete(key)
      }
      this.preferred = target
      this.selection = Promise.resolve(target === 'memory' ? { store: undefined, problem: undefined, memoryChosen: true } : { store: to, problem: undefined })
      this.knownPresence.clear()
      this.currentProblem = undefined
      return { ...result, backend: await this.backendInfo() }
    })()
    this.switching = move
    void move.finally(() => {
      if (this.switching === move) this.switching = undefined
    }).catch(() => undefined)
    return move
  }

  /** The backend new secrets go to, with the reason when it is memory only. */
  async backendInfo(): Promise<SecretBackendInfo> {
    const { store, problem, memoryChosen } = await this.select()
    const now = this.currentProblem ?? problem
    if (store) return now ? { ...store.describe(), problem: now } : store.describe()
    if (memoryChosen) return { ...this.memory.describe(), label: 'memory, for this session only (chosen in Settings)' }
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
    await this.settled()
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
    await this.settled()
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
    await this.settled()
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
    await this.settled()
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
