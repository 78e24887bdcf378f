import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { encodedForms } from '../../src/main/core/security/secret-registry'
import { startAuthProxy, startHttp, type AuthProxy, type LocalServer } from '../unit/net/servers'

// The proxy password goes renderer → main → secrets service and nowhere else: not into settings.json,
// any answer or event, a log line, an error sentence, history or any other file, in any encoding.
describe('the proxy password never leaves main', () => {
  const PASSWORD = 'Pr0xy-pass-word-9d41'
  const WRONG = 'Wrong-proxy-pass-5512'
  let dir: string
  let core: AppCore
  let proxy: AuthProxy
  let target: LocalServer
  const outbound: string[] = []

  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  }

  beforeAll(async () => {
    proxy = await startAuthProxy('bob', PASSWORD)
    target = await startHttp('127.0.0.2')
    dir = await mkdtemp(join(tmpdir(), 're-proxy-leak-'))
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, secretStores: [], log: (line) => outbound.push(line) })
    core.events.subscribe((event) => outbound.push(JSON.stringify(event)))
  })
  afterAll(async () => {
    await core.dispose()
    await Promise.all([proxy.close(), target.close()])
    await rm(dir, { recursive: true, force: true })
  })

  it('through settings, sends, a failed login, the connection test and history', async () => {
    expect(await call('settings:update', { network: { proxy: { mode: 'manual', url: proxy.url, username: 'bob' } } })).toMatchObject({ ok: true })
    expect(await call('settings:setProxyPassword', { password: WRONG })).toMatchObject({ ok: true, value: { proxyPasswordStored: true } })
    const spec = { name: 'Through the proxy', method: 'GET', url: `${target.url}/x` }
    expect(await call('requests:send', { requestId: 'p1', spec })).toMatchObject({ ok: false, error: { code: 'http-proxy', message: expect.stringMatching(/refused the user name or password/) } })
    expect(await call('settings:testConnection', { url: `${target.url}/` })).toMatchObject({ ok: true, value: { targets: [{ ok: false }] } })

    expect(await call('settings:setProxyPassword', { password: PASSWORD })).toMatchObject({ ok: true, value: { proxyPasswordStored: true, secretBackend: { backend: 'memory' } } })
    expect(await call('requests:send', { requestId: 'p2', spec })).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await call('settings:testConnection', { url: `${target.url}/` })).toMatchObject({ ok: true, value: { targets: [{ ok: true }] } })
    const state = await call('settings:get')
    expect(state).toMatchObject({ ok: true, value: { proxyPasswordStored: true, network: { proxy: { username: 'bob' } } } })
    // The password is never echoed back, even in a refused input.
    expect(await call('settings:setProxyPassword', { password: PASSWORD, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    await core.services.history.flush()

    const forbidden = [PASSWORD, WRONG].flatMap((secret) => [...encodedForms(secret), Buffer.from(`bob:${secret}`).toString('base64')])
    const all = outbound.join('\n')
    for (const form of forbidden) expect(all.includes(form), `an answer, event or log holds ${form.slice(0, 6)}…`).toBe(false)
    expect(core.secrets.containsSecret(all)).toBe(false)
    expect(all).not.toMatch(/secret-leak-blocked|blocked an answer/)
    for (const name of await readdir(dir, { recursive: true })) {
      const content = await readFile(join(dir, name)).catch(() => undefined)
      if (!content) continue
      for (const form of forbidden) expect(content.includes(Buffer.from(form)), `${name} holds the proxy password`).toBe(false)
    }
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toContain('"username": "bob"')
  })
})
