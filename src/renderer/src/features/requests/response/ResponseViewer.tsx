import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import type { HttpResponse, RequestProgress } from '@shared/contract'
import { ErrorMessage } from '../../../ui/ErrorMessage'
import { toast } from '../../../ui/Toast'
import { Tab, TabList, TabPanels, Tabs } from '../../../ui/Tabs'
import { api } from '../../../api/client'
import { openBodyStreamSource } from '../../../transport/body-stream-source'
import { BodyView } from './BodyView'
import { ErrorCards } from './ErrorCards'
import { formatBytes, statusClass } from './format'
import type { JsonApiSummary } from './json-document'
import { PaginationBar, type FetchAllState } from './PaginationBar'
import { ResponseTiming } from './ResponseTiming'
import { SaveBodyControls } from './SaveBodyControls'
import { useBodyDocument, type StreamOutcome } from './use-body-document'
import { countOf } from '../../../ui/plural'
import { writeClipboardText } from '../../../ui/clipboard'

/** The request an answer belongs to, as it was when sent (the document may have changed since). */
export interface SentAs {
  /** Method, encoded URL and profile: equal keys mean the same request. */
  key: string
  method: string
  /** As sent: a path (to the profile's host) or an absolute URL, the query encoded once. */
  url: string
  profileId: string | undefined
  profileName: string | undefined
}

export type Exchange =
  | { state: 'idle' }
  | { state: 'sending'; requestId: string; progress?: RequestProgress; sentAs: SentAs }
  | { state: 'done'; response: HttpResponse; merged?: { pages: number; totalCount: number }; sentAs: SentAs }
  | { state: 'failed'; error: { code: string; message: string; detail?: string }; sentAs: SentAs }

/** What saving a large body did, as the viewer tells the person. */
export type SaveBodyOutcome =
  | { kind: 'saved'; where: string }
  | { kind: 'downloaded'; fileName: string; secretsMasked: boolean }
  | { kind: 'needs-confirmation'; found: string }
  | { kind: 'cancelled' }

interface Props {
  exchange: Exchange
  /** The tab's request now: when it differs from what was sent, the answer is marked as the earlier one's. */
  current: SentAs
  /** Opens the Variables tab (from the "not sent: unresolved variables" failure). */
  onShowVariables(): void
  fetchAll: FetchAllState
  onOpenUrl(url: string): void
  onGoToPage(page: number): void
  onFetchAll(): void
  onCancel(): void
  onCancelFetchAll(): void
  /** `confirm` after the person read what the scan found and chose to save anyway. */
  onSaveBody(bodyId: string, suggestedName: string, confirm?: true): Promise<SaveBodyOutcome>
  /** The request as sent, as cURL (placeholders, or real values through main) or as a code snippet. */
  onCurl?(action: 'copy' | 'copy-real' | 'snippet'): void
}

const TABS = ['body', 'headers', 'sent'] as const
type ResponsePart = (typeof TABS)[number]

