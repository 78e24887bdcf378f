// Settings → General → "Keep secrets in": the backends this app can use here, the one in use, what each
// means, and why one is unavailable (no session bus, locked keychain, not the desktop app). Choosing another
// and pressing Move asks main to move every secret (settings:switchSecretBackend): all or nothing, so the
// answer is either "n secrets moved" or the sentence naming the secret that stopped it. Values never come here.
import { useState } from 'react'
import type { SecretBackendInfo } from '@shared/ipc/profiles.contract'
import type { SecretBackendChoice, SecretBackendName, SettingsState } from '@shared/ipc/settings.contract'
import { ApiError, api, unwrap } from '../../api/client'

const TITLES: Record<SecretBackendName, string> = {
  keychain: 'OS keychain',
  'safe-storage': 'Electron safeStorage',
  memory: 'This session only'
}

/** What each backend means for someone who stores a client secret or a proxy password. */
export const BACKEND_MEANINGS: Record<SecretBackendName, string> = {
  keychain:
    'Client secrets, pasted tokens, collection secrets and the proxy password are kept by the operating system’s keychain: encrypted by the system, and still there after a restart. Nothing secret is written to the app’s files.',
  'safe-storage':
    'Secrets are encrypted with the operating system’s key (Electron safeStorage) and kept in the app’s data folder: they survive a restart, and only this user on this computer can read them.',
  memory: 'With this choice secrets are kept in memory only: they are gone when the app quits and must be entered again. Nothing secret is written to disk.'
}

interface Props {
  id: string
  /** Where new secrets go now (with the problem when it is memory only because nothing else works). */
  backend?: SecretBackendInfo
  choice?: SecretBackendChoice
  onSwitched(state: SettingsState): void
}

export function SecretBackendSection({ id, backend, choice, onSwitched }: Props) {
  const inUse = choice?.options.find((option) => option.inUse)?.backend ?? backend?.backend
  const [picked, setPicked] = useState<SecretBackendName | undefined>()
  const [moving, setMoving] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>()
  const selected = picked ?? inUse

  const move = async () => {
    if (!selected || selected === inUse) return
    setMoving(true)
    setOutcome(undefined)
    try {
      const result = await unwrap(api().switchSecretBackend({ backend: selected }))
      setOutcome({ ok: true, message: result.message })
      setPicked(undefined)
      onSwitched(result.settings)
    } catch (error) {
      setOutcome({ ok: false, message: error instanceof ApiError ? error.message : String(error) })
    } finally {
      setMoving(false)
    }
  }

  if (!choice) {
    // An older core lists no backends: show where secrets are, without a choice.
    return (
      <section className="st-section" aria-labelledby={`${id}-secrets-title`}>
        <h3 className="st-section-title" id={`${id}-secrets-title`}>Where secrets are kept</h3>
        {backend ? (
          <div className={`st-backend st-backend-${backend.persistent ? 'persistent' : 'session'}`}>
            <p className="st-radio-label">{backend.label}</p>
            <p className="st-hint">{BACKEND_MEANINGS[backend.backend]}</p>
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
    )
  }

  return (
    <fieldset className="st-section">
      <legend className="st-section-title">Keep secrets in</legend>
      {choice.notice && (
        <p className="st-notice st-notice-warning" role="status">{choice.notice}</p>
      )}
      <div className="st-radios" role="radiogroup" aria-label="Keep secrets in">
        {choice.options.map((option) => (
          <label
            key={option.backend}
            className={`st-radio${selected === option.backend ? ' st-radio-checked' : ''}${option.available ? '' : ' st-radio-unavailable'}`}
          >
            <input
              type="radio"
              name={`${id}-secret-backend`}
              value={option.backend}
              checked={selected === option.backend}
              disabled={!option.available || moving}
              aria-describedby={`${id}-secret-backend-${option.backend}`}
              onChange={() => {
                setPicked(option.backend)
                setOutcome(undefined)
              }}
            />
            <span className="st-radio-text" id={`${id}-secret-backend-${option.backend}`}>
              <span className="st-radio-label st-backend-title">
                {TITLES[option.backend]}
                {option.inUse && <span className="badge badge-ok">In use</span>}
                {!option.available && <span className="badge">Not available here</span>}
              </span>
              {option.available && option.backend !== 'memory' && <span className="st-hint st-detail">{option.label}</span>}
              <span className="st-hint">{option.available ? BACKEND_MEANINGS[option.backend] : `Why: ${option.problem ?? 'it cannot be used on this system.'}`}</span>
            </span>
          </label>
        ))}
      </div>
      <div className="st-move">
        <button type="button" className="btn" disabled={moving || !selected || selected === inUse} onClick={() => void move()}>
          {moving ? 'Moving secrets…' : selected && selected !== inUse ? `Move secrets to ${TITLES[selected]}` : 'Move secrets'}
        </button>
        <p className="st-hint">
          Every stored secret moves: profiles’ client secrets and pasted tokens, collection secret variables and the proxy password. Each one is checked in
          the new place before it is removed from the old one; if any fails, nothing moves.
        </p>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'st-notice st-notice-info' : 'inline-error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
    </fieldset>
  )
}
