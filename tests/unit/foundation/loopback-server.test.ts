import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_META_CSP, BROWSER_MODE_CSP, BROWSER_MODE_META_CSP } from '../../../src/shared/csp'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { startLoopbackServer, type LoopbackServer } from '../../../src/main/core/transport/loopback-server'

/** Raw request so tests can send any Host header (fetch forbids setting it). */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('loopback transport', () => {
  let core: AppCore
  let server: LoopbackServer
  let staticDir: string
  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'loopback-static-'))
    await mkdir(join(staticDir, 'assets'))
    await writeFile(join(staticDir, 'index.html'), `<meta http-equiv="Content-Security-Policy" content="${APP_META_CSP}"><p>app</p>`)
    await writeFile(join(staticDir, 'assets', 'a.js'), 'console.log(1)')
    await writeFile(join(tmpdir(), 'outside-secret.txt'), 'nope')
    core = createAppCore({ transport: 'loopback', version: 't', dataDir: staticDir, log: () => {} })
    server = await startLoopbackServer({ dispatcher: core.dispatcher, events: core.events, staticDir })
  })
  afterAll(async () => {
    await server.close()
  })
  const auth = () => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' })

  it('listens on 127.0.0.1 only, on a random port, with a long random token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
    expect(server.appUrl).toBe(`${server.origin}/#token=${server.token}`)
  })

  it('answers contract calls with the per-launch token', async () => {
    const response = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers: auth(), body: '{}' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { transport: 'loopback' } })
  })

  it('validates input exactly like IPC does', async () => {
    const response = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers: auth(), body: JSON.stringify({ input: 42 }) })
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const broken = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers: auth(), body: '{not json' })
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('a call over the 32 MB cap is 413 with its own sentence, not "not valid JSON"', async () => {
    const huge = JSON.stringify({ input: 'x'.repeat(33 * 1024 * 1024) })
    const response = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers: auth(), body: huge })
    expect(response.status).toBe(413)
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { message: expect.stringContaining('larger than 32 MB') } })
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
    ['a token of the right length but wrong value', { authorization: `Bearer ${'x'.repeat(32)}` }]
  ])('refuses a call with %s', async (_name, headers) => {
    const response = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers, body: '{}' })
    expect(response.status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const response = await raw(`${server.origin}/rpc/app:info`, { method: 'POST', headers: { ...auth(), host: 'attacker.example' }, body: '{}' })
    expect(response.status).toBe(421)
  })

  it('refuses a foreign Origin even with the token', async () => {
    const response = await raw(`${server.origin}/rpc/app:info`, {
      method: 'POST',
      headers: { ...auth(), origin: 'http://localhost:1234' },
      body: '{}'
    })
    expect(response.status).toBe(403)
  })

  it('serves the renderer with the browser-mode CSP and refuses paths outside it', async () => {
    const page = await raw(`${server.origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(BROWSER_MODE_CSP)
    expect(page.body).toContain(BROWSER_MODE_META_CSP)
    expect(page.body).not.toContain("connect-src 'none'")
    expect((await raw(`${server.origin}/assets/a.js`)).status).toBe(200)
    expect((await raw(`${server.origin}/..%2Foutside-secret.txt`)).status).toBeGreaterThanOrEqual(403)
    expect((await raw(`${server.origin}/%2e%2e/outside-secret.txt`)).status).toBeGreaterThanOrEqual(403)
  })

  it('streams events to a token holder only', async () => {
    expect((await raw(`${server.origin}/events`)).status).toBe(401)
    const controller = new AbortController()
    const response = await fetch(`${server.origin}/events`, { headers: auth(), signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read() // the opening newline
    core.events.emit('app:notice', { level: 'info', message: 'hello' })
    const { value } = await reader.read()
    expect(JSON.parse(new TextDecoder().decode(value))).toEqual({ name: 'app:notice', payload: { level: 'info', message: 'hello' } })
    controller.abort()
  })

  it('never delivers an event that carries a tracked secret', async () => {
    const received: unknown[] = []
    const unsubscribe = core.events.subscribe((event) => received.push(event))
    core.secrets.add('tok-abcdefghijklmnop')
    core.events.emit('app:notice', { level: 'error', message: 'token tok-abcdefghijklmnop failed' })
    unsubscribe()
    expect(received).toEqual([])
  })
})
