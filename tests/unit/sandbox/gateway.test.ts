import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCEPT, SANDBOX_CREDENTIALS, client, getToken, reactorHeaders, startSandbox, type RunningSandbox } from './helpers'

const working = SANDBOX_CREDENTIALS.working
let sb: RunningSandbox
let token: string

beforeAll(async () => {
  sb = await startSandbox()
  token = await getToken(sb)
})
afterAll(() => sb.close())

async function call(headers: Record<string, string>, path = '/companies') {
  const res = await fetch(sb.baseUrl + path, { headers })
  const json = (await res.json()) as { errors?: { status: string; code: string; detail?: string; meta: { request_id: string } }[] }
  return { status: res.status, json, headers: res.headers }
}

function without(name: string): Record<string, string> {
  const headers = reactorHeaders(token)
  delete headers[name]
  return headers
}

describe('Reactor gateway checks', () => {
  it('answers the working credential with its company', async () => {
    const res = await call(reactorHeaders(token))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/vnd.api+json')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/)
  })

  it.each([
    ['missing', undefined],
    ['not bearer', 'Basic abc'],
    ['malformed', 'Bearer not-a-jwt'],
    ['tampered', 'TAMPER']
  ])('401 when the token is %s', async (_label, value) => {
    const headers = without('authorization')
    if (value === 'TAMPER') headers.authorization = `Bearer ${token.slice(0, -2)}xx`
    else if (value) headers.authorization = value
    const res = await call(headers)
    expect(res.status).toBe(401)
    expect(res.json.errors?.[0]?.status).toBe('401')
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
  })

  it('401 for a token signed by another sandbox run', async () => {
    const other = await startSandbox()
    try {
      const foreign = await getToken(other)
      const res = await call(reactorHeaders(foreign))
      expect(res.status).toBe(401)
      expect(res.json.errors?.[0]?.detail).toMatch(/not issued by this IMS/)
    } finally {
      await other.close()
    }
  })

  it('401 for an expired token', async () => {
    const short = await startSandbox({ tokenLifetimeSeconds: 1 })
    try {
      const expiring = await getToken(short)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      const res = await fetch(`${short.baseUrl}/companies`, { headers: reactorHeaders(expiring) })
      expect(res.status).toBe(401)
      expect(((await res.json()) as { errors: { detail: string }[] }).errors[0]?.detail).toMatch(/expired/)
    } finally {
      await short.close()
    }
  })

  it('403 when x-api-key is missing or not the token\'s client id', async () => {
    expect((await call(without('x-api-key'))).status).toBe(403)
    const res = await call({ ...reactorHeaders(token), 'x-api-key': 'Activation-DTM' })
    expect(res.status).toBe(403)
    expect(res.json.errors?.[0]?.detail).toContain(working.clientId)
  })

  it('403 invalid-org when x-gw-ims-org-id is missing or another org', async () => {
    expect((await call(without('x-gw-ims-org-id'))).status).toBe(403)
    const res = await call({ ...reactorHeaders(token), 'x-gw-ims-org-id': SANDBOX_CREDENTIALS.noCompanies.orgId })
    expect(res.status).toBe(403)
    expect(res.json.errors?.[0]?.code).toBe('invalid-org')
  })

  it.each([[undefined], ['application/json'], ['*/*'], ['application/vnd.api+json;revision=2']])(
    '406 JSON:API error for Accept %s',
    async (accept) => {
      const headers = without('accept')
      if (accept) headers.accept = accept
      const res = await call(headers)
      expect(res.status).toBe(406)
      expect(res.json.errors?.[0]).toMatchObject({ status: '406' })
    }
  )

  it('accepts Accept with spaces around the parameter', async () => {
    expect((await call({ ...reactorHeaders(token), accept: 'application/vnd.api+json; revision=1' })).status).toBe(200)
  })

  it('noCompanies: valid credential, GET /companies -> 404 not-found', async () => {
    const c = await client(sb, SANDBOX_CREDENTIALS.noCompanies)
    const res = await c.get('/companies')
    expect(res.status).toBe(404)
    expect(res.json.errors[0].code).toBe('not-found')
    expect((await c.get('/profile')).status).toBe(200)
    // and it cannot see the working org's company
    expect((await c.get(`/companies/${sb.seeded.companyId}`)).status).toBe(404)
  })

  it('noProductProfile: token issued, Reactor answers 403 with a clear error', async () => {
    const c = await client(sb, SANDBOX_CREDENTIALS.noProductProfile)
    const res = await c.get('/companies')
    expect(res.status).toBe(403)
    expect(res.json.errors[0].detail).toMatch(/product profile/)
  })

  it('error bodies carry Adobe\'s members and the request id', async () => {
    const res = await call(reactorHeaders(token), '/rules/RL00000000000000000000000000000000')
    expect(res.status).toBe(404)
    const error = res.json.errors?.[0]
    expect(Object.keys(error ?? {}).sort()).toEqual(['code', 'detail', 'id', 'meta', 'source', 'status', 'title'].filter((k) => k !== 'detail' || 'detail' in (error ?? {})).sort())
    expect(error?.meta.request_id).toBe(res.headers.get('x-request-id'))
  })

  it('counts Reactor requests', async () => {
    const before = sb.stats().reactorRequests
    await call({ accept: ACCEPT })
    expect(sb.stats().reactorRequests).toBe(before + 1)
  })
})
