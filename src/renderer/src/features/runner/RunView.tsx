// A run once started: what it runs (one line), its progress (a bar with done/total, passed/failed, elapsed, the
// request in flight or the wait, and a polite live region that speaks every few seconds, not on every result),
// then its results: a filter to failures, re-run failed only, export as the CLI's reports, and the table with
// the chosen row's details beside it (below it in a narrow window).
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { RunReportFormat } from '@shared/ipc/runner.contract'
import type { RequestItem } from '@shared/collections/collection-model'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { openRequestInTab } from '../../state/workbench-commands'
import { MenuButton } from '../../ui/MenuButton'
import { exportReport, REPORT_LABELS } from './report-export'
import { ResultDetail } from './ResultDetail'
import { ResultsTable } from './ResultsTable'
import { clock, countOf, duration, formatNumber, spokenClock } from './run-format'
import { endSentence, failedPaths, firstFailure, isFailure, requestsNotRun, resultRows, rowOutcome, type ResultRow } from './run-model'
import { closeRun, copyRun, setUpRerunOfFailures, startRun, stopRun, type RunSession } from './runner-store'

/** The live region speaks at most this often while a run goes (and at once when it ends). */

export const ANNOUNCE_EVERY_MS = 5000

interface Props {
  session: RunSession
  view: CollectionView | undefined
}

function plannedTotal(session: RunSession): number | undefined {
  if (session.requestsPerIteration === undefined || session.iterations === undefined) return undefined
  return session.requestsPerIteration * session.iterations
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  return now
}

function findRequest(items: CollectionView['items'], path: string): RequestItem | undefined {
  for (const item of items) {
    if (item.kind === 'request' && item.path === path) return item
    if (item.kind === 'folder') {
      const found = findRequest(item.items, path)
      if (found) return found
    }
  }
  return undefined
}

