import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { FOCUSABLE, trapTab } from '../../ui/focus-trap'

interface Props {
  title: string
  /** One sentence under the title: what the dialog is for. */
  intro?: ReactNode
  children: ReactNode
  /** The buttons at the bottom, primary last. */
  footer: ReactNode
  onClose(): void
  /** Wider, for previews and tables. */
  wide?: boolean
  /** A form dialog submits on Enter. */
  onSubmit?(): void
  /** `alertdialog` for a question that must be answered (secrets found, a conflict). */
  role?: 'dialog' | 'alertdialog'
}

/**
 * A modal dialog: focus moves in (to the first field, else the dialog), Tab stays inside, the page behind is
 * inert, Escape closes, and focus returns to where it was. The one dialog frame of the collections screens, so
 * the later UI kit can replace it in one place.
 */
export function ModalDialog({ title, intro, children, footer, onClose, wide, onSubmit, role = 'dialog' }: Props) {
  const id = useId()
  const dialog = useRef<HTMLDivElement>(null)

  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const root = document.getElementById('root')
    if (root) root.inert = true
    const first = dialog.current?.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.current?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])')
    ;(first ?? dialog.current)?.focus()
    // Focus can fall out of the dialog (a button it held went away, a file chooser closed): Escape still
    // closes it, and Tab brings focus back in.
    const onDocumentKey = (event: globalThis.KeyboardEvent) => {
      if (!dialog.current || dialog.current.contains(document.activeElement)) return
      if (event.key === 'Escape') {
        event.preventDefault()
        onCloseRef.current()
      } else if (event.key === 'Tab') {
        event.preventDefault()
        ;(dialog.current.querySelector<HTMLElement>(FOCUSABLE) ?? dialog.current).focus()
      }
    }
    document.addEventListener('keydown', onDocumentKey)
    return () => {
      document.removeEventListener('keydown', onDocumentKey)
      if (root) root.inert = false
      opener?.focus?.()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
      return
    }
    if (dialog.current) trapTab(event, dialog.current)
  }

  const body = (
    <>
      <header className="col-dialog-header">
        <h2 id={`${id}-title`} className="col-dialog-title">{title}</h2>
        {intro && <p id={`${id}-intro`} className="col-dialog-intro">{intro}</p>}
      </header>
      <div className="col-dialog-body">{children}</div>
      <footer className="col-dialog-footer">{footer}</footer>
    </>
  )

  return createPortal(
    <div className="col-backdrop">
      <div
        ref={dialog}
        className={`col-dialog card${wide ? ' col-dialog-wide' : ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={intro ? `${id}-intro` : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {onSubmit ? (
          <form
            className="col-dialog-form"
            onSubmit={(event) => {
              event.preventDefault()
              onSubmit()
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>,
    document.body
  )
}
