// JSON:API list documents as Reactor returns them (reactor-api.md §3.3–3.4): `data` array plus
// `meta.pagination = {current_page, next_page, prev_page, total_pages, total_count}`.

export interface ReactorPagination {
  current_page: number
  next_page: number | null
  prev_page: number | null
  total_pages: number
  total_count: number
}

export interface ListDocument {
  data: unknown[]
  meta?: Record<string, unknown> & { pagination?: unknown }
  links?: Record<string, unknown>
  [member: string]: unknown
}

export function isListDocument(value: unknown): value is ListDocument {
  return typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data)
}

/** The document's pagination when it has a usable one (numbers where Reactor puts numbers). */
export function readPagination(document: ListDocument): ReactorPagination | undefined {
  const raw = document.meta?.pagination as Partial<ReactorPagination> | undefined
  if (!raw || typeof raw !== 'object') return undefined
  if (typeof raw.total_pages !== 'number' || !Number.isFinite(raw.total_pages) || raw.total_pages < 0) return undefined
  return {
    current_page: typeof raw.current_page === 'number' ? raw.current_page : 1,
    next_page: typeof raw.next_page === 'number' ? raw.next_page : null,
    prev_page: typeof raw.prev_page === 'number' ? raw.prev_page : null,
    total_pages: raw.total_pages,
    total_count: typeof raw.total_count === 'number' ? raw.total_count : 0
  }
}

export interface MergeInfo {
  pagesFetched: number
  pageSize: number
  /** What page 1 reported; differs from the merged count if the list changed while paging. */
  reportedTotalCount: number
  reportedTotalPages: number
  /** True when `maxPages` stopped the walk before the last page. */
  truncated: boolean
}

/**
 * One document whose `data` is every page's data in page order. `meta.pagination` describes the merged
 * result as a single page; `meta.merged` says how it was obtained. Page links are dropped: they pointed at
 * one page of the original listing and would mislead.
 */
export function mergePages(pages: readonly ListDocument[], info: MergeInfo): ListDocument {
  const data = pages.flatMap((page) => page.data)
  const first = pages[0]
  const { pagination: _pagination, ...restMeta } = first?.meta ?? {}
  void _pagination
  return {
    data,
    meta: {
      ...restMeta,
      pagination: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: data.length },
      merged: {
        pages_fetched: info.pagesFetched,
        page_size: info.pageSize,
        reported_total_count: info.reportedTotalCount,
        reported_total_pages: info.reportedTotalPages,
        truncated: info.truncated,
        consistent: !info.truncated && data.length === info.reportedTotalCount
      }
    }
  }
}
