// A collection as the app holds it in memory: folders of request documents (RequestSpec), with variables,
// default headers and auth at collection and folder level, and environments tied to profiles. On disk it is an
// OpenCollection 1.0 folder (src/main/core/collections/); imports (Postman, Bruno, Insomnia, the catalog) produce
// this model and exports read it, so every format meets every other one here and nowhere else.
//
// No node imports: the renderer shows the same tree.
import { z } from 'zod'
import { KeyValue, RequestAuth, RequestSpec, RequestVariable } from '../requests/request-spec'

/** What a collection or folder gives the requests inside it (lower scopes than the environment). */
export const ItemDefaults = z.looseObject({
  headers: z.array(KeyValue).max(200).default([]),
  variables: z.array(RequestVariable).max(500).default([]),
  /** Absent = inherit from the parent (the collection's default is the profile's auth). */
  auth: RequestAuth.optional()
})
export type ItemDefaults = z.output<typeof ItemDefaults>

export interface RequestItem {
  kind: 'request'
  /** Stable within a collection: the path of its file relative to the collection root (`rules/list-rules.yml`). */
  path: string
  /** Order inside its folder (OpenCollection `info.seq`). */
  seq: number
  spec: RequestSpec
  /** Markdown docs of the request (also where imported scripts are kept as text, with a note). */
  docs?: string
  /**
   * Fields of the file this version does not know, written back unchanged. Shaped like the OpenCollection
   * file itself, holding only what the model does not map: `{ runtime: { scripts: [...], assertions: [...] },
   * settings: { encodeUrl: true }, info: { tags: [...] } }`.
   */
  extra?: Record<string, unknown>
  /** Content hash of the file as read (absent before it is saved); a save names it to detect edits on disk. */
  etag?: string
}

export interface FolderItem {
  kind: 'folder'
  /** The folder's path relative to the collection root (`rules`). */
  path: string
  name: string
  seq: number
  defaults: ItemDefaults
  items: CollectionItem[]
  docs?: string
  extra?: Record<string, unknown>
  /** Content hash of its folder.yml as read (absent when the folder has none). */
  etag?: string
}

/** An item that could not be read: listed with where and why, never rewritten. */
export interface UnreadableItem {
  kind: 'unreadable'
  path: string
  message: string
  line?: number
  column?: number
}

export type CollectionItem = RequestItem | FolderItem | UnreadableItem

export const Environment = z.looseObject({
  name: z.string().min(1).max(200),
  /** The profile this environment belongs to: switching profile switches environment. */
  profileId: z.string().max(128).optional(),
  /** Secret variables carry no value here: it lives in the keychain, keyed by collection + environment. */
  variables: z.array(RequestVariable).max(1000).default([])
})
export type Environment = z.output<typeof Environment>

/** An environment as read from disk: its file in `environments/`, content hash, and fields kept as they were. */
export interface StoredEnvironment extends Environment {
  file?: string
  etag?: string
  extra?: Record<string, unknown>
}

export interface Collection {
  /** Where it lives on disk (absolute), or empty for one not yet saved (an import preview). */
  root: string
  name: string
  /** The OpenCollection version it was read as (`1.0.0`). */
  version: string
  defaults: ItemDefaults
  items: CollectionItem[]
  environments: StoredEnvironment[]
  docs?: string
  extra?: Record<string, unknown>
  /** Content hash of opencollection.yml as read. */
  etag?: string
  /** Files outside the item tree that could not be read (opencollection.yml, environments/*.yml). */
  problems?: UnreadableItem[]
}

/** Every request of a collection in run order (folders depth-first by seq), with its folder chain. */
export function requestsInOrder(items: readonly CollectionItem[], chain: readonly FolderItem[] = []): Array<{ item: RequestItem; folders: FolderItem[] }> {
  const out: Array<{ item: RequestItem; folders: FolderItem[] }> = []
  for (const item of [...items].sort((a, b) => seqOf(a) - seqOf(b))) {
    if (item.kind === 'request') out.push({ item, folders: [...chain] })
    else if (item.kind === 'folder') out.push(...requestsInOrder(item.items, [...chain, item]))
  }
  return out
}

function seqOf(item: CollectionItem): number {
  return item.kind === 'unreadable' ? Number.MAX_SAFE_INTEGER : item.seq
}

/**
 * The variable scopes a request in this collection resolves with (see src/shared/requests/variables.ts):
 * folder variables (outer folders first, inner ones win), the collection's, and the active environment's.
 */
export function scopesFor(collection: Collection, folders: readonly FolderItem[], environment: Environment | undefined) {
  return {
    folder: folders.flatMap((folder) => folder.defaults.variables),
    collection: collection.defaults.variables,
    environment: environment?.variables ?? []
  }
}

/**
 * The request as sent from its collection: the collection's and folders' default headers first (a request's own
 * header of the same name wins), and auth inherited down the chain until someone sets it.
 */
export function effectiveSpec(collection: Collection, folders: readonly FolderItem[], spec: RequestSpec): RequestSpec {
  const own = new Set(spec.headers.map((row) => row.name.toLowerCase()))
  const inherited: KeyValue[] = []
  for (const defaults of [collection.defaults, ...folders.map((folder) => folder.defaults)]) {
    for (const row of defaults.headers) if (!own.has(row.name.toLowerCase())) inherited.push(row)
  }
  let auth = spec.auth
  if (auth.type === 'inherit') {
    for (const defaults of [...folders.map((folder) => folder.defaults)].reverse().concat(collection.defaults)) {
      if (defaults.auth && defaults.auth.type !== 'inherit') {
        auth = defaults.auth
        break
      }
    }
  }
  return { ...spec, headers: [...dedupe(inherited), ...spec.headers], auth }
}

/** Inner defaults override outer ones of the same name. */
function dedupe(rows: readonly KeyValue[]): KeyValue[] {
  const byName = new Map<string, KeyValue>()
  for (const row of rows) byName.set(row.name.toLowerCase(), row)
  return [...byName.values()]
}

/** What an import or a parse tells the person: each item that did not map, and why. */
export interface ImportReport {
  requests: number
  folders: number
  environments: number
  unmapped: Array<{ item: string; reason: string }>
  notes: string[]
}
