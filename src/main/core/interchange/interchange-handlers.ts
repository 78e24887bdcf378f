// The `interchange` capability: the contract's interchange:* channels, for the app. An import is two calls so
// nothing is written before the person has seen what will be: `previewImport` converts a file's content (or a
// zipped collection folder) and keeps the result here under an id; `writeImport` writes that preview as a new
// collection folder, all or nothing, and opens it. The starter collection is one call; exports go to a file
// main writes (the app's save dialog) or come back as text (browser mode downloads it).
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { requestsInOrder, type Collection, type CollectionItem } from '../../../shared/collections/collection-model'
import { AppError } from '../../../shared/errors'
import type { ExportFormat, ExportResult, ImportOutlineEntry, ImportPreviewView } from '../../../shared/ipc/interchange.contract'
import type { SandboxHost } from '../../../sandbox'
import type { CollectionService } from '../collections/collection-service'
import { slugFor, uniqueName } from '../collections/file-names'
import { defaultSavePath } from '../requests/request-handlers'
import type { Handlers } from '../rpc/dispatcher'
import { ReportBuilder } from './import-report'
import { lazyModule } from '../app/lazy-module'
import type { ImportPreview } from './index'
import { ImportError, MAX_FOLDER_BYTES, MAX_FOLDER_FILES, MAX_IMPORT_FILE_BYTES, MAX_NESTING } from './input-documents'
import { scrubLiteralSecrets } from './secret-scrub'
import type { OperationTracker } from './operation-progress'

type InterchangeHandlers = Pick<Handlers, Extract<keyof Handlers, `interchange:${string}`>>

/** Previews kept for `writeImport`: the last few, for half an hour (a person reads the report, then imports). */
const PREVIEWS_KEPT = 8
const PREVIEW_TTL_MS = 30 * 60 * 1000

export interface InterchangeDeps {
  collections: CollectionService
  /** The in-process Sandbox: the starter collection's Sandbox environment holds its seeded ids. */
  sandbox: SandboxHost
  /** Where an export is written (the app's save dialog); default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  /** Reports imports and exports as app:progress and cancels them (app:cancelOperation). */
  operations: OperationTracker
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function countRequests(items: readonly CollectionItem[]): number {
  return requestsInOrder(items).length
}

function outlineOf(collection: Collection): ImportOutlineEntry[] {
  const seq = (item: CollectionItem) => (item.kind === 'unreadable' ? Number.MAX_SAFE_INTEGER : item.seq)
  return [...collection.items]
    .sort((a, b) => seq(a) - seq(b))
    .flatMap((item): ImportOutlineEntry[] => {
      if (item.kind === 'folder') return [{ kind: 'folder', name: item.name, requests: countRequests(item.items) }]
      if (item.kind === 'request') return [{ kind: 'request', name: item.spec.name, method: item.spec.method }]
      return []
    })
}

/** A zip entry's name as a path inside the extraction folder, or undefined when it must not be written. */
function safeEntryPath(name: string): string | undefined {
  if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.includes('\0') || name.includes('\\')) return undefined
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return undefined
  const parts = name.split('/')
  if (parts.length > MAX_NESTING || parts.some((part) => part === '' || part === '.' || part === '..')) return undefined
  return parts.join('/')
}

/**
 * A zipped collection folder, written to a temporary folder (browser mode cannot hand a folder to main). Entries
 * that would land outside it (`../`, absolute paths) are refused, and the count and size caps of folder
 * imports hold for the unpacked bytes, not only the sizes the zip claims.
 */
async function unpackZip(base64: string, fileName: string): Promise<{ dir: string; root: string }> {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length > MAX_IMPORT_FILE_BYTES) throw new ImportError('import-too-large', `${fileName} is ${megabytes(bytes.length)}; imports read files of at most ${megabytes(MAX_IMPORT_FILE_BYTES)}.`, { file: fileName })
  let files: Record<string, Uint8Array>
  let declared = 0
  let count = 0
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        if (!safeEntryPath(entry.name)) return false
        count += 1
        declared += entry.originalSize
        if (count > MAX_FOLDER_FILES) throw new ImportError('import-too-large', `${fileName} holds more than ${MAX_FOLDER_FILES} files; import a smaller folder.`, { file: fileName })
        if (declared > MAX_FOLDER_BYTES) throw new ImportError('import-too-large', `${fileName} unpacks to more than ${megabytes(MAX_FOLDER_BYTES)}; import a smaller folder.`, { file: fileName })
        return true
      }
    })
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError('import-unreadable', `${fileName} is not a zip file that can be read (${(error as Error).message}). Zip the collection folder (the one holding bruno.json or opencollection.yml) and import that.`, { file: fileName })
  }
  const unpacked = Object.values(files).reduce((sum, data) => sum + data.length, 0)
  if (unpacked > MAX_FOLDER_BYTES) throw new ImportError('import-too-large', `${fileName} unpacks to more than ${megabytes(MAX_FOLDER_BYTES)}; import a smaller folder.`, { file: fileName })
  const dir = await mkdtemp(join(tmpdir(), 'reactor-explorer-import-'))
  try {
    for (const [name, data] of Object.entries(files)) {
      const target = join(dir, safeEntryPath(name)!)
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, data)
    }
    // A zip of the folder itself holds one top folder; a zip of its contents holds the files at the top.
    let root = dir
    for (;;) {
      const entries = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.name !== '__MACOSX')
      const marker = entries.some((entry) => entry.isFile() && /^(bruno\.json|opencollection\.ya?ml)$/.test(entry.name))
      if (marker || entries.length !== 1 || !entries[0]!.isDirectory()) break
      root = join(root, entries[0]!.name)
    }
    return { dir, root }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

