import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requestsInOrder, type Collection, type RequestItem } from '../../../src/shared/collections/collection-model'
import { previewImport, previewImportText } from '../../../src/main/core/interchange'

const FIXTURES = join(__dirname, '../../fixtures/interchange/insomnia')
const requests = (collection: Collection) => requestsInOrder(collection.items).map(({ item }) => item)
const byName = (collection: Collection, name: string): RequestItem => requests(collection).find((item) => item.spec.name === name)!

describe('Insomnia v4 JSON exports', () => {
  it('rebuilds the folder tree from parentId in sortKey order; environments become variables and environments', async () => {
    const preview = await previewImport(join(FIXTURES, 'reactor.insomnia-v4.json'))
    expect(preview.source.kind).toBe('insomnia-v4')
    expect(preview.report).toMatchObject({ requests: 5, folders: 2, environments: 1 })
    expect(preview.collection.name).toBe('Reactor (Insomnia)')
    expect(preview.collection.items.map((item) => (item.kind === 'folder' ? item.name : ''))).toEqual(['Properties', 'Partner API'])
    // sortKey -10 before -5 in Properties; -3, -2, -1 in Partner API.
    expect(requests(preview.collection).map((item) => item.spec.name)).toEqual(['List rules', 'Rename the first rule', 'Send a form', 'Upload', 'Raw file'])
    expect(preview.collection.defaults.variables).toEqual([
      { name: 'base_url', value: 'https://reactor.adobe.io', enabled: true },
      { name: 'partner.url', value: 'https://partner.example.com', enabled: true },
      { name: 'partner.key', value: '{{ _.partner_key }}', enabled: true }
    ])
    expect(preview.collection.environments).toEqual([{ name: 'Sandbox', variables: [{ name: 'propertyId', value: 'PR0123456789abcdef0123456789abcdef', enabled: true }, { name: 'base_url', value: 'https://reactor.adobe.io', enabled: true }] }])
    const properties = preview.collection.items[0]!
    expect(properties.kind === 'folder' && properties.defaults.variables).toEqual([{ name: 'pageSize', value: '50', enabled: true }])
  })

  it("turns {{ _.name }} templates into {{name}}, Reactor requests into profile requests, and keeps Insomnia's tags as written with a note", async () => {
    const preview = await previewImport(join(FIXTURES, 'reactor.insomnia-v4.json'))
    const list = byName(preview.collection, 'List rules')
    expect(list.spec).toMatchObject({
      url: '/properties/{{propertyId}}/rules',
      params: [
        { name: 'page[size]', value: '{{pageSize}}', enabled: true },
        { name: 'sort', value: '-updated_at', enabled: false }
      ],
      headers: [{ name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true }],
      auth: { type: 'inherit' },
      reactor: { operationId: 'listRules' }
    })
    const properties = preview.collection.items[0]!
    // The folder's bearer {{token}} only served Reactor requests: the profile does that now.
    expect(properties.kind === 'folder' && properties.defaults.auth).toBeUndefined()
    const rename = byName(preview.collection, 'Rename the first rule')
    expect(rename.spec.url).toContain("{% response 'body', 'req_list'")
    expect(preview.report.notes.some((note) => /\{% response %\} template tag, which this app does not run/.test(note))).toBe(true)
    expect(rename.docs).toContain("insomnia.environment.set('when', Date.now());")
    expect(rename.spec.body).toEqual({ type: 'json', text: '{"data": {"attributes": {"name": "Renamed"}, "type": "rules"}}' })
  })

  it('maps form, multipart, binary bodies and auth; reports what has no counterpart', async () => {
    const preview = await previewImport(join(FIXTURES, 'reactor.insomnia-v4.json'))
    expect(byName(preview.collection, 'Send a form').spec).toMatchObject({
      url: '{{partner.url}}/forms',
      body: { type: 'form-urlencoded', fields: [{ name: 'a', value: '1', enabled: true }, { name: 'b', value: '2', enabled: false }] },
      auth: { type: 'headers', headers: [{ name: 'X-Partner-Key', value: '{{partner.key}}', enabled: true }] }
    })
    expect(byName(preview.collection, 'Upload').spec).toMatchObject({ auth: { type: 'none' }, body: { type: 'multipart', parts: [{ kind: 'file', name: 'file', path: '/tmp/report.csv' }, { kind: 'text', name: 'label', value: 'weekly' }] } })
    expect(byName(preview.collection, 'Raw file').spec).toMatchObject({ body: { type: 'binary', path: '/tmp/blob.bin', contentType: 'application/octet-stream' }, options: { followRedirects: false }, auth: { type: 'none' } })
    expect(preview.report.unmapped).toEqual([
      { item: '1 other workspace', reason: expect.stringMatching(/holds 2 workspaces; only "Reactor \(Insomnia\)" was imported/) },
      { item: 'Properties / Rename the first rule', reason: 'its pre-request script is kept as text in the docs: Reactor Explorer does not run scripts' },
      { item: 'Partner API / Raw file', reason: 'its basic auth is not supported; it was imported with no auth (add the header it needs by hand)' },
      { item: '1 api_spec resource', reason: expect.stringMatching(/design document/) },
      { item: '1 grpc_request resource', reason: 'not imported: this app sends HTTP requests' }
    ])
    // No Insomnia ids or timestamps reach the collection.
    expect(JSON.stringify(preview.collection)).not.toMatch(/req_list"|fld_props|1700000000000/)
  })

  it('refuses other export formats by number', async () => {
    await expect(previewImport(join(FIXTURES, 'format-3.json'))).rejects.toMatchObject({ code: 'import-unsupported-version', message: expect.stringMatching(/__export_format 3; this app reads format 4/) })
  })
})

describe('Insomnia v5 YAML exports', () => {
  it('reads the nested collection, folder environments, sub-environments; a capture script becomes a capture', async () => {
    const preview = await previewImport(join(FIXTURES, 'reactor.insomnia-v5.yaml'))
    expect(preview.source.kind).toBe('insomnia-v5')
    expect(preview.report).toMatchObject({ requests: 3, folders: 1, environments: 1 })
    expect(requests(preview.collection).map((item) => item.spec.name)).toEqual(['Build the library', 'Get the build', 'Health'])
    const build = byName(preview.collection, 'Build the library')
    expect(build.spec).toMatchObject({ url: '/libraries/{{libraryId}}/builds', auth: { type: 'inherit' }, headers: [{ name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true }] })
    expect(build.docs).toBe('Starts a build.')
    expect(build.extra?.runtime).toEqual({ actions: [{ type: 'set-variable', phase: 'after-response', selector: { expression: 'res.body.data.id', method: 'jsonq' }, variable: { name: 'buildId', scope: 'runtime' } }] })
    expect(byName(preview.collection, 'Get the build').spec.params).toEqual([{ name: 'include', value: 'library', enabled: false }])
    const folder = preview.collection.items[0]!
    expect(folder.kind === 'folder' && folder.defaults.variables).toEqual([{ name: 'libraryId', value: 'LB0123456789abcdef0123456789abcdef', enabled: true }])
    expect(preview.collection.environments).toEqual([{ name: 'Stage', variables: [{ name: 'base_url', value: 'https://reactor-stage.adobe.io', enabled: true }] }])
    expect(preview.report.unmapped).toEqual([{ item: 'Stream', reason: expect.stringMatching(/not an HTTP request/) }])
  })

  it('refuses an unknown version and reports YAML errors with line and column', async () => {
    await expect(previewImport(join(FIXTURES, 'future.insomnia.yaml'))).rejects.toMatchObject({ code: 'import-unsupported-version', message: expect.stringMatching(/collection\.insomnia\.rest\/6\.0 file; this app reads Insomnia v5/) })
    await expect(previewImport(join(FIXTURES, 'broken.insomnia.yaml'))).rejects.toMatchObject({ code: 'import-unreadable', position: { line: expect.any(Number), column: expect.any(Number) } })
  })

  it('YAML aliases cannot expand into gigabytes ("billion laughs")', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_v, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n')
    expect(() => previewImportText(`type: collection.insomnia.rest/5.0\n${bomb}\ncollection: []\n`, 'bomb.yaml')).toThrow(/could not be read: .*alias/i)
  })
})