export function ResponseViewer(props: Props) {
  const { exchange } = props
  // Following a link or changing page replaces the answer (and the button that was pressed): focus stays on the
  // response instead of dropping to the page, and lands on the same pagination button once it is back.
  const sectionRef = useRef<HTMLElement>(null)
  const focusReturn = useRef<string | null>(null)
  const remember = () => {
    const active = document.activeElement
    focusReturn.current = (active instanceof HTMLElement && active.closest('[data-focus-key]')?.getAttribute('data-focus-key')) || 'response'
  }
  const onOpenUrl = (url: string) => {
    remember()
    props.onOpenUrl(url)
  }
  const onGoToPage = (page: number) => {
    remember()
    props.onGoToPage(page)
  }
  useLayoutEffect(() => {
    if (focusReturn.current === null) return
    const section = sectionRef.current
    const active = document.activeElement
    const lost = !active || active === document.body || !active.isConnected
    // The person has moved on to something else: their choice wins.
    if (!lost && !(section?.contains(active))) focusReturn.current = null
    else if (lost) section?.focus({ preventScroll: true })
    if (exchange.state === 'failed' || (exchange.state === 'done' && focusReturn.current === 'response')) focusReturn.current = null
  })
  if (exchange.state === 'idle') {
    return (
      <section ref={sectionRef} tabIndex={-1} className="rq-response rq-response-empty" aria-label="Response">
        <div className="rq-empty">
          <p className="rq-empty-title">No response yet</p>
          <p>Pick an operation, fill its path from your companies and properties, and press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send.</p>
        </div>
      </section>
    )
  }
  if (exchange.state === 'sending') {
    const progress = exchange.progress
    return (
      <section ref={sectionRef} tabIndex={-1} className="rq-response rq-response-empty" aria-label="Response" aria-busy="true">
        <div className="rq-empty" role="status">
          <p className="rq-empty-title"><span className="rq-spinner" aria-hidden="true" /> {phaseLabel(progress)}</p>
          {progress?.loadedBytes !== undefined && <p>{formatBytes(progress.loadedBytes)} received</p>}
          <button type="button" className="rq-button" onClick={props.onCancel}>Cancel request</button>
        </div>
      </section>
    )
  }
  if (exchange.state === 'failed') {
    const unresolved = exchange.error.code === 'request-unresolved-variables'
    return (
      <section ref={sectionRef} tabIndex={-1} className="rq-response" aria-label="Response">
        <BelongsTo sentAs={exchange.sentAs} current={props.current} what="Request" />
        <ErrorMessage
          className="rq-failure"
          title={unresolved ? 'Not sent: some {{variables}} have no value' : 'The request did not complete'}
          message={unresolved ? exchange.error.message.replace(/^Not sent\.\s*/, '') : exchange.error.message}
          facts={{ code: exchange.error.code, detail: exchange.error.detail }}
        >
          {unresolved && (
            <p><button type="button" className="rq-button" onClick={props.onShowVariables}>Open Variables</button></p>
          )}
        </ErrorMessage>
      </section>
    )
  }
  return (
    <DoneView
      {...props}
      onOpenUrl={onOpenUrl}
      onGoToPage={onGoToPage}
      response={exchange.response}
      merged={exchange.merged}
      sentAs={exchange.sentAs}
      sectionRef={sectionRef}
      focusReturn={focusReturn}
    />
  )
}

/** "Response to GET /companies (Sandbox)", and a clear mark once the tab's request has changed since. */
function BelongsTo({ sentAs, current, what = 'Response to' }: { sentAs: SentAs; current: SentAs; what?: string }) {
  const stale = sentAs.key !== current.key
  const profile = sentAs.profileName ?? 'no profile'
  return (
    <p className={`rq-belongs${stale ? ' rq-belongs-stale' : ''}`} data-testid="response-belongs" data-stale={stale || undefined}>
      <span className="rq-field-hint">{what}</span> <code className="mono" title={`${sentAs.method} ${sentAs.url}`}>{sentAs.method} {sentAs.url}</code> <span className="rq-field-hint">· {profile}</span>
      {stale && <span className="rq-stale-note"> — the request has changed since{sentAs.profileId !== current.profileId ? ' (another profile is active)' : ''}</span>}
    </p>
  )
}

function phaseLabel(progress: RequestProgress | undefined): string {
  switch (progress?.phase) {
    case 'waiting':
      return 'Waiting for the server…'
    case 'downloading':
      return 'Downloading…'
    case 'retrying':
      return progress.message ?? 'Retrying…'
    default:
      return 'Sending…'
  }
}

