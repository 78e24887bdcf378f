// Reads a collection folder into the model. A file that cannot be read (invalid YAML, an unknown layout
// version, a schema error, a 50 MB file) becomes an `unreadable` item with its line and column; the rest of
// the collection opens, and nothing is rewritten.
//
// Files are read with the synchronous calls. A request file is a few KB and parsing it (YAML, then the model's
// checks, ~0.4 ms) blocks the thread far longer than reading it does; the asynchronous calls only add a trip
// through libuv's thread pool per call, which is where a loaded machine makes one wait: reading the 500 files
// of the runner bench's collection took 22–655 ms (lstat + readFile, one after another) or 23–103 ms (all at
// once) asynchronously, and 5–15 ms synchronously, on the shared 2-core build machine.
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs'
import { lstat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { Collection, CollectionItem, Environment, FolderItem, RequestItem, UnreadableItem } from '../../../shared/collections/collection-model'
import { AppError } from '../../../shared/errors'
import { COLLECTION_FILE, ENVIRONMENTS_DIR, FOLDER_FILE } from './file-names'
import { OPENCOLLECTION_VERSION, readCollectionFile, readEnvironmentFile, readFolderFile, readRequestFile, type FileRead } from './opencollection-format'
import { isPlainObject, MAX_FILE_BYTES, parseYaml, type Plain } from './yaml-files'

export type FileKind = 'collection' | 'folder' | 'request' | 'environment'

/** What was read from one file: its bytes' hash (the etag a save must name) and what it meant. */
export interface FileRecord {
  /** Relative to the collection root, `/`-separated. */
  path: string
  kind: FileKind
  etag: string
  readable: boolean
}

export interface CollectionSnapshot {
  collection: Collection
  /** Every YAML file of the layout, by relative path. */
  files: Map<string, FileRecord>
  /** The root file could not be read: the collection is shown but never written. */
  readOnlyReason?: string
}

/** A short content hash: enough to tell two versions of one file apart (it is not a security boundary). */
export function etagOf(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 20)
}

const ALWAYS_IGNORED = new Set(['.git', 'node_modules'])

export type TextRead = { ok: true; text: string; etag: string } | { ok: false; message: string; missing?: boolean }

/** A file's text, refused past the size cap before anything is read into memory. */
export async function readTextFile(absolute: string): Promise<TextRead> {
  return readTextFileNow(absolute)
}

