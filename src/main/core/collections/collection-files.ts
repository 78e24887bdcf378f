// The file-level edits of one collection folder: save a request, rename, move and reorder, duplicate, delete
// (with the content kept for undo) and restore, new folder, folder/collection defaults, environments. Each edit
// reads the file it changes from disk again (never trusting an old copy), changes only what changed in it
// (yaml-files.ts), and checks what it is about to write for credentials (secret-scan.ts).
//
// Writes are atomic (write-file-atomic: a temporary file beside the target, fsync, rename): a crash or a full
// disk mid-save leaves the old file as it was. An edit that touches several files writes the new content
// first and removes the old last, so a failure between leaves a duplicate, never a loss.
import { cp, lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, posix, relative, sep } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type { CollectionItem, Environment, FolderItem, ItemDefaults, RequestItem, StoredEnvironment } from '../../../shared/collections/collection-model'
import { AppError } from '../../../shared/errors'
import type { CollectionConflict, SecretsFound, StoredSecret } from '../../../shared/ipc/collections.contract'
import type { RequestSpec, RequestVariable } from '../../../shared/requests/request-spec'
import { findCredentialPatterns } from '../security/secret-patterns'
import type { SecretRegistry } from '../security/secret-registry'
import { writeFailureReason } from '../storage/write-failure'
import { parseFile, readTextFile, requestMapper, type CollectionSnapshot } from './collection-reader'
import type { CollectionSecrets, SecretScope } from './collection-secrets'
import { COLLECTION_FILE, ENVIRONMENTS_DIR, environmentFileName, FOLDER_FILE, folderDirName, requestFileName } from './file-names'
import {
  newCollectionExtra,
  OPENCOLLECTION_VERSION,
  readCollectionFile,
  readEnvironmentFile,
  readFolderFile,
  writeCollectionFile,
  writeEnvironmentFile,
  writeFolderFile,
  writeRequestFile,
  type RequestFileContent
} from './opencollection-format'
import { findSecrets, replaceSecrets } from './secret-scan'
import { parseYaml, renderEditedFile, renderNewFile, type Plain } from './yaml-files'

export type WriteText = (absolute: string, data: string | Buffer) => Promise<void>

/** A refused write (full, read-only or locked disk) names the file and the folder instead of "internal". */
export const atomicWrite: WriteText = async (absolute, data) => {
  try {
    await writeFileAtomic(absolute, data, typeof data === 'string' ? { encoding: 'utf8' } : {})
  } catch (error) {
    throw new AppError('collections-write-failed', `Could not save ${basename(absolute)} in ${dirname(absolute)}: ${writeFailureReason(error)}. The previous version of the file is unchanged.`, String(error))
  }
}

export interface EditContext {
  root: string
  snapshot: CollectionSnapshot
  registry: SecretRegistry
  secrets: CollectionSecrets
  write: WriteText
}

/** What a secret-checked write asks the person to decide. */
export interface SecretOptions {
  secretsAs?: 'variables'
  /** New secret variables go to this environment; absent = the collection. */
  secretsEnvironment?: string
}

export type WriteOutcome = { status: 'written'; path: string; etag?: string; secretsStored: StoredSecret[] } | SecretsFound | CollectionConflict

// ---------------------------------------------------------------------------------------------------------
// Paths: every path from the renderer is checked to stay inside the collection, through no symbolic link.

export async function insidePath(root: string, path: string): Promise<string> {
  if (path === '') return root
  const parts = path.split('/')
  if (path.includes('\\') || path.includes('\0') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new AppError('collections-bad-path', `The path "${path}" is not a path inside the collection.`)
  }
  let at = root
  for (const part of parts) {
    at = join(at, part)
    const info = await lstat(at).catch(() => undefined)
    if (info?.isSymbolicLink()) throw new AppError('collections-bad-path', `"${path}" goes through a symbolic link; Reactor Explorer only writes inside the collection folder.`)
  }
  const inside = relative(root, at)
  if (inside.startsWith('..') || inside.split(sep).includes('..')) throw new AppError('collections-bad-path', `The path "${path}" is outside the collection.`)
  return at
}

