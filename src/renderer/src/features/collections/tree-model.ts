// The collections tree as rows: every open collection is a top-level node, its folders and requests below it
// in the order main keeps (`seq`), unreadable files listed where they are. Pure functions, so the tree
// component, the side panel and tests share them: which rows show (expanded folders, a search), where a row
// sits among its siblings (for Alt+Up/Down and drops), and the variable scopes a request resolves with.
import { scopesFor, type CollectionItem, type FolderItem, type RequestItem } from '@shared/collections/collection-model'
import type { CollectionView } from '@shared/ipc/collections.contract'

export type TreeNode =
  | { kind: 'collection'; key: string; collectionId: string; path: ''; name: string; level: 1; view: CollectionView }
  | { kind: 'folder'; key: string; collectionId: string; path: string; name: string; level: number; item: FolderItem }
  | { kind: 'request'; key: string; collectionId: string; path: string; name: string; level: number; item: RequestItem }
  | { kind: 'unreadable'; key: string; collectionId: string; path: string; name: string; level: number; message: string; line?: number; column?: number }

/** A visible row: the node, its place among its siblings (aria-posinset / aria-setsize) and whether it has children. */
export interface TreeRow {
  node: TreeNode
  posInSet: number
  setSize: number
  expandable: boolean
  expanded: boolean
  /** The row's parent key (undefined for a collection). */
  parentKey?: string
}

export function nodeKey(collectionId: string, path: string): string {
  return `${collectionId}:${path}`
}

export function fileName(path: string): string {
  return path.split('/').pop() ?? path
}

function childNode(collectionId: string, item: CollectionItem, level: number): TreeNode {
  const key = nodeKey(collectionId, item.path)
  if (item.kind === 'folder') return { kind: 'folder', key, collectionId, path: item.path, name: item.name, level, item }
  if (item.kind === 'request') return { kind: 'request', key, collectionId, path: item.path, name: item.spec.name, level, item }
  return { kind: 'unreadable', key, collectionId, path: item.path, name: fileName(item.path), level, message: item.message, line: item.line, column: item.column }
}

export function collectionNode(view: CollectionView): TreeNode {
  return { kind: 'collection', key: nodeKey(view.id, ''), collectionId: view.id, path: '', name: view.name, level: 1, view }
}

function itemsOf(node: TreeNode): readonly CollectionItem[] {
  if (node.kind === 'collection') return node.view.items
  if (node.kind === 'folder') return node.item.items
  return []
}

/** What a search matches: the name, the method, the URL and the file name (case-insensitive, every word). */
function matches(node: TreeNode, words: readonly string[]): boolean {
  const haystack = [node.name, node.path, node.kind === 'request' ? `${node.item.spec.method} ${node.item.spec.url}` : ''].join(' ').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

function searchWords(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean)
}

/**
 * The rows a person sees: collections, and the children of expanded nodes. With a search, the rows that match
 * and the folders leading to them (shown open whatever their state), so a match deep in a folder is found.
 */
export function visibleRows(views: readonly CollectionView[], expanded: ReadonlySet<string>, query = ''): TreeRow[] {
  const words = searchWords(query)
  const rows: TreeRow[] = []
  // With a search: does this node, or anything under it, match?
  const keep = new Map<string, boolean>()
  const anyMatch = (node: TreeNode): boolean => {
    const known = keep.get(node.key)
    if (known !== undefined) return known
    const result = matches(node, words) || itemsOf(node).some((item) => anyMatch(childNode(node.collectionId, item, node.level + 1)))
    keep.set(node.key, result)
    return result
  }
  const walk = (nodes: TreeNode[], parentKey: string | undefined) => {
    const shown = words.length === 0 ? nodes : nodes.filter(anyMatch)
    shown.forEach((node, index) => {
      const children = itemsOf(node)
      const expandable = node.kind === 'collection' || node.kind === 'folder'
      const open = expandable && (words.length > 0 ? children.some((item) => anyMatch(childNode(node.collectionId, item, node.level + 1))) : expanded.has(node.key))
      rows.push({ node, posInSet: index + 1, setSize: shown.length, expandable, expanded: open, ...(parentKey ? { parentKey } : {}) })
      if (open) walk(children.map((item) => childNode(node.collectionId, item, node.level + 1)), node.key)
    })
  }
  walk(views.map(collectionNode), undefined)
  return rows
}

/** Every folder key of a collection (to expand all), the collection itself included. */
export function allFolderKeys(view: CollectionView): string[] {
  const keys = [nodeKey(view.id, '')]
  const walk = (items: readonly CollectionItem[]) => {
    for (const item of items) {
      if (item.kind !== 'folder') continue
      keys.push(nodeKey(view.id, item.path))
      walk(item.items)
    }
  }
  walk(view.items)
  return keys
}

