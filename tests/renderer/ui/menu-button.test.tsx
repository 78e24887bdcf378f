import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { MenuButton, type MenuButtonClasses } from '../../../src/renderer/src/ui/MenuButton'

const CLASSES: MenuButtonClasses = { anchor: 'x-anchor', menu: 'x-menu', item: 'x-item', danger: 'x-danger' }

function renderMenu(overrides: { disabled?: boolean; classes?: MenuButtonClasses } = {}) {
  const picked = { copy: vi.fn(), har: vi.fn(), remove: vi.fn() }
  render(
    <MenuButton
      label="More"
      classes={overrides.classes ?? CLASSES}
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

describe('the shared menu button', () => {
  it('opens on ArrowDown at the first enabled item, skips disabled items, wraps, and Escape gives focus back', () => {
    const { button } = renderMenu()
    expect(button.getAttribute('aria-expanded')).toBe('false')
    fireEvent.keyDown(button, { key: 'ArrowDown' })
    expect(button.getAttribute('aria-expanded')).toBe('true')
    const menu = screen.getByRole('menu', { name: 'More' })
    expect(button.getAttribute('aria-controls')).toBe(menu.id)
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Copy' }))
    fireEvent.keyDown(menu, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' }))
    fireEvent.keyDown(menu, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Copy' }))
    fireEvent.keyDown(menu, { key: 'End' })
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete' }))
    fireEvent.keyDown(menu, { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('runs the chosen item once and closes; Tab and a click elsewhere close it without running anything', () => {
    const { button, picked } = renderMenu()
    fireEvent.click(button)
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete' }))
    expect(picked.remove).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(button)

    fireEvent.click(button)
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Tab' })
    expect(screen.queryByRole('menu')).toBeNull()

    fireEvent.click(button)
    fireEvent.pointerDown(document.body)
    expect(screen.queryByRole('menu')).toBeNull()
    expect(picked.copy).not.toHaveBeenCalled()
    expect(picked.har).not.toHaveBeenCalled()
  })

  it("draws with the area's classes, marks danger items, and a disabled button cannot open", () => {
    const { button } = renderMenu()
    fireEvent.click(button)
    expect(button.parentElement?.className).toBe('x-anchor')
    expect(screen.getByRole('menu').className).toBe('x-menu')
    expect(screen.getByRole('menuitem', { name: 'Copy' }).className).toBe('x-item')
    expect(screen.getByRole('menuitem', { name: 'Delete' }).className).toBe('x-item x-danger')
    expect((screen.getByRole('menuitem', { name: 'Export HAR' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('without a danger class a danger item is drawn like the others; disabled keeps the menu shut', () => {
    const { button } = renderMenu({ disabled: true, classes: { anchor: 'a', menu: 'm', item: 'i' } })
    expect((button as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(button)
    expect(screen.queryByRole('menu')).toBeNull()
  })
})
