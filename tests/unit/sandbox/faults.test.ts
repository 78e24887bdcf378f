import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { client, reactorHeaders, startSandbox, type Client, type RunningSandbox } from './helpers'

let sb: RunningSandbox
let c: Client

beforeAll(async () => {
  sb = await startSandbox()
  c = await client(sb)
})
afterEach(() => sb.faults.clear())
afterAll(() => sb.close())

async function raw(path = '/companies', extra: Record<string, string> = {}) {
  return fetch(sb.baseUrl + path, { headers: { ...reactorHeaders(c.token), ...extra } })
}

describe('faults', () => {
  it('latency delays the answer', async () => {
    sb.faults.add({ kind: 'latency', latencyMs: 150, match: { path: '/companies' } })
    const started = Date.now()
    const res = await raw()
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('any fault may carry a delay: a slow 503', async () => {
    sb.faults.add({ kind: 'status', status: 503, latencyMs: 150, times: 1 })
    const started = Date.now()
    const res = await raw()
    expect(res.status).toBe(503)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('429 carries Retry-After and a JSON:API error; `times` limits it', async () => {
    sb.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 3, times: 1 })
    const limited = await raw()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(((await limited.json()) as { errors: { status: string }[] }).errors[0]?.status).toBe('429')
    expect((await raw()).status).toBe(200)
  })

  it('5xx answers a JSON:API error body (and an IMS-shaped one on IMS)', async () => {
    sb.faults.add({ kind: 'status', status: 503, match: { method: 'GET' } })
    const res = await raw()
    expect(res.status).toBe(503)
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('internal-error')
    sb.faults.clear()
    sb.faults.add({ kind: 'status', status: 500, match: { path: /^\/ims\// } })
    const ims = await fetch(`${sb.imsUrl}/ims/token/v3`, { method: 'POST' })
    expect(ims.status).toBe(500)
    expect(await ims.json()).toEqual({ error: 'internal_error', error_description: 'Please try again later' })
  })

  it('reset destroys the socket mid-body', async () => {
    sb.faults.add({ kind: 'reset', match: { path: `/properties/${sb.seeded.webPropertyId}/rules` } })
    const res = await raw(`/properties/${sb.seeded.webPropertyId}/rules`)
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toThrow()
  })

  it('stall sends headers and part of the body, then nothing', async () => {
    sb.faults.add({ kind: 'stall', times: 1 })
    const controller = new AbortController()
    const res = await raw('/companies', {})
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const first = await reader.read()
    expect(first.value!.length).toBeGreaterThan(0)
    const next = await Promise.race([reader.read().then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('stalled'), 300))])
    expect(next).toBe('stalled')
    controller.abort()
    await reader.cancel()
  })

  it('malformed-json answers 200 with a truncated JSON body', async () => {
    sb.faults.add({ kind: 'malformed-json', times: 1 })
    const res = await raw()
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text.startsWith('{"data":')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('x-sandbox-fault header injects a one-off fault', async () => {
    const res = await raw('/companies', { 'x-sandbox-fault': 'status=429;retry-after=5' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await raw()).status).toBe(200)
    const slow = Date.now()
    await raw('/companies', { 'x-sandbox-fault': 'latency=100' })
    expect(Date.now() - slow).toBeGreaterThanOrEqual(90)
  })

  it('faults can be managed over HTTP for CLI users', async () => {
    const added = await fetch(`${sb.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 502, match: { pathRegex: '^/companies' } })
    })
    expect(added.status).toBe(201)
    expect((await raw()).status).toBe(502)
    const listed = (await (await fetch(`${sb.baseUrl}/__sandbox/faults`)).json()) as { faults: unknown[] }
    expect(listed.faults).toHaveLength(1)
    expect((await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(204)
    expect((await raw()).status).toBe(200)
    const bad = await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'explode' }) })
    expect(bad.status).toBe(400)
  })

  it('100 concurrent Reactor requests are all counted, IMS calls separately', async () => {
    const before = sb.stats()
    await Promise.all(Array.from({ length: 100 }, () => raw().then((res) => res.arrayBuffer())))
    const after = sb.stats()
    expect(after.reactorRequests - before.reactorRequests).toBe(100)
    expect(after.imsTokenRequests).toBe(before.imsTokenRequests)
  })

  it('close() ends stalled responses too', async () => {
    const local = await startSandbox()
    const lc = await client(local)
    local.faults.add({ kind: 'stall' })
    const res = await fetch(`${local.baseUrl}/companies`, { headers: reactorHeaders(lc.token) })
    const started = Date.now()
    await local.close()
    await expect(res.text()).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
