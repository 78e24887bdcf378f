import type { CatalogGroup, CatalogOperation } from '@shared/catalog/catalog'

/** Groups filtered to operations matching every word (method, path, summary, group, filters). */
export function filterCatalog(groups: readonly CatalogGroup[], query: string): Array<{ name: string; operations: CatalogOperation[] }> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const out: Array<{ name: string; operations: CatalogOperation[] }> = []
  for (const group of groups) {
    const operations = group.operations.filter((op) => {
      if (words.length === 0) return true
      const hay = `${op.method} ${op.path} ${op.summary} ${group.name} ${op.id} ${op.filters.map((f) => f.attribute).join(' ')}`.toLowerCase()
      return words.every((word) => hay.includes(word))
    })
    if (operations.length > 0) out.push({ name: group.name, operations })
  }
  return out
}
