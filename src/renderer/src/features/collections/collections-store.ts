// The open collections as the renderer knows them: one store for the window, shared by the Collections area,
// the Request area's side panel and the request tabs (their variables, saves and conflicts). It holds main's
// answers and nothing else: every edit goes to main (collections:*), and its answer — the fresh tree — replaces
// what is shown. Changes made on disk (a git pull, an edit in Bruno) arrive as `collections:changed` and
// replace the tree the same way, without a reload. Module-level on purpose, like workbench-commands: one window.
import { useEffect, useSyncExternalStore } from 'react'
import type { CollectionChanged, CollectionSummary, CollectionView, DeletedItem, SaveEnvironmentInput, SaveRequestInput, SaveResult, SetDefaultsInput } from '@shared/ipc/collections.contract'
import { ApiError, api, unwrap } from '../../api/client'

export interface CollectionEntry {
  id: string
  root: string
  name: string
  /** Why it could not be read (moved or deleted folder …); it stays listed until closed. */
  problem?: string
  view?: CollectionView
}

export interface CollectionsState {
  status: 'idle' | 'loading' | 'ready' | 'failed'
  error?: string
  entries: CollectionEntry[]
}

/** An item this window moved or renamed: tabs opened from the old path follow it. */
export interface ItemMoved {
  collectionId: string
  root: string
  from: string
  to: string
}

type Listener = () => void

let state: CollectionsState = { status: 'idle', entries: [] }
const listeners = new Set<Listener>()
const diskListeners = new Set<(change: CollectionChanged) => void>()
const moveListeners = new Set<(moved: ItemMoved) => void>()
/** Where each collection's latest tree came from: this window's own edit, a change on disk, or a (re)load. */
export type ViewSource = 'edit' | 'disk' | 'load'
const sources = new Map<string, ViewSource>()
let loading: Promise<void> | undefined
let unsubscribeEvents: (() => void) | undefined

function set(next: CollectionsState): void {
  state = next
  for (const listener of listeners) listener()
}

function entryOf(summary: CollectionSummary, view?: CollectionView): CollectionEntry {
  return { id: summary.id, root: summary.root, name: view?.name ?? summary.name, ...(summary.problem ? { problem: summary.problem } : {}), ...(view ? { view } : {}) }
}

/** Puts main's fresh tree of a collection in place (added at the end when it is new). */
export function applyCollectionView(view: CollectionView, source: ViewSource = 'edit'): void {
  sources.set(view.id, source)
  const entry: CollectionEntry = { id: view.id, root: view.root, name: view.name, view }
  const at = state.entries.findIndex((candidate) => candidate.id === view.id)
  const entries = at < 0 ? [...state.entries, entry] : state.entries.map((candidate, index) => (index === at ? entry : candidate))
  set({ ...state, status: state.status === 'idle' ? 'ready' : state.status, entries })
}

function listenForDiskChanges(): void {
  if (unsubscribeEvents || !window.api?.onCollectionsChanged) return
  unsubscribeEvents = api().onCollectionsChanged((change) => {
    // A change to a collection this window does not show (closed meanwhile) is not brought back.
    if (!state.entries.some((entry) => entry.id === change.collectionId)) return
    applyCollectionView(change.collection, 'disk')
    for (const listener of diskListeners) listener(change)
  })
}

/** Reads the open collections (what was open last time comes back) and each one's tree. */
export function reloadCollections(): Promise<void> {
  if (!window.api?.listCollections) return Promise.resolve()
  listenForDiskChanges()
  set({ ...state, status: state.entries.length ? state.status : 'loading' })
  loading = (async () => {
    try {
      const summaries = await unwrap(api().listCollections())
      const entries = await Promise.all(
        summaries.map(async (summary) => {
          if (summary.problem) return entryOf(summary)
          try {
            return entryOf(summary, await unwrap(api().getCollectionTree({ collectionId: summary.id })))
          } catch (error) {
            return { ...entryOf(summary), problem: (error as Error).message }
          }
        })
      )
      for (const entry of entries) sources.set(entry.id, 'load')
      set({ status: 'ready', entries })
    } catch (error) {
      // A fake api in a test that does not care about collections is not a failure to tell.
      if (error instanceof ApiError && error.code === 'not-faked') set({ status: 'ready', entries: [] })
      else set({ ...state, status: 'failed', error: (error as Error).message })
    }
  })()
  return loading
}

export function ensureCollectionsLoaded(): Promise<void> {
  if (state.status === 'idle' && !loading) return reloadCollections()
  return loading ?? Promise.resolve()
}

