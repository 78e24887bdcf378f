// How history shows time, days, URLs and statuses. Pure functions: the list, the detail and tests share them.
import type { HistoryListItem } from '@shared/ipc/history.contract'

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' })
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' })
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** The local calendar day of a time, as a sortable key (`2025-03-07`). */
export function dayKey(ms: number): string {
  const date = new Date(ms)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/** "Today", "Yesterday", "Tuesday 4 March" within a week, then the date with its year. */
export function dayLabel(ms: number, now = Date.now()): string {
  const key = dayKey(ms)
  if (key === dayKey(now)) return 'Today'
  const yesterday = new Date(now)
  yesterday.setDate(yesterday.getDate() - 1)
  if (key === dayKey(yesterday.getTime())) return 'Yesterday'
  if (now - ms < 6 * 24 * 3600 * 1000 && ms < now) return weekdayFormat.format(ms)
  return dateFormat.format(ms)
}

export function timeOfDay(ms: number): string {
  return timeFormat.format(ms)
}

export function fullTime(ms: number): string {
  return fullFormat.format(ms)
}

/** The path and query of a URL (what tells calls apart); the URL itself when it does not parse. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

/** What the status column says: the code, or that the call failed without an answer. */
export function statusText(item: Pick<HistoryListItem, 'status' | 'statusText' | 'errorCode'>): string {
  if (item.status !== undefined) return `${item.status}${item.statusText ? ` ${item.statusText}` : ''}`
  return 'Failed'
}

/** The CSS class of a status (the request area's colours, so the two areas agree). */
export function statusTone(item: Pick<HistoryListItem, 'status'>): string {
  const status = item.status
  if (status === undefined) return 'rq-status-5xx'
  if (status >= 500) return 'rq-status-5xx'
  if (status >= 400) return 'rq-status-4xx'
  if (status >= 300) return 'rq-status-3xx'
  if (status >= 200) return 'rq-status-2xx'
  return 'rq-status-other'
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}
