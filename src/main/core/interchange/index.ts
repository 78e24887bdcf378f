// Imports and exports of collections: one entry for the app and the CLI. An import is two steps, so nothing
// is written before the person has seen what will be:
//
//   previewImport(path)            → { source, collection, report }   reads and converts, writes nothing
//   writeImport(preview, folder)   → the new OpenCollection folder, all or nothing (write-collection.ts)
//
// The kind of input is detected from what it is, not from its name: a folder with opencollection.yml (Bruno's
// YAML layout, or ours) or bruno.json (.bru); a file holding a Postman collection or environment, an
// Insomnia v4/v5 export, or an OpenCollection bundle. Every import then goes through the same last steps:
// credentials replaced by placeholders (secret-scrub.ts), file paths made safe (model-builders.ts).
import { lstat } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import type { Collection, CollectionItem, ImportReport } from '../../../shared/collections/collection-model'
import { readCollection } from '../collections/collection-reader'
import { COLLECTION_FILE } from '../collections/file-names'
import { importBrunoFolder, isBrunoFolder } from './bruno'
import { ReportBuilder, plural } from './import-report'
import { ImportError, parseJsonText, parseYamlText, readInputFile } from './input-documents'
import { importInsomniaV4, importInsomniaV5, looksLikeInsomniaV4, looksLikeInsomniaV5 } from './insomnia'
import { withFilePaths } from './item-paths'
import { importOpenCollectionBundle, looksLikeOpenCollectionBundle } from './opencollection-bundle'
import { importPostmanCollection, importPostmanEnvironment, looksLikePostmanCollection, looksLikePostmanEnvironment } from './postman'
import { adoptReactorConventions, adoptReactorDefaults } from './reactor-conventions'
import { scrubLiteralSecrets } from './secret-scrub'

import { writeCollectionFolder, type WrittenCollection } from './write-collection'

export { writeCollectionFolder, type WrittenCollection }
export { exportPostmanCollection, exportPostmanEnvironment } from './postman'
export { exportOpenCollectionBundle } from './opencollection-bundle'
export { starterCollection, starterSandboxEnvironment } from './starter-collection'
export { catalogCollection } from './catalog-collection'

export type ImportSourceKind = 'postman-collection' | 'postman-environment' | 'insomnia-v4' | 'insomnia-v5' | 'bruno-folder' | 'opencollection-folder' | 'opencollection-bundle'

export const SOURCE_LABELS: Record<ImportSourceKind, string> = {
  'postman-collection': 'Postman collection (v2.1)',
  'postman-environment': 'Postman environment',
  'insomnia-v4': 'Insomnia export (v4 JSON)',
  'insomnia-v5': 'Insomnia export (v5 YAML)',
  'bruno-folder': 'Bruno collection (.bru)',
  'opencollection-folder': 'OpenCollection folder (Bruno YAML)',
  'opencollection-bundle': 'OpenCollection file'
}

export interface ImportPreview {
  source: { kind: ImportSourceKind; label: string; path: string }
  /** The collection as it would be written (root empty until it is). */
  collection: Collection
  report: ImportReport
}

const EXPECTED =
  'expected a Postman collection (v2.1) or environment, an Insomnia export (v4 JSON or v5 YAML), an OpenCollection file, or a folder holding a Bruno collection (bruno.json) or an OpenCollection (opencollection.yml)'

/** Reads a file or folder and converts it; nothing is written. Throws ImportError when it cannot be imported at all. */
export async function previewImport(path: string): Promise<ImportPreview> {
  const absolute = resolve(path)
  const info = await lstat(absolute).catch(() => undefined)
  if (!info) throw new ImportError('import-not-found', `${path} does not exist.`, { file: basename(path) })
  if (info.isDirectory()) return previewFolder(absolute)
  const file = basename(absolute)
  return previewImportText(await readInputFile(absolute, file), file, absolute)
}

async function previewFolder(root: string): Promise<ImportPreview> {
  const report = new ReportBuilder()
  const hasOpenCollection = await lstat(join(root, COLLECTION_FILE)).then(
    (info) => info.isFile(),
    () => false
  )
  if (hasOpenCollection) {
    const { collection } = await readCollection(root)
    for (const problem of collection.problems ?? []) report.notMapped(problem.path, withPosition(problem.message, problem.line, problem.column))
    noteUnreadable(collection.items, report)
    const variables = new Map([...collection.defaults.variables, ...collection.environments.flatMap((env) => env.variables)].map((v) => [v.name, v.value]))
    // Files keep their names (a Bruno team's folder stays recognisable); only what could not be read is dropped.
    const adopted = { ...collection, root: '', etag: undefined, problems: undefined, items: conventions(collection.items, variables, report), environments: collection.environments.map(({ name, profileId, variables: vars, file }) => ({ name, variables: vars, ...(profileId ? { profileId } : {}), ...(file ? { file } : {}) })) }
    return finish('opencollection-folder', root, adopted, report, { keepPaths: true })
  }
  if (await isBrunoFolder(root)) return finish('bruno-folder', root, await importBrunoFolder(root, report), report)
  throw new ImportError('import-unknown-format', `${basename(root)} is a folder without bruno.json or opencollection.yml; ${EXPECTED}.`, { file: basename(root) })
}

