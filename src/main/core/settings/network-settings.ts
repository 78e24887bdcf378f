// App-wide network settings, persisted in `<dataDir>/settings.json` (conf, zod-validated, versioned; a damaged
// file is moved aside by VersionedJsonFile and defaults are used with an app:notice). The executor reads
// `httpSettings()` once per send, so a saved change applies to the very next request, whoever saved it: the
// store keeps what it read and looks at the file's stat (mtime, size, inode; about 0.7 µs) before answering,
// reading the file again only when another process (the CLI, a second window, a hand edit) changed it.
import { statSync, type Stats } from 'node:fs'
import { z } from 'zod'
import {
  AppearanceSettings,
  DEFAULT_APPEARANCE,
  DEFAULT_NETWORK_SETTINGS,
  DefaultPageSize,
  NetworkSettings,
  REACTOR_DEFAULT_PAGE_SIZE,
  SECRET_BACKENDS,
  THEME_CHOICES,
  type SecretBackendChoice,
  type SecretBackendName,
  type SettingsState,
  type UpdateSettingsInput
} from '../../../shared/ipc/settings.contract'
import type { HttpSettings } from '../http/executor'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import { AppError } from '../../../shared/errors'
import { VersionedJsonFile, type StoreNotice } from '../storage/versioned-json-file'
import { loadTlsTrust, readCertificateFile, readSystemCertificates, type TlsTrust } from '../net/tls-trust'
import type { ProxyPassword } from './proxy-password'
import type { SecretService } from '../secrets/secret-service'
import { SecretMigrationError } from '../secrets/secret-migration'

export const SETTINGS_CONFIG_NAME = 'settings'
export const SETTINGS_SCHEMA_VERSION = 1

export const SettingsFile = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  network: NetworkSettings,
  /** Optional, so files written before the welcome screen existed stay valid (absent = show it). */
  welcomeDismissed: z.boolean().optional(),
  /**
   * Optional, so files written before the theme setting existed stay valid (absent = follow the OS). A theme
   * this version does not know (a hand edit, a newer app) reads as "system" instead of discarding the network
   * settings beside it.
   */
  appearance: z.object({ theme: z.enum(THEME_CHOICES).catch(DEFAULT_APPEARANCE.theme) }).optional(),
  /** `page[size]` of catalog list operations; absent in older files (= Reactor's 25); a bad hand edit reads as absent. */
  defaultPageSize: DefaultPageSize.optional().catch(undefined),
  /** The secrets backend chosen in Settings (its name only, never a secret); absent = the automatic order. */
  secretBackend: z.enum(SECRET_BACKENDS).optional().catch(undefined)
})
export type SettingsFile = z.infer<typeof SettingsFile>

const defaults = (): SettingsFile => ({ schemaVersion: SETTINGS_SCHEMA_VERSION, network: structuredClone(DEFAULT_NETWORK_SETTINGS) })

/** No older format exists yet; a file from a newer app is moved aside rather than half-understood. */
export function migrateSettingsFile(raw: Record<string, unknown>): { file: Record<string, unknown>; migratedFrom?: number } {
  const version = raw.schemaVersion
  if (typeof version === 'number' && version > SETTINGS_SCHEMA_VERSION) {
    throw new Error(
      `The settings file was written by a newer Reactor Explorer (schema ${version}; this one reads up to ${SETTINGS_SCHEMA_VERSION}).`
    )
  }
  return { file: raw }
}

/** Proxy variables main sees, with any credentials in them masked (they are never sent to the renderer). */
export function proxyEnvironment(env: NodeJS.ProcessEnv = process.env): SettingsState['environment'] {
  const mask = (value: string | undefined) => {
    if (!value) return undefined
    try {
      const url = new URL(value)
      if (url.username || url.password) {
        url.username = '•••'
        url.password = ''
      }
      return url.href.replace(/\/$/, '')
    } catch {
      return '(not a URL)'
    }
  }
  const result: SettingsState['environment'] = {}
  const https = mask(env.HTTPS_PROXY ?? env.https_proxy)
  const http = mask(env.HTTP_PROXY ?? env.http_proxy)
  const noProxy = env.NO_PROXY ?? env.no_proxy
  if (https) result.httpsProxy = https
  if (http) result.httpProxy = http
  if (noProxy) result.noProxy = noProxy.slice(0, 4096)
  return result
}

