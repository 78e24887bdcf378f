import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { Combobox, filterOptions, type ComboboxOption } from '../../../src/renderer/src/ui/Combobox'

const OPTIONS: ComboboxOption[] = [
  { id: 'sandbox', label: 'Sandbox', keywords: 'sandbox 127.0.0.1', detail: 'Simulated · token 42m left' },
  { id: 'prod', label: 'Acme production', keywords: 'production reactor.adobe.io', detail: 'production · no token yet' },
  { id: 'broken', label: 'Acme broken', keywords: 'custom', disabled: true },
  { id: 'stage', label: 'Acme stage', keywords: 'stage', detail: 'stage · token expired' }
]

function open(onSelect = vi.fn()) {
  render(<Combobox label="Switch profile" value="Sandbox" options={OPTIONS} selectedId="sandbox" onSelect={onSelect} />)
  const trigger = screen.getByRole('button', { name: /Switch profile/ })
  trigger.focus()
  fireEvent.click(trigger)
  return { trigger, onSelect }
}

const activeOption = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent

describe('ui/Combobox: search field + listbox in a popover', () => {
  it('opens with focus in the search field, the current choice active and marked; the field controls the listbox', async () => {
    const { trigger } = open()
    expect(trigger.getAttribute('aria-expanded')).toBe('true')
    const input = await screen.findByRole('combobox', { name: 'Switch profile' })
    await waitFor(() => expect(document.activeElement).toBe(input))
    const list = screen.getByRole('listbox', { name: 'Switch profile' })
    expect(input.getAttribute('aria-controls')).toBe(list.id)
    expect(within(list).getAllByRole('option')).toHaveLength(4)
    expect(activeOption(input)).toContain('Sandbox')
    expect(within(list).getByRole('option', { name: /Sandbox \(current\)/ })).toBeTruthy()
  })

  it('typing filters by name, keywords and detail; arrows move the active option past disabled ones; Enter chooses and focus returns', async () => {
    const { trigger, onSelect } = open()
    const input = await screen.findByRole('combobox')
    fireEvent.change(input, { target: { value: 'acme' } })
    const names = () => screen.getAllByRole('option').map((option) => option.textContent)
    expect(names()).toEqual([expect.stringContaining('Acme production'), expect.stringContaining('Acme broken'), expect.stringContaining('Acme stage')])
    expect(activeOption(input)).toContain('Acme production')
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(activeOption(input)).toContain('Acme stage') // the disabled one is skipped
    fireEvent.keyDown(input, { key: 'ArrowDown' })
    expect(activeOption(input)).toContain('Acme production') // wraps
    fireEvent.keyDown(input, { key: 'ArrowUp' })
    expect(activeOption(input)).toContain('Acme stage')
    fireEvent.keyDown(input, { key: 'Enter' })
    expect(onSelect).toHaveBeenCalledWith('stage')
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(trigger))
  })

  it('says when nothing matches; Escape closes without choosing; a click chooses', async () => {
    const { trigger, onSelect } = open()
    const input = await screen.findByRole('combobox')
    fireEvent.change(input, { target: { value: 'zzz' } })
    expect(screen.getByRole('status').textContent).toBe('Nothing matches “zzz”.')
    expect(input.getAttribute('aria-activedescendant')).toBeNull()
    // An empty listbox is hidden (axe: aria-required-children) but stays the field's aria-controls target.
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(document.getElementById(input.getAttribute('aria-controls')!)?.hidden).toBe(true)
    fireEvent.keyDown(input, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(trigger))
    expect(onSelect).not.toHaveBeenCalled()

    fireEvent.click(trigger)
    fireEvent.click(await screen.findByRole('option', { name: /Acme production/ }))
    expect(onSelect).toHaveBeenCalledWith('prod')
  })

  it('filterOptions: every word must match, in any order, case-insensitive', () => {
    expect(filterOptions(OPTIONS, 'STAGE acme').map((option) => option.id)).toEqual(['stage'])
    expect(filterOptions(OPTIONS, '127.0').map((option) => option.id)).toEqual(['sandbox'])
    expect(filterOptions(OPTIONS, '  ').map((option) => option.id)).toEqual(['sandbox', 'prod', 'broken', 'stage'])
  })
})
