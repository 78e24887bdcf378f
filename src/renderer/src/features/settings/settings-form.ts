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
}

export type FormField = 'url' | 'noProxy' | 'timeoutSeconds' | 'maxInlineMB' | 'maxStoredMB'
export type FormErrors = Partial<Record<FormField, string>>

export function formFrom(settings: NetworkSettings): NetworkForm {
  return {
    mode: settings.proxy.mode,
    url: settings.proxy.url ?? '',
    noProxy: settings.proxy.noProxy ?? '',
    timeoutSeconds: String(settings.defaultTimeoutMs / 1000),
    retryByDefault: settings.retryIdempotentByDefault,
    maxInlineMB: String(settings.maxInlineBodyMB),
    maxStoredMB: String(settings.maxStoredBodiesMB ?? DEFAULT_MAX_STORED_BODIES_MB)
  }
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
  maxStoredBodiesMB: 'maxStoredMB'
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
  const candidate = {
    proxy: { mode: form.mode, ...(url ? { url } : {}), ...(noProxy ? { noProxy } : {}) },
    defaultTimeoutMs: seconds === undefined ? 30_000 : Math.round(seconds * 1000),
    retryIdempotentByDefault: form.retryByDefault,
    maxInlineBodyMB: mb ?? 50,
    maxStoredBodiesMB: storedMB ?? DEFAULT_MAX_STORED_BODIES_MB
  }
  const parsed = NetworkSettings.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[issue.path.join('.')]
      if (field && !errors[field]) errors[field] = issue.message
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors }
  return { settings: parsed.data, errors }
}
