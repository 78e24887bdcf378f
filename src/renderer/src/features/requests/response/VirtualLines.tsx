import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'

export const ROW_HEIGHT = 20
const OVERSCAN = 24
/**
 * Tallest scroll area we ask the browser for. Chromium lays out at most ~33.5 million px (2^25), so a 50 MB
 * body's 2.3 million rows (46 million px) would be cut off; past this height scrolling is scaled instead.
 */
const MAX_SCROLL_HEIGHT = 16_000_000
/** jsdom has no layout: a viewport so tests render rows. */
const FALLBACK_VIEWPORT = 600

interface Props {
  count: number
  /** Null while the row has not arrived from the body worker: nothing is drawn for it yet. */
  renderRow(index: number): ReactNode
  /** Told which rows (with overscan) the screen needs, whenever that changes. */
  onRange?(start: number, end: number): void
  /** Scrolls this row into view when it changes (search navigation). */
  scrollTo?: number
  label: string
  testId?: string
}

/**
 * Renders only the rows on screen (plus an overscan): the DOM stays the same size for any body. Rows all
 * have ROW_HEIGHT, so which rows are visible is arithmetic; a general virtualiser (@tanstack/react-virtual)
 * kept a measurement object per row, and building 2.3 million of them for a 50 MB body was a 130 ms task.
 */
export function VirtualLines({ count, renderRow, onRange, scrollTo, label, testId }: Props) {
  const parentRef = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)

  // The height comes from the ResizeObserver's first callback, which the browser delivers after its own
  // layout of the frame: reading clientHeight here, on mount, forced a synchronous layout of the whole
  // response view inside the task that mounts it (12-17 ms of the 40 ms CPU of that task, profiled in
  // Chromium on the large-bodies bench), then a second render and commit in the same task.
  useLayoutEffect(() => {
    const element = parentRef.current
    if (!element) return
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT)
    if (typeof ResizeObserver === 'undefined') return measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const total = count * ROW_HEIGHT
  const height = Math.min(total, MAX_SCROLL_HEIGHT)
  // Content offset per scrolled pixel: 1 until the cap, then a little more, so the last row is reachable.
  const scale = total > height && height > viewport ? (total - viewport) / (height - viewport) : 1
  const offset = Math.min(scrollTop, Math.max(0, height - viewport)) * scale
  const first = Math.max(0, Math.floor(offset / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(count, Math.ceil((offset + viewport) / ROW_HEIGHT) + OVERSCAN)

  useEffect(() => {
    onRange?.(first, last)
  }, [onRange, first, last])

  const scrollToRow = useCallback(
    (index: number) => {
      const element = parentRef.current
      if (!element) return
      const centred = index * ROW_HEIGHT - viewport / 2 + ROW_HEIGHT / 2
      element.scrollTop = Math.max(0, centred / scale)
      setScrollTop(element.scrollTop)
    },
    [viewport, scale]
  )
  useEffect(() => {
    if (scrollTo !== undefined && scrollTo >= 0 && scrollTo < count) scrollToRow(scrollTo)
    // Only a new target scrolls; a resize must not pull the view back to the last match.
  }, [scrollTo, count])

  const rows: ReactNode[] = []
  for (let index = first; index < last; index++) {
    const row = renderRow(index)
    if (row === null) continue
    const top = scrollTop - offset + index * ROW_HEIGHT
    rows.push(
      <div key={index} className="rq-line" data-index={index} style={{ transform: `translateY(${top}px)` }}>
        {row}
      </div>
    )
  }
  return (
    <div
      ref={parentRef}
      className="rq-lines"
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      data-row-count={count}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="rq-lines-inner" style={{ height }}>
        {rows}
      </div>
    </div>
  )
}