export function findItem(items: readonly CollectionItem[], path: string): { item: CollectionItem; siblings: readonly CollectionItem[]; folders: FolderItem[] } | undefined {
  const walk = (list: readonly CollectionItem[], chain: FolderItem[]): ReturnType<typeof findItem> => {
    for (const item of list) {
      if (item.path === path) return { item, siblings: list, folders: chain }
      if (item.kind === 'folder' && path.startsWith(`${item.path}/`)) {
        const found = walk(item.items, [...chain, item])
        if (found) return found
      }
    }
    return undefined
  }
  return walk(items, [])
}

export function folderItems(snapshot: CollectionSnapshot, folder: string): readonly CollectionItem[] {
  if (folder === '') return snapshot.collection.items
  const found = findItem(snapshot.collection.items, folder)
  if (!found || found.item.kind !== 'folder') throw new AppError('collections-not-found', `There is no folder "${folder}" in this collection.`)
  return found.item.items
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/')
  return at < 0 ? '' : path.slice(0, at)
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

async function entryNames(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[])
}

function allVariableNames(snapshot: CollectionSnapshot, extra: readonly RequestVariable[] = []): string[] {
  const names = new Set<string>()
  const add = (list: readonly RequestVariable[]) => list.forEach((variable) => names.add(variable.name))
  add(snapshot.collection.defaults.variables)
  add(extra)
  const walk = (items: readonly CollectionItem[]) => {
    for (const item of items) {
      if (item.kind === 'folder') {
        add(item.defaults.variables)
        walk(item.items)
      } else if (item.kind === 'request') add(item.spec.variables)
    }
  }
  walk(snapshot.collection.items)
  for (const environment of snapshot.collection.environments) add(environment.variables)
  return [...names]
}

/** The last line of defence: a rendered file with a credential in it is never written. */
function assertNoCredential(text: string, file: string, registry: SecretRegistry): void {
  const found = findCredentialPatterns(text)[0]
  if (found || registry.containsSecret(text)) {
    throw new AppError('collections-secret-blocked', `${file} was not written: it would contain ${found ? `a value that looks like a ${found.kind}` : 'a secret this app holds'}. Replace it with a {{variable}} and save again.`)
  }
}

function secretsFoundMessage(findings: SecretsFound['findings']): string {
  const fixable = findings.every((finding) => finding.fixable)
  const list = findings.map((finding) => `${finding.kind} in ${finding.field} (${finding.file})`).join('; ')
  return fixable
    ? `Not saved: ${list}. A collection folder is shared through git, so credentials never go into it. Save again with "store as secret variables" to keep these values in the keychain and write {{variables}} instead.`
    : `Not saved: ${list}. Some of these are in parts of the file Reactor Explorer does not edit (scripts, kept fields); remove them from the file by hand.`
}

// ---------------------------------------------------------------------------------------------------------

export class CollectionFiles {
  constructor(private readonly ctx: EditContext) {}

  private get collection() {
    return this.ctx.snapshot.collection
  }

  private abs(path: string): string {
    return path ? join(this.ctx.root, ...path.split('/')) : this.ctx.root
  }

  private async writeText(path: string, text: string): Promise<void> {
    assertNoCredential(text, path, this.ctx.registry)
    const absolute = await insidePath(this.ctx.root, path)
    await mkdir(dirname(absolute), { recursive: true })
    await this.ctx.write(absolute, text)
  }

