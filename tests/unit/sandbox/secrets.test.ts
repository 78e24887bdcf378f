// Secrets echo only their non-sensitive credential fields, as Adobe's API does (EL guides/secrets.md: the
// password, client secret and token are "not included in the API response").
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getToken, reactorHeaders, startSandbox, type RunningSandbox } from './helpers'

let sb: RunningSandbox
let token: string
let edge: string
let envId: string

/** Real HTTP with the raw body text kept, so a leak anywhere in the response (not just one field) is seen. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(sb.baseUrl + path, {
    method,
    headers: reactorHeaders(token),
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined }
}

function createBody(name: string, typeOf: string, credentials: Record<string, unknown>) {
  return {
    data: {
      type: 'secrets',
      attributes: { name, type_of: typeOf, credentials },
      relationships: { environment: { data: { id: envId, type: 'environments' } } }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  sb = await startSandbox({ asyncDelayMs: 30 })
  token = await getToken(sb)
  edge = sb.seeded.edgePropertyId
  const envs = await call('GET', `/properties/${edge}/environments?filter[stage]=EQ development`)
  envId = envs.json.data[0].id
})
afterAll(() => sb.close())

/** Every place a secret can be read back: lookup, both lists, its audit events. */
async function everyReadOf(id: string): Promise<string[]> {
  const texts = [
    (await call('GET', `/secrets/${id}`)).text,
    (await call('GET', `/properties/${edge}/secrets?page[size]=100`)).text,
    (await call('GET', `/environments/${envId}/secrets?page[size]=100`)).text,
    (await call('GET', '/audit_events?page[size]=100&filter[type_of]=EQ secret.created')).text,
    (await call('GET', '/audit_events?page[size]=100&filter[type_of]=EQ secret.updated')).text
  ]
  expect(texts[0]).toContain(id)
  expect(texts[1]).toContain(id)
  expect(texts[2]).toContain(id)
  return texts
}

