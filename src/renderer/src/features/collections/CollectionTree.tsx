import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { chordLabel } from '../../state/shortcuts'
import { ActionMenu, type MenuItem } from './ActionMenu'
import { Icon } from '../../app/Icon'
import { openRunView } from '../../state/workbench-commands'
import { countOf } from '../../ui/plural'
import { countItems, folderFor, parentFolderOf, positionOf, stepMove, visibleRows, type TreeNode, type TreeRow } from './tree-model'

/** What the tree asks its owner to do; each edit goes to main and the fresh tree comes back as `views`. */
export interface TreeActions {
  open(node: TreeNode): void
  /** Resolves to the item's key after the rename (its file name follows its name), or undefined when it failed. */
  rename(node: TreeNode, name: string): Promise<string | undefined>
  remove(node: TreeNode): void
  duplicate(node: TreeNode): void
  /** Resolves to the item's key after the move, or undefined when it failed. */
  move(node: TreeNode, toFolder: string, index: number): Promise<string | undefined>
  newFolder(parent: TreeNode): void
  newRequest(parent: TreeNode): void
  /** Something to tell the person (a refused move, say). */
  tell(text: string): void
  closeCollection?(node: TreeNode): void
  exportCollection?(node: TreeNode): void
}

interface Props {
  label: string
  views: readonly CollectionView[]
  query: string
  expanded: ReadonlySet<string>
  onExpandedChange(next: Set<string>): void
  selectedKey: string | undefined
  onSelect(node: TreeNode): void
  /** The row being renamed in place (F2), if any. */
  renamingKey: string | undefined
  onRenamingChange(key: string | undefined): void
  actions: TreeActions
  /** The side panel's denser rows. */
  compact?: boolean
}

/** How long keys typed in a row stay one type-ahead search (WAI-ARIA APG tree: "type-ahead"). */
const TYPE_AHEAD_MS = 600

type Drop = { key: string; where: 'before' | 'after' | 'into' }

function isPrintable(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' '
}

/**
 * The WAI-ARIA tree of the open collections: one tab stop (roving tabindex), Up/Down between rows, Right opens a
 * folder or enters it, Left closes it or goes to its parent, Home/End, type-ahead, Enter opens a request (a
 * double click too; a single click selects), F2 renames in place, Delete deletes (with Undo), Alt+Up/Down
 * moves, Ctrl/Cmd+X then Ctrl/Cmd+V moves into another folder, Ctrl/Cmd+D duplicates, and rows can be dragged
 * onto a folder or between rows. Everything is also on the row's context menu (Shift+F10 or the menu key).
 */
