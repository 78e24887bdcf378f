import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startSandbox, withSandbox, type Client, type RunningSandbox } from './helpers'

let sb: RunningSandbox
let c: Client
let web: string

beforeAll(async () => {
  sb = await startSandbox({ asyncDelayMs: 50 })
  c = await client(sb)
  web = sb.seeded.webPropertyId
})
afterAll(() => sb.close())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function coreExtensionId(): Promise<string> {
  const list = await c.get(`/properties/${web}/extensions?filter[name]=EQ core`)
  return list.json.data[0].id
}

describe('create, update, delete', () => {
  it('creates a rule (201), updates it (200), deletes it (204); the deleted rule stays readable with deleted_at', async () => {
    const created = await c.request('POST', `/properties/${web}/rules`, { data: { type: 'rules', attributes: { name: 'New rule' } } })
    expect(created.status).toBe(201)
    const id = created.json.data.id
    expect(id).toMatch(/^RL[0-9a-f]{32}$/)
    expect((await c.get(`/properties/${web}/rules`)).json.meta.pagination.total_count).toBe(61)

    const updated = await c.request('PATCH', `/rules/${id}`, { data: { id, type: 'rules', attributes: { name: 'Renamed', enabled: false } } })
    expect(updated.status).toBe(200)
    expect(updated.json.data.attributes).toMatchObject({ name: 'Renamed', enabled: false })
    expect((await c.get(`/rules/${id}`)).json.data.attributes.name).toBe('Renamed')

    const deleted = await fetch(`${sb.baseUrl}/rules/${id}`, { method: 'DELETE', headers: { ...(await headers()) } })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    // EL endpoints/rules.md: deleted rules remain readable and show deleted_at; they leave the property's list.
    const gone = await c.get(`/rules/${id}`)
    expect(gone.status).toBe(200)
    expect(Date.parse(gone.json.data.attributes.deleted_at)).toBeGreaterThan(0)
    const listed = await c.get(`/properties/${web}/rules?page[size]=100`)
    expect(listed.json.meta.pagination.total_count).toBe(60)
    expect(listed.json.data.map((r: { id: string }) => r.id)).not.toContain(id)
    expect((await c.get(`/rules/${id}/rule_components`)).status).toBe(200)
    // It cannot be changed or deleted again.
    expect((await c.request('PATCH', `/rules/${id}`, { data: { id, type: 'rules', attributes: { name: 'x' } } })).status).toBe(404)
    expect((await c.request('DELETE', `/rules/${id}`)).status).toBe(404)
    const events = (await c.get('/audit_events?page[size]=100&filter[type_of]=EQ rule.deleted')).json.data
    expect(events.some((e: { relationships: { entity: { data: { id: string } } } }) => e.relationships.entity.data.id === id)).toBe(true)
  })

  it('409 when the body id differs from the path id, or the type is wrong', async () => {
    const rule = (await c.get(`/properties/${web}/rules`)).json.data[0]
    const mismatch = await c.request('PATCH', `/rules/${rule.id}`, { data: { id: 'RL' + '0'.repeat(32), type: 'rules', attributes: { name: 'x' } } })
    expect(mismatch.status).toBe(409)
    expect(mismatch.json.errors[0].source.pointer).toBe('/data/id')
    const wrongType = await c.request('POST', `/properties/${web}/rules`, { data: { type: 'data_elements', attributes: { name: 'x' } } })
    expect(wrongType.status).toBe(409)
  })

  it('422 with a pointer for invalid attributes, 400 for invalid JSON', async () => {
    const noName = await c.request('POST', `/properties/${web}/rules`, { data: { type: 'rules', attributes: {} } })
    expect(noName.status).toBe(422)
    expect(noName.json.errors[0]).toMatchObject({ status: '422', code: 'invalid-rule', source: { pointer: '/data/attributes/name' } })
    const badSettings = await c.request('POST', `/properties/${web}/data_elements`, {
      data: {
        type: 'data_elements',
        attributes: { name: 'x', delegate_descriptor_id: 'core::dataElements::cookie', settings: '{not json' },
        relationships: { extension: { data: { id: await coreExtensionId(), type: 'extensions' } } }
      }
    })
    expect(badSettings.json.errors[0].code).toBe('invalid-settings-syntax')
    const env = await c.request('POST', `/properties/${web}/environments`, { data: { type: 'environments', attributes: { name: 'e', stage: 'development' } } })
    expect(env.json.errors[0].code).toBe('host-required')
    const dup = await c.request('POST', `/companies/${sb.seeded.companyId}/properties`, {
      data: { type: 'properties', attributes: { name: 'Sandbox Web Property', platform: 'web', domains: ['x.com'] } }
    })
    expect(dup.json.errors[0].code).toBe('not-unique')
    const raw = await fetch(`${sb.baseUrl}/properties/${web}/rules`, { method: 'POST', headers: await headers(), body: '{oops' })
    expect(raw.status).toBe(400)
  })

  it('creates data elements, rule components (both routes), hosts, environments, callbacks and notes', async () => {
    const extension = await coreExtensionId()
    const de = await c.request('POST', `/properties/${web}/data_elements`, {
      data: {
        type: 'data_elements',
        attributes: { name: 'cart_total', delegate_descriptor_id: 'core::dataElements::javascript-variable', settings: '{"path":"cart.total"}' },
        relationships: { extension: { data: { id: extension, type: 'extensions' } } }
      }
    })
    expect(de.status).toBe(201)
    expect(de.json.data.relationships.extension.data.id).toBe(extension)
    const rule = (await c.request('POST', `/properties/${web}/rules`, { data: { type: 'rules', attributes: { name: 'With components' } } })).json.data
    const rc = await c.request('POST', `/properties/${web}/rule_components`, {
      data: {
        type: 'rule_components',
        attributes: { name: 'Click', delegate_descriptor_id: 'core::events::click', settings: '{}' },
        relationships: { extension: { data: { id: extension, type: 'extensions' } }, rules: { data: [{ id: rule.id, type: 'rules' }] } }
      }
    })
    expect(rc.status).toBe(201)
    const rc2 = await c.request('POST', `/rules/${rule.id}/rule_components`, {
      data: {
        type: 'rule_components',
        attributes: { name: 'Code', delegate_descriptor_id: 'core::actions::custom-code', settings: '{"source":"1"}' },
        relationships: { extension: { data: { id: extension, type: 'extensions' } } }
      }
    })
    expect(rc2.status).toBe(201)
    expect((await c.get(`/rules/${rule.id}/rule_components`)).json.data).toHaveLength(2)
    const host = await c.request('POST', `/properties/${web}/hosts`, { data: { type: 'hosts', attributes: { name: 'Mine', type_of: 'akamai' } } })
    expect(host.status).toBe(201)
    const env = await c.request('POST', `/properties/${web}/environments`, {
      data: { type: 'environments', attributes: { name: 'Dev 2', stage: 'development' }, relationships: { host: { data: { id: host.json.data.id, type: 'hosts' } } } }
    })
    expect(env.status).toBe(201)
    expect(env.json.data.relationships.host.links.self).toContain('/relationships/host')
    const cb = await c.request('POST', `/properties/${web}/callbacks`, {
      data: { type: 'callbacks', attributes: { url: 'https://example.com/hook', subscriptions: ['rule.created'] } }
    })
    expect(cb.status).toBe(201)
    const note = await c.request('POST', `/rules/${rule.id}/notes`, { data: { type: 'notes', attributes: { text: 'hello' } } })
    expect(note.status).toBe(201)
    expect((await c.get(`/notes/${note.json.data.id}`)).json.data.attributes.text).toBe('hello')
    const tooLong = await c.request('POST', `/rules/${rule.id}/notes`, { data: { type: 'notes', attributes: { text: 'x'.repeat(513) } } })
    expect(tooLong.status).toBe(422)
    // every create leaves an audit event whose entity is a JSON string
    const events = await c.get(`/audit_events?filter[type_of]=EQ rule.created&sort=-created_at`)
    expect(JSON.parse(events.json.data[0].attributes.entity).id).toBe(rule.id)
  })

  it('secrets only on edge properties; they start pending and settle', async () => {
    const web422 = await c.request('POST', `/properties/${web}/secrets`, { data: { type: 'secrets', attributes: { name: 's', type_of: 'token', credentials: { token: 't' } } } })
    expect(web422.status).toBe(422)
    const edge = sb.seeded.edgePropertyId
    const env = (await c.get(`/properties/${edge}/environments?filter[stage]=EQ development`)).json.data[0]
    const secret = await c.request('POST', `/properties/${edge}/secrets`, {
      data: {
        type: 'secrets',
        attributes: { name: 'new-token', type_of: 'token', credentials: { token: 'super-secret-value' } },
        relationships: { environment: { data: { id: env.id, type: 'environments' } } }
      }
    })
    expect(secret.status).toBe(201)
    expect(secret.json.data.attributes.status).toBe('pending')
    expect(JSON.stringify(secret.json)).not.toContain('super-secret-value')
    await sleep(80)
    expect((await c.get(`/secrets/${secret.json.data.id}`)).json.data.attributes.status).toBe('succeeded')
  })

  it('revise creates a new revision whose origin is the head', async () => {
    const rule = (await c.get(`/properties/${web}/rules`)).json.data[1]
    const revised = await c.request('PATCH', `/rules/${rule.id}`, { data: { id: rule.id, type: 'rules', attributes: {}, meta: { action: 'revise' } } })
    expect(revised.status).toBe(200)
    expect(revised.json.data.attributes.revision_number).toBe(1)
    expect(revised.json.data.relationships.origin.data.id).toBe(rule.id)
    expect((await c.get(`/rules/${rule.id}`)).json.data.meta.latest_revision_number).toBe(1)
    expect((await c.get(`/rules/${rule.id}/revisions`)).json.data).toHaveLength(2)
  })
})

