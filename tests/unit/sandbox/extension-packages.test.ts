// Extension packages: multipart upload (202, pending -> succeeded|failed), release_private / discontinue,
// development re-upload, visibility by availability, and usage authorizations (EA) between orgs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMultipart } from '../../../src/sandbox/multipart'
import { client, reactorHeaders, startSandbox, type Client, type RunningSandbox } from './helpers'
import { extensionZip, makeZip } from './zip-fixture'

let sb: RunningSandbox
let c: Client

beforeAll(async () => {
  sb = await startSandbox({ asyncDelayMs: 40 })
  c = await client(sb)
})
afterAll(() => sb.close())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const EA = /^EA[0-9a-f]{32}$/

function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'sandbox-test-ext',
    displayName: 'Sandbox Test Extension',
    platform: 'web',
    version: '1.0.0',
    description: 'Uploaded by a test.',
    author: { name: 'Tester', url: 'https://example.com', email: 'tester@example.com' },
    viewBasePath: 'src/view/',
    events: [{ name: 'click', displayName: 'Click', libPath: 'src/lib/events/click.js' }],
    ...overrides
  }
}

/** multipart/form-data through fetch's own FormData encoder, as a real client sends it. */
async function upload(method: string, path: string, fields: Record<string, Buffer | string>): Promise<{ status: number; json: any }> {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value)
    else form.append(name, new Blob([new Uint8Array(value)], { type: 'application/zip' }), 'package.zip')
  }
  const headers = reactorHeaders(c.token)
  delete headers['content-type']
  const res = await fetch(sb.baseUrl + path, { method, headers, body: form })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

async function waitForStatus(id: string): Promise<any> {
  for (let i = 0; i < 50; i++) {
    const res = await c.get(`/extension_packages/${id}`)
    if (res.json.data.attributes.status !== 'pending') return res.json.data
    await sleep(20)
  }
  throw new Error('package stayed pending')
}

describe('multipart parser', () => {
  it('keeps binary file parts byte for byte and reads text fields', () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80])
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhéllo\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="package"; filename="p.zip"\r\nContent-Type: application/zip\r\n\r\n'),
      binary,
      Buffer.from('\r\n--XyZ--\r\n')
    ])
    const parts = parseMultipart(body, 'multipart/form-data; boundary=XyZ')!
    expect(parts.map((p) => p.name)).toEqual(['note', 'package'])
    expect(parts[0]!.data.toString('utf8')).toBe('héllo')
    expect(parts[1]).toMatchObject({ filename: 'p.zip', contentType: 'application/zip' })
    expect(parts[1]!.data.equals(binary)).toBe(true)
    expect(parseMultipart(body, 'multipart/form-data')).toBeUndefined()
  })
})