function readTextFileNow(absolute: string): TextRead {
  let size: number
  try {
    const info = lstatSync(absolute)
    if (!info.isFile()) return { ok: false, message: 'This is not a regular file.' }
    size = info.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { ok: false, message: 'The file no longer exists.', missing: true } : { ok: false, message: `The file cannot be read (${code ?? 'unknown error'}).` }
  }
  if (size > MAX_FILE_BYTES) {
    return { ok: false, message: `The file is ${(size / 1048576).toFixed(1)} MB; files over ${MAX_FILE_BYTES / 1048576} MB are not opened (a request file is a few KB).` }
  }
  try {
    const bytes = readFileSync(absolute)
    return { ok: true, text: bytes.toString('utf8'), etag: etagOf(bytes) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { ok: false, message: 'The file no longer exists.', missing: true } : { ok: false, message: `The file cannot be read (${code ?? 'unknown error'}).` }
  }
}

/** One file parsed and mapped, or the reason it could not be, with where. */
export type Parsed<T> = { ok: true; value: T; text: string; etag: string } | { ok: false; etag?: string; problem: UnreadableItem }

/**
 * What was parsed, by path and content hash, so a rescan reads every file's bytes but parses only those that
 * changed. Measured on 1000 request files (20 folders, a busy shared build machine): reading the folder takes
 * 200–800 ms when every file is parsed (YAML, then the model's checks) and 50–60 ms with this cache; with it a
 * save answers in 0.1–0.45 s and a change made elsewhere reaches `collections:changed` in 190–320 ms.
 */
export class ParseCache {
  private entries = new Map<string, { etag: string; parsed: Parsed<unknown> }>()
  private seen = new Set<string>()

  get<T>(path: string, etag: string): Parsed<T> | undefined {
    this.seen.add(path)
    const entry = this.entries.get(path)
    return entry && entry.etag === etag ? (entry.parsed as Parsed<T>) : undefined
  }

  set(path: string, etag: string, parsed: Parsed<unknown>): void {
    this.seen.add(path)
    this.entries.set(path, { etag, parsed })
  }

  /** Forgets files not read since the last sweep (deleted or renamed). */
  sweep(): void {
    for (const path of this.entries.keys()) if (!this.seen.has(path)) this.entries.delete(path)
    this.seen = new Set()
  }
}

export async function parseFile<T>(root: string, path: string, map: (raw: unknown) => FileRead<T>, cache?: ParseCache): Promise<Parsed<T>> {
  const read = readTextFileNow(join(root, path))
  if (!read.ok) return { ok: false, problem: { kind: 'unreadable', path, message: read.message } }
  const cached = cache?.get<T>(path, read.etag)
  if (cached) return cached
  const result = parseText(path, read, map)
  cache?.set(path, read.etag, result)
  return result
}

function parseText<T>(path: string, read: { text: string; etag: string }, map: (raw: unknown) => FileRead<T>): Parsed<T> {
  const parsed = parseYaml(read.text)
  if (!parsed.ok) return { ok: false, etag: read.etag, problem: { kind: 'unreadable', path, message: parsed.message, line: parsed.line, column: parsed.column } }
  const mapped = map(parsed.value)
  if (!mapped.ok) {
    const at = parsed.positionOf(mapped.path)
    return { ok: false, etag: read.etag, problem: { kind: 'unreadable', path, message: mapped.message, line: at.line, column: at.column } }
  }
  return { ok: true, value: mapped.value, text: read.text, etag: read.etag }
}

function stemOf(path: string): string {
  const name = basename(path)
  return name.slice(0, name.length - extname(name).length)
}

export function requestMapper(root: string, path: string) {
  return (raw: unknown) => readRequestFile(raw, stemOf(path), { root })
}

/**
 * Orders siblings as Bruno does: by `seq`, then by name; siblings without a `seq` come after the numbered
 * ones, and are given the next numbers (in memory only: their files are not rewritten for it).
 */
function assignOrder(items: Array<RequestItem | FolderItem>): void {
  const numbered = items.filter((item) => Number.isFinite(item.seq))
  let next = numbered.reduce((max, item) => Math.max(max, item.seq), 0)
  const unnumbered = items.filter((item) => !Number.isFinite(item.seq)).sort((a, b) => nameOf(a).localeCompare(nameOf(b)))
  for (const item of unnumbered) item.seq = ++next
}

function nameOf(item: RequestItem | FolderItem): string {
  return item.kind === 'folder' ? item.name : item.spec.name
}

export function sortItems(items: CollectionItem[]): CollectionItem[] {
  const rank = (item: CollectionItem) => (item.kind === 'unreadable' ? Number.MAX_SAFE_INTEGER : item.seq)
  const label = (item: CollectionItem) => (item.kind === 'unreadable' ? item.path : nameOf(item))
  return items.sort((a, b) => rank(a) - rank(b) || label(a).localeCompare(label(b)))
}

interface WalkState {
  root: string
  ignore: Set<string>
  files: Map<string, FileRecord>
  cache?: ParseCache
}

async function readFolderItems(state: WalkState, dir: string): Promise<CollectionItem[]> {
  const absolute = dir ? join(state.root, dir) : state.root
  let entries: Dirent[]
  try {
    entries = readdirSync(absolute, { withFileTypes: true })
  } catch (error) {
    return [{ kind: 'unreadable', path: dir || '.', message: `The folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).` }]
  }
  const items: CollectionItem[] = []
  const ordered: Array<RequestItem | FolderItem> = []
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = dir ? `${dir}/${entry.name}` : entry.name
    // Hidden entries, ignored names, and symbolic links (which could lead outside the folder) are skipped.
    if (entry.name.startsWith('.') || state.ignore.has(entry.name) || entry.isSymbolicLink()) continue
    if (entry.isDirectory()) {
      if (!dir && entry.name === ENVIRONMENTS_DIR) continue
      const folder = await readFolder(state, path, entry.name)
      items.push(folder)
      if (folder.kind === 'folder') ordered.push(folder)
      continue
    }
    if (!entry.isFile()) continue
    if (!dir && entry.name === COLLECTION_FILE) continue
    if (entry.name === FOLDER_FILE) continue
    const ext = extname(entry.name).toLowerCase()
    if (ext === '.bru') {
      items.push({ kind: 'unreadable', path, message: 'This is a Bruno .bru file (the older Bruno format). Import the .bru collection to convert it; this file is left as it is.' })
      continue
    }
    if (ext !== '.yml' && ext !== '.yaml') continue
    const parsed = await parseFile(state.root, path, requestMapper(state.root, path), state.cache)
    if (!parsed.ok) {
      state.files.set(path, { path, kind: 'request', etag: parsed.etag ?? '', readable: false })
      items.push(parsed.problem)
      continue
    }
    state.files.set(path, { path, kind: 'request', etag: parsed.etag, readable: true })
    const request: RequestItem = {
      kind: 'request',
      path,
      seq: parsed.value.seq ?? Number.NaN,
      spec: parsed.value.spec,
      etag: parsed.etag,
      ...(parsed.value.docs === undefined ? {} : { docs: parsed.value.docs }),
      ...(parsed.value.extra ? { extra: parsed.value.extra } : {})
    }
    items.push(request)
    ordered.push(request)
  }
  assignOrder(ordered)
  return sortItems(items)
}

function isFileNow(absolute: string): boolean {
  try {
    return lstatSync(absolute).isFile()
  } catch {
    return false
  }
}

