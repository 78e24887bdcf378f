import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { listFolderFiles } from '../../../src/main/core/interchange/input-documents'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import type { ExportResult, ImportPreviewView } from '../../../src/shared/ipc/interchange.contract'
import { SandboxHost } from '../../../src/sandbox'

const FIXTURES = resolve(__dirname, '../../fixtures/interchange')

// The app's imports, starter collection and exports, through the dispatcher as the renderer calls them.
describe('interchange capability (interchange:*)', () => {
  let dir: string
  let saveDir: string
  let core: AppCore
  const sandbox = new SandboxHost()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-interchange-'))
    saveDir = await mkdtemp(join(tmpdir(), 're-interchange-save-'))
    core = createAppCore({
      transport: 'loopback',
      version: 'test',
      dataDir: dir,
      sandbox,
      secretStores: [],
      watchCollections: false,
      log: () => undefined,
      chooseSavePath: async (name) => (name.includes('cancel') ? undefined : join(saveDir, name))
    })
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
    await rm(saveDir, { recursive: true, force: true })
  })

  async function call<T>(channel: string, input?: unknown): Promise<T> {
    const answer = await core.dispatcher.dispatch(channel, input)
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`)
    return answer.value as T
  }
  async function failure(channel: string, input?: unknown): Promise<{ code: string; message: string }> {
    const answer = await core.dispatcher.dispatch(channel, input)
    if (answer.ok) throw new Error(`${channel} answered ok: ${JSON.stringify(answer.value).slice(0, 200)}`)
    return answer.error
  }

  it('previews a Postman collection without writing anything, then writes it into the data folder and opens it', async () => {
    const text = await readFile(join(FIXTURES, 'postman/adobe-reactor-api.postman_collection.json'), 'utf8')
    const preview = await call<ImportPreviewView>('interchange:previewImport', { fileName: 'adobe-reactor-api.postman_collection.json', text })
    expect(preview.source.kind).toBe('postman-collection')
    expect(preview.report.requests).toBeGreaterThan(5)
    expect(preview.outline.length).toBeGreaterThan(0)
    expect(preview.outline.filter((entry) => entry.kind === 'folder').every((entry) => typeof entry.requests === 'number')).toBe(true)
    expect(preview.defaultParent).toBe(join(dir, 'collections'))
    expect(await readdir(dir)).not.toContain('collections')

    const written = await call<{ collection: CollectionView; files: number }>('interchange:writeImport', { previewId: preview.previewId, name: 'Adobe Reactor' })
    expect(written.collection.name).toBe('Adobe Reactor')
    expect(written.collection.root).toBe(join(dir, 'collections', 'adobe-reactor'))
    expect(written.files).toBeGreaterThan(preview.report.requests)
    const list = await call<Array<{ id: string; requests: number }>>('collections:list')
    expect(list.find((entry) => entry.id === written.collection.id)?.requests).toBe(preview.report.requests)
    // The preview was used up: writing it again is refused with a sentence, not a second folder.
    expect(await failure('interchange:writeImport', { previewId: preview.previewId })).toMatchObject({ code: 'interchange-preview-expired' })
  })

  it('refuses unreadable input with where it went wrong, and both or neither of text and zip', async () => {
    const broken = await failure('interchange:previewImport', { fileName: 'broken.json', text: '{\n  "info": {\n    "name": "x",\n  }\n}' })
    expect(broken.code).toMatch(/^import-/)
    expect(broken.message).toMatch(/line 4/)
    expect((await failure('interchange:previewImport', { fileName: 'notes.json', text: '{"hello": "world"}' })).code).toBe('import-unknown-format')
    expect((await failure('interchange:previewImport', { fileName: 'x.json', text: '{}', zipBase64: 'UEs=' })).code).toBe('invalid-input')
    expect((await failure('interchange:previewImport', { fileName: 'x.json' })).code).toBe('invalid-input')
    expect((await failure('interchange:previewImport', { fileName: '../x.json', text: '{}' })).code).toBe('invalid-input')
  })

  it('imports a zipped Bruno folder (the folder itself zipped), and refuses entries that climb out', async () => {
    const root = join(FIXTURES, 'bruno/reactor-bru')
    const entries: Record<string, Uint8Array> = {}
    for (const file of await listFolderFiles(root)) entries[`reactor-bru/${file.path}`] = await readFile(file.absolute)
    const zip = Buffer.from(zipSync(entries)).toString('base64')
    const preview = await call<ImportPreviewView>('interchange:previewImport', { fileName: 'reactor-bru.zip', zipBase64: zip })
    expect(preview.source).toMatchObject({ kind: 'bruno-folder', fileName: 'reactor-bru.zip' })
    expect(preview.report.requests).toBeGreaterThan(0)

    const climbing = Buffer.from(zipSync({ '../evil/bruno.json': strToU8('{"version":"1","name":"x","type":"collection"}') })).toString('base64')
    const refused = await failure('interchange:previewImport', { fileName: 'evil.zip', zipBase64: climbing })
    expect(refused.code).toBe('import-unknown-format')
    expect(await readdir(tmpdir()).then((names) => names.filter((name) => name === 'evil'))).toEqual([])
    expect((await failure('interchange:previewImport', { fileName: 'not.zip', zipBase64: Buffer.from('not a zip at all').toString('base64') })).message).toMatch(/not a zip file/)
  })

  it('adds a Postman environment to an open collection instead of making a collection of it', async () => {
    const view = await call<CollectionView>('collections:create', { name: 'Env target' })
    const text = await readFile(join(FIXTURES, 'postman/Reactor.postman_environment.json'), 'utf8')
    const preview = await call<ImportPreviewView>('interchange:previewImport', { fileName: 'Reactor.postman_environment.json', text })
    expect(preview.environmentsOnly).toBe(true)
    const written = await call<{ collection: CollectionView }>('interchange:writeImport', { previewId: preview.previewId, intoCollectionId: view.id })
    expect(written.collection.environments.map((environment) => environment.name)).toEqual(preview.environments)
    // No credential of the environment file reached the folder.
    for (const file of await listFolderFiles(view.root)) expect(await readFile(file.absolute, 'utf8')).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}|p8e-/)
  })

  it('creates the starter collection in one call, its Sandbox environment bound to the Sandbox profile with the Sandbox ids', async () => {
    const starter = await call<CollectionView>('interchange:createStarter')
    const running = await sandbox.ensureRunning()
    expect(starter.name).toBe('Reactor starter')
    expect(starter.environments).toEqual([
      expect.objectContaining({ name: 'Sandbox', profileId: 'sandbox', variables: expect.arrayContaining([expect.objectContaining({ name: 'companyId', value: running.seeded.companyId })]) })
    ])
    // A second one takes the next free folder name instead of failing on the first.
    const again = await call<CollectionView>('interchange:createStarter')
    expect(again.root).not.toBe(starter.root)
  })

  it('exports as text (browser mode) and to the file the save dialog names (the app); a cancelled dialog writes nothing', async () => {
    const starter = (await call<Array<{ id: string; name: string }>>('collections:list')).find((entry) => entry.name === 'Reactor starter')!
    const asText = await call<ExportResult>('interchange:exportCollection', { collectionId: starter.id, format: 'postman', destination: 'text' })
    expect(asText.fileName).toBe('reactor-starter.postman_collection.json')
    expect(JSON.parse(asText.text!).info.schema).toMatch(/v2\.1\.0/)
    expect(asText.notes.join(' ')).toMatch(/environments \(Sandbox\)/)
    const toFile = await call<ExportResult>('interchange:exportCollection', { collectionId: starter.id, format: 'opencollection', destination: 'file' })
    expect(toFile).toMatchObject({ saved: true, path: join(saveDir, 'reactor-starter.opencollection.yml') })
    expect(await readFile(toFile.path!, 'utf8')).toMatch(/bundled: true/)

    const renamed = await call<CollectionView>('collections:create', { name: 'cancel me' })
    expect(await call<ExportResult>('interchange:exportCollection', { collectionId: renamed.id, format: 'postman', destination: 'file' })).toMatchObject({ saved: false })
    expect(await readdir(saveDir)).toEqual(['reactor-starter.opencollection.yml'])
  })
})
