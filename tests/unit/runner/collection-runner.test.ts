// The runner against the Sandbox over real loopback HTTP, through the app's own core (profiles, TokenManager,
// send pipeline, executor): order, selection, bail, cancel, concurrency, the publish flow chained by captures
// to a succeeded build, data files, 429 with Retry-After, token expiry mid-run, fetch-all, scripts not run.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openDataFile } from '../../../src/main/core/runner/data-file'
import type { SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { collection, folder, request, results, startRunnerHarness, type RunnerHarness } from './helpers'

// A full collection before each heap sample, so the samples measure what is held, not garbage not yet collected.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

let h: RunnerHarness
let web: string
let company: string
const exchanges: SentExchange[] = []
let recordExchanges = true

beforeAll(async () => {
  h = await startRunnerHarness()
  web = h.sandbox.seeded.webPropertyId
  company = h.sandbox.seeded.companyId
  h.services.requests.pipeline.observe((exchange) => recordExchanges && exchanges.push(exchange))
})
afterAll(async () => h.close())
beforeEach(() => {
  h.sandbox.faults.clear()
  exchanges.length = 0
})

const ok = (path: string, url: string, assertions: unknown[] = ['res.status eq 200']) => request(path, { name: path, method: 'GET', url }, { assertions })

describe('order and selection', () => {
  it('runs every request in collection order (folders depth-first by seq), through the pipeline as source runner', async () => {
    const c = collection([
      ok('a.yml', '/companies'),
      folder('props', [ok('props/one.yml', `/properties/${web}`), folder('props/deep', [ok('props/deep/rules.yml', `/properties/${web}/rules`)])]),
      ok('z.yml', `/companies/${company}`)
    ])
    const out = await h.run({ collection: c })
    expect(results(out).map((r) => r.path)).toEqual(['a.yml', 'props/one.yml', 'props/deep/rules.yml', 'z.yml'])
    expect(results(out).map((r) => r.folder)).toEqual(['', 'props', 'props/deep', ''])
    expect(out.summary).toMatchObject({ outcome: 'passed', requests: { total: 4, passed: 4, failed: 0, notRun: 0, answered: 4 }, assertions: { total: 4, passed: 4 } })
    expect(exchanges.map((e) => e.source)).toEqual(['runner', 'runner', 'runner', 'runner'])
    expect(new Set(results(out).map((r) => r.requestId)).size).toBe(4)
  })

  it('runs one folder, or a selection of requests (still in collection order); an unknown one is named', async () => {
    const c = collection([ok('a.yml', '/companies'), folder('props', [ok('props/one.yml', `/properties/${web}`), ok('props/two.yml', `/properties/${web}/rules`)])])
    expect(results(await h.run({ collection: c, folder: 'props' })).map((r) => r.path)).toEqual(['props/one.yml', 'props/two.yml'])
    expect(results(await h.run({ collection: c, requestPaths: ['props/two.yml', 'a.yml'] })).map((r) => r.path)).toEqual(['a.yml', 'props/two.yml'])
    await expect(h.run({ collection: c, folder: 'nope' })).rejects.toThrow('The collection "Runner test" has no folder "nope". Its folders: props.')
    await expect(h.run({ collection: c, requestPaths: ['b.yml'] })).rejects.toThrow('Not in the collection "Runner test": b.yml.')
  })

  it('a request without a status assertion fails on 4xx; one with its own status assertion decides itself', async () => {
    const c = collection([
      request('missing.yml', { method: 'GET', url: '/companies/COffffffffffffffffffffffffffffffff' }),
      request('expected-404.yml', { method: 'GET', url: '/companies/COffffffffffffffffffffffffffffffff' }, { assertions: ['res.status eq 404'] })
    ])
    const [missing, expected] = results(await h.run({ collection: c }))
    expect(missing).toMatchObject({ outcome: 'failed', status: 404 })
    expect(missing!.assertions).toEqual([expect.objectContaining({ implicit: true, passed: false, actual: '404' })])
    expect(expected).toMatchObject({ outcome: 'passed', status: 404 })
  })
})

describe('bail and cancel', () => {
  const three = () => collection([ok('1.yml', '/companies'), ok('2.yml', '/companies', ['res.status eq 201']), ok('3.yml', '/companies')])

  it('continues after a failure by default; with bail stops and says which did not run', async () => {
    const goOn = await h.run({ collection: three() })
    expect(results(goOn).map((r) => `${r.path}:${r.outcome}`)).toEqual(['1.yml:passed', '2.yml:failed', '3.yml:passed'])
    expect(goOn.summary).toMatchObject({ outcome: 'failed', failures: 1, requests: { notRun: 0 } })
    const bail = await h.run({ collection: three(), bail: true })
    expect(results(bail).map((r) => r.path)).toEqual(['1.yml', '2.yml'])
    expect(bail.summary).toMatchObject({ outcome: 'failed', stoppedBy: 'bail', requests: { total: 2, notRun: 1 } })
    expect(bail.summary.notes.join(' ')).toContain('bail')
  })

  it('cancel aborts the request in flight at once; the report says which ran', async () => {
    h.sandbox.faults.add({ kind: 'latency', latencyMs: 10_000, match: { path: `/properties/${web}` } })
    const controller = new AbortController()
    const c = collection([ok('1.yml', '/companies'), ok('2.yml', `/properties/${web}`), ok('3.yml', '/companies')])
    const before = h.sandbox.stats().reactorRequests
    const out = await h.run({
      collection: c,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'request' && event.path === '2.yml') setTimeout(() => controller.abort(), 100)
      }
    })
    expect(results(out).map((r) => `${r.path}:${r.outcome}`)).toEqual(['1.yml:passed', '2.yml:cancelled'])
    expect(results(out)[1]!.error).toMatchObject({ code: 'http-cancelled' })
    expect(out.summary).toMatchObject({ outcome: 'cancelled', stoppedBy: 'cancel', requests: { total: 2, passed: 1, cancelled: 1, notRun: 1 } })
    expect(out.summary.durationMs).toBeLessThan(10_000)
    // 3.yml was never sent.
    expect(h.sandbox.stats().reactorRequests - before).toBe(2)
  })
})

