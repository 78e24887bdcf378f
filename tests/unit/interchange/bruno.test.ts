import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseEnvironment, parseFolder, parseRequest } from '@usebruno/filestore'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestsInOrder, type Collection, type RequestItem } from '../../../src/shared/collections/collection-model'
import { previewImport, writeImport, type ImportPreview } from '../../../src/main/core/interchange'

const FIXTURES = join(__dirname, '../../fixtures/interchange/bruno')
const requests = (collection: Collection) => requestsInOrder(collection.items).map(({ item }) => item)
const byName = (collection: Collection, name: string): RequestItem => requests(collection).find((item) => item.spec.name === name)!

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rx-bruno-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

async function files(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name))
      else out.push(relative(root, join(dir, entry.name)).split('\\').join('/'))
    }
  }
  await walk(root)
  return out.sort()
}

describe('Bruno .bru collections', () => {
  let preview: ImportPreview
  beforeAll(async () => {
    preview = await previewImport(join(FIXTURES, 'reactor-bru'))
  })

  it('reads folders (with folder.bru names and order), requests, environments; a broken file is listed with line and column', () => {
    expect(preview.source.kind).toBe('bruno-folder')
    expect(preview.report).toMatchObject({ requests: 5, folders: 3, environments: 1 })
    expect(preview.collection.name).toBe('Reactor (Bruno)')
    expect(preview.collection.items.map((item) => (item.kind === 'folder' ? item.name : item.kind))).toEqual(['Companies & properties', 'libraries', 'misc', 'unreadable'])
    expect(preview.report.unmapped[0]).toEqual({ item: 'broken.bru', reason: 'Not valid Bru: expected ":" (line 5, column 5).' })
    expect(requests(preview.collection).map((item) => item.spec.name)).toEqual(['List companies', 'Get a property', 'Create a library', 'Send a form', 'Upload a package'])
  })

  it('maps path params, query rows, settings, post-response vars and assertions (runtime.actions / runtime.assertions)', () => {
    const property = byName(preview.collection, 'Get a property')
    expect(property.spec).toMatchObject({
      url: '/properties/{{propertyId}}',
      params: [
        { name: 'include', value: 'company', enabled: true },
        { name: 'page[size]', value: '100', enabled: false }
      ],
      options: { timeoutMs: 30000 },
      reactor: { operationId: 'retrieveProperty' }
    })
    const list = byName(preview.collection, 'List companies')
    expect(list.extra).toEqual({
      runtime: {
        assertions: [
          { expression: 'res.status', operator: 'eq', value: '200' },
          { expression: 'res.body.data', operator: 'isArray' }
        ],
        actions: [{ type: 'set-variable', phase: 'after-response', selector: { expression: 'res.body.data[0].id', method: 'jsonq' }, variable: { name: 'companyId', scope: 'runtime' } }]
      },
      info: { tags: ['smoke'] }
    })
    expect(list.docs).toBe('404 means the credential works but the org has no Tags company.')
  })

  it("Reactor requests use the profile's auth (the collection's bearer {{accessToken}} included); other hosts keep theirs", () => {
    expect(preview.collection.defaults.auth).toBeUndefined()
    expect(preview.collection.defaults.headers).toEqual([{ name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true }])
    expect(preview.report.notes).toContain("Auth set on the collection (Authorization) became the profile's auth: every request that uses it goes to the Reactor host.")
    expect(byName(preview.collection, 'Send a form').spec.auth).toEqual({ type: 'headers', headers: [{ name: 'X-Partner-Key', value: '{{partnerKey}}', enabled: true }] })
    expect(byName(preview.collection, 'Upload a package').spec).toMatchObject({
      auth: { type: 'none' },
      body: { type: 'multipart', parts: [{ kind: 'file', name: 'package', path: 'packages/ext.zip', enabled: true }, { kind: 'text', name: 'note', value: 'first upload', enabled: true }, { kind: 'text', name: 'skip', value: 'yes', enabled: false }] }
    })
    expect(byName(preview.collection, 'Send a form').spec.body).toEqual({ type: 'form-urlencoded', fields: [{ name: 'name', value: 'Ann', enabled: true }, { name: 'debug', value: 'true', enabled: false }] })
  })

  it('keeps scripts and tests as text in the docs and reports them', () => {
    const library = byName(preview.collection, 'Create a library')
    expect(library.docs).toContain('## Bruno pre-request script (imported, not run by Reactor Explorer)')
    expect(library.docs).toContain('req.setHeader("x-run", Date.now());')
    expect(library.docs).toContain('## Bruno tests script (imported, not run by Reactor Explorer)')
    expect(preview.report.unmapped.filter((entry) => entry.item === 'libraries/create-library.bru').map((entry) => entry.reason)).toEqual([
      'its pre-request script is kept as text in the docs: Reactor Explorer does not run scripts',
      'its tests script is kept as text in the docs: Reactor Explorer does not run scripts'
    ])
  })

  it('environment secrets stay secret (no value); a Reactor id is not mistaken for a token', () => {
    expect(preview.collection.environments).toEqual([
      {
        name: 'Sandbox',
        variables: [
          { name: 'companyId', value: 'COe1a7d7b2d8e94fd3b3f0f5a9b7a5d5b1', enabled: true },
          { name: 'propertyId', value: 'PRold', enabled: false },
          { name: 'accessToken', enabled: true, secret: true }
        ]
      }
    ])
  })

  it('writes a folder that Bruno\'s own reader (@usebruno/filestore) opens request by request', async () => {
    const target = join(work, 'from-bru')
    const written = await writeImport(preview, target)
    expect(written.files).not.toContain('broken.yml')
    for (const path of written.files.filter((file) => file.endsWith('.yml') && !file.endsWith('folder.yml') && file !== 'opencollection.yml' && !file.startsWith('environments/'))) {
      const parsed = parseRequest(await readFile(join(target, path), 'utf8'), { format: 'yml' }) as any
      const ours = requests(preview.collection).find((item) => item.path === path)!
      expect(parsed.name).toBe(ours.spec.name)
      expect(parsed.request.method).toBe(ours.spec.method)
    }
    const listCompanies = parseRequest(await readFile(join(target, 'companies-&-properties/list-companies.yml'), 'utf8'), { format: 'yml' }) as any
    expect(listCompanies.request.url).toBe('/companies')
    expect(listCompanies.request.vars.res).toMatchObject([{ name: 'companyId', value: 'res.body.data[0].id', enabled: true }])
    expect(listCompanies.request.assertions.map((a: any) => [a.name, a.value])).toEqual([
      ['res.status', 'eq 200'],
      ['res.body.data', 'isArray']
    ])
    const env = parseEnvironment(await readFile(join(target, 'environments/sandbox.yml'), 'utf8'), { format: 'yml' }) as any
    expect(env.variables.map((v: any) => [v.name, v.value, v.secret])).toEqual([
      ['companyId', 'COe1a7d7b2d8e94fd3b3f0f5a9b7a5d5b1', false],
      ['propertyId', 'PRold', false],
      ['accessToken', '', true]
    ])
  })
})

