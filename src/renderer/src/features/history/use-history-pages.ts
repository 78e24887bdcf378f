// The History list as pages: only the pages the screen shows are asked for (100 rows each), so 10,000 calls
// cost what one screen costs. A new query, filter or a change in the history (a call recorded, deleted,
// pruned) starts again from the first page; the rows already shown stay until their replacements arrive.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { HistoryListItem, HistoryPage, StatusClass } from '@shared/ipc/history.contract'
import type { HttpMethod } from '@shared/requests/request-spec'
import { api, unwrap } from '../../api/client'
import { errorMessage } from './curl-commands'
import { dayKey } from './history-format'

export const PAGE_SIZE = 100
/** Bursts of recorded calls (a replay of 40 requests, a collection run) reload the list once. */
const CHANGE_DEBOUNCE_MS = 250
/** Typing in the search box asks main once the person pauses. */
const QUERY_DEBOUNCE_MS = 200

export interface HistoryQuery {
  text: string
  /** Also read every body from disk (history:search `deep`). */
  deep: boolean
  statusClasses: StatusClass[]
  methods: HttpMethod[]
  profileIds: string[]
}

export const EMPTY_QUERY: HistoryQuery = { text: '', deep: false, statusClasses: [], methods: [], profileIds: [] }

export function filtersOf(query: HistoryQuery) {
  const filters = {
    ...(query.statusClasses.length ? { statusClasses: query.statusClasses } : {}),
    ...(query.methods.length ? { methods: query.methods } : {}),
    ...(query.profileIds.length ? { profileIds: query.profileIds } : {})
  }
  return Object.keys(filters).length ? filters : undefined
}

export function isFiltered(query: HistoryQuery): boolean {
  return query.text.trim() !== '' || filtersOf(query) !== undefined
}

/** One page of the list for `query` (search when there is text, list otherwise). */
export async function fetchPage(query: HistoryQuery, offset: number, limit = PAGE_SIZE): Promise<HistoryPage> {
  const filters = filtersOf(query)
  const text = query.text.trim()
  if (text) return unwrap(api().searchHistory({ query: text, offset, limit, ...(filters ? { filters } : {}), ...(query.deep ? { deep: true } : {}) }))
  return unwrap(api().listHistory({ offset, limit, ...(filters ? { filters } : {}) }))
}

interface Loaded {
  /** Which query (and history version) these pages answer. */
  key: string
  total: number
  pages: ReadonlyMap<number, HistoryListItem[]>
}

export function useHistoryPages(query: HistoryQuery) {
  const [debounced, setDebounced] = useState(query)
  const [version, setVersion] = useState(0)
  const [loaded, setLoaded] = useState<Loaded | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [notices, setNotices] = useState<HistoryPage['notices']>([])
  const inFlight = useRef(new Set<string>())
  const wanted = useRef<{ first: number; last: number }>({ first: 0, last: PAGE_SIZE })

  // Text waits for a pause; a toggle or filter applies at once.
  useEffect(() => {
    if (query.text === debounced.text) {
      if (query !== debounced) setDebounced(query)
      return
    }
    const timer = setTimeout(() => setDebounced(query), QUERY_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query, debounced])

  useEffect(() => {
    const subscribe = window.api?.onHistoryChanged
    if (!subscribe) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = subscribe(() => {
      clearTimeout(timer)
      timer = setTimeout(() => setVersion((n) => n + 1), CHANGE_DEBOUNCE_MS)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [])

  const key = useMemo(() => JSON.stringify([debounced, version]), [debounced, version])
  const keyRef = useRef(key)
  keyRef.current = key

  const load = useCallback(
    (page: number) => {
      const forKey = keyRef.current
      const flight = `${forKey}#${page}`
      if (inFlight.current.has(flight)) return
      inFlight.current.add(flight)
      fetchPage(debounced, page * PAGE_SIZE)
        .then((result) => {
          if (keyRef.current !== forKey) return
          setError(undefined)
          setNotices(result.notices)
          setLoaded((current) => {
            // The first answer for a new key replaces what was shown; later pages add to it.
            const pages = new Map(current?.key === forKey ? current.pages : [])
            pages.set(page, result.items)
            return { key: forKey, total: result.total, pages }
          })
        })
        .catch((failure: unknown) => {
          if (keyRef.current === forKey) setError(`The history could not be read: ${errorMessage(failure)}`)
        })
        .finally(() => inFlight.current.delete(flight))
    },
    [debounced]
  )

  // A new key: the first page and the pages on screen, again.
  useEffect(() => {
    const { first, last } = wanted.current
    load(0)
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(Math.max(first, last - 1) / PAGE_SIZE); page++) if (page > 0) load(page)
  }, [key, load])

  const current = loaded?.key === key ? loaded : undefined
  /** Shown while the new key's first page is on its way: the previous rows, not an empty flash. */
  const shown = current ?? loaded

  /** The list asks for the rows it is about to draw. */
  const ensureRange = useCallback(
    (first: number, last: number) => {
      wanted.current = { first, last }
      const total = shown?.total ?? 0
      const end = Math.min(last, total)
      for (let page = Math.floor(first / PAGE_SIZE); page * PAGE_SIZE < end; page++) {
        if (!current?.pages.has(page)) load(page)
      }
    },
    [current, shown?.total, load]
  )

  const itemAt = useCallback(
    (index: number): HistoryListItem | undefined => shown?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [shown]
  )

  /** Indexes where a new day starts, among the rows known (row 0 always starts one). */
  const dayStarts = useMemo(() => {
    if (!shown || shown.total === 0) return []
    const starts: number[] = []
    const pages = [...shown.pages.keys()].sort((a, b) => a - b)
    let previousIndex = -2
    let previousDay: string | undefined
    for (const page of pages) {
      const items = shown.pages.get(page)!
      items.forEach((item, i) => {
        const index = page * PAGE_SIZE + i
        const day = dayKey(item.startedAt)
        if (index === 0 || (previousIndex === index - 1 && previousDay !== day)) starts.push(index)
        previousIndex = index
        previousDay = day
      })
    }
    if (starts[0] !== 0) starts.unshift(0)
    return starts
  }, [shown])

  return {
    total: shown?.total,
    /** The first page for the current query has arrived. */
    ready: current !== undefined,
    error,
    notices,
    itemAt,
    dayStarts,
    ensureRange,
    reload: useCallback(() => setVersion((n) => n + 1), []),
    query: debounced
  }
}

export type HistoryPages = ReturnType<typeof useHistoryPages>
