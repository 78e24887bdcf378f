// What the person picked in the command palette lately, most recent first, so the palette can rank those
// higher. Only ids ("profile:…", "operation:…") are kept: no URLs, values or names, nothing a secret could be
// in. Capped so the list stays a ranking hint, not a log: 30 ids is about 1.5 KB of localStorage.
export const RECENT_USE_KEY = 'reactor-explorer.palette-recent'
export const RECENT_USE_CAP = 30

type Store = Pick<Storage, 'getItem' | 'setItem'>

function defaultStore(): Store | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined
  } catch {
    // Storage can be refused (privacy settings); the palette then ranks without history.
    return undefined
  }
}

/** The recently used ids, most recent first; anything unreadable counts as none. */
export function readRecentUse(store: Store | undefined = defaultStore()): string[] {
  if (!store) return []
  try {
    const parsed: unknown = JSON.parse(store.getItem(RECENT_USE_KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed.filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 512).slice(0, RECENT_USE_CAP)
  } catch {
    return []
  }
}

/** Moves `id` to the front (once), drops the oldest beyond the cap, and returns the new list. */
export function recordUse(id: string, store: Store | undefined = defaultStore()): string[] {
  const next = [id, ...readRecentUse(store).filter((existing) => existing !== id)].slice(0, RECENT_USE_CAP)
  try {
    store?.setItem(RECENT_USE_KEY, JSON.stringify(next))
  } catch {
    // A full or refused storage only loses the ranking hint.
  }
  return next
}
