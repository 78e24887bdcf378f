// Keyboard focus inside a modal dialog: Tab and Shift+Tab cycle through its controls, and focus that fell
// outside it comes back in. One copy for every dialog of the app (settings, welcome, the collections dialogs).
import type { KeyboardEvent as ReactKeyboardEvent } from 'react'

export const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

export function trapTab(event: ReactKeyboardEvent<HTMLElement>, container: HTMLElement): void {
  if (event.key !== 'Tab') return
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    // An unchecked radio in a group is not a Tab stop of its own.
    (el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked)
  )
  if (focusable.length === 0) return
  const first = focusable[0]!
  const last = focusable[focusable.length - 1]!
  const active = document.activeElement
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault()
    first.focus()
  }
}
