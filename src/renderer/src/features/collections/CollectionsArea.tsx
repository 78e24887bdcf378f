import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react'
import type { CollectionView } from '@shared/ipc/collections.contract'
import type { ExportFormat, ExportResult } from '@shared/ipc/interchange.contract'
import { Tab, TabList, TabPanels, Tabs } from '../../ui/Tabs'
import { DocsMarkdown } from '../requests/catalog/DocsMarkdown'
import { savesThroughMainDialog } from '../../api/app-transport'
import { api, unwrap } from '../../api/client'
import { closeCollection, createCollection, createStarterCollection, openCollectionFolder, useCollections } from './collections-store'
import { CollectionTree } from './CollectionTree'
import { DefaultsEditor } from './DefaultsEditor'
import { EnvironmentsPanel } from './EnvironmentsPanel'
import { ImportDialog } from './ImportDialog'
import { ModalDialog } from './ModalDialog'
import { offerDownload } from '../../ui/download'
import { countOf } from '../../ui/plural'
import { countItems, findItem, nodeKey, positionOf, stepMove, unreadableFiles, type TreeNode } from './tree-model'
import { openInTab, useExpansion, useTreeActions } from './use-tree-actions'
import './collections.css'
import { OperationProgressBar, useOperation } from '../../ui/Progress'

type Dialog = { kind: 'import'; file?: File } | { kind: 'open' } | { kind: 'new' } | { kind: 'export'; view: CollectionView }

