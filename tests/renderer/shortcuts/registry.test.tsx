import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, within } from '@testing-library/react'
import {
  ariaKeyShortcuts,
  chordLabel,
  handleShortcutKey,
  isTextField,
  matchShortcut,
  registerShortcut,
  resetShortcutHandlers,
  runShortcut,
  SHORTCUTS,
  shortcutLabel
} from '../../../src/renderer/src/state/shortcuts'
import { ShortcutsList } from '../../../src/renderer/src/features/shortcuts/ShortcutsPanel'

function key(init: Partial<KeyboardEventInit> & { key: string }, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  ;(target ?? document.body).dispatchEvent(event)
  return event
}

afterEach(() => resetShortcutHandlers())

describe('the shortcuts registry', () => {
  it('gives every shortcut its own id and every chord to one shortcut only', () => {
    expect(new Set(SHORTCUTS.map((shortcut) => shortcut.id)).size).toBe(SHORTCUTS.length)
    const chords = SHORTCUTS.flatMap((shortcut) => shortcut.chords.map((chord) => chordLabel(chord, false)))
    expect(new Set(chords).size).toBe(chords.length)
  })

  it('matches the issue’s shortcuts, Ctrl or Cmd alike for the mod key, Ctrl itself for tab cycling', () => {
    expect(matchShortcut({ key: 'k', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })?.id).toBe('palette')
    expect(matchShortcut({ key: 'K', ctrlKey: false, metaKey: true, shiftKey: false, altKey: false })?.id).toBe('palette')
    expect(matchShortcut({ key: 'Enter', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })?.id).toBe('send')
    expect(matchShortcut({ key: 's', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })?.id).toBe('save')
    expect(matchShortcut({ key: 'S', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false })?.id).toBe('save-as')
    expect(matchShortcut({ key: 'F', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false })?.id).toBe('search-catalog')
    expect(matchShortcut({ key: ',', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })?.id).toBe('open-settings')
    expect(matchShortcut({ key: '3', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })?.id).toBe('area-3')
    expect(matchShortcut({ key: 'Tab', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false })?.id).toBe('previous-tab')
    // Cmd+Tab belongs to the OS app switcher; Ctrl+Tab is the tab shortcut.
    expect(matchShortcut({ key: 'Tab', ctrlKey: false, metaKey: true, shiftKey: false, altKey: false })).toBeUndefined()
    expect(matchShortcut({ key: '?', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false })?.id).toBe('shortcuts')
    // Alt changes the key's meaning (AltGr on many layouts): never a shortcut.
    expect(matchShortcut({ key: 'k', ctrlKey: true, metaKey: false, shiftKey: false, altKey: true })).toBeUndefined()
    expect(matchShortcut({ key: 'k', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false })).toBeUndefined()
  })

  it('labels shortcuts for the platform and for aria-keyshortcuts', () => {
    expect(shortcutLabel('palette', false)).toBe('Ctrl+K')
    expect(shortcutLabel('palette', true)).toBe('Cmd+K')
    expect(shortcutLabel('search-catalog', false)).toBe('Ctrl+Shift+F')
    expect(shortcutLabel('next-tab', true)).toBe('Ctrl+Tab')
    expect(ariaKeyShortcuts('area-2', false)).toBe('Control+2')
    expect(ariaKeyShortcuts('area-2', true)).toBe('Meta+2')
    expect(ariaKeyShortcuts('next-tab', false)).toBe('Control+Tab Control+PageDown')
    expect(ariaKeyShortcuts('shortcuts', false)).toBe('? Control+/')
  })

  it('runs the newest handler that is "here", falls through a false, and leaves keys nobody handles alone', () => {
    const hidden = vi.fn(() => false)
    const shown = vi.fn()
    registerShortcut('send', shown)
    const off = registerShortcut('send', hidden)
    const handled = key({ key: 'Enter', ctrlKey: true })
    expect(hidden).toHaveBeenCalledTimes(1)
    expect(shown).toHaveBeenCalledTimes(1)
    expect(handled.defaultPrevented).toBe(true)
    off()
    expect(runShortcut('send')).toBe(true)
    expect(hidden).toHaveBeenCalledTimes(1)
    // Nothing registered for save: the browser keeps its Ctrl+S.
    expect(key({ key: 's', ctrlKey: true }).defaultPrevented).toBe(false)
  })

  it('does not take ? from a text field, but does take Ctrl chords there (Ctrl+/ too); a key a component took stays its own', () => {
    const panel = vi.fn()
    const palette = vi.fn()
    registerShortcut('shortcuts', panel)
    registerShortcut('palette', palette)
    const input = document.createElement('input')
    const button = document.createElement('button')
    document.body.append(input, button)
    expect(isTextField(input)).toBe(true)
    expect(isTextField(button)).toBe(false)
    key({ key: '?', shiftKey: true }, input)
    expect(panel).not.toHaveBeenCalled()
    key({ key: '?', shiftKey: true }, button)
    expect(panel).toHaveBeenCalledTimes(1)
    // The same shortcut's Ctrl chord works from the field: only the plain key is typing there.
    key({ key: '/', ctrlKey: true }, input)
    expect(panel).toHaveBeenCalledTimes(2)
    key({ key: 'k', ctrlKey: true }, input)
    expect(palette).toHaveBeenCalledTimes(1)
    const taken = new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, cancelable: true })
    taken.preventDefault()
    expect(handleShortcutKey(taken)).toBeUndefined()
    expect(palette).toHaveBeenCalledTimes(1)
    input.remove()
    button.remove()
  })
})

describe('the shortcuts panel', () => {
  it('lists every shortcut of the registry, grouped, with every chord that presses it', () => {
    render(<ShortcutsList />)
    for (const shortcut of SHORTCUTS) {
      const row = document.querySelector(`[data-shortcut="${shortcut.id}"]`) as HTMLElement
      expect(row, shortcut.id).toBeTruthy()
      expect(within(row).getAllByText((_, element) => element?.classList.contains('sc-chord') ?? false)).toHaveLength(shortcut.chords.length)
    }
    expect(screen.getByRole('heading', { name: 'Request tabs' })).toBeTruthy()
    // Areas are named after the sidebar's list.
    expect(document.querySelector('[data-shortcut="area-2"] dt')?.textContent).toBe('Go to Request')
    expect(document.querySelector('[data-shortcut="send"] dd')?.textContent).toBe('Ctrl+Enter')
  })

  it('opens with ? and closes with Escape, focus back where it was', async () => {
    const { ShortcutsPanel } = await import('../../../src/renderer/src/features/shortcuts/ShortcutsPanel')
    render(
      <>
        <button type="button">Somewhere</button>
        <ShortcutsPanel />
      </>
    )
    const somewhere = screen.getByRole('button', { name: 'Somewhere' })
    somewhere.focus()
    fireEvent.keyDown(somewhere, { key: '?', shiftKey: true })
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog.contains(document.activeElement)).toBe(true)
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await vi.waitFor(() => expect(document.activeElement).toBe(somewhere))
  })
})
