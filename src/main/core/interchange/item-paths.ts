// Where each imported item will live in the collection folder: a file path named from what the person named
// it, with the collections layer's rules (collections/file-names.ts): safe on every OS, `../` and reserved
// names impossible, siblings unique even on case-insensitive file systems. Order is kept in `seq`.
import type { Collection, CollectionItem } from '../../../shared/collections/collection-model'
import { folderDirName, requestFileName } from '../collections/file-names'

/** The collection with every item's `path` set (folders `rules`, requests `rules/list-rules.yml`). */
export function withFilePaths<T extends Pick<Collection, 'items'>>(collection: T): T {
  const assign = (items: readonly CollectionItem[], parent: string): CollectionItem[] => {
    const taken: string[] = []
    return items.map((item) => {
      if (item.kind === 'unreadable') return item
      const name = item.kind === 'folder' ? folderDirName(item.name, taken, parent === '') : requestFileName(item.spec.name, taken)
      taken.push(name)
      const path = parent ? `${parent}/${name}` : name
      return item.kind === 'folder' ? { ...item, path, items: assign(item.items, path) } : { ...item, path }
    })
  }
  return { ...collection, items: assign(collection.items, '') }
}