/** Collections: the open collections' trees, what the selected item holds, and the ways to get a collection. */
export function CollectionsArea() {
  const titleId = useId()
  const collections = useCollections()
  const views = useMemo(() => collections.entries.flatMap((entry) => (entry.view ? [entry.view] : [])), [collections.entries])
  const roots = useMemo(() => new Map(views.map((view) => [view.id, view.root])), [views])
  const broken = collections.entries.filter((entry) => !entry.view)
  const [query, setQuery] = useState('')
  const { expanded, setExpanded, expand } = useExpansion(views)
  const [selectedKey, setSelectedKey] = useState<string | undefined>()
  const [renamingKey, setRenamingKey] = useState<string | undefined>()
  const [dialog, setDialog] = useState<Dialog | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()
  const [dropping, setDropping] = useState(false)

  const { actions, notice, dismiss } = useTreeActions(roots, {
    select: setSelectedKey,
    expand,
    startRename: setRenamingKey,
    closeCollection: (node) => void closeCollection(node.collectionId).catch((error: Error) => setFailure(error.message)),
    exportCollection: (node) => {
      const view = views.find((candidate) => candidate.id === node.collectionId)
      if (view) setDialog({ kind: 'export', view })
    }
  })

  const selected = useMemo(() => findNode(views, selectedKey), [views, selectedKey])
  // A new collection (starter, import, open) is selected, so its tree and details show at once.
  const select = (view: CollectionView) => {
    setSelectedKey(nodeKey(view.id, ''))
    expand(nodeKey(view.id, ''))
  }

  const run = async (task: () => Promise<CollectionView | void>) => {
    setBusy(true)
    setFailure(undefined)
    try {
      const view = await task()
      if (view) select(view)
      return true
    } catch (error) {
      setFailure((error as Error).message)
      return false
    } finally {
      setBusy(false)
    }
  }

  const onDropFile = (event: DragEvent) => {
    if (!event.dataTransfer?.types?.includes('Files')) return
    event.preventDefault()
    setDropping(false)
    const file = event.dataTransfer.files?.[0]
    setDialog({ kind: 'import', ...(file ? { file } : {}) })
  }

  const empty = collections.status !== 'loading' && collections.status !== 'idle' && collections.entries.length === 0

  return (
    <section
      className={`area col-area${dropping ? ' col-area-dropping' : ''}`}
      aria-labelledby={titleId}
      onDragOver={(event) => {
        if (!event.dataTransfer?.types?.includes('Files')) return
        event.preventDefault()
        setDropping(true)
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDropping(false)
      }}
      onDrop={onDropFile}
    >
      <header className="area-header">
        <h1 id={titleId}>Collections</h1>
        {!empty && (
          <div className="col-toolbar" role="group" aria-label="Add a collection">
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'import' })}>Import…</button>
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'open' })}>Open folder…</button>
            <button type="button" className="btn" onClick={() => setDialog({ kind: 'new' })}>New collection…</button>
            <button type="button" className="btn" disabled={busy} onClick={() => void run(createStarterCollection)}>Add the starter collection</button>
          </div>
        )}
      </header>
      {failure && (
        <p className="col-banner col-banner-error" role="alert">
          {failure}
          <button type="button" className="col-icon-button" aria-label="Dismiss" onClick={() => setFailure(undefined)}>×</button>
        </p>
      )}
      {collections.status === 'failed' && <p className="col-banner col-banner-error" role="alert">The open collections could not be listed: {collections.error}</p>}
      {(collections.status === 'loading' || collections.status === 'idle') && <p className="muted">Loading collections…</p>}
      {empty && <EmptyState busy={busy} onStarter={() => void run(createStarterCollection)} onOpen={() => setDialog({ kind: 'open' })} onImport={() => setDialog({ kind: 'import' })} onNew={() => setDialog({ kind: 'new' })} />}
      {collections.entries.length > 0 && (
        <div className="col-layout">
          <div className="col-tree-pane">
            <input type="search" className="input col-search" placeholder="Search requests, folders, URLs" aria-label="Search collections" value={query} onChange={(event) => setQuery(event.target.value)} />
            <div className="col-tree-scroll">
              <CollectionTree
                label="Collections"
                views={views}
                query={query}
                expanded={expanded}
                onExpandedChange={setExpanded}
                selectedKey={selectedKey}
                onSelect={(node) => setSelectedKey(node.key)}
                renamingKey={renamingKey}
                onRenamingChange={setRenamingKey}
                actions={actions}
              />
              {query && views.length > 0 && !views.some((view) => findMatch(view, query)) && <p className="muted col-no-match">Nothing matches “{query}”.</p>}
              {broken.map((entry) => (
                <div key={entry.id} className="col-broken" role="group" aria-label={`${entry.name} cannot be read`}>
                  <p>
                    <strong>{entry.name}</strong> cannot be read: {entry.problem}
                  </p>
                  <p className="mono col-path">{entry.root}</p>
                  <button type="button" className="btn btn-small" onClick={() => void run(async () => closeCollection(entry.id))}>Close it</button>
                </div>
              ))}
            </div>
            <p className="col-tree-help">Enter opens · F2 renames · Alt+↑↓ moves · Delete deletes (with Undo) · Shift+F10 for more</p>
          </div>
          <div className="col-detail-pane">
            {selected ? (
              <Detail key={selected.key} node={selected} view={views.find((view) => view.id === selected.collectionId)!} actions={actions} onRename={() => setRenamingKey(selected.key)} onExport={(view) => setDialog({ kind: 'export', view })} onClose={(view) => void run(async () => closeCollection(view.id))} />
            ) : (
              <div className="col-detail-empty">
                <p className="empty-state-title">Choose a collection, folder or request</p>
                <p className="muted">Its variables, default headers, environments and requests show here. Double-click a request (or press Enter) to open it in a Request tab.</p>
              </div>
            )}
          </div>
        </div>
      )}
      {notice && (
        <p className={`col-toast${notice.tone === 'error' ? ' col-toast-error' : ''}`} role="status" data-testid="collections-notice">
          <span>{notice.text}</span>
          {notice.undo && <button type="button" className="col-link-button" onClick={notice.undo}>Undo</button>}
          <button type="button" className="col-icon-button" aria-label="Dismiss" onClick={dismiss}>×</button>
        </p>
      )}
      {dialog?.kind === 'import' && (
        <ImportDialog
          collections={views}
          initialFile={dialog.file}
          onClose={() => setDialog(undefined)}
          onImported={(view) => {
            setDialog(undefined)
            select(view)
          }}
        />
      )}
      {dialog?.kind === 'open' && <OpenFolderDialog onClose={() => setDialog(undefined)} onOpened={(view) => (setDialog(undefined), select(view))} />}
      {dialog?.kind === 'new' && <NewCollectionDialog onClose={() => setDialog(undefined)} onCreated={(view) => (setDialog(undefined), select(view))} />}
      {dialog?.kind === 'export' && <ExportDialog view={dialog.view} onClose={() => setDialog(undefined)} />}
    </section>
  )
}

