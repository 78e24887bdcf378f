// One recorded call, read-only: what was sent (headers as sent, the profile's credential masked) and what came
// back (status, headers, the kept body in the Request area's body viewer), with what can be done with it.
import { useEffect, useState, type ReactNode } from 'react'
import type { HistoryEntry, HistoryEntryView } from '@shared/ipc/history.contract'
import { ErrorMessage } from '../../ui/ErrorMessage'
import { Tab, TabList, TabPanels, Tabs } from '../../ui/Tabs'
import { BodyView } from '../requests/response/BodyView'
import { formatBytes } from '../requests/response/format'
import { durationText, fullTime, statusText, statusTone } from './history-format'
import { MenuButton } from '../../ui/MenuButton'
import { countOf } from '../../ui/plural'

const PARTS = ['response', 'headers', 'request', 'notes'] as const
type Part = (typeof PARTS)[number]

const SOURCES: Record<HistoryEntry['source'], string> = {
  app: 'the Request area',
  cli: 'the command line (send)',
  runner: 'a collection run',
  doctor: 'the Credential Doctor',
  'fetch-all': 'fetch all pages'
}

export interface DetailActions {
  onOpen(): void
  onSaveToCollection(): void
  onCopyRequestId(): void
  onCopyCurl(): void
  onSnippet(): void
  onExportHar(): void
  onExportBundle(): void
  onDelete(): void
}

interface Props extends DetailActions {
  view: HistoryEntryView | undefined
  loading: boolean
  error: string | undefined
  /** A line about the last action (copied, exported), shown under the buttons. */
  status?: ReactNode
}

