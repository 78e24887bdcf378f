import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { SandboxHost } from '../../src/sandbox'

// The requests capability through the real dispatcher: inputs are validated before core code runs, a journey
// of sends, a fetch-all and tab saves never hands the renderer a token, and no file the journey leaves in the
// data folder holds one (in any of the encodings a file could carry it).
describe('requests:* validate input and never send or write a token', () => {
  let dir: string
  let core: AppCore
  const outbound: string[] = []
  const sandbox = new SandboxHost()

  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-ipc-requests-'))
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, sandbox, secretStores: [], log: (line) => outbound.push(line) })
    core.events.subscribe((event) => outbound.push(JSON.stringify(event)))
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('rejects malformed documents with invalid-input, naming the field', async () => {
    for (const input of [
      { requestId: 'x', spec: { method: 'FETCH', url: '/x' } },
      { requestId: 'x', spec: { method: 'GET' } },
      { requestId: '', spec: { method: 'GET', url: '/x' } },
      { requestId: 'x', spec: { method: 'GET', url: '/x', headers: [{ name: 'a' }] } },
      { requestId: 'x', spec: { method: 'GET', url: '/x', body: { type: 'xml', text: '<a/>' } } },
      { requestId: 'x', spec: { method: 'GET', url: '/x' }, variables: { runtime: [{ name: '', value: 'v' }] } }
    ]) {
      expect(await call('requests:send', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(await call('requests:saveTabs', { tabs: Array.from({ length: 51 }, (_, i) => ({ id: `t${i}`, spec: { method: 'GET', url: '/x' } })) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' }
    })
  })

  it('a journey of sends, fetch-all and tab saves leaks no token to answers, events, logs or files', async () => {
    const spec = { name: 'Companies', method: 'GET', url: '/companies' }
    const sent = await call('requests:send', { requestId: 'j1', profileId: 'sandbox', spec })
    expect(sent).toMatchObject({ ok: true, value: { status: 200 } })
    const company = JSON.parse(sent.ok ? sent.value.body.text : '{}').data[0].id as string
    const props = await call('requests:send', { requestId: 'j2', profileId: 'sandbox', spec: { method: 'GET', url: '/companies/{{companyId}}/properties' }, variables: { runtime: [{ name: 'companyId', value: company }] } })
    expect(props).toMatchObject({ ok: true, value: { status: 200 } })
    expect(await call('requests:fetchAllPages', { request: { requestId: 'j3', profileId: 'sandbox', spec: { method: 'GET', url: `/companies/${company}/properties` } }, pageSize: 2 })).toMatchObject({ ok: true })
    expect(await call('requests:send', { requestId: 'j4', profileId: 'sandbox', spec: { method: 'GET', url: '/companies/{{missing}}' } })).toMatchObject({
      ok: false,
      error: { code: 'request-unresolved-variables', message: expect.stringContaining('{{missing}} in URL') }
    })
    expect(await call('requests:saveTabs', { tabs: [{ id: 'a', spec }, { id: 'b', spec: { method: 'GET', url: '/companies/{{companyId}}/properties' } }], selectedTabId: 'b' })).toMatchObject({ ok: true, value: { saved: true, redacted: 0 } })
    expect(await call('requests:loadTabs')).toMatchObject({ ok: true, value: { selectedTabId: 'b', tabs: [{ id: 'a' }, { id: 'b' }] } })

    // Every managed token is registered with the guard when it is minted and attached: ask the registry.
    expect(core.secrets.size).toBeGreaterThan(0)
    for (const line of outbound) expect(core.secrets.containsSecret(line), line.slice(0, 120)).toBe(false)
    const files = await allFiles(dir)
    expect(files.some((file) => file.endsWith('tabs.json'))).toBe(true)
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      expect(core.secrets.containsSecret(text), file).toBe(false)
      expect(text, file).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./)
    }
  })
})

async function allFiles(root: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(root)) {
    const path = join(root, name)
    if ((await stat(path)).isDirectory()) out.push(...(await allFiles(path)))
    else out.push(path)
  }
  return out
}
