import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REACTOR_SCOPES } from '../../../src/sandbox'
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from './helpers'
import sample from '../../fixtures/reactor-samples/ims_POST_ims-token-v3_client_credentials_200.json'

const working = SANDBOX_CREDENTIALS.working
let sb: RunningSandbox

beforeAll(async () => {
  sb = await startSandbox({ tokenLifetimeSeconds: 3600 })
})
afterAll(() => sb.close())

function form(params: Record<string, string>): URLSearchParams {
  return new URLSearchParams(params)
}

const good = () => ({
  grant_type: 'client_credentials',
  client_id: working.clientId,
  client_secret: working.clientSecret,
  scope: working.scopes.join(',')
})

async function post(path: string, init: RequestInit = {}) {
  const res = await fetch(`${sb.imsUrl}${path}`, { method: 'POST', ...init })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')))
  return { header, claims }
}

describe('IMS token endpoint', () => {
  it('issues a bearer token shaped like Adobe\'s, with Adobe\'s claims', async () => {
    const { status, json } = await post('/ims/token/v3', { body: form(good()) })
    expect(status).toBe(200)
    expect(Object.keys(json).sort()).toEqual(Object.keys(sample).sort())
    expect(json.token_type).toBe('bearer')
    expect(json.expires_in).toBe(3600)
    const { header, claims } = decode(String(json.access_token))
    expect(header.alg).toBe('RS256')
    expect(claims).toMatchObject({
      type: 'access_token',
      client_id: working.clientId,
      org: working.orgId,
      expires_in: '3600000',
      scope: working.scopes.join(',')
    })
    expect(typeof claims.created_at).toBe('string')
    expect(Math.abs(Number(claims.created_at) - Date.now())).toBeLessThan(10_000)
    expect(String(claims.user_id)).toMatch(/@techacct\.adobe\.com$/)
  })

  it('accepts the params in the query string', async () => {
    const { status } = await post(`/ims/token/v3?${form(good())}`)
    expect(status).toBe(200)
  })

  it('accepts multipart/form-data on /ims/token/v2 (aio-lib-ims style)', async () => {
    const body = new FormData()
    for (const [key, value] of Object.entries({ ...good(), org_id: working.orgId })) body.append(key, value)
    const { status, json } = await post('/ims/token/v2', { body })
    expect(status).toBe(200)
    expect(json.token_type).toBe('bearer')
  })

  it('accepts a subset of the allowed scopes and puts exactly those in the token', async () => {
    const { json } = await post('/ims/token/v3', { body: form({ ...good(), scope: 'openid,read_organizations' }) })
    expect(decode(String(json.access_token)).claims.scope).toBe('openid,read_organizations')
  })

  it.each([
    ['wrong secret', { client_secret: 'nope' }, 401, 'invalid_client'],
    ['unknown client', { client_id: 'who-is-this' }, 401, 'invalid_client'],
    ['unknown scope', { scope: 'AdobeID,ent_reactor_sdk' }, 400, 'invalid_scope'],
    ['other grant', { grant_type: 'authorization_code' }, 400, 'unsupported_grant_type']
  ])('%s -> %i %s', async (_label, override, status, error) => {
    const res = await post('/ims/token/v3', { body: form({ ...good(), ...override }) })
    expect(res.status).toBe(status)
    expect(res.json.error).toBe(error)
    expect(typeof res.json.error_description).toBe('string')
  })

  it('names the unknown scope', async () => {
    const res = await post('/ims/token/v3', { body: form({ ...good(), scope: 'openid,ent_reactor_sdk' }) })
    expect(res.json.error_description).toContain('ent_reactor_sdk')
  })

  it.each(['grant_type', 'client_id', 'client_secret'])('missing %s -> 400 invalid_request', async (name) => {
    const params: Record<string, string> = good()
    delete params[name]
    const res = await post('/ims/token/v3', { body: form(params) })
    expect(res.status).toBe(400)
    expect(res.json.error).toBe('invalid_request')
    expect(res.json.error_description).toContain(name)
  })

  it('refuses the published wrongSecret credential with 401 invalid_client', async () => {
    const c = SANDBOX_CREDENTIALS.wrongSecret
    const res = await post('/ims/token/v3', {
      body: form({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: c.scopes.join(',') })
    })
    expect(res.status).toBe(401)
    expect(res.json.error).toBe('invalid_client')
  })

  it('issues tokens for noCompanies and noProductProfile (their problems show at Reactor)', async () => {
    for (const c of [SANDBOX_CREDENTIALS.noCompanies, SANDBOX_CREDENTIALS.noProductProfile]) {
      const res = await post('/ims/token/v3', {
        body: form({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret, scope: c.scopes.join(',') })
      })
      expect(res.status).toBe(200)
    }
  })

  it('explains that JWT credentials reached end of life', async () => {
    const res = await post('/ims/exchange/jwt', { body: form({ client_id: working.clientId, client_secret: 'x', jwt_token: 'a.b.c' }) })
    expect(res.status).toBe(400)
    expect(String(res.json.error_description)).toMatch(/end of life/)
    expect(String(res.json.error_description)).toMatch(/2025-06-30/)
  })

  it('counts token requests', async () => {
    const before = sb.stats().imsTokenRequests
    await post('/ims/token/v3', { body: form(good()) })
    expect(sb.stats().imsTokenRequests).toBe(before + 1)
  })

  it('publishes the six Reactor scopes', () => {
    expect(REACTOR_SCOPES).toEqual([
      'AdobeID',
      'openid',
      'read_organizations',
      'additional_info.job_function',
      'additional_info.projectedProductContext',
      'additional_info.roles'
    ])
    expect(working.orgId).toMatch(/^[0-9A-F]{24}@AdobeOrg$/)
  })
})
