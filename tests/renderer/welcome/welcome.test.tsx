import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/app/App'
import { exploreWithSandbox } from '../../../src/renderer/src/features/welcome/explore-sandbox'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import type { SettingsState, UpdateSettingsInput, WindowApi } from '../../../src/shared/contract'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'

function fakeSettings(welcomeDismissed: boolean | undefined) {
  let state: SettingsState = { network: DEFAULT_NETWORK_SETTINGS, notices: [], environment: {}, ...(welcomeDismissed === undefined ? {} : { welcomeDismissed }) }
  const updateSettings = vi.fn(async (input: UpdateSettingsInput) => {
    state = { ...state, welcomeDismissed: input.welcomeDismissed ?? state.welcomeDismissed }
    return { ok: true as const, value: state }
  })
  installFakeApi({
    getSettings: async () => ({ ok: true, value: state }),
    updateSettings: updateSettings as unknown as WindowApi['updateSettings']
  })
  return { updateSettings }
}

function renderApp() {
  return render(
    <ActiveProfileProvider>
      <App />
    </ActiveProfileProvider>
  )
}

describe('Welcome screen', () => {
  it('is shown on first run with focus in it; Skip closes it, saves the dismissal, and the sidebar button brings it back', async () => {
    const { updateSettings } = fakeSettings(false)
    renderApp()
    const dialog = await screen.findByRole('dialog', { name: 'Welcome to Reactor Explorer' })
    // Focus moves in from an effect after the dialog renders.
    await waitFor(() => expect(document.activeElement).toBe(dialog))
    expect(document.getElementById('root')?.inert ?? true).toBe(true)
    expect(within(dialog).getByRole('button', { name: 'Explore with the Sandbox' })).toBeTruthy()
    expect(within(dialog).getByRole('button', { name: 'Add my Adobe credential' })).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('button', { name: 'Skip' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(updateSettings).toHaveBeenCalledWith({ network: {}, welcomeDismissed: true })

    fireEvent.click(screen.getByRole('button', { name: 'Welcome' }))
    expect(await screen.findByRole('dialog', { name: 'Welcome to Reactor Explorer' })).toBeTruthy()
  })

  it('Escape closes it and saves the dismissal', async () => {
    const { updateSettings } = fakeSettings(false)
    renderApp()
    const dialog = await screen.findByRole('dialog', { name: 'Welcome to Reactor Explorer' })
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(updateSettings).toHaveBeenCalledTimes(1)
  })

  it('stays closed once dismissed, and when the core does not report the field', async () => {
    for (const dismissed of [true, undefined]) {
      fakeSettings(dismissed)
      const { unmount } = renderApp()
      await screen.findByRole('button', { name: 'Welcome' })
      // Give the getSettings answer time to arrive before asserting nothing opened.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(screen.queryByRole('dialog')).toBeNull()
      unmount()
    }
  })
})

describe('Explore with the Sandbox', () => {
  // First: the collections store is one per window (module-level), so the starter made below stays open after it.
  it('shows a sentence in the dialog when the starter collection cannot be made', async () => {
    fakeSettings(false)
    const settingsApi = window.api
    installFakeApi({
      getSettings: settingsApi.getSettings,
      updateSettings: settingsApi.updateSettings,
      createStarterCollection: async () => ({ ok: false, error: { code: 'sandbox-failed', message: 'The Sandbox did not start.' } })
    })
    renderApp()
    const dialog = await screen.findByRole('dialog', { name: 'Welcome to Reactor Explorer' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Explore with the Sandbox' }))
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('The Sandbox did not start.'))
  })

  it('makes the Sandbox active, creates the starter collection once (reusing it after), and opens List companies', async () => {
    const listCompanies = { ...newRequestSpec(), name: 'List companies', url: '/companies' }
    const starter = {
      id: 'c1',
      root: '/data/collections/Reactor starter',
      name: 'Reactor starter',
      version: '1.0.0',
      defaults: { headers: [], variables: [] },
      environments: [],
      items: [
        { kind: 'folder', path: 'companies', name: 'Companies', seq: 1, defaults: { headers: [], variables: [] }, items: [{ kind: 'request', path: 'companies/list-companies.yml', seq: 1, spec: listCompanies, etag: 'e1' }] }
      ]
    } as unknown as CollectionView
    const createStarterCollection = vi.fn(async () => ({ ok: true as const, value: starter }))
    installFakeApi({
      listCollections: async () => ({ ok: true, value: [] }),
      createStarterCollection: createStarterCollection as unknown as WindowApi['createStarterCollection']
    })
    const opened: OpenRequest[] = []
    const unregister = registerRequestOpener((request) => opened.push(request))
    const setActive = vi.fn()
    try {
      await exploreWithSandbox(setActive)
      await exploreWithSandbox(setActive)
    } finally {
      unregister()
    }
    expect(setActive).toHaveBeenCalledWith('sandbox')
    expect(createStarterCollection).toHaveBeenCalledTimes(1)
    expect(opened).toHaveLength(2)
    expect(opened[0]!.spec.name).toBe('List companies')
    expect(opened[0]!.origin).toEqual({ kind: 'collection', root: starter.root, path: 'companies/list-companies.yml', etag: 'e1' })
  })

})