async function isFree(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined)
  if (!info) return true
  return info.isDirectory() && (await readdir(path)).length === 0
}

/** The folder a new collection named `name` goes to: the next free name in the default place, or exactly there. */
async function targetFolder(name: string, parentDir: string | undefined, defaultParent: string): Promise<string> {
  if (parentDir !== undefined && !isAbsolute(parentDir)) throw new AppError('interchange-bad-path', `"${parentDir}" is not a full path; choose the folder to create the collection in.`)
  const parent = resolve(parentDir ?? defaultParent)
  const slug = slugFor(name, 'collection')
  if (parentDir !== undefined) return join(parent, slug)
  const siblings = await readdir(parent).catch(() => [] as string[])
  let folder = uniqueName(slug, '', siblings)
  // An empty folder of that name is free too; a taken one moves on to the next number.
  while (!(await isFree(join(parent, folder)))) folder = uniqueName(slug, '', [...siblings, folder])
  return join(parent, folder)
}

/** A collection as one exported file: the same steps as `reactor-explorer export` (src/cli/export-command.ts). */
// The converters (Bruno's grammar alone takes ~400 ms to load, postman-collection ~90 ms) load on first use.
const converters = lazyModule(() => import('./index'))

export async function exportCollectionText(collection: Collection, format: ExportFormat): Promise<{ text: string; notes: string[]; fileName: string }> {
  const { exportOpenCollectionBundle, exportPostmanCollection } = await converters()
  const notes: string[] = []
  for (const problem of collection.problems ?? []) notes.push(`${problem.path} was not read: ${problem.message}`)
  // The folder should hold no credential; if one was typed into a file by hand it still does not leave here.
  const report = new ReportBuilder()
  const scrubbed = scrubLiteralSecrets(collection, report)
  for (const entry of report.finish(scrubbed).unmapped) notes.push(`${entry.item}: ${entry.reason}`)
  const stem = slugFor(collection.name, 'collection')
  if (format === 'postman') {
    const exported = exportPostmanCollection(scrubbed)
    notes.push(...exported.notes)
    if (scrubbed.environments.length > 0) notes.push(`The collection's environments (${scrubbed.environments.map((env) => env.name).join(', ')}) are not part of a Postman collection; create them in Postman.`)
    return { text: `${JSON.stringify(exported.document, null, 2)}\n`, notes, fileName: `${stem}.postman_collection.json` }
  }
  return { text: exportOpenCollectionBundle(scrubbed), notes, fileName: `${stem}.opencollection.yml` }
}

