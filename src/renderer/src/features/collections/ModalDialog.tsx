import type { ReactNode } from 'react'
import { Dialog } from '../../ui/Dialog'

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
 * The collections screens' dialog frame: the UI kit's modal Dialog (focus in to the first field, Tab kept
 * inside, Escape closes, focus back to the opener) under the props these screens already pass.
 */
export function ModalDialog({ title, intro, children, footer, onClose, wide, onSubmit, role = 'dialog' }: Props) {
  return (
    <Dialog title={title} description={intro} onClose={onClose} footer={footer} role={role} size={wide ? 'wide' : 'normal'} className={wide ? 'col-dialog col-dialog-wide' : 'col-dialog'} bodyClassName="col-dialog-body" onSubmit={onSubmit}>
      {children}
    </Dialog>
  )
}