function findMatch(view: CollectionView, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const text = (value: string) => words.every((word) => value.toLowerCase().includes(word))
  const walk = (items: CollectionView['items']): boolean =>
    items.some((item) => (item.kind === 'request' ? text(`${item.spec.name} ${item.path} ${item.spec.method} ${item.spec.url}`) : item.kind === 'folder' ? text(`${item.name} ${item.path}`) || walk(item.items) : text(item.path)))
  return text(view.name) || walk(view.items)
}

function findNode(views: readonly CollectionView[], key: string | undefined): TreeNode | undefined {
  if (!key) return undefined
  const view = views.find((candidate) => key.startsWith(`${candidate.id}:`))
  if (!view) return undefined
  const path = key.slice(view.id.length + 1)
  if (path === '') return { kind: 'collection', key, collectionId: view.id, path: '', name: view.name, level: 1, view }
  const found = findItem(view.items, path)
  if (!found) return undefined
  const level = found.folders.length + 2
  const { item } = found
  if (item.kind === 'folder') return { kind: 'folder', key, collectionId: view.id, path, name: item.name, level, item }
  if (item.kind === 'request') return { kind: 'request', key, collectionId: view.id, path, name: item.spec.name, level, item }
  return { kind: 'unreadable', key, collectionId: view.id, path, name: path.split('/').pop() ?? path, level, message: item.message, line: item.line, column: item.column }
}

function EmptyState({ busy, onStarter, onOpen, onImport, onNew }: { busy: boolean; onStarter(): void; onOpen(): void; onImport(): void; onNew(): void }) {
  return (
    <div className="col-empty">
      <p className="empty-state-title">Keep the Reactor requests that work</p>
      <p className="muted">
        A collection is a folder of saved requests, with variables and environments per profile, in files that diff well in git and open in Bruno too. No secret is ever written into it.
      </p>
      <div className="col-empty-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onStarter}>
          {busy ? 'Creating…' : 'Start with the Reactor starter collection'}
        </button>
        <button type="button" className="btn" onClick={onOpen}>Open a folder…</button>
        <button type="button" className="btn" onClick={onImport}>Import…</button>
        <button type="button" className="btn" onClick={onNew}>New empty collection…</button>
      </div>
      <p className="col-hint">
        The starter collection holds Adobe’s getting-started calls (companies, properties, rules, data elements, libraries, builds, and the publishing flow). Its Sandbox environment goes with the built-in Sandbox profile, so it runs with no setup. Import takes Postman v2.1, Insomnia and Bruno (zipped) collections; drop a file anywhere here.
      </p>
    </div>
  )
}

type DetailPart = 'defaults' | 'environments' | 'unreadable'

