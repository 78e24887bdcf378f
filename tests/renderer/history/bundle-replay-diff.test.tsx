import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { ResponseDiffView, diffSummary } from '../../../src/renderer/src/features/history/ResponseDiffView'
import { SnippetDialog } from '../../../src/renderer/src/features/history/SnippetDialog'
import { registerRequestOpener, type OpenRequest } from '../../../src/renderer/src/state/workbench-commands'
import type { ImportedBundle, ResponseDiff, WindowApi } from '../../../src/shared/contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { NOW, fakeHistory, makeItems, renderHistory } from './support'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  vi.useRealTimers()
})

const DIFF: ResponseDiff = {
  status: { path: 'status', kind: 'same', left: '200 OK', right: '200 OK' },
  headers: [
    { path: 'headers.content-type', kind: 'same', left: 'application/vnd.api+json', right: 'application/vnd.api+json' },
    { path: 'headers.x-request-id', kind: 'volatile', left: 'aaa', right: 'bbb' }
  ],
  body: [
    { path: 'body.data[0].attributes.name', kind: 'changed', left: '"Acme"', right: '"Sandbox Demo Company"' },
    { path: 'body.data[0].attributes.cjm_enabled', kind: 'added', right: 'false' },
    { path: 'body.meta.pagination.total_pages', kind: 'removed', left: '3' },
    { path: 'body.data[0].attributes.updated_at', kind: 'volatile', left: '"2024-01-01"', right: '"2025-03-07"' }
  ],
  bodyKind: 'json',
  summary: { same: 2, changed: 1, added: 1, removed: 1, volatile: 2 },
  truncated: false
}

describe('the response diff', () => {
  it('two columns; changed, added, removed and volatile rows are marked with a class and in words; unchanged rows fold away', () => {
    render(<ResponseDiffView diff={DIFF} leftLabel="Original" rightLabel="Replay (Sandbox)" />)
    expect(screen.getByTestId('diff-summary').textContent).toBe('1 changed, 1 only in the replay, 1 only in the original · 2 volatile fields ignored')
    const body = screen.getByRole('region', { name: 'Body (JSON, by field)' })
    const rows = within(body).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.getAttribute('data-kind'))).toEqual(['changed', 'added', 'removed', 'volatile'])
    expect(within(body).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Field', 'Original', 'Replay (Sandbox)'])
    const changed = rows[0]!
    expect(changed.className).toContain('hi-diff-changed')
    expect(changed.textContent).toContain('(changed)')
    expect(changed.textContent).toContain('"Acme"')
    expect(changed.textContent).toContain('"Sandbox Demo Company"')
    expect(within(rows[1]!).getByLabelText('absent')).toBeTruthy()
    expect(rows[2]!.textContent).toContain('(only in the original)')
    const headers = screen.getByRole('region', { name: 'Headers' })
    expect(within(headers).getAllByRole('row')).toHaveLength(2)
    fireEvent.click(within(headers).getByRole('button', { name: 'Show 1 unchanged row' }))
    expect(within(headers).getAllByRole('row')).toHaveLength(3)
    expect(diffSummary({ ...DIFF, summary: { same: 9, changed: 0, added: 0, removed: 0, volatile: 1 } })).toBe('No differences · 1 volatile field ignored')
  })
})

