// App-wide settings (network, theme, page size, where secrets are kept). The schemas here are the one source of truth: main validates the
// file and every update with them, and the settings dialog uses them for its inline messages.
import { z } from 'zod'
import { channel, NoInput } from './define'
import type { SecretBackendInfo } from './profiles.contract'

export const PROXY_MODES = ['system-env', 'none', 'manual'] as const
export type ProxyMode = (typeof PROXY_MODES)[number]

export const TIMEOUT_LIMITS_MS = { min: 1_000, max: 600_000 } as const
export const MAX_INLINE_BODY_MB_LIMITS = { min: 1, max: 200 } as const
export const MAX_STORED_BODIES_MB_LIMITS = { min: 10, max: 102_400 } as const
/** Disk space for bodies kept in files when `maxStoredBodiesMB` is not in the file (older files never have it). */
export const DEFAULT_MAX_STORED_BODIES_MB = 1024

/** An http(s) proxy URL without credentials (they would sit in plain text in settings.json). */
export const ProxyUrl = z
  .string()
  .trim()
  .min(1, 'Enter the proxy URL, e.g. http://proxy.example.com:8080.')
  .max(2048, 'The proxy URL is too long (2048 characters at most).')
  .superRefine((value, ctx) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a URL. Write it with its scheme and port, e.g. http://proxy.example.com:8080.' })
      return
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `A proxy URL starts with http:// or https:// (not ${url.protocol}//). SOCKS proxies are not supported.` })
      return
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Remove the user name and password from the proxy URL: settings are saved in plain text, so credentials are not accepted here. ' +
          'Enter the user name below it and the password in its own field (the password is kept in the system keychain).'
      })
      return
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'A proxy URL is only scheme, host and port, e.g. http://proxy.example.com:8080 (no path or query).' })
    }
  })

