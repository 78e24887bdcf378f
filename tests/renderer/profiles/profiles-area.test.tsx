import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/app/App'
import { ProfilesArea } from '../../../src/renderer/src/features/profiles/ProfilesArea'
import { RequestArea } from '../../../src/renderer/src/features/requests/RequestArea'
import { ActiveProfileProvider, useActiveProfile } from '../../../src/renderer/src/state/active-profile'
import type { ProfilesState, ProfileSummary, WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'

const BACKEND = { backend: 'keychain' as const, persistent: true, label: 'the system keychain' }
const PROBLEM = 'Its Reactor host file:///etc/passwd is not an http(s) address.'

function summary(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: 'p1',
    name: 'Acme custom',
    environment: 'custom',
    imsBaseUrl: 'https://ims.example.com',
    reactorBaseUrl: 'https://reactor.example.com',
    clientId: 'client-1',
    orgId: '1234567890ABCDEF12345678@AdobeOrg',
    scopes: ['openid'],
    authKind: 'oauth-s2s',
    builtIn: false,
    simulated: false,
    secret: { kind: 'client-secret', stored: true, backend: BACKEND, sessionOnly: false },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides
  }
}

function installProfiles(profile: ProfileSummary, more: Parameters<typeof installFakeApi>[0] = {}) {
  const state: ProfilesState = { profiles: [profile], activeProfileId: profile.id, secretBackend: BACKEND, notices: [] }
  return installFakeApi({ listProfiles: vi.fn(async () => ({ ok: true as const, value: state })) as unknown as WindowApi['listProfiles'], ...more })
}

const withProfiles = (node: React.ReactNode) => render(<ActiveProfileProvider>{node}</ActiveProfileProvider>)

describe('a profile with a problem', () => {
  it('says why on the profile and in the list, and Test credential is disabled with that sentence', async () => {
    installProfiles(summary({ problem: PROBLEM }))
    withProfiles(<ProfilesArea />)
    const sentence = await screen.findByTestId('profile-problem')
    expect(sentence.textContent).toBe(`This profile cannot be used until its hosts are edited: ${PROBLEM}`)
    const test = screen.getByRole('button', { name: 'Test credential' }) as HTMLButtonElement
    expect(test.disabled).toBe(true)
    expect(test.getAttribute('aria-describedby')).toBe(sentence.id)
    expect((screen.getByRole('button', { name: 'Generate token' }) as HTMLButtonElement).disabled).toBe(true)
    expect(within(screen.getByRole('navigation', { name: 'Profiles list' })).getByText('cannot be used').getAttribute('title')).toBe(PROBLEM)
  })

  it('leaves Test credential enabled for a profile without one', async () => {
    installProfiles(summary())
    withProfiles(<ProfilesArea />)
    await screen.findByRole('heading', { name: /Acme custom/ })
    expect((screen.getByRole('button', { name: 'Test credential' }) as HTMLButtonElement).disabled).toBe(false)
    expect(screen.queryByTestId('profile-problem')).toBeNull()
  })

  it('disables Send in the Request area while that profile is active, and Ctrl+Enter sends nothing', async () => {
    const sendRequest = vi.fn()
    installProfiles(summary({ problem: PROBLEM }), { sendRequest: sendRequest as unknown as WindowApi['sendRequest'] })
    withProfiles(<RequestArea />)
    const sentence = await screen.findByTestId('profile-problem')
    expect(sentence.textContent).toBe(`This profile cannot send: ${PROBLEM}`)
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement
    expect(send.disabled).toBe(true)
    expect(send.getAttribute('aria-describedby')).toBe(sentence.id)
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'URL' }), { key: 'Enter', ctrlKey: true })
    fireEvent.submit(send.closest('form')!)
    expect(sendRequest).not.toHaveBeenCalled()
  })
})

describe('the profile form', () => {
  it('shows the notice profiles:update answers after saving (a host change removed the secret)', async () => {
    const notice = 'The IMS host changed, so the stored client secret was removed: enter it again.'
    const updateProfile = vi.fn(async () => ({ ok: true as const, value: { ...summary(), notice } }))
    installProfiles(summary(), { updateProfile: updateProfile as unknown as WindowApi['updateProfile'] })
    withProfiles(<ProfilesArea />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    expect((await screen.findByTestId('profile-saved-notice')).textContent).toContain(notice)
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByTestId('profile-saved-notice')).toBeNull()
  })

  it('asks "Did you mean https://…?" for a host without a scheme, and saves only once one is chosen', async () => {
    const updateProfile = vi.fn(async () => ({ ok: true as const, value: summary() }))
    installProfiles(summary(), { updateProfile: updateProfile as unknown as WindowApi['updateProfile'] })
    withProfiles(<ProfilesArea />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    const reactor = screen.getByRole('textbox', { name: 'Reactor host' }) as HTMLInputElement
    fireEvent.change(reactor, { target: { value: 'reactor.acme.test' } })
    expect(screen.queryByText(/Did you mean/)).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    const question = await screen.findByRole('alert')
    expect(question.textContent).toBe('A host needs its scheme. Did you mean https://reactor.acme.test?')
    expect(updateProfile).not.toHaveBeenCalled()
    expect(reactor.value).toBe('reactor.acme.test')
    fireEvent.click(within(question).getByRole('button', { name: 'https://reactor.acme.test' }))
    expect(reactor.value).toBe('https://reactor.acme.test')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(updateProfile).toHaveBeenCalledTimes(1))
    expect((updateProfile.mock.calls[0] as unknown as [{ draft: { reactorBaseUrl: string } }])[0].draft.reactorBaseUrl).toBe('https://reactor.acme.test')
  })

  it('offers http:// beside https:// for a loopback host', async () => {
    installProfiles(summary())
    withProfiles(<ProfilesArea />)
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    const ims = screen.getByRole('textbox', { name: 'IMS host' })
    fireEvent.change(ims, { target: { value: '127.0.0.1:4100' } })
    fireEvent.blur(ims)
    expect((await screen.findByRole('alert')).textContent).toBe('A host needs its scheme. Did you mean https://127.0.0.1:4100 or http://127.0.0.1:4100?')
  })
})

