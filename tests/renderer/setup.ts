import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'

// Testing Library only auto-cleans when the runner exposes globals; vitest here does not.
afterEach(() => {
  cleanup()
})

// jsdom has no layout and no ResizeObserver; Radix's floating parts (menus, popovers, tooltips) measure
// themselves with it, so a no-op stands in (nothing is laid out to observe).
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
}
