// The runner behind the contract, as the app's Run view will use it: runner:start on a collection folder
// opened through the collections capability, runner:progress events, runner:cancel, captures saved into the
// environment only when asked, and a collection's secret variable lent from the keychain to its sends, never
// shown in an answer or an event.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { writeCollectionFolder } from '../../../src/main/core/interchange'
import { SandboxHost } from '../../../src/sandbox'
import type { RunProgress, RunSummary } from '../../../src/shared/ipc/runner.contract'
import { requestSpec } from '../../../src/shared/requests/request-spec'

const FIXTURES = join(__dirname, '../../fixtures/runner')
const SECRET = 'planted-collection-secret-7f3a9c'

let dir: string
let core: AppCore
let echo: Server
let echoUrl: string
const outbound: string[] = []
const progress: RunProgress[] = []

async function call<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const result = (await core.dispatcher.dispatch(channel, input)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
  outbound.push(JSON.stringify(result))
  return result
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-runner-cap-'))
  core = createAppCore({ transport: 'loopback', version: 'test', dataDir: join(dir, 'data'), sandbox: new SandboxHost({ asyncDelayMs: 50 }), secretStores: [], watchCollections: false, log: (line) => outbound.push(line) })
  core.events.subscribe((event) => {
    outbound.push(JSON.stringify(event))
    if (event.name === 'runner:progress') progress.push(event.payload)
  })
  echo = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ headers: req.headers }))
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
})
afterAll(async () => {
  await core.dispose()
  await new Promise<void>((resolve) => echo.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

describe('runner:start / runner:cancel / runner:progress', () => {
  it('runs a folder of a collection on disk and reports its progress; captures are saved only when asked', async () => {
    const root = join(dir, 'checks')
    await cp(join(FIXTURES, 'checks'), root, { recursive: true })
    const before = await readFile(join(root, 'environments', 'Sandbox.yml'), 'utf8')
    progress.length = 0
    const run = await call<RunSummary>('runner:start', { runId: 'run-1', collectionRoot: root, folder: 'reads', profileId: 'sandbox' })
    expect(run).toMatchObject({ ok: true, value: { outcome: 'passed', environment: 'Sandbox', requests: { total: 3, passed: 3 } } })
    expect(progress.map((event) => event.type)).toEqual(['started', 'request', 'result', 'request', 'result', 'request', 'result', 'finished'])
    expect(await readFile(join(root, 'environments', 'Sandbox.yml'), 'utf8')).toBe(before)

    const saved = await call<RunSummary>('runner:start', { runId: 'run-2', collectionRoot: root, folder: 'reads', profileId: 'sandbox', saveEnvironment: true })
    expect(saved.ok && saved.value.notes).toContain('2 captured value(s) saved to the environment "Sandbox".')
    expect(await readFile(join(root, 'environments', 'Sandbox.yml'), 'utf8')).toMatch(/name: companyId\n\s+value: CO[0-9a-f]{32}/)
  })

  it('refuses what does not exist before anything is sent, with a sentence', async () => {
    const root = join(dir, 'checks')
    expect(await call('runner:start', { runId: 'run-3', collectionRoot: root, folder: 'nope', profileId: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'runner-no-such-folder' } })
    expect(await call('runner:start', { runId: 'run-4', collectionRoot: root, environment: 'Prod', profileId: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'runner-no-such-environment' } })
    expect(await call('runner:start', { runId: 'run-5', collectionRoot: root, dataFile: join(dir, 'none.csv'), profileId: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'runner-data-file' } })
    expect(await call('runner:start', { runId: 'x', collectionRoot: root, concurrency: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('runner:cancel', { runId: 'not-running' })).toEqual({ ok: true, value: { cancelled: false } })
  })

  it('runner:cancel stops a run at once; the summary says which requests ran', async () => {
    const root = join(dir, 'slow')
    const sandbox = await core.sandbox.ensureRunning()
    sandbox.faults.add({ kind: 'latency', latencyMs: 10_000, match: { path: '/companies' }, times: 1 })
    await writeCollectionFolder(
      {
        root: '',
        name: 'Slow',
        version: '1.0.0',
        defaults: { headers: [], variables: [] },
        items: [1, 2, 3].map((n) => ({ kind: 'request' as const, path: `r${n}.yml`, seq: n, spec: requestSpec({ name: `r${n}`, method: 'GET', url: '/companies' }) })),
        environments: []
      },
      root
    )
    progress.length = 0
    const pending = call<RunSummary>('runner:start', { runId: 'run-slow', collectionRoot: root, profileId: 'sandbox' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await call('runner:cancel', { runId: 'run-slow' })).toEqual({ ok: true, value: { cancelled: true } })
    const summary = await pending
    expect(summary).toMatchObject({ ok: true, value: { outcome: 'cancelled', stoppedBy: 'cancel', requests: { total: 1, cancelled: 1, notRun: 2 } } })
    sandbox.faults.clear()
  })

  it("a collection's secret variable is lent from the keychain to its sends and never shown", async () => {
    const root = join(dir, 'secret')
    await writeCollectionFolder(
      {
        root: '',
        name: 'Secret',
        version: '1.0.0',
        defaults: { headers: [], variables: [] },
        items: [
          {
            kind: 'request',
            path: 'echo.yml',
            seq: 1,
            spec: requestSpec({ name: 'echo', method: 'GET', url: `${echoUrl}/echo`, headers: [{ name: 'x-api-secret', value: '{{apiSecret}}' }] }),
            extra: { runtime: { assertions: [{ expression: 'res.body.headers["x-api-secret"]', operator: 'eq', value: 'not the secret' }] } }
          }
        ],
        environments: [{ name: 'Sandbox', profileId: 'sandbox', variables: [{ name: 'apiSecret', secret: true, enabled: true }] }]
      },
      root
    )
    await core.services.collections.secrets.store(root, { environment: 'Sandbox' }, 'apiSecret', SECRET)
    progress.length = 0
    outbound.length = 0
    const run = await call<RunSummary>('runner:start', { runId: 'run-secret', collectionRoot: root, profileId: 'sandbox' })
    expect(run).toMatchObject({ ok: true, value: { outcome: 'failed', requests: { answered: 1 } } })
    // The echo host received the real value (the check saw it), and what came back says only ••••••.
    const result = progress.find((event) => event.type === 'result')
    expect(result && result.type === 'result' && result.result.assertions[0]).toMatchObject({ passed: false, actual: '••••••' })
    expect(outbound.join('\n')).not.toContain(SECRET)
  })
})
