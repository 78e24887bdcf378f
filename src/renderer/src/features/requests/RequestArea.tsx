import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react'
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels'
import { catalogGroups, type CatalogGroup, type CatalogOperation } from '@shared/catalog/catalog'
import { resolveSpec } from '@shared/requests/variables'
import { useActiveProfile, useProfilesData, type ProfileOption } from '../../state/active-profile'
import { CatalogPanel } from './catalog/CatalogPanel'
import { RequestBuilder, type RequestPart } from './builder/RequestBuilder'
import { ResourceListCache } from './context/resource-lists'
import { applyOperation, operationFor } from './model/operation-context'
import { useDefaultPageSize } from '../settings/default-page-size'
import { newDraft, specFromDraft, tabTitle, type RequestDraft } from './model/request-draft'
import { ResponseViewer } from './response/ResponseViewer'
import { Icon } from '../../app/Icon'
import { useFoldWhileNarrow, useMediaQuery, usePaneLayout, usePaneSize } from '../../app/panes'
import { useDarkTheme } from '../../app/theme'
import { RequestTabStrip } from './tabs/RequestTabStrip'
import { registerRequestOpener, showArea } from '../../state/workbench-commands'
import { shortcutLabel, useShortcut } from '../../state/shortcuts'
import { Tooltip } from '../../ui/Tooltip'
import { findUrlField } from '../shortcuts/area-focus'
import { useRequestTabs, type OpenTab } from './use-request-tabs'
import { describeTarget, useWorkbench } from './use-workbench'
import { api } from '../../api/client'
import { CollectionsSidePanel } from '../collections/CollectionsSidePanel'
import { EnvironmentSelect } from '../collections/EnvironmentSelect'
import { useCollectionTabs, type DiskConflict, type TabCollection } from '../collections/use-collection-tabs'
import type { ConflictChoice } from '../collections/SaveDialogs'
import { importNotes } from '../history/curl-commands'
import { useCurlTools, type CurlAction } from '../history/use-curl-tools'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { VariableScopes } from '@shared/requests/variables'
import './request.css'

/**
 * Below this window width the side panel starts folded (its button in the tab strip brings it back): at 720 px
 * (1440 px at 200% zoom) a 240 px catalog beside the builder left the URL input 10 px wide.
 */
const NARROW_FOR_SIDE_PANEL = '(max-width: 899px)'
/**
 * Below this window height the request and the response switch by tabs instead of sharing the height: the builder
 * needs about 190 px (tab strip, URL bar, part tabs, a row of parameters) and the response about 280 px of its own
 * header (status, request id, body tabs, pages, view and search) before its first body line, so at 450 px of
 * height (900 px at 200% zoom) a split would show neither.
 */
const SHORT_FOR_SPLIT = '(max-height: 599px)'

/** The Request area, bound to the app's active profile. */
export function RequestArea() {
  const { activeProfile } = useActiveProfile()
  const { summaries } = useProfilesData()
  const profileProblem = activeProfile ? summaries.find((summary) => summary.id === activeProfile.id)?.problem : undefined
  return <RequestWorkbench profile={activeProfile} profileProblem={profileProblem} />
}

/** How long "Closed … Undo" stays. */
const UNDO_MS = 10_000

type SidePanel = 'catalog' | 'collections'
const SIDE_PANEL_KEY = 'reactor-explorer.request-side-panel'

function initialSidePanel(): SidePanel {
  try {
    return window.localStorage?.getItem(SIDE_PANEL_KEY) === 'collections' ? 'collections' : 'catalog'
  } catch {
    return 'catalog'
  }
}

/** "Catalog | Collections" above the side panel: the API's operations, or the saved requests. */
function SidePanelSwitch({ value, onChange }: { value: SidePanel; onChange(value: SidePanel): void }) {
  return (
    <div className="rq-side-switch" role="group" aria-label="Side panel">
      {(['catalog', 'collections'] as const).map((id) => (
        <button key={id} type="button" aria-pressed={value === id} onClick={() => onChange(id)}>
          {id === 'catalog' ? 'Catalog' : 'Collections'}
        </button>
      ))}
    </div>
  )
}

