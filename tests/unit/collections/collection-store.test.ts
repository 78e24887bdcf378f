import fs from 'node:fs'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { renderNewFile } from '../../../src/main/core/collections/yaml-files'
import { writeRequestFile } from '../../../src/main/core/collections/opencollection-format'
import { expectNoPlantedSecret, testRoot } from './planted-secrets'
import { copyFixture, flatten, makeService, requestAt, saveEverythingUnchanged, snapshotFiles } from './support'

// Collections on disk through CollectionService: open → save without edits is byte-identical on every
// fixture, edits touch only what changed, bad files are listed (never rewritten) while the rest opens,
// writes are atomic, and every operation of the Collections area keeps order in `seq`.
let root: string
beforeAll(async () => {
  root = await testRoot('store')
})
afterAll(async () => {
  expect(await expectNoPlantedSecret(root)).toBeGreaterThan(0)
  await rm(root, { recursive: true, force: true })
})

async function workspace(name: string) {
  const dir = join(root, name)
  await mkdir(dir, { recursive: true })
  return { dir, ...makeService(dir) }
}

describe('open → save without edits is byte-identical', () => {
  for (const fixture of ['bruno-yml', 'reactor-explorer', 'hostile', 'future-version']) {
    it(`on ${fixture}`, async () => {
      const { dir, service } = await workspace(`identical-${fixture}`)
      const folder = await copyFixture(fixture, dir)
      const before = await snapshotFiles(folder)
      const view = await service.open(folder)
      if (fixture === 'future-version') {
        // A version this app does not read: shown, and every write refused with the reason.
        expect(view.readOnlyReason).toContain('"2.0.0"')
        await expect(saveEverythingUnchanged(service, view)).rejects.toMatchObject({ code: 'collections-read-only' })
      } else {
        expect(await saveEverythingUnchanged(service, view)).toEqual([])
      }
      const after = await snapshotFiles(folder)
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
      for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true)
    })
  }

  it('our own files are a fixed point of the writer (rendered again from what they say, the same bytes)', async () => {
    const folder = join('tests/fixtures/collections/reactor-explorer')
    const { dir, service } = await workspace('fixed-point')
    const view = await service.open(await copyFixture('reactor-explorer', dir))
    for (const item of flatten(view.items)) {
      if (item.kind !== 'request') continue
      const collection = await service.collection(view.id)
      const model = flatten(collection.items).find((candidate) => candidate.path === item.path)!
      if (model.kind !== 'request') continue
      const text = await readFile(join(folder, item.path), 'utf8')
      expect(renderNewFile(writeRequestFile(model, { root: collection.root })), item.path).toBe(text)
    }
  })
})

describe('edits change only what changed', () => {
  it('an edited request in a Bruno-written file keeps its comments, scripts, settings and key order', async () => {
    const { dir, service } = await workspace('minimal-diff')
    const folder = await copyFixture('bruno-yml', dir)
    const view = await service.open(folder)
    const item = requestAt(view, 'variable-datatypes/typed-vars.yml')
    const before = (await readFile(join(folder, item.path), 'utf8')).split('\n')
    const headers = item.spec.headers.map((row) => (row.name === 'x-h-str' ? { ...row, value: '{{req_str}}-edited' } : row))
    const saved = await service.saveRequest({ collectionId: view.id, path: item.path, spec: { ...item.spec, headers }, baseEtag: item.etag! })
    expect(saved).toMatchObject({ status: 'saved', path: item.path })
    const after = (await readFile(join(folder, item.path), 'utf8')).split('\n')
    expect(after.length).toBe(before.length)
    expect(after.filter((line, index) => line !== before[index])).toEqual(["      value: '{{req_str}}-edited'"])
    // The new etag is the file's, and the tree carries it.
    expect(saved.status === 'saved' && saved.etag).toBe(requestAt(saved.status === 'saved' ? saved.collection : view, item.path).etag)
    expect(saved.status === 'saved' && saved.etag).not.toBe(item.etag)
  })

  it('a save as creates a new file named from the request, next in order, with collisions numbered', async () => {
    const { dir, service } = await workspace('save-as')
    const view = await service.create('Team', dir)
    expect(view.root).toBe(join(dir, 'team'))
    const first = await service.saveRequest({ collectionId: view.id, folder: '', spec: newRequestSpec({ name: 'List Companies' }) })
    const second = await service.saveRequest({ collectionId: view.id, folder: '', spec: newRequestSpec({ name: 'list companies' }) })
    const third = await service.saveRequest({ collectionId: view.id, folder: '', spec: newRequestSpec({ name: '../../../etc/CON' }) })
    expect([first, second, third].map((result) => result.status === 'saved' && result.path)).toEqual(['list-companies.yml', 'list-companies-2.yml', 'etc-con.yml'])
    const tree = third.status === 'saved' ? third.collection : view
    expect(tree.items.map((item) => [item.path, item.kind !== 'unreadable' && item.seq])).toEqual([
      ['list-companies.yml', 1],
      ['list-companies-2.yml', 2],
      ['etc-con.yml', 3]
    ])
    expect(await readdir(join(dir, '..'))).not.toContain('etc')
  })
})

