import { z } from 'zod'
import { Environment, ItemDefaults, type Collection, type UnreadableItem } from '../collections/collection-model'
import { RequestSpec, RequestVariable } from '../requests/request-spec'
import { channel, NoInput } from './define'
import type { HttpResponse } from './requests.contract'
import type { SecretBackendInfo } from './profiles.contract'

// The `collections` capability: folders of request documents on disk in the OpenCollection 1.0 layout
// (opencollection.yml, folder.yml, one .yml per request, environments/*.yml) that Bruno opens too. Main reads
// and writes the files; the renderer gets the tree (with a content hash per file, `etag`) and sends edits.
// Secret variable values go one way, renderer → main → keychain; no answer or event carries one.

const Id = z.string().regex(/^[0-9a-f]{16}$/, 'a collection id (16 hex characters, from collections:list or collections:open)')
/** A path inside a collection: relative, `/`-separated, never climbing out (checked again in main). */
const ItemPath = z
  .string()
  .min(1, 'a path inside the collection')
  .max(4096)
  .refine((path) => !path.includes('\\') && !path.includes('\0') && !path.startsWith('/') && !/^[A-Za-z]:/.test(path), 'a path relative to the collection root, with / separators')
  .refine((path) => !path.split('/').some((part) => part === '..' || part === '.'), 'a path without . or .. segments')
/** The folder an item goes into: '' is the collection root. */
const FolderPath = ItemPath.or(z.literal(''))
const Name = z.string().trim().min(1, 'a name').max(256)

export const OpenCollectionInput = z.object({ root: z.string().min(1).max(4096) })
export const CreateCollectionInput = z.object({
  name: Name,
  /** The folder to create it in (absolute); default: `collections/` in the app's data folder. */
  parentDir: z.string().min(1).max(4096).optional()
})
export const CollectionRef = z.object({ collectionId: Id })

export const SaveRequestInput = z.object({
  collectionId: Id,
  /** The request's file (an existing request); absent: a new request ("save as") in `folder`. */
  path: ItemPath.optional(),
  folder: FolderPath.optional(),
  spec: RequestSpec,
  docs: z.string().max(1_000_000).optional(),
  /**
   * The etag of the file the tab was opened from (required with `path`); `null` = the file is expected to be
   * gone. A different file on disk answers `conflict` with both versions instead of overwriting it.
   */
  baseEtag: z.string().max(64).nullable().optional(),
  /** Replace each value that looks like a credential by `{{name}}` and keep the value in the keychain. */
  secretsAs: z.literal('variables').optional(),
  /** Where those secret variables go: this environment; absent = the collection. */
  secretsEnvironment: Name.optional()
})
export type SaveRequestInput = z.input<typeof SaveRequestInput>

export const RenameItemInput = z.object({ collectionId: Id, path: ItemPath, name: Name })
export const MoveItemInput = z.object({
  collectionId: Id,
  path: ItemPath,
  /** The folder to move into ('' = the root); the same folder reorders. */
  toFolder: FolderPath,
  /** The position among that folder's items (0 = first); past the end = last. */
  index: z.number().int().min(0).max(100_000)
})
export const ItemRef = z.object({ collectionId: Id, path: ItemPath })
export const RestoreInput = z.object({ collectionId: Id, undoId: z.string().min(1).max(64) })
export const NewFolderInput = z.object({ collectionId: Id, parent: FolderPath, name: Name })

export const SetDefaultsInput = z.object({
  collectionId: Id,
  /** The folder whose folder.yml to write; '' = the collection (opencollection.yml). */
  folder: FolderPath,
  /** Secret variables may carry a value here: it goes to the keychain, the file gets `{ name, secret: true }`. */
  defaults: ItemDefaults,
  /** The etag of the file the editor was opened from; a different file on disk answers `conflict`. */
  baseEtag: z.string().max(64).nullable().optional(),
  secretsAs: z.literal('variables').optional(),
  secretsEnvironment: Name.optional()
})
export type SetDefaultsInput = z.input<typeof SetDefaultsInput>

export const SaveEnvironmentInput = z.object({
  collectionId: Id,
  /** Secret variables may carry a value here (stored in the keychain); without one the stored value is kept. */
  environment: Environment,
  /** The environment's name before this edit (a rename); absent = a new environment. */
  previousName: Name.optional(),
  secretsAs: z.literal('variables').optional()
})
export type SaveEnvironmentInput = z.input<typeof SaveEnvironmentInput>

export const EnvironmentRef = z.object({ collectionId: Id, name: Name })
export const EnvironmentsInput = z.object({ collectionId: Id, profileId: z.string().max(128).optional() })

const VariableList = z.array(RequestVariable).max(500)

