// The History area: every call the app (and the CLI, the runner, the Credential Doctor) sent, newest first,
// searchable and filterable, with one call's request and response beside the list; exports (HAR, repro
// bundle), imports (HAR, bundle, cURL) and the replay-and-compare view of an imported bundle or HAR.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { STATUS_CLASSES, type HistoryEntryView, type StatusClass } from '@shared/ipc/history.contract'
import { HTTP_METHODS, type HttpMethod, type RequestSpec } from '@shared/requests/request-spec'
import { api, unwrap } from '../../api/client'
import { useActiveProfile } from '../../state/active-profile'
import { openRequestInTab, showArea } from '../../state/workbench-commands'
import { copyCurl, errorMessage } from './curl-commands'
import { writeClipboardText } from '../../ui/clipboard'
import { CurlImportDialog } from './CurlImportDialog'
import { Dialog } from './Dialog'
import { readFileAsBase64, readFileAsText } from './download'
import { exportBundle, exportHar, type HarTarget } from './export-files'
import { OperationProgressBar, useOperation } from '../../ui/Progress'
import { hostOf, timeOfDay } from './history-format'
import { HistoryDetail } from './HistoryDetail'
import { HistoryList } from './HistoryList'
import { ImportedCallsView, sourceFromBundle, sourceFromHar, type ImportedSource } from './ImportedCallsView'
import { countOf } from '../../ui/plural'
import { SnippetDialog } from './SnippetDialog'
import { EMPTY_QUERY, fetchPage, filtersOf, isFiltered, useHistoryPages, type HistoryQuery } from './use-history-pages'
import '../requests/request.css'
import './history.css'

/** A repro bundle holds at most this many calls (history:exportBundle). */
const MAX_BUNDLE_CALLS = 500
/** Search pages read to export "all calls shown" for a text search (500 per page, ≤ 10,000 ids). */
const SEARCH_EXPORT_PAGE = 500

const STATUS_LABELS: Record<StatusClass, string> = { '1xx': '1xx', '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', error: 'Failed' }

type Status = { tone: 'ok' | 'error'; message: string }
type Modal = { kind: 'clear'; count: number } | { kind: 'curl' } | { kind: 'snippet'; spec: RequestSpec; profileId: string | undefined; language?: 'curl' }