/** The item at `path` with the folders that lead to it (outermost first). */
export function findItem(items: readonly CollectionItem[], path: string): { item: CollectionItem; folders: FolderItem[]; siblings: readonly CollectionItem[] } | undefined {
  const walk = (list: readonly CollectionItem[], chain: FolderItem[]): ReturnType<typeof findItem> => {
    for (const item of list) {
      if (item.path === path) return { item, folders: chain, siblings: list }
      if (item.kind === 'folder' && path.startsWith(`${item.path}/`)) {
        const found = walk(item.items, [...chain, item])
        if (found) return found
      }
    }
    return undefined
  }
  return walk(items, [])
}

export function parentFolderOf(path: string): string {
  const at = path.lastIndexOf('/')
  return at < 0 ? '' : path.slice(0, at)
}

/** The folder a new item goes into when `node` is selected: the folder itself, or the folder holding it. */
export function folderFor(node: TreeNode): string {
  if (node.kind === 'collection') return ''
  if (node.kind === 'folder') return node.path
  return parentFolderOf(node.path)
}

/** Where an item sits among the readable items of its folder (what collections:move counts in). */
export function positionOf(view: CollectionView, path: string): { folder: string; index: number; count: number } | undefined {
  const folder = parentFolderOf(path)
  const siblings = folder === '' ? view.items : findItem(view.items, folder)?.item
  const list = Array.isArray(siblings) ? siblings : siblings && siblings.kind === 'folder' ? siblings.items : undefined
  if (!list) return undefined
  const readable = list.filter((item) => item.kind !== 'unreadable')
  const index = readable.findIndex((item) => item.path === path)
  return index < 0 ? undefined : { folder, index, count: readable.length }
}

/**
 * Alt+Up / Alt+Down: one place up or down in its folder; past the first or last place, out of the folder to
 * just before or after it. Undefined when it cannot move further (first or last at the collection's root).
 */
export function stepMove(view: CollectionView, path: string, delta: -1 | 1): { toFolder: string; index: number } | undefined {
  const at = positionOf(view, path)
  if (!at) return undefined
  const target = at.index + delta
  if (target >= 0 && target < at.count) return { toFolder: at.folder, index: target }
  if (at.folder === '') return undefined
  const parent = positionOf(view, at.folder)
  if (!parent) return undefined
  return { toFolder: parent.folder, index: delta < 0 ? parent.index : parent.index + 1 }
}

/** The variable scopes of a request in a collection (folder < collection < environment), as the preview uses them. */
export function scopesOf(view: CollectionView, path: string, environment: string | undefined) {
  const found = findItem(view.items, path)
  const env = environment ? view.environments.find((candidate) => candidate.name === environment) : undefined
  return scopesFor(view, found?.folders ?? [], env)
}

/** The environment bound to a profile (switching profile switches environment). */
export function environmentFor(view: CollectionView, profileId: string | undefined): string | undefined {
  return profileId ? view.environments.find((environment) => environment.profileId === profileId)?.name : undefined
}

/** Every unreadable file of a collection, wherever it is (the tree's and the collection's own files). */
export function unreadableFiles(view: CollectionView): Array<{ path: string; message: string; line?: number; column?: number }> {
  const out: Array<{ path: string; message: string; line?: number; column?: number }> = [...(view.problems ?? [])]
  const walk = (items: readonly CollectionItem[]) => {
    for (const item of items) {
      if (item.kind === 'unreadable') out.push(item)
      else if (item.kind === 'folder') walk(item.items)
    }
  }
  walk(view.items)
  return out
}

/** Requests and folders of a collection (any depth). */
export function countItems(items: readonly CollectionItem[]): { requests: number; folders: number } {
  let requests = 0
  let folders = 0
  for (const item of items) {
    if (item.kind === 'request') requests += 1
    else if (item.kind === 'folder') {
      folders += 1
      const inner = countItems(item.items)
      requests += inner.requests
      folders += inner.folders
    }
  }
  return { requests, folders }
}

/** Every folder of a collection as a choice for "save into": '' (the root) first, then depth-first. */
export function folderChoices(view: CollectionView): Array<{ path: string; label: string; depth: number }> {
  const out = [{ path: '', label: view.name, depth: 0 }]
  const walk = (items: readonly CollectionItem[], depth: number) => {
    for (const item of items) {
      if (item.kind !== 'folder') continue
      out.push({ path: item.path, label: item.name, depth })
      walk(item.items, depth + 1)
    }
  }
  walk(view.items, 1)
  return out
}
