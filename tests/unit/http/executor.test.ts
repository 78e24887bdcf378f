import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonProblemOf } from '../../../src/main/core/http/json-problem'
import { AppError } from '../../../src/shared/errors'
import { headerOf, PROFILE, req, startHarness, startRecorder, type Harness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 2_000 } })
})
afterAll(async () => {
  await h.close()
})

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected the request to fail')
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('Reactor defaults and managed credentials', () => {
  it('sends a relative path to the profile host with Accept, masked auth and the client id', async () => {
    const res = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
    expect(res.status).toBe(200)
    expect(res.url).toBe(`${h.sb.reactorUrl}/companies`)
    expect(headerOf(res.sentHeaders, 'accept')).toBe('application/vnd.api+json;revision=1')
    expect(headerOf(res.sentHeaders, 'content-type')).toBeUndefined()
    expect(headerOf(res.sentHeaders, 'authorization')).toMatch(/^Bearer ••••.{4} \(profile\)$/)
    expect(headerOf(res.sentHeaders, 'x-api-key')).toBe('sandbox-working-client (profile)')
    expect(JSON.stringify(res)).not.toContain(h.provider.token)
    expect(res.adobeRequestId).toBeTruthy()
    expect(res.timing.totalMs).toBeGreaterThanOrEqual(res.timing.ttfbMs)
    expect(res.body.kind).toBe('inline')
  })

  it('adds Content-Type for a body and keeps what the user typed', async () => {
    const res = await h.executor.send(
      req({
        profileId: PROFILE,
        method: 'POST',
        url: '/search',
        headers: [{ name: 'Accept', value: 'application/vnd.api+json;revision=2', enabled: true }],
        body: JSON.stringify({ data: { from: 0, size: 1, query: { 'attributes.name': { value: 'a' } } } })
      })
    )
    expect(headerOf(res.sentHeaders, 'content-type')).toBe('application/vnd.api+json')
    expect(headerOf(res.sentHeaders, 'accept')).toBe('application/vnd.api+json;revision=2')
  })

  it('encodes filter and sort query rows the way Reactor expects', async () => {
    const company = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
    const companyId = (JSON.parse((company.body as { text: string }).text) as { data: Array<{ id: string }> }).data[0].id
    const res = await h.executor.send(
      req({
        profileId: PROFILE,
        url: `/companies/${companyId}/properties`,
        query: [
          { name: 'filter[name]', value: 'CONTAINS e', enabled: true },
          { name: 'sort', value: '+name', enabled: true },
          { name: 'ignored', value: 'x', enabled: false }
        ]
      })
    )
    expect(res.url).toContain('?filter%5Bname%5D=CONTAINS%20e&sort=%2Bname')
    expect(res.url).not.toContain('ignored')
    const names = (JSON.parse((res.body as { text: string }).text) as { data: Array<{ attributes: { name: string } }> }).data.map(
      (p) => p.attributes.name
    )
    expect(names.length).toBeGreaterThan(0)
    expect(names.every((name) => name.includes('e'))).toBe(true)
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names)
  })

  it('never sends the profile credentials to another host; typed headers go as typed', async () => {
    const foreign = await startRecorder()
    try {
      const res = await h.executor.send(
        req({ profileId: PROFILE, url: `${foreign.url}/collect`, headers: [{ name: 'X-Custom', value: 'mine', enabled: true }] })
      )
      expect(res.status).toBe(200)
      const [seen] = foreign.seen
      expect(seen.headers.authorization).toBeUndefined()
      expect(seen.headers['x-api-key']).toBeUndefined()
      expect(seen.headers['x-gw-ims-org-id']).toBeUndefined()
      expect(seen.headers['x-custom']).toBe('mine')
      // No Reactor defaults on a foreign host either.
      expect(seen.headers.accept ?? '').not.toContain('vnd.api')
      expect(h.provider.token).toBeTruthy()
      expect(JSON.stringify(seen)).not.toContain(h.provider.token)
    } finally {
      await foreign.close()
    }
  })

  it('401 from the Reactor host: refreshes once, retries once', async () => {
    h.provider.token = undefined
    h.provider.poisonNext = 'not-a-valid-token-0000'
    const before = h.provider.refreshes
    const res = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
    expect(res.status).toBe(200)
    expect(res.attempts).toBe(2)
    expect(h.provider.refreshes).toBe(before + 1)
  })

  it('401 again after the refresh: the 401 comes back, no third attempt', async () => {
    h.provider.token = 'not-a-valid-token-1111'
    const realFetch = h.provider.fetchToken.bind(h.provider)
    h.provider.fetchToken = async () => 'not-a-valid-token-2222'
    const before = h.sb.stats().reactorRequests
    try {
      const res = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
      expect(res.status).toBe(401)
      expect(res.attempts).toBe(2)
      expect(h.sb.stats().reactorRequests - before).toBe(2)
      expect(res.adobeRequestId).toBeTruthy()
    } finally {
      h.provider.fetchToken = realFetch
      h.provider.token = undefined
    }
  })
})

