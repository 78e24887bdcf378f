import { describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Menu, PositionedMenu } from '../../../src/renderer/src/ui/Menu'

const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key })

describe('ui/Menu (Radix DropdownMenu): menu button and menu patterns', () => {
  it('Menu: a click opens it on the first enabled item, arrows wrap past disabled items, type-ahead jumps, Enter runs and focus returns', async () => {
    const onAction = vi.fn()
    render(
      <Menu
        label="Export"
        entries={[
          { id: 'postman', label: 'Postman collection' },
          { id: 'har', label: 'HAR', disabled: true },
          { id: 'curl', label: 'cURL script', shortcut: 'Ctrl+E' },
          { id: 'delete', label: 'Delete export', danger: true, separated: true }
        ]}
        onAction={onAction}
      />
    )
    const button = screen.getByRole('button', { name: 'Export' })
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    fireEvent.click(button)
    const menu = await screen.findByRole('menu', { name: 'Export' })
    expect(menu).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Postman collection' })))
    press('ArrowDown')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: /cURL script/ })))
    press('ArrowDown')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete export' })))
    press('ArrowDown')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Postman collection' })))
    press('ArrowUp')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete export' })))
    press('c')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: /cURL script/ })))
    expect(screen.getByRole('separator')).toBeTruthy()
    press('Enter')
    expect(onAction).toHaveBeenCalledWith('curl')
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())
    expect(document.activeElement).toBe(button)
  })

  it('PositionedMenu: named by its label, Escape and Tab dismiss it (the caller restores focus), a press on its anchor is not outside', async () => {
    const onAction = vi.fn()
    function Harness() {
      const [open, setOpen] = useState(true)
      return (
        <>
          <button type="button" onClick={() => setOpen((value) => !value)}>Row actions</button>
          {open && (
            <PositionedMenu
              label="Actions for Rules"
              entries={[
                { id: 'rename', label: 'Rename' },
                { id: 'delete', label: 'Delete', danger: true }
              ]}
              x={40}
              y={60}
              onAction={onAction}
              onDismiss={() => setOpen(false)}
            />
          )}
        </>
      )
    }
    render(<Harness />)
    await screen.findByRole('menu', { name: 'Actions for Rules' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' })))
    press('Escape')
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())

    fireEvent.click(screen.getByRole('button', { name: 'Row actions' }))
    await screen.findByRole('menu')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Rename' })))
    press('Tab')
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())

    fireEvent.click(screen.getByRole('button', { name: 'Row actions' }))
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Delete' }))
    expect(onAction).toHaveBeenCalledWith('delete')
  })
})
