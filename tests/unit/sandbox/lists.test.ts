import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startSandbox, type Client, type RunningSandbox } from './helpers'

let sb: RunningSandbox
let c: Client
let rulesPath: string

beforeAll(async () => {
  sb = await startSandbox()
  c = await client(sb)
  rulesPath = `/properties/${sb.seeded.webPropertyId}/rules`
})
afterAll(() => sb.close())

const names = (res: { json: { data: { attributes: { name: string } }[] } }) => res.json.data.map((d) => d.attributes.name)

describe('pagination', () => {
  it('pages 60 rules 25 at a time by default', async () => {
    const first = await c.get(rulesPath)
    expect(first.json.data).toHaveLength(25)
    expect(first.json.meta.pagination).toEqual({ current_page: 1, next_page: 2, prev_page: null, total_pages: 3, total_count: 60 })
    const last = await c.get(`${rulesPath}?page[number]=3`)
    expect(last.json.data).toHaveLength(10)
    expect(last.json.meta.pagination).toEqual({ current_page: 3, next_page: null, prev_page: 2, total_pages: 3, total_count: 60 })
  })

  it('follows next_page through every rule exactly once (Adobe SDK loop)', async () => {
    const seen = new Set<string>()
    let page: number | null = 1
    while (page !== null) {
      const res = await c.get(`${rulesPath}?page%5Bnumber%5D=${page}&page%5Bsize%5D=7`)
      for (const rule of res.json.data) seen.add(rule.id)
      page = res.json.meta.pagination.next_page
    }
    expect(seen.size).toBe(60)
  })

  it('caps page[size] at 100 and ignores nonsense', async () => {
    expect((await c.get(`${rulesPath}?page[size]=500`)).json.data).toHaveLength(60)
    expect((await c.get(`${rulesPath}?page[size]=abc&page[number]=-3`)).json.meta.pagination.current_page).toBe(1)
  })

  it('answers an empty page past the end', async () => {
    const res = await c.get(`${rulesPath}?page[number]=9`)
    expect(res.json.data).toEqual([])
    expect(res.json.meta.pagination.next_page).toBeNull()
  })

  it('audit events carry top-level links with encoded page params', async () => {
    const res = await c.get('/audit_events?page[size]=5')
    expect(res.json.links.self).toBe(`${sb.baseUrl}/audit_events?page%5Bsize%5D=5&page%5Bnumber%5D=1`)
    expect(res.json.links.next).toContain('page%5Bnumber%5D=2')
    expect(res.json.links.last).toBeDefined()
  })
})

describe('filters', () => {
  it('EQ is exact and case-sensitive', async () => {
    const all = await c.get(`${rulesPath}?page[size]=100`)
    const name = all.json.data[4].attributes.name
    const res = await c.get(`${rulesPath}?filter%5Bname%5D=${encodeURIComponent(`EQ ${name}`)}`)
    expect(names(res)).toEqual([name])
    expect((await c.get(`${rulesPath}?filter[name]=${encodeURIComponent(`EQ ${name.toUpperCase()}`)}`)).json.data).toEqual([])
  })

  it('accepts + as the space (URLSearchParams encoding)', async () => {
    const res = await c.get(`${rulesPath}?filter[enabled]=EQ+false&page[size]=100`)
    expect(res.json.data.length).toBeGreaterThan(0)
    expect(res.json.data.every((r: { attributes: { enabled: boolean } }) => r.attributes.enabled === false)).toBe(true)
  })

  it('NOT, CONTAINS, comma values, LT/GT/BETWEEN', async () => {
    const enabled = await c.get(`${rulesPath}?filter[enabled]=NOT false&page[size]=100`)
    const disabled = await c.get(`${rulesPath}?filter[enabled]=EQ false&page[size]=100`)
    expect(enabled.json.meta.pagination.total_count + disabled.json.meta.pagination.total_count).toBe(60)
    const cart = await c.get(`${rulesPath}?filter[name]=CONTAINS CART&page[size]=100`)
    expect(cart.json.data.length).toBeGreaterThan(0)
    expect(names(cart).every((n: string) => /cart/i.test(n))).toBe(true)
    const both = await c.get(`${rulesPath}?filter[name]=CONTAINS cart,checkout&page[size]=100`)
    expect(both.json.data.length).toBeGreaterThan(cart.json.data.length)
    const all = (await c.get(`${rulesPath}?page[size]=100`)).json.data
    const pivot = all[30].attributes.created_at
    const before = await c.get(`${rulesPath}?filter[created_at]=LT ${pivot}&page[size]=100`)
    expect(before.json.meta.pagination.total_count).toBe(30)
    const after = await c.get(`${rulesPath}?filter[created_at]=GT ${pivot}&page[size]=100`)
    expect(after.json.meta.pagination.total_count).toBe(29)
    const between = await c.get(`${rulesPath}?filter[created_at]=BETWEEN ${all[10].attributes.created_at},${all[19].attributes.created_at}`)
    expect(between.json.meta.pagination.total_count).toBe(10)
  })

  it('ignores malformed filters and returns everything', async () => {
    for (const bad of ['filter[name]=nonsense', 'filter[name]=LIKE x', 'filter[created_at]=BETWEEN 1', 'filter[nope]=EQ 1', 'filter=EQ x']) {
      const res = await c.get(`${rulesPath}?${bad}`)
      expect([bad, res.status, res.json.meta.pagination.total_count]).toEqual([bad, 200, 60])
    }
  })

  it('the last repeated filter wins', async () => {
    const res = await c.get(`${rulesPath}?filter[enabled]=EQ false&filter[enabled]=EQ true&page[size]=100`)
    expect(res.json.data.every((r: { attributes: { enabled: boolean } }) => r.attributes.enabled)).toBe(true)
  })
})

