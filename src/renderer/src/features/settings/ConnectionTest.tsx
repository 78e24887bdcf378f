// Settings → Test connection: asks main to test a URL (or the active profile's Reactor and IMS hosts) layer
// by layer with the saved settings, and shows which layer failed, in words, with the certificate when TLS
// is the problem.
import { useEffect, useId, useRef, useState } from 'react'
import type { ConnectionTestReport, ConnectionTestStep, ConnectionTestTarget } from '@shared/ipc/settings.contract'
import { ApiError, api, unwrap } from '../../api/client'

interface Props {
  /** The profile whose hosts are tested when no URL is typed (else Adobe's production hosts). */
  profile?: { id: string; name: string }
  /** Unsaved edits in the dialog: the test uses the saved settings, so it says so. */
  unsaved: boolean
}

const MARK: Record<ConnectionTestStep['status'], { symbol: string; words: string }> = {
  pass: { symbol: '✓', words: 'passed' },
  warn: { symbol: '!', words: 'warning' },
  fail: { symbol: '✕', words: 'failed' },
  skip: { symbol: '–', words: 'not run' }
}

function StepRow({ step }: { step: ConnectionTestStep }) {
  const mark = MARK[step.status]
  const [layer, what] = step.title.split(': ')
  return (
    <li className={`ct-step ct-step-${step.status}`}>
      <span className="ct-mark" aria-hidden="true">{mark.symbol}</span>
      <div className="ct-step-text">
        <p className="ct-step-title">
          <strong>{layer}</strong> <span className="st-hint">{what}</span>
          <span className="st-visually-hidden">: {mark.words}.</span>
        </p>
        <p className="ct-summary">{step.summary}</p>
        {step.details.length > 0 && step.status !== 'skip' && (
          <details className="ct-details" open={step.id === 'tls' && step.status !== 'pass'}>
            <summary>{step.id === 'tls' ? 'Certificate' : 'Details'}</summary>
            <ul>
              {step.details.map((detail) => (
                <li key={detail} className="mono">{detail}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </li>
  )
}

function TargetResult({ target }: { target: ConnectionTestTarget }) {
  return (
    <section className={`ct-target ${target.ok ? 'ct-target-ok' : 'ct-target-fail'}`} aria-label={`${target.label} ${target.url}`}>
      <header className="ct-target-head">
        <span className={`ct-pill ${target.ok ? 'ct-pill-ok' : 'ct-pill-fail'}`}>{target.ok ? 'Reachable' : 'Failed'}</span>
        <span className="ct-target-label">{target.label}</span>
        <code className="ct-target-url">{target.url}</code>
        {target.proxy && <span className="st-hint">via proxy {target.proxy}</span>}
      </header>
      <ol className="ct-steps">
        {target.steps.map((step) => (
          <StepRow key={step.id} step={step} />
        ))}
      </ol>
    </section>
  )
}

/** One short line over the cards: which host failed at which layer, or that all are reachable. */
function headlineOf(report: ConnectionTestReport): string {
  const failed = report.targets.filter((target) => !target.ok)
  if (failed.length === 0) return report.targets.length === 1 ? `Reachable: every layer works for ${report.targets[0]!.label === 'URL' ? 'this URL' : report.targets[0]!.label}.` : 'Reachable: every layer works for every host.'
  return failed
    .map((target) => {
      const step = target.steps.find((item) => item.status === 'fail')
      const layer = step ? step.title.split(':')[0] : 'a layer'
      return `${target.label === 'URL' ? 'This URL' : target.label} fails at ${layer}.`
    })
    .join(' ')
}

export function ConnectionTest({ profile, unsaved }: Props) {
  const id = useId()
  const [url, setUrl] = useState('')
  const [running, setRunning] = useState(false)
  const [report, setReport] = useState<ConnectionTestReport | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  const resultsRef = useRef<HTMLDivElement>(null)
  // In a short window (200% zoom) the result starts below the fold: bring the failed layer (else the first card) into view.
  useEffect(() => {
    if (!report) return
    const root = resultsRef.current?.parentElement
    const target = root?.querySelector('.ct-step-fail') ?? root?.querySelector('.ct-target')
    // Only the dialog's own scrolling body moves (scrollIntoView would also shift the dialog and hide its footer).
    const body = target?.closest<HTMLElement>('.st-body')
    if (!target || !body) return
    const offset = target.getBoundingClientRect().top - body.getBoundingClientRect().top
    // 48 px: the tab list stays over the top of the body.
    if (offset > body.clientHeight - 80 || offset < 48) body.scrollTop += offset - 48
  }, [report])

  const run = async () => {
    setRunning(true)
    setFailure(undefined)
    setReport(undefined)
    try {
      const typed = url.trim()
      setReport(await unwrap(api().testConnection(typed ? { url: typed } : profile ? { profileId: profile.id } : { adobeHosts: true })))
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error))
    } finally {
      setRunning(false)
    }
  }

  const failedCount = report?.targets.filter((target) => !target.ok).length ?? 0
  return (
    <div className="st-section ct">
      <p className="st-hint st-lead">
        Tests each layer a request goes through (DNS, TCP and the proxy, TLS, HTTP) with the saved settings, and names the first one that fails.
        No credential is sent.
      </p>
      <div className="field st-field">
        <label htmlFor={`${id}-url`} className="st-label">URL to test</label>
        <div className="st-control">
          <input
            id={`${id}-url`}
            className="input mono"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://reactor.adobe.io"
            aria-describedby={`${id}-url-hint`}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                if (!running) void run()
              }
            }}
          />
          <button type="button" className="btn" disabled={running} onClick={() => void run()}>
            {running ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        <p className="st-hint" id={`${id}-url-hint`}>
          {profile ? `Empty: the Reactor and IMS hosts of “${profile.name}”.` : 'Empty: Adobe’s Reactor and IMS hosts.'}
          {unsaved ? ' Unsaved changes are not used: save them first.' : ''}
        </p>
      </div>
      <div aria-live="polite" className="ct-live" ref={resultsRef}>
        {running && <p className="muted">Testing…</p>}
        {report && (
          <p className={`ct-headline ${failedCount ? 'ct-headline-fail' : 'ct-headline-ok'}`}>
            {headlineOf(report)}
            {/* Heard, not shown: the sentence of the first failure is in its card below. */}
            {failedCount > 0 && <span className="st-visually-hidden"> {report.targets.filter((target) => !target.ok).map((target) => target.headline).join(' ')}</span>}
          </p>
        )}
      </div>
      {failure && <p className="inline-error" role="alert">{failure}</p>}
      {report?.targets.map((target) => (
        <TargetResult key={`${target.label}-${target.url}`} target={target} />
      ))}
    </div>
  )
}
