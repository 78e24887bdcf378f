// `reactor-explorer run` end to end, in-process against the Sandbox: every exit code, every reporter's output
// validated (JUnit parsed as XML, JSON against its schema, HTML parsed and checked self-contained) and scanned
// for planted secrets, the CI credential from REACTOR_* variables, a Postman file run directly, data files,
// --save-env and Ctrl-C.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
// @ts-expect-error -- jsdom (the renderer tests' DOM) ships no type declarations; its XML parser checks junit.xml
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RUN_EXIT, RUN_USAGE, runRunCommand, type RunIo } from '../../../src/cli/run-command'
import { writeCollectionFolder } from '../../../src/main/core/interchange'
import { RUN_REPORT_SCHEMA } from '../../../src/main/core/runner/reporters/json-report-schema'
import { encodedForms, SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { SANDBOX_CREDENTIALS, SandboxHost, startSandbox, type RunningSandbox } from '../../../src/sandbox'
import type { Collection, RequestItem } from '../../../src/shared/collections/collection-model'
import { requestSpec, type RequestSpecInput } from '../../../src/shared/requests/request-spec'

const FIXTURES = join(__dirname, '../../fixtures/runner')
const working = SANDBOX_CREDENTIALS.working

/** A registry that remembers every value the core registers (tokens, secrets), so the test can look for them. */
class RecordingRegistry extends SecretRegistry {
  readonly seen = new Set<string>()
  override add(value: string | undefined | null): void {
    if (value) this.seen.add(value)
    super.add(value)
  }
}

interface Captured extends RunIo {
  stdout: string[]
  stderr: string[]
  text(): string
}

function io(env: NodeJS.ProcessEnv = {}, cwd = process.cwd(), onInterrupt?: RunIo['onInterrupt']): Captured {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env,
    cwd,
    ...(onInterrupt ? { onInterrupt } : {}),
    text: () => [...stdout, ...stderr].join('\n')
  }
}

let dir: string
let sandbox: RunningSandbox
let host: SandboxHost
let counter = 0

const fresh = () => join(dir, `case-${++counter}`)
const ciEnv = (patch: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  REACTOR_CLIENT_ID: working.clientId,
  REACTOR_CLIENT_SECRET: working.clientSecret,
  REACTOR_ORG_ID: working.orgId,
  REACTOR_IMS_HOST: sandbox.imsUrl,
  REACTOR_HOST: sandbox.reactorUrl,
  ...patch
})

let seq = 0
function item(path: string, spec: RequestSpecInput, runtime?: Record<string, unknown>): RequestItem {
  return { kind: 'request', path, seq: ++seq, spec: requestSpec(spec), ...(runtime ? { extra: { runtime } } : {}) }
}

async function folderOf(items: RequestItem[], patch: Partial<Collection> = {}): Promise<string> {
  const target = fresh()
  await writeCollectionFolder({ root: '', name: 'CLI case', version: '1.0.0', defaults: { headers: [], variables: [] }, items, environments: [], ...patch }, target)
  return target
}