function StatusLine({ status, onDismiss, testId }: { status: Status | undefined; onDismiss(): void; testId: string }) {
  if (!status) return null
  return (
    <p className={`hi-status hi-status-${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span>{status.message}</span>
      <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </p>
  )
}

export function HistoryWorkspace() {
  const { activeProfile, profiles } = useActiveProfile()
  const id = useId()
  const [query, setQuery] = useState<HistoryQuery>(EMPTY_QUERY)
  const pages = useHistoryPages(query)
  const { itemAt } = pages
  const total = pages.total ?? 0
  const [activeIndex, setActiveIndex] = useState<number | undefined>()
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const anchor = useRef<number | undefined>(undefined)
  const [view, setView] = useState<HistoryEntryView | undefined>()
  const [detailLoading, setDetailLoading] = useState(false)
  const [detailError, setDetailError] = useState<string | undefined>()
  const [status, setStatus] = useState<Status | undefined>()
  const [detailStatus, setDetailStatus] = useState<Status | undefined>()
  const [modal, setModal] = useState<Modal | undefined>()
  const [imported, setImported] = useState<ImportedSource | undefined>()
  const [busy, setBusy] = useState<string | undefined>()
  const harInput = useRef<HTMLInputElement>(null)
  const bundleInput = useRef<HTMLInputElement>(null)

  /** The chosen call by id: a call recorded meanwhile shifts the rows, and the choice follows its call. */
  const chosenId = useRef<string | undefined>(undefined)
  const activeItem = activeIndex !== undefined ? itemAt(activeIndex) : undefined
  const activeId = activeItem?.id

  useEffect(() => {
    const wanted = chosenId.current
    if (activeIndex === undefined || !wanted || itemAt(activeIndex)?.id === wanted) return
    for (let distance = 1; distance <= 500; distance++) {
      for (const index of [activeIndex + distance, activeIndex - distance]) {
        if (index >= 0 && itemAt(index)?.id === wanted) {
          setActiveIndex(index)
          return
        }
      }
    }
  }, [itemAt, activeIndex])

  // A new search or filter starts with nothing chosen.
  useEffect(() => {
    setActiveIndex(undefined)
    setSelected(new Set())
    anchor.current = undefined
    chosenId.current = undefined
  }, [pages.query])

  // The chosen call's detail, asked for once the keyboard rests on it.
  useEffect(() => {
    if (!activeId) {
      setView(undefined)
      setDetailError(undefined)
      return
    }
    let live = true
    setDetailLoading(true)
    setDetailStatus(undefined)
    const timer = setTimeout(() => {
      unwrap(api().getHistoryEntry({ id: activeId }))
        .then((next) => {
          if (!live) return
          setView(next)
          setDetailError(undefined)
        })
        .catch((error: unknown) => live && setDetailError(errorMessage(error)))
        .finally(() => live && setDetailLoading(false))
    }, 60)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [activeId])

  const activate = useCallback(
    (index: number, how: { extend: boolean; toggle: boolean }) => {
      setActiveIndex(index)
      const item = itemAt(index)
      chosenId.current = item?.id
      if (!item) return
      setSelected((current) => {
        if (how.toggle) {
          const next = new Set(current)
          if (next.has(item.id)) next.delete(item.id)
          else next.add(item.id)
          anchor.current = index
          return next
        }
        if (how.extend && anchor.current !== undefined) {
          // A range over the rows that are loaded (those around the screen).
          const next = new Set<string>()
          const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current]
          for (let i = from; i <= to; i++) {
            const row = itemAt(i)
            if (row) next.add(row.id)
          }
          return next
        }
        anchor.current = index
        return new Set([item.id])
      })
    },
    [itemAt]
  )

  const toggle = useCallback(
    (index: number) => {
      const item = itemAt(index)
      if (!item) return
      setSelected((current) => {
        const next = new Set(current)
        if (next.has(item.id)) next.delete(item.id)
        else next.add(item.id)
        return next
      })
    },
    [itemAt]
  )

  const openEntry = useCallback(
    async (index: number) => {
      const item = itemAt(index)
      if (!item) return
      try {
        const entry = item.id === view?.entry.id ? view : await unwrap(api().getHistoryEntry({ id: item.id }))
        if (!entry.spec) {
          setStatus({ tone: 'error', message: 'This call cannot be opened: its recorded request no longer reads as a request document.' })
          return
        }
        openRequestInTab({ spec: entry.spec, note: `Opened from history (${timeOfDay(item.startedAt)})` })
      } catch (error) {
        setStatus({ tone: 'error', message: errorMessage(error) })
      }
    },
    [itemAt, view]
  )

  // Exports and bundle reads that take over a second show a bar with Cancel (the secret scan of a bundle is slow).
  const operation = useOperation('history')
  const run = async (label: string, task: (operationId: string) => Promise<string>, where: 'area' | 'detail' = 'area') => {
    setBusy(label)
    const show = where === 'area' ? setStatus : setDetailStatus
    try {
      show({ tone: 'ok', message: await operation.track(task) })
    } catch (error) {
      if ((error as { code?: string }).code === 'operation-cancelled') show({ tone: 'ok', message: 'Cancelled: nothing was written.' })
      else show({ tone: 'error', message: errorMessage(error) })
    } finally {
      setBusy(undefined)
    }
  }

  /** Every id the current search shows (a text search is paged through; filters alone go to main as they are). */
  const allShown = async (): Promise<HarTarget> => {
    const filters = filtersOf(pages.query)
    if (!pages.query.text.trim()) return { all: true, ...(filters ? { filters } : {}) }
    const ids: string[] = []
    for (let offset = 0; ; offset += SEARCH_EXPORT_PAGE) {
      const page = await fetchPage(pages.query, offset, SEARCH_EXPORT_PAGE)
      ids.push(...page.items.map((item) => item.id))
      if (page.items.length < SEARCH_EXPORT_PAGE || ids.length >= page.total || ids.length >= 10_000) break
    }
    return { ids }
  }

  const selectedIds = [...selected]
  const bundleIds = (ids: string[]) => {
    if (ids.length > MAX_BUNDLE_CALLS) throw new Error(`A repro bundle holds at most ${MAX_BUNDLE_CALLS} calls; ${countOf(ids.length, 'call is', 'calls are')} selected.`)
    return ids
  }

  const importHarFile = async (file: File) => {
    const content = await readFileAsText(file)
    const har = await unwrap(api().importHar({ content, ...(activeProfile ? { profileId: activeProfile.id } : {}) }))
    setImported(sourceFromHar(har, file.name))
    return `Read ${file.name}: ${countOf(har.items.length, 'Reactor or IMS call', 'Reactor and IMS calls')}.`
  }

  const importBundleFile = async (file: File, operationId?: string) => {
    const bundle = await unwrap(api().importReproBundle({ fileName: file.name, contentBase64: await readFileAsBase64(file), ...(operationId ? { operationId } : {}) }))
    setImported(sourceFromBundle(bundle, file.name))
    return `Read ${file.name}: ${countOf(bundle.requests.length, 'call', 'calls')}.`
  }

  const askClear = async () => {
    try {
      const all = await unwrap(api().listHistory({ limit: 1 }))
      setModal({ kind: 'clear', count: all.total })
    } catch (error) {
      setStatus({ tone: 'error', message: errorMessage(error) })
    }
  }

  const entry = view?.entry
  const detailActions = {
    onOpen: () => {
      if (view?.spec) openRequestInTab({ spec: view.spec, note: `Opened from history (${timeOfDay(view.entry.startedAt)})` })
    },
    onSaveToCollection: () => {
      // A new tab with the Collections' own Save as dialog open on it: the same picker as anywhere else.
      if (view?.spec) openRequestInTab({ spec: view.spec, note: `Opened from history (${timeOfDay(view.entry.startedAt)})`, saveAs: true })
    },
    onCopyRequestId: () =>
      void run('copy', async () => {
        if (!entry?.adobeRequestId) return 'This call has no Adobe request id.'
        if (await writeClipboardText(entry.adobeRequestId)) return `Copied the request id ${entry.adobeRequestId}.`
        throw new Error(`The clipboard could not be written from here. The request id is ${entry.adobeRequestId}.`)
      }, 'detail'),
    onCopyCurl: () =>
      void run('copy', async () => {
        if (!view?.spec) return ''
        const outcome = await copyCurl(view.spec, entry?.profile?.id ?? activeProfile?.id, false)
        if (!outcome.ok && outcome.command !== undefined) setModal({ kind: 'snippet', spec: view.spec, profileId: entry?.profile?.id ?? activeProfile?.id, language: 'curl' })
        if (!outcome.ok) throw new Error(outcome.message)
        return outcome.message
      }, 'detail'),
    onSnippet: () => {
      if (view?.spec) setModal({ kind: 'snippet', spec: view.spec, profileId: entry?.profile?.id ?? activeProfile?.id })
    },
    onExportHar: () => entry && void run('export', (operationId) => exportHar({ ids: [entry.id] }, operationId), 'detail'),
    onExportBundle: () => entry && void run('export', (operationId) => exportBundle([entry.id], false, operationId), 'detail'),
    onDelete: () =>
      entry &&
      void run('delete', async () => {
        const { deleted } = await unwrap(api().deleteHistoryEntry({ id: entry.id }))
        // The row that takes its place becomes the chosen one.
        chosenId.current = undefined
        setSelected((current) => {
          const next = new Set(current)
          next.delete(entry.id)
          return next
        })
        return deleted ? 'Deleted the call from the history.' : 'That call was already gone from the history.'
      })
  }

  const methodFilter = query.methods[0] ?? ''
  const profileFilter = query.profileIds[0] ?? ''
  const filtered = isFiltered(pages.query)
  const profileHost = hostOf(activeProfile?.reactorBaseUrl ?? '')
  const knownProfiles = useMemo(() => profiles.map((profile) => ({ id: profile.id, name: profile.name })), [profiles])

  const toolbar: ReactNode = (
    <div className="hi-toolbar" role="search" aria-label="Search the history">
      <input
        className="input hi-search"
        type="search"
        aria-label="Search history"
        placeholder="URL, status, request id, PR…/RL…/LB… id, body text"
        value={query.text}
        onChange={(event) => setQuery((current) => ({ ...current, text: event.target.value }))}
        data-testid="history-search"
      />
      <label className="hi-check">
        <input type="checkbox" checked={query.deep} onChange={(event) => setQuery((current) => ({ ...current, deep: event.target.checked }))} />
        Search bodies
      </label>
      <div className="hi-chips" role="group" aria-label="Status">
        {STATUS_CLASSES.filter((value) => value !== '1xx').map((value) => {
          const on = query.statusClasses.includes(value)
          return (
            <button
              key={value}
              type="button"
              className={`hi-chip hi-chip-${value}${on ? ' hi-chip-on' : ''}`}
              aria-pressed={on}
              onClick={() => setQuery((current) => ({ ...current, statusClasses: on ? current.statusClasses.filter((v) => v !== value) : [...current.statusClasses, value] }))}
            >
              {STATUS_LABELS[value]}
            </button>
          )
        })}
      </div>
      <select
        className="select hi-filter"
        aria-label="Method"
        value={methodFilter}
        onChange={(event) => setQuery((current) => ({ ...current, methods: event.target.value ? [event.target.value as HttpMethod] : [] }))}
      >
        <option value="">Any method</option>
        {HTTP_METHODS.map((method) => <option key={method} value={method}>{method}</option>)}
      </select>
      <select
        className="select hi-filter"
        aria-label="Profile"
        value={profileFilter}
        onChange={(event) => setQuery((current) => ({ ...current, profileIds: event.target.value ? [event.target.value] : [] }))}
      >
        <option value="">Any profile</option>
        {knownProfiles.map((profile) => <option key={profile.id} value={profile.id}>{profile.name}</option>)}
      </select>
      {isFiltered(query) && (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setQuery(EMPTY_QUERY)}>Clear search</button>
      )}
    </div>
  )

  // Known once the first answer came; kept while a new query is on its way, so the search box never unmounts.
  const hasAny = pages.total !== undefined && (total > 0 || filtered || isFiltered(query))

  return (
    <section className="hi-area" aria-labelledby={`${id}-title`} data-testid="history-area">
      <header className="hi-head">
        <div className="hi-title">
          <h1 id={`${id}-title`}>History</h1>
          {pages.total !== undefined && !imported && (total > 0 || filtered) && (
            <span className="muted" data-testid="history-count">
              {filtered ? `${countOf(total, 'call matches', 'calls match')}` : countOf(total, 'call', 'calls')}
            </span>
          )}
        </div>
        <div className="hi-head-actions">
          <button type="button" className="btn btn-small" onClick={() => setModal({ kind: 'curl' })}>Import cURL…</button>
          <button type="button" className="btn btn-small" onClick={() => harInput.current?.click()}>Import HAR…</button>
          <button type="button" className="btn btn-small" onClick={() => bundleInput.current?.click()}>Import repro bundle…</button>
          {!imported && (
            <>
              <button type="button" className="btn btn-small" disabled={total === 0 || busy !== undefined} onClick={() => void run('export', async (operationId) => exportHar(await allShown(), operationId))}>
                {filtered ? 'Export shown as HAR' : 'Export all as HAR'}
              </button>
              <button type="button" className="btn btn-small hi-danger" disabled={!pages.ready || (total === 0 && !filtered)} onClick={() => void askClear()}>Clear all…</button>
            </>
          )}
          <input ref={harInput} type="file" accept=".har,.json,application/json" hidden aria-hidden="true" tabIndex={-1} data-testid="har-file" onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) void run('import', () => importHarFile(file))
          }} />
          <input ref={bundleInput} type="file" accept=".zip,application/zip" hidden aria-hidden="true" tabIndex={-1} data-testid="bundle-file" onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) void run('import', (operationId) => importBundleFile(file, operationId))
          }} />
        </div>
      </header>
      <OperationProgressBar operation={operation} />
      <StatusLine status={status} onDismiss={() => setStatus(undefined)} testId="history-status" />
      {pages.notices.map((notice) => (
        <p key={notice.message} className={`hi-status hi-status-${notice.level === 'info' ? 'ok' : 'error'}`} role="status">{notice.message}</p>
      ))}
      {imported ? (
        <ImportedCallsView source={imported} profile={activeProfile} onBack={() => setImported(undefined)} />
      ) : (
        <>
          {hasAny && toolbar}
          {pages.error && <p className="inline-error" role="alert">{pages.error}</p>}
          {!pages.ready && !pages.error && pages.total === undefined && <p className="muted hi-pad" role="status">Reading the history…</p>}
          {pages.ready && total === 0 && !filtered && !isFiltered(query) && (
            <div className="empty-state hi-empty" data-testid="history-empty">
              <p className="empty-state-title">No calls yet</p>
              <div className="empty-state-body">
                <p>
                  Every request you send — from the Request area, the command line's <code>send</code>, a collection run or the Credential Doctor — is
                  recorded here with its status, timing and Adobe request id, and with tokens and secrets replaced by placeholders. Find a call again,
                  open it in a tab, compare a customer's call with your own, or hand support a redacted repro bundle.
                </p>
                <p className="hi-empty-actions">
                  <button type="button" className="btn btn-primary btn-small" onClick={() => showArea('request')}>Go to Request</button>
                  <button type="button" className="btn btn-small" onClick={() => setModal({ kind: 'curl' })}>Import cURL…</button>
                  <button type="button" className="btn btn-small" onClick={() => harInput.current?.click()}>Import HAR…</button>
                  <button type="button" className="btn btn-small" onClick={() => bundleInput.current?.click()}>Import repro bundle…</button>
                </p>
              </div>
            </div>
          )}
          {hasAny && (
            <div className="hi-body">
              <div className="hi-list-pane">
                {selected.size > 1 && (
                  <div className="hi-selection" role="toolbar" aria-label="Selected calls" data-testid="history-selection">
                    <span>{countOf(selected.size, 'call selected', 'calls selected')}</span>
                    <button type="button" className="btn btn-small" disabled={busy !== undefined} onClick={() => void run('export', (operationId) => exportHar({ ids: selectedIds }, operationId))}>Export HAR</button>
                    <button type="button" className="btn btn-small" disabled={busy !== undefined} onClick={() => void run('export', async (operationId) => exportBundle(bundleIds(selectedIds), false, operationId))}>Export repro bundle</button>
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => setSelected(new Set(activeId ? [activeId] : []))}>Clear selection</button>
                  </div>
                )}
                {total > 0 ? (
                  <HistoryList
                    total={total}
                    itemAt={itemAt}
                    dayStarts={pages.dayStarts}
                    ensureRange={pages.ensureRange}
                    activeIndex={activeIndex}
                    selected={selected}
                    profileHost={profileHost}
                    onActivate={activate}
                    onToggle={toggle}
                    onOpen={(index) => void openEntry(index)}
                    label="Recorded calls, newest first"
                  />
                ) : (
                  <div className="hi-no-match" data-testid="history-no-match">
                    <p><strong>No call matches{pages.query.text.trim() ? ` “${pages.query.text.trim()}”` : ' these filters'}.</strong></p>
                    {!pages.query.deep && pages.query.text.trim() && (
                      <p className="muted">
                        The search reads the first kilobyte of each body.{' '}
                        <button type="button" className="rq-link-button" onClick={() => setQuery((current) => ({ ...current, deep: true }))}>Search whole bodies</button>
                      </p>
                    )}
                    <p><button type="button" className="btn btn-small" onClick={() => setQuery(EMPTY_QUERY)}>Clear search and filters</button></p>
                  </div>
                )}
                <p className="hi-list-hint muted">↑↓ move · Shift+↑↓ or Shift+click select several · Space toggles · Enter opens in a tab</p>
              </div>
              <HistoryDetail
                view={activeId && view?.entry.id === activeId ? view : undefined}
                loading={detailLoading}
                error={detailError}
                status={<StatusLine status={detailStatus} onDismiss={() => setDetailStatus(undefined)} testId="history-detail-status-line" />}
                {...detailActions}
              />
            </div>
          )}
        </>
      )}
      {modal?.kind === 'clear' && (
        <Dialog
          role="alertdialog"
          title={`Delete all ${countOf(modal.count, 'call', 'calls')}?`}
          description="Every recorded call is removed from this computer's history. Exports you already made are not touched. This cannot be undone."
          onClose={() => setModal(undefined)}
          testId="clear-history-dialog"
          footer={
            <>
              <button type="button" className="btn" data-autofocus onClick={() => setModal(undefined)}>Cancel</button>
              <button
                type="button"
                className="btn hi-danger-filled"
                onClick={() => {
                  setModal(undefined)
                  void run('clear', async () => {
                    const { cleared } = await unwrap(api().clearHistory())
                    setSelected(new Set())
                    setActiveIndex(undefined)
                    return `Deleted ${countOf(cleared, 'call', 'calls')} from the history.`
                  })
                }}
              >
                Delete {countOf(modal.count, 'call', 'calls')}
              </button>
            </>
          }
        >
          <p className="muted">The History settings decide how much is kept from now on (10,000 calls and 200 MB by default).</p>
        </Dialog>
      )}
      {modal?.kind === 'curl' && (
        <CurlImportDialog
          profileId={activeProfile?.id}
          onClose={() => setModal(undefined)}
          onImported={(converted) => {
            setModal(undefined)
            openRequestInTab({ spec: converted.spec, note: 'Imported from cURL', report: { notes: converted.notes, unmapped: converted.unmapped } })
          }}
        />
      )}
      {modal?.kind === 'snippet' && <SnippetDialog spec={modal.spec} profileId={modal.profileId} language={modal.language} onClose={() => setModal(undefined)} />}
    </section>
  )
}
