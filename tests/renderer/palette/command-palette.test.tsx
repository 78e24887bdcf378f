import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/app/App'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { resetCollectionsStore } from '../../../src/renderer/src/features/collections/collections-store'
import { RECENT_USE_KEY } from '../../../src/renderer/src/features/palette/recent-use'
import type { WindowApi } from '../../../src/shared/contract'
import type { CollectionView, HistoryPage, ProfilesState } from '../../../src/shared/contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { fakeCollectionsApi, installFakeApi } from '../../support/fake-api'

const TEAM: CollectionView = {
  id: 'c1',
  root: '/tmp/team',
  name: 'Team requests',
  version: '1.0.0',
  defaults: { headers: [], variables: [] },
  items: [{ kind: 'request', path: 'list-companies.yml', seq: 1, spec: newRequestSpec({ name: 'Our companies', method: 'GET', url: '/companies' }) }],
  environments: []
} as CollectionView

const BACKEND = { backend: 'memory' as const, persistent: false, label: 'memory' }
const PROFILE_BASE = {
  imsBaseUrl: 'http://127.0.0.1:1',
  reactorBaseUrl: 'http://127.0.0.1:1',
  clientId: 'c',
  orgId: 'o@AdobeOrg',
  scopes: [],
  authKind: 'oauth-server-to-server',
  builtIn: false,
  secret: { kind: 'client-secret', stored: true, backend: BACKEND, sessionOnly: true },
  createdAt: '',
  updatedAt: ''
}
const PROFILES = {
  profiles: [
    { ...PROFILE_BASE, id: 'sandbox', name: 'Sandbox (simulated)', environment: 'sandbox', simulated: true, builtIn: true },
    { ...PROFILE_BASE, id: 'acme', name: 'Acme production', environment: 'production', simulated: false }
  ],
  activeProfileId: 'sandbox',
  secretBackend: BACKEND,
  notices: []
} as unknown as ProfilesState

function setup(history?: Promise<{ ok: true; value: HistoryPage }>) {
  const setActiveProfile = vi.fn(async () => ({ ok: true as const, value: { activeProfileId: 'acme' } }))
  const fake = installFakeApi({
    listProfiles: vi.fn(async () => ({ ok: true as const, value: PROFILES })) as unknown as WindowApi['listProfiles'],
    setActiveProfile: setActiveProfile as unknown as WindowApi['setActiveProfile'],
    listHistory: vi.fn(() => history ?? Promise.resolve({ ok: true as const, value: { items: [], total: 0, notices: [] } })) as unknown as WindowApi['listHistory'],
    ...fakeCollectionsApi(new Map([[TEAM.id, TEAM]]))
  })
  render(
    <ActiveProfileProvider>
      <App />
    </ActiveProfileProvider>
  )
  return { ...fake, setActiveProfile }
}

// jsdom has no scrolling: cmdk scrolls the selected item into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {}

beforeEach(() => {
  window.localStorage.clear()
  resetCollectionsStore()
})
afterEach(() => window.localStorage.clear())

