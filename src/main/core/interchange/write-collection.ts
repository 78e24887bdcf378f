// Writes an imported collection as a new OpenCollection folder, all or nothing: every file goes into a
// temporary folder beside the target (same parent, so the final rename is one atomic step on one file
// system), each file is checked once more for credentials, and only then is the folder renamed into place.
// A failure at any point removes the temporary folder: an import that fails leaves nothing behind.
//
// The files themselves are the collections layer's (collections/opencollection-format.ts, yaml-files.ts):
// this module only decides where each goes. (The collections capability edits existing folders; a whole new
// folder at once is what imports need.)
import { lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import type { Collection, CollectionItem } from '../../../shared/collections/collection-model'
import { COLLECTION_FILE, ENVIRONMENTS_DIR, FOLDER_FILE, environmentFileName } from '../collections/file-names'
import { newCollectionExtra, writeCollectionFile, writeEnvironmentFile, writeFolderFile, writeRequestFile } from '../collections/opencollection-format'
import { findSecrets } from '../collections/secret-scan'
import { renderNewFile, type Plain } from '../collections/yaml-files'
import { ImportError } from './input-documents'
import { UNTRACKED, type TrackedOperation } from './operation-progress'

export interface WrittenCollection {
  root: string
  /** Relative paths of the files written, in write order. */
  files: string[]
}

/** A path from the model that must stay inside the collection folder. */
function inside(path: string): string {
  const parts = path.split('/')
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:/.test(path) || parts.some((part) => part === '..' || part === '.' || part === '')) {
    throw new ImportError('import-write-failed', `Refused to write "${path}": it would leave the collection folder.`)
  }
  return path
}

function merged(base: Plain, extra: Record<string, unknown> | undefined): Plain {
  if (!extra) return base
  const out: Plain = { ...base }
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key]
    out[key] = current && typeof current === 'object' && !Array.isArray(current) && value && typeof value === 'object' && !Array.isArray(value) ? merged(current as Plain, value as Record<string, unknown>) : value
  }
  return out
}

/** Where a new collection may be created: nothing there yet, or an empty folder. */
async function checkTarget(target: string): Promise<'absent' | 'empty-folder'> {
  const info = await lstat(target).catch(() => undefined)
  if (!info) return 'absent'
  if (!info.isDirectory()) throw new ImportError('import-target-exists', `${target} already exists and is a file; choose a new folder for the collection.`)
  const entries = await readdir(target)
  if (entries.length > 0) throw new ImportError('import-target-exists', `${target} already exists and is not empty; choose a new folder (the import never writes into an existing one).`)
  return 'empty-folder'
}

/** The files a collection becomes: its collection file, one per folder and request, one per environment. */
function filesIn(collection: Collection): number {
  const count = (items: readonly CollectionItem[]): number => items.reduce((sum, item) => sum + (item.kind === 'folder' ? 1 + count(item.items) : item.kind === 'request' ? 1 : 0), 0)
  return 1 + count(collection.items) + collection.environments.length
}

/**
 * `operation` reports each file written and is checked before each: a cancelled import removes its temporary
 * folder like a failed one, so nothing is left behind.
 */
export async function writeCollectionFolder(collection: Collection, targetPath: string, operation: TrackedOperation = UNTRACKED): Promise<WrittenCollection> {
  const target = resolve(targetPath)
  const total = filesIn(collection)
  const state = await checkTarget(target)
  await mkdir(dirname(target), { recursive: true })
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.importing-`))
  const written: string[] = []
  const put = async (relativePath: string, plain: Plain) => {
    operation.throwIfCancelled()
    // The last line of defence: nothing that looks like a credential reaches the disk, whatever the converter did.
    const findings = findSecrets(plain, relativePath, undefined)
    if (findings.length > 0) {
      throw new ImportError('import-write-failed', `Not written: ${relativePath} would hold ${findings.map((f) => `a ${f.kind} in ${f.field}`).join(', ')}. Nothing was imported.`)
    }
    await writeFile(join(temp, relativePath), renderNewFile(plain), 'utf8')
    written.push(relativePath)
    operation.report(written.length, total, 'writing')
  }
  try {
    await put(COLLECTION_FILE, writeCollectionFile({ name: collection.name, version: collection.version || '1.0.0', defaults: collection.defaults, docs: collection.docs, extra: merged(newCollectionExtra(), collection.extra) }))
    const walk = async (items: readonly CollectionItem[]) => {
      for (const item of items) {
        if (item.kind === 'unreadable') continue
        const path = inside(item.path)
        if (item.kind === 'folder') {
          await mkdir(join(temp, path), { recursive: true })
          await put(`${path}/${FOLDER_FILE}`, writeFolderFile({ name: item.name, seq: item.seq, defaults: item.defaults, docs: item.docs, extra: item.extra as Plain | undefined }))
          await walk(item.items)
        } else {
          await mkdir(dirname(join(temp, path)), { recursive: true })
          await put(path, writeRequestFile({ seq: item.seq, spec: item.spec, docs: item.docs, extra: item.extra as Plain | undefined }, { root: temp }))
        }
      }
    }
    await walk(collection.items)
    if (collection.environments.length > 0) {
      await mkdir(join(temp, ENVIRONMENTS_DIR))
      const taken: string[] = []
      for (const environment of collection.environments) {
        // A folder import keeps the environment's file name (Bruno's `Local.yml` stays `Local.yml`).
        const kept = environment.file?.startsWith(`${ENVIRONMENTS_DIR}/`) ? environment.file.slice(ENVIRONMENTS_DIR.length + 1) : undefined
        const file = kept && !kept.includes('/') && !taken.some((name) => name.toLowerCase() === kept.toLowerCase()) ? kept : environmentFileName(environment.name, taken)
        inside(file)
        taken.push(file)
        const { name, profileId, variables } = environment
        await put(`${ENVIRONMENTS_DIR}/${file}`, writeEnvironmentFile({ name, variables, ...(profileId ? { profileId } : {}) }))
      }
    }
    operation.throwIfCancelled()
    if (state === 'empty-folder') await rmdir(target)
    await rename(temp, target)
    return { root: target, files: written }
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    if (error instanceof ImportError || operation.signal.aborted) throw error
    throw new ImportError('import-write-failed', `The collection could not be written to ${target}: ${(error as Error).message}. Nothing was left behind.`)
  }
}
