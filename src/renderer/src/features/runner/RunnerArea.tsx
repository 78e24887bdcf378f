// The Runner: runs of collections and folders, one tab each, like a desktop API client's collection runner.
// A tab is set up (collection or folder, profile, environment, iterations or a data file, concurrency, delay,
// bail), started, followed live, and keeps its results until it is closed. "Run…" on a collection or folder in
// Collections opens a tab here set up for it (workbench-commands openRunView).
import { useCallback, useEffect, useId } from 'react'
import { registerRunViewOpener, showArea, type RunTargetRequest } from '../../state/workbench-commands'
import { Tab, TabList, TabPanels, Tabs } from '../../ui/Tabs'
import { entryForRoot, ensureCollectionsLoaded, openCollectionFolder, useCollections } from './collection-source'
import { RunSetup } from './RunSetup'
import { RunView } from './RunView'
import { changeTarget, closeRun, getRunsState, newRun, selectRun, setUpRun, useRuns, type RunSession } from './runner-store'
import './runner.css'

/** Sets up a run of `target` at once, and opens its collection in this window when it is not open yet. */
function setUpTarget(target: RunTargetRequest): void {
  setUpRun({ root: target.root, ...(target.folderPath ? { folder: target.folderPath } : {}) })
  void ensureCollectionsLoaded().then(async () => {
    if (!entryForRoot(target.root)) await openCollectionFolder(target.root).catch(() => undefined)
  })
}

function tabGlyph(session: RunSession): { mark: string; words: string; tone: string } {
  if (session.phase === 'setup') return { mark: '', words: 'not started', tone: 'setup' }
  if (session.phase === 'running' || session.phase === 'stopping') return { mark: '●', words: 'running', tone: 'running' }
  if (session.phase === 'failed') return { mark: '!', words: 'did not start', tone: 'error' }
  if (session.summary?.outcome === 'passed') return { mark: '✔', words: 'passed', tone: 'ok' }
  if (session.summary?.outcome === 'cancelled') return { mark: '–', words: 'stopped', tone: 'error' }
  return { mark: '✘', words: 'failed', tone: 'error' }
}

export function RunnerArea() {
  const titleId = useId()
  const { sessions, selectedId } = useRuns()
  const collections = useCollections()
  const selected = sessions.find((session) => session.id === selectedId) ?? sessions[0]

  useEffect(() => registerRunViewOpener(setUpTarget), [])

  // A first visit finds a run ready to set up, on the first open collection.
  useEffect(() => {
    if (getRunsState().sessions.length === 0) newRun({ root: '' })
  }, [])

  // A run set up before any collection was chosen takes the first one that is open.
  const firstRoot = collections.entries.find((entry) => entry.view)?.root
  useEffect(() => {
    if (!firstRoot) return
    for (const session of getRunsState().sessions) {
      if (session.phase === 'setup' && session.target.root === '') changeTarget(session.id, { root: firstRoot })
    }
  }, [firstRoot, sessions.length])

  const ids = sessions.map((session) => session.id)
  const onSelect = useCallback((id: string) => selectRun(id), [])

  return (
    <section className="area rn-area" aria-labelledby={titleId}>
      <header className="area-header rn-header">
        <h1 id={titleId}>Runner</h1>
        <button type="button" className="btn" onClick={() => newRun({ root: selected?.target.root ?? firstRoot ?? '' })}>
          New run
        </button>
      </header>
      {sessions.length === 0 ? (
        <div className="rn-empty">
          <p className="empty-state-title">No runs open</p>
          <p className="muted">
            A run sends the requests of a collection or a folder in order, checks each answer against its assertions, and keeps the results here until you close them — to filter, open in a tab, re-run what failed, or export as JSON, JUnit or HTML. Start one with New run, or with Run… on a collection or folder in Collections.
          </p>
          <div className="rn-empty-actions">
            <button type="button" className="btn btn-primary" onClick={() => newRun({ root: firstRoot ?? '' })}>
              New run
            </button>
            <button type="button" className="btn" onClick={() => showArea('collections')}>
              Go to Collections
            </button>
          </div>
        </div>
      ) : (
        <Tabs selected={selected?.id ?? ''} onSelect={onSelect}>
          <TabList className="rn-tabs" aria-label="Runs">
            {sessions.map((session) => {
              const glyph = tabGlyph(session)
              const name = session.started?.collectionName ?? collections.entries.find((entry) => entry.root === session.target.root)?.name
              return (
                <div key={session.id} role="presentation" className={`rn-tab${session.id === selected?.id ? ' rn-tab-selected' : ''}`}>
                  <Tab
                    id={session.id}
                    className="rn-tab-button"
                    aria-keyshortcuts="Delete"
                    title={`Run ${session.number}${name ? ` of ${name}` : ''}: ${glyph.words}. Delete closes it.`}
                    onKeyDown={(event) => {
                      if (event.key === 'Delete') {
                        event.preventDefault()
                        closeRun(session.id)
                      }
                    }}
                  >
                    {glyph.mark && (
                      <span className={`rn-tab-mark rn-tab-mark-${glyph.tone}`} aria-hidden="true">
                        {glyph.mark}
                      </span>
                    )}
                    <span className="rn-tab-title">
                      Run {session.number}
                      {name ? <span className="rn-tab-subtitle"> · {name}</span> : null}
                    </span>
                    <span className="visually-hidden">, {glyph.words}</span>
                  </Tab>
                  {/* For the mouse; keyboard users close with Delete on the tab or "Close results". */}
                  <span className="rn-tab-close" aria-hidden="true" title="Close" onClick={() => closeRun(session.id)}>
                    ×
                  </span>
                </div>
              )
            })}
          </TabList>
          {selected && (
            <TabPanels ids={ids} selected={selected.id} className="rn-panel" tabIndex={-1}>
              {selected.phase === 'setup' ? (
                <RunSetup key={selected.id} session={selected} entries={collections.entries} collectionsLoading={collections.status === 'loading' || collections.status === 'idle'} onOpenCollections={() => showArea('collections')} />
              ) : (
                <RunView key={selected.id} session={selected} view={collections.entries.find((entry) => entry.root === selected.target.root)?.view} />
              )}
            </TabPanels>
          )}
        </Tabs>
      )}
    </section>
  )
}