describe('app notices', () => {
  it('shows app:notice events as dismissible banners, the same sentence once', async () => {
    const fake = installFakeApi({ getAppInfo: async () => ({ ok: true, value: { name: 'x', version: '1', platform: 'linux', transport: 'loopback' } }) })
    render(
      <ActiveProfileProvider>
        <App />
      </ActiveProfileProvider>
    )
    expect(screen.queryByTestId('app-notices')).toBeNull()
    act(() => {
      fake.emit('app:notice', { level: 'warning', message: 'profiles.json was damaged and moved aside.' })
      fake.emit('app:notice', { level: 'warning', message: 'profiles.json was damaged and moved aside.' })
      fake.emit('app:notice', { level: 'info', message: 'History recorded again.' })
    })
    const banners = screen.getByTestId('app-notices')
    expect([...banners.querySelectorAll('.notice-banner')].map((banner) => banner.firstElementChild!.textContent)).toEqual([
      'profiles.json was damaged and moved aside.',
      'History recorded again.'
    ])
    fireEvent.click(within(banners).getAllByRole('button', { name: 'Dismiss notice' })[0]!)
    expect(screen.queryByText('profiles.json was damaged and moved aside.')).toBeNull()
    expect(screen.getByText('History recorded again.')).toBeTruthy()
  })
})

describe('the selected profile', () => {
  /** Two profiles, the active one kept by the fake main process as setActiveProfile moves it. */
  function installTwoProfiles() {
    const state: ProfilesState = {
      profiles: [summary(), summary({ id: 'p2', name: 'Sandbox scenario', environment: 'custom' })],
      activeProfileId: 'p1',
      secretBackend: BACKEND,
      notices: []
    }
    installFakeApi({
      listProfiles: vi.fn(async () => ({ ok: true as const, value: { ...state } })) as unknown as WindowApi['listProfiles'],
      setActiveProfile: vi.fn(async ({ id }: { id: string }) => {
        state.activeProfileId = id
        return { ok: true as const, value: undefined }
      }) as unknown as WindowApi['setActiveProfile']
    })
  }

  /** Stands for the status bar's switcher and the Sandbox's "Use this scenario": they only change the active profile. */
  function SwitchElsewhere() {
    const { setActiveProfileId } = useActiveProfile()
    return (
      <>
        <button type="button" onClick={() => setActiveProfileId('p2')}>Elsewhere: use p2</button>
        <button type="button" onClick={() => setActiveProfileId('p1')}>Elsewhere: use p1</button>
      </>
    )
  }

  it('follows the active profile when it changes outside the Profiles area', async () => {
    installTwoProfiles()
    withProfiles(
      <>
        <SwitchElsewhere />
        <ProfilesArea />
      </>
    )
    await screen.findByRole('heading', { name: /Acme custom/ })
    fireEvent.click(screen.getByRole('button', { name: 'Elsewhere: use p2' }))
    expect(await screen.findByRole('heading', { name: /Sandbox scenario/ })).toBeTruthy()
    expect(screen.queryByRole('heading', { name: /Acme custom/ })).toBeNull()
  })

  it('does not take the form away while the person edits a profile; it follows again once they are back', async () => {
    installTwoProfiles()
    withProfiles(
      <>
        <SwitchElsewhere />
        <ProfilesArea />
      </>
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    fireEvent.click(screen.getByRole('button', { name: 'Elsewhere: use p2' }))
    // The active marker moves in the list; the form stays.
    const list = within(screen.getByRole('navigation', { name: 'Profiles list' }))
    await waitFor(() => expect(list.getByText('Sandbox scenario').closest('button')!.querySelector('[aria-label="active"]')).not.toBeNull())
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    // Back in the view on the profile they edited, not on the one made active meanwhile.
    expect(await screen.findByRole('heading', { name: /Acme custom/ })).toBeTruthy()
    // The next change elsewhere is followed again.
    fireEvent.click(screen.getByRole('button', { name: 'Elsewhere: use p1' }))
    fireEvent.click(screen.getByRole('button', { name: 'Elsewhere: use p2' }))
    expect(await screen.findByRole('heading', { name: /Sandbox scenario/ })).toBeTruthy()
  })
})