  /**
   * Scans `plain` (the file about to be written) and, when asked, turns findings into secret variables:
   * values to the keychain, `{{name}}` or `secret: true` into the file, new variables declared in their scope.
   */
  private async checkSecrets(file: string, plain: Plain, options: SecretOptions, ownScope: SecretScope): Promise<{ plain: Plain; stored: StoredSecret[] } | SecretsFound> {
    const names = allVariableNames(this.ctx.snapshot)
    const findings = findSecrets(plain, file, this.ctx.registry, names)
    if (findings.length === 0) return { plain, stored: [] }
    if (options.secretsAs !== 'variables' || findings.some((finding) => !finding.fixable)) return { status: 'secrets-found', message: secretsFoundMessage(findings), findings }
    const replaced = replaceSecrets(plain, this.ctx.registry, names)
    const target: SecretScope = options.secretsEnvironment ? { environment: options.secretsEnvironment } : { collection: true }
    if (options.secretsEnvironment && !this.collection.environments.some((environment) => environment.name === options.secretsEnvironment)) {
      throw new AppError('collections-not-found', `There is no environment "${options.secretsEnvironment}" to keep the secret variables in.`)
    }
    const stored: StoredSecret[] = []
    const declare: string[] = []
    for (const secret of replaced.secrets) {
      const scope = secret.ownVariable ? ownScope : target
      const location = await this.ctx.secrets.store(this.ctx.root, scope, secret.name, secret.value)
      stored.push({ variable: secret.name, scope: 'environment' in scope ? scope.environment : 'collection', backend: location.backend, sessionOnly: location.sessionOnly })
      if (!secret.ownVariable) declare.push(secret.name)
    }
    if (declare.length > 0) await this.declareSecretVariables(target, declare)
    return { plain: replaced.plain, stored }
  }

  /** Adds `{ name, secret: true }` for each name to the environment's file or to opencollection.yml. */
  private async declareSecretVariables(scope: SecretScope, names: readonly string[]): Promise<void> {
    const secret = (name: string): RequestVariable => ({ name, secret: true, enabled: true })
    if ('environment' in scope) {
      const environment = this.collection.environments.find((item) => item.name === scope.environment)!
      const variables = [...environment.variables.filter((variable) => !names.includes(variable.name)), ...names.map(secret)]
      await this.writeEnvironment({ ...environment, variables }, environment)
      environment.variables = variables
    } else {
      const defaults = this.collection.defaults
      const variables = [...defaults.variables.filter((variable) => !names.includes(variable.name)), ...names.map(secret)]
      await this.writeRootFile({ ...defaults, variables })
      defaults.variables = variables
    }
  }

  // ----- requests

  /** Saves a request document: over its file (when `path` is given) or as a new file in `folder`. */
  async saveRequest(input: { path?: string; folder?: string; spec: RequestSpec; docs?: string; baseEtag?: string | null } & SecretOptions): Promise<WriteOutcome> {
    let path: string
    let seq: number
    let extra: Plain | undefined
    let docs = input.docs
    let existing: { text: string; base: Plain } | undefined
    if (input.path !== undefined) {
      path = input.path
      if (!/\.ya?ml$/i.test(path)) throw new AppError('collections-bad-path', `"${path}" is not a request file (.yml).`)
      if (input.baseEtag === undefined) throw new AppError('collections-etag-required', 'Saving over a request needs the etag of the version the tab opened (baseEtag), so a change made on disk meanwhile is not overwritten.')
      const disk = await readTextFile(await insidePath(this.ctx.root, path))
      const diskEtag = disk.ok ? disk.etag : disk.missing ? null : undefined
      if (diskEtag === undefined) throw new AppError('collections-unreadable', `${path} cannot be read: ${disk.ok ? '' : disk.message}`)
      if (diskEtag !== input.baseEtag) return this.requestConflict(path, diskEtag, input.spec)
      const known = findItem(this.collection.items, path)?.item
      seq = known && known.kind === 'request' ? known.seq : this.nextSeq(parentOf(path))
      if (disk.ok) {
        const parsed = parseYaml(disk.text)
        const read = parsed.ok ? requestMapper(this.ctx.root, path)(parsed.value) : undefined
        if (read?.ok) {
          extra = read.value.extra
          docs ??= read.value.docs
          existing = { text: disk.text, base: writeRequestFile({ ...read.value, seq }, { root: this.ctx.root }) }
        }
      }
    } else {
      const folder = input.folder ?? ''
      folderItems(this.ctx.snapshot, folder)
      path = posix.join(folder, requestFileName(input.spec.name, await entryNames(await insidePath(this.ctx.root, folder))))
      seq = this.nextSeq(folder)
    }
    const plain = writeRequestFile({ seq, spec: input.spec, docs, extra }, { root: this.ctx.root })
    return this.writeChecked(path, plain, existing, input, { collection: true })
  }

