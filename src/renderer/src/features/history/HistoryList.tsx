// The History list: newest first, grouped by day under sticky day headers, virtualised. Rows and headers have
// fixed heights, so where a row is comes from arithmetic over the day starts known so far; only the rows on
// screen (plus an overscan) are in the DOM, whatever the number of calls (10,000 draw as ~30 rows).
//
// A WAI-ARIA listbox with aria-activedescendant: the list itself holds focus; arrows, Page Up/Down, Home/End
// move; Shift extends the selection, Space toggles one row, Enter opens the call in a new tab. Day headers sit
// outside the listbox (aria-hidden): each option says its day in its own name.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { HistoryListItem } from '@shared/ipc/history.contract'
import { MethodBadge } from '../requests/builder/MethodBadge'
import { dayLabel, durationText, hostOf, pathOf, statusTone, timeOfDay } from './history-format'

export const ROW_HEIGHT = 52
export const HEADER_HEIGHT = 30
const OVERSCAN = 8
/** jsdom has no layout: a viewport so tests render rows. */
const FALLBACK_VIEWPORT = 600

interface Props {
  total: number
  itemAt(index: number): HistoryListItem | undefined
  /** Sorted indexes where a day starts (0 first). */
  dayStarts: readonly number[]
  ensureRange(first: number, last: number): void
  activeIndex: number | undefined
  selected: ReadonlySet<string>
  /** The profile's Reactor host: other hosts are written out on the row. */
  profileHost?: string
  onActivate(index: number, how: { extend: boolean; toggle: boolean }): void
  onToggle(index: number): void
  onOpen(index: number): void
  label: string
}

/** How many day starts are at or before `index` (binary search). */
function startsUpTo(starts: readonly number[], index: number): number {
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (starts[mid]! <= index) lo = mid + 1
    else hi = mid
  }
  return lo
}

export function rowTop(starts: readonly number[], index: number): number {
  return index * ROW_HEIGHT + startsUpTo(starts, index) * HEADER_HEIGHT
}

