// The palette's ranking: cmdk's own fuzzy scorer (defaultFilter, the command-score algorithm) for how well an
// item matches what was typed, lifted by how recently the person picked it. With nothing typed the recent
// picks come first in a group of their own, then each group in its usual order.
import { defaultFilter } from 'cmdk'

export type PaletteGroup = 'Recent' | 'Actions' | 'Saved requests' | 'Catalog' | 'History' | 'Profiles'

export interface PaletteItem {
  /** Stable across openings ("operation:getRules"): the recent-use store keeps it. */
  id: string
  group: Exclude<PaletteGroup, 'Recent'>
  title: string
  /** A second line: the path, the collection, the status. */
  detail?: string
  /** Other words it is found by (method, path, collection name). */
  keywords?: readonly string[]
  method?: string
  /** The keys that do the same, shown beside it ("Ctrl+T"). */
  shortcut?: string
  /** The command opens or focuses something itself; otherwise focus returns where it was. */
  movesFocus: boolean
  run(): void | Promise<void>
}

export interface RankedGroup {
  group: PaletteGroup
  items: PaletteItem[]
}

/** With nothing typed: what people open the palette for most (their saved requests) first. */
export const GROUP_ORDER: readonly Exclude<PaletteGroup, 'Recent'>[] = ['Saved requests', 'Actions', 'Profiles', 'History', 'Catalog']

/** How many of each group show before anything is typed: a first screen, not 200 catalog operations; typing finds the rest. */
const SHOWN_EMPTY: Record<Exclude<PaletteGroup, 'Recent'>, number> = { 'Saved requests': 6, Actions: 8, Profiles: 10, History: 5, Catalog: 5 }
const SHOWN_MATCHING = 12
const RECENT_SHOWN = 5
/** A recent pick's score is multiplied by up to 1.5 (the latest) down to 1 (the oldest kept): a tie-breaker that
 *  lifts an equal or slightly weaker match, never a poor one over a clearly better one. */
const RECENT_LIFT = 0.5

export function recencyFactor(id: string, recent: readonly string[]): number {
  const index = recent.indexOf(id)
  if (index < 0) return 1
  return 1 + RECENT_LIFT * (1 - index / Math.max(recent.length, 1))
}

export function matchScore(item: PaletteItem, query: string): number {
  return defaultFilter(item.title, query, [...(item.keywords ?? []), ...(item.detail ? [item.detail] : [])])
}

export function rankPaletteItems(items: readonly PaletteItem[], query: string, recent: readonly string[]): RankedGroup[] {
  const search = query.trim()
  if (!search) {
    const byId = new Map(items.map((item) => [item.id, item]))
    const recentItems = recent.map((id) => byId.get(id)).filter((item): item is PaletteItem => item !== undefined).slice(0, RECENT_SHOWN)
    const shownRecent = new Set(recentItems.map((item) => item.id))
    const groups: RankedGroup[] = recentItems.length ? [{ group: 'Recent', items: recentItems }] : []
    for (const group of GROUP_ORDER) {
      const members = items.filter((item) => item.group === group && !shownRecent.has(item.id)).slice(0, SHOWN_EMPTY[group])
      if (members.length) groups.push({ group, items: members })
    }
    return groups
  }
  const scored = items
    .map((item, order) => ({ item, order, score: matchScore(item, search) * recencyFactor(item.id, recent) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
  const groups = new Map<PaletteGroup, { best: number; items: PaletteItem[] }>()
  for (const entry of scored) {
    const bucket = groups.get(entry.item.group) ?? { best: entry.score, items: [] }
    if (bucket.items.length < SHOWN_MATCHING) bucket.items.push(entry.item)
    groups.set(entry.item.group, bucket)
  }
  return [...groups.entries()].sort((a, b) => b[1].best - a[1].best).map(([group, bucket]) => ({ group, items: bucket.items }))
}
