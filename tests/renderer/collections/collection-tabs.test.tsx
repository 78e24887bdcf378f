import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { resetCollectionsStore } from '../../../src/renderer/src/features/collections/collections-store'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { ProfileOption } from '../../../src/renderer/src/state/active-profile'
import type { WindowApi } from '../../../src/shared/contract'
import type { CollectionView, SaveRequestInput, SaveResult } from '../../../src/shared/ipc/collections.contract'
import type { RequestTabsStateInput, SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import type { RequestSpec } from '../../../src/shared/requests/request-spec'
import { fakeCollectionsApi, installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, listDoc, response } from '../requests/fixtures'
import { COLLECTION_ID, COMPANIES, items, LIST_RULES, ok, ROOT, teamView, viewsOf } from './fixtures'

const STAGE: ProfileOption = { id: 'p2', name: 'Acme stage', environment: 'stage', simulated: false, reactorBaseUrl: 'https://reactor.adobe.io' }
const TOKEN = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXRva2VuIn0.c2lnbmF0dXJlLW9mLWEtdG9rZW4'

type SaveFn = (input: SaveRequestInput) => Promise<{ ok: true; value: SaveResult }>

function calls<T>(fn: unknown): T[] {
  return (fn as { mock: { calls: Array<[T]> } }).mock.calls.map((call) => call[0])
}

function panel() {
  const visible = [...document.querySelectorAll<HTMLElement>('[data-request-tab]')].filter((element) => !element.hidden)
  expect(visible).toHaveLength(1)
  return within(visible[0]!)
}
function urlField(): HTMLInputElement {
  return panel().getByLabelText('URL') as HTMLInputElement
}
function environmentSelect(): HTMLSelectElement {
  return within(panel().getByTestId('environment-select')).getByRole('combobox') as HTMLSelectElement
}
function selectedTab() {
  return within(screen.getByRole('tablist', { name: 'Open requests' }))
    .getAllByRole('tab')
    .find((tab) => tab.getAttribute('aria-selected') === 'true')!
}
function saveShortcut(shift = false) {
  fireEvent.keyDown(window, { key: 's', ctrlKey: true, shiftKey: shift })
}

/** A tab opened from rules/list-rules.yml (restored from tabs.json), and the collection open in main. */
function setup(options: { views?: Map<string, CollectionView>; overrides?: Partial<WindowApi>; tab?: RequestTabsStateInput['tabs'][number] } = {}) {
  const views = options.views ?? viewsOf(teamView())
  const saveRequestTabs = vi.fn(async (_state: RequestTabsStateInput) => ok({ saved: true as const, redacted: 0 }))
  const tab = options.tab ?? { id: 'tab-rules', spec: LIST_RULES, baseline: LIST_RULES, origin: { kind: 'collection' as const, root: ROOT, path: 'rules/list-rules.yml', etag: 'r1' } }
  const fake = installFakeApi({
    ...fakeCollectionsApi(views),
    loadRequestTabs: (async () => ok({ tabs: [tab], selectedTabId: tab.id })) as unknown as WindowApi['loadRequestTabs'],
    saveRequestTabs: saveRequestTabs as unknown as WindowApi['saveRequestTabs'],
    ...options.overrides
  })
  return { ...fake, views, saveRequestTabs }
}

function savedAnswer(spec: RequestSpec, path: string, etag: string, extra: Partial<Extract<SaveResult, { status: 'saved' }>> = {}): SaveResult {
  const view = teamView({
    items: items().map((item) =>
      item.kind === 'folder' ? { ...item, items: item.items.map((inner) => (inner.path === path ? { ...inner, spec, etag } : inner)).concat(item.items.some((inner) => inner.path === path) || !path.startsWith('rules/') ? [] : [{ kind: 'request', path, seq: 3, spec, etag }]) } : item
    )
  })
  return { status: 'saved', path, etag, collection: view, secretsStored: [], ...extra }
}

describe('request tabs from a collection', () => {
  beforeEach(() => resetCollectionsStore())
  afterEach(() => resetCollectionsStore())

  it('resolve with the folder’s, the collection’s and the profile’s environment variables, send through collections:sendRequest, and switching profile switches environment', async () => {
    const sendCollectionRequest = vi.fn(async (input: { requestId: string }) => ok(response({ data: [] }, { requestId: input.requestId })))
    // The path pickers list companies through requests:send; the request itself goes through its collection.
    const sendRequest = vi.fn(async () => ok(response(listDoc('companies', [['CO1', 'Acme']]))))
    setup({ overrides: { sendCollectionRequest: sendCollectionRequest as unknown as WindowApi['sendCollectionRequest'], sendRequest: sendRequest as unknown as WindowApi['sendRequest'] } })
    const { rerender } = render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(environmentSelect().value).toBe('Production'))
    expect(panel().getByTestId('will-send').textContent).toBe('GET https://reactor.adobe.io/properties/PRprod/rules')
    expect(panel().queryByTestId('unknown-variables')).toBeNull()

    fireEvent.click(panel().getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sendCollectionRequest).toHaveBeenCalledTimes(1))
    expect(calls<Record<string, unknown>>(sendCollectionRequest)[0]).toMatchObject({ collectionId: COLLECTION_ID, path: 'rules/list-rules.yml', profileId: 'p1', draft: { url: '/properties/{{propertyId}}/rules' } })
    expect(calls<{ spec: RequestSpec }>(sendRequest).map((input) => input.spec.url)).not.toContain('/properties/{{propertyId}}/rules')

    rerender(<RequestWorkbench profile={STAGE} catalog={CATALOG} />)
    await waitFor(() => expect(environmentSelect().value).toBe('Stage'))
    expect(panel().getByTestId('will-send').textContent).toBe('GET https://reactor.adobe.io/properties/PRstage/rules')
  })

  it('choosing another environment binds it to the active profile and lets the one used so far go', async () => {
    const saveCollectionEnvironment = vi.fn(async () => ok({ status: 'saved' as const, path: 'environments/x.yml', etag: 'x', collection: teamView(), secretsStored: [] }))
    setup({ overrides: { saveCollectionEnvironment: saveCollectionEnvironment as unknown as WindowApi['saveCollectionEnvironment'] } })
    render(<RequestWorkbench profile={STAGE} catalog={CATALOG} />)
    await waitFor(() => expect(environmentSelect().value).toBe('Stage'))
    fireEvent.change(environmentSelect(), { target: { value: 'Production' } })
    await waitFor(() => expect(saveCollectionEnvironment).toHaveBeenCalledTimes(2))
    const [release, bind] = calls<{ environment: { name: string; profileId?: string; file?: string }; previousName: string }>(saveCollectionEnvironment)
    expect(release).toMatchObject({ collectionId: COLLECTION_ID, previousName: 'Stage', environment: { name: 'Stage' } })
    expect(release!.environment.profileId).toBeUndefined()
    expect(bind).toMatchObject({ previousName: 'Production', environment: { name: 'Production', profileId: 'p2' } })
    // The tree's file name and hash are not part of an environment document.
    expect(bind!.environment.file).toBeUndefined()
  })

  it('Ctrl/Cmd+S writes the tab back to its file with the etag it was opened with; the tab is clean after', async () => {
    const saveCollectionRequest = vi.fn<SaveFn>(async (input) => ok(savedAnswer(input.spec as RequestSpec, 'rules/list-rules.yml', 'r1-saved')))
    const { saveRequestTabs } = setup({ overrides: { saveCollectionRequest: saveCollectionRequest as unknown as WindowApi['saveCollectionRequest'] } })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules'))
    fireEvent.change(urlField(), { target: { value: '/properties/{{propertyId}}/rules?filter[enabled]=EQ true' } })
    await waitFor(() => expect(selectedTab().querySelector('[data-testid="dirty-marker"]')).not.toBeNull())
    saveShortcut()
    await waitFor(() => expect(saveCollectionRequest).toHaveBeenCalledTimes(1))
    expect(calls<SaveRequestInput>(saveCollectionRequest)[0]).toMatchObject({ collectionId: COLLECTION_ID, path: 'rules/list-rules.yml', baseEtag: 'r1', spec: { params: [{ name: 'filter[enabled]', value: 'EQ true' }] } })
    await waitFor(() => expect(selectedTab().querySelector('[data-testid="dirty-marker"]')).toBeNull())
    expect(screen.getByTestId('save-status').textContent).toContain('Saved “List rules” to Team requests › rules (rules/list-rules.yml).')
    // tabs.json keeps the new etag, so the next save is checked against the file as saved.
    await waitFor(() => expect(saveRequestTabs.mock.calls.at(-1)![0].tabs[0]!.origin).toMatchObject({ path: 'rules/list-rules.yml', etag: 'r1-saved' }))
  })

  it('a pasted token is caught before anything is written: stored as a secret variable in one click, and the tab holds {{name}} after', async () => {
    const withVariable: RequestSpec = { ...LIST_RULES, headers: [...LIST_RULES.headers, { name: 'Authorization', value: '{{authorization}}', enabled: true }] }
    const saveCollectionRequest = vi.fn<SaveFn>(async (input) =>
      input.secretsAs === 'variables'
        ? ok(savedAnswer(withVariable, 'rules/list-rules.yml', 'r1-s', { secretsStored: [{ variable: 'authorization', scope: 'collection', backend: { id: 'memory', label: 'Memory', persistent: false } as never, sessionOnly: true }] }))
        : ok({ status: 'secrets-found', message: 'A bearer token was found.', findings: [{ file: 'rules/list-rules.yml', field: 'headers.Authorization', kind: 'bearer token', fixable: true, variable: 'authorization' }] })
    )
    const { saveRequestTabs } = setup({ overrides: { saveCollectionRequest: saveCollectionRequest as unknown as WindowApi['saveCollectionRequest'] } })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules'))
    fireEvent.click(panel().getByRole('tab', { name: /Headers/ }))
    fireEvent.click(panel().getByRole('button', { name: /Add header/ }))
    const names = panel().getAllByLabelText(/Headers name/)
    fireEvent.change(names.at(-1)!, { target: { value: 'Authorization' } })
    fireEvent.change(panel().getAllByLabelText(/Headers value/).at(-1)!, { target: { value: TOKEN } })
    fireEvent.click(panel().getByRole('button', { name: 'Save' }))

    const dialog = await screen.findByRole('alertdialog', { name: 'This looks like a secret' })
    expect(within(dialog).getByRole('table').textContent).toContain('headers.Authorization')
    expect(within(dialog).getByRole('table').textContent).toContain('{{authorization}}')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Store as a secret variable and save' }))
    await waitFor(() => expect(saveCollectionRequest).toHaveBeenCalledTimes(2))
    expect(calls<SaveRequestInput>(saveCollectionRequest)[1]).toMatchObject({ secretsAs: 'variables', path: 'rules/list-rules.yml', baseEtag: 'r1' })
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    await waitFor(() => expect(panel().getByDisplayValue('{{authorization}}')).toBeTruthy())
    expect(screen.getByTestId('save-status').textContent).toMatch(/stored in your keychain as secret variable \(\{\{authorization\}\}\)/)
    await waitFor(() => expect(JSON.stringify(saveRequestTabs.mock.calls.at(-1)![0])).toContain('{{authorization}}'))
    expect(JSON.stringify(saveRequestTabs.mock.calls.at(-1)![0])).not.toContain('eyJ')
  })

  it('a file changed on disk answers a save with a conflict: keep mine saves over it, take theirs shows it, keep both saves mine as a copy', async () => {
    const theirs: RequestSpec = { ...LIST_RULES, url: '/properties/{{propertyId}}/rules', params: [{ name: 'page[size]', value: '100', enabled: true }] }
    const answers: SaveResult[] = []
    const saveCollectionRequest = vi.fn<SaveFn>(async (input) => {
      const next = answers.shift()
      if (next) return ok(next)
      return ok(input.path ? savedAnswer(input.spec as RequestSpec, input.path, 'r1-mine') : savedAnswer(input.spec as RequestSpec, 'rules/list-rules-my-copy.yml', 'r-copy'))
    })
    const conflict = (): SaveResult => ({ status: 'conflict', code: 'collections-conflict', path: 'rules/list-rules.yml', message: 'It changed on disk.', disk: { etag: 'r1-disk', spec: theirs }, yours: {} })
    setup({ overrides: { saveCollectionRequest: saveCollectionRequest as unknown as WindowApi['saveCollectionRequest'] } })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules'))
    const edit = (text: string) => fireEvent.change(urlField(), { target: { value: text } })

    // Keep mine: saved again over the file as it is now.
    edit('/properties/{{propertyId}}/rules?mine=1')
    answers.push(conflict())
    saveShortcut()
    let dialog = await screen.findByRole('alertdialog', { name: '“List rules” changed on disk' })
    expect(dialog.textContent).toContain('page[size]')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep mine' }))
    await waitFor(() => expect(saveCollectionRequest).toHaveBeenCalledTimes(2))
    expect(calls<SaveRequestInput>(saveCollectionRequest)[1]).toMatchObject({ path: 'rules/list-rules.yml', baseEtag: 'r1-disk', spec: { params: [{ name: 'mine', value: '1' }] } })
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())

    // Take theirs: the tab shows the file as it is on disk, clean.
    edit('/properties/{{propertyId}}/rules?mine=2')
    answers.push(conflict())
    saveShortcut()
    dialog = await screen.findByRole('alertdialog', { name: '“List rules” changed on disk' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take theirs' }))
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules?page[size]=100'))
    expect(selectedTab().querySelector('[data-testid="dirty-marker"]')).toBeNull()
    expect(saveCollectionRequest).toHaveBeenCalledTimes(3)

    // Keep both: mine goes into a new file beside it ("(my copy)"), the file on disk stays theirs.
    edit('/properties/{{propertyId}}/rules?mine=3')
    answers.push(conflict())
    saveShortcut()
    dialog = await screen.findByRole('alertdialog', { name: '“List rules” changed on disk' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep both (save mine as a copy)' }))
    await waitFor(() => expect(saveCollectionRequest).toHaveBeenCalledTimes(5))
    const copy = calls<SaveRequestInput>(saveCollectionRequest)[4]!
    expect(copy.path).toBeUndefined()
    expect(copy).toMatchObject({ collectionId: COLLECTION_ID, folder: 'rules', spec: { name: 'List rules (my copy)', params: [{ name: 'mine', value: '3' }] } })
  })

  it('Save as (and Ctrl+S on a tab from nowhere) asks for the collection, a new folder and the name, then the tab belongs to that file', async () => {
    const newCollectionFolder = vi.fn(async () => ok({ path: 'my-calls', collection: teamView() }))
    const saveCollectionRequest = vi.fn<SaveFn>(async (input) => ok({ ...savedAnswer(input.spec as RequestSpec, 'my-calls/my-properties.yml', 'n1') }))
    const plain = { id: 'tab-plain', spec: COMPANIES, baseline: COMPANIES }
    const { saveRequestTabs } = setup({
      tab: plain,
      overrides: { newCollectionFolder: newCollectionFolder as unknown as WindowApi['newCollectionFolder'], saveCollectionRequest: saveCollectionRequest as unknown as WindowApi['saveCollectionRequest'] }
    })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(urlField().value).toBe('/companies'))
    // The tab has no collection yet: no environment chooser.
    expect(panel().queryByTestId('environment-select')).toBeNull()
    saveShortcut()
    const dialog = await screen.findByRole('dialog', { name: 'Save request to a collection' })
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement).value).toBe(COLLECTION_ID))
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Folder' }), { target: { value: '\u0000new' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New folder’s name' }), { target: { value: 'My calls' } })
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Request name' }), { target: { value: 'My properties' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saveCollectionRequest).toHaveBeenCalledTimes(1))
    expect(newCollectionFolder).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, parent: '', name: 'My calls' })
    expect(calls<SaveRequestInput>(saveCollectionRequest)[0]).toMatchObject({ collectionId: COLLECTION_ID, folder: 'my-calls', spec: { name: 'My properties', url: '/companies' } })
    expect(calls<SaveRequestInput>(saveCollectionRequest)[0]!.path).toBeUndefined()
    await waitFor(() => expect(selectedTab().textContent).toContain('My properties'))
    await waitFor(() => expect(saveRequestTabs.mock.calls.at(-1)![0].tabs[0]!.origin).toEqual({ kind: 'collection', root: ROOT, path: 'my-calls/my-properties.yml', etag: 'n1' }))
  })

  it('a file changed on disk: a tab without edits follows it; a tab with edits asks, and loses neither', async () => {
    const fake = setup()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules'))
    const onDisk = (url: string, etag: string) =>
      teamView({ items: items().map((item) => (item.kind === 'folder' ? { ...item, items: item.items.map((inner) => (inner.path === 'rules/list-rules.yml' ? { ...inner, spec: { ...LIST_RULES, url }, etag } : inner)) } : item)) })
    act(() => fake.emit('collections:changed', { collectionId: COLLECTION_ID, changes: [{ path: 'rules/list-rules.yml', change: 'changed', etag: 'r1-pull' }], collection: onDisk('/properties/{{propertyId}}/rules/pulled', 'r1-pull') }))
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules/pulled'))
    expect(screen.queryByTestId('disk-conflict')).toBeNull()

    fireEvent.change(urlField(), { target: { value: '/properties/{{propertyId}}/rules/mine' } })
    act(() => fake.emit('collections:changed', { collectionId: COLLECTION_ID, changes: [{ path: 'rules/list-rules.yml', change: 'changed', etag: 'r1-bruno' }], collection: onDisk('/properties/{{propertyId}}/rules/bruno', 'r1-bruno') }))
    const note = await screen.findByTestId('disk-conflict')
    expect(note.textContent).toContain('changed on disk while you were editing')
    // Mine is still in the tab until the person chooses.
    expect(urlField().value).toBe('/properties/{{propertyId}}/rules/mine')
    fireEvent.click(within(note).getByRole('button', { name: 'Take theirs' }))
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules/bruno'))
    expect(screen.queryByTestId('disk-conflict')).toBeNull()
  })

  it('“Save as {{propertyId}}” under a picked id keeps it in the profile’s environment and the URL uses the variable', async () => {
    const saveCollectionEnvironment = vi.fn(async () => ok({ status: 'saved' as const, path: 'environments/production.yml', etag: 'e1b', collection: teamView(), secretsStored: [] }))
    const sendRequest = vi.fn(async (input: SendRequestInput & { spec: RequestSpec }) => {
      if (input.spec.url === '/companies') return ok(response(listDoc('companies', [['CO1', 'Acme']])))
      if (input.spec.url === '/companies/CO1/properties') return ok(response(listDoc('properties', [['PR1', 'Web']])))
      return ok(response({ data: [] }))
    })
    setup({
      tab: { id: 'tab-c', spec: COMPANIES, baseline: COMPANIES, origin: { kind: 'collection', root: ROOT, path: 'companies.yml', etag: 'r3' } },
      overrides: { saveCollectionEnvironment: saveCollectionEnvironment as unknown as WindowApi['saveCollectionEnvironment'], sendRequest: sendRequest as unknown as WindowApi['sendRequest'] }
    })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(environmentSelect().value).toBe('Production'))
    fireEvent.click(screen.getByRole('button', { name: /List rules for a property/ }))
    const company = await panel().findByRole('combobox', { name: /Company/ })
    await waitFor(() => expect(within(company).getByRole('option', { name: /Acme/ })).toBeTruthy())
    fireEvent.change(company, { target: { value: 'CO1' } })
    const property = panel().getByRole('combobox', { name: /Property/ })
    await waitFor(() => expect(within(property).getByRole('option', { name: /Web/ })).toBeTruthy())
    fireEvent.change(property, { target: { value: 'PR1' } })
    await waitFor(() => expect(urlField().value).toBe('/properties/PR1/rules'))
    fireEvent.click(panel().getByRole('button', { name: 'Save as {{propertyId}}' }))
    await waitFor(() => expect(saveCollectionEnvironment).toHaveBeenCalledTimes(1))
    expect(calls<Record<string, unknown>>(saveCollectionEnvironment)[0]).toMatchObject({
      collectionId: COLLECTION_ID,
      previousName: 'Production',
      environment: { name: 'Production', profileId: 'p1', variables: [{ name: 'propertyId', value: 'PR1', enabled: true }] }
    })
    await waitFor(() => expect(urlField().value).toBe('/properties/{{propertyId}}/rules'))
    expect(screen.getByTestId('save-status').textContent).toContain('Saved {{propertyId}} = PR1 in the Production environment of Team requests')
  })
})
