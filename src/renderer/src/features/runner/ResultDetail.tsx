// One row of the results in full: the request as sent (method, URL, status, time, attempts, request ids), every
// assertion with what it expected and what came, the values captured for the requests after it, the waits
// (Retry-After, polls) and the imported scripts that were not run; and "Open in a tab" to look at it or fix it.
import { useId } from 'react'
import { countOf, duration } from './run-format'
import { rowOutcome, type ResultRow } from './run-model'

interface Props {
  row: ResultRow
  /** Absent when the request is not in the open collection any more (renamed, deleted, collection closed). */
  onOpen?: () => void
  onClose(): void
}

export function ResultDetail({ row, onOpen, onClose }: Props) {
  const titleId = useId()
  const outcome = rowOutcome(row)
  const name = row.kind === 'result' ? row.result.name || row.result.path : row.kind === 'not-run' ? row.request.name : `Data row ${row.problem.iteration}`
  return (
    <section className="rn-detail" aria-labelledby={titleId} data-testid="run-result-detail">
      <header className="rn-detail-head">
        <h3 id={titleId} className="rn-detail-title">
          {name}
        </h3>
        <div className="rn-detail-actions">
          {row.kind !== 'data-error' && (
            <button type="button" className="btn btn-small" disabled={!onOpen} title={onOpen ? undefined : 'This request is not in the open collection any more.'} onClick={onOpen}>
              Open in a tab
            </button>
          )}
          <button type="button" className="btn btn-ghost btn-small" aria-label="Close the details" onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      {row.kind === 'data-error' && (
        <p className="rn-detail-error">
          Not run: {row.problem.line !== undefined ? `line ${row.problem.line} of the data file` : 'the data file'} could not be read — {row.problem.message}
        </p>
      )}
      {row.kind === 'not-run' && (
        <p className="muted">
          Did not start: the run ended before iteration {row.iteration} reached it. File <code>{row.request.path}</code>.
        </p>
      )}
      {row.kind === 'result' && <ResultBody row={row} outcome={outcome} />}
    </section>
  )
}

function ResultBody({ row, outcome }: { row: Extract<ResultRow, { kind: 'result' }>; outcome: string }) {
  const { result } = row
  const failed = result.assertions.filter((assertion) => !assertion.passed).length
  return (
    <>
      <dl className="rn-facts">
        <div>
          <dt>Result</dt>
          <dd className={`rn-outcome-${outcome}`}>{outcome === 'passed' ? 'Passed' : outcome === 'failed' ? 'Failed' : 'Cancelled'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{result.status !== undefined ? `${result.status}${result.statusText ? ` ${result.statusText}` : ''}` : 'No answer'}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            {duration(result.durationMs)}
            {result.attempts > 1 ? ` (${countOf(result.attempts, 'attempt')})` : ''}
            {result.pages ? `, ${countOf(result.pages, 'page')}` : ''}
          </dd>
        </div>
        <div>
          <dt>Iteration</dt>
          <dd>{result.iteration}</dd>
        </div>
        <div className="rn-facts-wide">
          <dt>Sent</dt>
          <dd className="mono rn-break">
            {result.method} {result.url}
          </dd>
        </div>
        <div className="rn-facts-wide">
          <dt>File</dt>
          <dd className="mono rn-break">{result.path}</dd>
        </div>
        <div className="rn-facts-wide">
          <dt>Request id</dt>
          <dd className="mono rn-break">
            {result.requestId}
            {result.adobeRequestId ? ` · Adobe x-request-id ${result.adobeRequestId}` : ''}
          </dd>
        </div>
      </dl>
      {result.error && (
        <p className="rn-detail-error">
          {result.error.message} <code>{result.error.code}</code>
        </p>
      )}
      {result.assertions.length > 0 && (
        <table className="data-table rn-checks-table">
          <caption className="rn-caption">
            Assertions: {failed > 0 ? `${formatNumber(failed)} failed of ${formatNumber(result.assertions.length)}` : `all ${formatNumber(result.assertions.length)} passed`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Expected</th>
              <th scope="col">Actual</th>
            </tr>
          </thead>
          <tbody>
            {result.assertions.map((assertion, index) => (
              <tr key={index} className={assertion.passed ? 'rn-check-passed' : 'rn-check-failed'}>
                <td>
                  <span className="rn-check-mark">
                    <span aria-hidden="true">{assertion.passed ? '✔' : '✘'}</span>
                    <span className="visually-hidden">{assertion.passed ? 'Passed: ' : 'Failed: '}</span>
                  </span>
                  <code>
                    {assertion.expression} {assertion.operator}
                  </code>
                  {assertion.implicit && <span className="muted"> (added: no status check of its own)</span>}
                  {!assertion.passed && <div className="rn-check-message">{assertion.message}</div>}
                </td>
                <td className="mono rn-break">{assertion.expected ?? '—'}</td>
                <td className="mono rn-break">{assertion.actual ?? 'nothing found'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.captures.length > 0 && (
        <div className="rn-detail-part">
          <h4>Captured</h4>
          <ul className="rn-list">
            {result.captures.map((capture) => (
              <li key={capture.name}>
                <code>{`{{${capture.name}}}`}</code>{' '}
                {capture.captured ? (
                  <>
                    = <span className="mono rn-break">{capture.value ?? ''}</span>
                  </>
                ) : (
                  <span className="rn-detail-error-text">{capture.message ?? `Not captured: nothing at ${capture.expression}.`}</span>
                )}
                <span className="muted"> from {capture.expression}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.waits.length > 0 && (
        <div className="rn-detail-part">
          <h4>Waited</h4>
          <ul className="rn-list">
            {result.waits.map((wait, index) => (
              <li key={index}>{wait.message}</li>
            ))}
          </ul>
        </div>
      )}
      {result.scriptsNotRun.length > 0 && (
        <div className="rn-detail-part">
          <h4>Scripts not run</h4>
          <ul className="rn-list">
            {result.scriptsNotRun.map((script, index) => (
              <li key={index}>
                {script.type}: {script.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}

function formatNumber(count: number): string {
  return new Intl.NumberFormat('en').format(count)
}