describe('bad input: the item is listed as unreadable with where, the rest opens, nothing is rewritten', () => {
  it('invalid YAML, unknown kinds, schema errors, an alias bomb, a .bru file and a 50 MB file', async () => {
    const { dir, service } = await workspace('hostile')
    const folder = await copyFixture('hostile', dir)
    await writeFile(join(folder, 'huge.yml'), Buffer.alloc(50 * 1024 * 1024, 'a'))
    const long = renderNewFile(writeRequestFile({ seq: 9, spec: newRequestSpec({ name: 'Very long line', method: 'POST', body: { type: 'json', text: `{"v":"${'x'.repeat(200_000)}"}` } }) }, { root: folder }))
    await writeFile(join(folder, 'long-line.yml'), long)
    const before = await snapshotFiles(folder)
    const started = Date.now()
    const view = await service.open(folder)
    expect(Date.now() - started).toBeLessThan(3000)
    const unreadable = Object.fromEntries(flatten(view.items).filter((item) => item.kind === 'unreadable').map((item) => [item.path, item]))
    expect(unreadable['broken-yaml.yml']).toMatchObject({ message: expect.stringContaining('not valid YAML'), line: 7, column: 1 })
    expect(unreadable['bad-method.yml']).toMatchObject({ message: expect.stringContaining('"FETCH"'), line: 7, column: 11 })
    expect(unreadable['headers-not-a-list.yml']).toMatchObject({ message: 'headers must be a list, not a mapping.', line: 10 })
    expect(unreadable['not-a-map.yml']).toMatchObject({ line: 1 })
    expect(unreadable['graphql.yml']).toMatchObject({ message: expect.stringContaining('a graphql request'), line: 3 })
    expect(unreadable['aliases.yml']).toMatchObject({ message: expect.stringContaining('resource exhaustion') })
    expect(unreadable['old-style.bru']).toMatchObject({ message: expect.stringContaining('.bru') })
    expect(unreadable['huge.yml']).toMatchObject({ message: expect.stringContaining('50.0 MB') })
    expect(view.problems).toEqual([expect.objectContaining({ path: 'environments/broken.yml', line: 4 })])
    // The rest opens: two requests with one name, a unicode one inside a folder named "../../etc", the long line.
    expect(requestAt(view, 'same-name-a.yml').spec.params).toEqual([{ name: 'page', value: '1', enabled: true }])
    expect(requestAt(view, 'same-name-b.yml').spec.name).toBe('Same name')
    expect(requestAt(view, 'weird/unicode.yml').spec.name).toBe('Café — 日本語 ✓')
    expect(flatten(view.items).find((item) => item.path === 'weird')).toMatchObject({ kind: 'folder', name: '../../etc' })
    expect(requestAt(view, 'long-line.yml').spec.body).toMatchObject({ type: 'json' })

    // Saving over an unreadable request needs its etag like any other; nothing was rewritten by opening.
    expect(await saveEverythingUnchanged(service, view)).toEqual([])
    const after = await snapshotFiles(folder)
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true)
  })

  it('a folder that is not a collection says why, naming a Bruno .bru collection for what it is', async () => {
    const { dir, service } = await workspace('not-a-collection')
    await mkdir(join(dir, 'bru'), { recursive: true })
    await writeFile(join(dir, 'bru', 'bruno.json'), '{"version":"1","name":"x","type":"collection"}')
    await expect(service.open(join(dir, 'bru'))).rejects.toMatchObject({ code: 'collection-not-opencollection', message: expect.stringContaining('older .bru format') })
    await expect(service.open(join(dir, 'missing'))).rejects.toMatchObject({ code: 'collection-not-found' })
    await expect(service.open('relative/path')).rejects.toMatchObject({ code: 'collections-bad-path' })
    await expect(service.create('Team', join(dir, 'bru', '..'))).resolves.toMatchObject({ name: 'Team' })
    await expect(service.create('Team', dir)).rejects.toMatchObject({ code: 'collections-folder-not-empty' })
  })
})