/** Sentences for the first problems zod found, each naming the setting. */
function describeIssues(error: z.ZodError): string {
  const labels: Record<string, string> = {
    'proxy.url': 'Proxy URL',
    'proxy.noProxy': 'Bypass list',
    'proxy.username': 'Proxy user name',
    'tls.caFile': 'Certificate file',
    'tls.noVerifyHosts': 'Hosts not verified',
    defaultTimeoutMs: 'Default timeout',
    maxInlineBodyMB: 'Largest body shown in the app',
    maxStoredBodiesMB: 'Disk space for large bodies',
    retryIdempotentByDefault: 'Retry by default'
  }
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      // A list entry's index says nothing to a person: "tls.noVerifyHosts.2" reads as its list.
      const path = issue.path.filter((part) => typeof part !== 'number').join('.')
      return `${labels[path] ?? (path || 'Settings')}: ${issue.message}`
    })
    .join(' ')
}

export interface NetworkSettingsStoreOptions {
  dataDir: string
  onNotice?: (notice: StoreNotice) => void
  now?: () => Date
  env?: NodeJS.ProcessEnv
  /** The proxy's password (keychain); its user name is in the file. */
  proxyPassword?: ProxyPassword
  /** Where the system certificate bundle is looked for (tests point it elsewhere). */
  systemCaBundles?: readonly string[]
}

/** What identifies one version of the file on disk: conf replaces it by rename on every save (a new inode). */
interface FileStamp {
  mtimeMs: number
  size: number
  ino: number
}

function stampOf(path: string): FileStamp | undefined {
  let stats: Stats | undefined
  try {
    stats = statSync(path, { throwIfNoEntry: false })
  } catch {
    // Unreadable folder: keep what we have; a read would fail the same way.
    return undefined
  }
  return stats && { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino }
}

function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino)
}

export class NetworkSettingsStore {
  private readonly file: VersionedJsonFile<SettingsFile>
  private current!: NetworkSettings
  private welcomeDismissed = false
  private appearance: AppearanceSettings = { ...DEFAULT_APPEARANCE }
  private defaultPageSize = REACTOR_DEFAULT_PAGE_SIZE
  private secretBackend: SecretBackendName | undefined
  /** `toHttpSettings(current)`, made once per version of the file: the same object until the file changes. */
  private http!: Partial<HttpSettings>
  /** The certificates trusted and the hosts not verified, read when the settings are. */
  private trust!: TlsTrust
  private stamp: FileStamp | undefined
  readonly path: string

  constructor(private readonly options: NetworkSettingsStoreOptions) {
    this.file = new VersionedJsonFile<SettingsFile>({
      dataDir: options.dataDir,
      name: SETTINGS_CONFIG_NAME,
      schema: SettingsFile,
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      fallback: defaults,
      migrate: migrateSettingsFile,
      messages: {
        unreadable: (reason, aside) =>
          `Your settings could not be read because ${reason}. The file was kept as ${aside} and Reactor Explorer ` +
          'is using the default network settings (system proxy, 30 s timeout). Profiles and secrets are untouched.'
      },
      onNotice: options.onNotice,
      now: options.now
    })
    this.path = this.file.path
    this.reload()
    // A new proxy password makes a new settings object, so the network layer builds pools that send it.
    options.proxyPassword?.onChange(() => this.remember(this.current, this.stamp))
  }

  /** Reads the file (conf parses and zod validates it) and remembers which version of it that was. */
  private reload(): void {
    const stamp = stampOf(this.path)
    const file = this.file.read()
    this.welcomeDismissed = file.welcomeDismissed === true
    this.appearance = { ...DEFAULT_APPEARANCE, ...file.appearance }
    this.defaultPageSize = file.defaultPageSize ?? REACTOR_DEFAULT_PAGE_SIZE
    this.secretBackend = file.secretBackend
    this.remember(file.network, stamp)
  }