describe('redirects', () => {
  it('drops managed and typed credentials when a redirect leaves the origin', async () => {
    const foreign = await startRecorder()
    // A stand-in Reactor host that redirects to the foreign one; the provider treats it as the profile's host.
    const reactor = await startRecorder((incoming, res) => {
      if (incoming.url?.startsWith('/same')) {
        res.writeHead(307, { location: '/final' })
        res.end()
      } else if (incoming.url === '/final') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{}')
      } else {
        res.writeHead(302, { location: `${foreign.url}/landing?x=1` })
        res.end()
      }
    })
    const original = h.provider.reactorBaseUrl.bind(h.provider)
    const originalAuth = h.provider.authHeadersFor.bind(h.provider)
    h.provider.reactorBaseUrl = async () => reactor.url
    h.provider.authHeadersFor = async (profileId, url) =>
      url.origin === reactor.url ? originalAuth(profileId, new URL(h.sb.reactorUrl)) : undefined
    try {
      const res = await h.executor.send(
        req({ profileId: PROFILE, url: '/go', headers: [{ name: 'x-gw-ims-org-id', value: 'typed@AdobeOrg', enabled: true }] })
      )
      expect(res.status).toBe(200)
      expect(res.url).toBe(`${foreign.url}/landing?x=1`)
      expect(res.redirects).toEqual([{ status: 302, from: `${reactor.url}/go`, to: `${foreign.url}/landing?x=1`, credentialsDropped: true }])
      expect(reactor.seen[0].headers.authorization).toMatch(/^Bearer /)
      const seen = foreign.seen[0]
      expect(seen.headers.authorization).toBeUndefined()
      expect(seen.headers['x-api-key']).toBeUndefined()
      expect(seen.headers['x-gw-ims-org-id']).toBeUndefined()
      expect(JSON.stringify(seen)).not.toContain(h.provider.token)

      // Same origin (307): credentials stay, method and body stay.
      const same = await h.executor.send(req({ profileId: PROFILE, method: 'PUT', url: '/same', body: '{"a":1}' }))
      expect(same.status).toBe(200)
      expect(same.redirects[0]).toMatchObject({ status: 307, credentialsDropped: false })
      const last = reactor.seen[reactor.seen.length - 1]
      expect(last.method).toBe('PUT')
      expect(last.body).toBe('{"a":1}')
      expect(last.headers.authorization).toMatch(/^Bearer /)
    } finally {
      h.provider.reactorBaseUrl = original
      h.provider.authHeadersFor = originalAuth
      await foreign.close()
      await reactor.close()
    }
  })

  it('stops a redirect loop after 10 hops with a clear error', async () => {
    const loop = await startRecorder((_req, res) => {
      res.writeHead(302, { location: '/again' })
      res.end()
    })
    try {
      const error = await failure(h.executor.send(req({ url: `${loop.url}/start` })))
      expect(error.code).toBe('http-too-many-redirects')
      expect(loop.seen).toHaveLength(11)
    } finally {
      await loop.close()
    }
  })
})

describe('failures a person can read', () => {
  it('DNS failure names the host', async () => {
    const error = await failure(h.executor.send(req({ url: 'http://no-such-host.invalid/x' })))
    expect(error.code).toBe('http-dns')
    expect(error.message).toContain('no-such-host.invalid')
  })

  it('refused port names host and port', async () => {
    const port = await freePort()
    const error = await failure(h.executor.send(req({ url: `http://127.0.0.1:${port}/` })))
    expect(error.code).toBe('http-refused')
    expect(error.message).toContain(`127.0.0.1:${port}`)
  })

  it('TLS to a plain-HTTP port is a TLS error', async () => {
    const plain = await startRecorder()
    try {
      const error = await failure(h.executor.send(req({ url: plain.url.replace('http:', 'https:') })))
      expect(error.code).toBe('http-tls')
    } finally {
      await plain.close()
    }
  })

  it('invalid URLs and paths without a profile', async () => {
    expect((await failure(h.executor.send(req({ url: 'not a url' })))).code).toBe('http-invalid-url')
    expect((await failure(h.executor.send(req({ url: 'ftp://example.com/' })))).code).toBe('http-invalid-url')
    expect((await failure(h.executor.send(req({ url: '/companies' })))).code).toBe('http-invalid-url')
    expect((await failure(h.executor.send(req({ profileId: 'nobody', url: '/companies' })))).code).toBe('profile-not-found')
  })

  it('no response in time is a timeout', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'latency', latencyMs: 1500, times: 1 })
    const error = await failure(h.executor.send(req({ profileId: PROFILE, url: '/companies', options: { timeoutMs: 200 } })))
    expect(error.code).toBe('http-timeout')
    expect(error.message).toContain('127.0.0.1')
  })

  it('a body that stalls is a timeout', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'stall', times: 1 })
    const error = await failure(h.executor.send(req({ profileId: PROFILE, url: '/companies', options: { timeoutMs: 300 } })))
    expect(error.code).toBe('http-timeout')
    expect(error.message).toMatch(/stalled/)
  })

  it('a connection reset mid-body is a reset', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'reset', times: 1 })
    const error = await failure(h.executor.send(req({ profileId: PROFILE, url: '/companies' })))
    expect(error.code).toBe('http-reset')
    expect(error.message).toContain('closed the connection')
  })

  it('malformed JSON comes back as the text received, unparsed; jsonProblemOf names the problem for callers that ask', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'malformed-json', times: 1 })
    const res = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
    expect(res.status).toBe(200)
    if (res.body.kind !== 'inline') throw new Error(`expected an inline body, got ${res.body.kind}`)
    // Main no longer parses bodies: the renderer's worker does, and the CLI and history ask jsonProblemOf.
    expect('jsonProblem' in res).toBe(false)
    expect(() => JSON.parse(res.body.kind === 'inline' ? res.body.text : '')).toThrow()
    expect(jsonProblemOf(res.body.text, res.contentType)).toMatch(/^The body is not valid JSON: /)
    expect(jsonProblemOf(res.body.text, 'text/plain')).toBeUndefined()
    expect(jsonProblemOf('{"data":[]}', 'application/vnd.api+json')).toBeUndefined()
  })
})

