import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { createBodyEngine, type BodySearchResult, type LineWindow, type RowWindow } from '../../../src/renderer/src/features/requests/response/body-engine'
import type { FetchAllPagesInput, WindowApi } from '../../../src/shared/contract'
import type { SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import type { RequestSpec } from '../../../src/shared/requests/request-spec'

type Sent = SendRequestInput & { spec: RequestSpec }
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, listDoc, response } from './fixtures'

type Send = WindowApi['sendRequest']

function calls<T>(fn: unknown): T[] {
  return (fn as { mock: { calls: Array<[T]> } }).mock.calls.map((call) => call[0])
}

/**
 * Waits that follow the body worker's work (format, summary, tree, search) or a page fetch after it: the
 * default 1 s is too short when the machine is loaded (the "fetch all" case failed so).
 */
const AFTER_WORKER = { timeout: 5000 }

async function sendWith(body: unknown, overrides = {}) {
  const sendRequest = vi.fn(async () => ({ ok: true as const, value: response(body, overrides) })) as unknown as Send
  const fake = installFakeApi({ sendRequest })
  render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByTestId('response-status')
  return { sendRequest, ...fake }
}

// jsdom has no layout: give elements a size so the virtualised body renders its first screen of rows.
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

describe('response viewer', () => {
  it('shows status, timing, size and the Adobe request id; Retry-After on 429', async () => {
    await sendWith({ errors: [] }, { status: 429, statusText: 'Too Many Requests', retryAfterSeconds: 30 })
    expect(screen.getByTestId('response-status').textContent).toBe('429 Too Many Requests')
    expect(screen.getByTestId('response-status').className).toContain('rq-status-4xx')
    expect(screen.getByTestId('retry-after').textContent).toBe('Retry after 30 s')
    expect(screen.getByText('REQ123')).toBeTruthy()
    expect(screen.getByText(/TTFB 80 ms, download 40 ms/)).toBeTruthy()
  })

  it('renders meta.pagination as page N of M, pages with next/previous and fetches all pages', async () => {
    const doc = listDoc('rules', [['RL1', 'Page load']], { current_page: 2, next_page: 3, prev_page: 1, total_pages: 14, total_count: 340 })
    const fetchAllPages = vi.fn(async (input: FetchAllPagesInput) => {
      const merged = listDoc('rules', [['RL1', 'a'], ['RL2', 'b'], ['RL3', 'c']])
      const text = JSON.stringify(merged)
      return { ok: true as const, value: { requestId: input.request.requestId, pages: 14, totalCount: 340, document: { kind: 'inline' as const, text, bytes: text.length }, timing: { totalMs: 900 } } }
    }) as unknown as WindowApi['fetchAllPages']
    const sendRequest = vi.fn(async () => ({ ok: true as const, value: response(doc) })) as unknown as Send
    installFakeApi({ sendRequest, fetchAllPages })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: /List rules for a property/ }))
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: '/properties/PR1/rules' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect((await screen.findByTestId('pagination-label', undefined, AFTER_WORKER)).textContent).toContain('Page 2 of 14')
    fireEvent.click(screen.getByRole('button', { name: 'Next ›' }))
    const rulesCalls = () => calls<Sent>(sendRequest).filter((input) => input.spec.url === '/properties/PR1/rules')
    await waitFor(() => expect(rulesCalls()).toHaveLength(2))
    expect(rulesCalls()[1]!.spec.params).toContainEqual({ name: 'page[number]', value: '3', enabled: true })
    fireEvent.click(await screen.findByRole('button', { name: 'Fetch all 14 pages' }, AFTER_WORKER))
    expect((await screen.findByTestId('merged-label', undefined, AFTER_WORKER)).textContent).toBe('All 340 items merged · fetched in 14 requests of up to 100')
    const input = calls<FetchAllPagesInput>(fetchAllPages)[0]!
    const spec = input.request.spec as RequestSpec
    expect(spec.url).toBe('/properties/PR1/rules')
    expect(input.request.profileId).toBe('p1')
    expect(spec.params.some((row) => row.name.startsWith('page['))).toBe(false)
  })

  it('opens links.related in the builder and sends it with the same profile', async () => {
    const { sendRequest } = await sendWith(listDoc('properties', [['PR1', 'Web']]))
    const link = await screen.findByRole('button', { name: '"https://reactor.adobe.io/properties/PR1/rules"' }, AFTER_WORKER)
    fireEvent.click(link)
    // The link matches "List rules for a property", whose pickers then load their lists too.
    const opened = () => calls<Sent>(sendRequest).filter((input) => input.spec.url === '/properties/PR1/rules')
    await waitFor(() => expect(opened()).toHaveLength(1))
    expect(opened()[0]).toMatchObject({ profileId: 'p1', spec: { method: 'GET', url: '/properties/PR1/rules' } })
    expect(screen.getByTestId('operation-label').textContent).toBe('List rules for a property')
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/properties/PR1/rules')
  })

  it('renders errors[] as readable cards', async () => {
    await sendWith(
      {
        errors: [
          { id: 'e1', status: '404', code: 'not-found', title: 'Record Not Found', meta: { request_id: 'jfb0' }, source: { pointer: '/data' } },
          { status: '422', code: 'invalid-settings-syntax', title: 'Invalid settings', detail: 'settings must be JSON', source: { pointer: '/data/attributes/settings' } }
        ]
      },
      { status: 404, statusText: 'Not Found' }
    )
    const cards = await screen.findAllByTestId('error-card')
    expect(cards).toHaveLength(2)
    // Pointer and request id sit under each card's Details (the kit's ErrorMessage).
    expect(cards[0]!.textContent).not.toContain('jfb0')
    for (const card of cards) fireEvent.click(within(card).getByRole('button', { name: 'Details' }))
    expect(cards[0]!.textContent).toContain('Record Not Found')
    expect(cards[0]!.textContent).toContain('not-found')
    expect(cards[0]!.textContent).toContain('/data')
    expect(cards[0]!.textContent).toContain('jfb0')
    expect(cards[1]!.textContent).toContain('settings must be JSON')
    expect(cards[1]!.textContent).toContain('/data/attributes/settings')
  })

  it('expands JSON held in strings (rule component settings) in place', async () => {
    await sendWith({ data: { id: 'RC1', type: 'rule_components', attributes: { settings: '{"source":"alert(1)","language":"javascript"}' } } })
    const lines = await screen.findByTestId('body-lines', undefined, AFTER_WORKER)
    expect(lines.textContent).toContain('"settings": "{\\"source\\"')
    fireEvent.click(within(lines).getByRole('button', { name: /expand JSON string/ }))
    await waitFor(() => expect(screen.getByTestId('body-lines').textContent).toContain('"language": "javascript"'), AFTER_WORKER)
    // Tree view shows it as an expandable node too.
    fireEvent.click(screen.getByRole('button', { name: 'Tree' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Expand attributes' }, AFTER_WORKER))
    fireEvent.click(await screen.findByRole('button', { name: 'Expand settings' }, AFTER_WORKER))
    await waitFor(() => expect(screen.getByTestId('body-tree').textContent).toContain('language: "javascript"'), AFTER_WORKER)
    expect(screen.getByTestId('body-tree').textContent).toContain('JSON string')
  })

  it('searches the body with a count and filters with JSONPath', async () => {
    await sendWith(listDoc('rules', [['RL1', 'Alpha'], ['RL2', 'Beta'], ['RL3', 'alpha two']]))
    await screen.findByTestId('body-lines', undefined, AFTER_WORKER)
    fireEvent.change(screen.getByLabelText('Search in body'), { target: { value: 'alpha' } })
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('1 of 2'), AFTER_WORKER)
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(screen.getByTestId('search-count').textContent).toBe('2 of 2')
    fireEvent.change(screen.getByLabelText('JSONPath filter'), { target: { value: '$.data[*].attributes.name' } })
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }))
    expect((await screen.findByTestId('jsonpath-status', undefined, AFTER_WORKER)).textContent).toContain('3 matches')
    await waitFor(() => expect(screen.getByTestId('body-lines').textContent).toContain('"Beta"'), AFTER_WORKER)
  })

  it('shows HTML as text, never as markup', async () => {
    await sendWith('<html><body><img src=x onerror="alert(1)"><script>alert(2)</script></body></html>', { contentType: 'text/html' })
    const lines = await screen.findByTestId('body-lines', undefined, AFTER_WORKER)
    expect(lines.textContent).toContain('<script>alert(2)</script>')
    expect(document.querySelector('img')).toBeNull()
    expect(document.querySelector('.rq-lines script')).toBeNull()
  })
})