describe('libraries: relationships, transitions, builds', () => {
  it('develop -> submit -> approve -> build to production publishes; illegal transitions are 422', async () => {
    const lib = (await c.request('POST', `/properties/${web}/libraries`, { data: { type: 'libraries', attributes: { name: 'Flow' } } })).json.data
    const rules = (await c.get(`/properties/${web}/rules?page[size]=3`)).json.data.map((r: { id: string }) => ({ id: r.id, type: 'rules' }))
    const added = await c.request('POST', `/libraries/${lib.id}/relationships/rules`, { data: rules })
    expect(added.status).toBe(200)
    expect(added.json.data).toHaveLength(3)
    const replaced = await c.request('PATCH', `/libraries/${lib.id}/relationships/rules`, { data: rules.slice(0, 2) })
    expect(replaced.json.data).toHaveLength(2)
    const wrongType = await c.request('POST', `/libraries/${lib.id}/relationships/rules`, { data: [{ id: rules[0].id, type: 'data_elements' }] })
    expect(wrongType.status).toBe(409)
    const des = (await c.get(`/properties/${web}/data_elements?page[size]=2`)).json.data.map((d: { id: string }) => ({ id: d.id, type: 'data_elements' }))
    expect((await c.request('POST', `/libraries/${lib.id}/relationships/data_elements`, { data: des })).json.data).toHaveLength(2)

    const transition = (action: string) => c.request('PATCH', `/libraries/${lib.id}`, { data: { id: lib.id, type: 'libraries', meta: { action } } })
    expect((await transition('approve')).status).toBe(422)
    expect((await transition('submit')).json.data.attributes.state).toBe('submitted')
    // a submitted library is read-only
    expect((await c.request('POST', `/libraries/${lib.id}/relationships/rules`, { data: rules })).status).toBe(422)
    expect((await transition('reject')).json.data.attributes.state).toBe('rejected')
    expect((await transition('develop')).json.data.attributes.state).toBe('development')
    await transition('submit')
    expect((await transition('approve')).json.data.attributes.state).toBe('approved')

    // no environment yet -> environment-required
    const noEnv = await c.request('POST', `/libraries/${lib.id}/builds`)
    expect(noEnv.json.errors[0].code).toBe('environment-required')
    const prod = (await c.get(`/properties/${web}/environments?filter[stage]=EQ production`)).json.data[0]
    const assigned = await c.request('PATCH', `/libraries/${lib.id}/relationships/environment`, { data: { id: prod.id, type: 'environments' } })
    expect(assigned.json.data).toEqual({ id: prod.id, type: 'environments' })
    const build = await c.request('POST', `/libraries/${lib.id}/builds`)
    expect(build.status).toBe(201)
    expect(build.json.data.attributes.status).toBe('pending')
    await sleep(80)
    expect((await c.get(`/builds/${build.json.data.id}`)).json.data.attributes.status).toBe('succeeded')
    const after = (await c.get(`/libraries/${lib.id}`)).json.data
    expect(after.attributes.state).toBe('published')
    expect(after.attributes.published_at).not.toBeNull()
    expect(after.relationships.last_build.data.id).toBe(build.json.data.id)
  })

  it('accepts POST for the environment assignment (EL guide) and DELETE to unassign', async () => {
    const lib = (await c.request('POST', `/properties/${web}/libraries`, { data: { type: 'libraries', attributes: { name: 'Env' } } })).json.data
    const staging = (await c.get(`/properties/${web}/environments?filter[stage]=EQ staging`)).json.data[0]
    expect((await c.request('POST', `/libraries/${lib.id}/relationships/environment`, { data: { id: staging.id, type: 'environments' } })).status).toBe(200)
    expect((await c.get(`/libraries/${lib.id}`)).json.data.relationships.environment.data.id).toBe(staging.id)
    expect((await c.request('DELETE', `/libraries/${lib.id}/relationships/environment`)).json.data).toBeNull()
  })
})