describe('Bruno YAML (OpenCollection) folders', () => {
  it('opens Bruno-written files, the older `mode: json` body shape too; an invalid file is reported with its position', async () => {
    const preview = await previewImport(join(FIXTURES, 'opencollection-yml'))
    expect(preview.source.kind).toBe('opencollection-folder')
    expect(preview.report).toMatchObject({ requests: 3, folders: 1, environments: 1 })
    expect(preview.report.unmapped).toEqual([
      { item: 'users/broken.yml', reason: expect.stringMatching(/^not imported: .*not valid YAML.*\(line 7, column 1\)\.$/) },
      { item: 'users/create-user.yml', reason: 'its tests script is kept in the file as written: Reactor Explorer does not run scripts' }
    ])
    expect(byName(preview.collection, 'Update User').spec.body).toMatchObject({ type: 'json', text: '{"name": "Ann B."}\n' })
    expect(preview.collection.environments[0]!.variables).toEqual([
      { name: 'host', value: 'http://localhost:8080', enabled: true },
      { name: 'apiToken', enabled: true, secret: true }
    ])
  })

  it('Bruno → ours → Bruno: every request, folder and environment reads the same in Bruno\'s reader', async () => {
    const source = join(FIXTURES, 'opencollection-yml')
    const target = join(work, 'from-yml')
    await writeImport(await previewImport(source), target)
    const sourceFiles = (await files(source)).filter((file) => file !== 'users/broken.yml')
    expect(await files(target)).toEqual(sourceFiles)
    const view = (request: any) => ({
      name: request.name,
      seq: request.seq,
      tags: request.tags,
      method: request.request.method,
      url: request.request.url,
      headers: request.request.headers.map((h: any) => [h.name, h.value, h.enabled]),
      params: request.request.params.map((p: any) => [p.name, p.value, p.type, p.enabled]),
      body: { mode: request.request.body.mode, json: request.request.body.json, text: request.request.body.text },
      auth: { mode: request.request.auth.mode, bearer: request.request.auth.bearer },
      vars: request.request.vars.res.map((v: any) => [v.name, v.value]),
      assertions: request.request.assertions.map((a: any) => [a.name, a.value]),
      tests: request.request.tests,
      docs: request.request.docs
    })
    for (const file of sourceFiles.filter((path) => !path.startsWith('environments/') && !path.endsWith('folder.yml') && path !== 'opencollection.yml')) {
      const before = view(parseRequest(await readFile(join(source, file), 'utf8'), { format: 'yml' }))
      const after = view(parseRequest(await readFile(join(target, file), 'utf8'), { format: 'yml' }))
      // Bruno reads the older `mode: json` shape as a json body too; we write the current shape.
      expect(after, file).toEqual(before)
    }
    const folderView = (folder: any) => ({ name: folder.meta.name, seq: folder.meta.seq, headers: folder.request.headers.map((h: any) => [h.name, h.value]) })
    expect(folderView(parseFolder(await readFile(join(target, 'users/folder.yml'), 'utf8'), { format: 'yml' }))).toEqual(folderView(parseFolder(await readFile(join(source, 'users/folder.yml'), 'utf8'), { format: 'yml' })))
    const envView = (env: any) => env.variables.map((v: any) => [v.name, v.value, v.secret])
    expect(envView(parseEnvironment(await readFile(join(target, 'environments/Local.yml'), 'utf8'), { format: 'yml' }))).toEqual(envView(parseEnvironment(await readFile(join(source, 'environments/Local.yml'), 'utf8'), { format: 'yml' })))
  })

  it('never writes into an existing folder, and a failed import leaves nothing behind', async () => {
    const preview = await previewImport(join(FIXTURES, 'opencollection-yml'))
    const taken = join(work, 'taken')
    await writeImport(preview, taken)
    await expect(writeImport(preview, taken)).rejects.toMatchObject({ code: 'import-target-exists' })
    const broken = { ...preview, collection: { ...preview.collection, items: [...preview.collection.items, { ...requests(preview.collection)[0]!, path: '../escape.yml' }] } }
    const target = join(work, 'never')
    await expect(writeImport(broken, target)).rejects.toMatchObject({ code: 'import-write-failed', message: expect.stringMatching(/would leave the collection folder/) })
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' })
    expect((await readdir(work)).filter((name) => name.includes('importing'))).toEqual([])
  })
})