const run = (args: string[], out: Captured, registry?: SecretRegistry) =>
  runRunCommand([...args, '--data-dir', join(dir, 'data')], out, { secretStores: [], sandbox: host, ...(registry ? { secrets: registry } : {}) })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-run-cli-'))
  sandbox = await startSandbox()
  host = new SandboxHost()
})
afterAll(async () => {
  await sandbox.close()
  await host.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('reactor-explorer run: exit codes', () => {
  it('--help names every flag and exit code', async () => {
    const out = io()
    expect(await run(['--help'], out)).toBe(RUN_EXIT.passed)
    const help = out.stdout.join('\n')
    for (const flag of ['--profile', '--env sandbox', '--folder', '--data', '--concurrency', '--delay', '--bail', '--timeout', '--reporter', '--out', '--var', 'REACTOR_CLIENT_ID', 'REACTOR_CLIENT_SECRET', 'REACTOR_ORG_ID', 'REACTOR_SCOPES', 'REACTOR_IMS_HOST', 'REACTOR_HOST']) {
      expect(help).toContain(flag)
    }
    for (const code of ['0 ', '1 ', '2 ', '3 ', '4 ']) expect(help).toMatch(new RegExp(`\\n  ${code}\\s+\\S`))
  })

  it('0: every request answered and every assertion passed (the fixture folder, read as Bruno writes it)', async () => {
    const out = io()
    expect(await run([join(FIXTURES, 'checks'), '--folder', 'reads', '--env', 'sandbox'], out)).toBe(RUN_EXIT.passed)
    expect(out.stdout.filter((line) => line.startsWith('✔'))).toHaveLength(3)
    expect(out.text()).toMatch(/│ requests\s+│\s+3 │\s+3 │\s+0 │/)
    expect(out.text()).toMatch(/failures: 0 · duration: /)
  })

  it('1: an assertion failed (the failing line names expected and actual)', async () => {
    const out = io()
    expect(await run([join(FIXTURES, 'checks'), '--env', 'sandbox'], out)).toBe(RUN_EXIT.failed)
    expect(out.text()).toContain('✘ 200  GET    failing/wrong-status.yml')
    expect(out.text()).toContain('↳ Expected res.status to equal 201, got 200.')
  })

  it('1: a request failed without an answer it could be checked on (unresolved variable)', async () => {
    const folder = await folderOf([item('missing.yml', { method: 'GET', url: '/libraries/{{libraryId}}' })])
    const out = io()
    expect(await run([folder, '--env', 'sandbox'], out)).toBe(RUN_EXIT.failed)
    expect(out.text()).toContain('This variable has no value: {{libraryId}} in URL.')
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [[], /name the collection to run/],
    [['x', 'y'], /unexpected "y"/],
    [['x', '--env', 'stage'], /--env takes only "sandbox"/],
    [['x', '--env', 'sandbox', '--profile', 'p'], /choose one of --profile NAME and --env sandbox/],
    [['x', '--env', 'sandbox', '--reporter', 'cli,xml'], /"xml" is not a reporter/],
    [['x', '--env', 'sandbox', '--concurrency', '0'], /--concurrency takes a whole number from 1 to 64, not "0"/],
    [['x', '--env', 'sandbox', '--timeout', '5'], /--timeout takes a whole number from 100 to 600000/],
    [['x', '--env', 'sandbox', '--var', 'has space=1'], /--var 'has space=1' is not name=value/],
    [['x', '--env', 'sandbox', '--client-secret', 's'], /not accepted on the command line/],
    [['x'], /no credential: name a saved profile/],
    [['/no/such/folder', '--env', 'sandbox'], /there is no collection at \/no\/such\/folder/]
  ])('2: usage error %j', async (args, message) => {
    const out = io()
    expect(await run(args, out)).toBe(RUN_EXIT.usage)
    expect(out.stderr.join('\n')).toMatch(message)
  })

  it('2: an unknown folder, environment, profile or data file is named before anything is sent', async () => {
    const before = host.current()?.stats().reactorRequests ?? 0
    const cases: Array<[string[], RegExp]> = [
      [['--folder', 'nope'], /has no folder "nope". Its folders: reads, failing\./],
      [['--environment', 'Production'], /has no environment "Production". Its environments: Sandbox\./],
      [['--data', join(dir, 'none.csv')], /there is no data file/]
    ]
    for (const [args, message] of cases) {
      const out = io()
      expect(await run([join(FIXTURES, 'checks'), '--env', 'sandbox', ...args], out), args.join(' ')).toBe(RUN_EXIT.usage)
      expect(out.stderr.join('\n')).toMatch(message)
    }
    const profile = io()
    expect(await run([join(FIXTURES, 'checks'), '--profile', 'Nobody'], profile)).toBe(RUN_EXIT.usage)
    expect(profile.stderr.join('\n')).toMatch(/no profile named "Nobody"/)
    expect(host.current()?.stats().reactorRequests ?? 0).toBe(before)
  })

  it('3: no credential could be obtained: the Credential Doctor says why, and nothing is sent', async () => {
    const wrong = SANDBOX_CREDENTIALS.wrongSecret
    const before = sandbox.stats().reactorRequests
    const out = io(ciEnv({ REACTOR_CLIENT_ID: wrong.clientId, REACTOR_CLIENT_SECRET: wrong.clientSecret, REACTOR_ORG_ID: wrong.orgId }))
    expect(await run([join(FIXTURES, 'checks'), '--folder', 'reads'], out)).toBe(RUN_EXIT.credential)
    expect(out.stderr.join('\n')).toContain('no credential could be obtained, so no request was sent')
    expect(out.stderr.join('\n')).toMatch(/Credential Doctor: The credential does not work yet: IMS refused the Client ID and Client Secret \(invalid_client\)/)
    expect(sandbox.stats().reactorRequests).toBe(before)
    expect(out.text()).not.toContain(wrong.clientSecret)
  })

  it('3 also when a CI variable is missing its secret (2 when a value is malformed)', async () => {
    const noSecret = io(ciEnv({ REACTOR_CLIENT_SECRET: '' }))
    expect(await run([join(FIXTURES, 'checks')], noSecret)).toBe(RUN_EXIT.usage)
    expect(noSecret.stderr.join('\n')).toContain('REACTOR_CLIENT_SECRET is not set')
    const badOrg = io(ciEnv({ REACTOR_ORG_ID: 'not-an-org' }))
    expect(await run([join(FIXTURES, 'checks')], badOrg)).toBe(RUN_EXIT.usage)
    expect(badOrg.stderr.join('\n')).toMatch(/^run: REACTOR_ORG_ID: /m)
  })

  it('4: network failure before any request got an answer (Reactor host refuses; IMS unreachable)', async () => {
    const closed = await closedPort()
    const refused = io(ciEnv({ REACTOR_HOST: `http://127.0.0.1:${closed}` }))
    expect(await run([join(FIXTURES, 'checks'), '--folder', 'reads', '--reporter', 'cli,json', '--out', fresh()], refused)).toBe(RUN_EXIT.network)
    expect(refused.text()).toMatch(/Stopped: the first request got no answer \(network failure\)/)
    const noIms = io(ciEnv({ REACTOR_IMS_HOST: `http://127.0.0.1:${closed}` }))
    expect(await run([join(FIXTURES, 'checks'), '--folder', 'reads'], noIms)).toBe(RUN_EXIT.network)
    expect(noIms.stderr.join('\n')).toMatch(/^run: no request was sent: /m)
  })

  it('--timeout bounds each request: a first request that never answers in time is a network failure (4)', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 3000, match: { path: '/companies' }, times: 1 })
    const out = io(ciEnv())
    expect(await run([join(FIXTURES, 'checks'), '--folder', 'reads', '--environment', 'Sandbox', '--timeout', '300'], out)).toBe(RUN_EXIT.network)
    expect(out.text()).toContain('accepted the request but sent no response within 0.3 s.')
    sandbox.faults.clear()
  })

  it('130: Ctrl-C cancels the request in flight, and the reports still say what ran', async () => {
    sandbox.faults.add({ kind: 'latency', latencyMs: 5000, match: { path: `/companies/${sandbox.seeded.companyId}/properties` }, times: 1 })
    const out = fresh()
    const console = io(ciEnv(), process.cwd(), (cancel) => {
      const timer = setTimeout(cancel, 300)
      return () => clearTimeout(timer)
    })
    const exit = await run([join(FIXTURES, 'checks'), '--folder', 'reads', '--environment', 'Sandbox', '--reporter', 'cli,json', '--out', out], console)
    expect(exit, console.text() + await readFile(join(out, 'report.json'), 'utf8')).toBe(RUN_EXIT.interrupted)
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'))
    expect(report.summary).toMatchObject({ outcome: 'cancelled', stoppedBy: 'cancel', requests: { passed: 1, cancelled: 1, notRun: 1 } })
    sandbox.faults.clear()
  })
})