/** The row at (or just above) a scroll position. */
function rowAt(starts: readonly number[], total: number, y: number): number {
  let lo = 0
  let hi = Math.max(0, total - 1)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (rowTop(starts, mid) <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** A comma and space for screen readers between the row's parts (the eye has the gaps). */
function Sep({ text = ', ' }: { text?: string }) {
  return <span className="visually-hidden">{text}</span>
}

export function HistoryList(props: Props) {
  const { total, itemAt, dayStarts, ensureRange, activeIndex, selected } = props
  const base = useId()
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)
  /** The first row on screen and how far into it the view starts: kept in place when headers appear above it. */
  const anchor = useRef({ index: 0, within: 0 })

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const height = total * ROW_HEIGHT + dayStarts.length * HEADER_HEIGHT
  const first = total === 0 ? 0 : rowAt(dayStarts, total, scrollTop)
  const last = total === 0 ? 0 : Math.min(total, rowAt(dayStarts, total, scrollTop + viewport) + 1)
  const from = Math.max(0, first - OVERSCAN)
  const to = Math.min(total, last + OVERSCAN)

  useEffect(() => {
    ensureRange(from, to)
  }, [ensureRange, from, to])

  // A page that arrives above the view brings day headers with it: the row on screen stays where it was.
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || total === 0) return
    const wantTop = rowTop(dayStarts, anchor.current.index) + anchor.current.within
    if (Math.abs(element.scrollTop - wantTop) > 1 && element.scrollTop > 0) {
      element.scrollTop = wantTop
      setScrollTop(element.scrollTop)
    }
  }, [dayStarts, total])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    const top = element.scrollTop
    const index = rowAt(dayStarts, total, top)
    anchor.current = { index, within: top - rowTop(dayStarts, index) }
    setScrollTop(top)
  }

  const scrollIntoView = useCallback(
    (index: number) => {
      const element = scroller.current
      if (!element) return
      const top = rowTop(dayStarts, index)
      // The sticky header covers the top of the view.
      if (top - HEADER_HEIGHT < element.scrollTop) element.scrollTop = Math.max(0, top - HEADER_HEIGHT)
      else if (top + ROW_HEIGHT > element.scrollTop + viewport) element.scrollTop = top + ROW_HEIGHT - viewport
      onScroll()
    },
    // onScroll reads the element and the current starts only.
    [dayStarts, viewport, total]
  )

  useEffect(() => {
    if (activeIndex !== undefined) scrollIntoView(activeIndex)
    // Only a new active row scrolls; new pages must not pull the view back to it.
  }, [activeIndex])

  const pageRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1)
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return
    const at = activeIndex ?? -1
    let next: number | undefined
    if (event.key === 'ArrowDown') next = Math.min(total - 1, at + 1)
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1)
    else if (event.key === 'PageDown') next = Math.min(total - 1, Math.max(0, at) + pageRows)
    else if (event.key === 'PageUp') next = Math.max(0, at - pageRows)
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = total - 1
    else if (event.key === ' ' && activeIndex !== undefined) {
      event.preventDefault()
      props.onToggle(activeIndex)
      return
    } else if (event.key === 'Enter' && activeIndex !== undefined) {
      event.preventDefault()
      props.onOpen(activeIndex)
      return
    }
    if (next === undefined) return
    event.preventDefault()
    props.onActivate(next, { extend: event.shiftKey, toggle: false })
  }

  const onRowClick = (event: MouseEvent, index: number) => {
    props.onActivate(index, { extend: event.shiftKey, toggle: event.ctrlKey || event.metaKey })
  }

  // The sticky header names the day of the row at the top, and is pushed up by the next day's header.
  const topItem = total > 0 ? itemAt(first) : undefined
  const nextStart = dayStarts[startsUpTo(dayStarts, first)]
  const push = nextStart !== undefined ? Math.min(0, rowTop(dayStarts, nextStart) - HEADER_HEIGHT - scrollTop - HEADER_HEIGHT) : 0

  const options = useMemo(() => {
    const rows = []
    for (let index = from; index < to; index++) {
      const item = itemAt(index)
      const top = rowTop(dayStarts, index)
      const isSelected = item ? selected.has(item.id) : false
      const host = item ? hostOf(item.url) : undefined
      rows.push(
        <div
          key={index}
          id={`${base}-option-${index}`}
          role="option"
          aria-selected={isSelected}
          aria-posinset={index + 1}
          aria-setsize={total}
          aria-label={item ? undefined : 'Loading…'}
          className={`hi-row${index === activeIndex ? ' hi-row-active' : ''}${isSelected ? ' hi-row-selected' : ''}`}
          style={{ transform: `translateY(${top}px)` }}
          data-index={index}
          data-testid="history-row"
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => {
            scroller.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus()
            onRowClick(event, index)
          }}
          onDoubleClick={() => props.onOpen(index)}
        >
          {item ? (
            <>
              {/* The option's name is its text: hidden words make it read as a sentence ("GET /companies, 200 OK, Today 14:03:22, 120 ms, …"). */}
              <div className="hi-row-line">
                <MethodBadge method={item.method} />
                <span className="visually-hidden"> </span>
                <span className="hi-row-path mono" title={item.url}>
                  {host && host !== props.profileHost && <span className="hi-row-host">{host} </span>}
                  {pathOf(item.url)}
                </span>
                <span className="visually-hidden">, </span>
                <span className={`rq-status hi-row-status ${statusTone(item)}`}>
                  {item.status ?? 'Failed'}
                  {item.status !== undefined && item.statusText && <span className="visually-hidden"> {item.statusText}</span>}
                </span>
              </div>
              <div className="hi-row-meta">
                <span className="visually-hidden">, {dayLabel(item.startedAt)} </span>
                <span className="hi-row-time">{timeOfDay(item.startedAt)}</span>
                <Sep />
                <span>{durationText(item.durationMs)}</span>
                {item.profileName && (
                  <>
                    <Sep />
                    <span className="hi-row-profile">{item.profileName}</span>
                  </>
                )}
                {item.source !== 'app' && (
                  <>
                    <Sep />
                    <span className="hi-tag">{item.source === 'fetch-all' ? 'fetch all' : item.source}</span>
                  </>
                )}
                {item.adobeRequestId && (
                  <>
                    <Sep text=", request id " />
                    <span className="hi-row-rid mono" title={`Adobe request id ${item.adobeRequestId}`}>{item.adobeRequestId}</span>
                  </>
                )}
                {!item.adobeRequestId && item.errorMessage && (
                  <>
                    <Sep />
                    <span className="hi-row-error" title={item.errorMessage}>{item.errorMessage}</span>
                  </>
                )}
              </div>
            </>
          ) : (
            <div className="hi-row-line hi-row-loading" aria-hidden="true"><span className="hi-skeleton" /></div>
          )}
        </div>
      )
    }
    return rows
    // itemAt changes whenever a page arrives.
  }, [from, to, itemAt, dayStarts, selected, activeIndex, total, base, props.profileHost])

  const headers = useMemo(() => {
    const shownStarts = dayStarts.filter((start) => start >= from && start < to)
    return shownStarts.map((start) => {
      const item = itemAt(start)
      return (
        <div key={start} className="hi-day" style={{ transform: `translateY(${rowTop(dayStarts, start) - HEADER_HEIGHT}px)` }}>
          {item ? dayLabel(item.startedAt) : ''}
        </div>
      )
    })
  }, [dayStarts, from, to, itemAt])

  return (
    <div ref={scroller} className="hi-scroll" onScroll={onScroll} data-testid="history-list" data-total={total}>
      {topItem && (
        <div className="hi-day hi-day-sticky" aria-hidden="true" style={{ transform: `translateY(${push}px)` }} data-testid="history-sticky-day">
          {dayLabel(topItem.startedAt)}
        </div>
      )}
      <div className="hi-canvas" style={{ height }}>
        <div aria-hidden="true">{headers}</div>
        <div
          role="listbox"
          aria-label={props.label}
          aria-multiselectable="true"
          aria-activedescendant={activeIndex !== undefined && activeIndex >= from && activeIndex < to ? `${base}-option-${activeIndex}` : undefined}
          tabIndex={0}
          className="hi-listbox"
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (activeIndex === undefined && total > 0 && itemAt(0)) props.onActivate(Math.min(first, total - 1), { extend: false, toggle: false })
          }}
        >
          {options}
        </div>
      </div>
    </div>
  )
}
