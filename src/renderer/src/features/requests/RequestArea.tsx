import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react'
import { catalogGroups, type CatalogGroup, type CatalogOperation } from '@shared/catalog/catalog'
import { resolveSpec } from '@shared/requests/variables'
import { useActiveProfile, type ProfileOption } from '../../state/active-profile'
import { CatalogPanel } from './catalog/CatalogPanel'
import { RequestBuilder, type RequestPart } from './builder/RequestBuilder'
import { ResourceListCache } from './context/resource-lists'
import { applyOperation, operationFor } from './model/operation-context'
import { newDraft, specFromDraft, tabTitle, type RequestDraft } from './model/request-draft'
import { ResponseViewer } from './response/ResponseViewer'
import { Splitter } from './Splitter'
import { RequestTabStrip } from './tabs/RequestTabStrip'
import { registerRequestOpener } from '../../state/workbench-commands'
import { useRequestTabs, type OpenTab } from './use-request-tabs'
import { describeTarget, useWorkbench } from './use-workbench'
import { api } from '../../api/client'
import './request.css'

function usePrefersDark(): boolean {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : undefined
  const [dark, setDark] = useState(query?.matches ?? false)
  useEffect(() => {
    if (!query) return
    const listener = (event: MediaQueryListEvent) => setDark(event.matches)
    query.addEventListener('change', listener)
    return () => query.removeEventListener('change', listener)
  }, [query])
  return dark
}

/** The Request area, bound to the app's active profile. */
export function RequestArea() {
  const { activeProfile } = useActiveProfile()
  return <RequestWorkbench profile={activeProfile} />
}

/** How long "Closed … Undo" stays. */
const UNDO_MS = 10_000

/** The workbench: catalog | open request tabs, each a builder over its response, with split panes. */
export function RequestWorkbench({ profile, catalog = catalogGroups }: { profile: ProfileOption | undefined; catalog?: readonly CatalogGroup[] }) {
  const operations = useMemo(() => catalog.flatMap((group) => group.operations), [catalog])
  const tabs = useRequestTabs()
  const dark = usePrefersDark()
  // Under 1200 px of width the catalog starts narrower, leaving the tabs and the URL room.
  const [catalogWidth, setCatalogWidth] = useState(() => (typeof window !== 'undefined' && window.innerWidth < 1200 ? 240 : 290))
  // A smaller window keeps room for the response: 300 px of builder under 800 px of height, else 380.
  const [builderHeight, setBuilderHeight] = useState(() => (typeof window !== 'undefined' && window.innerHeight < 800 ? 300 : 380))
  const cache = useMemo(() => new ResourceListCache(api), [])
  const root = useRef<HTMLDivElement>(null)
  const base = useId()
  const tabDomId = useCallback((id: string) => `${base}-tab-${id}`, [base])
  const panelDomId = useCallback((id: string) => `${base}-panel-${id}`, [base])
  // A tab's workbench mounts when first shown and then stays (hidden) so its response is never re-parsed.
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set())
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set())
  const selected = tabs.selected
  const selectedOperation = operationFor(operations, selected.draft, profile?.reactorBaseUrl)

  useEffect(() => {
    setVisited((current) => (current.has(selected.id) ? current : new Set(current).add(selected.id)))
  }, [selected.id])

  // Other areas (History, Collections, imports) open documents here.
  const { openDocument } = tabs
  useEffect(() => registerRequestOpener((request) => void openDocument(request.spec, request.origin)), [openDocument])

  // Shortcuts of desktop API clients. Browsers keep Ctrl+T/W/Tab for themselves, so in browser mode the
  // buttons and menus do the same; in the app these work as written.
  const { newTab, close, selectRelative, move } = tabs
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const area = root.current
      if (!area || area.closest('[hidden]')) return
      const mod = event.ctrlKey || event.metaKey
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 't') {
        event.preventDefault()
        newTab()
      } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'w') {
        event.preventDefault()
        close(selected.id)
      } else if (event.ctrlKey && event.key === 'Tab') {
        event.preventDefault()
        selectRelative(event.shiftKey ? -1 : 1)
      } else if (event.ctrlKey && !event.shiftKey && (event.key === 'PageUp' || event.key === 'PageDown')) {
        event.preventDefault()
        selectRelative(event.key === 'PageUp' ? -1 : 1)
      } else if (mod && event.shiftKey && (event.key === 'PageUp' || event.key === 'PageDown')) {
        event.preventDefault()
        move(selected.id, event.key === 'PageUp' ? -1 : 1)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [newTab, close, selectRelative, move, selected.id])

  const { closed, dismissClosed } = tabs
  useEffect(() => {
    if (!closed) return
    const timer = setTimeout(dismissClosed, UNDO_MS)
    return () => clearTimeout(timer)
  }, [closed, dismissClosed])

  const { update } = tabs
  const pickOperation = useCallback(
    (op: CatalogOperation, event?: ReactMouseEvent) => {
      // Ctrl/Cmd+click (or a middle click) opens the operation in a new tab, as a link would.
      if (event && (event.ctrlKey || event.metaKey || event.button === 1)) newTab(applyOperation(newDraft(), op))
      else update(selected.id, (draft) => applyOperation(draft, op))
    },
    [newTab, update, selected.id]
  )

  const setBusyFor = useCallback((id: string, isBusy: boolean) => {
    setBusy((current) => {
      if (current.has(id) === isBusy) return current
      const next = new Set(current)
      if (isBusy) next.add(id)
      else next.delete(id)
      return next
    })
  }, [])

  return (
    <div ref={root} className="rq-area" data-testid="request-area" style={{ gridTemplateColumns: `${catalogWidth}px 6px minmax(0, 1fr)` }}>
      <CatalogPanel groups={catalog} selectedId={selectedOperation?.id} onPick={pickOperation} />
      <Splitter orientation="vertical" value={catalogWidth} min={200} max={560} onChange={setCatalogWidth} label="Resize catalog" />
      <div className="rq-main">
        <RequestTabStrip
          tabs={tabs.tabs}
          selectedId={selected.id}
          busy={busy}
          tabDomId={tabDomId}
          panelDomId={panelDomId}
          select={tabs.select}
          newTab={() => void tabs.newTab()}
          duplicate={tabs.duplicate}
          close={tabs.close}
          closeOthers={tabs.closeOthers}
          move={tabs.move}
          moveTo={tabs.moveTo}
          rename={tabs.rename}
        />
        {closed && (
          <p className="rq-strip-note" role="status" data-testid="closed-tab-note">
            {closed.length === 1 ? `Closed “${tabTitle(closed[0]!.tab.draft)}”.` : `Closed ${closed.length} tabs.`}
            <button type="button" className="rq-link-button" onClick={tabs.undoClose}>Undo</button>
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={dismissClosed}>×</button>
          </p>
        )}
        {tabs.notice && (
          <p className="rq-strip-note rq-strip-note-warn" role="status" data-testid="tabs-notice">
            {tabs.notice}
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={tabs.dismissNotice}>×</button>
          </p>
        )}
        {tabs.tabs
          .filter((tab) => visited.has(tab.id) || tab.id === selected.id)
          .map((tab) => (
            <TabWorkbench
              key={tab.id}
              tab={tab}
              hidden={tab.id !== selected.id}
              panelId={panelDomId(tab.id)}
              labelledBy={tabDomId(tab.id)}
              profile={profile}
              operations={operations}
              cache={cache}
              dark={dark}
              builderHeight={builderHeight}
              onBuilderHeight={setBuilderHeight}
              update={update}
              onBusy={setBusyFor}
            />
          ))}
      </div>
    </div>
  )
}

