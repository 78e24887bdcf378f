// Settings → General: the theme, how much history is kept (the history capability's own setting, which its
// store enforces), the page size of catalog list operations, and where secrets are kept on this machine.
import { HISTORY_SETTINGS_LIMITS } from '@shared/ipc/history.contract'
import type { SecretBackendInfo } from '@shared/ipc/profiles.contract'
import { DefaultPageSize, PAGE_SIZE_LIMITS, REACTOR_DEFAULT_PAGE_SIZE, THEME_CHOICES, type SecretBackendChoice, type SettingsState, type ThemeChoice } from '@shared/ipc/settings.contract'
import { chooseTheme, useThemeChoice } from '../../app/theme'
import { SecretBackendSection } from './SecretBackendSection'
import { Field } from './SettingsField'

const THEME_LABELS: Record<ThemeChoice, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' }

interface Props {
  id: string
  /** The history size as typed, or undefined while it loads (or when the core has no history). */
  historyMaxEntries: string | undefined
  historyError?: string
  onHistoryMaxEntries(text: string): void
  onHistoryBlur(): void
  /** The default page size as typed. */
  pageSize: string
  pageSizeError?: string
  onPageSize(text: string): void
  onPageSizeBlur(): void
  backend?: SecretBackendInfo
  backends?: SecretBackendChoice
  onSecretsMoved(state: SettingsState): void
}

export function GeneralSection(props: Props) {
  const { id, historyMaxEntries, historyError, onHistoryMaxEntries, onHistoryBlur, backend } = props
  const limits = HISTORY_SETTINGS_LIMITS.maxEntries
  const theme = useThemeChoice()
  return (
    <>
      <fieldset className="st-section">
        <legend className="st-section-title">Appearance</legend>
        <Field id={`${id}-theme`} label="Theme" hint="Applies at once and is kept for the next start (the sidebar’s switch does the same).">
          <select
            id={`${id}-theme`}
            className="select st-select"
            aria-describedby={`${id}-theme-hint`}
            value={theme}
            onChange={(event) => void chooseTheme(event.target.value as ThemeChoice).catch(() => undefined)}
          >
            {THEME_CHOICES.map((choice) => (
              <option key={choice} value={choice}>{THEME_LABELS[choice]}</option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset className="st-section">
        <legend className="st-section-title">History</legend>
        <Field
          id={`${id}-historyMaxEntries`}
          label="Keep at most"
          suffix="requests"
          error={historyError}
          hint={`${limits.min.toLocaleString('en')} to ${limits.max.toLocaleString('en')}. The oldest entries go first once there are more (history also stays within its disk space).`}
        >
          <input
            id={`${id}-historyMaxEntries`}
            className="input st-number"
            inputMode="numeric"
            aria-invalid={historyError ? true : undefined}
            aria-describedby={`${id}-historyMaxEntries-${historyError ? 'error' : 'hint'}`}
            disabled={historyMaxEntries === undefined}
            value={historyMaxEntries ?? ''}
            onBlur={onHistoryBlur}
            onChange={(event) => onHistoryMaxEntries(event.target.value)}
          />
        </Field>
      </fieldset>
      <fieldset className="st-section">
        <legend className="st-section-title">Catalog</legend>
        <Field
          id={`${id}-pageSize`}
          label="Default page size"
          suffix="items"
          error={props.pageSizeError}
          hint={`${PAGE_SIZE_LIMITS.min} to ${PAGE_SIZE_LIMITS.max}. List operations opened from the catalog or the palette ask for this many items per page; Reactor’s own default is ${REACTOR_DEFAULT_PAGE_SIZE}.`}
        >
          <input
            id={`${id}-pageSize`}
            className="input st-number"
            inputMode="numeric"
            aria-invalid={props.pageSizeError ? true : undefined}
            aria-describedby={`${id}-pageSize-${props.pageSizeError ? 'error' : 'hint'}`}
            value={props.pageSize}
            onBlur={props.onPageSizeBlur}
            onChange={(event) => props.onPageSize(event.target.value)}
          />
        </Field>
      </fieldset>
      <SecretBackendSection id={id} backend={backend} choice={props.backends} onSwitched={props.onSecretsMoved} />
    </>
  )
}

/** The typed page size as a number within 1..100, or the sentence saying what is wrong. */
export function parsePageSize(text: string): { value?: number; error?: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { error: 'Enter how many items a page holds, e.g. 25.' }
  if (!/^\d+$/.test(trimmed)) return { error: 'Write a whole number of items, e.g. 25.' }
  const parsed = DefaultPageSize.safeParse(Number(trimmed))
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? 'Not a page size.' }
}

/** The typed history size as a number within its limits, or the sentence saying what is wrong. */
export function parseHistoryMaxEntries(text: string): { value?: number; error?: string } {
  const { min, max } = HISTORY_SETTINGS_LIMITS.maxEntries
  const trimmed = text.trim().replace(/[,\s]/g, '')
  if (trimmed === '') return { error: 'Enter how many requests history keeps.' }
  if (!/^\d+$/.test(trimmed)) return { error: 'Write a whole number of requests, e.g. 10000.' }
  const value = Number(trimmed)
  if (value < min) return { error: `History keeps at least ${min} requests.` }
  if (value > max) return { error: `History keeps at most ${max.toLocaleString('en')} requests.` }
  return { value }
}
