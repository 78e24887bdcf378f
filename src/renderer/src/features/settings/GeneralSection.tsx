// Settings → General: how much history is kept (the history capability's own setting, which its store
// enforces), and where secrets are kept on this machine, with what that means for the person.
import { HISTORY_SETTINGS_LIMITS } from '@shared/ipc/history.contract'
import type { SecretBackendInfo } from '@shared/ipc/profiles.contract'
import { Field } from './SettingsField'

interface Props {
  id: string
  /** The history size as typed, or undefined while it loads (or when the core has no history). */
  historyMaxEntries: string | undefined
  historyError?: string
  onHistoryMaxEntries(text: string): void
  onHistoryBlur(): void
  backend?: SecretBackendInfo
}

/** What each backend means for someone who stores a client secret or a proxy password. */
function backendMeaning(backend: SecretBackendInfo): string {
  switch (backend.backend) {
    case 'keychain':
      return 'Client secrets, collection secrets and the proxy password are kept by the operating system’s keychain: encrypted by the system, and still there after a restart. Nothing secret is written to the app’s files.'
    case 'safe-storage':
      return 'Secrets are encrypted with the operating system’s key (Electron safeStorage) and kept in the app’s data folder: they survive a restart, and only this user on this computer can read them.'
    default:
      return 'No keychain is available here, so secrets are kept in memory only: they are gone when the app quits and must be entered again. Nothing secret is written to disk.'
  }
}

export function GeneralSection({ id, historyMaxEntries, historyError, onHistoryMaxEntries, onHistoryBlur, backend }: Props) {
  const limits = HISTORY_SETTINGS_LIMITS.maxEntries
  return (
    <>
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
      <section className="st-section" aria-labelledby={`${id}-secrets-title`}>
        <h3 className="st-section-title" id={`${id}-secrets-title`}>Where secrets are kept</h3>
        {backend ? (
          <div className={`st-backend st-backend-${backend.persistent ? 'persistent' : 'session'}`}>
            <p className="st-radio-label">{backend.label}</p>
            <p className="st-hint">{backendMeaning(backend)}</p>
            {backend.problem && (
              <p className="st-hint st-backend-problem" role="status">
                <strong>Why:</strong> {backend.problem.message}
              </p>
            )}
          </div>
        ) : (
          <p className="st-hint">Not known yet.</p>
        )}
      </section>
    </>
  )
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