export function CollectionTree(props: Props) {
  const { views, query, expanded, selectedKey, actions } = props
  const rows = useMemo(() => visibleRows(views, expanded, query), [views, expanded, query])
  const rowElements = useRef(new Map<string, HTMLElement>())
  const [menu, setMenu] = useState<{ node: TreeNode; x: number; y: number } | undefined>()
  const [cut, setCut] = useState<TreeNode | undefined>()
  const [drop, setDrop] = useState<Drop | undefined>()
  const dragging = useRef<TreeNode | undefined>(undefined)
  const typed = useRef<{ text: string; at: number }>({ text: '', at: 0 })
  const wantFocus = useRef<string | undefined>(undefined)
  const activeKey = rows.some((row) => row.node.key === selectedKey) ? selectedKey : rows[0]?.node.key

  // After a keyboard move, a rename or a menu, focus follows the row (which may have a new key by then).
  useEffect(() => {
    const key = wantFocus.current
    if (!key) return
    const element = rowElements.current.get(key)
    if (element) {
      wantFocus.current = undefined
      element.focus()
    }
  })

  const focusRow = (node: TreeNode) => {
    wantFocus.current = node.key
    props.onSelect(node)
    rowElements.current.get(node.key)?.focus()
  }

  const setOpen = (key: string, open: boolean) => {
    const next = new Set(expanded)
    if (open) next.add(key)
    else next.delete(key)
    props.onExpandedChange(next)
  }

  const viewOf = (node: TreeNode) => views.find((view) => view.id === node.collectionId)

  const moveBy = (node: TreeNode, delta: -1 | 1) => {
    const view = viewOf(node)
    if (!view || node.kind === 'collection' || node.kind === 'unreadable') return
    const target = stepMove(view, node.path, delta)
    if (!target) {
      actions.tell(`“${node.name}” is already ${delta < 0 ? 'first' : 'last'} in its collection.`)
      return
    }
    wantFocus.current = node.key
    void actions.move(node, target.toFolder, target.index).then((key) => {
      if (key) wantFocus.current = key
    })
  }

  const paste = (target: TreeNode) => {
    if (!cut) return
    if (cut.collectionId !== target.collectionId) {
      actions.tell('Items move within their own collection. To copy a request into another collection, open it and use Save as.')
      return
    }
    const view = viewOf(target)
    if (!view) return
    const toFolder = folderFor(target)
    if (cut.kind === 'folder' && (toFolder === cut.path || toFolder.startsWith(`${cut.path}/`))) {
      actions.tell(`A folder cannot be moved into itself (“${cut.name}”).`)
      return
    }
    // Onto a folder: at its end; onto a request: right after it.
    const after = target.kind === 'request' ? positionOf(view, target.path) : undefined
    const index = after ? after.index + 1 : Number.MAX_SAFE_INTEGER
    actions.move(cut, toFolder, Math.min(index, 100_000))
    setCut(undefined)
  }

  const startRename = (node: TreeNode) => {
    if (node.kind === 'collection' || node.kind === 'unreadable') {
      actions.tell(node.kind === 'collection' ? 'A collection keeps its name in opencollection.yml; rename its folders and requests here.' : 'An unreadable file cannot be renamed here; fix it in an editor, and it is read again.')
      return
    }
    props.onRenamingChange(node.key)
  }

  const openMenu = (node: TreeNode, x: number, y: number) => {
    props.onSelect(node)
    setMenu({ node, x, y })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, row: TreeRow, index: number) => {
    if (props.renamingKey) return
    const { node } = row
    const mod = event.ctrlKey || event.metaKey
    let next: TreeNode | undefined
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault()
      moveBy(node, event.key === 'ArrowUp' ? -1 : 1)
      return
    }
    if (mod && event.key.toLowerCase() === 'x' && node.kind !== 'collection' && node.kind !== 'unreadable') {
      event.preventDefault()
      setCut(node)
      actions.tell(`“${node.name}” is cut: choose a folder and press ${chordLabel({ key: 'v', mod: true })} to move it there (Escape to cancel).`)
      return
    }
    if (mod && event.key.toLowerCase() === 'v' && cut) {
      event.preventDefault()
      paste(node)
      return
    }
    if (mod && event.key.toLowerCase() === 'd' && (node.kind === 'request' || node.kind === 'folder')) {
      event.preventDefault()
      actions.duplicate(node)
      return
    }
    if (mod || event.altKey) return
    switch (event.key) {
      case 'ArrowDown':
        next = rows[index + 1]?.node
        break
      case 'ArrowUp':
        next = rows[index - 1]?.node
        break
      case 'Home':
        next = rows[0]?.node
        break
      case 'End':
        next = rows[rows.length - 1]?.node
        break
      case 'ArrowRight':
        if (row.expandable && !row.expanded) {
          event.preventDefault()
          setOpen(node.key, true)
          return
        }
        if (row.expandable && rows[index + 1]?.parentKey === node.key) next = rows[index + 1]!.node
        break
      case 'ArrowLeft':
        if (row.expandable && row.expanded && !query) {
          event.preventDefault()
          setOpen(node.key, false)
          return
        }
        next = rows.find((candidate) => candidate.node.key === row.parentKey)?.node
        break
      case 'Enter':
        event.preventDefault()
        if (node.kind === 'request') actions.open(node)
        else if (row.expandable) setOpen(node.key, !row.expanded)
        return
      case 'F2':
        event.preventDefault()
        startRename(node)
        return
      case 'Delete':
      case 'Backspace':
        if (node.kind === 'request' || node.kind === 'folder') {
          event.preventDefault()
          // Focus goes to the row that takes its place.
          const after = rows.slice(index + 1).find((candidate) => !candidate.node.path.startsWith(`${node.path}/`))?.node ?? rows[index - 1]?.node
          if (after) {
            wantFocus.current = after.key
            props.onSelect(after)
          }
          actions.remove(node)
        }
        return
      case 'Escape':
        if (cut) {
          event.preventDefault()
          setCut(undefined)
          actions.tell('Nothing is cut any more.')
        }
        return
      case 'ContextMenu': {
        event.preventDefault()
        const rect = event.currentTarget.getBoundingClientRect()
        openMenu(node, rect.left + 24, rect.bottom)
        return
      }
      default:
        if (event.shiftKey && event.key === 'F10') {
          event.preventDefault()
          const rect = event.currentTarget.getBoundingClientRect()
          openMenu(node, rect.left + 24, rect.bottom)
          return
        }
        if (isPrintable(event)) {
          const now = Date.now()
          const text = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + event.key.toLowerCase() : event.key.toLowerCase()
          typed.current = { text, at: now }
          // From the row after this one (or this one while the prefix still fits it), wrapping around.
          const order = [...rows.slice(index + (text.length === 1 ? 1 : 0)), ...rows.slice(0, index + (text.length === 1 ? 1 : 0))]
          next = order.find((candidate) => candidate.node.name.toLowerCase().startsWith(text))?.node
          if (next) event.preventDefault()
        }
    }
    if (!next) return
    event.preventDefault()
    focusRow(next)
  }

  // ----- drag and drop: onto a folder or collection = into it (at the end); onto a request = before or after it
  const onDragStart = (event: DragEvent, node: TreeNode) => {
    dragging.current = node
    event.dataTransfer?.setData('text/plain', node.name)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move'
  }
  const dropFor = (event: DragEvent, node: TreeNode): Drop | undefined => {
    const from = dragging.current
    if (!from || from.key === node.key || node.kind === 'unreadable') return undefined
    if (from.collectionId !== node.collectionId) return undefined
    if (from.kind === 'folder' && (node.path === from.path || node.path.startsWith(`${from.path}/`))) return undefined
    if (node.kind === 'collection' || node.kind === 'folder') return { key: node.key, where: 'into' }
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect()
    return { key: node.key, where: event.clientY < rect.top + rect.height / 2 ? 'before' : 'after' }
  }
  const onDragOver = (event: DragEvent, node: TreeNode) => {
    const target = dropFor(event, node)
    if (!target) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    if (drop?.key !== target.key || drop.where !== target.where) setDrop(target)
  }
  const onDrop = (event: DragEvent, node: TreeNode) => {
    const from = dragging.current
    const target = dropFor(event, node)
    dragging.current = undefined
    setDrop(undefined)
    if (!from || !target) return
    event.preventDefault()
    const view = viewOf(node)
    if (!view) return
    if (target.where === 'into') {
      actions.move(from, folderFor(node), 100_000)
      return
    }
    const at = positionOf(view, node.path)
    if (!at) return
    const own = positionOf(view, from.path)
    // collections:move counts places without the moved item: a move down its own folder shifts by one.
    let index = target.where === 'before' ? at.index : at.index + 1
    if (own && own.folder === at.folder && own.index < at.index) index -= 1
    actions.move(from, parentFolderOf(node.path), Math.max(0, index))
  }

  const menuItems = (node: TreeNode): MenuItem[] => {
    const editable = node.kind === 'request' || node.kind === 'folder'
    const items: MenuItem[] = []
    if (node.kind === 'request') items.push({ id: 'open', label: 'Open in a tab', shortcut: 'Enter' })
    if (node.kind !== 'unreadable') {
      items.push({ id: 'new-request', label: 'New request here', separated: node.kind === 'request' }, { id: 'new-folder', label: 'New folder here' })
    }
    // The Runner: this collection or folder, set up to run (profile, iterations, data file…) in its own tab.
    if (node.kind === 'collection' || node.kind === 'folder') items.push({ id: 'run', label: node.kind === 'collection' ? 'Run collection…' : 'Run folder…' })
    if (editable) {
      items.push(
        { id: 'rename', label: 'Rename…', shortcut: 'F2', separated: true },
        { id: 'duplicate', label: 'Duplicate', shortcut: chordLabel({ key: 'd', mod: true }) },
        { id: 'up', label: 'Move up', shortcut: 'Alt+↑' },
        { id: 'down', label: 'Move down', shortcut: 'Alt+↓' },
        { id: 'cut', label: 'Cut (to move)', shortcut: chordLabel({ key: 'x', mod: true }) }
      )
    }
    if (cut && node.kind !== 'unreadable') items.push({ id: 'paste', label: `Move “${cut.name}” here`, shortcut: chordLabel({ key: 'v', mod: true }) })
    if (editable) items.push({ id: 'delete', label: 'Delete', shortcut: 'Delete', separated: true, danger: true })
    if (node.kind === 'collection') {
      if (actions.exportCollection) items.push({ id: 'export', label: 'Export…', separated: true })
      if (actions.closeCollection) items.push({ id: 'close', label: 'Close collection', separated: !actions.exportCollection })
    }
    return items
  }

  const runMenu = (id: string) => {
    const node = menu?.node
    setMenu(undefined)
    if (!node) return
    wantFocus.current = node.key
    if (id === 'open') actions.open(node)
    else if (id === 'new-request') actions.newRequest(node)
    else if (id === 'new-folder') actions.newFolder(node)
    else if (id === 'rename') startRename(node)
    else if (id === 'duplicate') actions.duplicate(node)
    else if (id === 'up') moveBy(node, -1)
    else if (id === 'down') moveBy(node, 1)
    else if (id === 'cut') {
      setCut(node)
      actions.tell(`“${node.name}” is cut: choose a folder and use “Move here” (or ${chordLabel({ key: 'v', mod: true })}).`)
    } else if (id === 'paste') paste(node)
    else if (id === 'delete') actions.remove(node)
    else if (id === 'export') actions.exportCollection?.(node)
    else if (id === 'run') {
      const root = node.kind === 'collection' ? node.view.root : views.find((view) => view.id === node.collectionId)?.root
      if (root) openRunView({ root, ...(node.kind === 'folder' ? { folderPath: node.path } : {}) })
    }
    else if (id === 'close') actions.closeCollection?.(node)
  }

  if (rows.length === 0) return null

  return (
    <>
      <div className={`col-tree${props.compact ? ' col-tree-compact' : ''}`} role="tree" aria-label={props.label} aria-multiselectable="false">
        {rows.map((row, index) => (
          <Row
            key={row.node.key}
            row={row}
            selected={row.node.key === selectedKey}
            tabbable={row.node.key === activeKey}
            renaming={props.renamingKey === row.node.key}
            cut={cut?.key === row.node.key}
            drop={drop?.key === row.node.key ? drop.where : undefined}
            register={(element) => {
              if (element) rowElements.current.set(row.node.key, element)
              else rowElements.current.delete(row.node.key)
            }}
            onClick={() => props.onSelect(row.node)}
            onToggle={() => setOpen(row.node.key, !row.expanded)}
            onDoubleClick={() => {
              if (row.node.kind === 'request') actions.open(row.node)
              else if (row.expandable) setOpen(row.node.key, !row.expanded)
            }}
            onKeyDown={(event) => onKeyDown(event, row, index)}
            onContextMenu={(event) => {
              event.preventDefault()
              openMenu(row.node, event.clientX, event.clientY)
            }}
            onRename={async (name) => {
              props.onRenamingChange(undefined)
              wantFocus.current = row.node.key
              if (!name.trim() || name.trim() === row.node.name) return
              const key = await actions.rename(row.node, name.trim())
              if (key) wantFocus.current = key
            }}
            onCancelRename={() => {
              wantFocus.current = row.node.key
              props.onRenamingChange(undefined)
            }}
            onDragStart={(event) => onDragStart(event, row.node)}
            onDragOver={(event) => onDragOver(event, row.node)}
            onDragLeave={() => setDrop(undefined)}
            onDrop={(event) => onDrop(event, row.node)}
            onDragEnd={() => {
              dragging.current = undefined
              setDrop(undefined)
            }}
          />
        ))}
      </div>
      {menu && (
        <ActionMenu
          label={`Actions for ${menu.node.name}`}
          items={menuItems(menu.node)}
          x={menu.x}
          y={menu.y}
          onAction={runMenu}
          onDismiss={() => {
            wantFocus.current = menu.node.key
            setMenu(undefined)
          }}
        />
      )}
    </>
  )
}