describe('sorting', () => {
  const sorted = (list: string[], desc = false) => {
    const copy = [...list].sort((a, b) => a.localeCompare(b))
    return desc ? copy.reverse() : copy
  }

  it.each(['sort=%2Bname', 'sort=+name', 'sort=name'])('%s sorts ascending', async (query) => {
    const res = await c.get(`${rulesPath}?${query}&page[size]=100`)
    expect(names(res)).toEqual(sorted(names(res)))
  })

  it('sort=-name sorts descending; multiple keys are honoured', async () => {
    const res = await c.get(`${rulesPath}?sort=-name&page[size]=100`)
    expect(names(res)).toEqual(sorted(names(res), true))
    const multi = await c.get(`${rulesPath}?sort=%2Benabled,-name&page[size]=100`)
    const rows = multi.json.data.map((r: { attributes: { enabled: boolean; name: string } }) => r.attributes)
    const firstEnabled = rows.findIndex((r: { enabled: boolean }) => r.enabled)
    expect(rows.slice(0, firstEnabled).every((r: { enabled: boolean }) => !r.enabled)).toBe(true)
    const tail = rows.slice(firstEnabled).map((r: { name: string }) => r.name)
    expect(tail).toEqual(sorted(tail, true))
  })
})

describe('POST /search', () => {
  it('finds rules by partial, case-insensitive text across attributes and reports total_hits', async () => {
    const res = await c.request('POST', '/search', {
      data: { from: 0, size: 5, query: { 'attributes.*': { value: 'CHECKOUT' } }, resource_types: ['rules'], sort: [{ 'attributes.name': 'asc' }] }
    })
    expect(res.status).toBe(200)
    expect(res.json.meta.total_hits).toBeGreaterThan(0)
    expect(res.json.data.length).toBeLessThanOrEqual(5)
    for (const hit of res.json.data) {
      expect(hit.type).toBe('rules')
      expect(hit.attributes.name.toLowerCase()).toContain('checkout')
      expect(hit.meta).toBeUndefined()
    }
  })

  it('matches name exactly and case-sensitively (EL guides/search.md)', async () => {
    const rule = (await c.get(`${rulesPath}`)).json.data[3]
    const exact = await c.request('POST', '/search', { data: { query: { 'attributes.name': { value: rule.attributes.name } } } })
    expect(exact.json.data.map((hit: { id: string }) => hit.id)).toEqual([rule.id])
    const lower = await c.request('POST', '/search', { data: { query: { 'attributes.name': { value: rule.attributes.name.toLowerCase() } } } })
    expect(lower.json.meta.total_hits).toBe(0)
  })

  it('filters by relationship id and delegate descriptor terms', async () => {
    const res = await c.request('POST', '/search', {
      data: {
        size: 100,
        query: {
          'relationships.property.data.id': { value: sb.seeded.webPropertyId },
          'attributes.delegate_descriptor_id': { value: 'custom-code' }
        },
        resource_types: ['rule_components', 'data_elements']
      }
    })
    expect(res.json.meta.total_hits).toBeGreaterThan(0)
    for (const hit of res.json.data) expect(hit.attributes.delegate_descriptor_id).toContain('custom-code')
  })

  it('other orgs see nothing', async () => {
    const { SANDBOX_CREDENTIALS } = await import('./helpers')
    const other = await client(sb, SANDBOX_CREDENTIALS.noCompanies)
    const res = await other.request('POST', '/search', { data: { query: { 'attributes.name': { value: 'rule' } }, resource_types: ['rules'] } })
    expect(res.json.meta.total_hits).toBe(0)
  })
})

