import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, listDoc, response } from '../requests/fixtures'

// Each test sends two or three times through the viewer (a worker formats each body): on a loaded machine that
// takes seconds, so the waits are generous; nothing here measures time.
const WAIT = { timeout: 10_000 }

// jsdom has no layout: give elements a size so the virtualised body renders its first rows.
const sizes: Array<[string, PropertyDescriptor | undefined]> = []
beforeAll(() => {
  for (const [name, value] of [['offsetHeight', 600], ['offsetWidth', 900], ['clientHeight', 600], ['clientWidth', 900]] as const) {
    sizes.push([name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ?? Object.getOwnPropertyDescriptor(Element.prototype, name)])
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value })
  }
})
afterAll(() => {
  for (const [name, descriptor] of sizes) if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor)
})

function pageOf(page: number) {
  return listDoc('rules', [[`RL${page}`, `Rule on page ${page}`]], { current_page: page, next_page: page < 3 ? page + 1 : null, prev_page: page > 1 ? page - 1 : null, total_pages: 3, total_count: 3 })
}

async function sendFirstPage() {
  let page = 1
  const sendRequest = vi.fn(async (input: { spec: { params: Array<{ name: string; value: string }> } }) => {
    const asked = input.spec.params.find((row) => row.name === 'page[number]')
    page = asked ? Number(asked.value) : 1
    return { ok: true as const, value: response(pageOf(page)) }
  }) as unknown as WindowApi['sendRequest']
  installFakeApi({ sendRequest })
  render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
  fireEvent.change(screen.getByLabelText('URL'), { target: { value: '/properties/PR1/rules' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  expect((await screen.findByTestId('pagination-label', {}, WAIT)).textContent).toContain('Page 1 of 3')
}

describe('focus on the response', () => {
  it('stays on the same pagination button after changing page, and on the response when that button is gone', async () => {
    await sendFirstPage()
    const next = screen.getByRole('button', { name: 'Next ›' })
    next.focus()
    fireEvent.click(next)
    await waitFor(() => expect(screen.getByTestId('pagination-label').textContent).toContain('Page 2 of 3'), WAIT)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Next ›' })), WAIT)
    // The page was replaced: this is a new button, not the one pressed.
    expect(document.activeElement).not.toBe(next)
    fireEvent.click(screen.getByRole('button', { name: 'Next ›' }))
    await waitFor(() => expect(screen.getByTestId('pagination-label').textContent).toContain('Page 3 of 3'), WAIT)
    // Last page: Next is disabled, so focus is kept on the response region itself, never dropped to the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Response' })), WAIT)
  }, 30_000)

  it('stays on the response after following a link in it', async () => {
    await sendFirstPage()
    const link = await screen.findByRole('button', { name: '"https://reactor.adobe.io/rules/RL1/rules"' }, WAIT)
    link.focus()
    fireEvent.click(link)
    await waitFor(() => expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/rules/RL1/rules'), WAIT)
    await screen.findByTestId('response-status', {}, WAIT)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Response' })), WAIT)
  }, 30_000)

  it('does not take focus back once the person has moved on', async () => {
    await sendFirstPage()
    const next = screen.getByRole('button', { name: 'Next ›' })
    next.focus()
    fireEvent.click(next)
    const url = screen.getByLabelText('URL')
    url.focus()
    await waitFor(() => expect(screen.getByTestId('pagination-label').textContent).toContain('Page 2 of 3'), WAIT)
    expect(document.activeElement).toBe(url)
  }, 30_000)
})
