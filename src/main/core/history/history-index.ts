// What history keeps in memory per entry once the History area is opened: the list row, where the entry's
// line is on disk, and one lower-cased search text. Bodies stay on disk; the search text holds the URL,
// method, status, Adobe's request id, the error, up to 24 Reactor ids and the first kilobyte of each body,
// which is what people search by. A term that is only deeper in a body is found by a deep search, which reads
// the segments (bench/history-search.ts measures both).
import type { HistoryListItem } from '../../../shared/ipc/history.contract'
import type { HistoryEntry, StatusClass } from './history-entry'
import { reactorIds, statusClassOf } from './history-entry'

export type { HistoryListItem }

export interface IndexRecord {
  item: HistoryListItem
  /** Segment file name and the line's byte range in it. */
  segment: string
  offset: number
  length: number
  haystack: string
}

const MAX_IDS = 24
const REQUEST_EXCERPT = 1024
const RESPONSE_EXCERPT = 1024

export function listItemOf(entry: HistoryEntry): HistoryListItem {
  return {
    id: entry.id,
    startedAt: entry.startedAt,
    method: entry.request.method,
    url: entry.request.url,
    ...(entry.response ? { status: entry.response.status, statusText: entry.response.statusText } : {}),
    statusClass: statusClassOf(entry),
    durationMs: entry.durationMs,
    source: entry.source,
    ...(entry.profile?.id ? { profileId: entry.profile.id } : {}),
    ...(entry.profile?.name ? { profileName: entry.profile.name } : {}),
    ...(entry.profile?.environmentLabel ? { environmentLabel: entry.profile.environmentLabel } : {}),
    ...(entry.adobeRequestId ? { adobeRequestId: entry.adobeRequestId } : {}),
    ...(entry.error ? { errorCode: entry.error.code, errorMessage: entry.error.message } : {})
  }
}

export function haystackOf(entry: HistoryEntry): string {
  const requestText = entry.request.body?.text ?? ''
  const responseText = entry.response?.body.text ?? ''
  const ids = reactorIds([entry.request.url, requestText, responseText], MAX_IDS)
  return [
    entry.request.method,
    entry.request.url,
    entry.response ? `${entry.response.status} ${entry.response.statusText}` : 'error',
    entry.adobeRequestId ?? '',
    entry.error ? `${entry.error.code} ${entry.error.message}` : '',
    entry.profile?.name ?? '',
    ids.join(' '),
    requestText.slice(0, REQUEST_EXCERPT),
    responseText.slice(0, RESPONSE_EXCERPT)
  ]
    .join('\n')
    .toLowerCase()
}

export interface HistoryFilters {
  statusClasses?: readonly StatusClass[]
  methods?: readonly string[]
  profileIds?: readonly string[]
}

export function matchesFilters(item: HistoryListItem, filters: HistoryFilters | undefined): boolean {
  if (!filters) return true
  if (filters.statusClasses?.length && !filters.statusClasses.includes(item.statusClass)) return false
  if (filters.methods?.length && !filters.methods.includes(item.method)) return false
  if (filters.profileIds?.length && !(item.profileId && filters.profileIds.includes(item.profileId))) return false
  return true
}

/** The query's terms, lower-cased: every one must be found (quotes keep a phrase together). */
export function queryTerms(query: string): string[] {
  const terms: string[] = []
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim().toLowerCase()
    if (term) terms.push(term)
  }
  return terms
}

export function matchesTerms(haystack: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!haystack.includes(term)) return false
  return true
}