  private async requestConflict(path: string, diskEtag: string | null, yours: RequestSpec): Promise<CollectionConflict> {
    const disk: CollectionConflict['disk'] = { etag: diskEtag }
    if (diskEtag !== null) {
      const parsed = await parseFile(this.ctx.root, path, requestMapper(this.ctx.root, path))
      if (parsed.ok) disk.spec = parsed.value.spec
      else disk.unreadable = parsed.problem.message
    }
    return {
      status: 'conflict',
      code: 'collections-conflict',
      path,
      message: diskEtag === null ? `${path} was deleted on disk after this tab opened it. Save again to write your version back, or discard it.` : `${path} changed on disk after this tab opened it. Keep your version (save again over the new one) or take the version on disk.`,
      disk,
      yours: { spec: yours }
    }
  }

  /** The shared tail of every write: secrets checked, only changes applied, written atomically. */
  private async writeChecked(path: string, plain: Plain, existing: { text: string; base: Plain } | undefined, options: SecretOptions, ownScope: SecretScope): Promise<WriteOutcome> {
    const checked = await this.checkSecrets(path, plain, options, ownScope)
    if ('status' in checked) return checked
    let text: string | undefined
    if (existing) {
      const parsed = parseYaml(existing.text)
      text = parsed.ok ? renderEditedFile(parsed, existing.base, checked.plain) : renderNewFile(checked.plain)
    } else text = renderNewFile(checked.plain)
    if (text !== undefined) await this.writeText(path, text)
    return { status: 'written', path, secretsStored: checked.stored }
  }

  private nextSeq(folder: string): number {
    const items = folderItems(this.ctx.snapshot, folder)
    return items.reduce((max, item) => (item.kind === 'unreadable' ? max : Math.max(max, item.seq)), 0) + 1
  }

  /** Rewrites only `info.name` / `info.seq` of a request file (everything else byte for byte). */
  private async updateRequestInfo(path: string, change: { name?: string; seq?: number }): Promise<void> {
    const known = findItem(this.collection.items, path)?.item
    const text = await readFile(this.abs(path), 'utf8')
    const parsed = parseYaml(text)
    const read = parsed.ok ? requestMapper(this.ctx.root, path)(parsed.value) : undefined
    if (!parsed.ok || !read?.ok) throw new AppError('collections-unreadable', `${path} cannot be read, so it is not changed: ${parsed.ok ? (read as { message: string }).message : parsed.message}`)
    const seq = known?.kind === 'request' ? known.seq : read.value.seq
    const before: RequestFileContent = { ...read.value, seq }
    const after: RequestFileContent = { ...before, seq: change.seq ?? seq, spec: change.name === undefined ? before.spec : { ...before.spec, name: change.name } }
    const base = writeRequestFile(before, { root: this.ctx.root })
    const next = writeRequestFile(after, { root: this.ctx.root })
    const edited = renderEditedFile(parsed, base, next)
    if (edited !== undefined) await this.writeText(path, edited)
  }

  // ----- folders

  /** Rewrites a folder's folder.yml with a new name, order or defaults (created when the folder has none). */
  private async writeFolderMeta(folder: FolderItem, change: { name?: string; seq?: number; defaults?: ItemDefaults }): Promise<void> {
    const path = `${folder.path}/${FOLDER_FILE}`
    const read = await readTextFile(this.abs(path))
    const before = { name: folder.name, seq: folder.seq, defaults: folder.defaults, docs: folder.docs, extra: folder.extra }
    const after = { ...before, ...change }
    if (read.ok) {
      const parsed = parseYaml(read.text)
      const mapped = parsed.ok ? readFolderFile(parsed.value) : undefined
      if (!parsed.ok || !mapped?.ok) throw new AppError('collections-unreadable', `${path} cannot be read, so it is not changed. Fix the file first.`)
      const fromDisk = { ...mapped.value, name: mapped.value.name ?? folder.name, seq: folder.seq }
      const edited = renderEditedFile(parsed, writeFolderFile(fromDisk), writeFolderFile({ ...fromDisk, ...change }))
      if (edited !== undefined) await this.writeText(path, edited)
      return
    }
    await this.writeText(path, renderNewFile(writeFolderFile(after)))
  }

