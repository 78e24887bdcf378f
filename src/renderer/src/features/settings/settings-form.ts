// The dialog's form as text fields (what a person types), turned into NetworkSettings with the shared schema so
// the messages under each field are exactly main's rules.
import { DEFAULT_MAX_STORED_BODIES_MB, NetworkSettings, type ProxyMode } from '@shared/ipc/settings.contract'

export interface NetworkForm {
  mode: ProxyMode
  url: string
  noProxy: string
  timeoutSeconds: string
  retryByDefault: boolean
  maxInlineMB: string
  /** Disk space for large bodies kept in files, in MB (the setting's default when the file has none). */
  maxStoredMB: string
  /** A manual proxy's login: the user name is saved in the settings, the password goes to the keychain. */
  username: string
  /** Typed here and sent one way to main on Save; never loaded (main does not give it out). */
  password: string
  /** Remove the stored proxy password on Save. */
  forgetPassword: boolean
  caFile: string
  useSystemCa: boolean
  /** One host per line (commas work too). */
  noVerifyHosts: string
  /** Whether the file had TLS settings: then they are saved even when emptied, so clearing them sticks. */
  tlsWasSet: boolean
}

export type FormField = 'url' | 'noProxy' | 'timeoutSeconds' | 'maxInlineMB' | 'maxStoredMB' | 'username' | 'caFile' | 'noVerifyHosts'
export type FormErrors = Partial<Record<FormField, string>>

export function formFrom(settings: NetworkSettings): NetworkForm {
  return {
    mode: settings.proxy.mode,
    url: settings.proxy.url ?? '',
    noProxy: settings.proxy.noProxy ?? '',
    timeoutSeconds: String(settings.defaultTimeoutMs / 1000),
    retryByDefault: settings.retryIdempotentByDefault,
    maxInlineMB: String(settings.maxInlineBodyMB),
    maxStoredMB: String(settings.maxStoredBodiesMB ?? DEFAULT_MAX_STORED_BODIES_MB),
    username: settings.proxy.username ?? '',
    password: '',
    forgetPassword: false,
    caFile: settings.tls?.caFile ?? '',
    useSystemCa: settings.tls?.useSystemCa === true,
    noVerifyHosts: (settings.tls?.noVerifyHosts ?? []).join('\n'),
    tlsWasSet: settings.tls !== undefined
  }
}

/** The hosts typed, one per line or comma-separated, blanks dropped. */
export function hostsOf(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** A decimal number as typed ("2", "1.5", " 30 "), or undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  return Number(trimmed)
}

const FIELD_OF: Record<string, FormField> = {
  'proxy.url': 'url',
  'proxy.noProxy': 'noProxy',
  defaultTimeoutMs: 'timeoutSeconds',
  maxInlineBodyMB: 'maxInlineMB',
  maxStoredBodiesMB: 'maxStoredMB',
  'proxy.username': 'username',
  'tls.caFile': 'caFile',
  'tls.noVerifyHosts': 'noVerifyHosts'
}

export function validateForm(form: NetworkForm): { settings?: NetworkSettings; errors: FormErrors } {
  const errors: FormErrors = {}
  const seconds = parseNumber(form.timeoutSeconds)
  if (seconds === undefined) errors.timeoutSeconds = form.timeoutSeconds.trim() ? 'Write the timeout as a number of seconds, e.g. 30.' : 'Enter a timeout in seconds.'
  const mb = parseNumber(form.maxInlineMB)
  if (mb === undefined) errors.maxInlineMB = form.maxInlineMB.trim() ? 'Write the size as a number of MB, e.g. 50.' : 'Enter a size in MB.'
  const storedMB = parseNumber(form.maxStoredMB)
  if (storedMB === undefined) errors.maxStoredMB = form.maxStoredMB.trim() ? 'Write the disk space as a number of MB, e.g. 1024.' : 'Enter the disk space in MB.'
  const url = form.url.trim()
  const noProxy = form.noProxy.trim()
  const username = form.mode === 'manual' ? form.username.trim() : ''
  const caFile = form.caFile.trim()
  const hosts = hostsOf(form.noVerifyHosts)
  const tls = { ...(caFile ? { caFile } : {}), ...(form.useSystemCa ? { useSystemCa: true } : {}), ...(hosts.length ? { noVerifyHosts: hosts } : {}) }
  const candidate = {
    proxy: { mode: form.mode, ...(url ? { url } : {}), ...(noProxy ? { noProxy } : {}), ...(username ? { username } : {}) },
    defaultTimeoutMs: seconds === undefined ? 30_000 : Math.round(seconds * 1000),
    retryIdempotentByDefault: form.retryByDefault,
    maxInlineBodyMB: mb ?? 50,
    maxStoredBodiesMB: storedMB ?? DEFAULT_MAX_STORED_BODIES_MB,
    ...(form.tlsWasSet || Object.keys(tls).length > 0 ? { tls } : {})
  }
  const parsed = NetworkSettings.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // "tls.noVerifyHosts.2": the message names the host; the field is the list.
      const field = FIELD_OF[issue.path.filter((part) => typeof part !== 'number').join('.')]
      if (field && !errors[field]) errors[field] = issue.message
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors }
  return { settings: parsed.data, errors }
}
