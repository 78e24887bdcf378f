import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogGroups, catalogOperations } from '../../../src/shared/catalog/catalog'
import { requestsInOrder, type Collection } from '../../../src/shared/collections/collection-model'
import { readCollection } from '../../../src/main/core/collections/collection-reader'
import { catalogCollection, exportOpenCollectionBundle, previewImport, previewImportText, starterCollection, writeCollectionFolder } from '../../../src/main/core/interchange'
import { variableForResource } from '../../../src/main/core/interchange/catalog-collection'

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rx-catalog-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

const requests = (collection: Collection) => requestsInOrder(collection.items).map(({ item }) => item)

describe('a collection generated from the catalog', () => {
  it('the whole API: one folder per group, one request per operation, path ids as {{companyId}}-style variables', () => {
    const collection = catalogCollection()
    expect(collection.items.map((item) => (item.kind === 'folder' ? item.name : ''))).toEqual(catalogGroups.map((group) => group.name))
    expect(requests(collection)).toHaveLength(catalogOperations.length)
    for (const item of requests(collection)) {
      expect(item.spec.url).not.toMatch(/\{[A-Z_]+\}/)
      expect(item.spec.reactor?.operationId).toBeTruthy()
      expect(item.spec.auth).toEqual({ type: 'inherit' })
    }
    const rules = requests(collection).find((item) => item.spec.reactor?.operationId === 'listRules')!
    expect(rules.spec.url).toBe('/properties/{{propertyId}}/rules')
    expect(variableForResource('data_elements')).toBe('dataElementId')
    expect(variableForResource('libraries')).toBe('libraryId')
    expect(variableForResource('extension_package_usage_authorizations')).toBe('extensionPackageUsageAuthorizationId')
  })

  it('one group, with sample bodies whose ids are the path variables', () => {
    const collection = catalogCollection({ tag: 'libraries' })
    expect(collection.name).toBe('Reactor API: Libraries')
    expect(collection.items.every((item) => item.kind === 'request')).toBe(true)
    const create = requests(collection).find((item) => item.spec.reactor?.operationId === 'createLibrary')!
    expect(create.spec).toMatchObject({ method: 'POST', url: '/properties/{{propertyId}}/libraries', body: { type: 'json' } })
    expect(JSON.parse((create.spec.body as { text: string }).text)).toEqual({ data: { attributes: { name: 'My Library' }, type: 'libraries' } })
    expect(create.spec.headers).toEqual([
      { name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true },
      { name: 'Content-Type', value: 'application/vnd.api+json', enabled: true }
    ])
    const body = (url: string) => {
      const item = requests(collection).find((candidate) => candidate.spec.method === 'PATCH' && candidate.spec.url === url)!
      return JSON.parse((item.spec.body as { text: string }).text)
    }
    expect(body('/libraries/{{libraryId}}').data.id).toBe('{{libraryId}}')
    // The docs' {RULE_ID} placeholder and Adobe's own environment id both become variables.
    expect(body('/libraries/{{libraryId}}/relationships/rules').data).toEqual([{ id: '{{ruleId}}', type: 'rules' }])
    expect(body('/libraries/{{libraryId}}/relationships/environment').data).toEqual({ id: '{{environmentId}}', type: 'environments' })
    expect(create.docs).toMatch(/Answers 201 when it works/)
  })

  it('an unknown group is refused with the list of groups', () => {
    expect(() => catalogCollection({ tag: 'Widgets' })).toThrow(/no group "Widgets". Groups: Companies, Properties/)
  })
})

describe('OpenCollection as one file (bundled)', () => {
  it('the starter collection → one YAML file → imported back: the same requests, folders, runtime and environment', async () => {
    const starter = starterCollection({ sandbox: { companyId: 'CO1', webPropertyId: 'PR1' } })
    const text = exportOpenCollectionBundle(starter)
    const doc = parse(text)
    expect(doc.opencollection).toBe('1.0.0')
    expect(doc.bundled).toBe(true)
    expect(doc.items.map((item: any) => item.info.name)).toEqual(['Check your credential', 'Explore a property', 'Publish a library'])
    const back = previewImportText(text, 'starter.yml')
    expect(back.source.kind).toBe('opencollection-bundle')
    expect(back.report).toMatchObject({ requests: 19, folders: 3, environments: 1, unmapped: [] })
    const strip = (collection: Collection) => requests(collection).map((item) => ({ spec: item.spec, docs: item.docs, runtime: item.extra?.runtime, seq: item.seq }))
    expect(strip(back.collection)).toEqual(strip(starter))
    expect(back.collection.environments).toEqual(starter.environments)
  })

  it('a written folder and its bundle say the same thing (the collections reader reads the folder)', async () => {
    const starter = starterCollection({ sandbox: { companyId: 'CO1', webPropertyId: 'PR1' } })
    const root = join(work, 'starter')
    await writeCollectionFolder(starter, root)
    const { collection: read } = await readCollection(root)
    expect(read.problems).toBeUndefined()
    expect(requests(read).map((item) => [item.path, item.spec.name, item.spec.reactor])).toEqual(requests(starter).map((item) => [item.path, item.spec.name, item.spec.reactor]))
    expect(requests(read).map((item) => item.extra?.runtime)).toEqual(requests(starter).map((item) => item.extra?.runtime))
    // Open → export → import → write is stable: the same request files, byte for byte.
    const again = previewImportText(exportOpenCollectionBundle(read), 'bundle.yml')
    const second = join(work, 'starter-again')
    await writeCollectionFolder(again.collection, second)
    for (const item of requests(read)) expect(await readFile(join(second, item.path), 'utf8'), item.path).toBe(await readFile(join(root, item.path), 'utf8'))
  })

  it('an unknown OpenCollection version is refused by name', () => {
    expect(() => previewImportText('opencollection: "2.0.0"\ninfo:\n  name: Next\nitems: []\n', 'next.yml')).toThrow(/OpenCollection version "2\.0\.0"/)
  })

  it('an OpenCollection folder imports as a copy, and the import is also a valid collection of its own', async () => {
    const root = join(work, 'starter')
    const preview = await previewImport(root)
    expect(preview.source.kind).toBe('opencollection-folder')
    expect(preview.report.requests).toBe(19)
    expect(preview.collection.root).toBe('')
  })
})