function DoneView(
  props: Props & { response: HttpResponse; merged?: { pages: number; totalCount: number }; sentAs: SentAs; sectionRef: RefObject<HTMLElement | null>; focusReturn: RefObject<string | null> }
) {
  const { response, merged } = props
  const [tab, setTab] = useState<ResponsePart>('body')
  // Manual activation: showing the Body again re-formats it in a fresh worker, too slow to follow every arrow key.
  const [summary, setSummary] = useState<JsonApiSummary | undefined>()
  useEffect(() => {
    setSummary(undefined)
  }, [response])
  const onSummary = useCallback((value: JsonApiSummary | undefined) => setSummary(value), [])
  const body = response.body
  // A streamed body (issue 12) is read once, so its document lives here, above the tab panels: showing the
  // Body tab again shows it again; a new response (or closing the tab) terminates its worker.
  const streamId = body.kind === 'stream' ? body.streamId : undefined
  const openStream = useMemo(() => {
    let opened: ReturnType<typeof openBodyStreamSource> | undefined
    // StrictMode mounts twice: the second mount gets the same source (a port can be handed over only once).
    return () => (opened ??= openBodyStreamSource(streamId!))
  }, [streamId])
  const streamed = useBodyDocument(streamId ? { kind: 'stream', streamId, contentType: response.contentType, open: openStream } : undefined)
  const streamOutcome = streamId && streamed.state.status === 'ready' ? streamed.state.outcome : undefined
  // Main keeps a streamed body that fits inline for Save (bounded there, newest first); once this view shows
  // another response, or the tab closes, it is let go. A body kept in a file stays, as non-streamed ones do.
  const releasable = streamOutcome?.end?.kept === 'inline' ? streamOutcome.end.bodyId : undefined
  useEffect(() => {
    if (!releasable) return
    return () => void api().releaseResponseBody({ bodyId: releasable }).catch(() => {})
  }, [releasable])

  // The result is a toast (polite), not a label swap inside the button that a screen reader may not hear.
  const copyId = async () => {
    if (!response.adobeRequestId) return
    if (await writeClipboardText(response.adobeRequestId)) toast(`Copied the request id ${response.adobeRequestId}.`)
    else toast('The clipboard could not be written from here: select the request id and copy it.', 'error')
  }

  return (
    <section ref={props.sectionRef} tabIndex={-1} className="rq-response" aria-label="Response" data-status={response.status}>
      <BelongsTo sentAs={props.sentAs} current={props.current} />
      <div className="rq-response-meta">
        <span className={`rq-status ${statusClass(response.status)}`} data-testid="response-status">
          {response.status} {response.statusText}
        </span>
        <ResponseTiming timing={response.timing} streamed={body.kind === 'stream'} outcome={streamOutcome} />
        <span className="rq-meta-item" data-testid="response-size">{body.kind === 'stream' ? streamedSize(streamOutcome) : formatBytes(body.bytes)}</span>
        {streamOutcome?.end?.kept === 'inline' && (
          <span className="rq-meta-item">
            <SaveBodyControls compact bodyId={streamOutcome.end.bodyId} containsSecret={streamOutcome.end.containsSecret} secretKind={streamOutcome.end.secretKind} suggestedName={suggestedName(response)} onSaveBody={props.onSaveBody} />
          </span>
        )}
        {response.attempts > 1 && <span className="rq-meta-item rq-field-hint">{countOf(response.attempts, 'attempt')}</span>}
        {response.retryAfterSeconds !== undefined && (
          <span className="rq-tag rq-tag-warn" data-testid="retry-after">Retry after {response.retryAfterSeconds} s</span>
        )}
        {response.tlsVerification === 'off' && (
          <span
            className="rq-tag rq-tag-warn"
            data-testid="tls-unverified"
            title="This host is on the “do not verify” list in Settings → Certificates: its certificate was not checked, so anyone on the network path could have answered or read this request."
          >
            ⚠ Certificate not verified
          </span>
        )}
        <span className="rq-spacer" />
        {response.adobeRequestId && (
          <button type="button" className="rq-request-id" title="Copy the Adobe request id for a support ticket" onClick={copyId}>
            <span className="rq-field-hint">Request id</span> <code>{response.adobeRequestId}</code> <span className="rq-copy-label">Copy</span>
          </button>
        )}
      </div>
      <Tabs<ResponsePart> selected={tab} onSelect={setTab} activation="manual">
      <TabList className="rq-tabs" aria-label="Response parts">
        <Tab id="body">Body</Tab>
        <Tab id="headers">Headers <span className="rq-count">{response.headers.length}</span></Tab>
        <Tab id="sent">Request sent</Tab>
      </TabList>
      {/* The body brings its own focusable, scrollable region; the header lists only scroll, so there the panel takes focus. */}
      <TabPanels ids={TABS} selected={tab} className="rq-response-panel" tabIndex={tab === 'body' ? -1 : 0}>
      {tab === 'headers' && <HeaderList headers={response.headers} label="Response headers" />}
      {tab === 'sent' && (
        <div className="rq-sent">
          <p className="mono rq-sent-line"><strong>{response.method}</strong> {response.url}</p>
          {props.onCurl && (
            <div className="rq-toolbar hi-sent-actions" role="toolbar" aria-label="The request as code">
              <button type="button" className="rq-button" onClick={() => props.onCurl?.('copy')}>Copy as cURL</button>
              <button type="button" className="rq-button" onClick={() => props.onCurl?.('copy-real')} title="Written to the clipboard by the app itself, with your profile's token; the page never sees it">
                Copy as cURL with real values
              </button>
              <button type="button" className="rq-button" onClick={() => props.onCurl?.('snippet')}>Code snippet…</button>
            </div>
          )}
          <HeaderList headers={response.sentHeaders} label="Request headers as sent" />
          {response.redirects.length > 0 && (
            <>
              <h4>Redirects</h4>
              <ul>
                {response.redirects.map((redirect, index) => (
                  <li key={index} className="mono">
                    {redirect.status} {redirect.from} → {redirect.to}
                    {redirect.credentialsDropped && <span className="rq-tag rq-tag-warn">credentials dropped (other origin)</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {tab === 'body' && (
        <div className="rq-response-body">
          {summary && <ErrorCards summary={summary} />}
          {summary && (
            <PaginationBar
              summary={summary}
              merged={merged}
              fetchAll={props.fetchAll}
              onGoToPage={props.onGoToPage}
              onFetchAll={props.onFetchAll}
              onCancelFetchAll={props.onCancelFetchAll}
              onOpenUrl={props.onOpenUrl}
              focusReturn={props.focusReturn}
            />
          )}
          {body.kind === 'empty' && <p className="rq-empty-small">No body ({response.status === 204 ? '204 No Content' : 'empty'}).</p>}
          {body.kind === 'inline' && <BodyView text={body.text} contentType={response.contentType} bytes={body.bytes} onOpenUrl={props.onOpenUrl} onSummary={onSummary} />}
          {body.kind === 'stream' && streamOutcome?.end?.kept === 'file' && (
            <div className="rq-warn-banner" role="status" data-testid="body-kept">
              This body is {formatBytes(streamOutcome.end.bytes)}, over the in-app limit: the app keeps it on disk.
              <SaveBodyControls bodyId={streamOutcome.end.bodyId} containsSecret={streamOutcome.end.containsSecret} secretKind={streamOutcome.end.secretKind} suggestedName={suggestedName(response)} onSaveBody={props.onSaveBody} />
            </div>
          )}
          {body.kind === 'stream' && (
            <BodyView document={streamed} contentLength={body.contentLength} contentType={response.contentType} onOpenUrl={props.onOpenUrl} onSummary={onSummary} onCancelStream={props.onCancel} />
          )}
          {body.kind === 'file' && (
            <div className="rq-file-body">
              <div className="rq-warn-banner" role="status">
                This body is {formatBytes(body.bytes)}, over the in-app limit; it is kept on disk and only a preview is shown.
                <SaveBodyControls bodyId={body.bodyId} containsSecret={body.containsSecret} secretKind={body.secretKind} suggestedName={suggestedName(response)} onSaveBody={props.onSaveBody} />
              </div>
              <pre className="rq-preview mono">{body.preview}</pre>
            </div>
          )}
        </div>
      )}
      </TabPanels>
      </Tabs>
    </section>
  )
}

/** A streamed body's size once its last frame says it, "receiving…" until then. */
function streamedSize(outcome: StreamOutcome | undefined): string {
  if (outcome?.end) return formatBytes(outcome.end.bytes)
  if (outcome?.error) return `${formatBytes(outcome.error.bytes)} (stopped)`
  return 'receiving…'
}

function suggestedName(response: HttpResponse): string {
  const last = (() => {
    try {
      return new URL(response.url).pathname.split('/').filter(Boolean).pop()
    } catch {
      return undefined
    }
  })()
  const json = response.contentType && /json/i.test(response.contentType)
  return `${last ?? 'response'}.${json ? 'json' : 'txt'}`
}

function HeaderList({ headers, label }: { headers: Array<[string, string]>; label: string }) {
  return (
    <table className="rq-header-list" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th className="mono">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
