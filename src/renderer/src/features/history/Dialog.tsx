// A modal dialog for the history and cURL tools: focus moves in and returns to its opener, Tab stays inside,
// Escape closes, the page behind is inert. (The same behaviour as the network settings dialog; issue 14's UI
// kit is where both are meant to end up.)
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import './history.css'

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

interface Props {
  title: string
  /** One sentence under the title, read out with it. */
  description?: ReactNode
  onClose(): void
  children: ReactNode
  /** The buttons at the bottom, right-aligned. */
  footer?: ReactNode
  /** `alertdialog` for a confirmation. */
  role?: 'dialog' | 'alertdialog'
  wide?: boolean
  testId?: string
}

export function Dialog({ title, description, onClose, children, footer, role = 'dialog', wide, testId }: Props) {
  const id = useId()
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const root = document.getElementById('root')
    if (root) root.inert = true
    const first = box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? box.current?.querySelector<HTMLElement>(FOCUSABLE) ?? box.current
    first?.focus()
    return () => {
      if (root) root.inert = false
      opener?.focus?.()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || !box.current) return
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    if (focusable.length === 0) return
    const first = focusable[0]!
    const last = focusable[focusable.length - 1]!
    if (event.shiftKey && (document.activeElement === first || !box.current.contains(document.activeElement))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="hi-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={box}
        className={`hi-dialog card${wide ? ' hi-dialog-wide' : ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="hi-dialog-header">
          <h2 id={`${id}-title`} className="hi-dialog-title">{title}</h2>
          {description && <p id={`${id}-description`} className="hi-dialog-description">{description}</p>}
        </header>
        <div className="hi-dialog-body">{children}</div>
        {footer && <footer className="hi-dialog-footer">{footer}</footer>}
      </div>
    </div>,
    document.body
  )
}
