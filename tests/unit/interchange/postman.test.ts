import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Collection as PostmanCollection } from 'postman-collection'
import { describe, expect, it } from 'vitest'
import { requestsInOrder, type Collection, type RequestItem } from '../../../src/shared/collections/collection-model'
import { previewImport, previewImportText, type ImportPreview } from '../../../src/main/core/interchange'
import { exportPostmanCollection, exportPostmanEnvironment, importPostmanEnvironment } from '../../../src/main/core/interchange/postman'
import { ReportBuilder } from '../../../src/main/core/interchange/import-report'

const FIXTURES = join(__dirname, '../../fixtures/interchange/postman')
const fixture = (name: string) => join(FIXTURES, name)
const requests = (collection: Collection) => requestsInOrder(collection.items).map(({ item }) => item)
const byName = (collection: Collection, name: string): RequestItem => {
  const found = requests(collection).find((item) => item.spec.name === name)
  if (!found) throw new Error(`no request ${name}`)
  return found
}
const header = (item: RequestItem, name: string) => item.spec.headers.filter((row) => row.name.toLowerCase() === name.toLowerCase())

describe("Adobe's published Reactor collection (experience-platform-postman-samples, Reactor API)", () => {
  let preview: ImportPreview
  it('imports every request and folder, with nothing unmapped', async () => {
    preview = await previewImport(fixture('adobe-reactor-api.postman_collection.json'))
    expect(preview.source.kind).toBe('postman-collection')
    expect(preview.report).toMatchObject({ requests: 9, folders: 4, environments: 0, unmapped: [] })
    expect(preview.collection.items.map((item) => (item.kind === 'folder' ? item.name : ''))).toEqual(['Companies', 'Properties', 'Libraries', 'Builds'])
    expect(requests(preview.collection).map((item) => item.spec.name)).toEqual([
      'List companies',
      'Retrieve a company',
      "List a company's properties",
      'Retrieve a property',
      'Update a property',
      'Create a library',
      'Add rules to a library',
      'Create a build',
      'Retrieve a build'
    ])
  })

  it("turns the {{ACCESS_TOKEN}} / {{API_KEY}} / {{IMS_ORG}} headers into the profile's auth, on paths relative to the profile's host", () => {
    for (const item of requests(preview.collection)) {
      expect(item.spec.auth).toEqual({ type: 'inherit' })
      expect(item.spec.url.startsWith('/')).toBe(true)
      for (const name of ['Authorization', 'x-api-key', 'x-gw-ims-org-id']) expect(header(item, name)).toEqual([])
    }
    expect(byName(preview.collection, 'Retrieve a company').spec.url).toBe('/companies/{{COMPANY_ID}}')
    expect(byName(preview.collection, 'Add rules to a library').spec.url).toBe('/libraries/{{LIBRARY_ID}}/relationships/rules')
    expect(preview.report.notes.some((note) => /Authorization, x-api-key and x-gw-ims-org-id headers of 9 requests became profile auth/.test(note))).toBe(true)
    expect(preview.report.notes.some((note) => /9 requests to https:\/\/reactor\.adobe\.io now go to the profile's Reactor host/.test(note))).toBe(true)
    const text = JSON.stringify(preview.collection)
    expect(text).not.toContain('ACCESS_TOKEN')
    expect(text).not.toContain('IMS_ORG')
  })

  it("drops Adobe's empty-variable boilerplate with one note, keeping what it did: rows of undefined variables are disabled, not lost", () => {
    expect(preview.report.notes.some((note) => /Dropped Adobe's pre-request script .* from 9 items/.test(note))).toBe(true)
    const list = byName(preview.collection, 'List companies')
    expect(list.docs ?? '').not.toContain('forEachHeader')
    expect(list.spec.params.map((row) => [row.name, row.value, row.enabled])).toEqual([
      ['created_at', '{{created_at}}', false],
      ['updated_at', '{{updated_at}}', false],
      ['name', '{{name}}', false],
      ['org_id', '{{org_id}}', false],
      ['token', '{{token}}', false]
    ])
    expect(list.spec.headers.map((row) => [row.name, row.value, row.enabled])).toEqual([
      ['Accept', 'application/vnd.api+json;revision=1', true],
      ['Content-Type', 'application/vnd.api+json;revision=1', true],
      ['Accept', '{{Accept}}', false],
      ['x-sandbox-name', '{{SANDBOX_NAME}}', false]
    ])
  })

  it('keeps bodies, folder docs and the catalog operation each request is', () => {
    const update = byName(preview.collection, 'Update a property')
    expect(update.spec.body).toEqual({ type: 'json', text: '{{body}}' })
    expect(byName(preview.collection, 'Retrieve a company').spec.body).toEqual({ type: 'none' })
    expect(requests(preview.collection).map((item) => item.spec.reactor?.operationId)).toEqual([
      'listCompanies',
      'retrieveCompany',
      'listProperties',
      'retrieveProperty',
      'updateProperty',
      'createLibrary',
      'addLibraryRules',
      'createBuild',
      'getBuild'
    ])
    const companies = preview.collection.items[0]!
    expect(companies.kind === 'folder' && companies.docs).toMatch(/A company represents the organization/)
    expect(preview.collection.docs).toMatch(/The Reactor API is used to programmatically manage resources/)
  })
})

describe("Adobe's IMS collection: token and JWT requests are what a profile does", () => {
  it('does not import the IMS token request or the JWT exchange, and says why; other IMS calls stay', async () => {
    const preview = await previewImport(fixture('adobe-ims.postman_collection.json'))
    expect(preview.report.requests).toBe(1)
    expect(requests(preview.collection).map((item) => item.spec.name)).toEqual(['Who am I (profile)'])
    const jwt = preview.report.unmapped.find((entry) => /JWT Generate/.test(entry.item))!
    expect(jwt.reason).toMatch(/JWT token exchange.*end of life on 2025-06-30/)
    expect(jwt.reason).toMatch(/OAuth Server-to-Server/)
    const token = preview.report.unmapped.find((entry) => entry.item === 'Request Access Token')!
    expect(token.reason).toMatch(/what a profile does for you/)
    expect(token.reason).toMatch(/Client Secret in the URL/)
    expect(JSON.stringify(preview.collection)).not.toContain('CLIENT_SECRET')
  })
})

describe("adobe/reactor-postman: {{HOST}}, the legacy X-Api-Key and setEnvironmentVariable chains", () => {
  it('makes {{HOST}} requests relative, drops the literal key, and turns id captures into declarative actions', async () => {
    const preview = await previewImport(fixture('reactor-provision.postman_collection.json'))
    expect(preview.report.requests).toBe(6)
    const create = byName(preview.collection, 'Create Property')
    expect(create.spec.url).toBe('/companies/{{COMPANY_ID}}/properties')
    expect(create.spec.auth).toEqual({ type: 'inherit' })
    expect(header(create, 'X-Api-Key')).toEqual([])
    expect(preview.report.notes.some((note) => /Activation-DTM/.test(note))).toBe(true)
    expect(create.extra?.runtime).toEqual({
      actions: [{ type: 'set-variable', phase: 'after-response', selector: { expression: 'res.body.data.id', method: 'jsonq' }, variable: { name: 'PROPERTY_ID', scope: 'runtime' } }]
    })
    expect(byName(preview.collection, 'Build Library').extra?.runtime).toMatchObject({ actions: [{ variable: { name: 'BUILD_ID' } }] })
  })

  it('keeps any other script as text in the docs and reports it', async () => {
    const preview = await previewImport(fixture('reactor-provision.postman_collection.json'))
    const create = byName(preview.collection, 'Create Property')
    expect(create.docs).toContain('## Postman pre-request script (imported, not run by Reactor Explorer)')
    expect(create.docs).toContain('postman.setEnvironmentVariable("PROPERTY_COUNT", count);')
    expect(create.docs).toMatch(/^Generated from a curl request/)
    const packages = byName(preview.collection, 'Get Available Extension Packages')
    expect(packages.docs).toContain('dtm = res.data.find(dtm_package);')
    expect(packages.extra?.runtime).toBeUndefined()
    expect(preview.report.unmapped).toEqual([
      { item: 'Create Property', reason: 'its pre-request script is kept as text in the docs: Reactor Explorer does not run scripts' },
      { item: 'Get Available Extension Packages', reason: 'its test script is kept as text in the docs: Reactor Explorer does not run scripts' }
    ])
    // Query values are kept decoded, as the params table holds them (sent encoded exactly once).
    expect(packages.spec.params.find((row) => row.name === 'filter[platform]')?.value).toBe('EQ web,EQ null')
  })

  it("imports the environment's own variables; credentials go to a profile instead", async () => {
    const report = new ReportBuilder()
    const env = importPostmanEnvironment(JSON.parse(await readFile(fixture('Reactor.postman_environment.json'), 'utf8')), 'Reactor.postman_environment.json', report)
    expect(env.name).toBe('Reactor')
    const names = env.variables.map((v) => v.name)
    expect(names).toContain('COMPANY_ID')
    expect(names).toContain('PROPERTY_NAME')
    expect(names).not.toContain('ACCESS_TOKEN')
    expect(names).not.toContain('HOST')
    const finished = report.finish({ items: [], environments: [env] })
    expect(finished.unmapped).toEqual([{ item: 'environment Reactor: ACCESS_TOKEN', reason: expect.stringMatching(/credentials belong in a profile/) }])
    expect(finished.notes.some((note) => /HOST \(https:\/\/reactor\.adobe\.io\) was not imported/.test(note))).toBe(true)
  })
})

/** What a request puts on the wire, whatever the shape: own headers plus auth inherited down the folders. */
function wire(doc: any) {
  const out: any[] = []
  const authHeaders = (auth: any): Array<[string, string]> | undefined => {
    if (!auth) return undefined
    const params = Object.fromEntries((auth[auth.type] ?? []).map((p: any) => [p.key, p.value]))
    if (auth.type === 'noauth') return []
    if (auth.type === 'bearer') return [['Authorization', `Bearer ${params.token}`]]
    if (auth.type === 'apikey') return [[params.key, params.value]]
    return undefined
  }
  const visit = (items: any[], path: string[], inherited: Array<[string, string]>) => {
    for (const item of items) {
      if (Array.isArray(item.item)) {
        visit(item.item, [...path, item.name], authHeaders(item.auth) ?? inherited)
        continue
      }
      const request = item.request
      const url = typeof request.url === 'string' ? new PostmanCollection({ item: [{ request: { url: request.url } }] } as any).items.idx(0).request.url.toJSON() : request.url
      const raw = (url.raw ?? '').split('?')[0].replace(/:([A-Za-z]+)/g, (_m: string, name: string) => (url.variable ?? []).find((v: any) => (v.key ?? v.id) === name)?.value ?? `{{${name}}}`)
      const headers = [...(request.header ?? []).map((h: any) => [h.key, h.value, !h.disabled]), ...(authHeaders(request.auth) ?? inherited).map(([k, v]) => [k, v, true])]
      const query = (url.query ?? []).map((q: any) => [decodeURIComponent(q.key), decodeURIComponent(q.value ?? ''), !q.disabled])
      const body = request.body && request.body.mode ? { mode: request.body.mode, raw: request.body.raw, urlencoded: request.body.urlencoded?.map((r: any) => [r.key, r.value, !r.disabled]), formdata: request.body.formdata?.map((r: any) => [r.key, r.type, r.value ?? r.src, !r.disabled]), file: request.body.file?.src } : undefined
      out.push({ path: [...path, item.name].join(' / '), method: request.method, url: raw, headers, query, body })
    }
  }
  visit(doc.item, [], authHeaders(doc.auth) ?? [])
  return out
}

describe('Postman → ours → Postman', () => {
  it('keeps requests, folders, headers, query rows, bodies, auth and variables', async () => {
    const source = JSON.parse(await readFile(fixture('team-api.postman_collection.json'), 'utf8'))
    const preview = await previewImport(fixture('team-api.postman_collection.json'))
    expect(preview.report).toMatchObject({ requests: 9, folders: 3, unmapped: [] })
    const { document } = exportPostmanCollection(preview.collection)
    expect(wire(document)).toEqual(wire(source))
    expect((document.variable as any[]).map((v) => [v.key, v.value, !v.disabled])).toEqual(source.variable.map((v: any) => [v.key, v.value, !v.disabled]))
    expect((document.info as any).schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json')
    // Descriptions and saved examples survive the trip into the model.
    expect(byName(preview.collection, 'List users').docs).toBe('Lists users, 25 per page.')
    expect(byName(preview.collection, 'List users').extra?.examples).toEqual([
      { name: 'Two users', response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }], body: { type: 'json', data: '[{"id": 1}, {"id": 2}]' } } }
    ])
    expect(byName(preview.collection, 'With API key').spec.options).toEqual({ followRedirects: false })
    expect((document.item as any[])[1].item[4].protocolProfileBehavior).toEqual({ followRedirects: false })
  })

  it('exports the same bytes every time (stable ids), and Postman\'s SDK reads every request back', async () => {
    const preview = await previewImport(fixture('adobe-reactor-api.postman_collection.json'))
    const first = JSON.stringify(exportPostmanCollection(preview.collection).document)
    const second = JSON.stringify(exportPostmanCollection((await previewImport(fixture('adobe-reactor-api.postman_collection.json'))).collection).document)
    expect(first).toBe(second)
    const sdk = new PostmanCollection(JSON.parse(first))
    const names: string[] = []
    ;(sdk as any).forEachItem((item: any) => {
      names.push(item.name)
      expect(item.request.url.getHost()).toBe('{{REACTOR_HOST}}')
      expect(item.request.headers.get('Authorization')).toBe('Bearer {{ACCESS_TOKEN}}')
      expect(item.request.headers.get('x-api-key')).toBe('{{API_KEY}}')
      expect(item.request.headers.get('x-gw-ims-org-id')).toBe('{{IMS_ORG}}')
    })
    expect(names).toHaveLength(9)
  })

  it('round-trips captures and assertions through Postman test scripts', async () => {
    const preview = await previewImport(fixture('reactor-provision.postman_collection.json'))
    const { document } = exportPostmanCollection(preview.collection)
    const back = previewImportText(JSON.stringify(document), 'again.postman_collection.json')
    for (const name of ['Create Library', 'Build Library', 'Create Click Event Rule']) {
      expect(byName(back.collection, name).extra?.runtime).toEqual(byName(preview.collection, name).extra?.runtime)
    }
    expect(back.report.notes.some((note) => /became profile auth/.test(note))).toBe(true)
  })

  it('exports an environment with secret variables typed secret and no value', () => {
    const env = exportPostmanEnvironment({ name: 'Stage', variables: [{ name: 'propertyId', value: 'PR1', enabled: true }, { name: 'partnerKey', secret: true, enabled: true }] }, { reactorHost: 'https://reactor-stage.adobe.io/' })
    expect(env).toMatchObject({
      name: 'Stage',
      _postman_variable_scope: 'environment',
      values: [
        { key: 'REACTOR_HOST', value: 'https://reactor-stage.adobe.io', type: 'default', enabled: true },
        { key: 'propertyId', value: 'PR1', type: 'default', enabled: true },
        { key: 'partnerKey', value: '', type: 'secret', enabled: true }
      ]
    })
  })
})

describe('Postman auth', () => {
  const collection = (auth: unknown, url = 'https://reactor.adobe.io/companies', requestAuth?: unknown) =>
    previewImportText(
      JSON.stringify({ info: { name: 'Auth', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, auth, item: [{ name: 'r', request: { method: 'GET', url, ...(requestAuth ? { auth: requestAuth } : {}) } }] }),
      'auth.postman_collection.json'
    )

  it('OAuth 2.0 client credentials become the profile, with a note; the client secret is never imported', () => {
    const preview = collection({
      type: 'oauth2',
      oauth2: [
        { key: 'grant_type', value: 'client_credentials' },
        { key: 'accessTokenUrl', value: 'https://ims-na1.adobelogin.com/ims/token/v3' },
        { key: 'clientId', value: 'my-client' },
        { key: 'clientSecret', value: 'p8e-AbCdEfGhIjKlMnOpQrStUvWxYz012345' }
      ]
    })
    expect(preview.collection.defaults.auth).toEqual({ type: 'inherit' })
    expect(requests(preview.collection)[0]!.spec.auth).toEqual({ type: 'inherit' })
    expect(preview.report.notes).toContain(
      "OAuth 2.0 auth (client_credentials) at https://ims-na1.adobelogin.com/ims/token/v3 became the profile's auth: add the credential as a profile (its Client Secret goes into the keychain there); the file's client secret was not imported."
    )
    expect(JSON.stringify(preview)).not.toContain('p8e-')
  })

  it('null auth inherits, noauth is none, bearer and API key elsewhere stay typed', () => {
    expect(requests(collection(undefined).collection)[0]!.spec.auth).toEqual({ type: 'inherit' })
    expect(requests(collection(undefined, 'https://reactor.adobe.io/companies', { type: 'noauth' }).collection)[0]!.spec.auth).toEqual({ type: 'none' })
    const bearer = collection(undefined, 'https://api.example.com/x', { type: 'bearer', bearer: [{ key: 'token', value: '{{partnerToken}}' }] })
    expect(requests(bearer.collection)[0]!.spec.auth).toEqual({ type: 'headers', headers: [{ name: 'Authorization', value: 'Bearer {{partnerToken}}', enabled: true }] })
    // The same bearer on the Reactor host is the profile's job.
    const reactor = collection(undefined, 'https://reactor.adobe.io/companies', { type: 'bearer', bearer: [{ key: 'token', value: '{{ACCESS_TOKEN}}' }] })
    expect(requests(reactor.collection)[0]!.spec.auth).toEqual({ type: 'inherit' })
    const digest = collection({ type: 'digest', digest: [] }, 'https://api.example.com/x')
    expect(digest.collection.defaults.auth).toEqual({ type: 'none' })
    expect(digest.report.unmapped).toEqual([{ item: 'collection', reason: 'its digest auth is not supported; it was imported with no auth (add the header it needs by hand)' }])
  })
})

describe('hostile Postman files', () => {
  it('a Postman v1 collection: says so and how to convert it', async () => {
    await expect(previewImport(fixture('v1.postman_collection.json'))).rejects.toMatchObject({
      code: 'import-unsupported-version',
      message: expect.stringMatching(/Postman Collection v1 .* export it again as "Collection v2\.1"/)
    })
  })

  it('an unknown schema version is refused by name', async () => {
    await expect(previewImport(fixture('v3-schema.postman_collection.json'))).rejects.toMatchObject({ code: 'import-unsupported-version', message: expect.stringMatching(/schema v3\.0\.0; this app reads v2\.0 and v2\.1/) })
  })

  it('invalid JSON: the error names line and column', async () => {
    await expect(previewImport(fixture('invalid.postman_collection.json'))).rejects.toMatchObject({
      code: 'import-unreadable',
      message: 'invalid.postman_collection.json is not valid JSON: Expected double-quoted property name (line 3, column 28).',
      position: { file: 'invalid.postman_collection.json', line: 3, column: 28 }
    })
  })

  it('__proto__ keys are dropped before any library sees them, with a note; nothing is polluted', async () => {
    const preview = await previewImport(fixture('proto-pollution.postman_collection.json'))
    expect(({} as any).polluted).toBeUndefined()
    expect(({} as any).isAdmin).toBeUndefined()
    expect(({} as any).polluted2).toBeUndefined()
    expect(preview.report.notes[0]).toBe('Ignored 3 keys named "__proto__" in proto-pollution.postman_collection.json: such keys can change how programs behave and never belong in a collection.')
    expect(requests(preview.collection)[0]!.spec.headers).toEqual([{ name: 'A', value: '1', enabled: true }])
  })

  it('../, absolute paths, reserved names, duplicates and long names become safe, unique file names', async () => {
    const preview = await previewImport(fixture('awkward-names.postman_collection.json'))
    const folder = preview.collection.items[0]!
    expect(folder.kind).toBe('folder')
    const paths = requestsInOrder(preview.collection.items).map(({ item }) => item.path)
    for (const path of [folder.path, ...paths]) {
      expect(path.split('/')).not.toContain('..')
      expect(path.startsWith('/')).toBe(false)
      expect(path.split('/').every((part) => part.length > 0 && part.length <= 104)).toBe(true)
    }
    const lower = paths.map((path) => path.toLowerCase())
    expect(new Set(lower).size).toBe(lower.length)
    expect(paths.some((path) => /\/con-item\.yml$/.test(path))).toBe(true)
    // A folder named "environments" at the root must not take the environments/ directory.
    expect(preview.collection.items[1]!.path).toBe('environments-folder')
    expect(requests(preview.collection).find((item) => item.spec.url === 'https://example.com/7')!.spec.name).toHaveLength(256)
    expect(preview.report.unmapped).toEqual([{ item: '../../etc / Teleport', reason: expect.stringMatching(/method TELEPORT/) }])
    // A 5,000-character query value on one line is just a value.
    expect(requests(preview.collection).find((item) => item.spec.url === 'https://example.com/8')!.spec.params[0]!.value).toHaveLength(5000)
  })

  it('a pasted bearer token or p8e- client secret never reaches the collection: placeholders and secret variables', async () => {
    const preview = await previewImport(fixture('literal-secrets.postman_collection.json'))
    const text = JSON.stringify(preview.collection)
    expect(text).not.toMatch(/eyJhbGci/)
    expect(text).not.toMatch(/p8e-/)
    const other = byName(preview.collection, 'Other API with pasted token')
    expect(other.spec.headers).toEqual([{ name: 'Authorization', value: 'Bearer {{ACCESS_TOKEN}}', enabled: true }])
    expect(other.spec.body).toEqual({ type: 'json', text: '{"client_secret": "{{clientSecret}}", "n": 1}' })
    expect(preview.collection.defaults.variables).toEqual([
      { name: 'clientSecret', enabled: true, secret: true },
      { name: 'plain', value: 'hello', enabled: true },
      { name: 'ACCESS_TOKEN', enabled: true, secret: true }
    ])
    // On the Reactor host the pasted token is simply the profile's job.
    expect(byName(preview.collection, 'Reactor with pasted token').spec).toMatchObject({ url: '/companies', headers: [], auth: { type: 'inherit' } })
    expect(preview.report.notes).toContain('2 credentials written out in the file were replaced by {{ACCESS_TOKEN}}, {{clientSecret}}; nothing secret was imported.')
  })
})
