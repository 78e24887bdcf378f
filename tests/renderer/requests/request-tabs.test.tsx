import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import type { RequestTabsStateInput, SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import { newRequestSpec, type RequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from './fixtures'

type Sent = SendRequestInput & { spec: RequestSpec }

function calls<T>(fn: unknown): T[] {
  return (fn as { mock: { calls: Array<[T]> } }).mock.calls.map((call) => call[0])
}

function openTabs() {
  return within(screen.getByRole('tablist', { name: 'Open requests' })).getAllByRole('tab')
}

function titles(): string[] {
  return openTabs().map((tab) => tab.querySelector('.rq-doc-tab-title')!.textContent!)
}

function selectedTitle(): string {
  return openTabs().find((tab) => tab.getAttribute('aria-selected') === 'true')!.querySelector('.rq-doc-tab-title')!.textContent!
}

/** The selected tab's panel: other tabs stay mounted (hidden), so queries go through the visible one. */
function panel() {
  const visible = [...document.querySelectorAll<HTMLElement>('[data-request-tab]')].filter((element) => !element.hidden)
  expect(visible).toHaveLength(1)
  return within(visible[0]!)
}

function urlField(): HTMLInputElement {
  return panel().getByLabelText('URL') as HTMLInputElement
}

const echo = () =>
  vi.fn(async (input: Sent) => ({
    ok: true as const,
    value: response({ data: [{ id: `for ${input.spec.url}` }] }, { requestId: input.requestId, url: `https://reactor.adobe.io${input.spec.url}` })
  }))

function savedTabs(): RequestTabsStateInput {
  return {
    tabs: [
      { id: 'tab-a', spec: newRequestSpec({ name: 'Companies', url: '/companies' }) },
      {
        id: 'tab-b',
        spec: { ...newRequestSpec({ method: 'POST', url: '/properties/PR1/rules', headers: [{ name: 'X-Trace', value: 'on', enabled: true }], body: { type: 'json', text: '{"data":{}}' } }), 'x-future-field': { kept: true } },
        baseline: newRequestSpec({ method: 'POST', url: '/properties/PR1/rules' })
      }
    ],
    selectedTabId: 'tab-b'
  }
}

describe('request tabs', () => {
  it('restores the open tabs, their documents and the selected tab from loadRequestTabs, and saves changes back (unknown fields kept)', async () => {
    const saveRequestTabs = vi.fn(async () => ({ ok: true as const, value: { saved: true as const, redacted: 0 } }))
    installFakeApi({
      loadRequestTabs: async () => ({ ok: true, value: savedTabs() as never }),
      saveRequestTabs: saveRequestTabs as unknown as WindowApi['saveRequestTabs']
    })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(titles()).toEqual(['Companies', 'POST /properties/PR1/rules']))
    expect(selectedTitle()).toBe('POST /properties/PR1/rules')
    expect(urlField().value).toBe('/properties/PR1/rules')
    // The restored document differs from its baseline (it has a header and a body): dirty.
    expect(openTabs()[1]!.querySelector('[data-testid="dirty-marker"]')).not.toBeNull()
    expect(openTabs()[0]!.querySelector('[data-testid="dirty-marker"]')).toBeNull()
    // Nothing changed yet: nothing is written back.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(saveRequestTabs).not.toHaveBeenCalled()

    fireEvent.change(urlField(), { target: { value: '/properties/PR2/rules' } })
    await waitFor(() => expect(saveRequestTabs).toHaveBeenCalledTimes(1))
    const saved = calls<RequestTabsStateInput>(saveRequestTabs)[0]!
    expect(saved.selectedTabId).toBe('tab-b')
    expect(saved.tabs.map((tab) => tab.id)).toEqual(['tab-a', 'tab-b'])
    const spec = saved.tabs[1]!.spec as RequestSpec
    expect(spec.url).toBe('/properties/PR2/rules')
    expect(spec['x-future-field']).toEqual({ kept: true })
    expect(spec.headers).toEqual([{ name: 'X-Trace', value: 'on', enabled: true }])
    // UI row ids never reach the document.
    expect(JSON.stringify(saved)).not.toContain('rowId')
  })

  it('says in one line when values that looked like secrets were not saved', async () => {
    installFakeApi({
      loadRequestTabs: async () => ({ ok: true, value: { tabs: [] } }),
      saveRequestTabs: async () => ({ ok: true, value: { saved: true, redacted: 2 } })
    })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.change(urlField(), { target: { value: '/rules/RL1' } })
    expect((await screen.findByTestId('tabs-notice')).textContent).toContain('2 values that looked like secrets were not saved with your open tabs')
  })

  it('opens, duplicates, renames, reorders (keyboard and drag) and closes tabs with Undo; the dirty marker follows the document', async () => {
    installFakeApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    expect(titles()).toEqual(['GET /companies'])
    expect(screen.queryByTestId('dirty-marker')).toBeNull()

    fireEvent.change(urlField(), { target: { value: '/rules/RL1' } })
    expect(titles()).toEqual(['GET /rules/RL1'])
    expect(screen.getAllByTestId('dirty-marker')).toHaveLength(1)
    fireEvent.change(urlField(), { target: { value: '/companies' } })
    expect(screen.queryByTestId('dirty-marker')).toBeNull() // back to the document as opened

    fireEvent.click(screen.getByRole('button', { name: 'New request tab' }))
    expect(titles()).toEqual(['GET /companies', 'GET /companies'])
    expect(openTabs()[1]!.getAttribute('aria-selected')).toBe('true')
    fireEvent.change(urlField(), { target: { value: '/properties/PR1/rules' } })

    fireEvent.click(screen.getByRole('button', { name: 'Tab actions' }))
    fireEvent.click(within(screen.getByRole('menu', { name: 'Tab actions' })).getByRole('menuitem', { name: /Duplicate/ }))
    expect(titles()).toEqual(['GET /companies', 'GET /properties/PR1/rules', 'GET /properties/PR1/rules'])
    expect(openTabs()[2]!.getAttribute('aria-selected')).toBe('true')

    // Rename with F2 on the focused tab.
    fireEvent.keyDown(openTabs()[2]!, { key: 'F2' })
    const name = screen.getByLabelText('Request name')
    fireEvent.change(name, { target: { value: 'Rules of PR1' } })
    fireEvent.keyDown(name, { key: 'Enter' })
    fireEvent.blur(name)
    expect(titles()).toEqual(['GET /companies', 'GET /properties/PR1/rules', 'Rules of PR1'])

    // Keyboard: Ctrl+Shift+PageUp moves the focused tab left, Alt+Shift+ArrowRight right again.
    const renamed = openTabs()[2]!
    renamed.focus()
    fireEvent.keyDown(renamed, { key: 'PageUp', ctrlKey: true, shiftKey: true })
    expect(titles()).toEqual(['GET /companies', 'Rules of PR1', 'GET /properties/PR1/rules'])
    expect(document.activeElement).toBe(renamed)
    fireEvent.keyDown(renamed, { key: 'ArrowRight', altKey: true, shiftKey: true })
    expect(titles()).toEqual(['GET /companies', 'GET /properties/PR1/rules', 'Rules of PR1'])
    // Arrows alone move the selection (the WAI-ARIA tabs pattern), wrapping.
    fireEvent.keyDown(renamed, { key: 'ArrowRight' })
    expect(selectedTitle()).toBe('GET /companies')

    // Drag the last tab onto the first place.
    const wrappers = () => [...document.querySelectorAll<HTMLElement>('.rq-doc-tab')]
    fireEvent.dragStart(wrappers()[2]!)
    fireEvent.dragOver(wrappers()[0]!)
    fireEvent.drop(wrappers()[0]!)
    expect(titles()).toEqual(['Rules of PR1', 'GET /companies', 'GET /properties/PR1/rules'])

    // Close a changed tab: it can be brought back.
    fireEvent.keyDown(openTabs()[0]!, { key: 'Delete' })
    expect(titles()).toEqual(['GET /companies', 'GET /properties/PR1/rules'])
    expect(screen.getByTestId('closed-tab-note').textContent).toContain('Closed “Rules of PR1”.')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(titles()).toEqual(['Rules of PR1', 'GET /companies', 'GET /properties/PR1/rules'])
    expect(selectedTitle()).toBe('Rules of PR1')

    // Close the others from the tab's context menu, and bring them all back.
    fireEvent.contextMenu(wrappers()[1]!)
    fireEvent.click(within(screen.getByRole('menu', { name: 'Tab actions' })).getByRole('menuitem', { name: /Close other tabs/ }))
    expect(titles()).toEqual(['GET /companies'])
    expect(screen.getByTestId('closed-tab-note').textContent).toContain('Closed 2 tabs.')
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(titles()).toEqual(['Rules of PR1', 'GET /companies', 'GET /properties/PR1/rules'])
  }, 20_000) // A long journey: 1.1 s alone, over 5 s once in a full run on the loaded 2-core machine.

  it('Ctrl/Cmd+T, Ctrl/Cmd+W and Ctrl+Tab / Ctrl+Shift+Tab work while the Request area shows', async () => {
    installFakeApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.keyDown(window, { key: 't', ctrlKey: true })
    fireEvent.keyDown(window, { key: 't', metaKey: true })
    expect(openTabs()).toHaveLength(3)
    expect(openTabs()[2]!.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(window, { key: 'Tab', ctrlKey: true })
    expect(openTabs()[0]!.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(window, { key: 'Tab', ctrlKey: true, shiftKey: true })
    expect(openTabs()[2]!.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(window, { key: 'w', ctrlKey: true })
    expect(openTabs()).toHaveLength(2)
    // Closing the last tab leaves a fresh one; Undo brings the closed one back instead of it.
    fireEvent.keyDown(window, { key: 'w', ctrlKey: true })
    fireEvent.change(urlField(), { target: { value: '/rules/RL7' } })
    fireEvent.keyDown(window, { key: 'w', ctrlKey: true })
    expect(titles()).toEqual(['GET /companies'])
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(titles()).toEqual(['GET /rules/RL7'])
    // The "…" button toggles its menu; Escape closes it.
    const more = screen.getByRole('button', { name: 'Tab actions' })
    fireEvent.click(more)
    expect(screen.getByRole('menu', { name: 'Tab actions' })).toBeTruthy()
    fireEvent.pointerDown(more)
    fireEvent.click(more)
    expect(screen.queryByRole('menu')).toBeNull()
    fireEvent.click(more)
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(more)
    // The tooltips name the shortcuts from the registry (a browser keeps them for itself in browser mode); keyboard
    // focus shows them, and the button keeps its name and focus.
    const newTab = screen.getByRole('button', { name: 'New request tab' })
    expect(newTab.getAttribute('aria-keyshortcuts')).toBe('Control+T')
    newTab.focus()
    await waitFor(() => expect(screen.getByRole('tooltip').textContent).toBe('New request tab (Ctrl+T)'))
    expect(newTab.getAttribute('aria-describedby')).toBe(screen.getByRole('tooltip').id)
    expect(document.activeElement).toBe(newTab)
  })

  it('keeps each tab its own response: switching neither resends nor loses one', async () => {
    const sendRequest = echo()
    installFakeApi({ sendRequest: sendRequest as unknown as WindowApi['sendRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(panel().getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(panel().getByTestId('response-belongs').textContent).toContain('GET /companies'))

    fireEvent.click(screen.getByRole('button', { name: 'New request tab' }))
    expect(panel().getByText('No response yet')).toBeTruthy()
    fireEvent.change(urlField(), { target: { value: '/rules/RL1' } })
    fireEvent.click(panel().getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(panel().getByTestId('response-belongs').textContent).toContain('GET /rules/RL1'))
    expect(sendRequest).toHaveBeenCalledTimes(2)

    fireEvent.click(openTabs()[0]!)
    expect(panel().getByTestId('response-belongs').textContent).toContain('GET /companies')
    expect(panel().getByTestId('response-status').textContent).toBe('200 OK')
    fireEvent.click(openTabs()[1]!)
    expect(panel().getByTestId('response-belongs').textContent).toContain('GET /rules/RL1')
    expect(sendRequest).toHaveBeenCalledTimes(2)
  })

  it('marks a response as the earlier request’s once the URL or the profile changed', async () => {
    installFakeApi({ sendRequest: echo() as unknown as WindowApi['sendRequest'] })
    const { rerender } = render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(panel().getByRole('button', { name: 'Send' }))
    const belongs = await screen.findByTestId('response-belongs')
    expect(belongs.textContent).toBe('Response to GET /companies · Acme prod')
    expect(belongs.getAttribute('data-stale')).toBeNull()

    fireEvent.change(urlField(), { target: { value: '/companies?page[size]=5' } })
    expect(screen.getByTestId('response-belongs').textContent).toBe('Response to GET /companies · Acme prod — the request has changed since')
    fireEvent.change(urlField(), { target: { value: '/companies' } })
    expect(screen.getByTestId('response-belongs').getAttribute('data-stale')).toBeNull()

    rerender(<RequestWorkbench profile={{ ...PROFILE, id: 'p2', name: 'Other org' }} catalog={CATALOG} />)
    expect(screen.getByTestId('response-belongs').textContent).toBe('Response to GET /companies · Acme prod — the request has changed since (another profile is active)')
  })

  it('the operation label follows the URL: the matched operation, or Custom request', () => {
    installFakeApi({ sendRequest: echo() as unknown as WindowApi['sendRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: /List rules for a property/ }))
    expect(panel().getByTestId('operation-label').textContent).toBe('List rules for a property')
    fireEvent.change(urlField(), { target: { value: '/properties/PR9/rules' } })
    expect(panel().getByTestId('operation-label').textContent).toBe('List rules for a property')
    // The picker reads the id back from the URL.
    expect((panel().getByRole('combobox', { name: /Property/ }) as HTMLSelectElement).value).toBe('PR9')
    fireEvent.change(urlField(), { target: { value: '/properties/PR9/rulez' } })
    expect(panel().getByTestId('operation-label').textContent).toBe('Custom request')
    expect(panel().queryByRole('group', { name: 'Path parameters' })).toBeNull()
    fireEvent.change(urlField(), { target: { value: '/companies' } })
    expect(panel().getByTestId('operation-label').textContent).toBe('List companies')
  })
})

describe('URL field and params table', () => {
  it('stay in sync both ways; disabled rows survive typing in the URL; the encoded form is shown once', () => {
    installFakeApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.change(urlField(), { target: { value: '/properties/PR1/rules?filter[name]=EQ web&page[size]=5' } })
    const table = panel().getByRole('table', { name: 'Query parameters' })
    const cells = () => within(table).getAllByRole('textbox').map((input) => (input as HTMLInputElement).value)
    expect(cells()).toEqual(['filter[name]', 'EQ web', 'page[size]', '5'])

    // Table → URL field.
    fireEvent.change(panel().getByLabelText('Query parameters value 1'), { target: { value: 'CONTAINS a&b' } })
    expect(urlField().value).toBe('/properties/PR1/rules?filter[name]=CONTAINS a%26b&page[size]=5')
    expect(panel().getByTestId('will-send').textContent).toBe('GET https://reactor.adobe.io/properties/PR1/rules?filter%5Bname%5D=CONTAINS%20a%26b&page%5Bsize%5D=5')

    // A disabled row leaves the URL but stays in the table, and typing in the URL keeps it.
    fireEvent.click(panel().getByRole('checkbox', { name: 'Send filter[name]' }))
    expect(urlField().value).toBe('/properties/PR1/rules?page[size]=5')
    fireEvent.change(urlField(), { target: { value: '/properties/PR1/rules?page[size]=10&sort=-name' } })
    expect(cells()).toEqual(['filter[name]', 'CONTAINS a&b', 'page[size]', '10', 'sort', '-name'])

    // Half-typed text that parses to the same document is shown as typed.
    fireEvent.change(urlField(), { target: { value: '/companies?' } })
    expect(urlField().value).toBe('/companies?')
    expect(cells()).toEqual(['filter[name]', 'CONTAINS a&b'])
  })
})
