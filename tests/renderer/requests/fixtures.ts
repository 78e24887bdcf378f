import type { CatalogGroup, CatalogOperation } from '../../../src/shared/catalog/catalog'
import type { HttpResponse } from '../../../src/shared/contract'
import type { ProfileOption } from '../../../src/renderer/src/state/active-profile'

export const PROFILE: ProfileOption = {
  id: 'p1',
  name: 'Acme prod',
  environment: 'production',
  simulated: false,
  reactorBaseUrl: 'https://reactor.adobe.io'
}

const base: Omit<CatalogOperation, 'id' | 'method' | 'path' | 'summary'> = {
  group: 'Rules',
  tags: ['Rules'],
  description: 'Lists rules.',
  pathParams: [],
  queryParams: [],
  filters: [],
  paginated: false,
  bodyRequired: false,
  successStatuses: [200],
  source: 'openapi',
  deprecated: false
}

export const LIST_RULES: CatalogOperation = {
  ...base,
  id: 'listRulesForProperty',
  method: 'GET',
  path: '/properties/{PROPERTY_ID}/rules',
  summary: 'List rules for a property',
  pathParams: [{ name: 'PROPERTY_ID', description: 'Property id', required: true, resourceType: 'properties' }],
  filters: [
    { attribute: 'name', param: 'filter[name]', description: '' },
    { attribute: 'enabled', param: 'filter[enabled]', description: '' }
  ],
  paginated: true
}

export const CREATE_RULE: CatalogOperation = {
  ...base,
  id: 'createRule',
  method: 'POST',
  path: '/properties/{PROPERTY_ID}/rules',
  summary: 'Create a rule',
  pathParams: LIST_RULES.pathParams,
  bodyContentType: 'application/vnd.api+json',
  sampleBody: '{\n  "data": {\n    "type": "rules",\n    "attributes": { "name": "My rule" }\n  }\n}',
  bodyRequired: true,
  successStatuses: [201]
}

export const LIST_COMPANIES: CatalogOperation = { ...base, group: 'Companies', id: 'listCompanies', method: 'GET', path: '/companies', summary: 'List companies' }

export const CATALOG: CatalogGroup[] = [
  { name: 'Companies', description: '', operations: [LIST_COMPANIES] },
  { name: 'Rules', description: '', operations: [LIST_RULES, CREATE_RULE] }
]

export function response(body: unknown, overrides: Partial<HttpResponse> = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return {
    requestId: 'x',
    url: 'https://reactor.adobe.io/companies',
    method: 'GET',
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'application/vnd.api+json'], ['x-request-id', 'REQ123']],
    contentType: 'application/vnd.api+json',
    body: { kind: 'inline', text, bytes: text.length },
    timing: { totalMs: 120, ttfbMs: 80, downloadMs: 40 },
    adobeRequestId: 'REQ123',
    retryAfterSeconds: undefined,
    redirects: [],
    attempts: 1,
    sentHeaders: [['Accept', 'application/vnd.api+json;revision=1']],
    ...overrides
  }
}

export function listDoc(type: string, items: Array<[string, string]>, pagination?: Record<string, number | null>) {
  return {
    data: items.map(([id, name]) => ({
      id,
      type,
      attributes: { name },
      relationships: { rules: { links: { related: `https://reactor.adobe.io/${type}/${id}/rules` } } },
      links: { self: `https://reactor.adobe.io/${type}/${id}` }
    })),
    meta: { pagination: pagination ?? { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: items.length } }
  }
}
