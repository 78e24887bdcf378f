import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BodyFrameDecoder, type BodyStreamEnd } from '../../../src/shared/requests/body-stream'
import { newRequestSpec, type RequestSpec } from '../../../src/shared/requests/request-spec'
import type { CollectionView, SaveResult } from '../../../src/shared/ipc/collections.contract'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { collectionSecretKey } from '../../../src/main/core/collections/collection-secrets'
import { SandboxHost } from '../../../src/sandbox'
import { expectNoPlantedSecret, PLANTED_CLIENT_SECRET, PLANTED_KNOWN, PLANTED_TOKEN, PLANTED_VARIABLE_VALUE, testRoot } from './planted-secrets'
import { copyFixture, makeService, requestAt, snapshotFiles } from './support'

// No secret is ever written into a collection folder: credentials typed into a request, defaults or an
// environment are found before any write; on request they become secret variables whose values live in the
// keychain; a collection send resolves them in main only. Every byte the tests wrote is scanned at the end.
let root: string
beforeAll(async () => {
  root = await testRoot('secrets')
})
afterAll(async () => {
  expect(await expectNoPlantedSecret(root)).toBeGreaterThan(5)
  await rm(root, { recursive: true, force: true })
})

const saved = (result: SaveResult) => {
  if (result.status !== 'saved') throw new Error(`not saved: ${JSON.stringify(result)}`)
  return result
}

function pastedEverywhere(): RequestSpec {
  return newRequestSpec({
    name: 'Pasted from a customer',
    method: 'POST',
    url: `/companies/{{companyId}}/properties`,
    params: [{ name: 'client_secret', value: PLANTED_CLIENT_SECRET, enabled: true }],
    headers: [
      { name: 'Authorization', value: `Bearer ${PLANTED_TOKEN}`, enabled: true },
      { name: 'X-Known', value: PLANTED_KNOWN, enabled: true }
    ],
    body: { type: 'json', text: `{"token": "${PLANTED_TOKEN}", "name": "web"}` },
    variables: [{ name: 'password', value: PLANTED_CLIENT_SECRET, enabled: true }]
  })
}

describe('the scan at the end of every collections test file', () => {
  it('finds a planted secret in each form a file could carry it (so its silence means something)', async () => {
    const dir = join(root, '..', `scan-self-test-${process.pid}`)
    for (const [index, form] of [PLANTED_TOKEN, encodeURIComponent(PLANTED_CLIENT_SECRET), Buffer.from(PLANTED_VARIABLE_VALUE).toString('base64'), JSON.stringify(JSON.stringify(PLANTED_KNOWN))].entries()) {
      await mkdir(join(dir, String(index)), { recursive: true })
      await writeFile(join(dir, String(index), 'leak.yml'), `value: ${form}\n`)
      await expect(expectNoPlantedSecret(join(dir, String(index)))).rejects.toThrow(/holds a planted secret/)
    }
    await rm(dir, { recursive: true, force: true })
  })
})