  async newFolder(parent: string, name: string): Promise<string> {
    folderItems(this.ctx.snapshot, parent)
    const dir = await insidePath(this.ctx.root, parent)
    const path = posix.join(parent, folderDirName(name, await entryNames(dir), parent === ''))
    await mkdir(this.abs(path), { recursive: true })
    await this.writeText(`${path}/${FOLDER_FILE}`, renderNewFile(writeFolderFile({ name, seq: this.nextSeq(parent), defaults: { headers: [], variables: [] } })))
    return path
  }

  // ----- rename, move, reorder, duplicate

  async rename(path: string, name: string): Promise<string> {
    const found = findItem(this.collection.items, path)
    if (!found || found.item.kind === 'unreadable') throw new AppError('collections-not-found', `There is no readable item "${path}" in this collection.`)
    const parent = parentOf(path)
    const siblings = (await entryNames(this.abs(parent))).filter((entry) => entry.toLowerCase() !== baseName(path).toLowerCase())
    if (found.item.kind === 'request') {
      await this.updateRequestInfo(path, { name })
      const target = posix.join(parent, requestFileName(name, siblings))
      if (target !== path) await rename(this.abs(path), this.abs(target))
      return target
    }
    await this.writeFolderMeta(found.item, { name })
    const target = posix.join(parent, folderDirName(name, siblings, parent === ''))
    if (target !== path) await rename(this.abs(path), this.abs(target))
    return target
  }

  /** Moves `path` into `toFolder` at `index` (the same folder reorders); order is kept in `seq`. */
  async move(path: string, toFolder: string, index: number): Promise<string> {
    const found = findItem(this.collection.items, path)
    if (!found || found.item.kind === 'unreadable') throw new AppError('collections-not-found', `There is no readable item "${path}" in this collection.`)
    const item = found.item
    if (item.kind === 'folder' && (toFolder === path || toFolder.startsWith(`${path}/`))) throw new AppError('collections-bad-move', `A folder cannot be moved into itself ("${path}" into "${toFolder}").`)
    const fromFolder = parentOf(path)
    const targetItems = folderItems(this.ctx.snapshot, toFolder).filter((other) => other.kind !== 'unreadable' && other.path !== path) as Array<RequestItem | FolderItem>
    let newPath = path
    if (fromFolder !== toFolder) {
      const names = await entryNames(await insidePath(this.ctx.root, toFolder))
      const current = baseName(path)
      const free = !names.some((entry) => entry.toLowerCase() === current.toLowerCase())
      const name = free ? current : item.kind === 'request' ? requestFileName(item.spec.name, names) : folderDirName(item.name, names, toFolder === '')
      newPath = posix.join(toFolder, name)
      await rename(this.abs(path), this.abs(newPath))
    }
    const order = [...targetItems]
    order.splice(Math.min(index, order.length), 0, item)
    await this.renumber(order.map((other) => (other === item ? { ...other, path: newPath } : other)))
    if (fromFolder !== toFolder) {
      const left = folderItems(this.ctx.snapshot, fromFolder).filter((other) => other.kind !== 'unreadable' && other.path !== path) as Array<RequestItem | FolderItem>
      await this.renumber(left)
    }
    return newPath
  }

  /** Gives `items` the order 1..n, writing only the files whose order changed. */
  private async renumber(items: ReadonlyArray<RequestItem | FolderItem>): Promise<void> {
    for (const [position, item] of items.entries()) {
      const seq = position + 1
      if (item.seq === seq) continue
      if (item.kind === 'request') await this.updateRequestInfo(item.path, { seq })
      else await this.writeFolderMeta({ ...item }, { seq })
    }
  }