describe('instances and seeds', () => {
  it('state never leaks between instances', async () => {
    await withSandbox({}, async (other) => {
      const oc = await client(other)
      await oc.request('POST', `/properties/${other.seeded.webPropertyId}/rules`, { data: { type: 'rules', attributes: { name: 'Only here' } } })
      expect((await oc.get(`/properties/${other.seeded.webPropertyId}/rules`)).json.meta.pagination.total_count).toBe(61)
    })
    await withSandbox({}, async (fresh) => {
      const fc = await client(fresh)
      expect((await fc.get(`/properties/${fresh.seeded.webPropertyId}/rules`)).json.meta.pagination.total_count).toBe(60)
    })
  })

  it('the same seed gives the same ids and data; another seed does not', async () => {
    const snapshot = async (seed: number) =>
      withSandbox({ seed }, async (s) => {
        const sc = await client(s)
        const rules = (await sc.get(`/properties/${s.seeded.webPropertyId}/rules?page[size]=100`)).json
        const companies = (await sc.get('/companies')).json
        return JSON.stringify([rules, companies]).replaceAll(s.baseUrl, 'BASE')
      })
    const a = await snapshot(7)
    expect(await snapshot(7)).toBe(a)
    expect(await snapshot(8)).not.toBe(a)
  })
})

async function headers(): Promise<Record<string, string>> {
  const { reactorHeaders } = await import('./helpers')
  return reactorHeaders(c.token)
}
