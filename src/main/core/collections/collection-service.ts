// The collections a person has open, side by side: which ones (remembered in `open-collections.json` in the
// data folder), what each holds (read from disk, refreshed when files change), and every edit through
// collection-files.ts. Edits and rescans of one collection run one at a time, so a rescan never sees half an
// edit and this app's own writes are never reported back as changes made elsewhere.
//
// Changes on disk (a `git pull`, an edit in Bruno) are seen by a chokidar watcher per collection and reported
// as `collections:changed` with what changed; the answer of every edit carries the fresh tree.
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { z } from 'zod'
import { effectiveSpec, scopesFor, type Collection, type CollectionItem, type FolderItem, type StoredEnvironment } from '../../../shared/collections/collection-model'
import { AppError } from '../../../shared/errors'
import {
  type CollectionChanged,
  type CollectionSummary,
  type CollectionView,
  type DeletedItem,
  type EnvironmentsAnswer,
  type ItemChange,
  SaveEnvironmentInput,
  SaveRequestInput,
  type SaveResult,
  SetDefaultsInput
} from '../../../shared/ipc/collections.contract'

type Parsed<Schema extends z.ZodType> = z.output<Schema>
import type { RequestSpec, RequestVariable } from '../../../shared/requests/request-spec'
import type { VariableScopes } from '../../../shared/requests/variables'
import type { SecretRegistry } from '../security/secret-registry'
import { VersionedJsonFile, type StoreNotice } from '../storage/versioned-json-file'
import { ParseCache, readCollection, type CollectionSnapshot } from './collection-reader'
import type { CollectionSecrets, SecretsNeeded } from './collection-secrets'
import { atomicWrite, CollectionFiles, createCollectionFolder, findItem, type WriteOutcome, type WriteText } from './collection-files'
import { COLLECTION_FILE, slugFor, uniqueName } from './file-names'

export const OPEN_COLLECTIONS_VERSION = 1
const OpenCollectionsFile = z.object({
  schemaVersion: z.literal(OPEN_COLLECTIONS_VERSION),
  collections: z.array(z.object({ root: z.string().min(1).max(4096) })).max(100)
})
type OpenCollectionsFile = z.output<typeof OpenCollectionsFile>

/**
 * How long a burst of disk events settles before the collection is read again (a git checkout is a burst;
 * write-file-atomic's temporary file and rename are two events). With the parse cache, a 1000-request
 * collection still shows an edit made elsewhere within 190–320 ms (collection-reader.ts).
 */
const SETTLE_MS = 120
/** Deleted items kept for undo (their bytes, in memory until the app quits). */
const UNDO_ENTRIES = 20
const UNDO_BYTES = 20 * 1024 * 1024

export function collectionIdFor(root: string): string {
  return createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16)
}

interface OpenEntry {
  id: string
  root: string
  cache: ParseCache
  snapshot?: CollectionSnapshot
  problem?: string
  queue: Promise<unknown>
  watcher?: FSWatcher
  ready?: Promise<void>
  settle?: ReturnType<typeof setTimeout>
}

interface UndoEntry {
  undoId: string
  collectionId: string
  path: string
  files: Array<{ path: string; bytes: Buffer }>
}

export interface CollectionServiceOptions {
  dataDir: string
  secrets: CollectionSecrets
  registry: SecretRegistry
  onChanged?: (payload: CollectionChanged) => void
  onNotice?: (notice: StoreNotice) => void
  /** Watch open collections for changes on disk (the app: yes; the CLI: no). */
  watch?: boolean
  /** The atomic file writer (tests inject a failing one). */
  write?: WriteText
  settleMs?: number
}

/** The model without what is kept only for writing back, and never a secret variable's value. */
export function viewOf(id: string, snapshot: CollectionSnapshot): CollectionView {
  const variables = (list: readonly RequestVariable[]) => list.map((variable) => (variable.secret ? { ...variable, value: undefined } : variable))
  const defaults = (value: Collection['defaults']) => ({ ...value, variables: variables(value.variables) })
  const items = (list: readonly CollectionItem[]): CollectionItem[] =>
    list.map((item) => {
      if (item.kind === 'request') {
        const { extra: _extra, ...rest } = item
        return { ...rest, spec: { ...item.spec, variables: variables(item.spec.variables) } }
      }
      if (item.kind === 'folder') {
        const { extra: _extra, ...rest } = item
        return { ...rest, defaults: defaults(item.defaults), items: items(item.items) }
      }
      return item
    })
  const { extra: _extra, ...collection } = snapshot.collection
  return {
    ...collection,
    id,
    defaults: defaults(collection.defaults),
    items: items(collection.items),
    environments: collection.environments.map(({ extra: _kept, ...environment }) => ({ ...environment, variables: variables(environment.variables) })),
    ...(snapshot.readOnlyReason ? { readOnlyReason: snapshot.readOnlyReason } : {})
  }
}