/** The workbench: catalog | open request tabs, each a builder over its response, with split panes. */
export function RequestWorkbench({
  profile,
  profileProblem,
  catalog = catalogGroups
}: {
  profile: ProfileOption | undefined
  /** Why the active profile cannot be used as stored (`ProfileSummary.problem`): nothing is sent until it is fixed. */
  profileProblem?: string
  catalog?: readonly CatalogGroup[]
}) {
  const operations = useMemo(() => catalog.flatMap((group) => group.operations), [catalog])
  const tabs = useRequestTabs()
  const dark = useDarkTheme()
  const paneTabs = useMediaQuery(SHORT_FOR_SPLIT)
  const side = useSidePanelFold()
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
  const collectionTabs = useCollectionTabs({ tabs, profile })
  const [sideContent, setSide] = useState<SidePanel>(initialSidePanel)
  const { open: openSide } = side
  const chooseSide = useCallback((next: SidePanel) => {
    setSide(next)
    openSide()
    try {
      window.localStorage?.setItem(SIDE_PANEL_KEY, next)
    } catch {}
  }, [openSide])

  useEffect(() => {
    setVisited((current) => (current.has(selected.id) ? current : new Set(current).add(selected.id)))
  }, [selected.id])

  // cURL in (a paste into the URL field, Import cURL…, a dropped .sh/.txt) and out (Copy as cURL, snippets).
  const { openDocument } = tabs
  const openImported = useCallback((spec: RequestSpec) => openDocument(spec), [openDocument])
  const curl = useCurlTools({ profile, openDocument: openImported })
  const [dropping, setDropping] = useState(false)

  // Other areas (History, Collections, imports) open documents here, with what an import changed under the tab.
  const { attachNotes } = curl
  const openSaveAs = collectionTabs.saveAs
  useEffect(
    () =>
      registerRequestOpener((request) => {
        const id = openDocument(request.spec, request.origin)
        if (id && (request.note || request.report)) attachNotes(id, importNotes(request.note ?? 'Imported', request.report ?? { notes: [], unmapped: [] }))
        if (id && request.saveAs) openSaveAs(id)
      }),
    [openDocument, attachNotes, openSaveAs]
  )
  const tabSpec = useCallback((id: string) => {
    const tab = tabs.tabs.find((candidate) => candidate.id === id)
    return tab ? specFromDraft(tab.draft) : undefined
  }, [tabs.tabs])

  // Shortcuts of desktop API clients, from the one registry (state/shortcuts.ts) that the shortcuts panel lists.
  // Browsers keep Ctrl+T/W/Tab for themselves, so in browser mode the buttons and menus do the same; in the app
  // these work as written. Each answers "not here" (false) while the Request area is hidden.
  const { newTab, close, selectRelative, move } = tabs
  const { save, saveAs } = collectionTabs
  const shown = () => Boolean(root.current && !root.current.closest('[hidden]'))
  const whenShown = (action: () => void) => () => {
    if (!shown()) return false
    action()
    return true
  }
  useShortcut('save', whenShown(() => save(selected.id)))
  useShortcut('save-as', whenShown(() => saveAs(selected.id)))
  useShortcut('new-tab', whenShown(() => void newTab()))
  useShortcut('close-tab', whenShown(() => close(selected.id)))
  useShortcut('next-tab', whenShown(() => selectRelative(1)))
  useShortcut('previous-tab', whenShown(() => selectRelative(-1)))
  useShortcut('move-tab-left', whenShown(() => move(selected.id, -1)))
  useShortcut('move-tab-right', whenShown(() => move(selected.id, 1)))
  // These two also bring the Request area forward from another area: they name a place in it.
  useShortcut('focus-url', () => {
    showArea('request')
    setTimeout(() => {
      const field = root.current ? findUrlField(root.current) : null
      field?.focus()
      field?.select()
    }, 0)
  })
  useShortcut('search-catalog', () => {
    showArea('request')
    chooseSide('catalog')
    setTimeout(() => root.current?.querySelector<HTMLInputElement>('.rq-catalog input[type="search"]')?.focus(), 0)
  })

  const { closed, dismissClosed } = tabs
  useEffect(() => {
    if (!closed) return
    const timer = setTimeout(dismissClosed, UNDO_MS)
    return () => clearTimeout(timer)
  }, [closed, dismissClosed])

  const { update } = tabs
  // List operations ask for the page size chosen in Settings → General.
  const defaultPageSize = useDefaultPageSize()
  const pickOperation = useCallback(
    (op: CatalogOperation, event?: ReactMouseEvent) => {
      // Ctrl/Cmd+click (or a middle click) opens the operation in a new tab, as a link would.
      if (event && (event.ctrlKey || event.metaKey || event.button === 1)) newTab(applyOperation(newDraft(), op, defaultPageSize))
      else update(selected.id, (draft) => applyOperation(draft, op, defaultPageSize))
    },
    [newTab, update, selected.id, defaultPageSize]
  )

  const { markUsed } = tabs
  const setBusyFor = useCallback((id: string, isBusy: boolean) => {
    // A tab that was sent holds a response: an open from elsewhere must not replace it as an untouched blank tab.
    if (isBusy) markUsed()
    setBusy((current) => {
      if (current.has(id) === isBusy) return current
      const next = new Set(current)
      if (isBusy) next.add(id)
      else next.delete(id)
      return next
    })
  }, [markUsed])

  return (
    <div
      ref={root}
      className={`rq-area${dropping ? ' hi-dropping' : ''}`}
      data-testid="request-area"
      // A .sh or .txt file holding a cURL command, dropped anywhere on the area, opens as a tab. Tab drags carry
      // no files, so they never get here.
      onDragOver={(event) => {
        if (!event.dataTransfer?.types.includes('Files')) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        setDropping(true)
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDropping(false)
      }}
      onDrop={(event) => {
        const file = event.dataTransfer?.files?.[0]
        setDropping(false)
        if (!file) return
        event.preventDefault()
        void curl.importFile(file)
      }}
    >
      <Group className="rq-panes" orientation="horizontal" id="request-side-split" onLayoutChanged={side.onLayoutChanged}>
      <Panel
        id="request-side-panel"
        className="rq-side-pane"
        panelRef={side.panel}
        defaultSize={side.defaultSize}
        minSize={200}
        maxSize={560}
        collapsible
        collapsedSize={0}
        groupResizeBehavior="preserve-pixel-size"
        onResize={side.onResize}
        style={{ overflow: 'hidden' }}
      >
        {/* Folded to nothing, its content leaves the Tab order too. */}
        <div className="rq-side" id={side.contentId} inert={!side.isOpen}>
          <SidePanelSwitch value={sideContent} onChange={chooseSide} />
          {sideContent === 'catalog' ? <CatalogPanel groups={catalog} selectedId={selectedOperation?.id} onPick={pickOperation} /> : <CollectionsSidePanel />}
        </div>
      </Panel>
      <Separator className="pane-separator pane-separator-vertical" aria-label="Resize side panel" />
      <Panel id="request-main-panel" className="rq-main" minSize={300} style={{ overflow: 'hidden' }}>
        <div className="rq-strip-row">
        <Tooltip content={side.isOpen ? 'Hide the catalog and collections panel' : `Show the catalog and collections panel (search it: ${shortcutLabel('search-catalog')})`} side="bottom">
          <button
            type="button"
            className="rq-icon-button rq-side-toggle"
            aria-label="Side panel"
            aria-expanded={side.isOpen}
            aria-controls={side.contentId}
            onClick={side.toggle}
          >
            <Icon name="panel-left" size={16} />
          </button>
        </Tooltip>
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
          save={save}
          saveAs={saveAs}
          curl={(action, id) => {
            if (action === 'import') return curl.showImport()
            const spec = tabSpec(id)
            if (spec) void curl.run(action, spec, collectionTabs.collectionFor(id)?.scopes)
          }}
        />
        </div>
        {curl.elements}
        {closed && (
          <p className="rq-strip-note" role="status" data-testid="closed-tab-note">
            {closed.length === 1 ? `Closed “${tabTitle(closed[0]!.tab.draft)}”.` : `Closed ${closed.length} tabs.`}
            <button type="button" className="rq-link-button" onClick={tabs.undoClose}>Undo</button>
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={dismissClosed}>×</button>
          </p>
        )}
        {collectionTabs.status && (
          <p className={`rq-strip-note${collectionTabs.status.tone === 'error' ? ' rq-strip-note-warn' : ''}`} role="status" data-testid="save-status">
            {collectionTabs.status.text}
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={collectionTabs.dismissStatus}>×</button>
          </p>
        )}
        {collectionTabs.conflictFor(selected.id) && (
          <DiskConflictNote
            conflict={collectionTabs.conflictFor(selected.id)!}
            name={tabTitle(selected.draft)}
            onChoice={(choice) => collectionTabs.resolveDiskConflict(selected.id, choice)}
          />
        )}
        {tabs.notice && (
          <p className="rq-strip-note rq-strip-note-warn" role="status" data-testid="tabs-notice">
            {tabs.notice}
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={tabs.dismissNotice}>×</button>
          </p>
        )}
        {curl.notesPanel(selected.id)}
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
              profileProblem={profileProblem}
              operations={operations}
              cache={cache}
              dark={dark}
              paneTabs={paneTabs}
              update={update}
              onBusy={setBusyFor}
              collection={collectionTabs.collectionFor(tab.id)}
              onSave={save}
              onChooseEnvironment={collectionTabs.chooseEnvironment}
              onSaveAsVariable={collectionTabs.saveAsVariable}
              onPasteCurl={curl.pasteIntoUrl}
              onCurl={curl.run}
            />
          ))}
      </Panel>
      </Group>
      {collectionTabs.dialog}
    </div>
  )
}

