// The history and cURL tools' dialog: the UI kit's modal Dialog with History's props (a click on the backdrop
// closes it, as it always did here).
import type { ReactNode } from 'react'
import { Dialog as KitDialog } from '../../ui/Dialog'
import './history.css'

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
  return (
    <KitDialog title={title} description={description} onClose={onClose} footer={footer} role={role} size={wide ? 'wide' : 'normal'} className={wide ? 'hi-dialog hi-dialog-wide' : 'hi-dialog'} bodyClassName="hi-dialog-body" testId={testId} closeOnOutsideClick>
      {children}
    </KitDialog>
  )
}