describe('code snippets', () => {
  it('offers every language, asks main for the chosen one, shows it read-only and copies it', async () => {
    const requestSnippet = vi.fn(async ({ language }: { language: string }) => ({ ok: true as const, value: { language, code: `code for ${language} with {ACCESS_TOKEN}` } }))
    installFakeApi({ requestSnippet: requestSnippet as unknown as WindowApi['requestSnippet'] })
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const spec = newRequestSpec({ url: '/companies' })
    render(<SnippetDialog spec={spec} profileId="sandbox" onClose={() => {}} />)
    const dialog = screen.getByRole('dialog', { name: 'Code snippet' })
    const select = within(dialog).getByLabelText('Language') as HTMLSelectElement
    expect([...select.options].map((option) => option.textContent)).toEqual(['JavaScript (fetch)', 'Node.js', 'Python (requests)', 'Java', 'C#', 'Go', 'PowerShell', 'HTTPie', 'cURL'])
    await waitFor(() => expect(within(dialog).getByTestId('snippet-code').textContent).toBe('code for javascript-fetch with {ACCESS_TOKEN}'))
    expect(requestSnippet).toHaveBeenCalledWith({ spec, language: 'javascript-fetch', profileId: 'sandbox' })
    fireEvent.change(select, { target: { value: 'python-requests' } })
    await waitFor(() => expect(within(dialog).getByTestId('snippet-code').textContent).toBe('code for python-requests with {ACCESS_TOKEN}'))
    expect(within(dialog).getByTestId('snippet-code').tagName).toBe('PRE')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('code for python-requests with {ACCESS_TOKEN}'))
    // The status follows the clipboard's promise, a render after the write itself.
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('Copied.'))
  })
})

const BUNDLE: ImportedBundle = {
  createdAt: '2025-03-06T10:00:00.000Z',
  app: { name: 'Reactor Explorer', version: '0.1.0' },
  os: { platform: 'darwin', release: '24.1', arch: 'arm64' },
  environment: { profileName: 'Customer prod', environmentLabel: 'Production', reactorBaseUrl: 'https://reactor.adobe.io' },
  doctorSummary: 'The credential works.',
  pseudonymized: true,
  notes: ['Ids of companies and orgs are pseudonyms.'],
  requests: [
    {
      id: 'b1',
      startedAt: '2025-03-06T09:59:00.000Z',
      method: 'GET',
      url: 'https://reactor.adobe.io/companies',
      adobeRequestId: 'cust-rid',
      spec: newRequestSpec({ name: 'List companies', url: '/companies' }),
      original: { status: 200, statusText: 'OK', headers: [['content-type', 'application/vnd.api+json']], body: '{"data":[{"attributes":{"name":"Acme"}}]}', durationMs: 300 }
    },
    { id: 'b2', startedAt: '2025-03-06T09:59:30.000Z', method: 'GET', url: 'https://reactor.adobe.io/properties/PR1', spec: newRequestSpec({ url: '/properties/PR1' }), error: { code: 'network', message: 'The connection was reset.' } }
  ]
}