describe('reactor-explorer run: reports', () => {
  let reportDir: string
  let registry: RecordingRegistry
  let echo: Server
  let echoUrl: string
  let console: Captured
  let code: number

  // A "Reactor host" that echoes what it receives: the run's token, API key and org id come back in bodies,
  // and the failing checks put them into every report, where they must be masked.
  beforeAll(async () => {
    echo = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'x-request-id': 'echo-1' })
      res.end(JSON.stringify({ data: { id: 'EC1', type: 'echo', attributes: { authorization: req.headers.authorization, apiKey: req.headers['x-api-key'], org: req.headers['x-gw-ims-org-id'], leak: req.headers['x-leak'], url: req.url } } }))
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
    const folder = await folderOf([
      item('echo/whoami.yml', { name: 'Who am I', method: 'GET', url: '/whoami', params: [{ name: 'client_secret', value: '{{leak}}' }], headers: [{ name: 'x-leak', value: '{{leak}}' }] }, {
        assertions: [
          { expression: '$.data.attributes.authorization', operator: 'eq', value: 'no token here' },
          { expression: '$.data.attributes.apiKey', operator: 'eq', value: 'no key' },
          { expression: '$.data.attributes.org', operator: 'eq', value: 'no org' },
          { expression: '$.data.attributes.leak', operator: 'eq', value: 'no secret' },
          { expression: 'res.body', operator: 'isJsonApi' }
        ],
        actions: [{ type: 'set-variable', name: 'tokenCopy', path: '$.data.attributes.authorization' }]
      }),
      item('echo/again.yml', { name: 'Again <&> "quoted"', method: 'GET', url: '/again/{{tokenCopy}}' }, { assertions: ['res.status eq 2xx'] })
    ])
    reportDir = fresh()
    registry = new RecordingRegistry()
    console = io(ciEnv({ REACTOR_HOST: echoUrl }))
    code = await run([folder, '--reporter', 'cli,json,junit,html', '--out', reportDir, '--var', `leak=${working.clientSecret}`], console, registry)
  })
  afterAll(async () => new Promise<void>((resolve) => echo.close(() => resolve())))

  it('the run failed on the planted checks (exit 1) and wrote all three files', async () => {
    expect(code).toBe(RUN_EXIT.failed)
    expect((await readdir(reportDir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json'])
  })

  it('no report holds the token, the client secret, the API key (client id) or the org id, in any encoding', async () => {
    const tokens = [...registry.seen].filter((value) => value.split('.').length === 3)
    expect(tokens.length).toBeGreaterThan(0)
    const planted = [...tokens, working.clientSecret, working.clientId, working.orgId]
    const outputs = {
      'report.json': await readFile(join(reportDir, 'report.json'), 'utf8'),
      'junit.xml': await readFile(join(reportDir, 'junit.xml'), 'utf8'),
      'report.html': await readFile(join(reportDir, 'report.html'), 'utf8'),
      terminal: console.text()
    }
    for (const [name, text] of Object.entries(outputs)) {
      for (const value of planted) for (const form of encodedForms(value)) expect(text.includes(form), `${name} holds ${form} (a form of ${value.slice(0, 12)}…) at …${text.slice(Math.max(0, text.indexOf(form) - 400), text.indexOf(form) - 100)}`).toBe(false)
      // The values were there to leak: masked, not absent.
      expect(text, name).toContain('••••••')
    }
  })

  it('json: validates against the documented schema, with per-request status, timing, assertions and request ids', async () => {
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: true })
    addFormats(ajv)
    const validate = ajv.compile(RUN_REPORT_SCHEMA)
    expect(validate(report), JSON.stringify(validate.errors, null, 1)).toBe(true)
    expect(report.results).toHaveLength(2)
    const [first] = report.results
    expect(first).toMatchObject({ path: 'echo/whoami.yml', status: 200, outcome: 'failed', adobeRequestId: 'echo-1' })
    expect(first.requestId).toMatch(/-1$/)
    expect(typeof first.durationMs).toBe('number')
    expect(first.assertions.filter((a: { passed: boolean }) => !a.passed).map((a: { actual: string }) => a.actual)).toEqual(['Bearer ••••••', '••••••', '••••••', '••••••'])
    expect(report.summary).toMatchObject({ outcome: 'failed', requests: { total: 2, failed: 1, passed: 1 }, assertions: { failed: 4 } })
    // A report that does not follow the schema is caught.
    expect(validate({ ...report, results: [{ ...first, outcome: 'maybe' }] })).toBe(false)
  })

  it('junit: well-formed XML, one testsuite, a testcase per request with the failures spelled out', async () => {
    const xml = await readFile(join(reportDir, 'junit.xml'), 'utf8')
    const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml')
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    const root = doc.documentElement
    expect(root.tagName).toBe('testsuites')
    expect(root.getAttribute('tests')).toBe('2')
    expect(root.getAttribute('failures')).toBe('1')
    const suites = root.getElementsByTagName('testsuite')
    expect(suites).toHaveLength(1)
    expect(suites[0]!.getAttribute('name')).toBe('CLI case')
    const cases = [...suites[0]!.getElementsByTagName('testcase')]
    expect(cases.map((testcase) => testcase.getAttribute('name'))).toEqual(['GET echo/whoami.yml (Who am I)', 'GET echo/again.yml (Again <&> "quoted")'])
    expect(cases.map((testcase) => testcase.getAttribute('classname'))).toEqual(['CLI case.echo', 'CLI case.echo'])
    const failure = cases[0]!.getElementsByTagName('failure')[0]!
    expect(failure.getAttribute('message')).toBe('Expected $.data.attributes.authorization to equal no token here, got Bearer ••••••.')
    expect(failure.textContent).toContain('Expected $.data.attributes.leak to equal no secret, got ••••••.')
    expect(cases[1]!.getElementsByTagName('failure')).toHaveLength(0)
    expect(Number(cases[0]!.getAttribute('time'))).toBeGreaterThanOrEqual(0)
  })

  it('html: one self-contained page (no script, no external asset) with the summary and the failures', async () => {
    const html = await readFile(join(reportDir, 'report.html'), 'utf8')
    const { document } = new JSDOM(html).window
    expect(document.querySelectorAll('script')).toHaveLength(0)
    expect([...document.querySelectorAll('[src], link[href]')]).toHaveLength(0)
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("default-src 'none'")
    expect(document.querySelector('h1')?.textContent).toContain('CLI case')
    expect(document.querySelector('.verdict')?.textContent).toBe('failed')
    const rows = [...document.querySelectorAll('table.results tbody tr')]
    expect(rows.map((row) => row.className)).toEqual(['failed', 'passed'])
    expect(rows[0]!.querySelectorAll('ul.checks li')).toHaveLength(4)
    expect(rows[1]!.textContent).toContain('Again <&> "quoted"')
  })
})

