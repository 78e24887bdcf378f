// What an import tells the person, collected while a converter walks its input: each item that did not map
// (with the reason), and notes. A note that applies to many requests (Adobe's collection has the same
// boilerplate script on 453 of its 455 requests) is counted once and rendered with the count, so the
// report stays readable: "Dropped Adobe's empty-variable pre-request script from 120 requests: …".
import { requestsInOrder, type Collection, type CollectionItem, type ImportReport } from '../../../shared/collections/collection-model'

export class ReportBuilder {
  private readonly notes: string[] = []
  private readonly counted = new Map<string, { count: number; render: (count: number) => string; at: number }>()
  private readonly unmapped: ImportReport['unmapped'] = []

  /** A note shown once, however often it is added. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text)
  }

  /** A note about many items: `render` receives how many times `key` was counted. */
  count(key: string, render: (count: number) => string, by = 1): void {
    const entry = this.counted.get(key)
    if (entry) entry.count += by
    else this.counted.set(key, { count: by, render, at: this.notes.length })
  }

  /** An item of the input that is not in the result (or only partly): what it was, and why. */
  notMapped(item: string, reason: string): void {
    if (!this.unmapped.some((entry) => entry.item === item && entry.reason === reason)) this.unmapped.push({ item, reason })
  }

  finish(collection: Pick<Collection, 'items' | 'environments'>): ImportReport {
    const notes = [...this.notes]
    // Counted notes go where their first occurrence was, so the report reads in the order things were found.
    // Spliced from the end, so earlier positions stay valid; ties keep the order they were first counted in.
    const countedNotes = [...this.counted.values()].map((entry, order) => ({ ...entry, order })).sort((a, b) => b.at - a.at || b.order - a.order)
    for (const entry of countedNotes) notes.splice(entry.at, 0, entry.render(entry.count))
    return {
      requests: requestsInOrder(collection.items).length,
      folders: countFolders(collection.items),
      environments: collection.environments.length,
      unmapped: [...this.unmapped],
      notes
    }
  }
}

function countFolders(items: readonly CollectionItem[]): number {
  let total = 0
  for (const item of items) if (item.kind === 'folder') total += 1 + countFolders(item.items)
  return total
}

/** `n request(s)` in words. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