describe('concurrency', () => {
  it('keeps at most N requests in flight, and uses all N', async () => {
    h.sandbox.faults.add({ kind: 'latency', latencyMs: 80, match: { path: '/companies' } })
    const c = collection(Array.from({ length: 12 }, (_, i) => ok(`r${i}.yml`, '/companies')))
    let inFlight = 0
    let peak = 0
    const out = await h.run({
      collection: c,
      concurrency: 3,
      onProgress: (event) => {
        if (event.type === 'request') peak = Math.max(peak, ++inFlight)
        if (event.type === 'result') inFlight--
      }
    })
    expect(out.summary.requests).toMatchObject({ total: 12, passed: 12 })
    expect(peak).toBe(3)
  })

  it('a request that uses a captured variable waits for the request that captures it', async () => {
    h.sandbox.faults.add({ kind: 'latency', latencyMs: 150, match: { path: '/companies' } })
    const c = collection([
      request('companies.yml', { method: 'GET', url: '/companies' }, { actions: [{ type: 'set-variable', name: 'companyId', from: 'body', path: '$.data[0].id' }] }),
      request('properties.yml', { method: 'GET', url: '/companies/{{companyId}}/properties' }, { assertions: ['res.status eq 200', '$.data length 2'] }),
      ok('independent.yml', `/properties/${web}`)
    ])
    const order: string[] = []
    const out = await h.run({ collection: c, concurrency: 3, onProgress: (event) => event.type === 'request' && order.push(event.path) })
    expect(out.summary.outcome).toBe('passed')
    // independent.yml did not wait; properties.yml started only after companies.yml answered.
    expect(order).toEqual(['companies.yml', 'independent.yml', 'properties.yml'])
  })
})

