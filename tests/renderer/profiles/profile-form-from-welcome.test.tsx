import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ProfilesArea } from '../../../src/renderer/src/features/profiles/ProfilesArea'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { openProfileForm } from '../../../src/renderer/src/state/workbench-commands'
import type { ImportPreview, ProfilesState, ProfileSummary, WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'

// The welcome's "Add my Adobe credential": the new-profile form opens (even when asked before the Profiles area
// exists), a Developer Console file fills it without its secret ever reaching the page, saving sends the file back
// to main, and the Credential Doctor runs on the saved profile by itself.
const BACKEND = { backend: 'keychain' as const, persistent: true, label: 'the system keychain' }
const FILE_TEXT = '{"project":{"title":"Acme Tags"}}'
const PREVIEW: ImportPreview = {
  kind: 'developer-console-project',
  description: 'Developer Console project "Acme Tags", OAuth Server-to-Server credential "Reactor".',
  draft: { name: 'Acme Tags · Production', environment: 'production', clientId: 'acme-client', orgId: '1234567890ABCDEF12345678@AdobeOrg', scopes: ['openid', 'AdobeID'] },
  hasClientSecret: true,
  warnings: []
}

function saved(overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id: 'acme',
    name: 'Acme Tags · Production',
    environment: 'production',
    imsBaseUrl: 'https://ims-na1.adobelogin.com',
    reactorBaseUrl: 'https://reactor.adobe.io',
    clientId: 'acme-client',
    orgId: '1234567890ABCDEF12345678@AdobeOrg',
    scopes: ['openid', 'AdobeID'],
    authKind: 'oauth-s2s',
    builtIn: false,
    simulated: false,
    secret: { kind: 'client-secret', stored: true, backend: BACKEND, sessionOnly: false },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides
  }
}

function install() {
  const profiles: ProfileSummary[] = []
  const state = (): ProfilesState => ({ profiles: [...profiles], activeProfileId: profiles[0]?.id, secretBackend: BACKEND, notices: [] })
  const importProfile = vi.fn(async (input: { mode: string }) => {
    if (input.mode === 'preview') return { ok: true as const, value: { preview: PREVIEW } }
    profiles.push(saved())
    return { ok: true as const, value: { preview: PREVIEW, profile: saved() } }
  })
  const createProfile = vi.fn(async () => {
    profiles.push(saved({ id: 'typed', name: 'Typed', clientId: 'other-client' }))
    return { ok: true as const, value: saved({ id: 'typed', name: 'Typed', clientId: 'other-client' }) }
  })
  const runCredentialDoctor = vi.fn(async () => ({ ok: false as const, error: { code: 'network', message: 'IMS could not be reached.' } }))
  installFakeApi({
    listProfiles: vi.fn(async () => ({ ok: true as const, value: state() })) as unknown as WindowApi['listProfiles'],
    importProfile: importProfile as unknown as WindowApi['importProfile'],
    createProfile: createProfile as unknown as WindowApi['createProfile'],
    runCredentialDoctor: runCredentialDoctor as unknown as WindowApi['runCredentialDoctor']
  })
  return { importProfile, createProfile, runCredentialDoctor }
}

async function chooseFile(): Promise<void> {
  const input = screen.getByLabelText('Developer Console project file')
  // jsdom's File has no text(); Chromium's does (the e2e journey imports a real file).
  const file = Object.assign(new File([FILE_TEXT], 'Acme-workspace.json', { type: 'application/json' }), { text: async () => FILE_TEXT })
  fireEvent.change(input, { target: { files: [file] } })
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Filled in from Acme-workspace\.json: Developer Console project "Acme Tags"/), { timeout: 5_000 })
}

describe('the new-profile form the welcome opens', () => {
  it('opens even when asked before the Profiles area exists, imports the file, saves through main and runs the doctor', async () => {
    const { importProfile, createProfile, runCredentialDoctor } = install()
    openProfileForm({ testAfterSave: true })
    render(<ActiveProfileProvider><ProfilesArea /></ActiveProfileProvider>)
    await screen.findByRole('form', { name: 'New profile' }, { timeout: 5_000 })
    await chooseFile()

    expect(importProfile).toHaveBeenCalledWith({ filename: 'Acme-workspace.json', content: FILE_TEXT, mode: 'preview' })
    expect((screen.getByLabelText('Client ID (sent as x-api-key)') as HTMLInputElement).value).toBe('acme-client')
    expect((screen.getByLabelText(/^Organization ID/) as HTMLInputElement).value).toBe(PREVIEW.draft.orgId)
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Acme Tags · Production')
    expect(screen.getByRole('status').textContent).toMatch(/client secret goes straight to the system keychain/)
    expect((screen.getByLabelText(/^Client Secret/) as HTMLInputElement).placeholder).toMatch(/From the imported file/)

    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await screen.findByRole('heading', { name: /Acme Tags · Production/ }, { timeout: 5_000 })
    expect(importProfile).toHaveBeenLastCalledWith(
      expect.objectContaining({ filename: 'Acme-workspace.json', content: FILE_TEXT, mode: 'create', overrides: expect.objectContaining({ clientId: 'acme-client', environment: 'production' }) })
    )
    expect(createProfile).not.toHaveBeenCalled()
    // Nobody pressed Test credential: the doctor ran because the person came from the welcome.
    await waitFor(() => expect(runCredentialDoctor).toHaveBeenCalledWith(expect.objectContaining({ profileId: 'acme' })), { timeout: 5_000 })
  })

  it('uses the typed values, not the file’s secret, once the Client ID is another one; New profile alone runs no doctor', async () => {
    const { importProfile, createProfile, runCredentialDoctor } = install()
    render(<ActiveProfileProvider><ProfilesArea /></ActiveProfileProvider>)
    fireEvent.click(await screen.findByRole('button', { name: 'New profile' }, { timeout: 5_000 }))
    await chooseFile()
    fireEvent.change(screen.getByLabelText('Client ID (sent as x-api-key)'), { target: { value: 'other-client' } })
    fireEvent.change(screen.getByLabelText(/^Client Secret/), { target: { value: 'typed-secret' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await screen.findByRole('heading', { name: /Typed/ }, { timeout: 5_000 })
    expect(createProfile).toHaveBeenCalledWith(expect.objectContaining({ draft: expect.objectContaining({ clientId: 'other-client' }), clientSecret: 'typed-secret' }))
    expect(importProfile).toHaveBeenCalledTimes(1)
    expect(runCredentialDoctor).not.toHaveBeenCalled()
  })
})
