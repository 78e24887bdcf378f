// Holds the sandbox to Adobe's published samples: same top-level members, same attribute names and value
// types, same relationship names (and which carry data / self links), same links and pagination meta.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startSandbox, type Client, type RunningSandbox } from './helpers'

const fixtures = join(__dirname, '../../fixtures/reactor-samples')
const sample = (name: string) => JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8'))

type Json = Record<string, any>

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/** Compares one resource object against a sample resource object. */
function expectSameResourceShape(actual: Json, expected: Json): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
  expect(actual.id).toMatch(new RegExp(`^${expected.id.slice(0, 2)}[0-9a-f]{32}$`))
  expect(actual.type).toBe(expected.type)
  expect(Object.keys(actual.attributes).sort()).toEqual(Object.keys(expected.attributes).sort())
  for (const [name, value] of Object.entries(expected.attributes)) {
    // A null in a sample means "nullable": the sandbox may fill it (e.g. published_at after publishing).
    if (value !== null) expect([name, kind(actual.attributes[name])]).toEqual([name, kind(value)])
  }
  if (expected.relationships) {
    expect(Object.keys(actual.relationships).sort()).toEqual(Object.keys(expected.relationships).sort())
    for (const [name, rel] of Object.entries<Json>(expected.relationships)) {
      const mine = actual.relationships[name]
      expect([name, Object.keys(mine).sort()]).toEqual([name, Object.keys(rel).sort()])
      if (rel.links) expect([name, Object.keys(mine.links).sort()]).toEqual([name, Object.keys(rel.links).sort()])
    }
  }
  expect(Object.keys(actual.links).sort()).toEqual(Object.keys(expected.links).sort())
  if (expected.meta) expect(Object.keys(actual.meta).sort()).toEqual(Object.keys(expected.meta).sort())
}

function expectSameListShape(actual: Json, expected: Json): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
  expect(Object.keys(actual.meta.pagination).sort()).toEqual(Object.keys(expected.meta.pagination).sort())
  for (const [key, value] of Object.entries(expected.meta.pagination)) {
    if (value !== null) expect(kind(actual.meta.pagination[key])).toBe(kind(value))
  }
  expect(actual.data.length).toBeGreaterThan(0)
  for (const item of actual.data) expectSameResourceShape(item, expected.data[0])
}

let sb: RunningSandbox
let c: Client

beforeAll(async () => {
  sb = await startSandbox({ asyncDelayMs: 0 })
  c = await client(sb)
})
afterAll(() => sb.close())