function Headers({ headers, label }: { headers: Array<[string, string]>; label: string }) {
  if (headers.length === 0) return <p className="muted hi-pad">No headers.</p>
  return (
    <table className="rq-header-list hi-headers" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th className="mono" scope="row">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** "Sandbox (simulated)" and "Sandbox (simulated, not Adobe)" say the same: the label is not repeated. */
function sameWords(name: string, label: string): boolean {
  const first = label.toLowerCase().split(/[\s(]/)[0] ?? ''
  return first !== '' && name.toLowerCase().includes(first)
}

function truncatedNote(body: { bytes: number; text: string; truncated: boolean }): string | undefined {
  if (!body.truncated) return undefined
  return `Only the first ${formatBytes(new TextEncoder().encode(body.text).length)} of this ${formatBytes(body.bytes)} body was kept (History settings: size per call).`
}

export function HistoryDetail(props: Props) {
  const { view, loading, error } = props
  const [part, setPart] = useState<Part>('response')
  const entry = view?.entry
  const hasNotes = (entry?.notes.length ?? 0) > 0 || entry?.error !== undefined
  const ids = PARTS.filter((id) => id !== 'notes' || hasNotes)

  useEffect(() => {
    if (!entry?.response && entry?.error) setPart('notes')
  }, [entry?.id])

  if (error) return <section className="hi-detail hi-detail-empty" aria-label="Call details"><p className="inline-error" role="alert">{error}</p></section>
  if (!entry) {
    return (
      <section className="hi-detail hi-detail-empty" aria-label="Call details">
        <p className="muted" role={loading ? 'status' : undefined}>{loading ? 'Loading the call…' : 'Choose a call to see what was sent and what came back.'}</p>
      </section>
    )
  }
  const response = entry.response
  const selectedPart = ids.includes(part) ? part : 'response'

  return (
    <section className="hi-detail" aria-label="Call details" data-testid="history-detail" aria-busy={loading || undefined}>
      <header className="hi-detail-head">
        <p className="hi-detail-line mono">
          <strong>{entry.request.method}</strong> <span className="hi-detail-url">{entry.request.url}</span>
        </p>
        <div className="hi-detail-meta">
          <span className={`rq-status ${statusTone(response ?? {})}`} data-testid="history-detail-status">{response ? statusText(response) : 'Failed'}</span>
          <span>{fullTime(entry.startedAt)}</span>
          <span>{durationText(entry.durationMs)}</span>
          {entry.profile?.name && (
            <span>
              {entry.profile.name}
              {entry.profile.environmentLabel && !sameWords(entry.profile.name, entry.profile.environmentLabel) && <span className="muted"> · {entry.profile.environmentLabel}</span>}
            </span>
          )}
          <span className="muted">from {SOURCES[entry.source]}</span>
        </div>
        {entry.adobeRequestId && (
          <p className="hi-detail-rid">
            <span className="muted">Adobe request id</span> <code data-testid="history-detail-request-id">{entry.adobeRequestId}</code>
            <button type="button" className="btn btn-ghost btn-small hi-rid-copy" aria-label="Copy request id" onClick={props.onCopyRequestId}>Copy</button>
          </p>
        )}
        <div className="hi-actions" role="toolbar" aria-label="Call actions">
          <button type="button" className="btn btn-small btn-primary" onClick={props.onOpen} disabled={!view?.spec} title={view?.spec ? 'Open the request in a new Request tab' : 'The recorded request no longer reads as a request document.'}>
            Open in tab
          </button>
          <button type="button" className="btn btn-small" onClick={props.onSaveToCollection} disabled={!view?.spec}>Save to collection…</button>
          <button type="button" className="btn btn-small" onClick={props.onCopyCurl} disabled={!view?.spec}>Copy as cURL</button>
          <button type="button" className="btn btn-small" onClick={props.onExportBundle} title="A redacted zip with the request, the response, timings and ids, for a support ticket">Export repro bundle</button>
          <MenuButton
            label="More"
            items={[
              { label: 'Code snippet…', onSelect: props.onSnippet, disabled: !view?.spec },
              { label: 'Export HAR', onSelect: props.onExportHar },
              { label: 'Delete from history', onSelect: props.onDelete, danger: true }
            ]}
          />
        </div>
        {props.status}
      </header>
      <Tabs<Part> selected={selectedPart} onSelect={setPart} activation="manual">
      <TabList className="rq-tabs hi-detail-tabs" aria-label="Call parts">
        <Tab id="response">Response</Tab>
        <Tab id="headers">
          Response headers <span className="rq-count">{response?.headers.length ?? 0}</span>
        </Tab>
        <Tab id="request">Request sent</Tab>
        {hasNotes && (
          <Tab id="notes">
            {entry.error ? 'Error' : 'Notes'} <span className="rq-count">{entry.notes.length + (entry.error ? 1 : 0)}</span>
          </Tab>
        )}
      </TabList>
      <TabPanels ids={ids} selected={selectedPart} className="hi-detail-panel" tabIndex={selectedPart === 'response' && response?.body.text ? -1 : 0}>
        {selectedPart === 'response' &&
          (response ? (
            response.body.text ? (
              <div className="rq-response-body hi-response-body">
                {truncatedNote(response.body) && <p className="hi-note" role="note">{truncatedNote(response.body)}</p>}
                <BodyView key={entry.id} text={response.body.text} contentType={response.contentType} bytes={response.body.bytes} onOpenUrl={() => {}} />
              </div>
            ) : (
              <p className="muted hi-pad">No body ({response.status === 204 ? '204 No Content' : 'empty'}).</p>
            )
          ) : (
            <p className="muted hi-pad">No response: the call failed before an answer came. See Error.</p>
          ))}
        {selectedPart === 'headers' && (response ? <Headers headers={response.headers} label="Response headers" /> : <p className="muted hi-pad">No response.</p>)}
        {selectedPart === 'request' && (
          <div className="hi-pad">
            <Headers headers={entry.request.headers} label="Request headers as sent" />
            {entry.request.body && (
              <>
                <h3 className="hi-subhead">Body <span className="muted">({formatBytes(entry.request.body.bytes)})</span></h3>
                {truncatedNote(entry.request.body) && <p className="hi-note">{truncatedNote(entry.request.body)}</p>}
                <pre className="hi-code mono" tabIndex={0} aria-label="Request body">{entry.request.body.text}</pre>
              </>
            )}
            {response && response.redirects.length > 0 && (
              <>
                <h3 className="hi-subhead">{countOf(response.redirects.length, 'redirect', 'redirects')}</h3>
                <ul className="hi-plain-list mono">
                  {response.redirects.map((redirect, index) => (
                    <li key={index}>
                      {redirect.status} {redirect.from} → {redirect.to}
                      {redirect.credentialsDropped && <span className="rq-tag rq-tag-warn"> credentials dropped (other origin)</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {selectedPart === 'notes' && (
          <div className="hi-pad">
            {entry.error && (
              <ErrorMessage
                className="hi-error-box"
                live={false}
                title="The call did not complete"
                message={entry.error.message}
                facts={{ code: entry.error.code, detail: entry.error.detail, more: [{ label: 'Call', value: `${entry.request.method} ${entry.request.url}` }] }}
              />
            )}
            {entry.notes.length > 0 && (
              <ul className="hi-plain-list">
                {entry.notes.map((note) => <li key={note}>{note}</li>)}
              </ul>
            )}
          </div>
        )}
      </TabPanels>
      </Tabs>
    </section>
  )
}
