import type { CatalogData, CatalogGroup, CatalogMethod, CatalogOperation } from './catalog-types'
import generated from './reactor-catalog.generated.json'

export type * from './catalog-types'

// The generated JSON is the single source; the cast keeps tsc from inferring a type from 500 KB of literals.
const data = generated as unknown as CatalogData

/** The catalog, grouped by resource in the spec's tag order. */
export const catalogGroups: readonly CatalogGroup[] = data.groups

/** Every operation once (an operation appears in exactly one group). */
export const catalogOperations: readonly CatalogOperation[] = data.groups.flatMap((group) => group.operations)

export const catalogInfo = { generatedFrom: data.generatedFrom, counts: data.counts }

const byId = new Map(catalogOperations.map((op) => [op.id, op]))

export function getOperation(id: string): CatalogOperation | undefined {
  return byId.get(id)
}

function normalise(text: string): string {
  return text.toLowerCase()
}

/**
 * Operations matching every word of `query` (case-insensitive) in method, path, group, summary, id or
 * filter names; an empty query returns all. Ranked: summary/path hits before description-only hits.
 */
export function searchCatalog(query: string): CatalogOperation[] {
  const words = normalise(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...catalogOperations]
  const scored: Array<{ op: CatalogOperation; score: number; index: number }> = []
  catalogOperations.forEach((op, index) => {
    const strong = normalise(`${op.method} ${op.path} ${op.group} ${op.summary} ${op.id}`)
    const weak = normalise(`${op.tags.join(' ')} ${op.filters.map((f) => f.param).join(' ')} ${op.description}`)
    let score = 0
    for (const word of words) {
      if (strong.includes(word)) score += 2
      else if (weak.includes(word)) score += 1
      else return
    }
    scored.push({ op, score, index })
  })
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.op)
}

/** Fills `{PLACEHOLDER}`s; missing values stay as placeholders so the user sees what is left to pick. */
export function buildOperationPath(op: Pick<CatalogOperation, 'path'>, values: Record<string, string | undefined>): string {
  return op.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = values[name]
    return value ? encodeURIComponent(value) : whole
  })
}

/** The catalog operation a concrete request matches (`GET /rules/RL123/libraries` -> listRuleLibraries-like op). */
export function matchOperation(method: string, pathOrUrl: string): CatalogOperation | undefined {
  let path = pathOrUrl
  try {
    if (/^https?:\/\//i.test(pathOrUrl)) path = new URL(pathOrUrl).pathname
  } catch {
    return undefined
  }
  path = path.split('?')[0].replace(/\/+$/, '') || '/'
  const segments = path.split('/')
  const upper = method.toUpperCase() as CatalogMethod
  let best: CatalogOperation | undefined
  let bestLiterals = -1
  for (const op of catalogOperations) {
    if (op.method !== upper) continue
    const template = op.path.split('/')
    if (template.length !== segments.length) continue
    let literals = 0
    const fits = template.every((part, i) => {
      if (part.startsWith('{')) return segments[i].length > 0
      literals += 1
      return part === segments[i]
    })
    // The most literal template wins: `/libraries/{id}/relationships/rules` over a hypothetical `/{a}/{b}/...`.
    if (fits && literals > bestLiterals) {
      best = op
      bestLiterals = literals
    }
  }
  return best
}