  async duplicate(path: string): Promise<string> {
    const found = findItem(this.collection.items, path)
    if (!found || found.item.kind === 'unreadable') throw new AppError('collections-not-found', `There is no readable item "${path}" in this collection.`)
    const item = found.item
    const parent = parentOf(path)
    const names = await entryNames(this.abs(parent))
    const siblings = found.siblings.filter((other) => other.kind !== 'unreadable') as Array<RequestItem | FolderItem>
    const at = siblings.indexOf(item)
    let copyPath: string
    if (item.kind === 'request') {
      const name = `${item.spec.name} copy`
      copyPath = posix.join(parent, requestFileName(name, names))
      // The copy starts from the file itself, so scripts, comments and kept fields come along.
      const text = await readFile(this.abs(path), 'utf8')
      await this.updateRequestInfoInto(path, copyPath, text, { name, seq: item.seq + 1 })
    } else {
      const name = `${item.name} copy`
      copyPath = posix.join(parent, folderDirName(name, names, parent === ''))
      await cp(this.abs(path), this.abs(copyPath), { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true })
      try {
        await this.writeFolderMeta({ ...item, path: copyPath }, { name, seq: item.seq + 1 })
      } catch (error) {
        await rm(this.abs(copyPath), { recursive: true, force: true })
        throw error
      }
    }
    // The copy comes right after the original; everything after it moves down one place.
    const order = [...siblings]
    order.splice(at + 1, 0, { ...item, path: copyPath, seq: item.seq + 1 } as RequestItem | FolderItem)
    await this.renumber(order)
    return copyPath
  }

  /** Writes `text` (the file at `from`) to `to` with a new name and order. */
  private async updateRequestInfoInto(from: string, to: string, text: string, change: { name: string; seq: number }): Promise<void> {
    const parsed = parseYaml(text)
    const read = parsed.ok ? requestMapper(this.ctx.root, from)(parsed.value) : undefined
    if (!parsed.ok || !read?.ok) throw new AppError('collections-unreadable', `${from} cannot be read, so it is not copied.`)
    const known = findItem(this.collection.items, from)?.item
    const before: RequestFileContent = { ...read.value, seq: known?.kind === 'request' ? known.seq : read.value.seq }
    const base = writeRequestFile(before, { root: this.ctx.root })
    const next = writeRequestFile({ ...before, seq: change.seq, spec: { ...before.spec, name: change.name } }, { root: this.ctx.root })
    await this.writeText(to, renderEditedFile(parsed, base, next) ?? text)
  }

  // ----- delete and restore

  /** Every file under `path` (a file or a folder), read before it is deleted so it can be restored. */
  async capture(path: string, limitBytes: number): Promise<Array<{ path: string; bytes: Buffer }>> {
    const out: Array<{ path: string; bytes: Buffer }> = []
    let total = 0
    const visit = async (relative: string): Promise<void> => {
      const info = await lstat(this.abs(relative))
      if (info.isSymbolicLink()) return
      if (info.isDirectory()) {
        for (const name of await readdir(this.abs(relative))) await visit(`${relative}/${name}`)
        return
      }
      total += info.size
      if (total > limitBytes) throw new AppError('collections-too-large', `"${path}" holds more than ${Math.round(limitBytes / 1048576)} MB, too much to keep for undo. Delete it in your file manager if you mean to.`)
      out.push({ path: relative, bytes: await readFile(this.abs(relative)) })
    }
    await visit(path)
    return out
  }

  async delete(path: string): Promise<void> {
    await insidePath(this.ctx.root, path)
    await rm(this.abs(path), { recursive: true, force: false })
  }

  async restore(files: ReadonlyArray<{ path: string; bytes: Buffer }>): Promise<void> {
    for (const file of files) {
      const exists = await lstat(this.abs(file.path)).then(
        () => true,
        () => false
      )
      if (exists) throw new AppError('collections-restore-conflict', `"${file.path}" exists again, so the deleted item is not restored over it. Rename or move that file first.`)
    }
    for (const file of files) {
      const absolute = await insidePath(this.ctx.root, file.path)
      await mkdir(dirname(absolute), { recursive: true })
      await this.ctx.write(absolute, file.bytes)
    }
  }

  // ----- defaults

