import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from '../requests/fixtures'

async function sendWith(overrides: Record<string, unknown>) {
  const sendRequest = vi.fn(async () => ({ ok: true as const, value: response({ data: [] }, overrides) })) as unknown as WindowApi['sendRequest']
  installFakeApi({ sendRequest })
  render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByTestId('response-status')
}

describe('a response from a host whose certificate was not checked', () => {
  it('carries a warning badge beside the status, saying why', async () => {
    await sendWith({ tlsVerification: 'off' })
    const badge = await screen.findByTestId('tls-unverified')
    expect(badge.textContent).toBe('⚠ Certificate not verified')
    expect(badge.getAttribute('title')).toMatch(/on the “do not verify” list in Settings → Certificates: its certificate was not checked/)
  })

  it('a verified response has none', async () => {
    await sendWith({})
    expect(screen.queryByTestId('tls-unverified')).toBeNull()
  })
})
