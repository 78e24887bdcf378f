import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { MenuButton } from '../../../src/renderer/src/ui/MenuButton'

function renderMenu(overrides: { disabled?: boolean } = {}) {
  const picked = { copy: vi.fn(), har: vi.fn(), remove: vi.fn() }
  render(
    <MenuButton
      label="More"
      disabled={overrides.disabled}
      items={[
        { label: 'Copy', onSelect: picked.copy },
        { label: 'Export HAR', onSelect: picked.har, disabled: true },
        { label: 'Delete', onSelect: picked.remove, danger: true }
      ]}
    />
  )
  return { picked, button: screen.getByRole('button', { name: /More/ }) }
}

/** Keys go where the browser sends them: to the focused element. */
const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key })

describe('the shared menu button (the kit Menu, Radix DropdownMenu)', () => {
  it('opens on ArrowDown at the first enabled item, skips disabled items, wraps, and Escape gives focus back', async () => {
    const { button } = renderMenu()
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.getAttribute('aria-haspopup')).toBe('menu')
    fireEvent.keyDown(button, { key: 'ArrowDown' })
    const menu = await screen.findByRole('menu', { name: 'More' })
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(button.getAttribute('aria-controls')).toBe(menu.id)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Copy' })))
    // Radix moves focus between items a task after the key (setTimeout in its roving focus).
    press('ArrowDown')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' })))
    press('ArrowDown')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Copy' })))
    press('End')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' })))
    press('Escape')
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(button))
  })

  it('runs the chosen item once and closes with focus back on the button; Tab and a press elsewhere close it without running anything', async () => {
    const { button, picked } = renderMenu()
    fireEvent.click(button)
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Delete' }))
    expect(picked.remove).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())
    expect(document.activeElement).toBe(button)

    fireEvent.click(button)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Copy' })))
    press('Tab')
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())
    expect(document.activeElement).toBe(button)

    fireEvent.click(button)
    await screen.findByRole('menu')
    fireEvent.pointerDown(document.body)
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull())
    expect(picked.copy).not.toHaveBeenCalled()
    expect(picked.har).not.toHaveBeenCalled()
  })

  it('marks danger items and disabled items; clicking a disabled item runs nothing', async () => {
    const { button, picked } = renderMenu()
    fireEvent.click(button)
    const remove = await screen.findByRole('menuitem', { name: 'Delete' })
    expect(remove.className).toContain('ui-menu-item-danger')
    expect(screen.getByRole('menuitem', { name: 'Copy' }).className).not.toContain('danger')
    const har = screen.getByRole('menuitem', { name: 'Export HAR' })
    expect(har.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(har)
    expect(picked.har).not.toHaveBeenCalled()
  })

  it('a disabled button keeps the menu shut', () => {
    const { button } = renderMenu({ disabled: true })
    expect((button as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(button)
    fireEvent.keyDown(button, { key: 'ArrowDown' })
    expect(screen.queryByRole('menu')).toBeNull()
  })
})