export const SendCollectionRequestInput = z.object({
  /** Chosen by the caller; names the request for requests:cancel and progress events. */
  requestId: z.string().min(1).max(64),
  collectionId: Id,
  path: ItemPath,
  profileId: z.string().max(128).optional(),
  /** The environment to resolve with; absent = the one bound to `profileId`, if any. */
  environment: Name.optional(),
  /** The tab's unsaved document; absent = the request as saved. */
  draft: RequestSpec.optional(),
  /** Run-time values (the highest scope). */
  runtime: VariableList.optional(),
  maxInlineBodyBytes: z.number().int().min(1024).max(200_000_000).optional(),
  /** As requests:send's `streamBody`: answer with the head and stream the body to the body worker. */
  streamBody: z.boolean().optional()
})
export type SendCollectionRequestInput = z.input<typeof SendCollectionRequestInput>

/** An open collection as the renderer sees it: the model without fields kept only for writing back. */
export interface CollectionView extends Omit<Collection, 'extra'> {
  id: string
  /** Set when opencollection.yml cannot be read: the collection is shown and never written. */
  readOnlyReason?: string
}

export interface CollectionSummary {
  id: string
  root: string
  name: string
  requests: number
  folders: number
  unreadable: number
  /** Why it could not be opened (moved or deleted folder, …); it stays listed until closed. */
  problem?: string
}

/** A value that looks like a credential, found before a file was written. */
export interface SecretFinding {
  file: string
  field: string
  kind: string
  /** Whether `secretsAs: 'variables'` can turn it into a secret variable (not inside a kept script). */
  fixable: boolean
  variable?: string
}

export interface StoredSecret {
  variable: string
  /** `collection`, or the environment it belongs to. */
  scope: string
  backend: SecretBackendInfo
  sessionOnly: boolean
}

/** The file on disk changed since the tab opened it: both versions, so the person picks and loses neither. */
export interface CollectionConflict {
  status: 'conflict'
  code: 'collections-conflict'
  path: string
  message: string
  /** What is on disk now: its etag (null = the file is gone), and its document when it can be read. */
  disk: { etag: string | null; spec?: RequestSpec; defaults?: z.output<typeof ItemDefaults>; unreadable?: string }
  /** What this save would have written. */
  yours: { spec?: RequestSpec; defaults?: z.output<typeof ItemDefaults> }
}

export interface SecretsFound {
  status: 'secrets-found'
  message: string
  findings: SecretFinding[]
}

export type SaveResult =
  | { status: 'saved'; path: string; etag: string; collection: CollectionView; secretsStored: StoredSecret[] }
  | SecretsFound
  | CollectionConflict

export interface DeletedItem {
  undoId: string
  path: string
  kind: 'request' | 'folder'
  files: number
  collection: CollectionView
}

export interface ItemChange {
  path: string
  change: 'added' | 'changed' | 'removed'
  /** The new content hash (absent for removed files). */
  etag?: string
}

export interface CollectionChanged {
  collectionId: string
  changes: ItemChange[]
  collection: CollectionView
}

export interface EnvironmentsAnswer {
  environments: CollectionView['environments']
  /** The environment bound to the profile asked about, if any. */
  active?: string
}

export const collectionsContract = {
  'collections:list': channel<CollectionSummary[]>()(NoInput),
  'collections:open': channel<CollectionView>()(OpenCollectionInput),
  'collections:create': channel<CollectionView>()(CreateCollectionInput),
  'collections:close': channel<{ closed: boolean }>()(CollectionRef),
  'collections:tree': channel<CollectionView>()(CollectionRef),
  'collections:saveRequest': channel<SaveResult>()(SaveRequestInput),
  'collections:rename': channel<{ path: string; collection: CollectionView }>()(RenameItemInput),
  'collections:move': channel<{ path: string; collection: CollectionView }>()(MoveItemInput),
  'collections:duplicate': channel<{ path: string; collection: CollectionView }>()(ItemRef),
  'collections:delete': channel<DeletedItem>()(ItemRef),
  'collections:restore': channel<{ path: string; collection: CollectionView }>()(RestoreInput),
  'collections:newFolder': channel<{ path: string; collection: CollectionView }>()(NewFolderInput),
  'collections:setDefaults': channel<SaveResult>()(SetDefaultsInput),
  'collections:environments': channel<EnvironmentsAnswer>()(EnvironmentsInput),
  'collections:saveEnvironment': channel<SaveResult>()(SaveEnvironmentInput),
  'collections:deleteEnvironment': channel<{ deleted: boolean; collection: CollectionView }>()(EnvironmentRef),
  'collections:sendRequest': channel<HttpResponse>()(SendCollectionRequestInput)
}

export interface CollectionsEventPayloads {
  /** Files of an open collection changed on disk (a git pull, an edit in Bruno); this app's own writes excluded. */
  'collections:changed': CollectionChanged
}

export type { UnreadableItem }
