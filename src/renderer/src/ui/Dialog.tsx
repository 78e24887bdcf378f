// WAI-ARIA APG "Dialog (Modal)" pattern, on Radix Dialog: a title and description the dialog is named and
// described by, focus moved in on open (to the element marked `data-autofocus`, else the first field, else the
// dialog itself), Tab and Shift+Tab kept inside, the page behind hidden from assistive technology, Escape and
// the Close button close it, and focus returns to the element that was focused before it opened.
// The dialog is open while it is mounted: callers render it conditionally, as they did their own copies.
import * as RadixDialog from '@radix-ui/react-dialog'
import { useState, type ReactNode } from 'react'
import './ui.css'

export interface DialogProps {
  title: ReactNode
  /** One sentence under the title, read out with it. */
  description?: ReactNode
  onClose(): void
  children: ReactNode
  /** The buttons at the bottom, primary last. */
  footer?: ReactNode
  /** `alertdialog` for a question that must be answered (secrets found, a conflict, a deletion). */
  role?: 'dialog' | 'alertdialog'
  size?: 'normal' | 'wide'
  /** Extra classes on the dialog box, for an area's own layout inside it. */
  className?: string
  /** Something shown before the title (a brand mark). */
  leading?: ReactNode
  /** A form dialog submits on Enter; body and footer sit inside the form. */
  onSubmit?(): void
  /** Extra classes on the body, for an area's spacing between its parts. */
  bodyClassName?: string
  /** The content brings its own padding and scrolling (a form with a sticky footer). */
  flush?: boolean
  /** A click on the backdrop closes it; off for forms, where a stray click would lose typing. */
  closeOnOutsideClick?: boolean
  testId?: string
}

const FIELD = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])'

/** The element focus moves to on open: the marked one, the checked radio or first field, else the dialog. */
function initialFocusTarget(content: HTMLElement): HTMLElement {
  return (
    content.querySelector<HTMLElement>('[data-autofocus]') ??
    content.querySelector<HTMLElement>('input[type="radio"]:checked:not([disabled])') ??
    content.querySelector<HTMLElement>(FIELD) ??
    content
  )
}

export function Dialog({ title, description, onClose, children, footer, role = 'dialog', size = 'normal', className, leading, onSubmit, closeOnOutsideClick = false, flush = false, bodyClassName, testId }: DialogProps) {
  // Radix returns focus to its Trigger; these dialogs are opened by the app's own buttons (or on start), so
  // the opener is remembered here, on first render, before focus moves in.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)))

  const inner = (
    <>
      <div className={`ui-dialog-body${flush ? ' ui-dialog-body-flush' : ''}${bodyClassName ? ` ${bodyClassName}` : ''}`}>{children}</div>
      {footer && <footer className="ui-dialog-footer">{footer}</footer>}
    </>
  )

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="ui-dialog-overlay" />
        <RadixDialog.Content
          className={`ui-dialog card ui-dialog-${size}${className ? ` ${className}` : ''}`}
          role={role}
          aria-modal="true"
          aria-describedby={undefined}
          data-testid={testId}
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            initialFocusTarget(event.currentTarget as HTMLElement).focus()
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault()
            if (opener && opener !== document.body && opener.isConnected) opener.focus()
          }}
          onPointerDownOutside={(event) => {
            if (!closeOnOutsideClick) event.preventDefault()
          }}
          onInteractOutside={(event) => {
            if (!closeOnOutsideClick) event.preventDefault()
          }}
        >
          <header className="ui-dialog-header">
            {leading}
            <div className="ui-dialog-heading">
              <RadixDialog.Title className="ui-dialog-title">{title}</RadixDialog.Title>
              {description && <RadixDialog.Description className="ui-dialog-description">{description}</RadixDialog.Description>}
            </div>
          </header>
          {onSubmit ? (
            <form
              className="ui-dialog-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault()
                onSubmit()
              }}
            >
              {inner}
            </form>
          ) : (
            inner
          )}
          {/* Last in the DOM (Radix's own layout), shown at the top right: Tab reaches the dialog's content first. */}
          <RadixDialog.Close className="ui-dialog-close btn btn-ghost" aria-label="Close">
            <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true" focusable="false">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