export function getCollectionsState(): CollectionsState {
  return state
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The open collections, loaded on first use and kept current. */
export function useCollections(): CollectionsState {
  const snapshot = useSyncExternalStore(subscribe, getCollectionsState, getCollectionsState)
  useEffect(() => {
    void ensureCollectionsLoaded()
  }, [])
  return snapshot
}

/** Changes made on disk by someone else, after the tree was replaced. */
export function onCollectionChangedOnDisk(listener: (change: CollectionChanged) => void): () => void {
  diskListeners.add(listener)
  return () => diskListeners.delete(listener)
}

export function onCollectionItemMoved(listener: (moved: ItemMoved) => void): () => void {
  moveListeners.add(listener)
  return () => moveListeners.delete(listener)
}

function announceMove(collectionId: string, from: string, to: string): void {
  if (from === to) return
  const root = state.entries.find((entry) => entry.id === collectionId)?.root
  if (!root) return
  for (const listener of moveListeners) listener({ collectionId, root, from, to })
}

/** Where the collection's current tree came from (a change on disk is the person's to reconcile; our own edit is not). */
export function viewSource(collectionId: string): ViewSource {
  return sources.get(collectionId) ?? 'load'
}

export function entryForRoot(root: string): CollectionEntry | undefined {
  return state.entries.find((entry) => entry.root === root)
}

export function entryById(id: string): CollectionEntry | undefined {
  return state.entries.find((entry) => entry.id === id)
}

// ----- whole collections

export async function openCollectionFolder(root: string): Promise<CollectionView> {
  const view = await unwrap(api().openCollection({ root }))
  applyCollectionView(view, 'load')
  return view
}

export async function createCollection(name: string, parentDir?: string): Promise<CollectionView> {
  const view = await unwrap(api().createCollection({ name, ...(parentDir ? { parentDir } : {}) }))
  applyCollectionView(view)
  return view
}

export async function createStarterCollection(): Promise<CollectionView> {
  const view = await unwrap(api().createStarterCollection())
  applyCollectionView(view)
  return view
}

export async function closeCollection(collectionId: string): Promise<void> {
  await unwrap(api().closeCollection({ collectionId }))
  set({ ...state, entries: state.entries.filter((entry) => entry.id !== collectionId) })
}

// ----- items (each answer carries the fresh tree)

export async function renameItem(collectionId: string, path: string, name: string): Promise<string> {
  const result = await unwrap(api().renameCollectionItem({ collectionId, path, name }))
  applyCollectionView(result.collection)
  announceMove(collectionId, path, result.path)
  return result.path
}

export async function moveItem(collectionId: string, path: string, toFolder: string, index: number): Promise<string> {
  const result = await unwrap(api().moveCollectionItem({ collectionId, path, toFolder, index }))
  applyCollectionView(result.collection)
  announceMove(collectionId, path, result.path)
  return result.path
}

export async function duplicateItem(collectionId: string, path: string): Promise<string> {
  const result = await unwrap(api().duplicateCollectionItem({ collectionId, path }))
  applyCollectionView(result.collection)
  return result.path
}

export async function deleteItem(collectionId: string, path: string): Promise<DeletedItem> {
  const result = await unwrap(api().deleteCollectionItem({ collectionId, path }))
  applyCollectionView(result.collection)
  return result
}

export async function restoreItem(collectionId: string, undoId: string): Promise<string> {
  const result = await unwrap(api().restoreCollectionItem({ collectionId, undoId }))
  applyCollectionView(result.collection)
  return result.path
}

export async function newFolder(collectionId: string, parent: string, name: string): Promise<string> {
  const result = await unwrap(api().newCollectionFolder({ collectionId, parent, name }))
  applyCollectionView(result.collection)
  return result.path
}

// ----- documents: a save answers saved (with the fresh tree), secrets-found or conflict (nothing written)

export async function saveRequestDocument(input: SaveRequestInput): Promise<SaveResult> {
  const result = await unwrap(api().saveCollectionRequest(input))
  if (result.status === 'saved') applyCollectionView(result.collection)
  return result
}

export async function saveDefaults(input: SetDefaultsInput): Promise<SaveResult> {
  const result = await unwrap(api().setCollectionDefaults(input))
  if (result.status === 'saved') applyCollectionView(result.collection)
  return result
}

export async function saveEnvironment(input: SaveEnvironmentInput): Promise<SaveResult> {
  const result = await unwrap(api().saveCollectionEnvironment(input))
  if (result.status === 'saved') applyCollectionView(result.collection)
  return result
}

export async function deleteEnvironment(collectionId: string, name: string): Promise<void> {
  const result = await unwrap(api().deleteCollectionEnvironment({ collectionId, name }))
  applyCollectionView(result.collection)
}

/** For tests: forget everything (each test starts with a fresh window). */
export function resetCollectionsStore(): void {
  unsubscribeEvents?.()
  unsubscribeEvents = undefined
  loading = undefined
  state = { status: 'idle', entries: [] }
  sources.clear()
  diskListeners.clear()
  moveListeners.clear()
  for (const listener of listeners) listener()
}