/** The tab's file changed (or went) on disk while it had unsaved edits: which version to keep. */
function DiskConflictNote({ conflict, name, onChoice }: { conflict: DiskConflict; name: string; onChoice(choice: ConflictChoice): void }) {
  const deleted = conflict.etag === null
  return (
    <div className="rq-strip-note rq-strip-note-warn" role="status" data-testid="disk-conflict">
      <span>
        {deleted ? `“${name}” was deleted on disk; your edits are only in this tab.` : `“${name}” changed on disk while you were editing it (a git pull, another editor).`}
      </span>
      <button type="button" className="rq-link-button" onClick={() => onChoice('mine')}>{deleted ? 'Write mine again' : 'Keep mine'}</button>
      {!deleted && <button type="button" className="rq-link-button" onClick={() => onChoice('theirs')}>Take theirs</button>}
      <button type="button" className="rq-link-button" onClick={() => onChoice('both')}>{deleted ? 'Save as a new request' : 'Keep both'}</button>
    </div>
  )
}

interface TabWorkbenchProps {
  tab: OpenTab
  hidden: boolean
  panelId: string
  labelledBy: string
  profile: ProfileOption | undefined
  profileProblem: string | undefined
  operations: readonly CatalogOperation[]
  cache: ResourceListCache
  dark: boolean
  /** The window is too short to split: the request and the response switch by tabs. */
  paneTabs: boolean
  update(id: string, change: (draft: RequestDraft) => RequestDraft): void
  onBusy(id: string, busy: boolean): void
  /** The collection file the tab came from (its variables, environment), when it is open. */
  collection: TabCollection | undefined
  onSave(id: string): void
  onChooseEnvironment(id: string, name: string | undefined): void
  onSaveAsVariable(id: string, resourceType: string, value: string): void
  /** A paste into the URL field: true when it was a cURL command (it opens as a new tab). */
  onPasteCurl(text: string): boolean
  /** Copy the request as sent as cURL, or show it as a code snippet. */
  onCurl(action: CurlAction, spec: RequestSpec, variables?: VariableScopes): void
}