function count(items: readonly CollectionItem[]): { requests: number; folders: number; unreadable: number } {
  const total = { requests: 0, folders: 0, unreadable: 0 }
  for (const item of items) {
    if (item.kind === 'request') total.requests++
    else if (item.kind === 'unreadable') total.unreadable++
    else {
      total.folders++
      const inner = count(item.items)
      total.requests += inner.requests
      total.folders += inner.folders
      total.unreadable += inner.unreadable
    }
  }
  return total
}

function diff(before: CollectionSnapshot | undefined, after: CollectionSnapshot): ItemChange[] {
  const changes: ItemChange[] = []
  const old = before?.files ?? new Map()
  for (const [path, record] of after.files) {
    const previous = old.get(path)
    if (!previous) changes.push({ path, change: 'added', etag: record.etag })
    else if (previous.etag !== record.etag) changes.push({ path, change: 'changed', etag: record.etag })
  }
  for (const path of old.keys()) if (!after.files.has(path)) changes.push({ path, change: 'removed' })
  return changes.sort((a, b) => a.path.localeCompare(b.path))
}

export class CollectionService {
  private readonly entries = new Map<string, OpenEntry>()
  private readonly undo: UndoEntry[] = []
  private readonly file: VersionedJsonFile<OpenCollectionsFile>
  private loaded: Promise<void> | undefined
  private undoCounter = 0
  private disposed = false

  constructor(private readonly options: CollectionServiceOptions) {
    this.file = new VersionedJsonFile<OpenCollectionsFile>({
      dataDir: options.dataDir,
      name: 'open-collections',
      schema: OpenCollectionsFile,
      schemaVersion: OPEN_COLLECTIONS_VERSION,
      fallback: () => ({ schemaVersion: OPEN_COLLECTIONS_VERSION, collections: [] }),
      messages: {
        unreadable: (reason, aside) => `The list of open collections could not be read because ${reason}. It was kept as ${aside}; open your collections again (their folders are untouched).`
      },
      onNotice: options.onNotice
    })
  }

  private get write(): WriteText {
    return this.options.write ?? atomicWrite
  }

  /** The default place for new collections: `collections/` in the data folder. */
  get defaultParent(): string {
    return join(this.options.dataDir, 'collections')
  }

