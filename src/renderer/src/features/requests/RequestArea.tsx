import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { catalogGroups, type CatalogGroup } from '@shared/catalog/catalog'
import { useActiveProfile, type ProfileOption } from '../../state/active-profile'
import { CatalogPanel } from './catalog/CatalogPanel'
import { RequestBuilder } from './builder/RequestBuilder'
import { ResponseViewer } from './response/ResponseViewer'
import { Splitter } from './Splitter'
import { useWorkbench } from './use-workbench'
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

/** The workbench: catalog | builder over response, with split panes. */
export function RequestWorkbench({ profile: activeProfile, catalog = catalogGroups }: { profile: ProfileOption | undefined; catalog?: readonly CatalogGroup[] }) {
  const operations = useMemo(() => catalog.flatMap((group) => group.operations), [catalog])
  const wb = useWorkbench(activeProfile, operations)
  const dark = usePrefersDark()
  const [catalogWidth, setCatalogWidth] = useState(290)
  const [builderHeight, setBuilderHeight] = useState(380)
  const sending = wb.exchange.state === 'sending'

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault()
      void wb.send()
    }
    if (event.key === 'Escape' && sending) void wb.cancel()
  }

  return (
    <div className="rq-area" onKeyDown={onKeyDown} data-testid="request-area" style={{ gridTemplateColumns: `${catalogWidth}px 6px minmax(0, 1fr)` }}>
      <CatalogPanel groups={catalog} selectedId={wb.draft.operationId} onPick={wb.pickOperation} />
      <Splitter orientation="vertical" value={catalogWidth} min={200} max={560} onChange={setCatalogWidth} label="Resize catalog" />
      <div className="rq-work" style={{ gridTemplateRows: `${builderHeight}px 6px minmax(0, 1fr)` }}>
        <RequestBuilder
          draft={wb.draft}
          updateDraft={wb.updateDraft}
          setQuery={wb.setQuery}
          variables={wb.variables}
          setVariables={wb.setVariables}
          operation={wb.operation}
          profile={activeProfile}
          selections={wb.selections}
          onSelect={wb.select}
          cache={wb.cache}
          sending={sending}
          onSend={() => void wb.send()}
          onCancel={() => void wb.cancel()}
          notice={wb.notice}
          dark={dark}
        />
        <Splitter orientation="horizontal" value={builderHeight} min={150} max={900} onChange={setBuilderHeight} label="Resize request and response" />
        <ResponseViewer
          exchange={wb.exchange}
          fetchAll={wb.fetchAll}
          onOpenUrl={wb.openUrl}
          onGoToPage={wb.goToPage}
          onFetchAll={() => void wb.startFetchAll()}
          onCancel={() => void wb.cancel()}
          onCancelFetchAll={() => void wb.cancelFetchAll()}
          onSaveBody={wb.saveBody}
        />
      </div>
    </div>
  )
}
