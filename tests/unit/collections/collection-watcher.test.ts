import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectionChanged } from '../../../src/shared/ipc/collections.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { expectNoPlantedSecret, testRoot } from './planted-secrets'
import { copyFixture, makeService, requestAt } from './support'

// Changes on disk (a git pull, an edit in Bruno) reach the app within a second as collections:changed, with
// what changed; this app's own writes are not reported back.
let root: string
const events: CollectionChanged[] = []
let service: ReturnType<typeof makeService>['service']
let folder: string
let id: string

beforeAll(async () => {
  root = await testRoot('watcher')
  await mkdir(join(root, 'data'), { recursive: true })
  service = makeService(join(root, 'data'), { watch: true, onChanged: (payload) => events.push(payload) }).service
  folder = await copyFixture('reactor-explorer', root)
  id = (await service.open(folder)).id
  await service.watching(id)
})
afterAll(async () => {
  await service.dispose()
  await expectNoPlantedSecret(root)
  await rm(root, { recursive: true, force: true })
})

async function nextChange(since: number, timeoutMs = 1000): Promise<{ event: CollectionChanged; afterMs: number }> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (events.length > since) return { event: events[since]!, afterMs: Date.now() - started }
    await new Promise((done) => setTimeout(done, 10))
  }
  throw new Error(`no collections:changed within ${timeoutMs} ms`)
}

describe('the watcher', () => {
  it('an edit made on disk shows up within a second, with the path and its new etag', async () => {
    const since = events.length
    const path = join(folder, 'list-companies.yml')
    await writeFile(path, (await readFile(path, 'utf8')).replace('url: /companies', 'url: /companies?page[size]=5'))
    const { event, afterMs } = await nextChange(since)
    expect(afterMs).toBeLessThan(1000)
    expect(event.collectionId).toBe(id)
    expect(event.changes).toEqual([{ path: 'list-companies.yml', change: 'changed', etag: expect.any(String) }])
    expect(requestAt(event.collection, 'list-companies.yml')).toMatchObject({ etag: event.changes[0]!.etag, spec: { params: [{ name: 'page[size]', value: '5' }] } })
  })

  it('files added and removed by a git checkout are all reported, once', async () => {
    const since = events.length
    await mkdir(join(folder, 'rules'))
    await writeFile(join(folder, 'rules', 'folder.yml'), 'info:\n  name: Rules\n  type: folder\n  seq: 3\n')
    await writeFile(join(folder, 'rules', 'list-rules.yml'), 'info:\n  name: List rules\n  type: http\n  seq: 1\nhttp:\n  method: GET\n  url: /properties/{{propertyId}}/rules\n')
    await unlink(join(folder, 'properties', 'delete-a-note-(no-auth).yml'))
    const { event } = await nextChange(since)
    // The burst may settle in one or two batches; together they say exactly what happened.
    await new Promise((done) => setTimeout(done, 400))
    const changes = events.slice(since).flatMap((batch) => batch.changes)
    expect(changes.map(({ path, change }) => `${change} ${path}`).sort()).toEqual(['added rules/folder.yml', 'added rules/list-rules.yml', 'removed properties/delete-a-note-(no-auth).yml'])
    expect(event.collection.items.length).toBeGreaterThanOrEqual(2)
  })

  it("this app's own writes are not reported as changes made elsewhere", async () => {
    await new Promise((done) => setTimeout(done, 300))
    const since = events.length
    const tree = await service.tree(id)
    const item = requestAt(tree, 'properties/list-properties.yml')
    await service.saveRequest({ collectionId: id, path: item.path, spec: { ...item.spec, name: 'All properties' }, baseEtag: item.etag! })
    await service.saveRequest({ collectionId: id, folder: 'rules', spec: newRequestSpec({ name: 'Get a rule', url: '/rules/{{ruleId}}' }) })
    await service.rename(id, 'rules', 'Rules and components')
    await new Promise((done) => setTimeout(done, 800))
    expect(events.slice(since)).toEqual([])
  })

  it('a tab with unsaved edits learns its file changed (etag), and its save is refused with both versions', async () => {
    const tree = await service.tree(id)
    const item = requestAt(tree, 'properties/create-library.yml')
    const since = events.length
    const path = join(folder, item.path)
    await writeFile(path, (await readFile(path, 'utf8')).replace('Release {{release}}', 'Hotfix {{release}}'))
    const { event } = await nextChange(since)
    expect(event.changes).toEqual([{ path: item.path, change: 'changed', etag: expect.any(String) }])
    expect(event.changes[0]!.etag).not.toBe(item.etag)
    const result = await service.saveRequest({ collectionId: id, path: item.path, spec: { ...item.spec, method: 'PUT' }, baseEtag: item.etag! })
    expect(result).toMatchObject({ status: 'conflict', disk: { etag: event.changes[0]!.etag, spec: { body: { text: expect.stringContaining('Hotfix') } } }, yours: { spec: { method: 'PUT' } } })
  })

  it('closing a collection stops its watcher', async () => {
    await service.close(id)
    const since = events.length
    await writeFile(join(folder, 'list-companies.yml'), 'info:\n  name: After close\n  type: http\nhttp:\n  method: GET\n  url: /x\n')
    await new Promise((done) => setTimeout(done, 500))
    expect(events.length).toBe(since)
  })
})
