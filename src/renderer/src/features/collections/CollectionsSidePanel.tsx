import { useMemo, useState } from 'react'
import { showArea } from '../../state/workbench-commands'
import { createStarterCollection, useCollections } from './collections-store'
import { CollectionTree } from './CollectionTree'
import { countOf } from '../../ui/plural'
import { countItems, visibleRows, type TreeNode } from './tree-model'
import { useExpansion, useTreeActions } from './use-tree-actions'
import './collections.css'

/**
 * The collections tree beside the request tabs (the Request area's side panel, next to the catalog): search,
 * select with a click, open with Enter or a double click, and the tree's keyboard and context-menu edits.
 */
export function CollectionsSidePanel() {
  const collections = useCollections()
  const views = useMemo(() => collections.entries.flatMap((entry) => (entry.view ? [entry.view] : [])), [collections.entries])
  const roots = useMemo(() => new Map(views.map((view) => [view.id, view.root])), [views])
  const [query, setQuery] = useState('')
  const { expanded, setExpanded, expand } = useExpansion(views)
  const [selectedKey, setSelectedKey] = useState<string | undefined>()
  const [renamingKey, setRenamingKey] = useState<string | undefined>()
  const { actions, notice, dismiss } = useTreeActions(roots, {
    select: setSelectedKey,
    expand,
    startRename: setRenamingKey
  })
  const [addingStarter, setAddingStarter] = useState(false)
  const [starterProblem, setStarterProblem] = useState<string | undefined>()
  const addStarter = async () => {
    setAddingStarter(true)
    setStarterProblem(undefined)
    try {
      await createStarterCollection()
    } catch (failure) {
      setStarterProblem(`The starter collection could not be created: ${(failure as Error).message}`)
    } finally {
      setAddingStarter(false)
    }
  }
  const total = useMemo(() => views.reduce((sum, view) => sum + countItems(view.items).requests, 0), [views])

  return (
    <nav className="col-side" aria-label="Collections">
      <div className="col-side-head">
        <input type="search" className="rq-input col-search" placeholder="Search saved requests" aria-label="Search collections" value={query} onChange={(event) => setQuery(event.target.value)} />
        <p className="col-side-count">
          {collections.status === 'loading' ? 'Loading collections…' : `${countOf(views.length, 'collection')}, ${countOf(total, 'request')}`}
        </p>
      </div>
      <div className="col-side-list">
        {collections.status === 'failed' && <p className="col-side-empty col-error">{collections.error}</p>}
        {collections.status !== 'loading' && views.length === 0 && (
          <div className="col-side-empty">
            <p>Saved requests show here, ready to open in a tab. No collection is open yet: add Adobe&apos;s getting-started calls, or open or create one.</p>
            <p>
              <button type="button" className="btn btn-small btn-primary" disabled={addingStarter} onClick={() => void addStarter()}>
                {addingStarter ? 'Adding…' : 'Add the starter collection'}
              </button>{' '}
              <button type="button" className="btn btn-small" onClick={() => showArea('collections')}>Open Collections</button>
            </p>
            {starterProblem && <p className="col-error" role="alert">{starterProblem}</p>}
          </div>
        )}
        <CollectionTree
          label="Saved requests"
          views={views}
          query={query}
          expanded={expanded}
          onExpandedChange={setExpanded}
          selectedKey={selectedKey}
          onSelect={(node: TreeNode) => setSelectedKey(node.key)}
          renamingKey={renamingKey}
          onRenamingChange={setRenamingKey}
          actions={actions}
          compact
        />
        {query && views.length > 0 && visibleRows(views, expanded, query).length === 0 && <p className="col-side-empty">No saved request matches “{query}”.</p>}
      </div>
      {notice && (
        <p className={`col-side-notice${notice.tone === 'error' ? ' col-notice-error' : ''}`} role="status">
          <span>{notice.text}</span>
          {notice.undo && <button type="button" className="rq-link-button" onClick={notice.undo}>Undo</button>}
          <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={dismiss}>×</button>
        </p>
      )}
    </nav>
  )
}
