import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'

// Testing Library only auto-cleans when the runner exposes globals; vitest here does not.
afterEach(() => {
  cleanup()
})
