import { useId } from 'react'
import { openNetworkSettings, useNetworkSettings } from '../../settings/use-network-settings'
import type { RequestOptions } from '@shared/requests/request-spec'
import { changedOptions, parseTimeout } from '../model/request-draft'

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

interface Props {
  /** The document's `options`; unset values follow the Network settings. */
  options: RequestOptions
  onChange(options: RequestOptions): void
  /** The timeout field as typed (a half-written or wrong value never reaches the document). */
  timeoutText: string
  onTimeoutText(text: string): void
  onReset(): void
}

/** Per-request timeout, redirects and retry (`spec.options`); empty/unset values follow the Network settings. */
export function OptionsPanel({ options, onChange, timeoutText, onTimeoutText, onReset }: Props) {
  const id = useId()
  const settings = useNetworkSettings()
  const timeout = parseTimeout(timeoutText)
  const retry = options.retries ?? settings.retryIdempotentByDefault
  const followRedirects = options.followRedirects !== false
  const changed = changedOptions(options) > 0 || timeoutText.trim() !== ''

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
            value={timeoutText}
            aria-invalid={timeout.problem ? true : undefined}
            aria-describedby={`${id}-timeout-note`}
            onChange={(event) => onTimeoutText(event.target.value)}
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
        <input
          type="checkbox"
          checked={followRedirects}
          onChange={(event) => {
            // Following is the default: only "off" is written into the document.
            const { followRedirects: _old, ...rest } = options
            onChange(event.target.checked ? rest : { ...rest, followRedirects: false })
          }}
        />
        <span>
          <span className="rq-option-label">Follow redirects</span>
          <span className="rq-field-hint">Up to 10. The profile&apos;s credentials are dropped when a redirect leaves its host.</span>
        </span>
      </label>

      <label className="rq-option-check">
        <input type="checkbox" checked={retry} onChange={(event) => onChange({ ...options, retries: event.target.checked })} />
        <span>
          <span className="rq-option-label">Retry 429 and 5xx for idempotent methods</span>
          <span className="rq-field-hint">
            GET, HEAD, OPTIONS, PUT, DELETE: up to 2 more tries, honouring Retry-After.{' '}
            {options.retries === undefined ? `Default from Network settings (${settings.retryIdempotentByDefault ? 'on' : 'off'}).` : 'Set for this request.'}
          </span>
        </span>
      </label>

      <div className="rq-options-footer">
        <button type="button" className="btn btn-small" disabled={!changed} onClick={onReset}>
          Reset to defaults
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={openNetworkSettings}>
          Change defaults in Network settings…
        </button>
      </div>
    </div>
  )
}