  private async writeRootFile(defaults: ItemDefaults, baseEtag?: string | null): Promise<void> {
    const outcome = await this.writeDefaultsFile(COLLECTION_FILE, defaults, baseEtag, {})
    if (outcome.status !== 'written') throw new AppError('collections-secret-blocked', outcome.message)
  }

  /** Writes the defaults of the collection ('' ) or of a folder, secret values to the keychain. */
  async setDefaults(folder: string, defaults: ItemDefaults, baseEtag: string | null | undefined, options: SecretOptions): Promise<WriteOutcome> {
    const withoutValues = await this.storeSecretValues(defaults.variables, { collection: true })
    const clean = { ...defaults, variables: withoutValues.variables }
    if (folder === '') {
      const outcome = await this.writeDefaultsFile(COLLECTION_FILE, clean, baseEtag, options)
      return outcome.status === 'written' ? { ...outcome, secretsStored: [...withoutValues.stored, ...outcome.secretsStored] } : outcome
    }
    const found = findItem(this.collection.items, folder)
    if (!found || found.item.kind !== 'folder') throw new AppError('collections-not-found', `There is no folder "${folder}" in this collection.`)
    const outcome = await this.writeDefaultsFile(`${folder}/${FOLDER_FILE}`, clean, baseEtag, options, found.item)
    return outcome.status === 'written' ? { ...outcome, secretsStored: [...withoutValues.stored, ...outcome.secretsStored] } : outcome
  }

  private async writeDefaultsFile(path: string, defaults: ItemDefaults, baseEtag: string | null | undefined, options: SecretOptions, folder?: FolderItem): Promise<WriteOutcome> {
    const read = await readTextFile(this.abs(path))
    const diskEtag = read.ok ? read.etag : read.missing ? null : undefined
    if (baseEtag !== undefined && diskEtag !== baseEtag) {
      return {
        status: 'conflict',
        code: 'collections-conflict',
        path,
        message: `${path} changed on disk after it was opened. Keep your version (save again) or take the version on disk.`,
        disk: { etag: diskEtag ?? null },
        yours: { defaults }
      }
    }
    let existing: { text: string; base: Plain } | undefined
    let plain: Plain
    if (folder) {
      const before = { name: folder.name, seq: folder.seq, defaults: folder.defaults, docs: folder.docs, extra: folder.extra }
      if (read.ok) {
        const parsed = parseYaml(read.text)
        const mapped = parsed.ok ? readFolderFile(parsed.value) : undefined
        if (!mapped?.ok) throw new AppError('collections-unreadable', `${path} cannot be read, so it is not changed. Fix the file first.`)
        const fromDisk = { ...mapped.value, name: mapped.value.name ?? folder.name, seq: folder.seq }
        existing = { text: read.text, base: writeFolderFile(fromDisk) }
        plain = writeFolderFile({ ...fromDisk, defaults })
      } else plain = writeFolderFile({ ...before, defaults })
    } else {
      if (!read.ok) throw new AppError('collections-unreadable', `${path} cannot be read: ${read.message}`)
      const parsed = parseYaml(read.text)
      const mapped = parsed.ok ? readCollectionFile(parsed.value) : undefined
      if (!mapped?.ok) throw new AppError('collections-unreadable', `${path} cannot be read, so it is not changed. Fix the file first.`)
      const fromDisk = { ...mapped.value, name: mapped.value.name ?? this.collection.name }
      existing = { text: read.text, base: writeCollectionFile(fromDisk) }
      plain = writeCollectionFile({ ...fromDisk, defaults })
    }
    return this.writeChecked(path, plain, existing, options, { collection: true })
  }

  /** Secret variables that arrived with a value: the value to the keychain, the variable without it. */
  private async storeSecretValues(variables: readonly RequestVariable[], scope: SecretScope): Promise<{ variables: RequestVariable[]; stored: StoredSecret[] }> {
    const stored: StoredSecret[] = []
    const out: RequestVariable[] = []
    for (const variable of variables) {
      if (variable.secret && variable.value !== undefined && variable.value !== '') {
        const location = await this.ctx.secrets.store(this.ctx.root, scope, variable.name, variable.value)
        stored.push({ variable: variable.name, scope: 'environment' in scope ? scope.environment : 'collection', backend: location.backend, sessionOnly: location.sessionOnly })
      }
      const { value: _value, ...rest } = variable
      out.push(variable.secret ? rest : variable)
    }
    return { variables: out, stored }
  }