  private remember(network: NetworkSettings, stamp: FileStamp | undefined, trust?: TlsTrust): void {
    // Certificate files are read again only when the settings change (or a connection test asks).
    if (trust || network !== this.current || !this.trust) this.trust = trust ?? loadTlsTrust(network.tls, this.options.now?.() ?? new Date(), this.options.systemCaBundles)
    this.current = network
    const password = this.options.proxyPassword
    const username = network.proxy.mode === 'manual' ? network.proxy.username : undefined
    const trustMatters = this.trust.secureContext !== undefined || this.trust.noVerifyHosts.length > 0 || this.trust.status.problems.length > 0
    this.http = Object.freeze({
      ...toHttpSettings(network),
      ...(trustMatters ? { tls: this.trust } : {}),
      ...(username && password ? { proxyCredentials: { username, password: () => password.current(), revision: password.revision } } : {})
    })
    this.stamp = stamp
  }

  /** Reads the certificate files again (they may have changed without the settings): a connection test does. */
  refreshTrust(): TlsTrust {
    this.fresh()
    this.remember(this.current, this.stamp, loadTlsTrust(this.current.tls, this.options.now?.() ?? new Date(), this.options.systemCaBundles))
    return this.trust
  }

  /** Sends must not parse the file: only a changed stat (another process saved it) leads to a read. */
  private fresh(): void {
    if (!sameStamp(stampOf(this.path), this.stamp)) this.reload()
  }

  get notices(): readonly StoreNotice[] {
    return this.file.notices
  }

  network(): NetworkSettings {
    this.fresh()
    return structuredClone(this.current)
  }

  state(): SettingsState {
    const network = this.network()
    return {
      network,
      welcomeDismissed: this.welcomeDismissed,
      appearance: { ...this.appearance },
      defaultPageSize: this.defaultPageSize,
      notices: [...this.file.notices],
      environment: proxyEnvironment(this.options.env),
      proxyPasswordStored: this.options.proxyPassword?.stored ?? false,
      tls: structuredClone(this.trust.status)
    }
  }

  /** Remembers whether the welcome screen was closed; the network settings in the file are kept as they are. */
  setWelcomeDismissed(dismissed: boolean): void {
    const file = this.file.read()
    this.file.write({ ...file, schemaVersion: SETTINGS_SCHEMA_VERSION, welcomeDismissed: dismissed })
    this.welcomeDismissed = dismissed
    this.remember(file.network, stampOf(this.path))
  }

  /** Saves the theme override; the network settings in the file are kept as they are. */
  setAppearance(appearance: AppearanceSettings): void {
    const parsed = AppearanceSettings.safeParse(appearance)
    if (!parsed.success) throw new AppError('settings-invalid', `Theme: ${parsed.error.issues[0]?.message ?? 'not a theme.'}`)
    const file = this.file.read()
    this.file.write({ ...file, schemaVersion: SETTINGS_SCHEMA_VERSION, appearance: parsed.data })
    this.appearance = parsed.data
    this.remember(file.network, stampOf(this.path))
  }

  /** Saves the page size of catalog list operations; the rest of the file is kept as it is. */
  setDefaultPageSize(size: number): void {
    const parsed = DefaultPageSize.safeParse(size)
    if (!parsed.success) throw new AppError('settings-invalid', `Default page size: ${parsed.error.issues[0]?.message ?? 'not a page size.'}`)
    const file = this.file.read()
    this.file.write({ ...file, schemaVersion: SETTINGS_SCHEMA_VERSION, defaultPageSize: parsed.data })
    this.defaultPageSize = parsed.data
    this.remember(file.network, stampOf(this.path))
  }

  /** The secrets backend chosen in Settings, as saved (undefined: the automatic order). */
  savedSecretBackend(): SecretBackendName | undefined {
    this.fresh()
    return this.secretBackend
  }

  /** Saves where secrets are kept (the name only); `undefined` returns to the automatic order. */
  setSecretBackend(backend: SecretBackendName | undefined): void {
    const file = this.file.read()
    const next: SettingsFile = { ...file, schemaVersion: SETTINGS_SCHEMA_VERSION, secretBackend: backend }
    if (backend === undefined) delete next.secretBackend
    this.file.write(next)
    this.secretBackend = backend
    this.remember(file.network, stampOf(this.path))
  }

