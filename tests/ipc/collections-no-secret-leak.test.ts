import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { SandboxHost } from '../../src/sandbox'
import { expectNoPlantedSecret, PLANTED_CLIENT_SECRET, PLANTED_TOKEN, PLANTED_VARIABLE_VALUE } from '../unit/collections/planted-secrets'

// The collections capability through the real dispatcher: every channel validates its input before core code
// runs (paths that climb out, bad ids, malformed documents), and a journey of creating, saving with pasted
// credentials, environments with secret values and sends never hands a secret to the renderer — in answers,
// events or logs — nor writes one into any file of the data folder or the collection.
describe('collections:* validate input and never return or write a secret', () => {
  let dir: string
  let core: AppCore
  let server: Server
  let target: string
  const received: IncomingHttpHeaders[] = []
  const outbound: string[] = []

  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string; detail?: string } }
  }
  async function value(channel: string, input?: unknown) {
    const result = await call(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-ipc-collections-'))
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, sandbox: new SandboxHost(), secretStores: [], log: (line) => outbound.push(line) })
    core.events.subscribe((event) => outbound.push(JSON.stringify(event)))
    server = createServer((request, response) => {
      received.push(request.headers)
      response.writeHead(200, { 'content-type': 'application/json' })
      // /echo answers with the header it got, as some servers do; everything else just says ok.
      response.end(JSON.stringify(request.url?.startsWith('/echo') ? { echoed: request.headers['x-probe'] ?? null } : { ok: true }))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await core.dispose()
    await new Promise((done) => server.close(done))
    await rm(dir, { recursive: true, force: true })
  })

  it('rejects malformed input with invalid-input, naming the field, before any core code runs', async () => {
    const id = '0123456789abcdef'
    const spec = { method: 'GET', url: '/companies' }
    const bad: Array<[string, unknown]> = [
      ['collections:open', {}],
      ['collections:open', { root: '' }],
      ['collections:tree', { collectionId: '../../etc' }],
      ['collections:tree', { collectionId: 'ABCDEF0123456789' }],
      ['collections:saveRequest', { collectionId: id, path: '../outside.yml', spec, baseEtag: null }],
      ['collections:saveRequest', { collectionId: id, path: '/etc/passwd', spec, baseEtag: null }],
      ['collections:saveRequest', { collectionId: id, path: 'a\\..\\b.yml', spec, baseEtag: null }],
      ['collections:saveRequest', { collectionId: id, path: 'C:/x.yml', spec, baseEtag: null }],
      ['collections:saveRequest', { collectionId: id, folder: 'a/./b', spec }],
      ['collections:saveRequest', { collectionId: id, spec: { method: 'FETCH', url: '/x' } }],
      ['collections:saveRequest', { collectionId: id, spec, secretsAs: 'plaintext' }],
      ['collections:rename', { collectionId: id, path: 'a.yml', name: '   ' }],
      ['collections:move', { collectionId: id, path: 'a.yml', toFolder: '', index: -1 }],
      ['collections:move', { collectionId: id, path: 'a.yml', toFolder: '..', index: 0 }],
      ['collections:delete', { collectionId: id, path: '' }],
      ['collections:restore', { collectionId: id, undoId: '' }],
      ['collections:newFolder', { collectionId: id, parent: '../..', name: 'x' }],
      ['collections:setDefaults', { collectionId: id, folder: '', defaults: { headers: [{ name: 'a' }] } }],
      ['collections:saveEnvironment', { collectionId: id, environment: { name: '', variables: [] } }],
      ['collections:saveEnvironment', { collectionId: id, environment: { name: 'x', variables: [{ name: '', value: 'v' }] } }],
      ['collections:deleteEnvironment', { collectionId: id }],
      ['collections:sendRequest', { collectionId: id, path: 'a.yml' }],
      ['collections:sendRequest', { requestId: 'r', collectionId: id, path: 'a.yml', runtime: [{ name: '', value: 'x' }] }],
      ['collections:create', { name: '' }],
      ['collections:list', { unexpected: true }]
    ]
    for (const [channel, input] of bad) {
      expect(await call(channel, input), `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid-input', message: `Invalid input for ${channel}.` } })
    }
    // Well-formed but unknown: a clear sentence, not a crash.
    expect(await call('collections:tree', { collectionId: id })).toMatchObject({ ok: false, error: { code: 'collections-not-open' } })
    expect(await call('collections:open', { root: 'relative/folder' })).toMatchObject({ ok: false, error: { code: 'collections-bad-path' } })
  })

  it('a journey of saves with pasted credentials, secret environments and sends leaks no secret anywhere', async () => {
    const view = await value('collections:create', { name: 'Team Reactor' })
    expect(view.root).toBe(join(dir, 'collections', 'team-reactor'))
    const id = view.id as string

    // A pasted bearer token and client secret: refused with findings, then stored as secret variables.
    const pasted = {
      name: 'Pasted',
      method: 'GET',
      url: `${target}/pasted`,
      auth: { type: 'none' },
      headers: [{ name: 'Authorization', value: `Bearer ${PLANTED_TOKEN}` }],
      params: [{ name: 'client_secret', value: PLANTED_CLIENT_SECRET }]
    }
    const refused = await value('collections:saveRequest', { collectionId: id, folder: '', spec: pasted })
    expect(refused).toMatchObject({ status: 'secrets-found', findings: [{ field: 'header Authorization' }, { field: 'param client_secret' }] })
    expect(JSON.stringify(refused)).not.toContain(PLANTED_TOKEN)
    const stored = await value('collections:saveRequest', { collectionId: id, folder: '', spec: pasted, secretsAs: 'variables' })
    expect(stored).toMatchObject({ status: 'saved', path: 'pasted.yml', secretsStored: [{ variable: 'accessToken' }, { variable: 'clientSecret' }] })

    // An environment bound to the Sandbox profile with a secret value typed in.
    const env = await value('collections:saveEnvironment', { collectionId: id, environment: { name: 'Sandbox', profileId: 'sandbox', variables: [{ name: 'probe', secret: true, value: PLANTED_VARIABLE_VALUE }, { name: 'companyId', value: 'CO1' }] } })
    expect(env).toMatchObject({ status: 'saved', path: 'environments/sandbox.yml' })
    expect(await value('collections:environments', { collectionId: id, profileId: 'sandbox' })).toMatchObject({ active: 'Sandbox', environments: [{ name: 'Sandbox', variables: [{ name: 'probe', secret: true }, { name: 'companyId' }] }] })

    const folder = await value('collections:newFolder', { collectionId: id, parent: '', name: 'Probes' })
    const probe = await value('collections:saveRequest', { collectionId: id, folder: folder.path, spec: { name: 'Probe', method: 'GET', url: `${target}/probe`, auth: { type: 'none' }, headers: [{ name: 'X-Probe', value: '{{probe}}' }] } })
    const sent = await value('collections:sendRequest', { requestId: 'p1', collectionId: id, path: probe.path, profileId: 'sandbox' })
    expect(sent.status).toBe(200)
    expect(received.at(-1)?.['x-probe']).toBe(PLANTED_VARIABLE_VALUE)
    // A server that echoes the value back: the guard knows it since it was stored, so that answer cannot leave main.
    const echo = await value('collections:saveRequest', { collectionId: id, folder: folder.path, spec: { name: 'Echo', method: 'GET', url: `${target}/echo`, auth: { type: 'none' }, headers: [{ name: 'X-Probe', value: '{{probe}}' }] } })
    expect(await call('collections:sendRequest', { requestId: 'p0', collectionId: id, path: echo.path, profileId: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'secret-leak-blocked' } })
    const again = await value('collections:sendRequest', { requestId: 'p2', collectionId: id, path: 'pasted.yml', profileId: 'sandbox' })
    expect(again.status).toBe(200)
    expect(received.at(-1)?.authorization).toBe(`Bearer ${PLANTED_TOKEN}`)
    expect(new URL(again.url).searchParams.get('client_secret')).toBe('{{clientSecret}}')

    // A Sandbox request with the profile's own auth, and the tree operations.
    const list = await value('collections:saveRequest', { collectionId: id, folder: '', spec: { name: 'List companies', method: 'GET', url: '/companies' } })
    expect((await value('collections:sendRequest', { requestId: 'p3', collectionId: id, path: list.path, profileId: 'sandbox' })).status).toBe(200)
    await value('collections:rename', { collectionId: id, path: list.path, name: 'Companies' })
    await value('collections:move', { collectionId: id, path: 'companies.yml', toFolder: 'probes', index: 0 })
    const copy = await value('collections:duplicate', { collectionId: id, path: 'probes/companies.yml' })
    const deleted = await value('collections:delete', { collectionId: id, path: copy.path })
    await value('collections:restore', { collectionId: id, undoId: deleted.undoId })
    await value('collections:setDefaults', { collectionId: id, folder: 'probes', defaults: { headers: [{ name: 'X-Team', value: 'tags' }], variables: [{ name: 'folderSecret', secret: true, value: PLANTED_VARIABLE_VALUE }] }, baseEtag: null })
    const listed = await value('collections:list')
    expect(listed).toEqual([expect.objectContaining({ id, name: 'Team Reactor', requests: 5, folders: 1, unreadable: 0 })])
    const tree = await value('collections:tree', { collectionId: id })
    expect(tree.items.map((item: any) => item.path)).toEqual(['pasted.yml', 'probes'])
    expect(await value('collections:deleteEnvironment', { collectionId: id, name: 'Sandbox' })).toMatchObject({ deleted: true })
    expect(await value('collections:close', { collectionId: id })).toEqual({ closed: true })

    // Nothing that crossed (answers, events, logs) holds a secret, and no file anywhere does.
    for (const line of outbound) {
      expect(core.secrets.containsSecret(line), line.slice(0, 160)).toBe(false)
      for (const planted of [PLANTED_TOKEN, PLANTED_CLIENT_SECRET, PLANTED_VARIABLE_VALUE]) expect(line.includes(planted), line.slice(0, 160)).toBe(false)
    }
    expect(outbound.some((line) => line.includes('secret-leak-blocked'))).toBe(true)
    expect(await expectNoPlantedSecret(dir, [PLANTED_TOKEN, PLANTED_CLIENT_SECRET, PLANTED_VARIABLE_VALUE])).toBeGreaterThan(4)
  })
})
