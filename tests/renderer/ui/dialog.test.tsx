import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { Dialog } from '../../../src/renderer/src/ui/Dialog'

function Harness({ onSubmit, autofocus }: { onSubmit?(): void; autofocus?: boolean }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>Open it</button>
      <button type="button">Behind</button>
      {open && (
        <Dialog
          title="Rename folder"
          description="The name shows in the tree."
          onClose={() => setOpen(false)}
          onSubmit={onSubmit}
          footer={
            <>
              <button type="button" onClick={() => setOpen(false)}>Cancel</button>
              <button type="submit">Save</button>
            </>
          }
        >
          <button type="button">Help</button>
          <input aria-label="Name" />
          {autofocus && <input aria-label="Other" data-autofocus />}
        </Dialog>
      )}
    </>
  )
}

describe('ui/Dialog (Radix): the modal dialog pattern', () => {
  it('is named by its title and described by its description, focus starts in the first field, Escape closes and returns focus', async () => {
    render(<Harness />)
    const opener = screen.getByRole('button', { name: 'Open it' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = await screen.findByRole('dialog', { name: 'Rename folder' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toBe('The name shows in the tree.')
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Name')))
    // The page behind is hidden from assistive technology while it is open.
    expect(screen.queryByRole('button', { name: 'Behind' })).toBeNull()

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(opener))
    expect(screen.getByRole('button', { name: 'Behind' })).toBeTruthy()
  })

  it('the Close button closes it; data-autofocus wins the first focus; Tab wraps from the last control to the first', async () => {
    render(<Harness autofocus />)
    const opener = screen.getByRole('button', { name: 'Open it' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Other')))
    const close = within(dialog).getByRole('button', { name: 'Close' })
    close.focus()
    fireEvent.keyDown(close, { key: 'Tab' })
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Help' }))
    fireEvent.click(close)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(opener))
  })

  it('a form dialog submits on Enter (the footer sits inside the form)', async () => {
    const onSubmit = vi.fn()
    render(<Harness onSubmit={onSubmit} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open it' }))
    const dialog = await screen.findByRole('dialog')
    fireEvent.submit(within(dialog).getByLabelText('Name'))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(within(dialog).getByRole('button', { name: 'Save' }).closest('form')).toBe(within(dialog).getByLabelText('Name').closest('form'))
  })
})