async function readFolder(state: WalkState, path: string, dirName: string): Promise<FolderItem | UnreadableItem> {
  const filePath = `${path}/${FOLDER_FILE}`
  const exists = isFileNow(join(state.root, filePath))
  let folder: FolderItem
  if (!exists) {
    folder = { kind: 'folder', path, name: dirName, seq: Number.NaN, defaults: { headers: [], variables: [] }, items: [] }
  } else {
    const parsed = await parseFile(state.root, filePath, readFolderFile, state.cache)
    if (!parsed.ok) {
      state.files.set(filePath, { path: filePath, kind: 'folder', etag: parsed.etag ?? '', readable: false })
      // The folder's own settings are unreadable; its requests still open, under the folder's name on disk.
      folder = { kind: 'folder', path, name: dirName, seq: Number.NaN, defaults: { headers: [], variables: [] }, items: [parsed.problem] }
    } else {
      state.files.set(filePath, { path: filePath, kind: 'folder', etag: parsed.etag, readable: true })
      const value = parsed.value
      folder = {
        kind: 'folder',
        path,
        name: value.name ?? dirName,
        seq: value.seq ?? Number.NaN,
        defaults: value.defaults,
        items: [],
        etag: parsed.etag,
        ...(value.docs === undefined ? {} : { docs: value.docs }),
        ...(value.extra ? { extra: value.extra } : {})
      }
    }
  }
  folder.items = sortItems([...folder.items, ...(await readFolderItems(state, path))])
  return folder
}

async function readEnvironments(state: WalkState, problems: UnreadableItem[]): Promise<Environment[]> {
  let names: string[]
  try {
    names = readdirSync(join(state.root, ENVIRONMENTS_DIR), { withFileTypes: true }).filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name)).map((entry) => entry.name)
  } catch {
    return []
  }
  const environments: Environment[] = []
  for (const name of names.sort()) {
    const path = `${ENVIRONMENTS_DIR}/${name}`
    const parsed = await parseFile(state.root, path, (raw) => readEnvironmentFile(raw, stemOf(name)), state.cache)
    state.files.set(path, { path, kind: 'environment', etag: parsed.etag ?? '', readable: parsed.ok })
    if (!parsed.ok) problems.push(parsed.problem)
    else environments.push({ ...parsed.value.environment, file: path, etag: parsed.etag, ...(parsed.value.extra ? { extra: parsed.value.extra } : {}) })
  }
  return environments
}

/**
 * Reads the folder at `root` (absolute) as a collection; throws a clear AppError when it is not one. With a
 * `cache` (one per open collection), files whose bytes did not change are not parsed again.
 */
export async function readCollection(root: string, cache?: ParseCache): Promise<CollectionSnapshot> {
  const info = await lstat(root).catch(() => undefined)
  if (!info) throw new AppError('collection-not-found', `There is no folder at ${root}.`)
  if (!info.isDirectory()) throw new AppError('collection-not-a-folder', `${root} is a file, not a folder. Choose the folder that holds opencollection.yml.`)
  const rootFile = await lstat(join(root, COLLECTION_FILE)).catch(() => undefined)
  if (!rootFile) {
    const hasBru = await lstat(join(root, 'bruno.json')).then(
      () => true,
      () => false
    )
    throw new AppError(
      'collection-not-opencollection',
      hasBru
        ? `${root} is a Bruno collection in the older .bru format (it has bruno.json, not opencollection.yml). Import it to convert it.`
        : `${root} is not a collection: it has no opencollection.yml. Create a new collection there, or choose the folder that holds opencollection.yml.`
    )
  }

  const files = new Map<string, FileRecord>()
  const problems: UnreadableItem[] = []
  const parsed = await parseFile(root, COLLECTION_FILE, readCollectionFile, cache)
  files.set(COLLECTION_FILE, { path: COLLECTION_FILE, kind: 'collection', etag: parsed.etag ?? '', readable: parsed.ok })
  let readOnlyReason: string | undefined
  let collection: Collection
  if (parsed.ok) {
    collection = {
      root,
      name: parsed.value.name ?? basename(root),
      version: parsed.value.version,
      defaults: parsed.value.defaults,
      items: [],
      environments: [],
      etag: parsed.etag,
      ...(parsed.value.docs === undefined ? {} : { docs: parsed.value.docs }),
      ...(parsed.value.extra ? { extra: parsed.value.extra } : {})
    }
  } else {
    problems.push(parsed.problem)
    const at = parsed.problem.line ? ` (line ${parsed.problem.line}, column ${parsed.problem.column})` : ''
    readOnlyReason = `opencollection.yml${at}: ${parsed.problem.message} The collection is shown read-only and nothing in it is written until that file is fixed.`
    collection = { root, name: basename(root), version: OPENCOLLECTION_VERSION, defaults: { headers: [], variables: [] }, items: [], environments: [] }
  }

  const ignore = new Set(ALWAYS_IGNORED)
  const bruno = (collection.extra?.extensions as Plain | undefined)?.bruno
  if (isPlainObject(bruno) && Array.isArray(bruno.ignore)) for (const name of bruno.ignore) if (typeof name === 'string') ignore.add(name)
  const state: WalkState = { root, ignore, files, cache }
  collection.items = await readFolderItems(state, '')
  collection.environments = await readEnvironments(state, problems)
  cache?.sweep()
  if (problems.length > 0) collection.problems = problems
  return { collection, files, ...(readOnlyReason ? { readOnlyReason } : {}) }
}