describe('responses match Adobe samples member for member', () => {
  it('GET /companies', async () => {
    const res = await c.get('/companies')
    expectSameListShape(res.json, sample('reactor_GET_companies_200'))
  })

  it('GET /companies/{id}', async () => {
    const res = await c.get(`/companies/${sb.seeded.companyId}`)
    expect(Object.keys(res.json)).toEqual(['data'])
    expectSameResourceShape(res.json.data, sample('reactor_GET_companies_COMPANY_ID_200').data)
  })

  it('GET /companies/{id}/properties (web properties)', async () => {
    const res = await c.get(`/companies/${sb.seeded.companyId}/properties?filter[platform]=EQ web`)
    expectSameListShape(res.json, sample('reactor_GET_companies_COMPANY_ID_properties_200'))
  })

  it('GET /properties/{id}', async () => {
    const res = await c.get(`/properties/${sb.seeded.webPropertyId}`)
    expectSameResourceShape(res.json.data, sample('reactor_GET_properties_PROPERTY_ID_200').data)
  })

  it('GET /properties/{id}/rules and /rules/{id}', async () => {
    const list = await c.get(`/properties/${sb.seeded.webPropertyId}/rules`)
    expectSameListShape(list.json, sample('reactor_GET_properties_PROPERTY_ID_rules_200'))
    const one = await c.get(`/rules/${list.json.data[0].id}`)
    expectSameResourceShape(one.json.data, sample('reactor_GET_rules_RULE_ID_200').data)
  })

  it('GET /properties/{id}/libraries and /libraries/{id}', async () => {
    const list = await c.get(`/properties/${sb.seeded.webPropertyId}/libraries`)
    expectSameListShape(list.json, sample('reactor_GET_properties_PROPERTY_ID_libraries_200'))
    const one = await c.get(`/libraries/${list.json.data[0].id}`)
    expectSameResourceShape(one.json.data, sample('reactor_GET_libraries_LIBRARY_ID_200').data)
  })

  it('POST /companies/{id}/properties with Adobe\'s request body -> 201 like Adobe\'s response', async () => {
    const res = await c.request('POST', `/companies/${sb.seeded.companyId}/properties`, sample('reactor_POST_companies_COMPANY_ID_properties_request'))
    expect(res.status).toBe(201)
    expectSameResourceShape(res.json.data, sample('reactor_POST_companies_COMPANY_ID_properties_201_response').data)
    expect(res.json.data.links.self).toBe(`${sb.baseUrl}/properties/${res.json.data.id}`)
  })

  it('POST /properties/{id}/rules with Adobe\'s request body -> 201 like Adobe\'s response', async () => {
    const res = await c.request('POST', `/properties/${sb.seeded.webPropertyId}/rules`, sample('reactor_POST_properties_PROPERTY_ID_rules_request'))
    expect(res.status).toBe(201)
    expectSameResourceShape(res.json.data, sample('reactor_POST_properties_PROPERTY_ID_rules_201_response').data)
  })

  it('PATCH submit transition answers like Adobe\'s sample', async () => {
    const created = await c.request('POST', `/properties/${sb.seeded.webPropertyId}/libraries`, {
      data: { type: 'libraries', attributes: { name: 'Contract library' } }
    })
    const id = created.json.data.id
    const res = await c.request('PATCH', `/libraries/${id}`, { data: { id, type: 'libraries', meta: { action: 'submit' } } })
    expect(res.status).toBe(200)
    expect(res.json.data.attributes.state).toBe('submitted')
    expectSameResourceShape(res.json.data, sample('reactor_PATCH_libraries_LIBRARY_ID_transition_submit_200_response').data)
  })

  it('relationship documents match Adobe\'s (rules delete, environment assign)', async () => {
    const list = await c.get(`/properties/${sb.seeded.webPropertyId}/libraries?filter[state]=EQ development`)
    const library = list.json.data[0]
    const rules = await c.get(`/libraries/${library.id}/relationships/rules`)
    const removed = await c.request('DELETE', `/libraries/${library.id}/relationships/rules`, { data: rules.json.data })
    expect(removed.status).toBe(200)
    expect(removed.json).toEqual({ data: [], links: expect.any(Object) })
    const expected = sample('reactor_DELETE_libraries_LIBRARY_ID_relationships_rules_200_response')
    expect(Object.keys(removed.json.links).sort()).toEqual(Object.keys(expected.links).sort())
    const env = await c.get(`/libraries/${library.id}/relationships/environment`)
    expect(Object.keys(env.json).sort()).toEqual(Object.keys(sample('reactor_libraries_LIBRARY_ID_relationships_environment_200_response')).sort())
    expect(env.json.data.type).toBe('environments')
  })

  it('404 errors look like Adobe\'s', async () => {
    const res = await c.get('/properties/PR00000000000000000000000000000000')
    const expected = sample('reactor_error_404_not-found').errors[0]
    const error = res.json.errors[0]
    const { detail: _detail, ...rest } = error
    expect(Object.keys(rest).sort()).toEqual(Object.keys(expected).sort())
    expect(error.status).toBe('404')
    expect(error.code).toBe('not-found')
    expect(error.title).toBe('Record Not Found')
    expect(error.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('every id has its type\'s two-letter prefix and 32 hex digits, and every link uses the sandbox base url', async () => {
    const prefixes: Record<string, string> = {
      companies: 'CO', properties: 'PR', rules: 'RL', rule_components: 'RC', data_elements: 'DE', extensions: 'EX',
      extension_packages: 'EP', libraries: 'LB', builds: 'BL', environments: 'EN', hosts: 'HT', callbacks: 'CB',
      audit_events: 'AE', notes: 'NT', secrets: 'SE', app_configurations: 'AC', users: 'UR',
      extension_package_usage_authorizations: 'EA'
    }
    const paths = [
      `/properties/${sb.seeded.webPropertyId}/data_elements`,
      `/properties/${sb.seeded.webPropertyId}/extensions`,
      `/properties/${sb.seeded.webPropertyId}/environments`,
      `/properties/${sb.seeded.webPropertyId}/hosts`,
      `/properties/${sb.seeded.webPropertyId}/callbacks`,
      `/properties/${sb.seeded.webPropertyId}/notes`,
      `/properties/${sb.seeded.edgePropertyId}/secrets`,
      `/companies/${sb.seeded.companyId}/app_configurations`,
      '/audit_events',
      '/extension_packages',
      '/extension_package_usage_authorizations'
    ]
    for (const path of paths) {
      const res = await c.get(path)
      expect([path, res.status]).toEqual([path, 200])
      expect(res.json.data.length).toBeGreaterThan(0)
      const text = JSON.stringify(res.json)
      expect(text).not.toContain('reactor.adobe.io/')
      for (const item of res.json.data) {
        expect(item.id).toMatch(new RegExp(`^${prefixes[item.type]}[0-9a-f]{32}$`))
        expect(item.links.self).toBe(`${sb.baseUrl}/${item.type}/${item.id}`)
      }
    }
    const profile = await c.get('/profile')
    expect(profile.json.data.id).toMatch(/^UR[0-9a-f]{32}$/)
  })

  it('settings and audit entities are JSON strings; secrets exist only on the edge property', async () => {
    const components = await c.get(`/properties/${sb.seeded.webPropertyId}/rule_components`)
    for (const component of components.json.data) expect(() => JSON.parse(component.attributes.settings)).not.toThrow()
    const events = await c.get('/audit_events')
    expect(events.json.links.self).toContain('page%5Bnumber%5D=1')
    for (const event of events.json.data) expect(JSON.parse(event.attributes.entity).id).toBe(event.relationships.entity.data.id)
    expect((await c.get(`/properties/${sb.seeded.webPropertyId}/secrets`)).json.data).toEqual([])
    const secrets = await c.get(`/properties/${sb.seeded.edgePropertyId}/secrets`)
    expect(secrets.json.data[0].relationships.environment.meta.stage).toMatch(/development|staging|production/)
    const edge = await c.get(`/properties/${sb.seeded.edgePropertyId}`)
    expect(edge.json.data.attributes.platform).toBe('edge')
  })
})