describe('writes are atomic', () => {
  afterEach(() => vi.restoreAllMocks())

  it('a crash at the rename of the atomic write leaves the old file intact and no temporary file behind', async () => {
    const { dir, service } = await workspace('atomic')
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    const item = requestAt(view, 'list-companies.yml')
    const before = await readFile(join(folder, item.path))
    // write-file-atomic writes `<file>.<n>` beside the target and renames it over; the rename fails here
    // as a full disk or a crash at that moment would leave it.
    const rename = vi.spyOn(fs, 'rename').mockImplementation(((_from: string, _to: string, callback: (error: Error) => void) => {
      callback(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' }))
    }) as never)
    await expect(service.saveRequest({ collectionId: view.id, path: item.path, spec: { ...item.spec, url: '/companies/changed' }, baseEtag: item.etag! })).rejects.toThrow(/EIO/)
    expect(rename).toHaveBeenCalled()
    rename.mockRestore()
    expect((await readFile(join(folder, item.path))).equals(before)).toBe(true)
    expect((await readdir(folder)).filter((name) => /\.yml\.\d+$/.test(name))).toEqual([])
    // The tree still shows the old version with its etag, so the tab can save again.
    const tree = await service.tree(view.id)
    expect(requestAt(tree, item.path).etag).toBe(item.etag)
    await expect(service.saveRequest({ collectionId: view.id, path: item.path, spec: { ...item.spec, url: '/companies/changed' }, baseEtag: item.etag! })).resolves.toMatchObject({ status: 'saved' })
  })

  it('an injected writer that fails mid-save is reported and leaves the folder as it was', async () => {
    const dir = join(root, 'injected')
    await mkdir(dir, { recursive: true })
    const folder = await copyFixture('reactor-explorer', dir)
    const { service } = makeService(dir, { write: async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) })
    const before = await snapshotFiles(folder)
    const view = await service.open(folder)
    await expect(service.saveRequest({ collectionId: view.id, folder: 'properties', spec: newRequestSpec({ name: 'New one' }) })).rejects.toThrow(/ENOSPC/)
    await expect(service.newFolder(view.id, '', 'Rules')).rejects.toThrow(/ENOSPC/)
    const after = await snapshotFiles(folder)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  })
})

