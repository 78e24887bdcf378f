import { describe, expect, it, vi } from 'vitest'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { openRequestInTab, registerAreaSwitcher } from '../../../src/renderer/src/state/workbench-commands'
import type { WindowApi } from '../../../src/shared/contract'
import type { RequestTabsStateInput } from '../../../src/shared/ipc/requests.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE } from './fixtures'

// History, Collections and imports open documents in the Request area through workbench-commands.
function titles(): string[] {
  return within(screen.getByRole('tablist', { name: 'Open requests' }))
    .getAllByRole('tab')
    .map((tab) => tab.querySelector('.rq-doc-tab-title')!.textContent!)
}

describe('opening a request from another area', () => {
  it('an open that comes before the Request area mounts is handed over; the collection origin is kept and saved with the tab; the same file opens once', async () => {
    const areas: string[] = []
    const offSwitcher = registerAreaSwitcher((area) => areas.push(area))
    const saveRequestTabs = vi.fn(async (_state: RequestTabsStateInput) => ({ ok: true as const, value: { saved: true as const, redacted: 0 } }))
    installFakeApi({
      loadRequestTabs: vi.fn(async () => ({ ok: true as const, value: { tabs: [] } })) as unknown as WindowApi['loadRequestTabs'],
      saveRequestTabs: saveRequestTabs as unknown as WindowApi['saveRequestTabs']
    })
    const origin = { kind: 'collection' as const, root: '/work/team-collection', path: 'rules/list-rules.yml', etag: 'e1' }
    openRequestInTab({ spec: newRequestSpec({ name: 'List rules', url: '/properties/{{propertyId}}/rules' }), origin })
    expect(areas).toEqual(['request'])
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await waitFor(() => expect(titles()).toContain('List rules'))
    act(() => openRequestInTab({ spec: newRequestSpec({ name: 'List rules', url: '/changed' }), origin }))
    expect(titles().filter((title) => title === 'List rules')).toHaveLength(1)
    await waitFor(() => expect(saveRequestTabs).toHaveBeenCalled())
    const saved = saveRequestTabs.mock.calls.at(-1)![0]
    expect(saved.tabs.find((tab) => tab.spec.name === 'List rules')).toMatchObject({ origin })
    offSwitcher()
  })
})