export function createInterchangeHandlers(deps: InterchangeDeps): InterchangeHandlers {
  const previews = new Map<string, { preview: ImportPreview; fileName: string; at: number }>()
  const keep = (preview: ImportPreview, fileName: string): string => {
    const now = Date.now()
    for (const [id, entry] of previews) if (now - entry.at > PREVIEW_TTL_MS) previews.delete(id)
    const id = `preview-${now.toString(36)}-${randomBytes(6).toString('hex')}`
    previews.set(id, { preview, fileName, at: now })
    while (previews.size > PREVIEWS_KEPT) previews.delete(previews.keys().next().value!)
    return id
  }

  const view = (previewId: string, preview: ImportPreview, fileName: string): ImportPreviewView => ({
    previewId,
    source: { kind: preview.source.kind, label: preview.source.label, fileName },
    name: preview.collection.name,
    report: preview.report,
    outline: outlineOf(preview.collection),
    environments: preview.collection.environments.map((environment) => environment.name),
    defaultParent: deps.collections.defaultParent,
    environmentsOnly: preview.collection.items.length === 0 && preview.collection.environments.length > 0
  })

  return {
    'interchange:previewImport': ({ fileName, text, zipBase64, operationId }) =>
      // One conversion is one synchronous step (a 5,000-request Postman file: see bench/), so the bar is
      // indeterminate; a cancel lands before or after it, and a cancelled preview is not kept.
      deps.operations.run(operationId, 'Reading the file', async (operation) => {
        operation.report(0, undefined, 'converting')
        let preview: ImportPreview
        if (text !== undefined) {
          const { previewImportText } = await converters()
          operation.throwIfCancelled()
          preview = previewImportText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, fileName)
        } else {
          const { dir, root } = await unpackZip(zipBase64!, fileName)
          try {
            operation.throwIfCancelled()
            preview = await (await converters()).previewImport(root)
          } finally {
            await rm(dir, { recursive: true, force: true })
          }
        }
        operation.throwIfCancelled()
        return view(keep(preview, fileName), preview, fileName)
      }),

    'interchange:writeImport': async ({ previewId, name, parentDir, intoCollectionId, operationId }) => {
      const kept = previews.get(previewId)
      if (!kept || Date.now() - kept.at > PREVIEW_TTL_MS) throw new AppError('interchange-preview-expired', 'This import preview is no longer kept (previews last 30 minutes). Choose the file again.')
      const { preview } = kept
      if (intoCollectionId) {
        if (preview.collection.items.length > 0) throw new AppError('interchange-bad-target', `${kept.fileName} holds requests, so it becomes a collection of its own; only environments can be added to an open collection.`)
        const existing = await deps.collections.collection(intoCollectionId)
        for (const environment of preview.collection.environments) {
          if (existing.environments.some((other) => other.name === environment.name)) throw new AppError('interchange-environment-exists', `This collection already has an environment named "${environment.name}"; rename one of them first.`)
        }
        let collection
        for (const { name: environmentName, variables, profileId } of preview.collection.environments) {
          const result = await deps.collections.saveEnvironment({ collectionId: intoCollectionId, environment: { name: environmentName, variables, ...(profileId ? { profileId } : {}) } })
          if (result.status !== 'saved') throw new AppError('interchange-write-failed', result.message)
          collection = result.collection
        }
        previews.delete(previewId)
        return { collection: collection ?? (await deps.collections.tree(intoCollectionId)), files: preview.collection.environments.length }
      }
      const collectionName = name ?? preview.collection.name
      const folder = await targetFolder(collectionName, parentDir, deps.collections.defaultParent)
      const { writeCollectionFolder } = await converters()
      // All or nothing: a cancel between two files removes the temporary folder, and the preview stays for a retry.
      const written = await deps.operations.run(operationId, 'Writing the collection', (operation) => writeCollectionFolder({ ...preview.collection, name: collectionName }, folder, operation))
      previews.delete(previewId)
      return { collection: await deps.collections.open(written.root), files: written.files.length }
    },

    'interchange:createStarter': async () => {
      const running = await deps.sandbox.ensureRunning()
      const { starterCollection, writeCollectionFolder } = await converters()
      const collection = starterCollection({ sandbox: { companyId: running.seeded.companyId, webPropertyId: running.seeded.webPropertyId } })
      const folder = await targetFolder(collection.name, undefined, deps.collections.defaultParent)
      const written = await writeCollectionFolder(collection, folder)
      return deps.collections.open(written.root)
    },

    'interchange:exportCollection': async ({ collectionId, format, destination, operationId }): Promise<ExportResult> => {
      const converted = await deps.operations.run(operationId, 'Exporting the collection', async (operation) => {
        operation.report(0, undefined, 'converting')
        const exported = await exportCollectionText(await deps.collections.collection(collectionId), format)
        operation.throwIfCancelled()
        return exported
      })
      const { text, notes, fileName } = converted
      if (destination === 'text') return { fileName, format, notes, text }
      // The save dialog is the person's own pace, so it is outside the tracked operation; the write is one
      // atomic step (write-file-atomic renames a finished temporary file): a cancel before it writes no file.
      const path = await (deps.chooseSavePath ?? ((suggested: string) => defaultSavePath(suggested)))(fileName)
      if (!path) return { fileName, format, notes, saved: false }
      return deps.operations.run(operationId, 'Saving the export', async (operation) => {
        operation.report(0, undefined, 'writing')
        operation.throwIfCancelled()
        try {
          const { default: writeFileAtomic } = await import('write-file-atomic')
          await writeFileAtomic(path, text, { encoding: 'utf8' })
        } catch (error) {
          throw new AppError('interchange-write-failed', `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
        }
        return { fileName, format, notes, saved: true, path }
      })
    }
  }
}