describe('the Collections area operations keep order in seq and never lose a file', () => {
  it('rename, move, reorder, duplicate, delete with undo, new folder', async () => {
    const { dir, service } = await workspace('operations')
    const folder = await copyFixture('reactor-explorer', dir)
    let view = await service.open(folder)
    const order = (items = view.items) => items.map((item) => `${item.path}#${item.kind === 'unreadable' ? '-' : item.seq}`)
    expect(order()).toEqual(['list-companies.yml#1', 'properties#2'])

    // Rename: the name in the file and the file name follow; the rest of the file stays.
    const renamed = await service.rename(view.id, 'list-companies.yml', 'Companies')
    expect(renamed.path).toBe('companies.yml')
    expect(await readFile(join(folder, 'companies.yml'), 'utf8')).toContain('name: Companies\n')
    expect(await readFile(join(folder, 'companies.yml'), 'utf8')).toContain('operationId: listCompanies')
    await expect(stat(join(folder, 'list-companies.yml'))).rejects.toThrow()

    // New folder, then move a request into it and reorder.
    const rules = await service.newFolder(view.id, '', 'Rules')
    expect(rules.path).toBe('rules')
    view = (await service.move(view.id, 'properties/create-library.yml', 'rules', 0)).collection
    expect(order()).toEqual(['companies.yml#1', 'properties#2', 'rules#3'])
    const props = view.items.find((item) => item.path === 'properties')
    expect(props?.kind === 'folder' && order(props.items)).toEqual(['properties/list-properties.yml#1', 'properties/delete-a-note-(no-auth).yml#2'])
    const moved = await service.move(view.id, 'rules', '', 0)
    view = moved.collection
    expect(order()).toEqual(['rules#1', 'companies.yml#2', 'properties#3'])
    expect(await readFile(join(folder, 'rules', 'folder.yml'), 'utf8')).toContain('seq: 1')
    await expect(service.move(view.id, 'properties', 'properties', 0)).rejects.toMatchObject({ code: 'collections-bad-move' })

    // Moving into a folder where the file name is taken numbers it.
    await service.saveRequest({ collectionId: view.id, folder: 'rules', spec: newRequestSpec({ name: 'List properties' }) })
    const clash = await service.move(view.id, 'properties/list-properties.yml', 'rules', 5)
    expect(clash.path).toBe('rules/list-properties-2.yml')

    // Duplicate: a copy right after the original, with its kept fields; later siblings move down.
    const copy = await service.duplicate(view.id, 'companies.yml')
    expect(copy.path).toBe('companies-copy.yml')
    view = copy.collection
    expect(order()).toEqual(['rules#1', 'companies.yml#2', 'companies-copy.yml#3', 'properties#4'])
    expect(await readFile(join(folder, 'companies-copy.yml'), 'utf8')).toContain('A 404 with no companies')
    const folderCopy = await service.duplicate(view.id, 'properties')
    expect(folderCopy.path).toBe('properties-copy')
    expect(folderCopy.collection.items.find((item) => item.path === 'properties-copy')).toMatchObject({ name: 'Properties copy', seq: 5 })

    // Delete with undo: the whole folder's bytes come back.
    const before = await snapshotFiles(join(folder, 'properties-copy'))
    const deleted = await service.delete(view.id, 'properties-copy')
    expect(deleted).toMatchObject({ kind: 'folder', files: before.size })
    expect(deleted.collection.items.map((item) => item.path)).not.toContain('properties-copy')
    const restored = await service.restore(view.id, deleted.undoId)
    expect(restored.collection.items.map((item) => item.path)).toContain('properties-copy')
    const after = await snapshotFiles(join(folder, 'properties-copy'))
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true)
    await expect(service.restore(view.id, deleted.undoId)).rejects.toMatchObject({ code: 'collections-undo-expired' })
    // A request deleted, then its name taken again: the undo refuses to overwrite.
    const gone = await service.delete(view.id, 'companies-copy.yml')
    await writeFile(join(folder, 'companies-copy.yml'), 'info:\n  name: someone else\n')
    await expect(service.restore(view.id, gone.undoId)).rejects.toMatchObject({ code: 'collections-restore-conflict' })
  })

  it('refuses paths that climb out of the collection or go through a symbolic link', async () => {
    const { dir, service } = await workspace('paths')
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    await fs.promises.symlink(dir, join(folder, 'escape'))
    for (const path of ['../outside.yml', 'properties/../../x.yml', '/etc/passwd.yml', 'escape/x.yml']) {
      await expect(service.saveRequest({ collectionId: view.id, path, spec: newRequestSpec(), baseEtag: null })).rejects.toMatchObject({ code: 'collections-bad-path' })
    }
    await expect(service.saveRequest({ collectionId: view.id, folder: 'escape', spec: newRequestSpec() })).rejects.toMatchObject({ code: 'collections-not-found' })
    await expect(service.delete(view.id, 'escape')).rejects.toMatchObject({ code: 'collections-not-found' })
    // Nothing was written outside the collection folder.
    expect((await readdir(dir)).sort()).toEqual(['open-collections.json', 'reactor-explorer'])
    expect((await readdir(folder)).sort()).toEqual(['environments', 'escape', 'list-companies.yml', 'opencollection.yml', 'properties'])
  })
})