describe('credentials are caught before anything is written', () => {
  it('a save answers with each finding (file, field, kind) and writes nothing', async () => {
    const dir = join(root, 'findings')
    await mkdir(dir, { recursive: true })
    const { service, registry } = makeService(dir)
    registry.add(PLANTED_KNOWN)
    const folder = await copyFixture('reactor-explorer', dir)
    const before = await snapshotFiles(folder)
    const view = await service.open(folder)
    const result = await service.saveRequest({ collectionId: view.id, folder: 'properties', spec: pastedEverywhere() })
    expect(result.status).toBe('secrets-found')
    if (result.status !== 'secrets-found') return
    expect(result.findings).toEqual([
      { file: 'properties/pasted-from-a-customer.yml', field: 'header Authorization', kind: 'JSON Web Token', fixable: true, variable: 'accessToken' },
      { file: 'properties/pasted-from-a-customer.yml', field: 'header X-Known', kind: 'a secret this app holds', fixable: true, variable: 'X-Known' },
      // The Sandbox environment has a clientSecret already: a new name, not a clash.
      { file: 'properties/pasted-from-a-customer.yml', field: 'param client_secret', kind: 'Adobe client secret', fixable: true, variable: 'clientSecret2' },
      { file: 'properties/pasted-from-a-customer.yml', field: 'body', kind: 'JSON Web Token', fixable: true, variable: 'accessToken' },
      { file: 'properties/pasted-from-a-customer.yml', field: 'variable password', kind: 'Adobe client secret', fixable: true, variable: 'password' }
    ])
    expect(result.message).toContain('credentials never go into it')
    const after = await snapshotFiles(folder)
    expect([...after.keys()]).toEqual([...before.keys()])
  })

  it('secretsAs: variables puts {{name}} in the file and the value in the keychain, declared in the collection', async () => {
    const dir = join(root, 'as-variables')
    await mkdir(dir, { recursive: true })
    const { service, registry, store } = makeService(dir)
    registry.add(PLANTED_KNOWN)
    const view = await service.open(await copyFixture('reactor-explorer', dir))
    const result = saved(await service.saveRequest({ collectionId: view.id, folder: 'properties', spec: pastedEverywhere(), secretsAs: 'variables' }))
    expect(result.secretsStored.map((stored) => [stored.variable, stored.scope])).toEqual([
      ['accessToken', 'collection'],
      ['X-Known', 'collection'],
      ['clientSecret2', 'collection'],
      ['password', 'collection']
    ])
    const text = await readFile(join(view.root, result.path), 'utf8')
    expect(text).toContain('value: Bearer {{accessToken}}')
    expect(text).toContain('value: "{{clientSecret2}}"')
    expect(text).toContain('url: /companies/{{companyId}}/properties?client_secret={{clientSecret2}}')
    expect(text).toContain('data: \'{"token": "{{accessToken}}", "name": "web"}\'')
    expect(text).toMatch(/- name: password\n\s+secret: true\n/)
    const rootFile = await readFile(join(view.root, 'opencollection.yml'), 'utf8')
    for (const name of ['accessToken', 'X-Known', 'clientSecret2']) expect(rootFile).toContain(`- name: ${name}\n      secret: true`)
    expect(await store.get(collectionSecretKey(view.root, { collection: true }, 'accessToken'))).toBe(PLANTED_TOKEN)
    expect(await store.get(collectionSecretKey(view.root, { collection: true }, 'clientSecret2'))).toBe(PLANTED_CLIENT_SECRET)
    expect(await store.get(collectionSecretKey(view.root, { collection: true }, 'password'))).toBe(PLANTED_CLIENT_SECRET)
    // The tree the renderer gets names the variables, never their values.
    expect(JSON.stringify(result.collection)).not.toContain(PLANTED_TOKEN)
    expect(requestAt(result.collection, result.path).spec.variables).toEqual([{ name: 'password', secret: true, enabled: true }])
  })

  it('into an environment when asked, and a credential inside a kept script cannot be fixed from here', async () => {
    const dir = join(root, 'into-environment')
    await mkdir(dir, { recursive: true })
    const { service, store } = makeService(dir)
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    const result = saved(await service.saveRequest({ collectionId: view.id, folder: '', spec: newRequestSpec({ headers: [{ name: 'Authorization', value: `Bearer ${PLANTED_TOKEN}`, enabled: true }] }), secretsAs: 'variables', secretsEnvironment: 'Sandbox' }))
    expect(result.secretsStored).toMatchObject([{ variable: 'accessToken', scope: 'Sandbox' }])
    expect(await store.get(collectionSecretKey(view.root, { environment: 'Sandbox' }, 'accessToken'))).toBe(PLANTED_TOKEN)
    expect(await readFile(join(folder, 'environments', 'sandbox.yml'), 'utf8')).toContain('- name: accessToken\n    secret: true\n')
    await expect(service.saveRequest({ collectionId: view.id, folder: '', spec: pastedEverywhere(), secretsAs: 'variables', secretsEnvironment: 'Nope' })).rejects.toMatchObject({ code: 'collections-not-found' })

    // A file someone committed with a token in its script: reported, never rewritten by us.
    const scripted = 'info:\n  name: Scripted\n  type: http\n  seq: 9\nhttp:\n  method: GET\n  url: /companies\nruntime:\n  scripts:\n    - type: before-request\n      code: req.setHeader("Authorization", "Bearer ' + 'eyJhbGciOiJIUzI1NiJ9.eyJzY3JpcHQiOiJ5ZXMifQ.c2NyaXB0c2lnbmF0dXJl' + '")\n'
    await writeFile(join(folder, 'scripted.yml'), scripted)
    const tree = await service.tree(view.id)
    const item = requestAt(tree, 'scripted.yml')
    const refused = await service.saveRequest({ collectionId: view.id, path: item.path, spec: { ...item.spec, url: '/companies?x=1' }, baseEtag: item.etag!, secretsAs: 'variables' })
    expect(refused).toMatchObject({ status: 'secrets-found', findings: [{ field: 'runtime.scripts.0.code', kind: 'JSON Web Token', fixable: false }] })
    expect(await readFile(join(folder, 'scripted.yml'), 'utf8')).toBe(scripted)
    await rm(join(folder, 'scripted.yml'))
  })
})