interface TabWorkbenchProps {
  tab: OpenTab
  hidden: boolean
  panelId: string
  labelledBy: string
  profile: ProfileOption | undefined
  operations: readonly CatalogOperation[]
  cache: ResourceListCache
  dark: boolean
  builderHeight: number
  onBuilderHeight(height: number): void
  update(id: string, change: (draft: RequestDraft) => RequestDraft): void
  onBusy(id: string, busy: boolean): void
}

/** One tab's builder over its own response; memoised so editing one tab does not re-render the others. */
const TabWorkbench = memo(function TabWorkbench(props: TabWorkbenchProps) {
  const { tab, profile, operations, update: updateTab, onBusy } = props
  const tabId = tab.id
  const update = useCallback((change: (draft: RequestDraft) => RequestDraft) => updateTab(tabId, change), [updateTab, tabId])
  const wb = useWorkbench({ draft: tab.draft, update, profile, operations })
  const [part, setPart] = useState<RequestPart>('params')
  const sending = wb.exchange.state === 'sending'
  const spec = useMemo(() => specFromDraft(tab.draft), [tab.draft])
  const resolved = useMemo(() => resolveSpec(spec), [spec])
  const operation = operationFor(operations, tab.draft, profile?.reactorBaseUrl)
  const current = useMemo(() => describeTarget({ ...spec, url: spec.url.trim() }, profile), [spec, profile])

  useEffect(() => onBusy(tabId, sending), [onBusy, tabId, sending])
  useEffect(() => () => onBusy(tabId, false), [onBusy, tabId])

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault()
      void wb.send()
    }
    if (event.key === 'Escape' && sending) void wb.cancel()
  }

  return (
    <div
      className="rq-work"
      role="tabpanel"
      id={props.panelId}
      aria-labelledby={props.labelledBy}
      hidden={props.hidden}
      data-request-tab={tabId}
      onKeyDown={onKeyDown}
      style={{ gridTemplateRows: `${props.builderHeight}px 6px minmax(0, 1fr)` }}
    >
      <RequestBuilder
        draft={tab.draft}
        update={update}
        resolved={resolved}
        operations={operations}
        operation={operation}
        profile={profile}
        cache={props.cache}
        sending={sending}
        onSend={() => void wb.send()}
        onCancel={() => void wb.cancel()}
        notice={wb.notice}
        dark={props.dark}
        part={part}
        onPart={setPart}
        timeoutText={wb.timeoutField}
        onTimeoutText={wb.setTimeoutText}
        onResetOptions={wb.resetOptions}
      />
      <Splitter orientation="horizontal" value={props.builderHeight} min={150} max={900} onChange={props.onBuilderHeight} label="Resize request and response" />
      <ResponseViewer
        exchange={wb.exchange}
        current={current}
        onShowVariables={() => setPart('variables')}
        fetchAll={wb.fetchAll}
        onOpenUrl={wb.openUrl}
        onGoToPage={wb.goToPage}
        onFetchAll={() => void wb.startFetchAll()}
        onCancel={() => void wb.cancel()}
        onCancelFetchAll={() => void wb.cancelFetchAll()}
        onSaveBody={wb.saveBody}
      />
    </div>
  )
})