  /** Opens what was open last time (once). */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      for (const { root } of this.file.read().collections) await this.attach(root, false).catch(() => undefined)
    })()
    return this.loaded
  }

  private remember(): void {
    this.file.write({ schemaVersion: OPEN_COLLECTIONS_VERSION, collections: [...this.entries.values()].map((entry) => ({ root: entry.root })) })
  }

  /** Runs `task` after every earlier task of this collection (edits and rescans never interleave). */
  private exclusive<T>(entry: OpenEntry, task: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(task, task)
    entry.queue = run.catch(() => undefined)
    return run
  }

  private async attach(rootInput: string, strict: boolean): Promise<OpenEntry> {
    const root = resolve(rootInput)
    const id = collectionIdFor(root)
    let entry = this.entries.get(id)
    if (entry?.snapshot) return entry
    entry ??= { id, root, cache: new ParseCache(), queue: Promise.resolve() }
    try {
      entry.snapshot = await readCollection(root, entry.cache)
      entry.problem = undefined
    } catch (error) {
      if (strict) throw error
      entry.problem = error instanceof AppError ? error.message : `The collection at ${root} cannot be read.`
    }
    this.entries.set(id, entry)
    if (entry.snapshot && this.options.watch !== false) this.startWatching(entry)
    return entry
  }

  private startWatching(entry: OpenEntry): void {
    if (entry.watcher || this.disposed) return
    const watcher = watch(entry.root, {
      ignoreInitial: true,
      // Hidden folders (.git), node_modules, and files that are not YAML (write-file-atomic's temporary
      // `name.yml.123456` files included) never reach the rescan.
      ignored: (path, stats) => {
        const inside = path.slice(entry.root.length)
        if (/[\\/](\.[^\\/]*|node_modules)([\\/]|$)/.test(inside)) return true
        return Boolean(stats?.isFile()) && !/\.ya?ml$/i.test(path)
      },
      depth: 32
    })
    entry.watcher = watcher
    entry.ready = new Promise((done) => watcher.once('ready', () => done()))
    watcher.on('all', () => this.scheduleRescan(entry))
    watcher.on('error', () => undefined)
  }

  private scheduleRescan(entry: OpenEntry): void {
    if (entry.settle) clearTimeout(entry.settle)
    entry.settle = setTimeout(() => {
      entry.settle = undefined
      void this.exclusive(entry, () => this.rescan(entry, true)).catch(() => undefined)
    }, this.options.settleMs ?? SETTLE_MS)
  }

  /** Reads the folder again; reports what changed when asked (changes made on disk by someone else). */
  private async rescan(entry: OpenEntry, report: boolean): Promise<ItemChange[]> {
    if (!this.entries.has(entry.id)) return []
    const before = entry.snapshot
    let after: CollectionSnapshot
    try {
      after = await readCollection(entry.root, entry.cache)
    } catch (error) {
      entry.problem = error instanceof AppError ? error.message : 'The collection folder cannot be read.'
      return []
    }
    entry.snapshot = after
    entry.problem = undefined
    const changes = diff(before, after)
    if (report && changes.length > 0) this.options.onChanged?.({ collectionId: entry.id, changes, collection: viewOf(entry.id, after) })
    return changes
  }

  /** Resolves when the collection's watcher is listening (tests write files only after this). */
  async watching(collectionId: string): Promise<void> {
    await this.entry(collectionId).ready
  }

  private entry(collectionId: string): OpenEntry {
    const entry = this.entries.get(collectionId)
    if (!entry) throw new AppError('collections-not-open', 'This collection is not open (it was closed, or the id is wrong). Open it again from its folder.')
    return entry
  }

  private snapshotOf(entry: OpenEntry): CollectionSnapshot {
    if (!entry.snapshot) throw new AppError('collections-unavailable', entry.problem ?? 'This collection cannot be read right now.')
    return entry.snapshot
  }

  private writable(entry: OpenEntry): CollectionSnapshot {
    const snapshot = this.snapshotOf(entry)
    if (snapshot.readOnlyReason) throw new AppError('collections-read-only', snapshot.readOnlyReason)
    return snapshot
  }

  /** One edit: serialized with the collection's other edits and rescans, then the fresh tree. */
  private async edit<T>(collectionId: string, task: (files: CollectionFiles, snapshot: CollectionSnapshot) => Promise<T>): Promise<{ value: T; collection: CollectionView }> {
    const entry = this.entry(collectionId)
    const value = await this.exclusive(entry, async () => {
      const snapshot = this.writable(entry)
      const files = new CollectionFiles({ root: entry.root, snapshot: structuredClone(snapshot), registry: this.options.registry, secrets: this.options.secrets, write: this.write })
      try {
        return await task(files, snapshot)
      } finally {
        // Whatever happened (a refused or failed write included), the snapshot is what is on disk now.
        await this.rescan(entry, false)
      }
    })
    return { value, collection: viewOf(entry.id, this.snapshotOf(entry)) }
  }

  // ----- the capability

  async list(): Promise<CollectionSummary[]> {
    await this.load()
    return [...this.entries.values()].map((entry) => {
      const collection = entry.snapshot?.collection
      return {
        id: entry.id,
        root: entry.root,
        name: collection?.name ?? slugFor(entry.root.split(/[\\/]/).pop() ?? 'collection'),
        ...(collection ? count(collection.items) : { requests: 0, folders: 0, unreadable: 0 }),
        ...(entry.problem ? { problem: entry.problem } : {})
      }
    })
  }

  async open(root: string): Promise<CollectionView> {
    await this.load()
    if (!isAbsolute(root)) throw new AppError('collections-bad-path', `"${root}" is not a full path; give the full path of the collection folder.`)
    const entry = await this.attach(root, true)
    this.remember()
    return viewOf(entry.id, this.snapshotOf(entry))
  }

  /**
   * A new collection in `<parentDir>/<name>` (the person chose the place: an existing non-empty folder there
   * is refused), or in the data folder's `collections/` (where the next free name is taken).
   */
  async create(name: string, parentDir?: string): Promise<CollectionView> {
    await this.load()
    if (parentDir !== undefined && !isAbsolute(parentDir)) throw new AppError('collections-bad-path', `"${parentDir}" is not a full path; choose the folder to create the collection in.`)
    const parent = resolve(parentDir ?? this.defaultParent)
    let folder = slugFor(name, 'collection')
    if (parentDir === undefined) folder = uniqueName(folder, '', await readdir(parent).catch(() => [] as string[]))
    const root = join(parent, folder)
    await createCollectionFolder(root, name, this.write)
    return this.open(root)
  }

  async close(collectionId: string): Promise<boolean> {
    await this.load()
    const entry = this.entries.get(collectionId)
    if (!entry) return false
    this.entries.delete(collectionId)
    if (entry.settle) clearTimeout(entry.settle)
    await entry.watcher?.close()
    this.remember()
    return true
  }

  /** The tree as it is on disk now (read again: a change the watcher has not reported yet is in it, and reported). */
  async tree(collectionId: string): Promise<CollectionView> {
    await this.load()
    const entry = this.entry(collectionId)
    await this.exclusive(entry, () => this.rescan(entry, true))
    return viewOf(entry.id, this.snapshotOf(entry))
  }

  /** The whole model, `extra` included (main only: the runner and exporters read it); a copy to change freely. */
  async collection(collectionId: string): Promise<Collection> {
    await this.load()
    return structuredClone(this.snapshotOf(this.entry(collectionId)).collection)
  }

  private saved(outcome: WriteOutcome, collection: CollectionView): SaveResult {
    if (outcome.status !== 'written') return outcome
    const etag = findEtag(collection, outcome.path)
    return { status: 'saved', path: outcome.path, etag: etag ?? '', collection, secretsStored: outcome.secretsStored }
  }

  async saveRequest(input: Parsed<typeof SaveRequestInput>): Promise<SaveResult> {
    await this.load()
    const { value, collection } = await this.edit(input.collectionId, (files) => files.saveRequest(input))
    return this.saved(value, collection)
  }

  async rename(collectionId: string, path: string, name: string) {
    await this.load()
    const { value, collection } = await this.edit(collectionId, (files) => files.rename(path, name))
    return { path: value, collection }
  }

  async move(collectionId: string, path: string, toFolder: string, index: number) {
    await this.load()
    const { value, collection } = await this.edit(collectionId, (files) => files.move(path, toFolder, index))
    return { path: value, collection }
  }

  async duplicate(collectionId: string, path: string) {
    await this.load()
    const { value, collection } = await this.edit(collectionId, (files) => files.duplicate(path))
    return { path: value, collection }
  }

  async newFolder(collectionId: string, parent: string, name: string) {
    await this.load()
    const { value, collection } = await this.edit(collectionId, (files) => files.newFolder(parent, name))
    return { path: value, collection }
  }

  async delete(collectionId: string, path: string): Promise<DeletedItem> {
    await this.load()
    const { value, collection } = await this.edit(collectionId, async (files, snapshot) => {
      const found = findItem(snapshot.collection.items, path)
      if (!found) throw new AppError('collections-not-found', `There is no item "${path}" in this collection.`)
      if (path === COLLECTION_FILE) throw new AppError('collections-bad-path', 'opencollection.yml is the collection itself; close the collection instead.')
      const captured = await files.capture(path, UNDO_BYTES)
      await files.delete(path)
      const undoId = `undo-${++this.undoCounter}-${createHash('sha256').update(`${collectionId}:${path}:${Date.now()}`).digest('hex').slice(0, 8)}`
      this.undo.push({ undoId, collectionId, path, files: captured })
      while (this.undo.length > UNDO_ENTRIES) this.undo.shift()
      return { undoId, kind: found.item.kind === 'folder' ? ('folder' as const) : ('request' as const), files: captured.length }
    })
    return { ...value, path, collection }
  }

  async restore(collectionId: string, undoId: string) {
    await this.load()
    const index = this.undo.findIndex((entry) => entry.undoId === undoId && entry.collectionId === collectionId)
    if (index < 0) throw new AppError('collections-undo-expired', 'This delete can no longer be undone (the app keeps the last 20 deleted items until it quits).')
    const undo = this.undo[index]!
    const { collection } = await this.edit(collectionId, (files) => files.restore(undo.files))
    this.undo.splice(index, 1)
    return { path: undo.path, collection }
  }

  async setDefaults(input: Parsed<typeof SetDefaultsInput>): Promise<SaveResult> {
    await this.load()
    const { value, collection } = await this.edit(input.collectionId, (files) => files.setDefaults(input.folder, input.defaults, input.baseEtag, input))
    return this.saved(value, collection)
  }

  async environments(collectionId: string, profileId?: string): Promise<EnvironmentsAnswer> {
    const view = await this.tree(collectionId)
    const active = profileId ? activeEnvironment(view.environments, profileId)?.name : undefined
    return { environments: view.environments, ...(active ? { active } : {}) }
  }

  async saveEnvironment(input: Parsed<typeof SaveEnvironmentInput>): Promise<SaveResult> {
    await this.load()
    const { value, collection } = await this.edit(input.collectionId, (files) => files.saveEnvironment(input.environment, input.previousName, input))
    return this.saved(value, collection)
  }

  async deleteEnvironment(collectionId: string, name: string) {
    await this.load()
    const { value, collection } = await this.edit(collectionId, (files) => files.deleteEnvironment(name))
    return { deleted: value, collection }
  }

  /**
   * A collection request as the pipeline sends it: the collection's and folders' default headers and auth
   * applied (effectiveSpec), and the variable scopes of its folders, the collection and the environment
   * (scopesFor). The renderer's `collections:sendRequest` and the runner both start here.
   */
  async sendable(collectionId: string, path: string, options: { profileId?: string; environment?: string; draft?: RequestSpec; runtime?: readonly RequestVariable[] } = {}): Promise<{ spec: RequestSpec; variables: VariableScopes; environment?: string; secrets: SecretsNeeded }> {
    await this.load()
    const entry = this.entry(collectionId)
    const collection = this.snapshotOf(entry).collection
    const found = findItem(collection.items, path)
    if (!found || found.item.kind !== 'request') throw new AppError('collections-not-found', found ? `"${path}" cannot be read, so it cannot be sent: ${(found.item as { message?: string }).message ?? ''}` : `There is no request "${path}" in this collection.`)
    const environment = options.environment
      ? collection.environments.find((item) => item.name === options.environment)
      : options.profileId
        ? activeEnvironment(collection.environments, options.profileId)
        : undefined
    if (options.environment && !environment) throw new AppError('collections-not-found', `There is no environment "${options.environment}" in this collection.`)
    const folders = found.folders as FolderItem[]
    const spec = effectiveSpec(collection, folders, options.draft ?? found.item.spec)
    const scopes = scopesFor(collection, folders, environment)
    const variables: VariableScopes = { ...scopes, ...(options.runtime ? { runtime: options.runtime } : {}) }
    return {
      spec,
      variables,
      ...(environment ? { environment: environment.name } : {}),
      secrets: { root: entry.root, environment: environment?.name, byScope: { request: spec.variables, folder: scopes.folder, collection: scopes.collection, environment: scopes.environment } }
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true
    for (const entry of this.entries.values()) {
      if (entry.settle) clearTimeout(entry.settle)
      await entry.watcher?.close()
      entry.watcher = undefined
      await entry.queue.catch(() => undefined)
    }
  }
}

/** The environment bound to a profile: switching profile switches environment. */
export function activeEnvironment<E extends Pick<StoredEnvironment, 'profileId' | 'name'>>(environments: readonly E[], profileId: string): E | undefined {
  return environments.find((environment) => environment.profileId === profileId)
}

function findEtag(collection: CollectionView, path: string): string | undefined {
  const found = findItem(collection.items, path)?.item
  if (found && found.kind === 'request') return found.etag
  if (path.endsWith('/folder.yml')) {
    const folder = findItem(collection.items, path.slice(0, -'/folder.yml'.length))?.item
    return folder?.kind === 'folder' ? folder.etag : undefined
  }
  if (path === COLLECTION_FILE) return collection.etag
  return collection.environments.find((environment) => environment.file === path)?.etag
}
