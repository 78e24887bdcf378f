import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import type { WindowApi } from '../../../src/shared/contract'
import { NOW, fakeHistory, makeItems, renderHistory } from './support'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.readAsText(blob)
  })
}

function options() {
  return within(screen.getByRole('listbox')).getAllByRole('option')
}

async function chooseRow(index: number) {
  await waitFor(() => expect(options().length).toBeGreaterThan(index))
  fireEvent.click(options()[index]!)
  await screen.findByTestId('history-detail')
}

describe('searching and filtering the history', () => {
  it('the search box searches (after a pause), "Search bodies" asks for a deep search, chips and selects filter', async () => {
    const fake = fakeHistory(makeItems(300))
    renderHistory()
    await waitFor(() => expect(options().length).toBeGreaterThan(0))
    fireEvent.change(screen.getByLabelText('Search history'), { target: { value: 'PR9' } })
    await waitFor(() => expect(fake.searchHistory).toHaveBeenCalledWith(expect.objectContaining({ query: 'PR9', offset: 0 })))
    expect(fake.searchHistory.mock.calls.at(-1)![0]).not.toHaveProperty('deep')
    await waitFor(() => expect(screen.getByTestId('history-count').textContent).toMatch(/^\d+ calls match$/))
    expect(options().every((option) => /PR9/.test(option.textContent!))).toBe(true)

    fireEvent.click(screen.getByRole('checkbox', { name: 'Search bodies' }))
    await waitFor(() => expect(fake.searchHistory).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'PR9', deep: true })))

    fireEvent.click(screen.getByRole('button', { name: '4xx' }))
    await waitFor(() => expect(fake.searchHistory).toHaveBeenLastCalledWith(expect.objectContaining({ filters: { statusClasses: ['4xx'] } })))
    expect(screen.getByRole('button', { name: '4xx' }).getAttribute('aria-pressed')).toBe('true')

    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'POST' } })
    fireEvent.change(screen.getByLabelText('Profile'), { target: { value: 'sandbox' } })
    await waitFor(() =>
      expect(fake.searchHistory).toHaveBeenLastCalledWith(expect.objectContaining({ filters: { statusClasses: ['4xx'], methods: ['POST'], profileIds: ['sandbox'] } }))
    )
    // Searching for a request id finds that call.
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }))
    fireEvent.change(screen.getByLabelText('Search history'), { target: { value: 'rid-42' } })
    await waitFor(() => expect(options()).toHaveLength(1))
    expect(options()[0]!.textContent).toContain('request id rid-42')
  })

  it('no match: says so with the query, offers a whole-body search and clearing', async () => {
    const fake = fakeHistory(makeItems(20))
    renderHistory()
    await waitFor(() => expect(options().length).toBeGreaterThan(0))
    fireEvent.change(screen.getByLabelText('Search history'), { target: { value: 'LBnothing' } })
    const none = await screen.findByTestId('history-no-match')
    expect(none.textContent).toContain('No call matches “LBnothing”')
    fireEvent.click(within(none).getByRole('button', { name: 'Search whole bodies' }))
    await waitFor(() => expect(fake.searchHistory).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'LBnothing', deep: true })))
    fireEvent.click(within(screen.getByTestId('history-no-match')).getByRole('button', { name: 'Clear search and filters' }))
    await waitFor(() => expect(options().length).toBeGreaterThan(0))
  })
})