describe('an imported repro bundle', () => {
  it('lists its calls, opens them as tabs, replays them with the active profile and shows the diff', async () => {
    const opened: OpenRequest[] = []
    const off = registerRequestOpener((request) => opened.push(request))
    const importReproBundle = vi.fn(async () => ({ ok: true as const, value: BUNDLE }))
    const sendRequest = vi.fn(async (input: { requestId: string }) => ({
      ok: true as const,
      value: {
        requestId: input.requestId,
        url: 'http://127.0.0.1:1/companies',
        method: 'GET',
        status: 200,
        statusText: 'OK',
        headers: [['content-type', 'application/vnd.api+json']] as Array<[string, string]>,
        contentType: 'application/vnd.api+json',
        body: { kind: 'inline' as const, text: '{"data":[{"attributes":{"name":"Sandbox Demo Company"}}]}', bytes: 60 },
        timing: { totalMs: 12, ttfbMs: 8, downloadMs: 4 },
        adobeRequestId: 'mine',
        retryAfterSeconds: undefined,
        redirects: [],
        attempts: 1,
        sentHeaders: []
      }
    }))
    const diffResponses = vi.fn(async (_input: unknown) => ({ ok: true as const, value: DIFF }))
    fakeHistory(makeItems(3), {
      importReproBundle: importReproBundle as unknown as WindowApi['importReproBundle'],
      sendRequest: sendRequest as unknown as WindowApi['sendRequest'],
      diffResponses: diffResponses as unknown as WindowApi['diffResponses']
    })
    renderHistory()
    await screen.findAllByTestId('history-row')
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'reactor-explorer-repro.zip', { type: 'application/zip' })
    fireEvent.change(screen.getByTestId('bundle-file'), { target: { files: [file] } })
    await waitFor(() => expect(importReproBundle).toHaveBeenCalledWith({ fileName: 'reactor-explorer-repro.zip', contentBase64: 'UEsDBA==', operationId: expect.stringMatching(/^history-/) }))
    const view = await screen.findByTestId('imported-calls')
    expect(view.textContent).toContain('Sent with Customer prod · Production (https://reactor.adobe.io)')
    expect(view.textContent).toContain('Company and org ids are pseudonyms.')
    const calls = within(within(view).getByRole('list', { name: 'Calls in the repro bundle' })).getAllByRole('button')
    expect(calls).toHaveLength(2)
    fireEvent.click(within(view).getByRole('button', { name: 'Open all 2 as tabs' }))
    expect(opened.map((request) => request.spec.url)).toEqual(['/companies', '/properties/PR1'])
    expect(opened[0]!.note).toContain('reactor-explorer-repro.zip')
    fireEvent.click(within(view).getByRole('button', { name: 'Replay with my profile (Sandbox (simulated))' }))
    await waitFor(() => expect(sendRequest).toHaveBeenCalledTimes(2))
    expect(sendRequest.mock.calls.map((call) => (call[0] as unknown as { profileId: string }).profileId)).toEqual(['sandbox', 'sandbox'])
    await waitFor(() => expect(diffResponses).toHaveBeenCalledTimes(1))
    expect(diffResponses.mock.calls[0]![0]).toMatchObject({ left: { status: 200, body: '{"data":[{"attributes":{"name":"Acme"}}]}' }, right: { status: 200, body: '{"data":[{"attributes":{"name":"Sandbox Demo Company"}}]}' } })
    const diff = await within(view).findByTestId('response-diff')
    expect(within(diff).getByTestId('diff-summary').textContent).toContain('1 changed')
    expect(calls[0]!.textContent).toContain('3 differences')
    // The second call failed for the customer and has no response: replayed, nothing to compare.
    fireEvent.click(calls[1]!)
    await waitFor(() => expect(within(view).getByLabelText('Comparison').textContent).toContain('has no response for this call'))
    fireEvent.click(within(view).getByRole('button', { name: '← Back to history' }))
    expect(screen.queryByTestId('imported-calls')).toBeNull()
    off()
  })

  it('a HAR import lists the Reactor and IMS calls; an IMS token call is not replayed', async () => {
    const importHar = vi.fn(async () => ({
      ok: true as const,
      value: {
        total: 12,
        skipped: 10,
        items: [
          { index: 0, kind: 'ims' as const, method: 'POST', url: 'https://ims-na1.adobelogin.com/ims/token/v3', spec: newRequestSpec({ method: 'POST', url: 'https://ims-na1.adobelogin.com/ims/token/v3' }), notes: [], unmapped: [] },
          { index: 3, kind: 'reactor' as const, method: 'GET', url: 'https://reactor.adobe.io/companies', spec: newRequestSpec({ url: '/companies' }), notes: ["Uses your profile's credential instead of the one in the HAR entry (its Authorization, x-api-key and x-gw-ims-org-id are not kept)."], unmapped: [], response: { status: 403, statusText: 'Forbidden', headers: [] } }
        ]
      }
    }))
    fakeHistory(makeItems(1), { importHar: importHar as unknown as WindowApi['importHar'] })
    renderHistory()
    await screen.findAllByTestId('history-row')
    fireEvent.change(screen.getByTestId('har-file'), { target: { files: [new File(['{"log":{}}'], 'customer.har')] } })
    await waitFor(() => expect(importHar).toHaveBeenCalledWith({ content: '{"log":{}}', profileId: 'sandbox' }))
    const view = await screen.findByTestId('imported-calls')
    expect(view.textContent).toContain('2 Reactor and IMS calls of 12 entries (10 page assets and other calls left out).')
    const comparison = within(view).getByLabelText('Comparison')
    expect(within(comparison).getByRole('button', { name: 'Replay with my profile' }).hasAttribute('disabled')).toBe(true)
    expect(comparison.textContent).toContain('is not replayed: your profile gets its own token')
    fireEvent.click(within(view).getAllByRole('button', { name: /companies/ })[0]!)
    expect(within(view).getByLabelText('Comparison').textContent).toContain("Uses your profile's credential")
  })
})