describe('related routes', () => {
  it('walks company -> properties -> rules -> components -> extension', async () => {
    const props = await c.get(`/companies/${sb.seeded.companyId}/properties`)
    expect(props.json.data.map((p: { attributes: { platform: string } }) => p.attributes.platform).sort()).toEqual(['edge', 'web'])
    const rule = (await c.get(rulesPath)).json.data[0]
    const components = await c.get(rule.relationships.rule_components.links.related)
    expect(components.json.data.length).toBeGreaterThanOrEqual(2)
    const extension = await c.get(components.json.data[0].relationships.extension.links.related)
    expect(extension.json.data.type).toBe('extensions')
    const property = await c.get(rule.relationships.property.links.related)
    expect(property.json.data.id).toBe(sb.seeded.webPropertyId)
    const origin = await c.get(rule.links.origin)
    expect(origin.json.data.id).toBe(rule.id)
    const rulesOfComponent = await c.get(components.json.data[0].links.rules)
    expect(rulesOfComponent.json.data.map((r: { id: string }) => r.id)).toEqual([rule.id])
  })

  it('library related lists, builds, environment and notes', async () => {
    const libraries = await c.get(`/properties/${sb.seeded.webPropertyId}/libraries`)
    const published = libraries.json.data.find((l: { attributes: { state: string } }) => l.attributes.state === 'published')
    expect((await c.get(`/libraries/${published.id}/rules`)).json.meta.pagination.total_count).toBe(10)
    expect((await c.get(`/libraries/${published.id}/builds`)).json.data).toHaveLength(2)
    const environment = await c.get(`/libraries/${published.id}/environment`)
    expect(environment.json.data.attributes.stage).toBe('production')
    const build = (await c.get(`/libraries/${published.id}/last_build`)).json.data
    expect(build.attributes.status).toBe('succeeded')
    expect((await c.get(`/builds/${build.id}/rules`)).json.data).toHaveLength(10)
    expect((await c.get(`/properties/${sb.seeded.webPropertyId}/notes`)).json.data[0].type).toBe('notes')
    const env = await c.get(`/environments/${environment.json.data.id}/relationships/host`)
    expect(env.json.data.type).toBe('hosts')
  })

  it('upstream_library follows the publishing flow; none answers 200 {"data": null}', async () => {
    const libraries = (await c.get(`/properties/${sb.seeded.webPropertyId}/libraries`)).json.data
    const byState = (state: string) => libraries.find((l: { attributes: { state: string } }) => l.attributes.state === state)
    const [dev, submitted, published] = [byState('development'), byState('submitted'), byState('published')]
    expect(dev.relationships.upstream_library).toEqual({ data: { id: submitted.id, type: 'libraries' } })
    const upstream = await c.get(`/libraries/${dev.id}/upstream_library`)
    expect(upstream.status).toBe(200)
    expect(upstream.json.data).toMatchObject({ id: submitted.id, type: 'libraries', links: { self: `${sb.baseUrl}/libraries/${submitted.id}` } })
    expect((await c.get(`/libraries/${submitted.id}/upstream_library`)).json.data.id).toBe(published.id)
    const none = await c.get(`/libraries/${published.id}/upstream_library`)
    expect([none.status, none.json]).toEqual([200, { data: null }])
  })

  it('rule_component_notes lists the notes of the rule\'s components only', async () => {
    const rule = (await c.get(rulesPath)).json.data[0]
    const res = await c.get(`/rules/${rule.id}/rule_component_notes`)
    expect(res.status).toBe(200)
    expect(res.json.meta.pagination.total_count).toBe(1)
    const note = res.json.data[0]
    expect(note.id).toMatch(/^NT[0-9a-f]{32}$/)
    const component = await c.get(note.relationships.resource.links.related)
    expect(component.json.data.type).toBe('rule_components')
    expect(component.json.data.relationships.rules.links.related).toBe(`${sb.baseUrl}/rule_components/${component.json.data.id}/rules`)
    // The rule's own note is not a component note.
    expect((await c.get(`/rules/${rule.id}/notes`)).json.data.map((n: { id: string }) => n.id)).not.toContain(note.id)
    const other = (await c.get(rulesPath)).json.data[1]
    expect((await c.get(`/rules/${other.id}/rule_component_notes`)).json).toMatchObject({ data: [], meta: { pagination: { total_count: 0 } } })
  })

  it('404s an unknown related route or a mismatched id prefix', async () => {
    expect((await c.get(`/properties/${sb.seeded.webPropertyId}/nonsense`)).status).toBe(404)
    expect((await c.get(`/rules/${sb.seeded.webPropertyId}`)).status).toBe(404)
    expect((await c.get('/nothing-here')).status).toBe(404)
  })
})