  /** Applies a partial change; refuses the whole change with a clear sentence if any value is wrong. */
  update(patch: UpdateSettingsInput['network']): NetworkSettings {
    const file = this.file.read()
    const merged = { ...file.network, ...patch }
    if (merged.proxy) {
      const proxy = { ...merged.proxy }
      // Empty text means "not set", so a cleared field does not linger in the file.
      proxy.url = proxy.url?.trim() || undefined
      proxy.noProxy = proxy.noProxy?.trim() || undefined
      proxy.username = proxy.username?.trim() || undefined
      if (proxy.url === undefined) delete proxy.url
      if (proxy.noProxy === undefined) delete proxy.noProxy
      if (proxy.username === undefined) delete proxy.username
      merged.proxy = proxy
    }
    if (merged.tls) {
      const tls = { ...merged.tls, caFile: merged.tls.caFile?.trim() || undefined }
      if (tls.caFile === undefined) delete tls.caFile
      if (!tls.useSystemCa) delete tls.useSystemCa
      if (!tls.noVerifyHosts?.length) delete tls.noVerifyHosts
      merged.tls = tls
    }
    const parsed = NetworkSettings.safeParse(merged)
    if (!parsed.success) throw new AppError('settings-invalid', describeIssues(parsed.error))
    // A certificate source that cannot be used now is refused with its own sentence, before anything is saved.
    const now = this.options.now?.() ?? new Date()
    if (parsed.data.tls?.caFile) readCertificateFile(parsed.data.tls.caFile, now)
    if (parsed.data.tls?.useSystemCa) readSystemCertificates(this.options.systemCaBundles)
    this.file.write({ ...file, schemaVersion: SETTINGS_SCHEMA_VERSION, network: parsed.data })
    // Our own write: what was written is what is current, stamped with the file it made.
    this.remember(parsed.data, stampOf(this.path))
    return this.network()
  }

  /**
   * What the executor needs, in its own units: the same frozen object until the file changes (the executor
   * then skips merging it with its defaults).
   */
  httpSettings(): Partial<HttpSettings> {
    this.fresh()
    return this.http
  }
}

export function toHttpSettings(network: NetworkSettings): Partial<HttpSettings> {
  return {
    proxy:
      network.proxy.mode === 'manual' && network.proxy.url
        ? { mode: 'manual', url: network.proxy.url, noProxy: network.proxy.noProxy }
        : { mode: network.proxy.mode === 'manual' ? 'system-env' : network.proxy.mode },
    timeoutMs: network.defaultTimeoutMs,
    retryIdempotentByDefault: network.retryIdempotentByDefault,
    maxInlineBodyBytes: network.maxInlineBodyMB * 1024 * 1024,
    // Absent in files written before the setting existed: the executor's default (1 GB) applies.
    ...(network.maxStoredBodiesMB !== undefined ? { maxStoredBodyBytes: network.maxStoredBodiesMB * 1024 * 1024 } : {})
  }
}

type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:setProxyPassword' | 'settings:switchSecretBackend'>

export interface SettingsCapability {
  handlers: SettingsHandlers
  store: NetworkSettingsStore
  /**
   * Attaches the secrets service (composed after the settings) and hands it the saved backend choice, before
   * anything is stored. When that backend is unavailable the service falls back and an app:notice says so.
   */
  useSecrets(secrets: SecretService): void
}

export interface SettingsCapabilityOptions {
  dataDir: string
  events?: EventHub
  env?: NodeJS.ProcessEnv
  /** The proxy password's holder; its secrets service is attached once the credentials are composed. */
  proxyPassword?: ProxyPassword
  systemCaBundles?: readonly string[]
}

