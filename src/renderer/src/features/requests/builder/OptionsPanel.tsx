import { useId } from 'react'
import { openNetworkSettings, useNetworkSettings } from '../../settings/use-network-settings'
import { DEFAULT_REQUEST_OPTIONS, parseTimeout, type RequestOptionsDraft } from '../model/request-draft'

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

/** Per-request timeout, redirects and retry; empty/unset values follow the Network settings. */
export function OptionsPanel({ options, onChange }: { options: RequestOptionsDraft | undefined; onChange(options: RequestOptionsDraft): void }) {
  const id = useId()
  const settings = useNetworkSettings()
  const current = options ?? DEFAULT_REQUEST_OPTIONS
  const set = (patch: Partial<RequestOptionsDraft>) => onChange({ ...current, ...patch })
  const timeout = parseTimeout(current.timeoutSeconds)
  const retry = current.retryIdempotent ?? settings.retryIdempotentByDefault
  const changed = current.timeoutSeconds.trim() !== '' || !current.followRedirects || current.retryIdempotent !== undefined

  return (
    <div className="rq-options">
      <div className={`field rq-option${timeout.problem ? ' rq-option-invalid' : ''}`}>
        <label htmlFor={`${id}-timeout`} className="rq-option-label">Timeout</label>
        <div className="rq-option-control">
          <input
            id={`${id}-timeout`}
            className="input rq-option-number"
            inputMode="decimal"
            placeholder={String(settings.defaultTimeoutMs / 1000)}
            value={current.timeoutSeconds}
            aria-invalid={timeout.problem ? true : undefined}
            aria-describedby={`${id}-timeout-note`}
            onChange={(event) => set({ timeoutSeconds: event.target.value })}
          />
          <span className="muted">seconds</span>
        </div>
        {timeout.problem ? (
          <p className="inline-error" id={`${id}-timeout-note`}>{timeout.problem}</p>
        ) : (
          <p className="rq-field-hint" id={`${id}-timeout-note`}>
            {timeout.ms === undefined
              ? `Empty: the default from Network settings (${seconds(settings.defaultTimeoutMs)}).`
              : `Waits up to ${seconds(timeout.ms)} for the answer to start and between parts of it.`}
          </p>
        )}
      </div>

      <label className="rq-option-check">
        <input type="checkbox" checked={current.followRedirects} onChange={(event) => set({ followRedirects: event.target.checked })} />
        <span>
          <span className="rq-option-label">Follow redirects</span>
          <span className="rq-field-hint">Up to 10. The profile&apos;s credentials are dropped when a redirect leaves its host.</span>
        </span>
      </label>

      <label className="rq-option-check">
        <input type="checkbox" checked={retry} onChange={(event) => set({ retryIdempotent: event.target.checked })} />
        <span>
          <span className="rq-option-label">Retry 429 and 5xx for idempotent methods</span>
          <span className="rq-field-hint">
            GET, HEAD, OPTIONS, PUT, DELETE: up to 2 more tries, honouring Retry-After.{' '}
            {current.retryIdempotent === undefined ? `Default from Network settings (${settings.retryIdempotentByDefault ? 'on' : 'off'}).` : 'Set for this request.'}
          </span>
        </span>
      </label>

      <div className="rq-options-footer">
        <button type="button" className="btn btn-small" disabled={!changed} onClick={() => onChange({ ...DEFAULT_REQUEST_OPTIONS })}>
          Reset to defaults
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={openNetworkSettings}>
          Change defaults in Network settings…
        </button>
      </div>
    </div>
  )
}