describe('retries', () => {
  it('429 with Retry-After: shown, and retried for GET when asked', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 })
    const plain = await h.executor.send(req({ profileId: PROFILE, url: '/companies' }))
    expect(plain.status).toBe(429)
    expect(plain.retryAfterSeconds).toBe(1)
    expect(plain.attempts).toBe(1)

    h.sb.faults.add({ match: { path: '/companies' }, kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 })
    const started = Date.now()
    const retried = await h.executor.send(req({ profileId: PROFILE, url: '/companies', options: { retryIdempotent: true } }))
    expect(retried.status).toBe(200)
    expect(retried.attempts).toBe(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('5xx: capped retries, never for POST, not when Retry-After is too long', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'status', status: 503, times: 5 })
    const res = await h.executor.send(req({ profileId: PROFILE, url: '/companies', options: { retryIdempotent: true } }))
    expect(res.status).toBe(503)
    expect(res.attempts).toBe(3)
    h.sb.faults.clear()

    h.sb.faults.add({ match: { path: '/search' }, kind: 'status', status: 503, times: 1 })
    const post = await h.executor.send(req({ profileId: PROFILE, method: 'POST', url: '/search', body: '{}', options: { retryIdempotent: true } }))
    expect(post.status).toBe(503)
    expect(post.attempts).toBe(1)

    h.sb.faults.add({ match: { path: '/companies' }, kind: 'status', status: 429, retryAfterSeconds: 3600, times: 1 })
    const long = await h.executor.send(req({ profileId: PROFILE, url: '/companies', options: { retryIdempotent: true } }))
    expect(long.status).toBe(429)
    expect(long.retryAfterSeconds).toBe(3600)
    expect(long.attempts).toBe(1)
    h.sb.faults.clear()
  })
})

describe('cancellation and large bodies', () => {
  it('cancels a request in flight', async () => {
    h.sb.faults.add({ match: { path: '/companies' }, kind: 'latency', latencyMs: 3000, times: 1 })
    const controller = new AbortController()
    const started = Date.now()
    const pending = h.executor.send(req({ profileId: PROFILE, url: '/companies' }), { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const error = await failure(pending)
    expect(error.code).toBe('http-cancelled')
    expect(Date.now() - started).toBeLessThan(2500)
  })

  it('a body over the inline limit goes to a file; only a preview crosses', async () => {
    const property = h.sb.seeded.webPropertyId
    const progress: number[] = []
    const res = await h.executor.send(
      req({ profileId: PROFILE, url: `/properties/${property}/rules`, query: [{ name: 'page[size]', value: '100', enabled: true }], options: { maxInlineBodyBytes: 2048 } }),
      { onProgress: (p) => p.loadedBytes !== undefined && progress.push(p.loadedBytes) }
    )
    expect(res.status).toBe(200)
    if (res.body.kind !== 'file') throw new Error(`expected a file body, got ${res.body.kind}`)
    expect(res.body.bytes).toBeGreaterThan(2048)
    expect(res.body.preview.length).toBeLessThanOrEqual(64 * 1024)
    const target = join(h.tempDir, 'saved', 'rules.json')
    const saved = await h.bodies.saveTo(res.body.bodyId, target)
    expect(saved.bytes).toBe(res.body.bytes)
    const text = await readFile(target, 'utf8')
    expect(text.startsWith(res.body.preview.slice(0, 100))).toBe(true)
    expect((JSON.parse(text) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toBe(res.body.bytes)
  })
})
