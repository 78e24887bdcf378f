// Walks the catalog: every GET operation is built with ids seeded in the sandbox and sent through the real
// executor with a working credential. Each must answer 2xx — the sandbox simulates every GET route Adobe
// documents — unless the operation is on the explicit allow-list below with the status it must answer instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOperationPath, catalogOperations } from '../../../src/shared/catalog/catalog'
import { PROFILE, req, startHarness, type Harness } from '../http/support'
import { jsonProblemOf } from '../../../src/main/core/http/json-problem'

let h: Harness
const ids: Record<string, string> = {}

async function list(path: string): Promise<Array<{ id: string }>> {
  const res = await h.executor.send(req({ profileId: PROFILE, url: path }))
  if (res.status !== 200 || res.body.kind !== 'inline') return []
  const doc = JSON.parse(res.body.text) as { data: Array<{ id: string }> | { id: string } }
  return Array.isArray(doc.data) ? doc.data : [doc.data]
}

async function firstId(collection: string, path: string): Promise<void> {
  if (ids[collection]) return
  const [item] = await list(path)
  if (item) ids[collection] = item.id
}

beforeAll(async () => {
  h = await startHarness()
  const { companyId, webPropertyId, edgePropertyId, privateExtensionPackageId } = h.sb.seeded
  ids.companies = companyId
  ids.properties = webPropertyId
  // The working org's own private package: its usage-authorization routes have something to list.
  ids.extension_packages = privateExtensionPackageId
  for (const c of ['rules', 'data_elements', 'extensions', 'libraries', 'environments', 'hosts', 'callbacks', 'notes']) {
    await firstId(c, `/properties/${webPropertyId}/${c}`)
  }
  await firstId('secrets', `/properties/${edgePropertyId}/secrets`)
  await firstId('rule_components', `/rules/${ids.rules}/rule_components`)
  await firstId('app_configurations', `/companies/${companyId}/app_configurations`)
  await firstId('audit_events', '/audit_events')
  await firstId('extension_package_usage_authorizations', '/extension_package_usage_authorizations')
  for (const library of await list(`/properties/${webPropertyId}/libraries`)) {
    await firstId('builds', `/libraries/${library.id}/builds`)
  }
}, 30_000)
afterAll(async () => {
  await h.close()
})

/**
 * GET operations that may answer something other than 2xx for seeded ids: operation id -> the status it must
 * answer and why. Every entry needs a reason a reader can check against Adobe's docs. Empty today: every GET
 * operation in the catalog (OpenAPI and documented extras) is simulated. An entry that no longer answers its
 * status fails the walk, so the list cannot go stale.
 */
const ALLOWED_NON_2XX: Record<string, { status: number; reason: string }> = {}

const gets = catalogOperations.filter((op) => op.method === 'GET')

describe('catalog walk against the sandbox', () => {
  it('has a seeded id for every resource type the GET routes need', () => {
    const needed = new Set(gets.flatMap((op) => op.pathParams.map((p) => p.resourceType)))
    expect([...needed].filter((type) => !ids[type])).toEqual([])
  })

  it('allow-list entries name real GET operations', () => {
    const known = new Set(gets.map((op) => op.id))
    expect(Object.keys(ALLOWED_NON_2XX).filter((id) => !known.has(id))).toEqual([])
  })

  it.each(gets.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_name, op) => {
    const values = Object.fromEntries(op.pathParams.map((p) => [p.name, ids[p.resourceType] ?? `${p.resourceType}-not-seeded`]))
    const path = buildOperationPath(op, values)
    const res = await h.executor.send(req({ profileId: PROFILE, url: path }))
    expect(res.body.kind === 'inline' ? jsonProblemOf(res.body.text, res.contentType) : undefined).toBeUndefined()
    const allowed = ALLOWED_NON_2XX[op.id]
    if (allowed) {
      expect({ path, status: res.status }).toEqual({ path, status: allowed.status })
      return
    }
    // Path and source in the failure message say which route to fix.
    expect({ path, source: op.source, status: res.status >= 200 && res.status < 300 ? '2xx' : res.status }).toEqual({
      path,
      source: op.source,
      status: '2xx'
    })
  })
})