interface RowProps {
  row: TreeRow
  selected: boolean
  tabbable: boolean
  renaming: boolean
  cut: boolean
  drop: Drop['where'] | undefined
  register(element: HTMLElement | null): void
  onClick(): void
  onToggle(): void
  onDoubleClick(): void
  onKeyDown(event: KeyboardEvent<HTMLElement>): void
  onContextMenu(event: MouseEvent): void
  onRename(name: string): void
  onCancelRename(): void
  onDragStart(event: DragEvent): void
  onDragOver(event: DragEvent): void
  onDragLeave(): void
  onDrop(event: DragEvent): void
  onDragEnd(): void
}

function detailOf(node: TreeNode): string | undefined {
  if (node.kind === 'collection') {
    const { requests } = countItems(node.view.items)
    return countOf(requests, 'request')
  }
  if (node.kind === 'unreadable') return node.line ? `line ${node.line}${node.column ? `, column ${node.column}` : ''}` : 'unreadable'
  return undefined
}

function Row({ row, selected, tabbable, renaming, cut, drop, register, ...handlers }: RowProps) {
  const { node } = row
  const draggable = !renaming && (node.kind === 'request' || node.kind === 'folder')
  const detail = detailOf(node)
  const className = [
    'col-row',
    `col-row-${node.kind}`,
    selected ? 'col-row-selected' : '',
    cut ? 'col-row-cut' : '',
    drop ? `col-row-drop-${drop}` : ''
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div
      ref={register}
      role="treeitem"
      className={className}
      aria-level={node.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={selected}
      aria-label={renaming ? `Rename ${node.name}` : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-path={node.path}
      data-kind={node.kind}
      title={node.kind === 'unreadable' ? `${node.path}: ${node.message}` : node.kind === 'request' ? `${node.item.spec.method} ${node.item.spec.url}\n${node.path}` : node.kind === 'collection' ? node.view.root : node.path}
      style={{ paddingLeft: `${(node.level - 1) * 14 + 6}px` }}
      draggable={draggable}
      onClick={handlers.onClick}
      onDoubleClick={handlers.onDoubleClick}
      onKeyDown={handlers.onKeyDown}
      onContextMenu={handlers.onContextMenu}
      onDragStart={handlers.onDragStart}
      onDragOver={handlers.onDragOver}
      onDragLeave={handlers.onDragLeave}
      onDrop={handlers.onDrop}
      onDragEnd={handlers.onDragEnd}
    >
      <span
        className="col-caret"
        aria-hidden="true"
        onClick={(event) => {
          if (!row.expandable) return
          event.stopPropagation()
          handlers.onToggle()
        }}
      >
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      {node.kind === 'request' && <span className={`col-method col-method-${node.item.spec.method.toLowerCase()}`}>{node.item.spec.method === 'DELETE' ? 'DEL' : node.item.spec.method}</span>}
      {node.kind === 'folder' && <span className="col-glyph" aria-hidden="true"><Icon name="folder" size={14} /></span>}
      {node.kind === 'unreadable' && <span className="col-glyph col-glyph-warn" aria-hidden="true">!</span>}
      {renaming ? (
        <RenameField name={node.name} onCommit={handlers.onRename} onCancel={handlers.onCancelRename} />
      ) : (
        <span className={`col-name${node.kind === 'collection' ? ' col-name-collection' : ''}`}>{node.name}</span>
      )}
      {detail && !renaming && <span className={`col-row-detail${node.kind === 'unreadable' ? ' col-row-detail-warn' : ''}`}>{node.kind === 'unreadable' ? `unreadable · ${detail}` : detail}</span>}
    </div>
  )
}

function RenameField({ name, onCommit, onCancel }: { name: string; onCommit(name: string): void; onCancel(): void }) {
  const [value, setValue] = useState(name)
  const input = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  return (
    <input
      ref={input}
      className="col-rename"
      aria-label={`New name for ${name}`}
      value={value}
      maxLength={256}
      onChange={(event) => setValue(event.target.value)}
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Enter') {
          event.preventDefault()
          done.current = true
          onCommit(value)
        } else if (event.key === 'Escape') {
          event.preventDefault()
          done.current = true
          onCancel()
        }
      }}
      onBlur={() => {
        if (!done.current) {
          done.current = true
          onCommit(value)
        }
      }}
    />
  )
}
