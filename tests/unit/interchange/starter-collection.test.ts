import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import { SandboxHost, type RunningSandbox } from '../../../src/sandbox'
import { effectiveSpec, requestsInOrder, scopesFor, type Collection, type RequestItem } from '../../../src/shared/collections/collection-model'
import type { RequestVariable } from '../../../src/shared/requests/request-spec'
import { starterCollection } from '../../../src/main/core/interchange'
import { checkAssertion, evaluateResponseExpression, parseResponseExpression, type ResponseAssertion, type SetVariableAction } from '../../../src/main/core/interchange/response-expressions'

let dataDir: string
let services: CoreServices
let sandbox: RunningSandbox
let collection: Collection

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rx-starter-'))
  services = createCoreServices({ dataDir, sandbox: new SandboxHost({ asyncDelayMs: 200 }), secretStores: [], proactiveRefresh: false })
  sandbox = await services.sandbox.ensureRunning()
  collection = starterCollection({ sandbox: sandbox.seeded })
})
afterAll(async () => {
  await services.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

const runtimeOf = (item: RequestItem) => (item.extra?.runtime ?? {}) as { assertions?: ResponseAssertion[]; actions?: SetVariableAction[] }

describe('the Reactor starter collection', () => {
  it("holds Adobe's getting-started calls and the publishing flow, in order, each with docs and a declared answer", () => {
    expect(collection.items.map((item) => (item.kind === 'folder' ? item.name : ''))).toEqual(['Check your credential', 'Explore a property', 'Publish a library'])
    const steps = requestsInOrder(collection.items).map(({ item }) => `${item.spec.method} ${item.spec.url}`)
    expect(steps).toEqual([
      'GET /companies',
      'GET /companies/{{companyId}}/properties',
      'GET /properties/{{propertyId}}',
      'GET /properties/{{propertyId}}/rules',
      'GET /rules/{{ruleId}}/rule_components',
      'GET /properties/{{propertyId}}/data_elements',
      'GET /properties/{{propertyId}}/extensions',
      'GET /properties/{{propertyId}}/libraries',
      'GET /properties/{{propertyId}}/environments',
      'GET /libraries/{{libraryId}}/builds',
      'GET /properties/{{propertyId}}/hosts',
      'POST /properties/{{propertyId}}/environments',
      'POST /properties/{{propertyId}}/libraries',
      'POST /libraries/{{libraryId}}/relationships/rules',
      'POST /libraries/{{libraryId}}/relationships/data_elements',
      'POST /libraries/{{libraryId}}/relationships/extensions',
      'PATCH /libraries/{{libraryId}}/relationships/environment',
      'POST /libraries/{{libraryId}}/builds',
      'GET /builds/{{buildId}}'
    ])
    for (const { item } of requestsInOrder(collection.items)) {
      expect(item.docs?.length, item.spec.name).toBeGreaterThan(20)
      expect(item.spec.auth).toEqual({ type: 'inherit' })
      expect(item.spec.reactor?.operationId, item.spec.name).toBeTruthy()
      expect(runtimeOf(item).assertions?.[0]?.expression, item.spec.name).toBe('res.status')
    }
    const companies = requestsInOrder(collection.items)[0]!.item
    expect(companies.docs).toMatch(/\*\*404\*\*.*valid/)
    expect(companies.docs).toMatch(/\*\*403\*\*.*product profile/)
    expect(collection.environments).toEqual([
      { name: 'Sandbox', profileId: 'sandbox', variables: [{ name: 'companyId', value: sandbox.seeded.companyId, enabled: true }, { name: 'propertyId', value: sandbox.seeded.webPropertyId, enabled: true }] }
    ])
    // Every path and capture is an expression the app evaluates (and Bruno's runner too).
    for (const { item } of requestsInOrder(collection.items)) {
      for (const action of runtimeOf(item).actions ?? []) expect(parseResponseExpression(action.selector.expression), action.selector.expression).toBeDefined()
    }
  })

  it('every request, sent through the send pipeline with the built-in Sandbox profile, answers as its docs say', async () => {
    const environment = collection.environments[0]!
    const captured = new Map<string, string>()
    const seen: string[] = []
    let n = 0
    for (const { item, folders } of requestsInOrder(collection.items)) {
      const spec = effectiveSpec(collection, folders, item.spec)
      const runtime: RequestVariable[] = [...captured].map(([name, value]) => ({ name, value, enabled: true }))
      const poll = (item.spec.reactor as { poll?: { until: ResponseAssertion; intervalMs: number; maxAttempts: number } } | undefined)?.poll
      let view
      for (let attempt = 1; ; attempt++) {
        const response = await services.requests.pipeline.send(spec, { requestId: `starter-${n++}`, profileId: SANDBOX_PROFILE_ID, variables: { ...scopesFor(collection, folders, environment), runtime }, source: 'runner' })
        const text = response.body.kind === 'inline' ? response.body.text : ''
        view = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
        if (!poll || checkAssertion(poll.until, view).passed) break
        expect(attempt, `${item.spec.name}: still pending`).toBeLessThan(poll.maxAttempts)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      for (const assertion of runtimeOf(item).assertions ?? []) {
        const result = checkAssertion(assertion, view)
        expect(result.passed, `${item.spec.name}: ${result.message}`).toBe(true)
      }
      for (const action of runtimeOf(item).actions ?? []) {
        const value = evaluateResponseExpression(parseResponseExpression(action.selector.expression)!, view)
        expect(typeof value, `${item.spec.name} captures ${action.variable.name}`).toBe('string')
        captured.set(action.variable.name, value as string)
      }
      seen.push(`${view.status} ${item.spec.name}`)
    }
    expect(seen).toHaveLength(19)
    expect(captured.get('companyId')).toBe(sandbox.seeded.companyId)
    expect(captured.get('propertyId')).toBe(sandbox.seeded.webPropertyId)
    expect(captured.get('libraryId')).toMatch(/^LB/)
    expect(captured.get('buildId')).toMatch(/^BL/)
  })

  it("runs green in the collection runner with the Sandbox profile and its environment", async () => {
    const outcome = await services.runner.runner.run({ runId: 'starter-run', collection, profileId: SANDBOX_PROFILE_ID, environment: collection.environments[0] })
    expect(outcome.summary.outcome, JSON.stringify(outcome.summary.notes)).toBe('passed')
    expect(outcome.summary.requests).toMatchObject({ total: 19, passed: 19, failed: 0 })
    expect(outcome.summary.assertions.failed).toBe(0)
  })

  it('the 404 and 403 its docs describe are what the Sandbox answers for those credentials', async () => {
    const token = async (credential: { clientId: string; clientSecret: string; scopes: string[] }) => {
      const response = await fetch(`${sandbox.imsUrl}/ims/token/v3`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credential.clientId, client_secret: credential.clientSecret, scope: credential.scopes.join(',') })
      })
      return ((await response.json()) as { access_token: string }).access_token
    }
    const companies = async (credential: (typeof sandbox.credentials)['noCompanies']) =>
      (await fetch(`${sandbox.reactorUrl}/companies`, { headers: { authorization: `Bearer ${await token(credential)}`, 'x-api-key': credential.clientId, 'x-gw-ims-org-id': credential.orgId, accept: 'application/vnd.api+json;revision=1' } })).status
    expect(await companies(sandbox.credentials.noCompanies)).toBe(404)
    expect(await companies(sandbox.credentials.noProductProfile)).toBe(403)
  })
})
