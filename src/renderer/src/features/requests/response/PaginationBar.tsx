import { useLayoutEffect, useRef, type RefObject } from 'react'
import type { RequestProgress } from '@shared/contract'
import type { JsonApiSummary } from './json-document'
import { countOf } from '../../../ui/plural'

export type FetchAllState =
  | { state: 'idle' }
  | { state: 'running'; requestId: string; progress?: RequestProgress }
  | { state: 'failed'; message: string }

interface Props {
  summary: JsonApiSummary
  merged?: { pages: number; totalCount: number }
  fetchAll: FetchAllState
  onGoToPage(page: number): void
  onFetchAll(): void
  onCancelFetchAll(): void
  onOpenUrl(url: string): void
  /** The control (`data-focus-key`) pressed before the page was replaced: focus goes back to it when it is here. */
  focusReturn?: RefObject<string | null>
}

/** `meta.pagination` and top-level `links`: page N of M, previous/next, and Fetch all pages. */
export function PaginationBar({ summary, merged, fetchAll, onGoToPage, onFetchAll, onCancelFetchAll, onOpenUrl, focusReturn }: Props) {
  const bar = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const key = focusReturn?.current
    if (!focusReturn || !key || key === 'response') return
    focusReturn.current = null
    // Only while focus is still parked on the response (where the viewer kept it), never taken from elsewhere.
    const response = bar.current?.closest('section')
    if (document.activeElement !== response && document.activeElement !== document.body) return
    const target = [...(bar.current?.querySelectorAll<HTMLButtonElement>('[data-focus-key]') ?? [])].find((button) => button.dataset['focusKey'] === key && !button.disabled)
    target?.focus()
  }, [focusReturn])
  const pagination = summary.pagination
  const linkButtons = summary.links.filter(([name]) => name !== 'self' || !pagination)
  if (!pagination && linkButtons.length === 0 && !merged) return null
  const running = fetchAll.state === 'running'
  const progress = running ? fetchAll.progress : undefined
  const percent = progress?.pagesTotal ? Math.round(((progress.pagesDone ?? 0) / progress.pagesTotal) * 100) : undefined
  return (
    <div ref={bar} className="rq-pagination" role="navigation" aria-label="Pagination">
      {merged ? (
        <span className="rq-pagination-label" data-testid="merged-label">
          All {countOf(merged.totalCount, 'item')} merged
          <span className="rq-field-hint"> · fetched in {countOf(merged.pages, 'request')} of up to 100</span>
        </span>
      ) : pagination ? (
        <>
          <button type="button" className="rq-button" data-focus-key="previous-page" disabled={!pagination.prev_page} onClick={() => pagination.prev_page && onGoToPage(pagination.prev_page)}>
            ‹ Previous
          </button>
          <span className="rq-pagination-label" data-testid="pagination-label">
            Page {pagination.current_page ?? '?'} of {pagination.total_pages ?? '?'}
            {pagination.total_count !== null && <span className="rq-field-hint"> · {countOf(pagination.total_count, 'item')}</span>}
          </span>
          <button type="button" className="rq-button" data-focus-key="next-page" disabled={!pagination.next_page} onClick={() => pagination.next_page && onGoToPage(pagination.next_page)}>
            Next ›
          </button>
          {(pagination.total_pages ?? 0) > 1 &&
            (running ? (
              <span className="rq-fetch-all" role="status">
                <progress max={100} value={percent} aria-label="Fetching all pages" />
                <span className="rq-field-hint">
                  {progress?.pagesTotal ? `${progress.pagesDone ?? 0} of ${countOf(progress.pagesTotal, 'page')}` : 'Starting…'}
                </span>
                <button type="button" className="rq-button" onClick={onCancelFetchAll}>Cancel</button>
              </span>
            ) : (
              <button type="button" className="rq-button rq-button-primary-soft" onClick={onFetchAll}>
                Fetch all {countOf(pagination.total_pages ?? 0, 'page')}
              </button>
            ))}
        </>
      ) : null}
      {fetchAll.state === 'failed' && <span className="rq-error-text" role="alert">{fetchAll.message}</span>}
      {linkButtons.length > 0 && (
        <span className="rq-links">
          <span className="rq-field-hint">Links:</span>
          {linkButtons.map(([name, href]) => (
            <button key={name} type="button" className="rq-link-button" data-focus-key={`link-${name}`} title={href} onClick={() => onOpenUrl(href)}>{name}</button>
          ))}
        </span>
      )}
    </div>
  )
}