describe('secret credentials', () => {
  it('simple-http: the username is returned, the password never (create, lookup, lists, audit events)', async () => {
    const password = 'pw-Never-Echo-4711'
    const created = await call('POST', `/properties/${edge}/secrets`, createBody('basic-auth', 'simple-http', { username: 'example_username', password }))
    expect(created.status).toBe(201)
    expect(created.json.data.attributes.credentials).toEqual({ username: 'example_username' })
    expect(created.json.data.attributes.status).toBe('pending')
    expect(created.text).not.toContain(password)
    expect(created.text).not.toContain('"password"')

    const id = created.json.data.id
    await sleep(60)
    const lookup = await call('GET', `/secrets/${id}`)
    expect(lookup.json.data.attributes).toMatchObject({ status: 'succeeded', credentials: { username: 'example_username' } })
    const listed = (await call('GET', `/properties/${edge}/secrets?page[size]=100`)).json.data.find((s: { id: string }) => s.id === id)
    expect(listed.attributes.credentials).toEqual({ username: 'example_username' })
    for (const text of await everyReadOf(id)) {
      expect(text).not.toContain(password)
      expect(text).not.toContain('"password"')
    }
  })

  it('simple-http: new credentials on PATCH are exchanged again and the new password is not echoed either', async () => {
    const created = await call('POST', `/properties/${edge}/secrets`, createBody('basic-rotate', 'simple-http', { username: 'old-user', password: 'old-pw-1' }))
    const id = created.json.data.id
    await sleep(60)
    const password = 'new-pw-Never-Echo-0815'
    const updated = await call('PATCH', `/secrets/${id}`, {
      data: { id, type: 'secrets', attributes: { credentials: { username: 'new-user', password } } }
    })
    expect(updated.status).toBe(200)
    expect(updated.json.data.attributes).toMatchObject({ status: 'pending', credentials: { username: 'new-user' } })
    expect(updated.text).not.toContain(password)
    for (const text of await everyReadOf(id)) {
      expect(text).not.toContain(password)
      expect(text).not.toContain('old-pw-1')
    }
    // An update without the password is refused, as a create would be.
    const partial = await call('PATCH', `/secrets/${id}`, { data: { id, type: 'secrets', attributes: { credentials: { username: 'x' } } } })
    expect(partial.status).toBe(422)
    expect(partial.json.errors[0].source.pointer).toBe('/data/attributes/credentials/password')
  })

  it('oauth2-client_credentials: client_id, token_url, refresh_offset and options are returned, client_secret never', async () => {
    const clientSecret = 'cs-Never-Echo-9f3a'
    const credentials = {
      client_id: 'partner-client',
      client_secret: clientSecret,
      token_url: 'https://auth.example.com/oauth/token',
      options: { scope: 'read write', audience: 'https://api.example.com' }
    }
    const created = await call('POST', `/properties/${edge}/secrets`, createBody('partner-cc', 'oauth2-client_credentials', credentials))
    expect(created.status).toBe(201)
    expect(created.json.data.attributes.credentials).toEqual({
      client_id: 'partner-client',
      token_url: 'https://auth.example.com/oauth/token',
      // Adobe's default when none is given (four hours).
      refresh_offset: 14400,
      options: { scope: 'read write', audience: 'https://api.example.com' }
    })
    expect(created.text).not.toContain(clientSecret)
    expect(created.text).not.toContain('client_secret')

    const id = created.json.data.id
    const tested = await call('PATCH', `/secrets/${id}`, {
      data: { id, type: 'secrets', attributes: { type_of: 'oauth2-client_credentials' }, meta: { action: 'test' } }
    })
    expect(tested.json.data.meta.test_exchange.access_token).toBeTruthy()
    expect(tested.text).not.toContain(clientSecret)
    for (const text of await everyReadOf(id)) expect(text).not.toContain(clientSecret)

    const explicitOffset = await call(
      'POST',
      `/properties/${edge}/secrets`,
      createBody('partner-cc-2', 'oauth2-client_credentials', { ...credentials, refresh_offset: 7200 })
    )
    expect(explicitOffset.json.data.attributes.credentials.refresh_offset).toBe(7200)
  })

  it('oauth2-google: the scopes are returned with an authorization URL, never a token', async () => {
    const scopes = ['https://www.googleapis.com/auth/adwords', 'https://www.googleapis.com/auth/pubsub']
    const created = await call('POST', `/properties/${edge}/secrets`, createBody('google', 'oauth2-google', { scopes, token: 'g-token-Never-Echo' }))
    expect(created.status).toBe(201)
    expect(created.json.data.attributes.credentials).toEqual({ scopes })
    expect(created.json.data.meta.authorization_url).toMatch(/^https:\/\/accounts\.google\.com\//)
    expect(Date.parse(created.json.data.meta.authorization_url_expires_at)).toBeGreaterThan(Date.now())
    for (const text of [created.text, ...(await everyReadOf(created.json.data.id))]) expect(text).not.toContain('g-token-Never-Echo')
  })

  it('token: nothing of the token is returned (credentials is an empty object)', async () => {
    const created = await call('POST', `/properties/${edge}/secrets`, createBody('static-token', 'token', { token: 'tok-Never-Echo-55' }))
    expect(created.status).toBe(201)
    expect(created.json.data.attributes.credentials).toEqual({})
    for (const text of [created.text, ...(await everyReadOf(created.json.data.id))]) expect(text).not.toContain('tok-Never-Echo-55')
  })

  it('422 with a pointer when a required credential field is missing', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['simple-http', { username: 'u' }, 'password'],
      ['simple-http', { password: 'p' }, 'username'],
      ['oauth2-client_credentials', { client_id: 'c', token_url: 'https://x.example/token' }, 'client_secret'],
      ['oauth2-google', { scopes: [] }, 'scopes'],
      ['token', {}, 'token']
    ]
    for (const [typeOf, credentials, missing] of cases) {
      const res = await call('POST', `/properties/${edge}/secrets`, createBody(`bad-${typeOf}`, typeOf, credentials))
      expect(res.status, `${typeOf} without ${missing}`).toBe(422)
      expect(res.json.errors[0].source.pointer).toBe(`/data/attributes/credentials/${missing}`)
    }
  })
})