export function createSettingsCapability(options: SettingsCapabilityOptions): SettingsCapability {
  const store = new NetworkSettingsStore({
    dataDir: options.dataDir,
    env: options.env,
    proxyPassword: options.proxyPassword,
    systemCaBundles: options.systemCaBundles,
    onNotice: (notice) => options.events?.emit('app:notice', notice)
  })
  let secrets: SecretService | undefined
  /** The backends as last probed (settings:get and every switch ask again). */
  let secretBackends: SecretBackendChoice | undefined
  const learnBackends = async () => {
    secretBackends = (await secrets?.backendChoice().catch(() => secretBackends)) ?? secretBackends
  }
  /** The store's state with what only the secrets service knows: where secrets are kept. */
  const fullState = (): SettingsState => {
    const secretBackend = options.proxyPassword?.backend
    return { ...store.state(), ...(secretBackend ? { secretBackend } : {}), ...(secretBackends ? { secretBackends: structuredClone(secretBackends) } : {}) }
  }
  const changed = (): SettingsState => {
    const state = fullState()
    options.events?.emit('settings:changed', state)
    return state
  }
  const handlers: SettingsHandlers = {
    'settings:get': async () => {
      // With a proxy login configured the answer waits for the keychain's read, so "a password is stored" is right.
      if (store.network().proxy.username) await options.proxyPassword?.ensureLoaded()
      await options.proxyPassword?.learnBackend()
      await learnBackends()
      return fullState()
    },
    'settings:update': ({ network, welcomeDismissed, appearance, defaultPageSize }) => {
      // An empty network part is how the welcome screen saves only its dismissal: the file is not rewritten for it.
      if (Object.keys(network).length > 0) store.update(network)
      if (welcomeDismissed !== undefined) store.setWelcomeDismissed(welcomeDismissed)
      if (appearance !== undefined) store.setAppearance(appearance)
      if (defaultPageSize !== undefined) store.setDefaultPageSize(defaultPageSize)
      // A proxy login just configured uses a password stored in an earlier session (read once, then answered).
      if (store.network().proxy.username && options.proxyPassword) return options.proxyPassword.ensureLoaded().then(changed)
      return changed()
    },
    'settings:setProxyPassword': async ({ password }) => {
      if (!options.proxyPassword) throw new AppError('settings-unavailable', 'Proxy passwords cannot be stored here (no secrets service).')
      await options.proxyPassword.set(password)
      return changed()
    },
    'settings:switchSecretBackend': async ({ backend }) => {
      if (!secrets) throw new AppError('settings-unavailable', 'Secrets cannot be moved here (no secrets service).')
      // The choice is saved first (a full disk stops everything before a secret moves) and put back if the move fails.
      const before = store.savedSecretBackend()
      store.setSecretBackend(backend)
      let result: Awaited<ReturnType<SecretService['switchBackend']>>
      try {
        result = await secrets.switchBackend(backend)
      } catch (error) {
        store.setSecretBackend(before)
        await learnBackends()
        if (error instanceof SecretMigrationError) throw new AppError('settings-secrets-not-moved', error.message)
        throw error
      }
      await options.proxyPassword?.learnBackend()
      await learnBackends()
      // Profiles show where their secrets are: they read it again.
      options.events?.emit('profiles:changed', { activeProfileId: undefined })
      return { settings: changed(), moved: result.moved.length, message: switchMessage(result) }
    }
  }
  return {
    handlers,
    store,
    useSecrets(service) {
      secrets = service
      const saved = store.savedSecretBackend()
      service.prefer(saved)
      if (saved === undefined) return
      // Only a saved choice is checked at start; the automatic order stays as lazy as it was.
      void service.backendChoice().then((choice) => {
        secretBackends = choice
        if (choice.notice) options.events?.emit('app:notice', { level: 'warning', message: choice.notice })
      }, () => undefined)
    }
  }
}

const secretsPlural = new Intl.PluralRules('en')

/** "3 secrets moved to the macOS Keychain." and what the old backend kept, if anything. */
function switchMessage(result: Awaited<ReturnType<SecretService['switchBackend']>>): string {
  const count = result.moved.length
  const where = result.backend.label
  const moved = count === 0 ? `No secrets were stored; new ones go to ${where}.` : `${count} ${secretsPlural.select(count) === 'one' ? 'secret' : 'secrets'} moved to ${where}.`
  if (result.leftInOld.length === 0) return moved
  const left = result.leftInOld.length
  return `${moved} ${left} ${secretsPlural.select(left) === 'one' ? 'copy' : 'copies'} could not be removed from the old backend (${result.leftInOld[0]!.reason}); they are no longer used.`
}