describe('a file changed on disk while its tab has edits: both versions, none lost', () => {
  it('refuses a save whose base etag no longer matches, with the version on disk and yours', async () => {
    const { dir, service } = await workspace('conflict')
    const folder = await copyFixture('reactor-explorer', dir)
    const view = await service.open(folder)
    const item = requestAt(view, 'properties/list-properties.yml')
    // Someone (a git pull) changes the file.
    const theirs = (await readFile(join(folder, item.path), 'utf8')).replace('EQ web', 'EQ mobile')
    await writeFile(join(folder, item.path), theirs)
    const mine = { ...item.spec, url: '/companies/{{companyId}}/properties/mine' }
    const conflict = await service.saveRequest({ collectionId: view.id, path: item.path, spec: mine, baseEtag: item.etag! })
    expect(conflict).toMatchObject({ status: 'conflict', code: 'collections-conflict', path: item.path, yours: { spec: mine }, disk: { spec: { params: [expect.anything(), { name: 'filter[platform]', value: 'EQ mobile' }] } } })
    expect(await readFile(join(folder, item.path), 'utf8')).toBe(theirs)
    // "Keep mine": save again naming the version on disk.
    const kept = await service.saveRequest({ collectionId: view.id, path: item.path, spec: mine, baseEtag: conflict.status === 'conflict' ? conflict.disk.etag : '' })
    expect(kept.status).toBe('saved')
    expect(await readFile(join(folder, item.path), 'utf8')).toContain('properties/mine')
    // Deleted on disk meanwhile: disk etag null; saving with null writes it back.
    await rm(join(folder, item.path))
    const deleted = await service.saveRequest({ collectionId: view.id, path: item.path, spec: mine, baseEtag: kept.status === 'saved' ? kept.etag : '' })
    expect(deleted).toMatchObject({ status: 'conflict', disk: { etag: null } })
    expect(await service.saveRequest({ collectionId: view.id, path: item.path, spec: mine, baseEtag: null })).toMatchObject({ status: 'saved' })
    await expect(service.saveRequest({ collectionId: view.id, path: item.path, spec: mine })).rejects.toMatchObject({ code: 'collections-etag-required' })
  })
})

describe('several collections side by side, remembered in the data folder', () => {
  it('reopens what was open, lists a moved folder with its problem, and closes', async () => {
    const { dir, service } = await workspace('side-by-side')
    const one = await service.open(await copyFixture('reactor-explorer', dir))
    const two = await service.open(await copyFixture('bruno-yml', dir))
    const three = await service.create('Scratch', undefined)
    expect(three.root).toBe(join(dir, 'collections', 'scratch'))
    // In the default place a taken name gets the next free one; a relative place is refused.
    const four = await service.create('Scratch')
    expect(four.root).toBe(join(dir, 'collections', 'scratch-2'))
    await service.close(four.id)
    await expect(service.create('Scratch', 'relative')).rejects.toMatchObject({ code: 'collections-bad-path' })
    expect(new Set([one.id, two.id, three.id]).size).toBe(3)
    const file = JSON.parse(await readFile(join(dir, 'open-collections.json'), 'utf8'))
    expect(file).toEqual({ schemaVersion: 1, collections: [{ root: one.root }, { root: two.root }, { root: three.root }] })
    await service.dispose()

    await rm(two.root, { recursive: true })
    const again = makeService(dir).service
    const listed = await again.list()
    expect(listed.map((entry) => [entry.name, entry.requests, Boolean(entry.problem)])).toEqual([
      ['Reactor basics', 4, false],
      ['bruno-yml', 0, true],
      ['Scratch', 0, false]
    ])
    expect(listed[1]!.problem).toContain('There is no folder')
    expect(await again.close(two.id)).toBe(true)
    expect((await again.list()).map((entry) => entry.id)).toEqual([one.id, three.id])
    await again.dispose()
  })
})
