import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { applyOperation, applyPick } from '../../../src/renderer/src/features/requests/model/operation-context'
import { draftFromSpec, newDraft, specFromDraft } from '../../../src/renderer/src/features/requests/model/request-draft'
import type { CatalogGroup, CatalogOperation } from '../../../src/shared/catalog/catalog'
import { getOperation } from '../../../src/shared/catalog/catalog'
import { sampleBodyWithIds } from '../../../src/shared/catalog/sample-body'
import type { WindowApi } from '../../../src/shared/contract'
import type { SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import { parseRequestSpec, type RequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { LIST_RULES, PROFILE, listDoc, response } from './fixtures'

type Sent = SendRequestInput & { spec: RequestSpec }

const UPDATE_RULE: CatalogOperation = {
  ...LIST_RULES,
  id: 'updateRule',
  method: 'PATCH',
  path: '/rules/{RULE_ID}',
  summary: 'Update a rule',
  pathParams: [{ name: 'RULE_ID', description: 'Rule id', required: true, resourceType: 'rules' }],
  filters: [],
  paginated: false,
  bodyContentType: 'application/vnd.api+json',
  // As Adobe's docs write it: an id from Adobe's own org.
  sampleBody: '{\n  "data": {\n    "attributes": {\n      "name": "Test Rule"\n    },\n    "id": "RLd2528a53c21a468f93cfd85244f16fdd",\n    "type": "rules"\n  }\n}',
  bodyRequired: true
}
const CATALOG: CatalogGroup[] = [{ name: 'Rules', description: '', operations: [LIST_RULES, UPDATE_RULE] }]

function reactorLists() {
  return vi.fn(async (input: Sent) => {
    const url = input.spec.url
    if (url === '/companies') return { ok: true as const, value: response(listDoc('companies', [['CO1', 'Acme']])) }
    if (url === '/companies/CO1/properties') return { ok: true as const, value: response(listDoc('properties', [['PR1', 'Web']])) }
    if (url === '/properties/PR1/rules') return { ok: true as const, value: response(listDoc('rules', [['RL1', 'Page load'], ['RL2', 'Click']])) }
    return { ok: true as const, value: response({ data: {} }) }
  })
}

async function choose(name: RegExp, value: string, optionName: RegExp) {
  const select = await screen.findByRole('combobox', { name })
  await waitFor(() => expect(within(select).getByRole('option', { name: optionName })).toBeTruthy())
  fireEvent.change(select, { target: { value } })
}

function bodyId(spec: RequestSpec): unknown {
  return (JSON.parse((spec.body as { text: string }).text) as { data: { id: unknown } }).data.id
}

describe('catalog sample bodies carry the picked ids', () => {
  it('PATCH /rules/{RULE_ID}: data.id is the picked rule, and follows a new pick; the picks and operation are in spec.reactor', async () => {
    const sendRequest = reactorLists()
    installFakeApi({ sendRequest: sendRequest as unknown as WindowApi['sendRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.click(screen.getByRole('button', { name: /Update a rule/ }))
    await choose(/Company/, 'CO1', /Acme/)
    await choose(/Property/, 'PR1', /Web/)
    await choose(/Rule/, 'RL1', /Page load/)
    await waitFor(() => expect((screen.getByLabelText('URL') as HTMLInputElement).value).toBe('/rules/RL1'))
    await choose(/Rule/, 'RL2', /Click/)
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    const patch = await waitFor(() => {
      const found = (sendRequest.mock.calls as unknown as Array<[Sent]>).map((call) => call[0]).find((input) => input.spec.method === 'PATCH')
      expect(found).toBeDefined()
      return found!
    })
    expect(patch.spec.url).toBe('/rules/RL2')
    expect(bodyId(patch.spec)).toBe('RL2')
    expect(patch.spec.reactor).toEqual({ operationId: 'updateRule', pickedIds: { companies: 'CO1', properties: 'PR1', rules: 'RL2' } })
  })

  it('leaves a body the person edited alone when the picks change', () => {
    let draft = applyOperation(newDraft(), UPDATE_RULE)
    draft = applyPick(draft, UPDATE_RULE, 'rules', 'RL1')
    expect(bodyId(specFromDraft(draft))).toBe('RL1')
    const edited = draft.body.type === 'json' ? draft.body.text.replace('Test Rule', 'My rule') : ''
    draft = applyPick({ ...draft, body: { type: 'json', text: edited } }, UPDATE_RULE, 'rules', 'RL2')
    expect(draft.url).toBe('/rules/RL2')
    expect(draft.body).toEqual({ type: 'json', text: edited })
    expect(bodyId(specFromDraft(draft))).toBe('RL1')
  })

  it('fills the real catalog: an id where the sample has none, relationship ids of types the path names, nothing else', () => {
    const host = JSON.parse(sampleBodyWithIds(getOperation('updateHost')!, { hosts: 'HT1' })!) as { data: Record<string, unknown> }
    expect(host.data['id']).toBe('HT1')
    expect(host.data['type']).toBe('hosts')
    const component = JSON.parse(sampleBodyWithIds(getOperation('createRuleComponent')!, { rules: 'RL9' })!) as {
      data: { relationships: { rules: { data: Array<{ id: string }> }; extension: { data: { id: string } } } }
    }
    expect(component.data.relationships.rules.data[0]!.id).toBe('RL9')
    expect(component.data.relationships.extension.data.id).toBe('{EXTENSION_ID}')
    // The rules to add to a library are not the path's: the sample stays as written.
    const addRules = getOperation('updateLibraryRules')!
    expect(sampleBodyWithIds(addRules, { libraries: 'LB1', rules: 'RL1' })).toBe(addRules.sampleBody)
  })
})

describe('the tab document is a RequestSpec', () => {
  it('converts to and from the draft losslessly except the UI row ids, unknown fields included', () => {
    const parsed = parseRequestSpec({
      name: 'Form',
      method: 'POST',
      url: 'https://example.org/submit',
      params: [{ name: 'a', value: '1', enabled: false, note: 'kept' }],
      headers: [{ name: 'X', value: 'y' }],
      body: { type: 'form-urlencoded', fields: [{ name: 'f', value: 'v' }], extra: 1 },
      variables: [{ name: 'token', secret: true }],
      options: { timeoutMs: 5000, maxRedirects: 3 },
      reactor: { operationId: 'x', pickedIds: { rules: 'RL1' }, later: true },
      'x-extension': { anything: [1, 2] }
    })
    expect(parsed.ok).toBe(true)
    const spec = (parsed as { spec: RequestSpec }).spec
    const draft = draftFromSpec(spec)
    expect(draft.params[0]!.rowId).toMatch(/^r\d+$/)
    expect(specFromDraft(draft)).toEqual(spec)
  })
})