function Detail({ node, view, actions, onRename, onExport, onClose }: { node: TreeNode; view: CollectionView; actions: ReturnType<typeof useTreeActions>['actions']; onRename(): void; onExport(view: CollectionView): void; onClose(view: CollectionView): void }) {
  const titleId = useId()
  const problems = unreadableFiles(view)
  const parts: DetailPart[] = node.kind === 'collection' ? ['defaults', 'environments', ...(problems.length > 0 ? (['unreadable'] as const) : [])] : ['defaults']
  const [part, setPart] = useState<DetailPart>('defaults')
  const shown = parts.includes(part) ? part : 'defaults'
  const labels: Record<DetailPart, string> = { defaults: 'Variables & headers', environments: `Environments (${view.environments.length})`, unreadable: `Unreadable files (${problems.length})` }

  if (node.kind === 'request') {
    const { spec } = node.item
    const at = positionOf(view, node.path)
    const up = stepMove(view, node.path, -1)
    const down = stepMove(view, node.path, 1)
    return (
      <article className="col-detail" aria-labelledby={titleId}>
        <header className="col-detail-header">
          <h2 id={titleId} className="col-detail-title">
            <span className={`col-method col-method-${spec.method.toLowerCase()}`}>{spec.method}</span> {spec.name}
          </h2>
          <p className="mono col-path">{spec.url}{spec.params.filter((row) => row.enabled).length ? `?${spec.params.filter((row) => row.enabled).map((row) => `${row.name}=${row.value}`).join('&')}` : ''}</p>
          <p className="muted col-path">{view.name} › {node.path}</p>
        </header>
        <div className="col-actions">
          <button type="button" className="btn btn-primary" onClick={() => openInTab(node, view.root)}>Open in a tab</button>
          <button type="button" className="btn" onClick={onRename} disabled={Boolean(view.readOnlyReason)}>Rename</button>
          <button type="button" className="btn" onClick={() => actions.duplicate(node)} disabled={Boolean(view.readOnlyReason)}>Duplicate</button>
          <button type="button" className="btn" onClick={() => up && actions.move(node, up.toFolder, up.index)} disabled={Boolean(view.readOnlyReason) || !up}>Move up</button>
          <button type="button" className="btn" onClick={() => down && actions.move(node, down.toFolder, down.index)} disabled={Boolean(view.readOnlyReason) || !down}>Move down</button>
          <button type="button" className="btn col-danger" onClick={() => actions.remove(node)} disabled={Boolean(view.readOnlyReason)}>Delete</button>
        </div>
        {at && <p className="col-hint">Place {at.index + 1} of {at.count} in its folder.</p>}
        {node.item.docs ? (
          <div className="col-docs">
            <DocsMarkdown text={node.item.docs} />
          </div>
        ) : (
          <p className="muted">No notes for this request.</p>
        )}
      </article>
    )
  }

  if (node.kind === 'unreadable') {
    return (
      <article className="col-detail" aria-labelledby={titleId}>
        <header className="col-detail-header">
          <h2 id={titleId} className="col-detail-title">{node.name} cannot be read</h2>
          <p className="mono col-path">{view.name} › {node.path}</p>
        </header>
        <p className="col-banner col-banner-warn">
          {node.message}
          {node.line ? ` (line ${node.line}${node.column ? `, column ${node.column}` : ''})` : ''}
        </p>
        <p className="muted">The rest of the collection works. This file is listed, never rewritten: fix it in an editor and it is read again as soon as it changes.</p>
      </article>
    )
  }

  const counts = countItems(node.kind === 'collection' ? view.items : node.item.items)
  return (
    <article className="col-detail" aria-labelledby={titleId}>
      <header className="col-detail-header">
        <h2 id={titleId} className="col-detail-title">{node.name}</h2>
        <p className="muted">
          {countOf(counts.requests, 'request')} in {countOf(counts.folders, 'folder')}
          {node.kind === 'collection' && view.environments.length > 0 ? `, ${countOf(view.environments.length, 'environment')}` : ''}
        </p>
        <p className="mono col-path" title={node.kind === 'collection' ? view.root : node.path}>{node.kind === 'collection' ? view.root : `${view.name} › ${node.path}`}</p>
      </header>
      {view.readOnlyReason && <p className="col-banner col-banner-warn">{view.readOnlyReason}</p>}
      <div className="col-actions">
        <button type="button" className="btn" onClick={() => actions.newRequest(node)} disabled={Boolean(view.readOnlyReason)}>New request</button>
        <button type="button" className="btn" onClick={() => actions.newFolder(node)} disabled={Boolean(view.readOnlyReason)}>New folder</button>
        {node.kind === 'folder' && (
          <>
            <button type="button" className="btn" onClick={onRename}>Rename</button>
            <button type="button" className="btn" onClick={() => actions.duplicate(node)}>Duplicate</button>
            <button type="button" className="btn col-danger" onClick={() => actions.remove(node)}>Delete</button>
          </>
        )}
        {node.kind === 'collection' && (
          <>
            <button type="button" className="btn" onClick={() => onExport(view)}>Export…</button>
            <button type="button" className="btn" onClick={() => onClose(view)}>Close collection</button>
          </>
        )}
      </div>
      {parts.length > 1 ? (
        <Tabs<DetailPart> selected={shown} onSelect={setPart}>
          <TabList className="col-tabs" aria-label={`${node.name} details`}>
            {parts.map((id) => (
              <Tab key={id} id={id} className="col-tab">{labels[id]}</Tab>
            ))}
          </TabList>
          <TabPanels ids={parts} selected={shown} className="col-tab-panel">
            {shown === 'defaults' && <DefaultsEditor view={view} folder="" />}
            {shown === 'environments' && <EnvironmentsPanel view={view} />}
            {shown === 'unreadable' && <UnreadableList problems={problems} />}
          </TabPanels>
        </Tabs>
      ) : (
        <DefaultsEditor view={view} folder={node.kind === 'folder' ? node.path : ''} />
      )}
    </article>
  )
}