function withPosition(message: string, line?: number, column?: number): string {
  return line ? `${message.replace(/\.$/, '')} (line ${line}${column ? `, column ${column}` : ''}).` : message
}

function noteUnreadable(items: readonly CollectionItem[], report: ReportBuilder): void {
  for (const item of items) {
    if (item.kind === 'unreadable') report.notMapped(item.path, `not imported: ${withPosition(item.message, item.line, item.column)}`)
    else if (item.kind === 'folder') noteUnreadable(item.items, report)
  }
}

function conventions(items: readonly CollectionItem[], variables: Map<string, string | undefined>, report: ReportBuilder): CollectionItem[] {
  return items.flatMap((item): CollectionItem[] => {
    if (item.kind === 'unreadable') return []
    if (item.kind === 'folder') return [{ ...item, etag: undefined, items: conventions(item.items, variables, report) }]
    const scripts = (item.extra?.runtime as { scripts?: unknown } | undefined)?.scripts
    if (Array.isArray(scripts) && scripts.length > 0) report.notMapped(item.path, `its ${scripts.map((script) => (script as { type?: string }).type ?? 'script').join(' and ')} script is kept in the file as written: Reactor Explorer does not run scripts`)
    return [{ ...item, etag: undefined, spec: adoptReactorConventions(item.spec, variables, report) }]
  })
}

/** The same, for a document already in memory (a file the renderer picked, a test fixture). */
export function previewImportText(text: string, fileName: string, path = fileName): ImportPreview {
  const ext = extname(fileName).toLowerCase()
  const trimmed = text.trimStart()
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && (trimmed.startsWith('{') || trimmed.startsWith('[')))
  if (trimmed === '') throw new ImportError('import-unreadable', `${fileName} is empty.`, { file: fileName })
  const { value, droppedKeys } = json ? parseJsonText(text, fileName) : parseYamlText(text, fileName)
  const report = new ReportBuilder()
  if (droppedKeys > 0) report.note(`Ignored ${plural(droppedKeys, 'key')} named "__proto__" in ${fileName}: such keys can change how programs behave and never belong in a collection.`)

  if (looksLikePostmanCollection(value)) return finish('postman-collection', path, importPostmanCollection(value, fileName, report), report)
  if (looksLikePostmanEnvironment(value)) {
    const environment = importPostmanEnvironment(value, fileName, report)
    return finish('postman-environment', path, { root: '', name: environment.name, version: '1.0.0', defaults: { headers: [], variables: [] }, items: [], environments: [environment] }, report)
  }
  if (looksLikeInsomniaV4(value)) return finish('insomnia-v4', path, importInsomniaV4(value, fileName, report), report)
  if (looksLikeInsomniaV5(value)) return finish('insomnia-v5', path, importInsomniaV5(value, fileName, report), report)
  if (looksLikeOpenCollectionBundle(value)) return finish('opencollection-bundle', path, importOpenCollectionBundle(value, fileName, report), report)
  const hint = typeof value === 'object' && value !== null && '__export_format' in value ? ' It looks like an Insomnia export without its resources list.' : ''
  throw new ImportError('import-unknown-format', `${fileName} is not a format this app imports: ${EXPECTED}.${hint}`, { file: fileName })
}

function finish(kind: ImportSourceKind, path: string, converted: Collection, report: ReportBuilder, options: { keepPaths?: boolean } = {}): ImportPreview {
  const scrubbed = scrubLiteralSecrets(adoptReactorDefaults(converted, report), report)
  const collection = options.keepPaths ? scrubbed : withFilePaths(scrubbed)
  return { source: { kind, label: SOURCE_LABELS[kind], path }, collection, report: report.finish(collection) }
}

/** Writes a preview as a new collection folder (refused when the folder exists and is not empty). */
export function writeImport(preview: ImportPreview, folder: string): Promise<WrittenCollection> {
  return writeCollectionFolder(preview.collection, folder)
}