describe('captures chain the publish flow to a succeeded build', () => {
  it('create library → add a rule → assign a new development environment → build → poll until succeeded (concurrency 4: writes keep their order)', async () => {
    const json = (value: unknown) => ({ type: 'json' as const, text: JSON.stringify(value) })
    const capture = (name: string, expression: string) => ({ type: 'set-variable', phase: 'after-response', selector: { expression, method: 'jsonq' }, variable: { name, scope: 'runtime' } })
    const c = collection(
      [
        request('publish/host.yml', { method: 'GET', url: '/properties/{{propertyId}}/hosts' }, { actions: [capture('hostId', '$.data[0].id')] }),
        request(
          'publish/env.yml',
          {
            method: 'POST',
            url: '/properties/{{propertyId}}/environments',
            body: json({ data: { type: 'environments', attributes: { name: 'Runner {{runName}}', stage: 'development' }, relationships: { host: { data: { id: '{{hostId}}', type: 'hosts' } } } } })
          },
          { assertions: ['res.status eq 201'], actions: [capture('environmentId', '$.data.id')] }
        ),
        request('publish/rules.yml', { method: 'GET', url: '/properties/{{propertyId}}/rules', params: [{ name: 'page[size]', value: '2' }] }, { actions: [capture('ruleId', 'res.body.data[0].id')] }),
        request(
          'publish/library.yml',
          { method: 'POST', url: '/properties/{{propertyId}}/libraries', body: json({ data: { type: 'libraries', attributes: { name: 'Runner {{runName}}' } } }) },
          { assertions: ['res.status eq 201', '$.data.attributes.state eq development'], actions: [capture('libraryId', '$.data.id')] }
        ),
        request(
          'publish/add-rule.yml',
          { method: 'POST', url: '/libraries/{{libraryId}}/relationships/rules', body: json({ data: [{ id: '{{ruleId}}', type: 'rules' }] }) },
          { assertions: ['res.status eq 200', '$.data[0].id eq {{ruleId}}'] }
        ),
        request('publish/environment.yml', { method: 'PATCH', url: '/libraries/{{libraryId}}/relationships/environment', body: json({ data: { id: '{{environmentId}}', type: 'environments' } }) }),
        request('publish/build.yml', { method: 'POST', url: '/libraries/{{libraryId}}/builds' }, { assertions: ['res.status eq 201'], actions: [capture('buildId', '$.data.id')] }),
        request(
          'publish/poll.yml',
          { method: 'GET', url: '/builds/{{buildId}}' },
          { assertions: ['$.data.attributes.status eq succeeded', 'res.body isJsonApi'] },
          { poll: { until: { expression: 'res.body.data.attributes.status', operator: 'eq', value: 'succeeded' }, failWhen: { expression: 'res.body.data.attributes.status', operator: 'eq', value: 'failed' }, intervalMs: 50, maxAttempts: 40 } }
        )
      ],
      { environments: [{ name: 'Sandbox', profileId: 'sandbox', variables: [{ name: 'propertyId', value: web, enabled: true }] }] }
    )
    const out = await h.run({ collection: c, environment: c.environments[0], variables: [{ name: 'runName', value: 'flow', enabled: true }], concurrency: 4 })
    const all = results(out)
    expect(all.map((r) => `${r.path}:${r.outcome}`), JSON.stringify(all.filter((r) => r.outcome !== 'passed'), null, 1)).toEqual([
      'publish/host.yml:passed',
      'publish/env.yml:passed',
      'publish/rules.yml:passed',
      'publish/library.yml:passed',
      'publish/add-rule.yml:passed',
      'publish/environment.yml:passed',
      'publish/build.yml:passed',
      'publish/poll.yml:passed'
    ])
    const poll = all[7]!
    expect(poll.attempts).toBeGreaterThan(1)
    expect(poll.waits.every((wait) => wait.reason === 'poll')).toBe(true)
    expect(poll.assertions.find((a) => a.kind === 'poll')).toMatchObject({ passed: true, actual: 'succeeded' })
    expect([...out.captured.keys()].sort()).toEqual(['buildId', 'environmentId', 'hostId', 'libraryId', 'ruleId'])
    expect(out.captured.get('libraryId')).toMatch(/^LB[0-9a-f]{32}$/)
  })

  it('a poll that never gets there stops at its bound and fails with the last value', async () => {
    const c = collection([
      request('poll.yml', { method: 'GET', url: `/properties/${web}` }, undefined, { poll: { until: '$.data.attributes.name eq Never', intervalMs: 50, maxAttempts: 3 } })
    ])
    const [poll] = results(await h.run({ collection: c }))
    expect(poll).toMatchObject({ outcome: 'failed', attempts: 3 })
    expect(poll!.waits).toHaveLength(2)
    expect(poll!.assertions.find((a) => a.kind === 'poll')!.message).toMatch(/^Still not there after 3 attempts \([\d.]+ s\): Expected \$\.data\.attributes\.name to equal Never, got Sandbox Web Property\.$/)
  })

  it('a failed capture fails its request and the request that needed it names the missing variable', async () => {
    const c = collection([
      request('capture.yml', { method: 'GET', url: '/companies' }, { actions: [{ type: 'set-variable', name: 'libraryId', path: '$.data[0].nothing' }] }),
      ok('use.yml', '/libraries/{{libraryId}}')
    ])
    const [capture, use] = results(await h.run({ collection: c }))
    expect(capture).toMatchObject({ outcome: 'failed', captures: [{ name: 'libraryId', captured: false }] })
    expect(use).toMatchObject({ outcome: 'failed', error: { code: 'request-unresolved-variables' } })
    expect(use!.error!.message).toContain('libraryId')
  })
})

