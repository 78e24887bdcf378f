import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Disclosure } from '../../../src/renderer/src/ui/Disclosure'
import { Toaster, toast } from '../../../src/renderer/src/ui/Toast'
import { Tooltip } from '../../../src/renderer/src/ui/Tooltip'

describe('ui/Toast (Radix): status messages', () => {
  it('toast() shows the text in a polite region (never assertive), and Dismiss removes it', async () => {
    render(<Toaster />)
    act(() => toast('Copied the request id.'))
    const text = await screen.findByText('Copied the request id.')
    expect(text).toBeTruthy()
    // Radix announces through its own live region; a background toast is polite.
    await waitFor(() => expect(document.querySelector('[aria-live="polite"]')).not.toBeNull())
    expect(document.querySelector('[aria-live="assertive"]')).toBeNull()
    expect(screen.getByRole('region', { name: /Notifications/ })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    await waitFor(() => expect(screen.queryByText('Copied the request id.')).toBeNull())
  })

  it('keeps at most three at once, the newest last', async () => {
    render(<Toaster />)
    act(() => {
      for (const n of [1, 2, 3, 4]) toast(`Message ${n}`)
    })
    await screen.findByText('Message 4')
    expect(screen.queryByText('Message 1')).toBeNull()
    expect(screen.getAllByText(/^Message \d$/).map((node) => node.textContent)).toEqual(['Message 2', 'Message 3', 'Message 4'])
  })
})

describe('ui/Disclosure (Radix Collapsible): show/hide', () => {
  it('the button says whether the section is shown and controls it; Enter-activated click toggles it', () => {
    render(
      <Disclosure summary="Details">
        <p>Code: not-found</p>
      </Disclosure>
    )
    const button = screen.getByRole('button', { name: 'Details' })
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByText('Code: not-found')).toBeNull()
    fireEvent.click(button)
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(document.getElementById(button.getAttribute('aria-controls')!)?.textContent).toBe('Code: not-found')
    fireEvent.click(button)
    expect(button.getAttribute('aria-expanded')).toBe('false')
  })
})

describe('ui/Tooltip (Radix): a hint on focus', () => {
  it('keyboard focus shows the hint and describes the trigger by it; Escape hides it', async () => {
    render(
      <Tooltip content="Sends with the active profile">
        <button type="button">Send</button>
      </Tooltip>
    )
    const button = screen.getByRole('button', { name: 'Send' })
    fireEvent.focus(button)
    const tip = await screen.findByRole('tooltip')
    expect(tip.textContent).toBe('Sends with the active profile')
    expect(button.getAttribute('aria-describedby')).toBe(tip.id)
    fireEvent.keyDown(button, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull())
  })
})