/** One tab's builder over its own response; memoised so editing one tab does not re-render the others. */
const TabWorkbench = memo(function TabWorkbench(props: TabWorkbenchProps) {
  const { tab, profile, profileProblem, operations, update: updateTab, onBusy, collection, onSave, onChooseEnvironment, onSaveAsVariable, onCurl } = props
  const tabId = tab.id
  const update = useCallback((change: (draft: RequestDraft) => RequestDraft) => updateTab(tabId, change), [updateTab, tabId])
  const target = useMemo(() => (collection ? { collectionId: collection.collectionId, path: collection.path, scopes: collection.scopes } : undefined), [collection])
  const wb = useWorkbench({ draft: tab.draft, update, profile, operations, collection: target })
  const [part, setPart] = useState<RequestPart>('params')
  const sending = wb.exchange.state === 'sending'
  const spec = useMemo(() => specFromDraft(tab.draft), [tab.draft])
  // A collection tab's preview resolves with its folders', collection's and environment's values; the secret
  // ones are resolved in main when it sends, so they are not reported missing here.
  const resolved = useMemo(() => {
    const result = resolveSpec(spec, collection?.scopes)
    return collection ? { ...result, unresolved: result.unresolved.filter((variable) => !variable.secret) } : result
  }, [spec, collection])
  const environmentControl: ReactNode = collection ? <EnvironmentSelect collection={collection} profile={profile} onChoose={(name) => onChooseEnvironment(tabId, name)} /> : null
  const operation = operationFor(operations, tab.draft, profile?.reactorBaseUrl)
  const current = useMemo(() => describeTarget({ ...spec, url: spec.url.trim() }, profile), [spec, profile])

  useEffect(() => onBusy(tabId, sending), [onBusy, tabId, sending])
  // With the request and response as tabs, Send shows the response (its progress, then the answer).
  const [pane, setPane] = useState<'request' | 'response'>('request')
  useEffect(() => {
    if (sending) setPane('response')
  }, [sending])
  const split = usePaneLayout('request-response', { request: `${props.panelId}-request`, response: `${props.panelId}-response` })
  useEffect(() => () => onBusy(tabId, false), [onBusy, tabId])

  // Ctrl/Cmd+Enter (the registry's "send") sends the tab shown, wherever focus is in the Request area.
  useShortcut(
    'send',
    () => {
      const panel = document.getElementById(props.panelId)
      if (!panel || panel.closest('[hidden]')) return false
      if (!profileProblem) void wb.send()
      return true
    },
    !props.hidden
  )
  const onKeyDown = (event: KeyboardEvent) => {
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
      data-pane-layout={props.paneTabs ? 'tabs' : 'split'}
    >
      {props.paneTabs && <PaneTabs panelId={props.panelId} pane={pane} onPane={setPane} exchange={wb.exchange} />}
      <Group
        className="rq-split"
        orientation="vertical"
        id={`${props.panelId}-split`}
        defaultLayout={split.defaultLayout}
        onLayoutChanged={split.onLayoutChanged}
        disabled={props.paneTabs}
      >
      <Panel
        id={`${props.panelId}-request`}
        className="rq-pane"
        style={{ overflow: 'hidden' }}
        defaultSize="40%"
        minSize={150}
        data-pane-hidden={props.paneTabs && pane !== 'request' ? '' : undefined}
        role={props.paneTabs ? 'tabpanel' : undefined}
        aria-labelledby={props.paneTabs ? `${props.panelId}-pane-tab-request` : undefined}
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
        onSend={() => {
          if (!profileProblem) void wb.send()
        }}
        sendBlockedBy={profileProblem}
        onCancel={() => void wb.cancel()}
        notice={wb.notice}
        dark={props.dark}
        part={part}
        onPart={setPart}
        timeoutText={wb.timeoutField}
        onTimeoutText={wb.setTimeoutText}
        onResetOptions={wb.resetOptions}
        knownVariables={collection?.known}
        onSave={() => onSave(tabId)}
        environmentControl={environmentControl}
        onSaveAsVariable={collection && profile ? (type, value) => onSaveAsVariable(tabId, type, value) : undefined}
        onPasteCurl={props.onPasteCurl}
      />
      </Panel>
      <Separator className="pane-separator pane-separator-horizontal" aria-label="Resize request and response" />
      <Panel
        id={`${props.panelId}-response`}
        className="rq-pane"
        style={{ overflow: 'hidden' }}
        minSize={180}
        data-pane-hidden={props.paneTabs && pane !== 'response' ? '' : undefined}
        role={props.paneTabs ? 'tabpanel' : undefined}
        aria-labelledby={props.paneTabs ? `${props.panelId}-pane-tab-response` : undefined}
      >
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
        onCurl={(action) => onCurl(action, wb.sentSpec ?? spec, collection?.scopes)}
      />
      </Panel>
      </Group>
    </div>
  )
})