export function RunView({ session, view }: Props) {
  const running = session.phase === 'running' || session.phase === 'stopping'
  const [filter, setFilter] = useState<'all' | 'failures'>('all')
  const [selectedKey, setSelectedKey] = useState<string | undefined>()
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | undefined>()
  const resultsTitle = useId()

  const notRun = useMemo(() => {
    const summary = session.summary
    if (!summary || !summary.requests.notRun || session.settings.mode === 'data' || !session.started) return []
    return requestsNotRun(session.started.plan, session.iterations ?? Number(session.settings.iterations), session.results)
  }, [session.summary, session.settings, session.started, session.iterations, session.results])
  const rows = useMemo(() => resultRows(session.results, session.dataErrors, notRun), [session.results, session.dataErrors, notRun])
  const failures = useMemo(() => rows.filter(isFailure), [rows])
  const shown = filter === 'failures' ? failures : rows
  const selected = rows.find((row) => row.key === selectedKey)
  const rerunnable = failedPaths(session.results).length

  const open = (row: ResultRow) => {
    const path = row.kind === 'result' ? row.result.path : row.kind === 'not-run' ? row.request.path : undefined
    const item = path && view ? findRequest(view.items, path) : undefined
    if (!item || !view) {
      setNotice({ tone: 'error', text: path ? `“${path}” is not in the open collection any more (renamed, moved or deleted), so it cannot be opened.` : 'A data row has no request to open.' })
      return
    }
    const why = row.kind === 'result' && row.result.outcome === 'failed' ? `: failed — ${firstFailure(row.result) ?? 'see the run'}` : row.kind === 'result' ? `: ${rowOutcome(row)}` : ': did not start'
    openRequestInTab({ spec: item.spec, origin: { kind: 'collection', root: view.root, path: item.path, ...(item.etag ? { etag: item.etag } : {}) }, note: `Opened from Run ${session.number}${why}` })
  }

  const rerun = () => {
    const id = setUpRerunOfFailures(session.id)
    if (!id || !session.started) return
    const paths = new Set(failedPaths(session.results))
    void startRun(id, { ...session.started, targetLabel: `the ${countOf(paths.size, 'failed request')} of Run ${session.number}`, plan: session.started.plan.filter((request) => paths.has(request.path)) })
  }

  const again = () => {
    const id = copyRun(session.id)
    if (id && session.started) void startRun(id, session.started)
  }

  const onExport = (format: RunReportFormat) => {
    if (!session.runId) return
    exportReport(session.runId, format).then(
      (text) => setNotice({ tone: 'info', text }),
      (error: Error) => setNotice({ tone: 'error', text: `The ${REPORT_LABELS[format]} was not exported: ${error.message}` })
    )
  }

  return (
    <div className="rn-run">
      <RunHeadline session={session} running={running} onAgain={again} onChange={() => copyRun(session.id)} />
      <RunProgressPanel session={session} running={running} notRunListed={notRun.length} />
      <section className="rn-results" aria-labelledby={resultsTitle}>
        <div className="rn-results-toolbar">
          <h2 id={resultsTitle} className="rn-section-title">
            Results
          </h2>
          <div className="rn-segmented" role="group" aria-label="Show">
            <button type="button" className="rn-segment" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              All <span className="rn-segment-count">{formatNumber(rows.length)}</span>
            </button>
            <button type="button" className="rn-segment" aria-pressed={filter === 'failures'} onClick={() => setFilter('failures')}>
              Failures <span className="rn-segment-count">{formatNumber(failures.length)}</span>
            </button>
          </div>
          <span className="rn-toolbar-spacer" />
          <button type="button" className="btn btn-small" disabled={running || rerunnable === 0 || !session.started} onClick={rerun} title={rerunnable === 0 ? 'No request failed.' : undefined}>
            Re-run failed{rerunnable > 0 ? ` (${formatNumber(rerunnable)})` : ''}
          </button>
          <MenuButton
            label="Export report"
            disabled={running || !session.runId || session.phase === 'failed'}
            items={(['json', 'junit', 'html'] as const).map((format) => ({ label: REPORT_LABELS[format], onSelect: () => onExport(format) }))}
          />
          <button type="button" className="btn btn-small btn-ghost" onClick={() => closeRun(session.id)}>
            {running ? 'Stop and close' : 'Close results'}
          </button>
        </div>
        {notice && (
          <p className={`rn-notice rn-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
            {notice.text}
            <button type="button" className="btn btn-ghost btn-small" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
              ×
            </button>
          </p>
        )}
        <div className={`rn-results-body${selected ? ' rn-results-body-detail' : ''}`}>
          <ResultsTable
            rows={shown}
            iterations={session.settings.mode === 'data' || (session.iterations ?? 1) > 1}
            label={`Results of Run ${session.number}${filter === 'failures' ? ', failures only' : ''}`}
            selectedKey={selectedKey}
            onSelect={(row) => setSelectedKey(row.key)}
            onOpen={open}
            empty={
              filter === 'failures'
                ? rows.length === 0
                  ? 'No results yet.'
                  : 'No failures: every request that ran passed its checks.'
                : session.phase === 'failed'
                  ? 'Nothing ran.'
                  : 'Waiting for the first answer…'
            }
          />
          {selected && <ResultDetail row={selected} onOpen={selected.kind === 'data-error' ? undefined : () => open(selected)} onClose={() => setSelectedKey(undefined)} />}
        </div>
      </section>
    </div>
  )
}

function RunHeadline({ session, running, onAgain, onChange }: { session: RunSession; running: boolean; onAgain(): void; onChange(): void }) {
  const started = session.started
  const settings = session.settings
  const parts = [
    started?.profileName ? `profile ${started.profileName}` : undefined,
    settings.environment ? `environment ${settings.environment}` : 'the profile’s environment',
    settings.mode === 'data' ? `data ${settings.data?.fileName ?? ''}` : countOf(Number(settings.iterations) || 1, 'iteration'),
    Number(settings.concurrency) > 1 ? `${settings.concurrency} at once` : 'one at a time',
    Number(settings.delayMs) > 0 ? `${settings.delayMs} ms apart` : undefined,
    settings.bail ? 'stops at the first failure' : undefined
  ].filter(Boolean)
  return (
    <div className="rn-headline">
      <p className="rn-headline-text" title={`${started?.collectionName ?? 'Run'} › ${started?.targetLabel ?? ''} · ${parts.join(' · ')}`}>
        <strong>{started?.collectionName ?? 'Run'}</strong> <span aria-hidden="true">›</span> {started?.targetLabel}
        <span className="muted"> · {parts.join(' · ')}</span>
      </p>
      <div className="rn-headline-actions">
        <button type="button" className="btn btn-small" disabled={running || !started} onClick={onAgain}>
          Run again
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onChange}>
          Change settings…
        </button>
      </div>
    </div>
  )
}

function RunProgressPanel({ session, running, notRunListed }: { session: RunSession; running: boolean; notRunListed: number }) {
  const titleId = useId()
  const now = useNow(running)
  const total = plannedTotal(session)
  const { counts, summary } = session
  const done = counts.done + session.dataErrors.length
  const failed = counts.failed + session.dataErrors.length
  const elapsed = session.started ? (session.endedAt ?? now) - session.started.at : 0
  const fraction = total ? Math.min(1, done / Math.max(1, total)) : summary ? 1 : 0
  const failedFraction = total ? Math.min(fraction, failed / Math.max(1, total)) : 0
  const verdict = session.phase === 'failed' ? 'Not run' : session.phase === 'stopping' ? 'Stopping…' : running ? 'Running' : summary?.outcome === 'passed' ? 'Passed' : summary?.outcome === 'cancelled' ? 'Stopped' : 'Failed'
  const tone = session.phase === 'failed' || (summary && summary.outcome !== 'passed') ? 'error' : summary ? 'ok' : 'running'
  const valueText = total !== undefined ? `${formatNumber(done)} of ${countOf(total, 'request')} done, ${formatNumber(failed)} failed` : `${countOf(done, 'request')} done, ${formatNumber(failed)} failed`
  const announcement = useAnnouncement(session, valueText)

  return (
    <section className={`rn-progress rn-progress-${tone}`} aria-labelledby={titleId}>
      <div className="rn-progress-head">
        <h2 id={titleId} className="rn-section-title">
          Run {session.number}: <span className={`rn-verdict rn-verdict-${tone}`}>{verdict}</span>
        </h2>
        {running && (
          <button type="button" className="btn btn-small rn-stop" disabled={session.phase === 'stopping'} onClick={() => void stopRun(session.id)}>
            {session.phase === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        )}
      </div>
      <div
        className="rn-bar"
        role="progressbar"
        aria-label={`Run ${session.number} progress`}
        aria-valuemin={0}
        {...(total !== undefined ? { 'aria-valuemax': total, 'aria-valuenow': Math.min(done, total) } : {})}
        aria-valuetext={valueText}
        data-indeterminate={total === undefined && running ? 'true' : undefined}
      >
        <div className="rn-bar-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
        {failedFraction > 0 && <div className="rn-bar-failed" style={{ width: `${(failedFraction * 100).toFixed(2)}%` }} />}
      </div>
      <dl className="rn-counts" data-testid="run-counts">
        <div>
          <dt>Done</dt>
          <dd>
            {formatNumber(done)}
            {total !== undefined ? ` / ${formatNumber(total)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Passed</dt>
          <dd className="rn-count-ok">{formatNumber(counts.passed)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={failed > 0 ? 'rn-count-error' : undefined}>{formatNumber(failed)}</dd>
        </div>
        {counts.cancelled > 0 && (
          <div>
            <dt>Cancelled</dt>
            <dd>{formatNumber(counts.cancelled)}</dd>
          </div>
        )}
        <div>
          <dt>Assertions</dt>
          <dd>
            {formatNumber(counts.assertionsPassed)} passed{counts.assertionsFailed > 0 ? `, ${formatNumber(counts.assertionsFailed)} failed` : ''}
          </dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>
            <time aria-label={spokenClock(elapsed)}>{summary ? duration(summary.durationMs) : clock(elapsed)}</time>
          </dd>
        </div>
      </dl>
      <p className="rn-activity">
        {session.phase === 'failed' ? (
          <span className="rn-detail-error-text" role="alert">
            The run did not start: {session.error}
          </span>
        ) : running ? (
          session.waiting ? (
            `Waiting: ${session.waiting}`
          ) : session.inFlight.length > 0 ? (
            `Running ${session.inFlight.length > 1 ? `${formatNumber(session.inFlight.length)} requests: ` : ''}${session.inFlight
              .slice(0, 3)
              .map((item) => item.name)
              .join(', ')}${session.inFlight.length > 3 ? '…' : ''}`
          ) : (
            'Starting…'
          )
        ) : summary ? (
          endSentence(summary, notRunListed)
        ) : null}
        {session.error && session.phase !== 'failed' && <span className="rn-detail-error-text"> {session.error}</span>}
      </p>
      {summary && (summary.notes.length > 0 || summary.dataErrorCount > 0 || summary.scriptsNotRun > 0) && (
        <ul className="rn-notes">
          {summary.dataErrorCount > 0 && <li>{countOf(summary.dataErrorCount, 'data row')} could not be read (listed in the results).</li>}
          {summary.scriptsNotRun > 0 && <li>{countOf(summary.scriptsNotRun, 'imported script')} not run: the runner checks declarative assertions only.</li>}
          {summary.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="run-announcement">
        {announcement}
      </div>
    </section>
  )
}

/**
 * What the live region says: the start, then the counts at most every ANNOUNCE_EVERY_MS while the run goes
 * (a screen reader is not made to read every result), and the outcome at once when it ends.
 */
function useAnnouncement(session: RunSession, counts: string): string {
  const [text, setText] = useState('')
  const lastAt = useRef(0)
  const countsRef = useRef(counts)
  countsRef.current = counts
  const running = session.phase === 'running' || session.phase === 'stopping'
  const { summary, phase, number } = session

  useEffect(() => {
    if (phase === 'running') {
      lastAt.current = Date.now()
      setText(`Run ${number} started.`)
    }
  }, [phase, number])

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      if (Date.now() - lastAt.current < ANNOUNCE_EVERY_MS) return
      lastAt.current = Date.now()
      setText(`Run ${number}: ${countsRef.current}.`)
    }, 1000)
    return () => clearInterval(timer)
  }, [running, number])

  useEffect(() => {
    if (phase === 'failed') setText(`Run ${number} did not start.`)
    else if (summary) {
      const how = summary.outcome === 'passed' ? 'passed' : summary.outcome === 'cancelled' ? 'was stopped' : 'failed'
      setText(`Run ${number} ${how} after ${spokenClock(summary.durationMs)}: ${countsRef.current}.`)
    }
  }, [summary, phase, number])

  return text
}