function UnreadableList({ problems }: { problems: ReturnType<typeof unreadableFiles> }) {
  return (
    <div>
      <p className="muted">These files are listed, never rewritten; the rest of the collection works. Fix them in an editor and they are read again when they change.</p>
      <table className="data-table" aria-label="Unreadable files">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem) => (
            <tr key={problem.path}>
              <td className="mono">{problem.path}</td>
              <td>{problem.line ?? '—'}</td>
              <td>{problem.column ?? '—'}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function OpenFolderDialog({ onClose, onOpened }: { onClose(): void; onOpened(view: CollectionView): void }) {
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!path.trim()) return setError('Type the full path of the collection folder.')
    setBusy(true)
    try {
      onOpened(await openCollectionFolder(path.trim()))
    } catch (failure) {
      setError((failure as Error).message)
      setBusy(false)
    }
  }
  return (
    <ModalDialog
      title="Open a collection folder"
      intro="A folder with opencollection.yml (ours, or Bruno’s YAML layout). It stays where it is; changes made there by git or Bruno show up here."
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Opening…' : 'Open'}</button>
        </>
      }
    >
      <label className="field">
        <span>Folder (full path)</span>
        <input className="input mono" value={path} placeholder="/home/you/work/reactor-requests" onChange={(event) => setPath(event.target.value)} aria-invalid={error ? true : undefined} spellCheck={false} />
      </label>
      {error && <p className="inline-error" role="alert">{error}</p>}
      <p className="col-hint">A Bruno collection in .bru files (bruno.json) is imported instead: zip its folder and use Import.</p>
    </ModalDialog>
  )
}