describe('data-driven runs', () => {
  const byCompany = () => collection([request('company.yml', { method: 'GET', url: '/companies/{{companyId}}' }, { assertions: ['res.status eq {{expected}}'] })])

  it('CSV: one iteration per row with the row as variables; a malformed row fails with its line and the run goes on', async () => {
    const path = join(h.dir, 'rows.csv')
    await writeFile(path, `companyId,expected\n${company},200\nCOffffffffffffffffffffffffffffffff,404\n${company},200,surplus\n${company},500\n${company},200\n`)
    const out = await h.run({ collection: byCompany(), data: await openDataFile(path) })
    expect(results(out).map((r) => `${r.iteration}:${r.status}:${r.outcome}`)).toEqual(['1:200:passed', '2:404:passed', '4:200:failed', '5:200:passed'])
    expect(out.summary.dataErrors).toEqual([{ iteration: 3, line: 4, message: 'line 4 has 3 values, but the header has 2 (companyId, expected)' }])
    expect(out.summary).toMatchObject({ outcome: 'failed', failures: 2, iterations: { total: 5, failed: 2 }, requests: { total: 4, notRun: 0 } })
    expect(out.events.filter((e) => e.type === 'data-error')).toHaveLength(1)
  })

  it('JSON: the same, from an array of objects', async () => {
    const path = join(h.dir, 'rows.json')
    await writeFile(path, JSON.stringify([{ companyId: company, expected: 200 }, { companyId: 'COffffffffffffffffffffffffffffffff', expected: 404 }]).replace('},{', '},\n{"companyId": 7 oops},\n{'))
    const out = await h.run({ collection: byCompany(), data: await openDataFile(path) })
    expect(results(out).map((r) => `${r.iteration}:${r.status}:${r.outcome}`)).toEqual(['1:200:passed', '3:404:passed'])
    expect(out.summary.dataErrors).toEqual([expect.objectContaining({ iteration: 2, line: 2, message: expect.stringMatching(/^row 2 \(line 2\) is not valid JSON/) })])
  })

  it('10,000 rows run in flat memory: rows are read as the run reaches them and no result is held', async () => {
    const path = join(h.dir, 'big.csv')
    const payload = 'p'.repeat(4096)
    await writeFile(path, `id,payload\n${Array.from({ length: 10_000 }, (_, i) => `${i},${payload}`).join('\n')}\n`)
    // Refused before sending (no such variable): the run's own bookkeeping is all that is measured.
    const c = collection([request('row.yml', { method: 'GET', url: '/companies/{{id}}/{{missing}}', headers: [{ name: 'x-payload', value: '{{payload}}' }] })])
    const heap: number[] = []
    recordExchanges = false
    const out = await h.runner.run({
      runId: 'big',
      collection: c,
      profileId: 'sandbox',
      data: await openDataFile(path),
      onProgress: (event) => {
        if (event.type === 'result' && (event.done === 1000 || event.done === 10_000)) {
          collectGarbage()
          heap.push(process.memoryUsage().heapUsed)
        }
      }
    })
    recordExchanges = true
    expect(out.summary).toMatchObject({ requests: { total: 10_000, failed: 10_000 }, iterations: { total: 10_000 } })
    // Held rows would add 9,000 × 4 KB = 36 MB between the two samples.
    expect(heap[1]! - heap[0]!).toBeLessThan(16 * 1024 * 1024)
  }, 60_000)

  it('iterations repeat the selection; captures belong to their iteration', async () => {
    const out = await h.run({ collection: collection([ok('a.yml', '/companies')]), iterations: 3 })
    expect(results(out).map((r) => r.iteration)).toEqual([1, 2, 3])
    expect(out.summary.iterations).toEqual({ total: 3, failed: 0 })
  })
})

