// OpenCollection as one file ("A collection can be a single bundled file or a tree of files", the spec):
// the collection's own fields, `items` nested with folders' `items`, and `config.environments`. It is what
// `export --to opencollection` prints (one file to attach or pipe), and an import reads it back. Each item is
// mapped by the same functions the collections layer uses for the folder layout, so a bundle and a folder
// always say the same thing.
import type { Collection, CollectionItem, Environment } from '../../../shared/collections/collection-model'
import {
  OPENCOLLECTION_VERSION,
  readCollectionFile,
  readEnvironmentFile,
  readFolderFile,
  readRequestFile,
  writeCollectionFile,
  writeEnvironmentFile,
  writeFolderFile,
  writeRequestFile
} from '../collections/opencollection-format'
import { renderNewFile, type Plain } from '../collections/yaml-files'
import type { ReportBuilder } from './import-report'
import { ImportError, isRecord, list, text } from './input-documents'
import { folderItem, itemName, requestItem } from './model-builders'

export function looksLikeOpenCollectionBundle(doc: unknown): boolean {
  return isRecord(doc) && (typeof doc.opencollection === 'string' || typeof doc.opencollection === 'number') && (Array.isArray(doc.items) || doc.bundled === true)
}

function isFolder(raw: Record<string, unknown>): boolean {
  return Array.isArray(raw.items) || (isRecord(raw.info) && raw.info.type === 'folder')
}

export function importOpenCollectionBundle(doc: unknown, file: string, report: ReportBuilder): Collection {
  if (!isRecord(doc)) throw new ImportError('import-invalid', `${file} is not an OpenCollection file.`, { file })
  const { items: rawItems, config, bundled: _bundled, ...rootFields } = doc
  const root = readCollectionFile(rootFields)
  if (!root.ok) throw new ImportError(/version/i.test(root.message) ? 'import-unsupported-version' : 'import-invalid', `${file}: ${root.message}`, { file })

  const walk = (raw: unknown[], chain: string): CollectionItem[] => {
    const out: CollectionItem[] = []
    raw.filter(isRecord).forEach((entry, index) => {
      const fallback = `item ${index + 1}`
      const label = chain ? `${chain} / ${text(isRecord(entry.info) ? entry.info.name : undefined, fallback)}` : text(isRecord(entry.info) ? entry.info.name : undefined, fallback)
      if (isFolder(entry)) {
        const { items, ...folderFields } = entry
        const folder = readFolderFile(folderFields)
        if (!folder.ok) {
          report.notMapped(label, `not imported: ${folder.message}`)
          return
        }
        const name = itemName(folder.value.name, fallback, report)
        out.push(folderItem(name, folder.value.seq ?? out.length + 1, folder.value.defaults, walk(list(items), label), folder.value.docs, folder.value.extra))
        return
      }
      const request = readRequestFile(entry, fallback, { root: '' })
      if (!request.ok) {
        report.notMapped(label, `not imported: ${request.message}`)
        return
      }
      out.push(requestItem(request.value.spec, request.value.seq ?? out.length + 1, request.value.docs, request.value.extra))
    })
    return out
  }
  const environments: Environment[] = []
  for (const [index, raw] of list(isRecord(config) ? config.environments : undefined).entries()) {
    const read = readEnvironmentFile(raw, `environment-${index + 1}`)
    if (read.ok) environments.push(read.value.environment)
    else report.notMapped(`environment ${index + 1}`, `not imported: ${read.message}`)
  }
  const name = itemName(root.value.name, file.replace(/\.ya?ml$/i, ''), report)
  return { root: '', name, version: root.value.version, defaults: root.value.defaults, items: walk(list(rawItems), ''), environments, ...(root.value.docs ? { docs: root.value.docs } : {}), ...(root.value.extra ? { extra: root.value.extra } : {}) }
}

/** The collection as one OpenCollection YAML file (`bundled: true`), in the folder layout's key order. */
export function exportOpenCollectionBundle(collection: Collection): string {
  const items = (list: readonly CollectionItem[]): Plain[] =>
    [...list]
      .filter((item) => item.kind !== 'unreadable')
      .sort((a, b) => (a as { seq: number }).seq - (b as { seq: number }).seq)
      .map((item) => {
        if (item.kind === 'folder') return { ...writeFolderFile({ name: item.name, seq: item.seq, defaults: item.defaults, docs: item.docs, extra: item.extra as Plain | undefined }), items: items(item.items) }
        if (item.kind === 'request') return writeRequestFile({ seq: item.seq, spec: item.spec, docs: item.docs, extra: item.extra as Plain | undefined }, { root: collection.root || '.' })
        return {}
      })
  const root = writeCollectionFile({ name: collection.name, version: collection.version || OPENCOLLECTION_VERSION, defaults: collection.defaults, docs: collection.docs, extra: collection.extra as Plain | undefined })
  const environments = collection.environments.map(({ name, profileId, variables }) => writeEnvironmentFile({ name, variables, ...(profileId ? { profileId } : {}) }))
  const { opencollection, info, ...rest } = root
  return renderNewFile({
    opencollection,
    info,
    ...(environments.length > 0 ? { config: { environments } } : {}),
    ...rest,
    items: items(collection.items),
    bundled: true
  })
}
