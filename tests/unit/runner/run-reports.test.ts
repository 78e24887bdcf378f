// The reports the app keeps for its Run view: every run started through runner:start is followed by the same
// JSON, JUnit and HTML reporters the CLI writes, exported through runner:exportReport (as text for browser
// mode's download, or saved by main), deleted by runner:discardReport; a data file the person picked in the
// renderer runs from its text; no secret reaches a report.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error -- jsdom ships no type declarations; its XML parser reads junit.xml
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { RunReports } from '../../../src/main/core/runner/run-reports'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { SandboxHost } from '../../../src/sandbox'
import type { RunReportExport, RunSummary } from '../../../src/shared/ipc/runner.contract'

const FIXTURES = join(__dirname, '../../fixtures/runner')

let dir: string
let core: AppCore
let root: string
const saved: string[] = []
let dialogCancelled = false

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

async function call<T>(channel: string, input: unknown): Promise<Answer<T>> {
  return (await core.dispatcher.dispatch(channel, input)) as Answer<T>
}

async function value<T>(channel: string, input: unknown): Promise<T> {
  const answer = await call<T>(channel, input)
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`)
  return answer.value
}

async function reportFolders(): Promise<string[]> {
  const base = join(dir, 'data', 'run-reports')
  if (!existsSync(base)) return []
  const sessions = await readdir(base)
  return (await Promise.all(sessions.map(async (session) => (await readdir(join(base, session))).map((run) => join(session, run))))).flat()
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-run-reports-'))
  core = createAppCore({
    transport: 'loopback',
    version: '9.9.9',
    dataDir: join(dir, 'data'),
    sandbox: new SandboxHost(),
    secretStores: [],
    watchCollections: false,
    log: () => undefined,
    chooseSavePath: async (name) => {
      if (dialogCancelled) return undefined
      const path = join(dir, name)
      saved.push(path)
      return path
    }
  })
  root = join(dir, 'checks')
  await cp(join(FIXTURES, 'checks'), root, { recursive: true })
})
afterAll(async () => {
  await core.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('runner:exportReport / runner:discardReport', () => {
  it('exports the run as the JSON, JUnit and HTML reports the CLI writes, with every result in it', async () => {
    const summary = await value<RunSummary>('runner:start', { runId: 'r-export', collectionRoot: root, profileId: 'sandbox' })
    expect(summary.requests.total).toBe(4)
    expect(summary.requests.failed).toBe(1)

    const json = await value<RunReportExport>('runner:exportReport', { runId: 'r-export', format: 'json', destination: 'download' })
    expect(json.saved).toBe(false)
    expect(json.download).toMatchObject({ mimeType: 'application/json', fileName: expect.stringMatching(/^Runner-checks-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-report\.json$/) })
    const report = JSON.parse(json.download!.text) as { tool: string; profile: string; results: Array<{ path: string; outcome: string }>; summary: RunSummary }
    expect(report.tool).toBe('Reactor Explorer 9.9.9')
    expect(report.profile).toMatch(/Sandbox/)
    expect(report.results.map((result) => `${result.path} ${result.outcome}`)).toEqual([
      'reads/list-companies.yml passed',
      'reads/list-properties.yml passed',
      'reads/every-rule.yml passed',
      'failing/wrong-status.yml failed'
    ])
    expect(report.summary.requests).toMatchObject({ total: 4, passed: 3, failed: 1 })

    const junit = await value<RunReportExport>('runner:exportReport', { runId: 'r-export', format: 'junit', destination: 'download' })
    expect(junit.download?.mimeType).toBe('application/xml')
    const doc = new new JSDOM('').window.DOMParser().parseFromString(junit.download!.text, 'application/xml') as Document
    expect(doc.querySelector('parsererror')).toBeNull()
    const suites = doc.querySelector('testsuites')!
    expect([suites.getAttribute('tests'), suites.getAttribute('failures')]).toEqual(['4', '1'])

    const html = await value<RunReportExport>('runner:exportReport', { runId: 'r-export', format: 'html', destination: 'download' })
    expect(html.download?.mimeType).toBe('text/html')
    expect(html.download!.text).toContain('<tr class="failed">')
    expect(html.download!.text.match(/<tr class="passed">/g)).toHaveLength(3)
  })

  it('saves a report where the save dialog says (the app), and nothing when the person cancels it', async () => {
    const answer = await value<RunReportExport>('runner:exportReport', { runId: 'r-export', format: 'junit' })
    expect(answer).toMatchObject({ saved: true, path: saved.at(-1) })
    expect(await readFile(answer.path!, 'utf8')).toMatch(/^<\?xml version="1.0"/)
    dialogCancelled = true
    try {
      expect(await value('runner:exportReport', { runId: 'r-export', format: 'html' })).toEqual({ saved: false })
    } finally {
      dialogCancelled = false
    }
    expect(saved).toHaveLength(1)
  })

  it('runs a data file given as text, one iteration per row, and names the file in its errors', async () => {
    const text = await readFile(join(FIXTURES, 'companies.csv'), 'utf8')
    const summary = await value<RunSummary>('runner:start', { runId: 'r-data', collectionRoot: root, folder: 'failing', profileId: 'sandbox', data: { fileName: 'companies.csv', text } })
    // Four rows: three run, the row with a surplus value fails with its line number.
    expect(summary.iterations.total).toBe(4)
    expect(summary.dataErrors).toEqual([expect.objectContaining({ line: 4, message: expect.stringContaining('line 4') })])
    // The text written for the streamed reader is gone once the run is over; the reports stay.
    const folders = await reportFolders()
    const files = (await Promise.all(folders.map((folder) => readdir(join(dir, 'data', 'run-reports', folder))))).flat()
    expect(files.filter((file) => file.startsWith('data'))).toEqual([])

    const refused = await call('runner:start', { runId: 'r-bad-data', collectionRoot: root, profileId: 'sandbox', data: { fileName: 'rows.csv', text: 'first name,second\nx,y\n' } })
    expect(refused).toMatchObject({ ok: false, error: { code: 'runner-data-file', message: expect.stringContaining('"rows.csv"') } })
    expect((refused as { error: { message: string } }).error.message).not.toContain(dir)
    expect(await call('runner:exportReport', { runId: 'r-bad-data', format: 'json', destination: 'download' })).toMatchObject({ ok: false, error: { code: 'runner-no-such-report' } })
    expect(await reportFolders()).toHaveLength(folders.length)

    expect(await call('runner:start', { runId: 'r-both', collectionRoot: root, dataFile: '/tmp/x.csv', data: { fileName: 'x.csv', text: 'a\n1\n' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('runner:start', { runId: 'r-slash', collectionRoot: root, data: { fileName: '../x.csv', text: 'a\n1\n' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('refuses to export a run that is still going, and exports it once it is stopped', async () => {
    const sandbox = await core.sandbox.ensureRunning()
    sandbox.faults.add({ kind: 'latency', latencyMs: 10_000, match: { path: '/companies' }, times: 1 })
    const pending = call<RunSummary>('runner:start', { runId: 'r-slow', collectionRoot: root, folder: 'reads', profileId: 'sandbox' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await call('runner:exportReport', { runId: 'r-slow', format: 'json', destination: 'download' })).toMatchObject({ ok: false, error: { code: 'runner-report-not-ready' } })
    await value('runner:cancel', { runId: 'r-slow' })
    expect(await pending).toMatchObject({ ok: true, value: { outcome: 'cancelled' } })
    const json = await value<RunReportExport>('runner:exportReport', { runId: 'r-slow', format: 'json', destination: 'download' })
    expect(JSON.parse(json.download!.text).summary).toMatchObject({ outcome: 'cancelled', stoppedBy: 'cancel', requests: { cancelled: 1, notRun: 2 } })
    sandbox.faults.clear()
  })

  it('discarding a run deletes its reports; a second discard or an export says there is none', async () => {
    const before = await reportFolders()
    expect(await value('runner:discardReport', { runId: 'r-export' })).toEqual({ discarded: true })
    expect(await reportFolders()).toHaveLength(before.length - 1)
    expect(await value('runner:discardReport', { runId: 'r-export' })).toEqual({ discarded: false })
    const gone = await call('runner:exportReport', { runId: 'r-export', format: 'html', destination: 'download' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'runner-no-such-report', message: expect.stringMatching(/^There is no report for this run any more/) } })
    expect(await call('runner:exportReport', { runId: 'r-data', format: 'pdf', destination: 'download' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})

describe('RunReports', () => {
  const summary = (runId: string): RunSummary => ({
    runId,
    collection: { name: 'C' },
    profile: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    durationMs: 1000,
    outcome: 'passed',
    requests: { total: 0, passed: 0, failed: 0, cancelled: 0, notRun: 0, answered: 0 },
    assertions: { total: 0, passed: 0, failed: 0 },
    iterations: { total: 1, failed: 0 },
    dataErrors: [],
    dataErrorCount: 0,
    failures: 0,
    scriptsNotRun: 0,
    notes: ['planted-report-secret-51c2 and CLIENT-ID-1234 in a note']
  })

  it('keeps the reports of the last runs only, masks secrets and the profile identifiers, and removes its folder on dispose', async () => {
    const base = await mkdtemp(join(tmpdir(), 'rx-run-reports-unit-'))
    try {
      const secrets = new SecretRegistry()
      secrets.add('planted-report-secret-51c2')
      const reports = new RunReports({ dir: base, secrets, tool: 't', maxKept: 2, identifiers: async () => ['CLIENT-ID-1234'] })
      for (const runId of ['a', 'b', 'c']) {
        const run = await reports.begin(runId, { collection: 'C', startedAt: '2025-01-01T00:00:00.000Z' }, 'p')
        await run.finish(summary(runId))
      }
      expect(await call('app:info', undefined)).toMatchObject({ ok: true })
      await expect(reports.export('a', 'json', 'download')).rejects.toMatchObject({ code: 'runner-no-such-report' })
      const text = (await reports.export('c', 'json', 'download')).download!.text
      expect(text).toContain('in a note')
      expect(text).not.toContain('planted-report-secret-51c2')
      expect(text).not.toContain('CLIENT-ID-1234')
      const [session] = await readdir(base)
      expect(await readdir(join(base, session!))).toHaveLength(2)
      await reports.dispose()
      expect(await readdir(base)).toEqual([])
    } finally {
      await rm(base, { recursive: true, force: true })
    }
  })
})