describe('what can be done with a call', () => {
  it('open in a new tab, save to a collection (a tab with its Save as dialog open), copy its request id, delete it', async () => {
    const opened: OpenRequest[] = []
    const off = registerRequestOpener((request) => opened.push(request))
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const deleteHistoryEntry = vi.fn(async () => ({ ok: true as const, value: { deleted: true } }))
    fakeHistory(makeItems(5), { deleteHistoryEntry: deleteHistoryEntry as unknown as WindowApi['deleteHistoryEntry'] })
    renderHistory()
    await chooseRow(2)
    const detail = screen.getByTestId('history-detail')
    expect(within(detail).getByTestId('history-detail-status').textContent).toBe('200 OK')
    fireEvent.click(within(detail).getByRole('button', { name: 'Open in tab' }))
    expect(opened.at(-1)).toMatchObject({ spec: { name: 'From history', url: '/companies' }, note: expect.stringMatching(/^Opened from history/) })
    fireEvent.click(within(detail).getByRole('button', { name: 'Save to collection…' }))
    expect(opened.at(-1)).toMatchObject({ saveAs: true, spec: { url: '/companies' } })
    fireEvent.click(within(detail).getByRole('button', { name: 'Copy request id' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('rid-2'))
    expect((await screen.findByTestId('history-detail-status-line')).textContent).toContain('Copied the request id rid-2')
    fireEvent.click(within(detail).getByRole('button', { name: /More/ }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete from history' }))
    await waitFor(() => expect(deleteHistoryEntry).toHaveBeenCalledWith({ id: 'h00002' }))
    expect((await screen.findByTestId('history-status')).textContent).toContain('Deleted the call')
    off()
  })

  it('the response body, its headers and the request as sent (credential masked) are shown', async () => {
    fakeHistory(makeItems(3))
    renderHistory()
    await chooseRow(0)
    const detail = screen.getByTestId('history-detail')
    await waitFor(() => expect(detail.textContent).toContain('CO123'))
    fireEvent.click(within(detail).getByRole('tab', { name: /Response headers/ }))
    expect(within(detail).getByRole('table', { name: 'Response headers' }).textContent).toContain('x-request-id')
    fireEvent.click(within(detail).getByRole('tab', { name: 'Request sent' }))
    expect(within(detail).getByRole('table', { name: 'Request headers as sent' }).textContent).toContain('Bearer ••••1a2b (profile)')
  })

  it('clear all asks first, naming how many calls go, and only then clears', async () => {
    const items = makeItems(1234)
    const clearHistory = vi.fn(async () => ({ ok: true as const, value: { cleared: 1234 } }))
    fakeHistory(items, { clearHistory: clearHistory as unknown as WindowApi['clearHistory'] })
    renderHistory()
    await waitFor(() => expect(options().length).toBeGreaterThan(0))
    fireEvent.click(screen.getByRole('button', { name: 'Clear all…' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(within(dialog).getByRole('heading').textContent).toBe('Delete all 1,234 calls?')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(clearHistory).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Clear all…' }))
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete 1,234 calls' }))
    await waitFor(() => expect(clearHistory).toHaveBeenCalledTimes(1))
    expect((await screen.findByTestId('history-status')).textContent).toBe('Deleted 1,234 calls from the history.×')
  })

  it('exports: one call as a repro bundle, the selected calls as HAR, all as HAR — downloads in browser mode', async () => {
    const created: Blob[] = []
    const clicked: string[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), `blob:${created.length}`)) as typeof URL.createObjectURL
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    const exportReproBundle = vi.fn(async () => ({
      ok: true as const,
      value: { saved: false, requests: 1, fileName: 'reactor-explorer-repro-1.zip', redacted: { known: 2, patterns: 1, fields: 0 }, pseudonyms: 0, download: { fileName: 'reactor-explorer-repro-1.zip', mimeType: 'application/zip', contentBase64: btoa('PK zip') } }
    }))
    const exportHistoryHar = vi.fn(async (input: { ids?: string[] }) => ({
      ok: true as const,
      value: { saved: false, requests: input.ids?.length ?? 5, download: { fileName: 'reactor-explorer-history.har', mimeType: 'application/json', contentBase64: btoa('{"log":{}}') } }
    }))
    fakeHistory(makeItems(5), {
      exportReproBundle: exportReproBundle as unknown as WindowApi['exportReproBundle'],
      exportHistoryHar: exportHistoryHar as unknown as WindowApi['exportHistoryHar']
    })
    renderHistory()
    await chooseRow(1)
    fireEvent.click(within(screen.getByTestId('history-detail')).getByRole('button', { name: 'Export repro bundle' }))
    await waitFor(() => expect(exportReproBundle).toHaveBeenCalledWith({ ids: ['h00001'], pseudonymize: false, destination: 'download', operationId: expect.stringMatching(/^history-/) }))
    await waitFor(() => expect(clicked).toEqual(['reactor-explorer-repro-1.zip']))
    expect(await blobText(created[0]!)).toBe('PK zip')
    expect(screen.getByTestId('history-detail-status-line').textContent).toContain('Downloaded reactor-explorer-repro-1.zip: 1 call, 3 secrets removed')

    // Ctrl+click adds a row: two selected, exported together.
    fireEvent.click(options()[3]!, { ctrlKey: true })
    const bar = await screen.findByTestId('history-selection')
    expect(bar.textContent).toContain('2 calls selected')
    fireEvent.click(within(bar).getByRole('button', { name: 'Export HAR' }))
    await waitFor(() => expect(exportHistoryHar).toHaveBeenCalledWith({ ids: ['h00001', 'h00003'], destination: 'download', operationId: expect.stringMatching(/^history-/) }))
    fireEvent.click(screen.getByRole('button', { name: 'Export all as HAR' }))
    await waitFor(() => expect(exportHistoryHar).toHaveBeenLastCalledWith({ all: true, destination: 'download', operationId: expect.stringMatching(/^history-/) }))
    await waitFor(() => expect(clicked).toHaveLength(3))
    expect(screen.getByTestId('history-status').textContent).toContain('Downloaded reactor-explorer-history.har: 5 calls as HAR')
    click.mockRestore()
  })

  it('in the desktop app main saves the export with its dialog (destination file)', async () => {
    const exportHistoryHar = vi.fn(async () => ({ ok: true as const, value: { saved: true, path: '/home/me/Downloads/h.har', requests: 1 } }))
    fakeHistory(makeItems(2), {
      getAppInfo: vi.fn(async () => ({ ok: true as const, value: { name: 'Reactor Explorer', version: 'test', platform: 'linux', transport: 'electron' as const } })) as unknown as WindowApi['getAppInfo'],
      exportHistoryHar: exportHistoryHar as unknown as WindowApi['exportHistoryHar']
    })
    // The transport is asked once per window; a fresh module state for this test.
    vi.resetModules()
    const { HistoryWorkspace } = await import('../../../src/renderer/src/features/history/HistoryWorkspace')
    const { ActiveProfileProvider } = await import('../../../src/renderer/src/state/active-profile')
    const { render } = await import('@testing-library/react')
    render(<ActiveProfileProvider><HistoryWorkspace /></ActiveProfileProvider>)
    await chooseRow(0)
    fireEvent.click(within(screen.getByTestId('history-detail')).getByRole('button', { name: /More/ }))
    await act(async () => fireEvent.click(screen.getByRole('menuitem', { name: 'Export HAR' })))
    await waitFor(() => expect(exportHistoryHar).toHaveBeenCalledWith({ ids: ['h00000'], destination: 'file', operationId: expect.stringMatching(/^history-/) }))
    expect((await screen.findByTestId('history-detail-status-line')).textContent).toContain('Saved 1 call to /home/me/Downloads/h.har as HAR')
  })
})