const NO_PROXY_ENTRY = /^(\*|(\*?\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?(:\d{1,5})?|\[[0-9a-f:.]+\](:\d{1,5})?)$/i

/** Hosts that bypass the proxy: comma- or space-separated `host`, `.domain`, `*.domain`, `host:port`, `[::1]`, or `*`. */
export const NoProxyList = z
  .string()
  .max(4096, 'The bypass list is too long (4096 characters at most).')
  .superRefine((value, ctx) => {
    const bad = splitNoProxy(value).filter((entry) => !NO_PROXY_ENTRY.test(entry))
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a host name: ${bad
          .slice(0, 3)
          .map((entry) => `"${entry.slice(0, 60)}"`)
          .join(', ')}. Use host names, .domain suffixes or host:port, separated by commas.`
      })
    }
  })

export function splitNoProxy(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean)
}

/** The user name of an authenticating proxy (its password is in the keychain, never in settings.json). */
export const ProxyUsername = z
  .string()
  .max(256, 'The proxy user name is too long (256 characters at most).')
  .refine((value) => !value.includes(':'), 'A proxy user name cannot contain ":" (Basic authentication separates it from the password with one).')

export const ProxySettings = z
  .object({
    mode: z.enum(PROXY_MODES),
    url: z.string().optional(),
    noProxy: z.string().optional(),
    /** Manual proxies only: sent with the keychain's password as Basic authentication. */
    username: ProxyUsername.optional()
  })
  .superRefine((proxy, ctx) => {
    // The URL and list are only checked when they are used, so switching mode never blocks a save.
    if (proxy.mode !== 'manual') return
    const url = ProxyUrl.safeParse(proxy.url ?? '')
    if (!url.success) for (const issue of url.error.issues) ctx.addIssue({ code: 'custom', path: ['url'], message: issue.message })
    if (proxy.noProxy !== undefined) {
      const list = NoProxyList.safeParse(proxy.noProxy)
      if (!list.success) for (const issue of list.error.issues) ctx.addIssue({ code: 'custom', path: ['noProxy'], message: issue.message })
    }
  })
export type ProxySettings = z.infer<typeof ProxySettings>

const seconds = (ms: number) => `${ms / 1000} s`

const NO_VERIFY_HOST = /^([a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i

/**
 * A host whose certificate is not verified: an exact name (or name:port), never a pattern, so one entry cannot
 * switch checks off for a whole domain (IMS included) by accident.
 */
export const NoVerifyHost = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a host name, e.g. reactor.internal.example.com.')
  .max(300, 'A host name is 300 characters at most.')
  .superRefine((value, ctx) => {
    if (NO_VERIFY_HOST.test(value)) return
    ctx.addIssue({
      code: 'custom',
      message: `"${value.slice(0, 60)}" is not an exact host name. Write the host alone (e.g. tags.internal.example.com or 10.0.0.5:8443), without scheme, path or wildcard.`
    })
  })

export const TlsSettings = z.object({
  /** A PEM file of extra CA certificates trusted besides the bundled ones (a TLS-inspecting proxy's root). */
  caFile: z.string().trim().max(4096, 'The certificate file path is too long.').optional(),
  /** Also trust the certificates of the operating system (where Node can read them). */
  useSystemCa: z.boolean().optional(),
  /** Hosts whose certificates are not checked at all; every response from them carries a warning. */
  noVerifyHosts: z.array(NoVerifyHost).max(50, 'At most 50 hosts may skip certificate checks.').optional()
})
export type TlsSettings = z.infer<typeof TlsSettings>

export const NetworkSettings = z.object({
  proxy: ProxySettings,
  defaultTimeoutMs: z
    .number()
    .int('The timeout is a whole number of milliseconds.')
    .min(TIMEOUT_LIMITS_MS.min, `The timeout is at least ${seconds(TIMEOUT_LIMITS_MS.min)}.`)
    .max(TIMEOUT_LIMITS_MS.max, `The timeout is at most ${TIMEOUT_LIMITS_MS.max / 60_000} minutes.`),
  retryIdempotentByDefault: z.boolean(),
  maxInlineBodyMB: z
    .number()
    .int('The size is a whole number of MB.')
    .min(MAX_INLINE_BODY_MB_LIMITS.min, `The size is at least ${MAX_INLINE_BODY_MB_LIMITS.min} MB.`)
    .max(MAX_INLINE_BODY_MB_LIMITS.max, `The size is at most ${MAX_INLINE_BODY_MB_LIMITS.max} MB.`),
  /**
   * Disk space all large bodies kept in files may take together (default DEFAULT_MAX_STORED_BODIES_MB).
   * Optional, so settings files written before it existed stay valid and forms that do not show it keep it.
   */
  maxStoredBodiesMB: z
    .number()
    .int('The size is a whole number of MB.')
    .min(MAX_STORED_BODIES_MB_LIMITS.min, `The disk space is at least ${MAX_STORED_BODIES_MB_LIMITS.min} MB.`)
    .max(MAX_STORED_BODIES_MB_LIMITS.max, `The disk space is at most ${MAX_STORED_BODIES_MB_LIMITS.max / 1024} GB.`)
    .optional(),
  /** Extra trust and per-host exceptions; absent in files written before it existed (= Node's bundled roots). */
  tls: TlsSettings.optional()
})
export type NetworkSettings = z.infer<typeof NetworkSettings>

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  proxy: { mode: 'system-env' },
  defaultTimeoutMs: 30_000,
  retryIdempotentByDefault: false,
  maxInlineBodyMB: 50
}

/** How the app looks: `system` follows the OS's light or dark setting, the others override it. */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

export const AppearanceSettings = z.object({
  theme: z.enum(THEME_CHOICES, { error: 'The theme is "system", "light" or "dark".' })
})
export type AppearanceSettings = z.infer<typeof AppearanceSettings>

/** Files written before the theme setting existed (and test fakes) read as this. */
export const DEFAULT_APPEARANCE: AppearanceSettings = { theme: 'system' }

/** Reactor's own page size when a request names none (reactor-api.md: page[size] defaults to 25, at most 100). */
export const REACTOR_DEFAULT_PAGE_SIZE = 25
export const PAGE_SIZE_LIMITS = { min: 1, max: 100 } as const

/** How many items a list operation opened from the catalog asks for (`page[size]`). */
export const DefaultPageSize = z
  .number({ error: 'The page size is a number of items, e.g. 25.' })
  .int('The page size is a whole number of items.')
  .min(PAGE_SIZE_LIMITS.min, `A page holds at least ${PAGE_SIZE_LIMITS.min} item.`)
  .max(PAGE_SIZE_LIMITS.max, `Reactor returns at most ${PAGE_SIZE_LIMITS.max} items per page.`)

/** Where secrets can be kept: the OS keychain (keytar), Electron's safeStorage, or memory for this session. */
export const SECRET_BACKENDS = ['keychain', 'safe-storage', 'memory'] as const satisfies ReadonlyArray<SecretBackendInfo['backend']>
export type SecretBackendName = (typeof SECRET_BACKENDS)[number]

/** One backend as Settings lists it: whether it can be used here, and why not. */
export interface SecretBackendOption {
  backend: SecretBackendName
  label: string
  available: boolean
  inUse: boolean
  /** Why it cannot be used here (no session bus, a locked keychain, not the desktop app). */
  problem?: string
}

export interface SecretBackendChoice {
  options: SecretBackendOption[]
  /** The backend chosen in Settings (absent: the automatic order keychain → safeStorage → memory). */
  chosen?: SecretBackendName
  /** Set when the chosen backend could not be used at start and another one is in use meanwhile. */
  notice?: string
}

export const SwitchSecretBackendInput = z
  .object({
    backend: z.enum(SECRET_BACKENDS, { error: 'Secrets are kept in "keychain", "safe-storage" or "memory".' })
  })
  .strict()
export type SwitchSecretBackendInput = z.input<typeof SwitchSecretBackendInput>

/** What a move did: counts and a sentence (never a value or a key's secret part). */
export interface SecretBackendSwitchResult {
  settings: SettingsState
  moved: number
  /** One sentence for the person: where the secrets are now, and any copies the old backend kept. */
  message: string
}

/**
 * The shape of an update as it crosses the bridge; network values are then checked with NetworkSettings.
 * `network: {}` changes no network setting (the welcome screen saves only its dismissal that way).
 */
export const UpdateSettingsInput = z.object({
  network: z
    .object({
      proxy: z
        .object({
          mode: z.enum(PROXY_MODES),
          url: z.string().max(4096).optional(),
          noProxy: z.string().max(8192).optional(),
          username: z.string().max(1024).optional()
        })
        .optional(),
      tls: z
        .object({
          caFile: z.string().max(8192).optional(),
          useSystemCa: z.boolean().optional(),
          noVerifyHosts: z.array(z.string().max(1024)).max(200).optional()
        })
        .strict()
        .optional(),
      defaultTimeoutMs: z.number().optional(),
      retryIdempotentByDefault: z.boolean().optional(),
      maxInlineBodyMB: z.number().optional(),
      maxStoredBodiesMB: z.number().optional()
    })
    .strict(),
  /** True once the person closed the first-run welcome screen (it stays reachable from the sidebar). */
  welcomeDismissed: z.boolean({ error: 'welcomeDismissed is true or false.' }).optional(),
  /** The theme override; saved beside the network settings, which stay as they are. */
  appearance: AppearanceSettings.strict().optional(),
  /** `page[size]` for list operations opened from the catalog; checked with DefaultPageSize. */
  defaultPageSize: z.number({ error: 'The page size is a number of items, e.g. 25.' }).optional()
}).strict()
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>

export interface SettingsState {
  network: NetworkSettings
  /** Whether the first-run welcome screen was closed (absent from older cores and test fakes = not closed). */
  welcomeDismissed?: boolean
  /** Light, dark or following the OS (absent from older cores and test fakes = DEFAULT_APPEARANCE). */
  appearance?: AppearanceSettings
  /** Startup notices (e.g. a damaged settings file moved aside). */
  notices: Array<{ level: 'info' | 'warning' | 'error'; message: string }>
  /** Environment proxy variables main sees, for the "system" option's explanation (values without credentials). */
  environment: { httpsProxy?: string; httpProxy?: string; noProxy?: string }
  /** Whether a proxy password is in the keychain (the password itself never leaves main). */
  proxyPasswordStored?: boolean
  /** What the TLS settings add up to right now, read in main (absent from older cores and test fakes). */
  tls?: TlsStatus
  /** Where secrets are kept on this machine (keychain, safeStorage or memory) and what that means. */
  secretBackend?: SecretBackendInfo
  /** Every backend this front end knows, which works here and which is in use (absent from older cores). */
  secretBackends?: SecretBackendChoice
  /** `page[size]` for catalog list operations (absent from older cores and test fakes = REACTOR_DEFAULT_PAGE_SIZE). */
  defaultPageSize?: number
}

/** The trust in effect: counts and where certificates came from, or why a source could not be used. */
export interface TlsStatus {
  /** Certificates read from `caFile`, with the first one's subject and the last expiry among them. */
  caFile?: { path: string; certificates: number; subjects: string[]; expiresAt?: string }
  /** The operating system's bundle as read (Linux: /etc/ssl/certs/ca-certificates.crt). */
  systemCa?: { path: string; certificates: number }
  /** A source that is set but cannot be used now (the file was moved, its certificate expired since). */
  problems: string[]
}

/** A proxy password goes one way, renderer → main → keychain; an empty text removes it. */
export const SetProxyPasswordInput = z
  .object({ password: z.string().max(1024, 'The proxy password is too long (1024 characters at most).') })
  .strict()

/**
 * What to test, named explicitly (exactly one): a URL, a profile's Reactor and IMS hosts, or Adobe's production
 * hosts. Nothing is tested by default, so no call reaches the internet unless someone asked for it.
 */
export const TestConnectionInput = z
  .object({
    url: z.string().max(2048, 'The URL is too long (2048 characters at most).').optional(),
    profileId: z.string().max(200).optional(),
    adobeHosts: z.literal(true).optional()
  })
  .strict()
  .refine((input) => [input.url, input.profileId, input.adobeHosts].filter((value) => value !== undefined).length === 1, {
    message: 'Name one thing to test: a URL, a profile, or Adobe’s hosts.'
  })
export type TestConnectionInput = z.input<typeof TestConnectionInput>

export type ConnectionStepId = 'dns' | 'tcp' | 'tls' | 'http'

export interface ConnectionTestStep {
  id: ConnectionStepId
  title: string
  status: 'pass' | 'warn' | 'fail' | 'skip'
  summary: string
  details: string[]
}

/** The certificate a server showed, as a person reads it (no key material). */
export interface CertificateSummary {
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  /** DNS and IP names the certificate is for. */
  names: string[]
  selfSigned: boolean
  fingerprint256: string
}

export interface ConnectionTestTarget {
  url: string
  /** "Reactor", "IMS" or "URL". */
  label: string
  /** The proxy the test went through, if one applies. */
  proxy?: string
  ok: boolean
  steps: ConnectionTestStep[]
  certificate?: CertificateSummary
  /** One sentence: what works, or the first thing that failed and what to do. */
  headline: string
}

export interface ConnectionTestReport {
  targets: ConnectionTestTarget[]
}

export const settingsContract = {
  'settings:get': channel<SettingsState>()(NoInput),
  'settings:update': channel<SettingsState>()(UpdateSettingsInput),
  'settings:setProxyPassword': channel<SettingsState>()(SetProxyPasswordInput),
  'settings:testConnection': channel<ConnectionTestReport>()(TestConnectionInput),
  'settings:switchSecretBackend': channel<SecretBackendSwitchResult>()(SwitchSecretBackendInput)
}

export interface SettingsEventPayloads {
  'settings:changed': SettingsState
}
