// What the tree's actions do, for both places that show it (the Collections area and the Request area's side
// panel): each one is a collections:* call; its answer (the fresh tree) replaces what is shown, the selection
// follows the item to its new path, and a delete says so with Undo (collections:restore) for a while.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { newRequestSpec } from '@shared/requests/request-spec'
import { openRequestInTab } from '../../state/workbench-commands'
import { deleteItem, duplicateItem, moveItem, newFolder, renameItem, restoreItem, saveRequestDocument } from './collections-store'
import type { TreeActions } from './CollectionTree'
import { countOf } from '../../ui/plural'
import { folderFor, nodeKey, type TreeNode } from './tree-model'

/** How long "Deleted … Undo" stays (the app keeps the last 20 deleted items until it quits). */
export const UNDO_MS = 10_000

export interface TreeNotice {
  tone: 'info' | 'error'
  text: string
  undo?: () => void
}

interface Options {
  select(key: string): void
  expand(key: string): void
  startRename(key: string): void
  closeCollection?(node: TreeNode): void
  exportCollection?(node: TreeNode): void
}

/** Which rows are open: a collection shows its top level when it first appears; the rest is the person's. */
export function useExpansion(views: readonly CollectionView[]) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(views.map((view) => nodeKey(view.id, ''))))
  const seen = useRef(new Set(views.map((view) => view.id)))
  useEffect(() => {
    const fresh = views.filter((view) => !seen.current.has(view.id))
    if (fresh.length === 0) return
    for (const view of fresh) seen.current.add(view.id)
    setExpanded((current) => new Set([...current, ...fresh.map((view) => nodeKey(view.id, ''))]))
  }, [views])
  const expand = useCallback((key: string) => setExpanded((current) => (current.has(key) ? current : new Set(current).add(key))), [])
  return { expanded, setExpanded, expand }
}

export function openInTab(node: TreeNode, root: string): void {
  if (node.kind !== 'request') return
  openRequestInTab({ spec: node.item.spec, origin: { kind: 'collection', root, path: node.path, ...(node.item.etag ? { etag: node.item.etag } : {}) } })
}

export function useTreeActions(roots: ReadonlyMap<string, string>, options: Options): { actions: TreeActions; notice: TreeNotice | undefined; dismiss(): void } {
  const [notice, setNotice] = useState<TreeNotice | undefined>()
  const optionsRef = useRef(options)
  optionsRef.current = options
  const rootsRef = useRef(roots)
  rootsRef.current = roots

  useEffect(() => {
    if (!notice?.undo) return
    const timer = setTimeout(() => setNotice((current) => (current === notice ? undefined : current)), UNDO_MS)
    return () => clearTimeout(timer)
  }, [notice])

  const fail = useCallback((what: string, error: unknown) => setNotice({ tone: 'error', text: `${what}: ${(error as Error).message}` }), [])

  const actions: TreeActions = {
    open(node) {
      const root = rootsRef.current.get(node.collectionId)
      if (root) openInTab(node, root)
    },
    async rename(node, name) {
      try {
        const path = await renameItem(node.collectionId, node.path, name)
        optionsRef.current.select(nodeKey(node.collectionId, path))
        setNotice(undefined)
        return nodeKey(node.collectionId, path)
      } catch (error) {
        fail(`“${node.name}” was not renamed`, error)
        return undefined
      }
    },
    remove(node) {
      void (async () => {
        try {
          const deleted = await deleteItem(node.collectionId, node.path)
          const what = deleted.kind === 'folder' ? `the folder “${node.name}” (${countOf(deleted.files, 'file')})` : `“${node.name}”`
          setNotice({
            tone: 'info',
            text: `Deleted ${what}.`,
            undo: () => {
              setNotice(undefined)
              void restoreItem(node.collectionId, deleted.undoId).then(
                (path) => {
                  optionsRef.current.select(nodeKey(node.collectionId, path))
                  setNotice({ tone: 'info', text: `Restored ${what}.` })
                },
                (error: unknown) => fail(`${what} was not restored`, error)
              )
            }
          })
        } catch (error) {
          fail(`“${node.name}” was not deleted`, error)
        }
      })()
    },
    duplicate(node) {
      void duplicateItem(node.collectionId, node.path).then(
        (path) => {
          optionsRef.current.select(nodeKey(node.collectionId, path))
          setNotice({ tone: 'info', text: `Duplicated “${node.name}”.` })
        },
        (error: unknown) => fail(`“${node.name}” was not duplicated`, error)
      )
    },
    async move(node, toFolder, index) {
      try {
        const path = await moveItem(node.collectionId, node.path, toFolder, index)
        if (toFolder) optionsRef.current.expand(nodeKey(node.collectionId, toFolder))
        optionsRef.current.select(nodeKey(node.collectionId, path))
        setNotice(undefined)
        return nodeKey(node.collectionId, path)
      } catch (error) {
        fail(`“${node.name}” was not moved`, error)
        return undefined
      }
    },
    newFolder(parent) {
      const folder = folderFor(parent)
      void newFolder(parent.collectionId, folder, 'New folder').then(
        (path) => {
          optionsRef.current.expand(nodeKey(parent.collectionId, folder))
          optionsRef.current.select(nodeKey(parent.collectionId, path))
          optionsRef.current.startRename(nodeKey(parent.collectionId, path))
        },
        (error: unknown) => fail('The folder was not created', error)
      )
    },
    newRequest(parent) {
      const folder = folderFor(parent)
      void saveRequestDocument({ collectionId: parent.collectionId, folder, spec: newRequestSpec({ name: 'New request' }) }).then(
        (result) => {
          if (result.status !== 'saved') {
            setNotice({ tone: 'error', text: `The request was not created: ${result.message}` })
            return
          }
          optionsRef.current.expand(nodeKey(parent.collectionId, folder))
          optionsRef.current.select(nodeKey(parent.collectionId, result.path))
          optionsRef.current.startRename(nodeKey(parent.collectionId, result.path))
        },
        (error: unknown) => fail('The request was not created', error)
      )
    },
    tell(text) {
      setNotice({ tone: 'info', text })
    },
    ...(options.closeCollection ? { closeCollection: (node: TreeNode) => optionsRef.current.closeCollection?.(node) } : {}),
    ...(options.exportCollection ? { exportCollection: (node: TreeNode) => optionsRef.current.exportCollection?.(node) } : {})
  }

  return { actions, notice, dismiss: useCallback(() => setNotice(undefined), []) }
}