function NewCollectionDialog({ onClose, onCreated }: { onClose(): void; onCreated(view: CollectionView): void }) {
  const [name, setName] = useState('My Reactor requests')
  const [parent, setParent] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!name.trim()) return setError('Give the collection a name.')
    setBusy(true)
    try {
      onCreated(await createCollection(name.trim(), parent.trim() || undefined))
    } catch (failure) {
      setError((failure as Error).message)
      setBusy(false)
    }
  }
  return (
    <ModalDialog
      title="New collection"
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create'}</button>
        </>
      }
    >
      <div className="col-form">
        <label className="field">
          <span>Name</span>
          <input className="input" value={name} maxLength={256} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>Create it in (full path, optional)</span>
          <input className="input mono" value={parent} placeholder="the app’s collections folder" onChange={(event) => setParent(event.target.value)} spellCheck={false} />
          <span className="col-hint">Leave empty to keep it in the app’s data folder; choose a folder in a git repository to share it.</span>
        </label>
        {error && <p className="inline-error" role="alert">{error}</p>}
      </div>
    </ModalDialog>
  )
}

/** An exported collection's type, told by the file name main chose (JSON, or YAML for OpenCollection). */
function collectionMimeType(fileName: string): string {
  return fileName.endsWith('.json') ? 'application/json' : 'application/yaml'
}

function ExportDialog({ view, onClose }: { view: CollectionView; onClose(): void }) {
  const [busy, setBusy] = useState<ExportFormat | undefined>()
  const [result, setResult] = useState<(ExportResult & { downloaded?: boolean }) | undefined>()
  const [error, setError] = useState<string | undefined>()
  const live = useRef(true)
  useEffect(() => () => void (live.current = false), [])
  // A collection of thousands of requests takes seconds to convert: a bar with Cancel after the first second.
  const operation = useOperation('export')

  const exportAs = async (format: ExportFormat) => {
    setBusy(format)
    setError(undefined)
    try {
      const inBrowser = !(await savesThroughMainDialog())
      const answer = await operation.track((operationId) => unwrap(api().exportCollection({ collectionId: view.id, format, destination: inBrowser ? 'text' : 'file', operationId })))
      if (inBrowser && answer.text !== undefined) offerDownload({ fileName: answer.fileName, mimeType: collectionMimeType(answer.fileName), text: answer.text })
      if (live.current) setResult({ ...answer, text: undefined, downloaded: inBrowser })
    } catch (failure) {
      const cancelled = (failure as { code?: string }).code === 'operation-cancelled'
      if (live.current) setError(cancelled ? undefined : (failure as Error).message)
    } finally {
      if (live.current) setBusy(undefined)
    }
  }

  return (
    <ModalDialog
      title={`Export ${view.name}`}
      intro="One file for others: secret variables go without their values, and no credential leaves the app."
      onClose={onClose}
      footer={<button type="button" className="btn" onClick={onClose}>{result ? 'Done' : 'Cancel'}</button>}
    >
      <div className="col-export-choices">
        <button type="button" className="col-export-choice" disabled={busy !== undefined} onClick={() => void exportAs('postman')}>
          <span className="col-export-name">{busy === 'postman' ? 'Exporting…' : 'Postman collection (v2.1)'}</span>
          <span className="muted">Postman and newman run it; Reactor requests take {'{{ACCESS_TOKEN}}'}, {'{{API_KEY}}'}, {'{{IMS_ORG}}'} and {'{{REACTOR_HOST}}'} from a Postman environment.</span>
        </button>
        <button type="button" className="col-export-choice" disabled={busy !== undefined} onClick={() => void exportAs('opencollection')}>
          <span className="col-export-name">{busy === 'opencollection' ? 'Exporting…' : 'OpenCollection file (YAML)'}</span>
          <span className="muted">The whole collection in one file (bundled), for Bruno and for another Reactor Explorer.</span>
        </button>
      </div>
      <OperationProgressBar operation={operation} />
      {error && <p className="inline-error" role="alert">{error}</p>}
      {result && (
        <div role="status" className="col-export-result">
          <p className="col-ok">
            {result.downloaded ? `Downloaded ${result.fileName}.` : result.saved ? `Saved ${result.path}.` : 'Not saved (the dialog was cancelled).'}
          </p>
          {result.notes.length > 0 && (
            <ul className="col-report">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </ModalDialog>
  )
}
