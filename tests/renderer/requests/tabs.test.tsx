import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, listDoc, response } from './fixtures'

function tabsOf(name: string) {
  const list = screen.getByRole('tablist', { name })
  return { list, tabs: within(list).getAllByRole('tab') }
}

function selected(name: string): string {
  return tabsOf(name).tabs.find((tab) => tab.getAttribute('aria-selected') === 'true')!.textContent!
}

function panelOf(tab: HTMLElement): HTMLElement {
  const panel = document.getElementById(tab.getAttribute('aria-controls')!)!
  expect(panel.getAttribute('role')).toBe('tabpanel')
  return panel
}

describe('tabs (WAI-ARIA tabs pattern)', () => {
  // Radix moves focus a task after the key (its roving focus uses setTimeout), so focus and selection are awaited.
  it('request builder: roving tabindex, arrows/Home/End move and select, the panel is labelled by the selected tab', async () => {
    installFakeApi()
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    const { list, tabs } = tabsOf('Request parts')
    // One Tab stop: Radix makes the tab list it and hands focus on to the selected tab.
    expect(list.tabIndex).toBe(0)
    list.focus()
    await waitFor(() => expect(document.activeElement).toBe(tabs[0]))
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1, -1])
    const params = tabs[0]!
    fireEvent.keyDown(params, { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(tabs[1]))
    await waitFor(() => expect(selected('Request parts')).toMatch(/^Headers/))
    expect(tabsOf('Request parts').tabs.map((tab) => tab.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1])
    const panel = panelOf(tabs[1]!)
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[1]!.id)
    expect(panel.tabIndex).toBe(0)

    fireEvent.keyDown(tabs[1]!, { key: 'End' })
    await waitFor(() => expect(document.activeElement).toBe(tabs[5]))
    await waitFor(() => expect(selected('Request parts')).toBe('Docs'))
    fireEvent.keyDown(tabs[5]!, { key: 'ArrowRight' })
    await waitFor(() => expect(selected('Request parts')).toBe('Params')) // wraps
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' })
    await waitFor(() => expect(selected('Request parts')).toBe('Docs')) // wraps back
    fireEvent.keyDown(tabs[5]!, { key: 'Home' })
    await waitFor(() => expect(document.activeElement).toBe(tabs[0]))
    await waitFor(() => expect(selected('Request parts')).toBe('Params'))
    expect(panelOf(tabs[0]!).getAttribute('aria-labelledby')).toBe(tabs[0]!.id)
    // Other keys are left alone (typing in the tab list does nothing).
    fireEvent.keyDown(tabs[0]!, { key: 'x' })
    await waitFor(() => expect(selected('Request parts')).toBe('Params'))
  })

  it('response: arrows move focus only (manual activation: the body is slow to show again); a click or Enter selects', async () => {
    const sendRequest = vi.fn(async () => ({ ok: true as const, value: response(listDoc('rules', [['RL1', 'Alpha']])) })) as unknown as WindowApi['sendRequest']
    installFakeApi({ sendRequest })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByTestId('response-status')
    const { list, tabs } = tabsOf('Response parts')
    const [body, headers, sent] = tabs as [HTMLElement, HTMLElement, HTMLElement]
    expect(panelOf(body).contains(await screen.findByTestId('body-lines'))).toBe(true)
    list.focus()
    await waitFor(() => expect(document.activeElement).toBe(body))
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1])
    fireEvent.keyDown(body, { key: 'ArrowRight' })
    await waitFor(() => expect(document.activeElement).toBe(headers))
    await waitFor(() => expect(selected('Response parts')).toBe('Body'))
    fireEvent.keyDown(headers, { key: 'End' })
    await waitFor(() => expect(document.activeElement).toBe(sent))
    fireEvent.click(sent) // what Enter or Space on a focused button does
    await waitFor(() => expect(selected('Response parts')).toBe('Request sent'))
    expect(panelOf(sent).getAttribute('aria-labelledby')).toBe(sent.id)
    expect(within(panelOf(sent)).getByRole('table', { name: 'Request headers as sent' })).toBeTruthy()
    expect(tabsOf('Response parts').tabs.map((tab) => tab.tabIndex)).toEqual([-1, -1, 0])
    fireEvent.keyDown(sent, { key: 'Home' })
    await waitFor(() => expect(document.activeElement).toBe(body))
  })

  it('body view: Pretty/Raw/Tree is a toggle group with aria-pressed', async () => {
    const sendRequest = vi.fn(async () => ({ ok: true as const, value: response({ data: [] }) })) as unknown as WindowApi['sendRequest']
    installFakeApi({ sendRequest })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    const group = await screen.findByRole('group', { name: 'Body view' })
    const pressed = () => within(group).getAllByRole('button').filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent)
    await screen.findByTestId('body-lines')
    expect(pressed()).toEqual(['Pretty'])
    fireEvent.click(within(group).getByRole('button', { name: 'Raw' }))
    expect(pressed()).toEqual(['Raw'])
  })
})