describe('reactor-explorer run: inputs', () => {
  it('a Postman v2.1 collection runs directly: Adobe capture scripts become captures, any other script is not run', async () => {
    const out = io()
    expect(await run([join(FIXTURES, 'adobe-postman.json'), '--env', 'sandbox'], out)).toBe(RUN_EXIT.passed)
    expect(out.stderr.join('\n')).toContain('Postman collection (v2.1) converted in memory: 3 request(s).')
    expect(out.stdout.filter((line) => line.startsWith('✔'))).toHaveLength(3)
  })

  it('the starter collection, imported as a folder, passes with --env sandbox --reporter junit', async () => {
    const { starterCollection } = await import('../../../src/main/core/interchange')
    const running = await host.ensureRunning()
    const folder = fresh()
    await writeCollectionFolder(starterCollection({ sandbox: { companyId: running.seeded.companyId, webPropertyId: running.seeded.webPropertyId } }), folder)
    const reports = fresh()
    const out = io()
    expect(await run([folder, '--env', 'sandbox', '--reporter', 'junit', '--out', reports], out), out.text()).toBe(RUN_EXIT.passed)
    const xml = await readFile(join(reports, 'junit.xml'), 'utf8')
    expect(xml).toMatch(/<testsuite name="Reactor starter" tests="\d+" failures="0" errors="0"/)
  })

  it('--data: one iteration per row; a malformed row fails with its line (exit 1) and the run goes on', async () => {
    const folder = await folderOf([item('company.yml', { method: 'GET', url: '/companies/{{companyId}}' }, { assertions: ['res.status eq {{expected}}'] })])
    const running = await host.ensureRunning()
    const rows = join(dir, 'rows.csv')
    await writeFile(rows, `companyId,expected\n${running.seeded.companyId},200\nbroken\nCOffffffffffffffffffffffffffffffff,404\n`)
    const reports = fresh()
    const out = io()
    expect(await run([folder, '--env', 'sandbox', '--data', rows, '--reporter', 'cli,junit,json', '--out', reports], out)).toBe(RUN_EXIT.failed)
    expect(out.text()).toContain('✘ data row 2 (line 3): line 3 has 1 value, but the header has 2 (companyId, expected)')
    expect(out.stdout.filter((line) => line.startsWith('✔'))).toHaveLength(2)
    const junit = await readFile(join(reports, 'junit.xml'), 'utf8')
    expect(junit).toContain('<testcase name="data row 2 (line 3)" classname="CLI case.data"')
    const report = JSON.parse(await readFile(join(reports, 'report.json'), 'utf8'))
    expect(report.results.map((r: { iteration: number }) => r.iteration).sort()).toEqual([1, 3])
  })

  it('--save-env writes the captured values into the environment file (and only with --save-env)', async () => {
    const folder = fresh()
    await cp(join(FIXTURES, 'checks'), folder, { recursive: true })
    const file = join(folder, 'environments', 'Sandbox.yml')
    const before = await readFile(file, 'utf8')
    expect(await run([folder, '--folder', 'reads', '--env', 'sandbox', '--reporter', 'json', '--out', fresh()], io())).toBe(RUN_EXIT.passed)
    expect(await readFile(file, 'utf8')).toBe(before)
    const out = io()
    expect(await run([folder, '--folder', 'reads', '--env', 'sandbox', '--save-env'], out)).toBe(RUN_EXIT.passed)
    const after = await readFile(file, 'utf8')
    expect(after).toMatch(/- name: companyId\n\s+value: CO[0-9a-f]{32}/)
    expect(after).toMatch(/- name: propertyId\n\s+value: PR[0-9a-f]{32}/)
    expect(after).toContain('name: pageSize')
    expect(out.text()).toContain('--save-env: 2 captured value(s) written to the environment "Sandbox".')
  })
})

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('docs/ci.md', () => {
  it('its CI examples are valid YAML that run the collection with flags the command has', async () => {
    const { parse } = await import('yaml')
    const text = await readFile(join(__dirname, '../../../docs/ci.md'), 'utf8')
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!)
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    const workflows = blocks.map((block) => parse(block) as Record<string, unknown>)
    const github = workflows.find((doc) => 'jobs' in doc) as { jobs: Record<string, { strategy: { matrix: { target: string[] } }; steps: Array<{ run?: string; env?: Record<string, string> }> }> }
    const job = Object.values(github.jobs)[0]!
    expect(job.strategy.matrix.target).toEqual(['development', 'staging', 'production'])
    const step = job.steps.find((entry) => entry.run?.includes('reactor-explorer run'))!
    expect(Object.keys(step.env!)).toEqual(expect.arrayContaining(['REACTOR_CLIENT_ID', 'REACTOR_CLIENT_SECRET', 'REACTOR_ORG_ID']))
    expect(step.env!.REACTOR_CLIENT_SECRET).toBe('${{ secrets.REACTOR_CLIENT_SECRET }}')
    const gitlab = workflows.find((doc) => 'reactor-collection' in doc) as Record<string, { script: string[]; artifacts: { reports: { junit: string } } }>
    expect(gitlab['reactor-collection']!.artifacts.reports.junit).toContain('junit.xml')
    const commands = [step.run!, ...gitlab['reactor-collection']!.script.filter((line) => line.includes('reactor-explorer run'))]
    for (const command of commands) for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(RUN_USAGE, `${flag} in docs/ci.md`).toContain(flag)
  })

  it('documents every field of the JSON report', async () => {
    const text = await readFile(join(__dirname, '../../../docs/ci.md'), 'utf8')
    const result = RUN_REPORT_SCHEMA.properties.results.items.properties
    const summary = RUN_REPORT_SCHEMA.properties.summary.properties
    for (const field of [...Object.keys(result), ...Object.keys(summary)]) expect(text, field).toContain(`\`${field}`)
  })
})
