import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { request as httpRequest } from 'node:http'
import { pathMatches } from '../../../src/sandbox/faults'
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
    sb.faults.add({ kind: 'status', status: 500, match: { path: '/ims/**' } })
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

  it('faults can be managed over HTTP for CLI users, with the control token', async () => {
    const control = { 'x-sandbox-control': sb.controlToken }
    const added = await fetch(`${sb.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: control,
      body: JSON.stringify({ kind: 'status', status: 502, match: { path: '/companies*' } })
    })
    expect(added.status).toBe(201)
    expect((await raw()).status).toBe(502)
    const listed = (await (await fetch(`${sb.baseUrl}/__sandbox/faults`, { headers: control })).json()) as { faults: unknown[] }
    expect(listed.faults).toHaveLength(1)
    expect((await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'DELETE', headers: control })).status).toBe(204)
    expect((await raw()).status).toBe(200)
    const bad = await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'POST', headers: control, body: JSON.stringify({ kind: 'explode' }) })
    expect(bad.status).toBe(400)
    const regex = await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'POST', headers: control, body: JSON.stringify({ kind: 'reset', match: { pathRegex: '^/(a+)+$' } }) })
    expect(regex.status).toBe(400)
    expect(((await regex.json()) as { error: string }).error).toMatch(/pathRegex is no longer accepted.*globs/)
  })

  it('the control plane refuses callers without the token, web pages and foreign Host headers', async () => {
    // A cross-origin text/plain POST is what a web page can send without a preflight.
    const fromPage = await fetch(`${sb.baseUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'x-sandbox-control': sb.controlToken },
      body: JSON.stringify({ kind: 'status', status: 500 })
    })
    expect(fromPage.status).toBe(403)
    const noToken = await fetch(`${sb.baseUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'status', status: 500 }) })
    expect(noToken.status).toBe(403)
    expect(((await noToken.json()) as { error: string }).error).toMatch(/x-sandbox-control/)
    expect((await fetch(`${sb.baseUrl}/__sandbox/credentials`, { headers: { 'x-sandbox-control': 'guess' } })).status).toBe(403)
    expect(sb.faults.list()).toHaveLength(0)
    // DNS rebinding: the right address under another name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL('/companies', sb.baseUrl)
      const req = httpRequest({ host: '127.0.0.1', port: url.port, path: url.pathname, headers: { host: `attacker.example:${url.port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(rebound).toBe(403)
    expect((await fetch(`${sb.baseUrl}/companies`, { headers: { origin: 'https://evil.example' } })).status).toBe(403)
  })

  it('path globs match in linear time (a catastrophic regex pattern is just text)', () => {
    expect(pathMatches('/properties/*', '/properties/PR1/rules')).toBe(true)
    expect(pathMatches('/properties/*/rules', '/properties/PR1/rules')).toBe(true)
    expect(pathMatches('/properties/*/rules', '/properties/PR1/x/rules')).toBe(false)
    expect(pathMatches('/**/rule_components', '/properties/PR1/rules/RL1/rule_components')).toBe(true)
    expect(pathMatches('/companies', '/companies/CO1')).toBe(false)
    // A backtracking engine would not return from these; the DP matcher visits each cell once.
    expect(pathMatches('/**a**a**a**a**a**a**b', `/${'a'.repeat(2000)}`)).toBe(false)
    expect(pathMatches('^/(a+)+$', `/${'a'.repeat(26)}`)).toBe(false)
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
