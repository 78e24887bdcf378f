import { useRef } from 'react'

interface Props {
  orientation: 'vertical' | 'horizontal'
  value: number
  min: number
  max: number
  onChange(value: number): void
  label: string
}

/** A draggable, keyboard-operable divider between two panes. `value` is the first pane's size in px. */
export function Splitter({ orientation, value, min, max, onChange, label }: Props) {
  const start = useRef<{ pointer: number; value: number } | undefined>(undefined)
  const clamp = (n: number) => Math.max(min, Math.min(max, n))
  return (
    <div
      className={`rq-splitter rq-splitter-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId)
        start.current = { pointer: orientation === 'vertical' ? event.clientX : event.clientY, value }
      }}
      onPointerMove={(event) => {
        if (!start.current) return
        const now = orientation === 'vertical' ? event.clientX : event.clientY
        onChange(clamp(start.current.value + now - start.current.pointer))
      }}
      onPointerUp={() => (start.current = undefined)}
      onKeyDown={(event) => {
        const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp'
        const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown'
        if (event.key === back) onChange(clamp(value - 24))
        if (event.key === forward) onChange(clamp(value + 24))
      }}
    />
  )
}