/** "Request | Response" over a tab's workbench when the window is too short to show both at once. */
function PaneTabs({ panelId, pane, onPane, exchange }: { panelId: string; pane: 'request' | 'response'; onPane(pane: 'request' | 'response'): void; exchange: ReturnType<typeof useWorkbench>['exchange'] }) {
  const ids = ['request', 'response'] as const
  const status = exchange.state === 'done' ? exchange.response.status : exchange.state === 'sending' ? '…' : exchange.state === 'failed' ? 'failed' : undefined
  return (
    <div className="rq-pane-tabs" role="tablist" aria-label="Request or response">
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`${panelId}-pane-tab-${id}`}
          aria-selected={pane === id}
          aria-controls={`${panelId}-${id}`}
          tabIndex={pane === id ? 0 : -1}
          onClick={() => onPane(id)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
            event.preventDefault()
            const next = id === 'request' ? 'response' : 'request'
            onPane(next)
            document.getElementById(`${panelId}-pane-tab-${next}`)?.focus()
          }}
        >
          {id === 'request' ? 'Request' : 'Response'}
          {id === 'response' && status !== undefined && <span className="rq-count">{status}</span>}
        </button>
      ))}
    </div>
  )
}

/**
 * The side panel's fold: remembered width, folded for a narrow window (without forgetting that width), and
 * opened again by its toggle or by choosing Catalog or Collections (a shortcut to the catalog search).
 */
function useSidePanelFold() {
  const panel = usePanelRef()
  // Under 1200 px of width the panel starts narrower, leaving the tabs and the URL room.
  const defaultPx = typeof window !== 'undefined' && window.innerWidth < 1200 ? 240 : 290
  const size = usePaneSize('request-side-panel', panel, { panelId: 'request-side-panel', defaultPx, collapsedPx: 0 })
  const narrow = useMediaQuery(NARROW_FOR_SIDE_PANEL)
  const [isOpen, setOpen] = useState(true)
  const foldedForWidth = useFoldWhileNarrow(panel, narrow, size.fold)
  const contentId = useId()
  const { open: openSize, toggle: toggleSize } = size
  const open = useCallback(() => {
    foldedForWidth.current = false
    openSize()
  }, [openSize])
  const toggle = useCallback(() => {
    foldedForWidth.current = false
    toggleSize()
  }, [toggleSize])
  // From the layout, not the pixels: a pane measured while its area is hidden (0 px) is not folded.
  const onResize = useCallback(() => setOpen(!(panel.current?.isCollapsed() ?? false)), [panel])
  return { panel, isOpen, open, toggle, onResize, contentId, defaultSize: size.defaultSize, onLayoutChanged: size.onLayoutChanged }
}
