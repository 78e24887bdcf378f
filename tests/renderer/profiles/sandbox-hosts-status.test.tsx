import { describe, expect, it, vi } from 'vitest'
import { act, render, screen, waitFor } from '@testing-library/react'
import { ProfilesArea } from '../../../src/renderer/src/features/profiles/ProfilesArea'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import type { ProfilesState, ProfileSummary, WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'

const BACKEND = { backend: 'memory' as const, persistent: false, label: 'the simulated sandbox (built in)' }

function sandboxProfile(url: string): ProfileSummary {
  return {
    id: 'sandbox',
    name: 'Sandbox (simulated)',
    environment: 'sandbox',
    imsBaseUrl: url,
    reactorBaseUrl: url,
    clientId: 'sandbox-working-client',
    orgId: '5A4DB0C5000000000000000A@AdobeOrg',
    scopes: ['openid'],
    authKind: 'oauth-s2s',
    builtIn: true,
    simulated: true,
    secret: { kind: 'client-secret', stored: true, backend: BACKEND, sessionOnly: false },
    createdAt: '1970-01-01T00:00:00.000Z',
    updatedAt: '1970-01-01T00:00:00.000Z'
  }
}

// The Sandbox profile showed "starts on first use" even after the doctor had started the Sandbox: main now
// announces profiles:changed when the Sandbox starts, and the detail shows the running Sandbox's address.
describe('the Sandbox profile’s hosts', () => {
  it('say the Sandbox is not running yet, then show its address once main says the profiles changed', async () => {
    let url = ''
    const listProfiles = vi.fn(async () => ({
      ok: true as const,
      value: { profiles: [sandboxProfile(url)], activeProfileId: 'sandbox', secretBackend: BACKEND, notices: [] } satisfies ProfilesState
    }))
    const fake = installFakeApi({ listProfiles: listProfiles as unknown as WindowApi['listProfiles'] })
    render(
      <ActiveProfileProvider>
        <ProfilesArea />
      </ActiveProfileProvider>
    )
    expect(await screen.findAllByText('Sandbox not running yet (Test credential or a send starts it)', {}, { timeout: 5_000 })).toHaveLength(2)
    expect(screen.queryByText(/starts on first use/)).toBeNull()

    url = 'http://127.0.0.1:43123'
    act(() => fake.emit('profiles:changed', { activeProfileId: undefined }))
    await waitFor(() => expect(screen.getAllByText('http://127.0.0.1:43123')).toHaveLength(2), { timeout: 5_000 })
    expect(screen.queryByText(/Sandbox not running yet/)).toBeNull()
  })
})
