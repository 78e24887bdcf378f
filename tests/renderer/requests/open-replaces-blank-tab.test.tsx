import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { openRequestInTab, registerAreaSwitcher } from '../../../src/renderer/src/state/workbench-commands'
import type { WindowApi } from '../../../src/shared/contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from './fixtures'

function titles(): string[] {
  return within(screen.getByRole('tablist', { name: 'Open requests' }))
    .getAllByRole('tab')
    .map((tab) => tab.querySelector('.rq-doc-tab-title')!.textContent!)
}

function fakeTabsApi() {
  installFakeApi({
    loadRequestTabs: vi.fn(async () => ({ ok: true as const, value: { tabs: [] } })) as unknown as WindowApi['loadRequestTabs'],
    saveRequestTabs: vi.fn(async () => ({ ok: true as const, value: { saved: true as const, redacted: 0 } })) as unknown as WindowApi['saveRequestTabs']
  })
}

// "Explore with the Sandbox" opens the starter request before the Request area exists: it must take the place
// of the blank tab the area starts with, not sit beside it.
describe('a document opened from elsewhere and the blank starting tab', () => {
  it('replaces the untouched blank tab: one tab, the opened one, selected', async () => {
    const off = registerAreaSwitcher(() => {})
    fakeTabsApi()
    openRequestInTab({ spec: newRequestSpec({ name: 'List companies', url: '/companies' }) })
    openRequestInTab({ spec: newRequestSpec({ name: 'Get company', url: '/companies/{{companyId}}' }) })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    // Two opens in one go: the first replaces the blank tab, the second joins it.
    await waitFor(() => expect(titles()).toEqual(['List companies', 'Get company']))
    off()
  })

  it('keeps a tab the person has used: a later open comes beside it', async () => {
    const off = registerAreaSwitcher(() => {})
    fakeTabsApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(titles()).toHaveLength(1))
    // An edit is a use: the blank tab is the person's now.
    const visible = [...document.querySelectorAll<HTMLElement>('[data-request-tab]')].filter((element) => !element.hidden)
    fireEvent.change(within(visible[0]!).getByLabelText('URL'), { target: { value: '/properties' } })
    act(() => openRequestInTab({ spec: newRequestSpec({ name: 'List companies', url: '/companies' }) }))
    await waitFor(() => expect(titles()).toHaveLength(2))
    expect(titles()).toContain('List companies')
    off()
  })

  it('keeps a blank tab that was sent, unedited: its response is the person’s', async () => {
    const off = registerAreaSwitcher(() => {})
    installFakeApi({
      loadRequestTabs: vi.fn(async () => ({ ok: true as const, value: { tabs: [] } })) as unknown as WindowApi['loadRequestTabs'],
      saveRequestTabs: vi.fn(async () => ({ ok: true as const, value: { saved: true as const, redacted: 0 } })) as unknown as WindowApi['saveRequestTabs'],
      sendRequest: vi.fn(async () => ({ ok: true as const, value: response({ data: [] }) })) as unknown as WindowApi['sendRequest']
    })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(titles()).toHaveLength(1))
    const visible = [...document.querySelectorAll<HTMLElement>('[data-request-tab]')].filter((element) => !element.hidden)
    fireEvent.click(within(visible[0]!).getByRole('button', { name: /^Send/ }))
    await waitFor(() => expect(window.api.sendRequest).toHaveBeenCalled())
    act(() => openRequestInTab({ spec: newRequestSpec({ name: 'List companies', url: '/companies' }) }))
    await waitFor(() => expect(titles()).toHaveLength(2))
    off()
  })
})
