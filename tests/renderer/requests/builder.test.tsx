import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import type { SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import { sendsBody, type RequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, listDoc, response } from './fixtures'

type Send = WindowApi['sendRequest']

type Sent = SendRequestInput & { spec: RequestSpec }

function sentInputs(api: WindowApi): Sent[] {
  return (api.sendRequest as unknown as { mock: { calls: Array<[Sent]> } }).mock.calls.map((call) => call[0])
}

/** A fake Reactor: lists of companies/properties, and an echo for everything else. */
function reactorFake(): Send {
  return vi.fn(async (input: Sent) => {
    if (input.spec.url === '/companies') return { ok: true as const, value: response(listDoc('companies', [['CO1', 'Acme'], ['CO2', 'Beta']])) }
    if (input.spec.url === '/companies/CO1/properties') return { ok: true as const, value: response(listDoc('properties', [['PR1', 'Web'], ['PR2', 'Mobile']])) }
    return { ok: true as const, value: response({ data: [] }) }
  }) as unknown as Send
}

async function pickRules() {
  fireEvent.click(screen.getByRole('button', { name: /List rules for a property/ }))
  const company = await screen.findByRole('combobox', { name: /Company/ })
  await waitFor(() => expect(within(company).getByRole('option', { name: /Acme/ })).toBeTruthy())
  fireEvent.change(company, { target: { value: 'CO1' } })
  const property = screen.getByRole('combobox', { name: /Property/ })
  await waitFor(() => expect(within(property).getByRole('option', { name: /Web/ })).toBeTruthy())
  fireEvent.change(property, { target: { value: 'PR1' } })
  await waitFor(() => expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/properties/PR1/rules'))
}

describe('request builder', () => {
  it('fills path parameters from company and property lists fetched with the profile', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await pickRules()
    const lists = sentInputs(api).map((input) => [input.spec.url, input.profileId])
    expect(lists).toEqual([['/companies', 'p1'], ['/companies/CO1/properties', 'p1']])
  })

  it('encodes filter, sort and page helpers as Reactor expects', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    await pickRules()
    fireEvent.change(screen.getByLabelText('Filter attribute'), { target: { value: 'name' } })
    fireEvent.change(screen.getByLabelText('Filter operator'), { target: { value: 'CONTAINS' } })
    fireEvent.change(screen.getByLabelText('Filter value'), { target: { value: 'Page load' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add filter' }))
    fireEvent.change(screen.getByLabelText('Filter operator'), { target: { value: 'BETWEEN' } })
    fireEvent.change(screen.getByLabelText('Filter attribute'), { target: { value: 'enabled' } })
    fireEvent.change(screen.getByLabelText('Filter value'), { target: { value: 'a' } })
    fireEvent.change(screen.getByLabelText('Filter second value'), { target: { value: 'b' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add filter' }))
    fireEvent.change(screen.getByLabelText('Sort attribute'), { target: { value: 'name' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add sort' }))
    fireEvent.change(screen.getByLabelText('Sort attribute'), { target: { value: 'updated_at' } })
    fireEvent.change(screen.getByLabelText('Sort direction'), { target: { value: 'desc' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add sort' }))
    fireEvent.change(screen.getByLabelText('Page number'), { target: { value: '2' } })
    fireEvent.change(screen.getByLabelText('Page size'), { target: { value: '100' } })

    // Encoded once, in the "will send" line; the URL field shows the same rows readably.
    expect(screen.getByTestId('will-send').textContent).toBe(
      'GET https://reactor.adobe.io/properties/PR1/rules?filter%5Bname%5D=CONTAINS%20Page%20load&filter%5Benabled%5D=BETWEEN%20a%2Cb&sort=%2Bname%2C-updated_at&page%5Bnumber%5D=2&page%5Bsize%5D=100'
    )
    expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe(
      '/properties/PR1/rules?filter[name]=CONTAINS Page load&filter[enabled]=BETWEEN a,b&sort=+name,-updated_at&page[number]=2&page[size]=100'
    )
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sentInputs(api)).toHaveLength(3))
    const sent = sentInputs(api)[2]!
    expect(sent.spec.url).toBe('/properties/PR1/rules')
    expect(sent.spec.params).toEqual([
      { name: 'filter[name]', value: 'CONTAINS Page load', enabled: true },
      { name: 'filter[enabled]', value: 'BETWEEN a,b', enabled: true },
      { name: 'sort', value: '+name,-updated_at', enabled: true },
      { name: 'page[number]', value: '2', enabled: true },
      { name: 'page[size]', value: '100', enabled: true }
    ])
  })

  it('shows Reactor default headers as editable rows and the profile headers as locked, masked rows', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('tab', { name: /Headers/ }))
    const table = screen.getByRole('table', { name: 'Headers' })
    const values = within(table).getAllByRole('textbox').map((input) => (input as HTMLInputElement).value)
    expect(values).toEqual(['Accept', 'application/vnd.api+json;revision=1', 'Content-Type', 'application/vnd.api+json'])
    expect(table.textContent).toContain('sent only with a body')
    for (const name of ['Authorization', 'x-api-key', 'x-gw-ims-org-id']) {
      const row = table.querySelector(`[data-managed-header="${name}"]`)!
      expect(row.textContent).toContain('••••')
      expect(row.textContent).toContain('added by the app only for reactor.adobe.io')
      expect(row.querySelector('input')).toBeNull()
    }
    // GET without a body: the document keeps its Content-Type row, and main leaves it out (no body goes out).
    fireEvent.keyDown(screen.getByLabelText('URL'), { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(sentInputs(api)).toHaveLength(1))
    const spec = sentInputs(api)[0]!.spec
    expect(spec.headers).toEqual([
      { name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true },
      { name: 'Content-Type', value: 'application/vnd.api+json', enabled: true }
    ])
    expect(sendsBody(spec)).toBe(false)
    // An absolute URL to another host: the managed rows say they will not be sent.
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'https://example.org/x' } })
    expect(table.querySelector('[data-managed-header="Authorization"]')!.textContent).toContain('not sent: example.org')
  })

  it('sends the sample body with Content-Type for a POST, and validates JSON with line and column', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: /Create a rule/ }))
    fireEvent.click(screen.getByRole('tab', { name: /Body/ }))
    expect(screen.getByTestId('body-validation').textContent).toBe('Valid JSON')
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sentInputs(api).some((input) => input.spec.method === 'POST')).toBe(true))
    const post = sentInputs(api).find((input) => input.spec.method === 'POST')!.spec
    expect(post.body.type).toBe('json')
    expect(JSON.parse((post.body as { text: string }).text)).toEqual({ data: { type: 'rules', attributes: { name: 'My rule' } } })
    expect(post.headers).toContainEqual({ name: 'Content-Type', value: 'application/vnd.api+json', enabled: true })
    const { validateJson } = await import('../../../src/renderer/src/features/requests/model/json-validate')
    expect(validateJson('{\n  "a": 1,\n  "b": \n}')).toMatchObject({ line: 4, column: 1 })
  })

  it('warns about {{variables}} without a value, does not send until they have one, and sends them as the request scope', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: '/companies/{{companyId}}/properties' } })
    expect(screen.getByTestId('unknown-variables').textContent).toBe('This variable has no value: {{companyId}} in URL.')
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect((await screen.findByTestId('builder-notice')).textContent).toBe('Not sent. This variable has no value: {{companyId}} in URL.')
    expect(sentInputs(api)).toHaveLength(0)
    fireEvent.click(screen.getByRole('tab', { name: /Variables/ }))
    expect(screen.getByRole('list', { name: 'Variables without a value' }).textContent).toContain('{{companyId}} has no value — used in URL')
    fireEvent.click(screen.getByRole('button', { name: '+ Add variable' }))
    fireEvent.change(screen.getByLabelText('Variables name 1'), { target: { value: 'companyId' } })
    fireEvent.change(screen.getByLabelText('Variables value 1'), { target: { value: 'CO1' } })
    expect(screen.queryByTestId('unknown-variables')).toBeNull()
    // The preview resolves it; main resolves it again when it sends (the document keeps the placeholder).
    expect(screen.getByTestId('will-send').textContent).toBe('GET https://reactor.adobe.io/companies/CO1/properties')
    fireEvent.keyDown(screen.getByLabelText('URL'), { key: 'Enter', metaKey: true })
    await waitFor(() => expect(sentInputs(api)).toHaveLength(1))
    const sent = sentInputs(api)[0]!
    expect(sent.spec.url).toBe('/companies/{{companyId}}/properties')
    expect(sent.spec.variables).toEqual([{ name: 'companyId', value: 'CO1', enabled: true }])
  })

  it("shows main's refusal of unresolved variables readably, with a way to the Variables tab", async () => {
    const sendRequest = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'request-unresolved-variables', message: 'Not sent. This variable has no value: {{token}} (secret, no value stored) in header X-Token.' }
    })) as unknown as Send
    installFakeApi({ sendRequest })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Not sent: some {{variables}} have no value')
    expect(alert.textContent).toContain('This variable has no value: {{token}} (secret, no value stored) in header X-Token.')
    fireEvent.click(screen.getByRole('button', { name: 'Open Variables' }))
    expect(screen.getByRole('tab', { name: /Variables/ }).getAttribute('aria-selected')).toBe('true')
  })

  it('a form body is a key/value table, and the Content-Type the app filled in follows the body kind', async () => {
    const { api } = installFakeApi({ sendRequest: reactorFake() })
    const part = (name: RegExp) => within(screen.getByRole('tablist', { name: 'Request parts' })).getByRole('tab', { name })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'POST' } })
    fireEvent.click(part(/Body/))
    fireEvent.change(screen.getByLabelText('Body type'), { target: { value: 'form-urlencoded' } })
    fireEvent.click(screen.getByRole('button', { name: '+ Add field' }))
    fireEvent.change(screen.getByLabelText('Form fields name 1'), { target: { value: 'grant_type' } })
    fireEvent.change(screen.getByLabelText('Form fields value 1'), { target: { value: 'client_credentials' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sentInputs(api)).toHaveLength(1))
    const spec = sentInputs(api)[0]!.spec
    expect(spec.body).toEqual({ type: 'form-urlencoded', fields: [{ name: 'grant_type', value: 'client_credentials', enabled: true }] })
    expect(spec.headers).toContainEqual({ name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true })
    // A type the person typed is theirs: switching kinds leaves it.
    fireEvent.click(part(/Headers/))
    fireEvent.change(screen.getByLabelText('Headers value 2'), { target: { value: 'application/x-custom' } })
    fireEvent.click(part(/Body/))
    fireEvent.change(screen.getByLabelText('Body type'), { target: { value: 'text' } })
    fireEvent.click(part(/Headers/))
    expect((screen.getByLabelText('Headers value 2') as HTMLInputElement).value).toBe('application/x-custom')
  })

  it('cancels a request in flight', async () => {
    let settle: ((value: Awaited<ReturnType<Send>>) => void) | undefined
    const sendRequest = vi.fn(() => new Promise((resolve) => (settle = resolve))) as unknown as Send
    const cancelRequest = vi.fn(async () => {
      settle?.({ ok: false, error: { code: 'http-cancelled', message: 'Cancelled.' } })
      return { ok: true as const, value: { cancelled: true } }
    }) as unknown as WindowApi['cancelRequest']
    const { emit } = installFakeApi({ sendRequest, cancelRequest })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.keyDown(screen.getByLabelText('URL'), { key: 'Enter', ctrlKey: true })
    await screen.findByRole('button', { name: 'Cancel' })
    const requestId = (sendRequest as unknown as { mock: { calls: Array<[Sent]> } }).mock.calls[0]![0].requestId
    act(() => emit('requests:progress', { requestId, phase: 'downloading', loadedBytes: 2048 }))
    expect(screen.getByText('2.0 KB received')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(cancelRequest).toHaveBeenCalledWith({ requestId }))
    expect(await screen.findByText('You cancelled the request.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy()
  })
})
