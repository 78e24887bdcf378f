import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ProfileSwitcher, profileStatusLine } from '../../../src/renderer/src/app/ProfileSwitcher'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import type { ProfilesState, ProfileSummary, TokenInfo } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'

const BACKEND = { backend: 'keychain' as const, persistent: true, label: 'OS keychain' }

function profile(id: string, name: string, extra: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id,
    name,
    environment: 'production',
    imsBaseUrl: 'https://ims-na1.adobelogin.com',
    reactorBaseUrl: 'https://reactor.adobe.io',
    clientId: 'cid',
    orgId: 'ORG@AdobeOrg',
    scopes: [],
    authKind: 'oauth-s2s',
    builtIn: false,
    simulated: false,
    secret: { kind: 'client-secret', stored: true, backend: BACKEND, sessionOnly: false },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra
  }
}

const PROFILES = [
  profile('sandbox', 'Sandbox no. 1', { environment: 'sandbox', simulated: true, builtIn: true, reactorBaseUrl: 'http://127.0.0.1:4100' }),
  profile('sandbox-2', 'Sandbox no. 2', { environment: 'sandbox', simulated: true, reactorBaseUrl: 'http://127.0.0.1:4200' }),
  profile('acme', 'Acme production'),
  profile('nosecret', 'Acme new', { secret: { kind: 'client-secret', stored: false, backend: BACKEND, sessionOnly: false } })
]

const TOKENS: Record<string, TokenInfo> = {
  sandbox: { profileId: 'sandbox', state: 'valid', expiresAt: Date.now() + 42 * 60_000 + 5_000, scopes: [] },
  'sandbox-2': { profileId: 'sandbox-2', state: 'none', scopes: [] },
  acme: { profileId: 'acme', state: 'expired', scopes: [] },
  nosecret: { profileId: 'nosecret', state: 'none', scopes: [] }
}

function setup() {
  let active = 'sandbox'
  const setActiveProfile = vi.fn(async ({ id }: { id: string }) => {
    active = id
    return { ok: true as const, value: undefined }
  })
  installFakeApi({
    listProfiles: async () => ({ ok: true, value: { profiles: PROFILES, activeProfileId: active, secretBackend: BACKEND, notices: [] } satisfies ProfilesState }),
    getTokenInfo: async ({ id }: { id: string }) => ({ ok: true, value: TOKENS[id]! }),
    setActiveProfile: setActiveProfile as never
  })
  render(
    <ActiveProfileProvider>
      <ProfileSwitcher />
    </ActiveProfileProvider>
  )
  return { setActiveProfile }
}

describe('the status bar profile switcher (ui/Combobox)', () => {
  it('lists every profile by its whole name with its token state, finds one by host, and switches to it', async () => {
    const { setActiveProfile } = setup()
    const trigger = await screen.findByRole('button', { name: /Switch profile: .*Sandbox no\. 1/ })
    fireEvent.click(trigger)
    const list = await screen.findByRole('listbox', { name: 'Switch profile' })
    await waitFor(() => expect(within(list).getByRole('option', { name: /Sandbox no\. 1/ }).textContent).toMatch(/Simulated · token 42m \d\ds left/))
    const text = (name: RegExp) => within(list).getByRole('option', { name }).textContent
    await waitFor(() => expect(text(/Acme production/)).toContain('production · token expired'))
    expect(text(/Sandbox no\. 2/)).toContain('no token yet')
    expect(text(/Acme new/)).toContain('Secret not set')

    fireEvent.change(screen.getByRole('combobox', { name: 'Switch profile' }), { target: { value: '4200' } })
    expect(within(list).getAllByRole('option').map((option) => option.textContent)).toEqual([expect.stringContaining('Sandbox no. 2')])
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Enter' })
    expect(setActiveProfile).toHaveBeenCalledWith({ id: 'sandbox-2' })
    expect(await screen.findByRole('button', { name: /Switch profile: .*Sandbox no\. 2/ })).toBeTruthy()
  })

  it('profileStatusLine names a profile that cannot be used', () => {
    expect(profileStatusLine(profile('x', 'X', { problem: 'its host is file:///' }), undefined, 0)).toBe('Cannot be used: its host is file:///')
  })
})
