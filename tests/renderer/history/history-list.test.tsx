import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { HEADER_HEIGHT, ROW_HEIGHT } from '../../../src/renderer/src/features/history/HistoryList'
import { PAGE_SIZE } from '../../../src/renderer/src/features/history/use-history-pages'
import { NOW, fakeHistory, makeItems, offsets, renderHistory } from './support'
import { vi } from 'vitest'
import { registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

function list() {
  return screen.getByRole('listbox', { name: 'Recorded calls, newest first' })
}

describe('the History list', () => {
  it('10,000 calls: asks main for one page, draws a screenful of rows, says the total, groups by day', async () => {
    const items = makeItems(10_000)
    const fake = fakeHistory(items)
    renderHistory()
    await waitFor(() => expect(screen.getByTestId('history-count').textContent).toBe('10,000 calls'))
    expect(offsets(fake.listHistory)).toEqual([0])
    expect(fake.listHistory.mock.calls[0]![0]).toMatchObject({ offset: 0, limit: PAGE_SIZE })
    const options = within(list()).getAllByRole('option')
    // 600 px of fallback viewport / 52 px rows + overscan: a few dozen, never thousands.
    expect(options.length).toBeGreaterThan(5)
    expect(options.length).toBeLessThan(40)
    expect(options[0]!.getAttribute('aria-setsize')).toBe('10000')
    expect(options[0]!.getAttribute('aria-posinset')).toBe('1')
    // Each option names its call, its status and its day; the sticky header says the top row's day.
    expect(options[0]!.textContent).toMatch(/^GET reactor\.adobe\.io \/properties\/PR0\/rules, 200 OK, Today \d\d:\d\d:\d\d( [AP]M)?, 120 ms, Acme production, request id rid-0$/)
    expect(screen.getByTestId('history-sticky-day').textContent).toBe('Today')
    // 15:30 back in 10-minute steps: 94 calls today (index 0..93), then yesterday's start at index 94, inside page 0.
    const canvasHeight = Number.parseInt((list().parentElement as HTMLElement).style.height, 10)
    expect(canvasHeight).toBe(10_000 * ROW_HEIGHT + 2 * HEADER_HEIGHT)
  })

  it('scrolling to the middle asks for that page only; the day headers of the rows there appear', async () => {
    const fake = fakeHistory(makeItems(10_000))
    renderHistory()
    await waitFor(() => expect(within(list()).getAllByRole('option').length).toBeGreaterThan(0))
    const scroller = screen.getByTestId('history-list')
    scroller.scrollTop = 5000 * ROW_HEIGHT
    fireEvent.scroll(scroller)
    await waitFor(() => expect(offsets(fake.listHistory)).toContain(4900))
    expect(offsets(fake.listHistory).every((offset) => [0, 4900, 5000].includes(offset))).toBe(true)
    await waitFor(() => expect(within(list()).getAllByRole('option').some((option) => option.getAttribute('aria-posinset') === '5001' && /rules|companies/.test(option.textContent ?? ''))).toBe(true))
    // Calls from 34 days before: the row names a day that is not today any more.
    const row = within(list()).getAllByRole('option').find((option) => option.getAttribute('aria-posinset') === '5001')!
    expect(row.textContent).not.toMatch(/Today|Yesterday/)
  })

  it('the keyboard moves through the list (aria-activedescendant), End fetches the last page, Enter opens, Shift+Arrow selects several', async () => {
    const fake = fakeHistory(makeItems(10_000))
    renderHistory()
    await waitFor(() => expect(within(list()).getAllByRole('option').length).toBeGreaterThan(0))
    const box = list()
    box.focus()
    fireEvent.focus(box)
    await waitFor(() => expect(box.getAttribute('aria-activedescendant')).toMatch(/option-0$/))
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(box.getAttribute('aria-activedescendant')).toMatch(/option-1$/)
    await waitFor(() => expect(fake.getHistoryEntry).toHaveBeenCalledWith({ id: 'h00001' }))
    await screen.findByTestId('history-detail')
    expect(screen.getByTestId('history-detail-request-id').textContent).toBe('rid-1')
    fireEvent.keyDown(box, { key: 'ArrowDown', shiftKey: true })
    fireEvent.keyDown(box, { key: 'ArrowDown', shiftKey: true })
    await waitFor(() => expect(screen.getByTestId('history-selection').textContent).toContain('3 calls selected'))
    expect(within(box).getAllByRole('option').filter((option) => option.getAttribute('aria-selected') === 'true')).toHaveLength(3)
    fireEvent.keyDown(box, { key: ' ' })
    expect(screen.getByTestId('history-selection').textContent).toContain('2 calls selected')
    const opened: OpenRequest[] = []
    const off = registerRequestOpener((request) => opened.push(request))
    fireEvent.keyDown(box, { key: 'Enter' })
    await waitFor(() => expect(opened).toHaveLength(1))
    expect(opened[0]!.spec.url).toBe('/properties/PR3/rules')
    off()
    fireEvent.keyDown(box, { key: 'End' })
    await waitFor(() => expect(offsets(fake.listHistory)).toContain(9900))
    await waitFor(() => expect(box.getAttribute('aria-activedescendant')).toMatch(/option-9999$/))
  })

  it('an empty history says what it is for and offers the next steps', async () => {
    fakeHistory([])
    renderHistory()
    const empty = await screen.findByTestId('history-empty')
    expect(empty.textContent).toContain('No calls yet')
    expect(empty.textContent).toMatch(/recorded here with its status, timing and Adobe request id/)
    expect(within(empty).getByRole('button', { name: 'Import repro bundle…' })).toBeTruthy()
    expect(screen.queryByRole('listbox')).toBeNull()
  })

  it('one call is "1 call" (Intl.PluralRules), and a recorded call reloads the list', async () => {
    const items = makeItems(1)
    const fake = fakeHistory(items)
    renderHistory()
    await waitFor(() => expect(screen.getByTestId('history-count').textContent).toBe('1 call'))
    items.unshift({ ...items[0]!, id: 'new', startedAt: NOW + 1000 })
    fake.emit('history:changed', { reason: 'added', id: 'new' })
    await waitFor(() => expect(screen.getByTestId('history-count').textContent).toBe('2 calls'))
  })
})