describe('upload', () => {
  it('POST multipart `package` -> 202 pending development package owned by the caller, then succeeded', async () => {
    const res = await upload('POST', '/extension_packages', { package: extensionZip(manifest(), 8) })
    expect(res.status).toBe(202)
    const pkg = res.json.data
    expect(pkg.id).toMatch(/^EP[0-9a-f]{32}$/)
    expect(pkg.links.self).toBe(`${sb.baseUrl}/extension_packages/${pkg.id}`)
    expect(pkg.attributes).toMatchObject({
      status: 'pending',
      availability: 'development',
      name: 'sandbox-test-ext',
      display_name: 'Sandbox Test Extension',
      version: '1.0.0',
      owner_org_id: sb.credentials.working.orgId,
      created_by_display_name: 'Sandbox Integration'
    })
    const done = await waitForStatus(pkg.id)
    expect(done.attributes.status).toBe('succeeded')
    expect(done.attributes.events).toHaveLength(1)
    // Development packages show up only when asked for (max_availability), and only to their owner.
    const listed = async (query: string) =>
      (await c.get(`/extension_packages?page[size]=100${query}`)).json.data.map((p: { id: string }) => p.id)
    expect(await listed('')).not.toContain(pkg.id)
    expect(await listed('&max_availability=development')).toContain(pkg.id)
  })

  it('reads stored (uncompressed) zips too', async () => {
    const res = await upload('POST', '/extension_packages', { package: extensionZip(manifest({ name: 'sandbox-stored-ext' }), 0) })
    expect(res.status).toBe(202)
    expect((await waitForStatus(res.json.data.id)).attributes).toMatchObject({ status: 'succeeded', name: 'sandbox-stored-ext' })
  })

  it('422 without a `package` field, for a non-zip, and for a JSON body', async () => {
    const missing = await upload('POST', '/extension_packages', { other: 'x' })
    expect(missing.status).toBe(422)
    expect(missing.json.errors[0]).toMatchObject({ status: '422', source: { pointer: '/data/attributes/package' } })
    expect(missing.json.errors[0].detail).toContain('"other"')
    const notZip = await upload('POST', '/extension_packages', { package: Buffer.from('just text, not a zip') })
    expect(notZip.status).toBe(422)
    expect(notZip.json.errors[0].code).toBe('extension-package-zip-error')
    const json = await c.request('POST', '/extension_packages', { data: { type: 'extension_packages' } })
    expect(json.status).toBe(422)
    expect(json.json.errors[0].detail).toContain('multipart/form-data')
  })

  it('a zip without a valid extension.json fails asynchronously with meta.status_details', async () => {
    const res = await upload('POST', '/extension_packages', { package: makeZip({ 'README.md': 'no manifest' }) })
    expect(res.status).toBe(202)
    const failed = await waitForStatus(res.json.data.id)
    expect(failed.attributes.status).toBe('failed')
    expect(failed.meta.status_details.errors[0]).toMatchObject({ code: 'extension-package-path-error' })
    const noVersion = await upload('POST', '/extension_packages', { package: extensionZip(manifest({ name: 'sandbox-nov', version: undefined })) })
    expect((await waitForStatus(noVersion.json.data.id)).meta.status_details.errors[0].detail).toContain('version')
    // A name another org owns (Adobe's core) is refused the same way.
    const taken = await upload('POST', '/extension_packages', { package: extensionZip(manifest({ name: 'core', version: '9.9.9' })) })
    expect((await waitForStatus(taken.json.data.id)).meta.status_details.errors[0].code).toBe('invalid-name')
  })

  it('re-upload (PATCH multipart) of a development package -> 200 pending, then the new files', async () => {
    const created = await upload('POST', '/extension_packages', { package: extensionZip(manifest({ name: 'sandbox-reup' })) })
    const id = created.json.data.id
    await waitForStatus(id)
    const again = await upload('PATCH', `/extension_packages/${id}`, {
      package: extensionZip(manifest({ name: 'sandbox-reup', displayName: 'Renamed Display', description: 'v2 files' }))
    })
    expect(again.status).toBe(200)
    expect(again.json.data.attributes.status).toBe('pending')
    expect((await waitForStatus(id)).attributes).toMatchObject({ status: 'succeeded', display_name: 'Renamed Display', description: 'v2 files' })
    // OpenAPI's POST /extension_packages/{id} does the same.
    expect((await upload('POST', `/extension_packages/${id}`, { package: extensionZip(manifest({ name: 'sandbox-reup' })) })).status).toBe(200)
    await waitForStatus(id)
    // A zip of another package fails the processing.
    await upload('PATCH', `/extension_packages/${id}`, { package: extensionZip(manifest({ name: 'something-else' })) })
    expect((await waitForStatus(id)).meta.status_details.errors[0].code).toBe('invalid-name')
  })

  it('release_private moves development -> private; discontinue sets discontinued; no re-upload after release', async () => {
    const created = await upload('POST', '/extension_packages', { package: extensionZip(manifest({ name: 'sandbox-release' })) })
    const id = created.json.data.id
    await waitForStatus(id)
    const action = (name: string) => c.request('PATCH', `/extension_packages/${id}`, { data: { id, type: 'extension_packages', meta: { action: name } } })
    const released = await action('release_private')
    expect(released.status).toBe(200)
    expect(released.json.data.attributes.availability).toBe('private')
    expect((await action('release_private')).status).toBe(422)
    const reupload = await upload('PATCH', `/extension_packages/${id}`, { package: extensionZip(manifest({ name: 'sandbox-release' })) })
    expect(reupload.status).toBe(422)
    expect(reupload.json.errors[0].code).toBe('read-only')
    const discontinued = await action('discontinue')
    expect(discontinued.json.data.attributes).toMatchObject({ availability: 'private', discontinued: true })
    expect((await action('explode')).json.errors[0].source.pointer).toBe('/data/meta/action')
  })

  it("403 for actions on a package the caller's org does not own", async () => {
    const core = (await c.get('/extension_packages?filter[name]=EQ core')).json.data[0]
    const res = await c.request('PATCH', `/extension_packages/${core.id}`, { data: { id: core.id, type: 'extension_packages', meta: { action: 'discontinue' } } })
    expect(res.status).toBe(403)
    expect(res.json.errors[0].code).toBe('not-authorized')
  })
})

