// A repro bundle or a HAR file, imported: its calls listed, each can be opened as a tab or replayed with the
// person's active profile (the Sandbox included), and the customer's response and the replay's are compared
// side by side.
import { useCallback, useMemo, useState } from 'react'
import type { HarImport, ImportedBundle, ResponseDiff, ResponseSnapshot } from '@shared/ipc/history.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { ProfileOption } from '../../state/active-profile'
import { openRequestInTab } from '../../state/workbench-commands'
import { MethodBadge } from '../requests/builder/MethodBadge'
import { errorMessage } from './curl-commands'
import { durationText, pathOf, statusTone } from './history-format'
import { countOf } from '../../ui/plural'
import { compare, replay, snapshotOf } from './replay'
import { ResponseDiffView } from './ResponseDiffView'

export interface ImportedCall {
  key: string
  method: string
  url: string
  startedAt?: string
  adobeRequestId?: string
  spec: RequestSpec
  notes: string[]
  unmapped: string[]
  original?: ResponseSnapshot & { durationMs?: number }
  originalError?: string
  /** Why it cannot be replayed (an IMS token call: the profile gets its own token). */
  notReplayable?: string
}

export interface ImportedSource {
  kind: 'bundle' | 'har'
  fileName: string
  /** One line each: when, by what, for which environment. */
  facts: string[]
  notes: string[]
  doctorSummary?: string
  calls: ImportedCall[]
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function when(iso: string | undefined): string | undefined {
  if (!iso) return undefined
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : dateTime.format(ms)
}

/** "Customer prod · Production"; a label that only repeats the name ("Sandbox (simulated, not Adobe)") is left out. */
function profileWords(name: string | undefined, label: string | undefined): string {
  if (!name) return label ?? 'an unnamed profile'
  const first = label?.toLowerCase().split(/[\s(]/)[0] ?? ''
  return label && !(first && name.toLowerCase().includes(first)) ? `${name} · ${label}` : name
}

export function sourceFromBundle(bundle: ImportedBundle, fileName: string): ImportedSource {
  const env = bundle.environment
  const facts = [
    [`Created ${when(bundle.createdAt) ?? bundle.createdAt}`, `with ${bundle.app.name} ${bundle.app.version}`, bundle.os ? `on ${bundle.os.platform} ${bundle.os.release}` : undefined].filter(Boolean).join(' '),
    env ? `Sent with ${profileWords(env.profileName, env.environmentLabel)}${env.reactorBaseUrl ? ` (${env.reactorBaseUrl})` : ''}` : undefined,
    bundle.pseudonymized ? 'Company and org ids are pseudonyms.' : undefined
  ].filter((fact): fact is string => Boolean(fact))
  return {
    kind: 'bundle',
    fileName,
    facts,
    notes: bundle.notes,
    ...(bundle.doctorSummary ? { doctorSummary: bundle.doctorSummary } : {}),
    calls: bundle.requests.map((request) => ({
      key: request.id,
      method: request.method,
      url: request.url,
      startedAt: request.startedAt,
      ...(request.adobeRequestId ? { adobeRequestId: request.adobeRequestId } : {}),
      spec: request.spec,
      notes: [],
      unmapped: [],
      ...(request.original ? { original: request.original } : {}),
      ...(request.error ? { originalError: request.error.message } : {})
    }))
  }
}

export function sourceFromHar(har: HarImport, fileName: string): ImportedSource {
  return {
    kind: 'har',
    fileName,
    facts: [
      `${countOf(har.items.length, 'Reactor or IMS call', 'Reactor and IMS calls')} of ${countOf(har.total, 'entry', 'entries')}${har.skipped ? ` (${countOf(har.skipped, 'page asset or other call', 'page assets and other calls')} left out)` : ''}.`
    ],
    notes: [],
    calls: har.items.map((item) => ({
      key: `har-${item.index}`,
      method: item.method,
      url: item.url,
      ...(item.startedAt ? { startedAt: item.startedAt } : {}),
      spec: item.spec,
      notes: item.notes,
      unmapped: item.unmapped,
      ...(item.response ? { original: { status: item.response.status, statusText: item.response.statusText, headers: item.response.headers, ...(item.response.text !== undefined ? { body: item.response.text } : {}) } } : {}),
      ...(item.kind === 'ims' ? { notReplayable: 'A token request to Adobe IMS is not replayed: your profile gets its own token.' } : {})
    }))
  }
}

type Replay = { state: 'sending' } | { state: 'done'; status: number; statusText: string; durationMs: number; diff?: ResponseDiff; diffError?: string } | { state: 'failed'; message: string }

interface Props {
  source: ImportedSource
  profile: ProfileOption | undefined
  onBack(): void
}

export function ImportedCallsView({ source, profile, onBack }: Props) {
  const [selectedKey, setSelectedKey] = useState(source.calls[0]?.key)
  const [replays, setReplays] = useState<ReadonlyMap<string, Replay>>(() => new Map())
  const [running, setRunning] = useState(false)
  const selected = source.calls.find((call) => call.key === selectedKey)
  const replayable = useMemo(() => source.calls.filter((call) => !call.notReplayable), [source.calls])
  const origin = source.kind === 'bundle' ? 'the repro bundle' : 'the HAR file'
  const profileLabel = profile ? profile.name : 'no profile'

  const set = (key: string, value: Replay) => setReplays((current) => new Map(current).set(key, value))

  const replayOne = useCallback(
    async (call: ImportedCall) => {
      if (call.notReplayable) return
      set(call.key, { state: 'sending' })
      try {
        const response = await replay(call.spec, profile?.id)
        const done: Replay = { state: 'done', status: response.status, statusText: response.statusText, durationMs: response.timing.totalMs }
        set(call.key, done)
        if (call.original) {
          try {
            set(call.key, { ...done, diff: await compare(call.original, snapshotOf(response)) })
          } catch (error) {
            set(call.key, { ...done, diffError: errorMessage(error) })
          }
        }
      } catch (error) {
        set(call.key, { state: 'failed', message: errorMessage(error) })
      }
    },
    [profile?.id]
  )

  const replayAll = async () => {
    setRunning(true)
    try {
      // One after another, as the customer's calls were made: later calls may depend on earlier ones.
      for (const call of replayable) await replayOne(call)
    } finally {
      setRunning(false)
    }
  }

  const open = (call: ImportedCall) =>
    openRequestInTab({ spec: call.spec, note: `Opened from ${origin} ${source.fileName}`, report: { notes: call.notes, unmapped: call.unmapped } })

  const openAll = () => {
    for (const call of source.calls) open(call)
  }

  const done = [...replays.values()].filter((value) => value.state === 'done').length
  const selectedReplay = selected ? replays.get(selected.key) : undefined

  return (
    <section className="hi-imported" aria-label={source.kind === 'bundle' ? 'Imported repro bundle' : 'Imported HAR file'} data-testid="imported-calls">
      <header className="hi-imported-head">
        <button type="button" className="btn btn-small btn-ghost" onClick={onBack}>← Back to history</button>
        <div className="hi-imported-title">
          <h2>{source.kind === 'bundle' ? 'Repro bundle' : 'HAR file'} <span className="mono hi-file-name">{source.fileName}</span></h2>
          {source.facts.map((fact) => <p key={fact} className="muted">{fact}</p>)}
        </div>
        <div className="hi-actions">
          <button type="button" className="btn btn-small" onClick={openAll} disabled={source.calls.length === 0}>
            {source.calls.length === 1 ? 'Open it in a tab' : `Open all ${source.calls.length} as tabs`}
          </button>
          <button type="button" className="btn btn-small btn-primary" onClick={() => void replayAll()} disabled={running || replayable.length === 0 || !profile}>
            {running ? `Replaying… ${done} of ${replayable.length}` : `Replay with my profile (${profileLabel})`}
          </button>
        </div>
        {!profile && <p className="hi-note">Choose a profile in Profiles first: the replay uses its credential.</p>}
        {source.notes.length > 0 && (
          <ul className="hi-plain-list hi-imported-notes">
            {source.notes.map((note) => <li key={note}>{note}</li>)}
          </ul>
        )}
        {source.doctorSummary && (
          <details className="hi-doctor">
            <summary>The Credential Doctor's last report for the sender's profile</summary>
            <pre className="hi-code mono">{source.doctorSummary}</pre>
          </details>
        )}
      </header>
      <div className="hi-imported-body">
        <ul className="hi-calls" aria-label={`Calls in ${origin}`}>
          {source.calls.map((call) => {
            const state = replays.get(call.key)
            return (
              <li key={call.key}>
                <button type="button" className={`hi-call${call.key === selectedKey ? ' hi-call-selected' : ''}`} aria-current={call.key === selectedKey || undefined} onClick={() => setSelectedKey(call.key)}>
                  <span className="hi-call-line">
                    <MethodBadge method={call.method} />
                    <span className="mono hi-call-path">{pathOf(call.url)}</span>
                  </span>
                  <span className="hi-call-meta">
                    <span className="muted">Original</span>{' '}
                    {call.original ? <span className={`rq-status ${statusTone(call.original)}`}>{call.original.status}</span> : <span className="muted">{call.originalError ? 'failed' : 'no answer'}</span>}
                    <span className="muted"> · Replay</span>{' '}
                    {!state && <span className="muted">{call.notReplayable ? 'not replayed' : 'not yet'}</span>}
                    {state?.state === 'sending' && <span className="muted">sending…</span>}
                    {state?.state === 'failed' && <span className="rq-status rq-status-5xx">failed</span>}
                    {state?.state === 'done' && <span className={`rq-status ${statusTone(state)}`}>{state.status}</span>}
                    {state?.state === 'done' && state.diff && <span className="muted"> · {state.diff.summary.changed + state.diff.summary.added + state.diff.summary.removed === 0 ? 'same' : countOf(state.diff.summary.changed + state.diff.summary.added + state.diff.summary.removed, 'difference', 'differences')}</span>}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
        <div className="hi-compare" aria-label="Comparison">
          {selected ? (
            <>
              <div className="hi-compare-head">
                <p className="mono hi-detail-line"><strong>{selected.method}</strong> {selected.url}</p>
                <div className="hi-actions">
                  <button type="button" className="btn btn-small" onClick={() => open(selected)}>Open in a new tab</button>
                  <button type="button" className="btn btn-small btn-primary" disabled={!!selected.notReplayable || !profile || selectedReplay?.state === 'sending'} onClick={() => void replayOne(selected)}>
                    {selectedReplay?.state === 'done' ? 'Replay again' : 'Replay with my profile'}
                  </button>
                </div>
                {selected.notReplayable && <p className="hi-note">{selected.notReplayable}</p>}
                {(selected.notes.length > 0 || selected.unmapped.length > 0) && (
                  <ul className="hi-plain-list">
                    {selected.notes.map((note) => <li key={note}>{note}</li>)}
                    {selected.unmapped.map((note) => <li key={note}><span className="hi-tag">Not used</span> {note}</li>)}
                  </ul>
                )}
              </div>
              {selectedReplay?.state === 'sending' && <p className="muted hi-pad" role="status">Sending with {profileLabel}…</p>}
              {selectedReplay?.state === 'failed' && <p className="inline-error hi-pad" role="alert">The replay did not complete: {selectedReplay.message}</p>}
              {selectedReplay?.state === 'done' && (
                <>
                  <p className="hi-pad hi-compare-line">
                    Original <span className={`rq-status ${statusTone(selected.original ?? {})}`}>{selected.original ? `${selected.original.status} ${selected.original.statusText ?? ''}` : '—'}</span>
                    {selected.original?.durationMs !== undefined && <span className="muted"> {durationText(selected.original.durationMs)}</span>}
                    {' '}→ replay <span className={`rq-status ${statusTone(selectedReplay)}`}>{selectedReplay.status} {selectedReplay.statusText}</span>
                    <span className="muted"> {durationText(selectedReplay.durationMs)} with {profileLabel}</span>
                  </p>
                  {selectedReplay.diff && <ResponseDiffView diff={selectedReplay.diff} leftLabel="Original" rightLabel={`Replay with ${profileLabel}`} />}
                  {selectedReplay.diffError && <p className="inline-error hi-pad">The responses could not be compared: {selectedReplay.diffError}</p>}
                  {!selected.original && <p className="muted hi-pad">{origin[0]!.toUpperCase() + origin.slice(1)} has no response for this call, so there is nothing to compare with.</p>}
                </>
              )}
              {!selectedReplay && (
                <p className="muted hi-pad">
                  {selected.notReplayable ? 'Nothing to compare.' : `Replay it with ${profileLabel} to compare your answer with the original, field by field.`}
                  {selected.originalError && <> The original call failed: {selected.originalError}</>}
                </p>
              )}
            </>
          ) : (
            <p className="muted hi-pad">{origin[0]!.toUpperCase() + origin.slice(1)} holds no calls.</p>
          )}
        </div>
      </div>
    </section>
  )
}