describe('secret variables of environments and defaults live in the keychain', () => {
  it('saving, renaming, binding and deleting environments moves their secret values with them', async () => {
    const dir = join(root, 'environments')
    await mkdir(dir, { recursive: true })
    const { service, store } = makeService(dir)
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    const key = (environment: string, name: string) => collectionSecretKey(view.root, { environment }, name)

    const stage = saved(await service.saveEnvironment({ collectionId: view.id, environment: { name: 'Stage', profileId: 'stage-profile', variables: [{ name: 'companyId', value: 'COstage', enabled: true }, { name: 'clientSecret', secret: true, value: PLANTED_VARIABLE_VALUE, enabled: true }] } }))
    expect(stage.path).toBe('environments/stage.yml')
    expect(stage.secretsStored).toMatchObject([{ variable: 'clientSecret', scope: 'Stage' }])
    expect(await store.get(key('Stage', 'clientSecret'))).toBe(PLANTED_VARIABLE_VALUE)
    expect(await readFile(join(folder, stage.path), 'utf8')).toContain('- name: clientSecret\n    secret: true\n')

    // A plain value that looks like a credential is refused, or made secret on request.
    const pasted = await service.saveEnvironment({ collectionId: view.id, environment: { name: 'Stage', profileId: 'stage-profile', variables: [{ name: 'token', value: PLANTED_TOKEN, enabled: true }, { name: 'clientSecret', secret: true, enabled: true }] }, previousName: 'Stage' })
    expect(pasted).toMatchObject({ status: 'secrets-found', findings: [{ file: 'environments/stage.yml', field: 'variable token', variable: 'token' }] })
    saved(await service.saveEnvironment({ collectionId: view.id, environment: { name: 'Stage', profileId: 'stage-profile', variables: [{ name: 'token', value: PLANTED_TOKEN, enabled: true }, { name: 'clientSecret', secret: true, enabled: true }] }, previousName: 'Stage', secretsAs: 'variables' }))
    expect(await store.get(key('Stage', 'token'))).toBe(PLANTED_TOKEN)
    // Saving without a value keeps the stored one.
    expect(await store.get(key('Stage', 'clientSecret'))).toBe(PLANTED_VARIABLE_VALUE)

    // Rename: the file and the keychain entries follow.
    const renamed = saved(await service.saveEnvironment({ collectionId: view.id, environment: { name: 'Staging', profileId: 'stage-profile', variables: [{ name: 'token', secret: true, enabled: true }, { name: 'clientSecret', secret: true, enabled: true }] }, previousName: 'Stage' }))
    expect(renamed.path).toBe('environments/staging.yml')
    expect(renamed.collection.environments.map((environment) => environment.name).sort()).toEqual(['Production', 'Sandbox', 'Staging'])
    expect(await store.get(key('Staging', 'clientSecret'))).toBe(PLANTED_VARIABLE_VALUE)
    expect(await store.get(key('Stage', 'clientSecret'))).toBeUndefined()

    // One environment per profile: binding Production to the Sandbox profile unbinds Sandbox.
    const production = renamed.collection.environments.find((environment) => environment.name === 'Production')!
    const bound = saved(await service.saveEnvironment({ collectionId: view.id, environment: { ...production, profileId: 'sandbox' }, previousName: 'Production' }))
    expect(bound.collection.environments.find((environment) => environment.name === 'Sandbox')?.profileId).toBeUndefined()
    expect((await service.environments(view.id, 'sandbox')).active).toBe('Production')
    expect((await service.environments(view.id, 'stage-profile')).active).toBe('Staging')
    expect((await service.environments(view.id, 'nobody')).active).toBeUndefined()
    await expect(service.saveEnvironment({ collectionId: view.id, environment: { name: 'sandbox', variables: [] } })).rejects.toMatchObject({ code: 'collections-name-taken' })

    const gone = await service.deleteEnvironment(view.id, 'Staging')
    expect(gone.deleted).toBe(true)
    expect(await store.get(key('Staging', 'clientSecret'))).toBeUndefined()
    expect(gone.collection.environments.map((environment) => environment.name).sort()).toEqual(['Production', 'Sandbox'])
  })

  it('folder and collection defaults: a secret variable with a value goes to the keychain, the file keeps its name', async () => {
    const dir = join(root, 'defaults')
    await mkdir(dir, { recursive: true })
    const { service, store } = makeService(dir)
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    const props = view.items.find((item) => item.path === 'properties')!
    const result = saved(
      await service.setDefaults({
        collectionId: view.id,
        folder: 'properties',
        defaults: { headers: [{ name: 'X-Team', value: 'tags', enabled: true }], variables: [{ name: 'apiKey', secret: true, value: PLANTED_VARIABLE_VALUE, enabled: true }], auth: { type: 'inherit' } },
        baseEtag: props.kind === 'folder' ? (props.etag ?? null) : null
      })
    )
    expect(result.path).toBe('properties/folder.yml')
    expect(await store.get(collectionSecretKey(view.root, { collection: true }, 'apiKey'))).toBe(PLANTED_VARIABLE_VALUE)
    expect(await readFile(join(folder, 'properties', 'folder.yml'), 'utf8')).toContain('  variables:\n    - name: apiKey\n      secret: true\n')
    const header = await service.setDefaults({ collectionId: view.id, folder: '', defaults: { headers: [{ name: 'Authorization', value: `Bearer ${PLANTED_TOKEN}`, enabled: true }], variables: [] }, baseEtag: result.collection.etag ?? null })
    expect(header).toMatchObject({ status: 'secrets-found', findings: [{ file: 'opencollection.yml', field: 'default header Authorization', fixable: true }] })
  })
})