describe('usage authorizations', () => {
  it('lists the seeded authorizations of the private package in Adobe\'s shape', async () => {
    const id = sb.seeded.privateExtensionPackageId
    const res = await c.get(`/extension_packages/${id}/extension_package_usage_authorizations`)
    expect(res.status).toBe(200)
    expect(res.json.meta.pagination.total_count).toBe(2)
    const [first] = res.json.data
    expect(first.id).toMatch(EA)
    expect(first.type).toBe('extension_package_usage_authorizations')
    expect(Object.keys(first.attributes).sort()).toEqual(
      [
        'authorized_org_id', 'authorized_org_name', 'created_at', 'created_by_display_name', 'created_by_email', 'name',
        'owner_org_id', 'owner_org_name', 'platform', 'state', 'updated_at', 'updated_by_display_name', 'updated_by_email'
      ].sort()
    )
    expect(first.relationships.extension_package).toEqual({
      links: { related: `${sb.baseUrl}/extension_package_usage_authorizations/${first.id}/extension_package` },
      data: { id, type: 'extension_packages' }
    })
    expect(first.links).toEqual({ self: `${sb.baseUrl}/extension_package_usage_authorizations/${first.id}` })
    expect(res.json.data.map((a: any) => a.attributes.state).sort()).toEqual(['approved', 'pending_approval'])
    const pkg = await c.get(`/extension_package_usage_authorizations/${first.id}/extension_package`)
    expect(pkg.json.data.id).toBe(id)
  })

  it('the top-level list has links and the partner authorization the working org can approve', async () => {
    const res = await c.get('/extension_package_usage_authorizations')
    expect(res.json.links.self).toContain('page%5Bnumber%5D=1')
    const incoming = res.json.data.find((a: any) => a.attributes.authorized_org_id === sb.credentials.working.orgId)
    expect(incoming.attributes).toMatchObject({ state: 'pending_approval', owner_org_name: 'Partner Example Org' })
    // Pending: the partner package is visible but not installable.
    const packageId = incoming.relationships.extension_package.data.id
    expect((await c.get(`/extension_packages/${packageId}`)).status).toBe(200)
    const install = () =>
      c.request('POST', `/properties/${sb.seeded.webPropertyId}/extensions`, {
        data: { type: 'extensions', relationships: { extension_package: { data: { id: packageId, type: 'extension_packages' } } } }
      })
    expect((await install()).status).toBe(422)

    const patch = (state: unknown) =>
      c.request('PATCH', `/extension_package_usage_authorizations/${incoming.id}`, {
        data: { id: incoming.id, type: 'extension_package_usage_authorizations', attributes: { state } }
      })
    expect((await patch('accepted-ish')).status).toBe(422)
    const approved = await patch('approved')
    expect(approved.status).toBe(200)
    expect(approved.json.data.attributes).toMatchObject({ state: 'approved', updated_by_display_name: 'Sandbox Integration' })
    expect((await install()).status).toBe(201)
    // Only the owner deletes; the authorized org gets 403.
    expect((await c.request('DELETE', `/extension_package_usage_authorizations/${incoming.id}`)).status).toBe(403)
  })

  it('the owner creates (201 pending_approval), cannot approve, and deletes (204); bad orgs are 422', async () => {
    const id = sb.seeded.privateExtensionPackageId
    const create = (orgId: unknown) =>
      c.request('POST', `/extension_packages/${id}/extension_package_usage_authorizations`, {
        data: { type: 'extension_package_usage_authorizations', attributes: { authorized_org_id: orgId } }
      })
    const created = await create('0123456789ABCDEF01234567@AdobeOrg')
    expect(created.status).toBe(201)
    expect(created.json.data.id).toMatch(EA)
    expect(created.json.data.attributes).toMatchObject({ state: 'pending_approval', authorized_org_id: '0123456789ABCDEF01234567@AdobeOrg' })
    expect((await create('0123456789ABCDEF01234567@AdobeOrg')).json.errors[0].code).toBe('not-unique')
    expect((await create('not-an-org')).status).toBe(422)
    expect((await create(sb.credentials.working.orgId)).status).toBe(422)
    const eaId = created.json.data.id
    const ownerApprove = await c.request('PATCH', `/extension_package_usage_authorizations/${eaId}`, {
      data: { id: eaId, type: 'extension_package_usage_authorizations', attributes: { state: 'approved' } }
    })
    expect(ownerApprove.status).toBe(403)
    expect((await c.request('DELETE', `/extension_package_usage_authorizations/${eaId}`)).status).toBe(204)
    expect((await c.get(`/extension_package_usage_authorizations/${eaId}/extension_package`)).status).toBe(404)
    // Public packages need no authorization; other orgs' packages cannot be shared by us.
    const core = (await c.get('/extension_packages?filter[name]=EQ core')).json.data[0]
    const onCore = await c.request('POST', `/extension_packages/${core.id}/extension_package_usage_authorizations`, {
      data: { type: 'extension_package_usage_authorizations', attributes: { authorized_org_id: '0123456789ABCDEF01234567@AdobeOrg' } }
    })
    expect(onCore.status).toBe(403)
  })

  it('another org sees neither the private package nor its authorizations', async () => {
    const other = await client(sb, sb.credentials.noCompanies)
    expect((await other.get(`/extension_packages/${sb.seeded.privateExtensionPackageId}`)).status).toBe(404)
    expect((await other.get('/extension_package_usage_authorizations')).json.data).toEqual([])
    const publicOnly = (await other.get('/extension_packages?max_availability=development&page[size]=100')).json.data
    expect(publicOnly.every((p: any) => p.attributes.availability === 'public')).toBe(true)
  })
})
