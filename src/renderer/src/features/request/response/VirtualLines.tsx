import { useEffect, useRef, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'

export const ROW_HEIGHT = 20

interface Props {
  count: number
  renderRow(index: number): ReactNode
  /** Scrolls this row into view when it changes (search navigation). */
  scrollTo?: number
  label: string
  testId?: string
  gutterDigits?: number
}

/** Renders only the rows on screen (plus a small overscan): the DOM stays the same size for any body. */
export function VirtualLines({ count, renderRow, scrollTo, label, testId }: Props) {
  const parentRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 24,
    // jsdom has no layout; give it a viewport so tests render rows.
    initialRect: { width: 800, height: 600 }
  })
  useEffect(() => {
    if (scrollTo !== undefined && scrollTo >= 0 && scrollTo < count) virtualizer.scrollToIndex(scrollTo, { align: 'center' })
  }, [scrollTo, count, virtualizer])
  const items = virtualizer.getVirtualItems()
  return (
    <div ref={parentRef} className="rq-lines" role="region" aria-label={label} tabIndex={0} data-testid={testId} data-row-count={count}>
      <div className="rq-lines-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <div key={item.key} className="rq-line" data-index={item.index} style={{ transform: `translateY(${item.start}px)` }}>
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  )
}
