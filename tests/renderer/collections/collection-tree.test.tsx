import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { CollectionsArea } from '../../../src/renderer/src/features/collections/CollectionsArea'
import { resetCollectionsStore } from '../../../src/renderer/src/features/collections/collections-store'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import { registerAreaSwitcher, registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import type { WindowApi } from '../../../src/shared/contract'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import { fakeCollectionsApi, installFakeApi } from '../../support/fake-api'
import { COLLECTION_ID, GET_RULE, items, ok, ROOT, teamView, viewsOf } from './fixtures'

function tree() {
  return screen.getByRole('tree', { name: 'Collections' })
}
function rows(): HTMLElement[] {
  return within(tree()).getAllByRole('treeitem')
}
function names(): string[] {
  return rows().map((row) => row.querySelector('.col-name, .col-rename')?.textContent ?? '')
}
function row(name: string | RegExp): HTMLElement {
  const found = rows().find((candidate) => (typeof name === 'string' ? candidate.querySelector('.col-name')?.textContent === name : name.test(candidate.textContent ?? '')))
  if (!found) throw new Error(`no row ${name} in ${names().join(', ')}`)
  return found
}
function focused(): string {
  return (document.activeElement as HTMLElement).querySelector('.col-name')?.textContent ?? '(not a row)'
}
function key(target: Element, keyName: string, init: Partial<KeyboardEventInit> = {}) {
  fireEvent.keyDown(target, { key: keyName, ...init })
}

function renderArea(views: Map<string, CollectionView>, overrides: Partial<WindowApi> = {}) {
  const fake = installFakeApi({ ...fakeCollectionsApi(views), listProfiles: async () => ok({ profiles: [], activeProfileId: undefined }) as never, ...overrides })
  render(
    <ActiveProfileProvider>
      <CollectionsArea />
    </ActiveProfileProvider>
  )
  return fake
}

describe('the collections tree (WAI-ARIA tree, keyboard, edits)', () => {
  beforeEach(() => resetCollectionsStore())
  afterEach(() => resetCollectionsStore())

  it('shows each open collection with its folders, requests (with their method) and unreadable files, as a tree with levels and positions', async () => {
    renderArea(viewsOf(teamView()))
    await waitFor(() => expect(names()).toEqual(['Team requests', 'Rules', 'List companies', 'broken.yml']))
    const [collection, folder, request, broken] = rows()
    expect(collection.getAttribute('aria-level')).toBe('1')
    expect(collection.getAttribute('aria-expanded')).toBe('true')
    expect(folder.getAttribute('aria-level')).toBe('2')
    expect(folder.getAttribute('aria-expanded')).toBe('false')
    expect(folder.getAttribute('aria-posinset')).toBe('1')
    expect(folder.getAttribute('aria-setsize')).toBe('3')
    expect(request!.querySelector('.col-method')!.textContent).toBe('GET')
    expect(request.hasAttribute('aria-expanded')).toBe(false)
    expect(broken!.textContent).toContain('line 3, column 5')
    // One tab stop: the first row until something is selected.
    expect(rows().filter((candidate) => candidate.tabIndex === 0)).toEqual([collection])
    expect(collection!.textContent).toContain('3 requests')
  })

  it('moves with the arrows, Home/End and type-ahead; Right opens a folder and enters it, Left closes it or goes up; Enter opens a request in a tab', async () => {
    const opened: OpenRequest[] = []
    const offOpener = registerRequestOpener((request) => opened.push(request))
    const offSwitcher = registerAreaSwitcher(() => undefined)
    renderArea(viewsOf(teamView()))
    await waitFor(() => expect(rows()).toHaveLength(4))
    rows()[0]!.focus()
    key(rows()[0]!, 'ArrowDown')
    expect(focused()).toBe('Rules')
    expect(row('Rules').getAttribute('aria-selected')).toBe('true')
    expect(row('Rules').tabIndex).toBe(0)
    key(row('Rules'), 'ArrowRight')
    expect(row('Rules').getAttribute('aria-expanded')).toBe('true')
    expect(names()).toEqual(['Team requests', 'Rules', 'List rules', 'Get a rule', 'List companies', 'broken.yml'])
    key(row('Rules'), 'ArrowRight')
    expect(focused()).toBe('List rules')
    key(row('List rules'), 'ArrowLeft')
    expect(focused()).toBe('Rules')
    key(row('Rules'), 'End')
    expect(focused()).toBe('broken.yml')
    key(row('broken.yml'), 'Home')
    expect(focused()).toBe('Team requests')
    // Type-ahead: "g" finds "Get a rule" (after the focused row), then "l" from there "List companies".
    key(row('Team requests'), 'g')
    expect(focused()).toBe('Get a rule')
    await new Promise((resolve) => setTimeout(resolve, 700))
    key(row('Get a rule'), 'l')
    expect(focused()).toBe('List companies')
    key(row('Rules'), 'ArrowLeft')
    expect(row('Rules').getAttribute('aria-expanded')).toBe('false')

    key(row('List companies'), 'Enter')
    expect(opened).toHaveLength(1)
    expect(opened[0]!.spec.name).toBe('List companies')
    expect(opened[0]!.origin).toEqual({ kind: 'collection', root: ROOT, path: 'companies.yml', etag: 'r3' })
    // A double click opens too; a single click only selects.
    fireEvent.click(row('Rules'))
    fireEvent.doubleClick(row('List companies'))
    expect(opened).toHaveLength(2)
    offOpener()
    offSwitcher()
  })

  it('F2 renames in place (Enter commits, Escape cancels); the tree follows main’s answer and the row keeps focus', async () => {
    const views = viewsOf(teamView())
    const renamed = teamView({ items: items().map((item) => (item.kind === 'request' ? { ...item, path: 'all-companies.yml', spec: { ...item.spec, name: 'All companies' }, etag: 'r3b' } : item)) })
    const renameCollectionItem = vi.fn(async () => ok({ path: 'all-companies.yml', collection: renamed }))
    renderArea(views, { renameCollectionItem: renameCollectionItem as unknown as WindowApi['renameCollectionItem'] })
    await waitFor(() => expect(rows()).toHaveLength(4))
    fireEvent.click(row('List companies'))
    key(row('List companies'), 'F2')
    const input = screen.getByRole('textbox', { name: 'New name for List companies' })
    fireEvent.change(input, { target: { value: 'Nope' } })
    key(input, 'Escape')
    expect(screen.queryByRole('textbox', { name: /New name/ })).toBeNull()
    expect(renameCollectionItem).not.toHaveBeenCalled()

    key(row('List companies'), 'F2')
    const again = screen.getByRole('textbox', { name: 'New name for List companies' })
    fireEvent.change(again, { target: { value: 'All companies' } })
    key(again, 'Enter')
    await waitFor(() => expect(names()).toContain('All companies'))
    expect(renameCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, path: 'companies.yml', name: 'All companies' })
    expect(row('All companies').getAttribute('aria-selected')).toBe('true')
    await waitFor(() => expect(focused()).toBe('All companies'))
  })

  it('Delete deletes with Undo (collections:restore brings it back); Alt+Down moves a folder one place down', async () => {
    const without = teamView({ items: items().map((item) => (item.kind === 'folder' ? { ...item, items: item.items.filter((inner) => inner.path !== 'rules/get-rule.yml') } : item)) })
    const deleteCollectionItem = vi.fn(async () => ok({ undoId: 'undo-1-abc', path: 'rules/get-rule.yml', kind: 'request' as const, files: 1, collection: without }))
    const restoreCollectionItem = vi.fn(async () => ok({ path: 'rules/get-rule.yml', collection: teamView() }))
    const moveCollectionItem = vi.fn(async () => ok({ path: 'rules', collection: teamView() }))
    renderArea(viewsOf(teamView()), {
      deleteCollectionItem: deleteCollectionItem as unknown as WindowApi['deleteCollectionItem'],
      restoreCollectionItem: restoreCollectionItem as unknown as WindowApi['restoreCollectionItem'],
      moveCollectionItem: moveCollectionItem as unknown as WindowApi['moveCollectionItem']
    })
    await waitFor(() => expect(rows()).toHaveLength(4))
    fireEvent.click(row('Rules'))
    key(row('Rules'), 'ArrowRight')
    fireEvent.click(row('Get a rule'))
    key(row('Get a rule'), 'Delete')
    await waitFor(() => expect(names()).not.toContain('Get a rule'))
    expect(deleteCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, path: 'rules/get-rule.yml' })
    // The row that takes its place is selected and focused.
    expect(row('List companies').getAttribute('aria-selected')).toBe('true')
    await waitFor(() => expect(focused()).toBe('List companies'))
    const notice = screen.getByTestId('collections-notice')
    expect(notice.textContent).toContain('Deleted “Get a rule”.')
    fireEvent.click(within(notice).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(names()).toContain('Get a rule'))
    expect(restoreCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, undoId: 'undo-1-abc' })
    await waitFor(() => expect(screen.getByTestId('collections-notice').textContent).toContain('Restored'))

    // The folder is first of the two readable items at the top: one place down is index 1.
    key(row('Rules'), 'ArrowDown', { altKey: true })
    await waitFor(() => expect(moveCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, path: 'rules', toFolder: '', index: 1 }))
    // The last readable item at the top cannot go further down: it says so instead of calling main.
    key(row('List companies'), 'ArrowDown', { altKey: true })
    expect(moveCollectionItem).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('collections-notice').textContent).toContain('already last')
  })

  it('cut and paste moves a request into a folder; the context menu offers the same actions', async () => {
    const moveCollectionItem = vi.fn(async () => ok({ path: 'rules/companies.yml', collection: teamView() }))
    renderArea(viewsOf(teamView()), { moveCollectionItem: moveCollectionItem as unknown as WindowApi['moveCollectionItem'] })
    await waitFor(() => expect(rows()).toHaveLength(4))
    fireEvent.click(row('List companies'))
    key(row('List companies'), 'x', { ctrlKey: true })
    expect(row('List companies').className).toContain('col-row-cut')
    fireEvent.click(row('Rules'))
    key(row('Rules'), 'v', { ctrlKey: true })
    await waitFor(() => expect(moveCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, path: 'companies.yml', toFolder: 'rules', index: 100_000 }))

    key(row('Rules'), 'F10', { shiftKey: true })
    const menu = screen.getByRole('menu', { name: 'Actions for Rules' })
    const labels = within(menu).getAllByRole('menuitem').map((item) => item.textContent)
    expect(labels.join(' | ')).toMatch(/New request here.*New folder here.*Rename….*Duplicate.*Move up.*Move down.*Delete/)
    expect(document.activeElement).toBe(within(menu).getAllByRole('menuitem')[0])
    key(menu, 'Escape')
    expect(screen.queryByRole('menu')).toBeNull()
  })

  it('drag and drop: onto a folder moves into it, onto the lower half of a request moves after it; a folder never into itself', async () => {
    const moveCollectionItem = vi.fn(async () => ok({ path: 'rules/companies.yml', collection: teamView() }))
    renderArea(viewsOf(teamView()), { moveCollectionItem: moveCollectionItem as unknown as WindowApi['moveCollectionItem'] })
    await waitFor(() => expect(rows()).toHaveLength(4))
    const dataTransfer = { setData: () => undefined, effectAllowed: '', dropEffect: '' }
    fireEvent.dragStart(row('List companies'), { dataTransfer })
    fireEvent.dragOver(row('Rules'), { dataTransfer })
    expect(row('Rules').className).toContain('col-row-drop-into')
    fireEvent.drop(row('Rules'), { dataTransfer })
    await waitFor(() => expect(moveCollectionItem).toHaveBeenCalledWith({ collectionId: COLLECTION_ID, path: 'companies.yml', toFolder: 'rules', index: 100_000 }))

    // Into the open folder, after its first request: place 1 of the folder (0-based), counted without the moved item.
    key(row('Rules'), 'ArrowRight')
    const target = row('List rules')
    target.getBoundingClientRect = () => ({ top: 0, height: 20, bottom: 20, left: 0, right: 100, width: 100, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.dragStart(row('List companies'), { dataTransfer })
    fireEvent.dragOver(target, { dataTransfer, clientY: 15 })
    expect(target.className).toContain('col-row-drop-after')
    fireEvent.drop(target, { dataTransfer, clientY: 15 })
    await waitFor(() => expect(moveCollectionItem).toHaveBeenLastCalledWith({ collectionId: COLLECTION_ID, path: 'companies.yml', toFolder: 'rules', index: 1 }))

    fireEvent.dragStart(row('Rules'), { dataTransfer })
    fireEvent.dragOver(row('List rules'), { dataTransfer, clientY: 15 })
    expect(row('List rules').className).not.toContain('col-row-drop')
    fireEvent.drop(row('List rules'), { dataTransfer })
    expect(moveCollectionItem).toHaveBeenCalledTimes(2)
  })

  it('lists unreadable files with file, line, column and message, and the rest of the collection stays usable', async () => {
    renderArea(viewsOf(teamView({ problems: [{ kind: 'unreadable', path: 'environments/qa.yml', message: 'Map keys must be unique', line: 7, column: 1 }] })))
    await waitFor(() => expect(rows()).toHaveLength(4))
    fireEvent.click(row('broken.yml'))
    expect(screen.getByRole('heading', { name: 'broken.yml cannot be read' })).toBeTruthy()
    expect(screen.getByText(/Nested mappings are not allowed in compact mappings \(line 3, column 5\)/)).toBeTruthy()
    fireEvent.click(row('Team requests'))
    fireEvent.click(screen.getByRole('tab', { name: 'Unreadable files (2)' }))
    const table = screen.getByRole('table', { name: 'Unreadable files' })
    const cells = within(table).getAllByRole('row').slice(1).map((line) => within(line).getAllByRole('cell').map((cell) => cell.textContent))
    expect(cells).toEqual([
      ['environments/qa.yml', '7', '1', 'Map keys must be unique'],
      ['broken.yml', '3', '5', 'Nested mappings are not allowed in compact mappings']
    ])
    // The readable requests still open.
    fireEvent.click(row('List companies'))
    expect((screen.getByRole('button', { name: 'Open in a tab' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('a change on disk (collections:changed) shows up without a reload; search filters by name and URL and opens the folders leading to matches', async () => {
    const fake = renderArea(viewsOf(teamView()))
    await waitFor(() => expect(rows()).toHaveLength(4))
    const added = teamView({ items: [...items(), { kind: 'request', path: 'hosts.yml', seq: 3, spec: { ...GET_RULE, name: 'List hosts', url: '/properties/{{propertyId}}/hosts' }, etag: 'r9' }] })
    act(() => fake.emit('collections:changed', { collectionId: COLLECTION_ID, changes: [{ path: 'hosts.yml', change: 'added', etag: 'r9' }], collection: added }))
    await waitFor(() => expect(names()).toContain('List hosts'))

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search collections' }), { target: { value: 'rules' } })
    // "List rules" matches by name and URL, inside the closed folder: the folder shows open for the search.
    expect(names()).toEqual(['Team requests', 'Rules', 'List rules', 'Get a rule'])
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search collections' }), { target: { value: 'hosts' } })
    expect(names()).toEqual(['Team requests', 'List hosts'])
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search collections' }), { target: { value: 'nothing-like-this' } })
    expect(screen.queryByRole('tree')).toBeNull()
    expect(screen.getByText('Nothing matches “nothing-like-this”.')).toBeTruthy()
  })

  it('collection variables and default headers are edited in a table; a secret variable’s value is write-only and goes to main only when typed', async () => {
    const setCollectionDefaults = vi.fn(async () => ok({ status: 'saved' as const, path: 'opencollection.yml', etag: 'c2', collection: teamView({ etag: 'c2' }), secretsStored: [] }))
    renderArea(viewsOf(teamView()), { setCollectionDefaults: setCollectionDefaults as unknown as WindowApi['setCollectionDefaults'] })
    await waitFor(() => expect(rows()).toHaveLength(4))
    fireEvent.click(row('Team requests'))
    const variables = screen.getByRole('table', { name: 'Collection variables' })
    const secret = within(variables).getByLabelText(/Secret value of apiToken/) as HTMLInputElement
    expect(secret.type).toBe('password')
    expect(secret.value).toBe('')
    expect(within(variables).getByDisplayValue('eu')).toBeTruthy()
    fireEvent.change(within(variables).getByDisplayValue('eu'), { target: { value: 'us' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save variables and headers' }))
    await waitFor(() => expect(setCollectionDefaults).toHaveBeenCalledTimes(1))
    expect((setCollectionDefaults.mock.calls[0] as unknown[])[0]).toMatchObject({
      collectionId: COLLECTION_ID,
      folder: '',
      baseEtag: 'c1',
      defaults: { variables: [{ name: 'region', value: 'us', enabled: true }, { name: 'apiToken', enabled: true, secret: true }], headers: [{ name: 'X-Team', value: 'tags', enabled: true }] }
    })
    // The stored secret's value was never asked for or sent back.
    expect(JSON.stringify(setCollectionDefaults.mock.calls[0])).not.toMatch(/"apiToken","enabled":true,"secret":true,"value"/)
  })
})
