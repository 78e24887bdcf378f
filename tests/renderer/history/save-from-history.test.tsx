import { describe, expect, it } from 'vitest'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { openRequestInTab } from '../../../src/renderer/src/state/workbench-commands'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE } from '../requests/fixtures'

describe('History → Save to collection…', () => {
  it('opens the call in a new tab with its note and the Collections’ Save as dialog already open on it', async () => {
    installFakeApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    act(() => openRequestInTab({ spec: newRequestSpec({ name: 'From history', url: '/companies' }), note: 'Opened from history (14:03)', saveAs: true }))
    const dialog = await screen.findByRole('dialog', { name: 'Save request to a collection' })
    expect((within(dialog).getByLabelText('Request name') as HTMLInputElement).value).toBe('From history')
    await waitFor(() => expect(screen.getByTestId('import-notes').textContent).toContain('Opened from history (14:03)'))
    // The modal dialog hides the page behind it from assistive technology (aria-hidden), so the tab strip is found as hidden.
    const selected = within(screen.getByRole('tablist', { name: 'Open requests', hidden: true })).getAllByRole('tab', { hidden: true }).find((tab) => tab.getAttribute('aria-selected') === 'true')!
    expect(selected.textContent).toContain('From history')
  })
})