describe('429, token expiry, fetch-all, scripts', () => {
  it('a 429 is retried after its Retry-After, and the wait is shown', async () => {
    h.sandbox.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1, match: { path: '/companies' } })
    const waits: string[] = []
    const out = await h.run({ collection: collection([ok('a.yml', '/companies')]), onProgress: (event) => event.type === 'waiting' && waits.push(event.wait.message) })
    const [result] = results(out)
    expect(result).toMatchObject({ outcome: 'passed', status: 200, attempts: 2 })
    expect(result!.waits).toEqual([expect.objectContaining({ reason: 'retry-after', ms: 1000 })])
    expect(waits[0]).toMatch(/^429 from 127\.0\.0\.1:\d+; retrying in 1\.0 s\.$/)
  })

  it('a 429 on a POST (refused before anything was done) is sent again after its Retry-After too', async () => {
    h.sandbox.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1, match: { method: 'POST', path: '/search' } })
    const c = collection([request('search.yml', { method: 'POST', url: '/search', body: { type: 'json', text: JSON.stringify({ data: { query: { 'attributes.name': { value: 'x' } }, resource_types: ['rules'] } }) } })])
    const [result] = results(await h.run({ collection: c }))
    expect(result).toMatchObject({ outcome: 'passed', status: 200, attempts: 2 })
    expect(result!.waits[0]).toMatchObject({ reason: 'retry-after', ms: 1000, message: '429 Too Many Requests; waiting 1.0 s (Retry-After), then sending POST again.' })
  })

  it('fetch-all pages as a request option: every rule of the property in one step', async () => {
    const c = collection([
      request('count.yml', { method: 'GET', url: `/properties/${web}/rules`, params: [{ name: 'page[size]', value: '1' }] }, { actions: [{ type: 'set-variable', name: 'ruleCount', path: '$.meta.pagination.total_count' }] }),
      request('all.yml', { method: 'GET', url: `/properties/${web}/rules`, params: [{ name: 'page[size]', value: '7' }] }, { assertions: ['$.data.length eq {{ruleCount}}', '$.data[*].type contains rules'] }, { paginate: 'all' })
    ])
    const out = await h.run({ collection: c })
    const [, all] = results(out)
    expect(all).toMatchObject({ outcome: 'passed', status: 200 })
    expect(all!.pages).toBe(Math.ceil(Number(out.captured.get('ruleCount')) / 7))
    expect(all!.pages).toBeGreaterThan(1)
  })

  it('imported scripts are reported as not run; their recognised captures are run', async () => {
    const c = collection([
      request('script.yml', { method: 'GET', url: '/companies' }, { scripts: [{ type: 'tests', code: 'pm.environment.set("companyId", pm.response.json().data[0].id);\nconsole.log(pm.response.text())' }] }),
      ok('use.yml', '/companies/{{companyId}}')
    ])
    const out = await h.run({ collection: c })
    const [script, use] = results(out)
    expect(script!.captures).toEqual([expect.objectContaining({ name: 'companyId', captured: true, origin: 'script' })])
    expect(script!.scriptsNotRun).toEqual([{ type: 'tests', reason: expect.stringContaining('not run: the runner evaluates no JavaScript') }])
    expect(use).toMatchObject({ outcome: 'passed' })
    expect(out.summary.scriptsNotRun).toBe(1)
  })
})

describe('tokens', () => {
  it('a token that expires mid-run is refreshed once, and the run goes on', async () => {
    const short = await startRunnerHarness({ tokenLifetimeSeconds: 2 })
    try {
      const c = collection(Array.from({ length: 5 }, (_, i) => ok(`r${i}.yml`, '/companies')))
      const out = await short.run({ collection: c, delayMs: 450 })
      expect(out.summary).toMatchObject({ outcome: 'passed', requests: { total: 5, passed: 5 } })
      // One token at the start, one refresh when the 2-second token neared its end; never one per request.
      expect(short.sandbox.stats().imsTokenRequests).toBe(2)
    } finally {
      await short.close()
    }
  })
})