  // ----- environments

  private async writeEnvironment(environment: Environment, stored?: StoredEnvironment, options: SecretOptions = {}): Promise<WriteOutcome> {
    const names = await entryNames(this.abs(ENVIRONMENTS_DIR))
    const path = stored?.file ?? `${ENVIRONMENTS_DIR}/${environmentFileName(environment.name, names)}`
    let existing: { text: string; base: Plain } | undefined
    let extra = stored?.extra
    const read = stored?.file ? await readTextFile(this.abs(stored.file)) : undefined
    if (read?.ok) {
      const parsed = parseYaml(read.text)
      const mapped = parsed.ok ? readEnvironmentFile(parsed.value, environment.name) : undefined
      if (mapped?.ok) {
        extra = mapped.value.extra
        existing = { text: read.text, base: writeEnvironmentFile(mapped.value.environment, extra) }
      }
    }
    // A credential typed as a plain value becomes a secret of this same environment (its own variable).
    return this.writeChecked(path, writeEnvironmentFile(environment, extra), existing, { secretsAs: options.secretsAs }, { environment: environment.name })
  }

  async saveEnvironment(environment: Environment, previousName: string | undefined, options: SecretOptions): Promise<WriteOutcome> {
    const environments = this.collection.environments
    const clash = environments.find((item) => item.name.toLowerCase() === environment.name.toLowerCase() && item.name !== previousName)
    if (clash) throw new AppError('collections-name-taken', `There is already an environment named "${clash.name}" in this collection.`)
    const previous = previousName === undefined ? undefined : environments.find((item) => item.name === previousName)
    if (previousName !== undefined && !previous) throw new AppError('collections-not-found', `There is no environment "${previousName}" in this collection.`)
    const { variables, stored } = await this.storeSecretValues(environment.variables, { environment: environment.name })
    const renamed = previous && previous.name !== environment.name
    if (renamed) {
      for (const variable of previous.variables) {
        if (variable.secret && !stored.some((item) => item.variable === variable.name)) await this.ctx.secrets.move(this.ctx.root, { environment: previous.name }, { environment: environment.name }, variable.name)
      }
    }
    const outcome = await this.writeEnvironment({ ...environment, variables }, renamed ? undefined : previous, options)
    if (outcome.status !== 'written') return outcome
    if (renamed && previous.file && outcome.path !== previous.file) await rm(this.abs(previous.file), { force: true })
    // One environment per profile: binding this one unbinds the others.
    if (environment.profileId) {
      for (const other of environments) {
        if (other !== previous && other.name !== environment.name && other.profileId === environment.profileId) {
          const { profileId: _unbound, ...rest } = other
          await this.writeEnvironment(rest as Environment, other)
        }
      }
    }
    return { ...outcome, secretsStored: [...stored, ...outcome.secretsStored] }
  }

  async deleteEnvironment(name: string): Promise<boolean> {
    const environment = this.collection.environments.find((item) => item.name === name)
    if (!environment?.file) return false
    await rm(await insidePath(this.ctx.root, environment.file), { force: true })
    for (const variable of environment.variables) if (variable.secret) await this.ctx.secrets.remove(this.ctx.root, { environment: name }, variable.name)
    return true
  }
}

export async function createCollectionFolder(root: string, name: string, write: WriteText): Promise<void> {
  const existing = await readdir(root).catch(() => undefined)
  if (existing && existing.length > 0) throw new AppError('collections-folder-not-empty', `${root} already exists and is not empty. Choose another name or folder, or open it if it is a collection.`)
  await mkdir(root, { recursive: true })
  await write(join(root, COLLECTION_FILE), renderNewFile(writeCollectionFile({ name, version: OPENCOLLECTION_VERSION, defaults: { headers: [], variables: [] }, extra: newCollectionExtra() })))
}