describe('a collection request is sent with its secrets resolved in main', () => {
  let services: CoreServices
  let server: Server
  let received: IncomingHttpHeaders[] = []
  let target: string
  let view: CollectionView

  beforeAll(async () => {
    const dir = join(root, 'send')
    await mkdir(dir, { recursive: true })
    services = createCoreServices({ dataDir: dir, sandbox: new SandboxHost(), secretStores: [], proactiveRefresh: false, watchCollections: false })
    server = createServer((request, response) => {
      received.push(request.headers)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"ok":true}')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    view = await services.collections.service.open(await copyFixture('reactor-explorer', dir))
  })
  afterAll(async () => {
    await services.dispose()
    await new Promise((done) => server.close(done))
  })

  it('sends a saved request against the Sandbox with the environment bound to the profile', async () => {
    const handlers = services.collections.handlers
    const response = await handlers['collections:sendRequest']({ requestId: 'c1', collectionId: view.id, path: 'list-companies.yml', profileId: 'sandbox' })
    expect(response.status).toBe(200)
    // The collection's default Accept header went out with it.
    expect(response.sentHeaders.find(([name]) => name.toLowerCase() === 'accept')?.[1]).toBe('application/vnd.api+json;revision=1')
    const props = await handlers['collections:sendRequest']({ requestId: 'c2', collectionId: view.id, path: 'properties/list-properties.yml', profileId: 'sandbox' })
    // {{companyId}} came from the Sandbox environment (bound to the sandbox profile): COsandbox does not exist there.
    expect(props.url).toContain('/companies/COsandbox/properties')
  })

  it('a secret variable of the environment is sent, echoed as {{name}}, and never written or answered', async () => {
    const handlers = services.collections.handlers
    const env = saved(await handlers['collections:saveEnvironment']({ collectionId: view.id, environment: { name: 'Sandbox', profileId: 'sandbox', variables: [{ name: 'companyId', value: 'COsandbox', enabled: true }, { name: 'probeToken', secret: true, value: PLANTED_VARIABLE_VALUE, enabled: true }] }, previousName: 'Sandbox' }))
    expect(env.secretsStored).toMatchObject([{ variable: 'probeToken', scope: 'Sandbox' }])
    const request = saved(await handlers['collections:saveRequest']({ collectionId: view.id, folder: '', spec: newRequestSpec({ name: 'Probe', url: `${target}/probe`, headers: [{ name: 'X-Probe', value: 'Token {{probeToken}}', enabled: true }], auth: { type: 'none' } }) }))
    received = []
    const response = await handlers['collections:sendRequest']({ requestId: 'c3', collectionId: view.id, path: request.path, profileId: 'sandbox' })
    expect(response.status).toBe(200)
    expect(received[0]?.['x-probe']).toBe(`Token ${PLANTED_VARIABLE_VALUE}`)
    expect(response.sentHeaders.find(([name]) => name.toLowerCase() === 'x-probe')?.[1]).toBe('Token {{probeToken}}')
    expect(JSON.stringify(response)).not.toContain(PLANTED_VARIABLE_VALUE)
    // The value is lent to that one send only.
    expect(services.collections.secrets.valueFor('probeToken', 'environment', 'c3')).toBeUndefined()
    // Unsaved edits of the tab go out as the draft, with the same scopes.
    const draft = await handlers['collections:sendRequest']({ requestId: 'c4', collectionId: view.id, path: request.path, profileId: 'sandbox', draft: { ...requestAt(request.collection, request.path).spec, url: `${target}/draft` } })
    expect(draft.url).toBe(`${target}/draft`)
    // Without an environment the secret stays unresolved, and the error says so.
    await expect(handlers['collections:sendRequest']({ requestId: 'c5', collectionId: view.id, path: request.path })).rejects.toMatchObject({ code: 'request-unresolved-variables', message: expect.stringContaining('{{probeToken}}') })
    await expect(handlers['collections:sendRequest']({ requestId: 'c6', collectionId: view.id, path: 'nope.yml' })).rejects.toMatchObject({ code: 'collections-not-found' })
  })

  it('streamBody: the head answers with a stream whose frames are the body, and the lent secret is given back when the send is over', async () => {
    const handlers = services.collections.handlers
    const request = saved(await handlers['collections:saveRequest']({ collectionId: view.id, folder: '', spec: newRequestSpec({ name: 'Streamed probe', url: `${target}/streamed`, headers: [{ name: 'X-Probe', value: 'Token {{probeToken}}', enabled: true }], auth: { type: 'none' } }) }))
    received = []
    const response = await handlers['collections:sendRequest']({ requestId: 'c7', collectionId: view.id, path: request.path, profileId: 'sandbox', streamBody: true })
    expect(received[0]?.['x-probe']).toBe(`Token ${PLANTED_VARIABLE_VALUE}`)
    expect(response.status).toBe(200)
    if (response.body.kind !== 'stream') throw new Error(`expected a stream, got ${response.body.kind}`)
    const decoder = new BodyFrameDecoder()
    const chunks: Uint8Array[] = []
    const ended = new Promise<BodyStreamEnd>((resolve, reject) => {
      const attached = services.requests.streams.attach((response.body as { streamId: string }).streamId, {
        write(frame) {
          for (const decoded of decoder.push(frame)) {
            if (decoded.type === 'chunk') chunks.push(decoded.bytes)
            else if (decoded.type === 'end') resolve(decoded.end)
            else reject(new Error(decoded.error.message))
          }
          return true
        },
        end() {},
        onDrain() {},
        onClose() {}
      })
      if (!attached) reject(new Error('the stream was not there to attach to'))
    })
    const end = await ended
    expect(Buffer.concat(chunks).toString('utf8')).toBe('{"ok":true}')
    expect(end).toMatchObject({ kept: 'inline', bytes: 11 })
    // Given back once the whole send is over, not when the head answered.
    await vi.waitFor(() => expect(services.collections.secrets.valueFor('probeToken', 'environment', 'c7')).toBeUndefined())
  })
})