describe('body engine (the worker)', () => {
  it('formats, searches and builds tree rows for a large JSON:API document', () => {
    const engine = createBodyEngine()
    const doc = { data: Array.from({ length: 5000 }, (_, i) => ({ id: `RL${i}`, type: 'rules', attributes: { name: `rule ${i}` } })), meta: { pagination: { current_page: 1, next_page: 2, prev_page: null, total_pages: 3, total_count: 12000 } } }
    const text = JSON.stringify(doc)
    const load = engine.handle({ op: 'load', text, contentType: 'application/vnd.api+json' }).result as import('../../../src/renderer/src/features/requests/response/body-engine').LoadResult
    expect(load.kind).toBe('json')
    // The pretty text stays in the worker; read it back window by window, as the viewer does.
    const pretty: string[] = []
    for (let from = 0; from < load.pretty!.lineCount; from += 1000) {
      const window = engine.handle({ op: 'lines', target: 'pretty', from, to: from + 1000 }).result as LineWindow
      expect(window.generation).toBe(load.pretty!.generation)
      pretty.push(...window.lines)
    }
    expect(pretty.join('\n')).toBe(JSON.stringify(doc, null, 2))
    expect(load.summary!.pagination!.total_pages).toBe(3)
    const search = engine.handle({ op: 'search', query: 'RULE 49', caseSensitive: false, target: 'pretty' }).result as BodySearchResult
    expect(search.total).toBe(111) // rule 49, 490-499, 4900-4999
    // Matches come with their line, so the viewer can jump to one without the text.
    expect(pretty[search.lines[0]!]).toContain('"name": "rule 49"')
    const tree = engine.handle({ op: 'tree', expanded: load.defaultExpanded }).result as { rowCount: number; generation: number }
    expect(tree.rowCount).toBe(1 + 2 + 5000 + 1)
    const rows = engine.handle({ op: 'rows', from: 2, to: 5 }).result as RowWindow
    expect(rows.rows.map((row) => row.pointer)).toEqual(['/data/0', '/data/1', '/data/2'])
  })

  it('reports where a JSON body breaks', () => {
    const engine = createBodyEngine()
    const load = engine.handle({ op: 'load', text: '{"data": [1, 2,]}', contentType: 'application/json' }).result as { kind: string; problem?: string }
    expect(load.kind).toBe('text')
    expect(load.problem).toMatch(/Not valid JSON|Unexpected/)
  })
})