// The palette's dialog and the Request area load lazily (chunks with the catalog): on a loaded machine each
// first load takes seconds, so these tests get room; nothing here measures time.
describe('command palette', { timeout: 30_000 }, () => {
  it('opens on Ctrl+K with the search focused, groups with headings and shortcuts, and Escape returns focus', async () => {
    setup()
    const commands = screen.getByRole('button', { name: /Commands/ })
    expect(commands.getAttribute('aria-keyshortcuts')).toBe('Control+K')
    commands.focus()
    fireEvent.keyDown(commands, { key: 'k', ctrlKey: true })
    const dialog = await screen.findByRole('dialog', { name: 'Command palette' }, { timeout: 10_000 })
    const search = within(dialog).getByRole('combobox')
    await waitFor(() => expect(document.activeElement).toBe(search))
    expect(await within(dialog).findByText('Our companies')).toBeTruthy()
    expect(within(dialog).getByText('Actions')).toBeTruthy()
    expect(within(dialog).getByText('Saved requests')).toBeTruthy()
    // An action shows the keys that do the same.
    const shortcutsAction = within(dialog).getByText('Keyboard shortcuts').closest('[cmdk-item]') as HTMLElement
    expect(shortcutsAction.textContent).toContain('?')
    fireEvent.keyDown(search, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    await waitFor(() => expect(document.activeElement).toBe(commands))
  })

  it('says so while history loads, and when nothing matches', async () => {
    let answer: (page: { ok: true; value: HistoryPage }) => void = () => {}
    setup(new Promise((resolve) => (answer = resolve)))
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const dialog = await screen.findByRole('dialog', { name: 'Command palette' }, { timeout: 10_000 })
    expect(await within(dialog).findByText(/Loading saved requests and history/)).toBeTruthy()
    answer({ ok: true, value: { items: [{ id: 'h1', startedAt: Date.now(), method: 'GET', url: '/companies/CO1', status: 200, statusText: 'OK', statusClass: '2xx', durationMs: 12, source: 'app' } as HistoryPage['items'][number]], total: 1, notices: [] } })
    expect(await within(dialog).findByText('GET /companies/CO1')).toBeTruthy()
    await waitFor(() => expect(within(dialog).queryByText(/Loading saved requests/)).toBeNull())
    fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: 'qqqqzzz' } })
    expect((await within(dialog).findByText(/Nothing matches “qqqqzzz”/)).textContent).toContain('Try fewer letters')
  })

  it('switches profile from the keyboard (Ctrl+Shift+P), keeps the pick for ranking, and returns focus', async () => {
    const { setActiveProfile } = setup()
    const nav = screen.getByRole('button', { name: 'History' })
    nav.focus()
    fireEvent.keyDown(nav, { key: 'P', ctrlKey: true, shiftKey: true })
    const dialog = await screen.findByRole('dialog', { name: 'Switch profile' }, { timeout: 10_000 })
    const search = within(dialog).getByRole('combobox')
    fireEvent.change(search, { target: { value: 'acme' } })
    await within(dialog).findByText('Acme production')
    fireEvent.keyDown(search, { key: 'Enter' })
    await waitFor(() => expect(setActiveProfile).toHaveBeenCalledWith({ id: 'acme' }))
    await waitFor(() => expect(document.activeElement).toBe(nav))
    expect(JSON.parse(window.localStorage.getItem(RECENT_USE_KEY)!)).toEqual(['profile:acme'])
    // Next time, with nothing typed, it is the first thing offered.
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const again = await screen.findByRole('dialog', { name: 'Command palette' }, { timeout: 10_000 })
    const recent = within(again).getByText('Recent').closest('[cmdk-group]') as HTMLElement
    expect(within(recent).getByText('Acme production')).toBeTruthy()
  })

  it('opens a saved request as a tab and moves focus to its URL field; arrows move the selection', async () => {
    setup()
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
    const dialog = await screen.findByRole('dialog', { name: 'Command palette' }, { timeout: 10_000 })
    const search = within(dialog).getByRole('combobox')
    fireEvent.change(search, { target: { value: 'our compan' } })
    const row = (await within(dialog).findByText('Our companies')).closest('[cmdk-item]') as HTMLElement
    await waitFor(() => expect(row.getAttribute('data-selected')).toBe('true'))
    // The catalog's "List companies" matches too: arrows go there and back.
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    await waitFor(() => expect(row.getAttribute('data-selected')).toBe('false'))
    fireEvent.keyDown(search, { key: 'ArrowUp' })
    await waitFor(() => expect(row.getAttribute('data-selected')).toBe('true'))
    fireEvent.keyDown(search, { key: 'Enter' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // The Request area loads lazily the first time: give it the time a loaded machine needs.
    // The new tab is the one shown; the first (empty) tab stays mounted, hidden.
    const shownUrl = () => document.querySelector<HTMLInputElement>('.rq-work:not([hidden]) input[aria-label="URL"]')
    await waitFor(() => expect(shownUrl()?.value).toBe('/companies'), { timeout: 15_000 })
    await waitFor(() => expect(document.activeElement).toBe(shownUrl()))
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Request')
  }, 30_000)
})

describe('keyboard focus moves', { timeout: 30_000 }, () => {
  it('Ctrl+number moves focus into the area: its heading, or the Request area’s URL field', async () => {
    setup()
    fireEvent.keyDown(window, { key: '4', ctrlKey: true })
    await waitFor(() => expect(document.activeElement?.textContent).toBe('History'))
    expect(document.activeElement?.tagName).toBe('H1')
    fireEvent.keyDown(window, { key: '1', ctrlKey: true })
    await waitFor(() => expect(document.activeElement?.tagName).toBe('H1'))
    expect(document.activeElement?.textContent).toBe('Profiles')
    fireEvent.keyDown(window, { key: '2', ctrlKey: true })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('URL')), { timeout: 15_000 })
  }, 30_000)

  it('Ctrl+L before the Request area was ever opened brings it, focus in the URL field; Ctrl+, opens the settings', async () => {
    setup()
    fireEvent.keyDown(window, { key: 'l', ctrlKey: true })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('URL')), { timeout: 15_000 })
    expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Request')
    fireEvent.keyDown(window, { key: ',', ctrlKey: true })
    expect(await screen.findByRole('dialog', {}, { timeout: 10_000 })).toBeTruthy()
  }, 30_000)
})
