// The collection runner against its peers, side by side in one run, on the same 500-request collection (the
// starter collection's read requests repeated, 25-item JSON:API pages) against the same Sandbox on loopback:
//
//   bare undici loop     the same 500 URLs with the same headers, one at a time: the floor
//   runner, sequential   `reactor-explorer run` (the real CLI bundle, CI credential from REACTOR_* variables)
//   newman               npm newman's Node API, given the same collection exported to Postman v2.1 (and a token
//                        minted for it, which newman cannot do itself)
//   runner, --concurrency 8
//   CLI start-up         process start → the first request's start (from the JSON report), median of 5
//
// Every contender and the Sandbox run in processes of their own, as in a real run (the API is elsewhere):
// the client's peak RSS and CPU are its own (read from process.resourceUsage() at exit by a preloaded hook),
// and the Sandbox's CPU is read from its process around each run. req/s is over the run itself, without
// process start-up. The runner runs as the CLI bundle that `npm run build` makes (built here into
// out/cli-bench/, so an edit elsewhere in the checkout cannot send it through tsx mid-bench). Figures are for
// reading, never asserted. Goals (issue 11): runner ≥ 10× newman's req/s, ≤ 1.5× the undici loop's time,
// lower peak RSS than newman; --concurrency 8 ≥ 3× sequential; start-up to first request ≤ 400 ms.
//
// This file is also the child for the Sandbox, the undici loop and newman (RUNNER_BENCH_CHILD=sandbox|undici|newman).
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { createInterface } from 'node:readline'
import { createRequire } from 'node:module'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { percentile, round, type BenchModule, type GoalRow, type Row } from './types'

const REQUESTS = Number(process.env.BENCH_RUNNER_REQUESTS ?? 500)
const STARTUP_RUNS = 5
const LATENCY_MS = 20
const HERE = fileURLToPath(new URL('.', import.meta.url))
const ROOT = resolve(HERE, '..')
// BENCH_RUNNER_CLI=<bundle> measures that CLI bundle instead of building one (e.g. an older commit's, built
// in a copy of the checkout, to put before and after side by side under the same load).
const GIVEN_BUNDLE = process.env.BENCH_RUNNER_CLI ? resolve(process.env.BENCH_RUNNER_CLI) : undefined
const CLI_BUNDLE = GIVEN_BUNDLE ?? join(ROOT, 'out', 'cli-bench', 'index.cjs')
const USAGE_MARK = '__RESOURCE_USAGE__'

interface ChildResult {
  requests: number
  runMs: number
  peakRssKb: number
  /** User + system CPU of the whole process (start-up included), ms. */
  cpuMs: number
  /** The CPU of the requests alone, ms: the undici loop's second (warm) pass, newman's run (in their process). */
  loopCpuMs?: number
  failures: number
}

/** node --require this: prints the process's own peak RSS (KiB) and CPU (µs) as it exits. */
const USAGE_HOOK = `process.on('exit', () => { try { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\n${USAGE_MARK} ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n') } catch {} })\n`

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; startedAt: number }> {
  return new Promise((resolvePromise, reject) => {
    const startedAt = Date.now()
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr, startedAt }))
  })
}

function resourceUsage(stderr: string): { peakRssKb: number; cpuMs: number } {
  const match = new RegExp(`${USAGE_MARK} (\\d+) (\\d+)`).exec(stderr)
  if (!match) throw new Error(`the child did not report its resource usage:\n${stderr.slice(-2000)}`)
  return { peakRssKb: Number(match[1]), cpuMs: Number(match[2]) / 1000 }
}

/** The Sandbox in a process of its own: one JSON line out when it listens, then commands over stdin. */
class SandboxProcess {
  private readonly lines: AsyncIterator<string>
  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  }

  static async start(): Promise<{ process: SandboxProcess; info: SandboxInfo }> {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, RUNNER_BENCH_CHILD: 'sandbox' }, stdio: ['pipe', 'pipe', 'inherit'] })
    const sandbox = new SandboxProcess(child)
    return { process: sandbox, info: JSON.parse(await sandbox.nextLine()) as SandboxInfo }
  }

  private async nextLine(): Promise<string> {
    const next = await this.lines.next()
    if (next.done) throw new Error('the Sandbox process ended')
    return next.value
  }

  async ask(command: string): Promise<string> {
    this.child.stdin.write(`${command}\n`)
    return this.nextLine()
  }

  /** User + system CPU the Sandbox process has used so far, ms. */
  async cpuMs(): Promise<number> {
    return Number(await this.ask('cpu'))
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolvePromise) => this.child.once('exit', resolvePromise))
    this.child.stdin.end()
    await exited
  }
}

interface SandboxInfo {
  imsUrl: string
  reactorUrl: string
  seeded: { companyId: string; webPropertyId: string }
  working: { clientId: string; clientSecret: string; orgId: string; scopes: string[] }
}

const mib = (kb: number) => round(kb / 1024, 1)

const bench: BenchModule = {
  name: 'runner',
  async run() {
    const interchange = await import('../src/main/core/interchange')
    if (!GIVEN_BUNDLE) {
      const built = await run(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--outfile', CLI_BUNDLE], process.env)
      if (built.code !== 0) throw new Error(`the CLI bundle did not build:\n${built.stderr.slice(-2000)}`)
    }
    const { process: sandbox, info } = await SandboxProcess.start()
    const dir = await mkdtemp(join(tmpdir(), 'rx-bench-runner-'))
    try {
      const hook = join(dir, 'usage-hook.cjs')
      await writeFile(hook, USAGE_HOOK)
      const { working } = info
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(),
        NO_COLOR: '1',
        REACTOR_CLIENT_ID: working.clientId,
        REACTOR_CLIENT_SECRET: working.clientSecret,
        REACTOR_ORG_ID: working.orgId,
        REACTOR_IMS_HOST: info.imsUrl,
        REACTOR_HOST: info.reactorUrl
      }

      // The collection: the starter's read requests (captures included), 25 per page, repeated to REQUESTS.
      const starter = interchange.starterCollection({ sandbox: { companyId: info.seeded.companyId, webPropertyId: info.seeded.webPropertyId } })
      // The read-only folders (the publish flow's GETs need its writes first).
      const readOnly = starter.items.filter((item) => item.kind === 'folder' && item.items.every((inner) => inner.kind === 'request' && inner.spec.method === 'GET'))
      const reads = readOnly.flatMap((item) => (item.kind === 'folder' ? item.items : []))
      const repeated = (count: number) =>
        Array.from({ length: count }, (_, i) => {
          const source = reads[i % reads.length] as Extract<(typeof reads)[number], { kind: 'request' }>
          const spec = { ...source.spec, name: `${source.spec.name} ${i + 1}`, params: [...source.spec.params.filter((row) => !/^page\[size\]$/.test(row.name)), { name: 'page[size]', value: '25', enabled: true }] }
          return { ...source, path: `read-${String(i + 1).padStart(4, '0')}.yml`, seq: i + 1, spec }
        })
      const collectionOf = (count: number) => ({ ...starter, name: `Runner bench (${count} reads)`, items: repeated(count), environments: starter.environments.map((environment) => ({ ...environment, name: 'Bench' })) })
      const collection = collectionOf(REQUESTS)
      const folder = join(dir, 'collection')
      await interchange.writeCollectionFolder(collection, folder)
      // One request: what start-up costs before the collection's size counts (reading 500 request files is part of the row).
      const single = join(dir, 'single')
      await interchange.writeCollectionFolder(collectionOf(1), single)
      const postmanFile = join(dir, 'collection.postman.json')
      await writeFile(postmanFile, JSON.stringify(interchange.exportPostmanCollection(collection).document))
      const environmentFile = join(dir, 'environment.postman.json')
      const postmanEnvironment = interchange.exportPostmanEnvironment(collection.environments[0]!, { reactorHost: info.reactorUrl })
      const token = await mintToken(info.imsUrl, working)
      ;(postmanEnvironment.values as unknown[]).push(
        { key: 'ACCESS_TOKEN', value: token, type: 'secret', enabled: true },
        { key: 'API_KEY', value: working.clientId, type: 'default', enabled: true },
        { key: 'IMS_ORG', value: working.orgId, type: 'default', enabled: true }
      )
      await writeFile(environmentFile, JSON.stringify(postmanEnvironment))

      interface Measured extends ChildResult {
        /** The Sandbox's CPU over the contender's whole process, ms. */
        serverCpuMs: number
      }
      const measured = async (contender: () => Promise<ChildResult>): Promise<Measured> => {
        const before = await sandbox.cpuMs()
        const result = await contender()
        return { ...result, serverCpuMs: (await sandbox.cpuMs()) - before }
      }
      const cli = (label: string, target: string, extra: string[] = []) =>
        measured(async () => {
          const out = join(dir, label)
          const result = await run(process.execPath, [CLI_BUNDLE, 'run', target, '--environment', 'Bench', '--reporter', 'json', '--out', out, ...extra], env)
          const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
            summary: { durationMs: number; requests: { total: number }; failures: number }
            results: Array<{ index: number; startedAt: string }>
          }
          const first = report.results.find((entry) => entry.index === 0)
          lastStartup = first ? Date.parse(first.startedAt) - result.startedAt : Number.NaN
          return { requests: report.summary.requests.total, runMs: report.summary.durationMs, ...resourceUsage(result.stderr), failures: report.summary.failures }
        })
      let lastStartup = Number.NaN
      const child = (kind: 'undici' | 'newman', urlsFile: string) =>
        measured(async () => {
          const result = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
            ...env,
            RUNNER_BENCH_CHILD: kind,
            RUNNER_BENCH_URLS: urlsFile,
            RUNNER_BENCH_POSTMAN: postmanFile,
            RUNNER_BENCH_ENVIRONMENT: environmentFile,
            RUNNER_BENCH_TOKEN: token
          })
          if (result.code !== 0) throw new Error(`${kind} child failed (${result.code}):\n${result.stderr.slice(-2000)}`)
          const line = result.stdout.trim().split('\n').at(-1)!
          return { ...(JSON.parse(line) as Omit<ChildResult, 'peakRssKb' | 'cpuMs'>), ...resourceUsage(result.stderr) }
        })

      // A warm-up run (the Sandbox's JIT, the page cache) that also gives the URLs the undici loop sends.
      const warm = join(dir, 'warm')
      await run(process.execPath, [CLI_BUNDLE, 'run', folder, '--environment', 'Bench', '--reporter', 'json', '--out', warm], env)
      const warmReport = JSON.parse(await readFile(join(warm, 'report.json'), 'utf8')) as { results: Array<{ index: number; url: string; outcome: string }> }
      const urls = warmReport.results.sort((a, b) => a.index - b.index).map((result) => result.url)
      const urlsFile = join(dir, 'urls.json')
      await writeFile(urlsFile, JSON.stringify(urls))

      const undici = await child('undici', urlsFile)
      const sequential = await cli('sequential', folder)
      const newman = await child('newman', urlsFile)
      const concurrent = await cli('concurrent', folder, ['--concurrency', '8'])
      // On loopback the Sandbox answers in about a millisecond, so overlapping requests gains only what two
      // processes can compute side by side; with a network between client and API (here 20 ms added by the
      // Sandbox per answer) overlap is what concurrency is for.
      await sandbox.ask(`latency ${LATENCY_MS}`)
      const slowSequential = await cli('slow-sequential', folder)
      const slowConcurrent = await cli('slow-concurrent', folder, ['--concurrency', '8'])
      await sandbox.ask('latency off')

      const startups: number[] = []
      for (let i = 0; i < STARTUP_RUNS; i++) {
        await cli(`startup-${i}`, folder)
        startups.push(lastStartup)
      }
      startups.sort((a, b) => a - b)
      const fixedStartups: number[] = []
      for (let i = 0; i < STARTUP_RUNS; i++) {
        await cli(`single-${i}`, single)
        fixedStartups.push(lastStartup)
      }
      fixedStartups.sort((a, b) => a - b)

      // Where a sequential request's time goes: the client's CPU (a run of two iterations less a run of one:
      // start-up and reading the files cancel out), the Sandbox's, and the rest (waiting: loopback, the
      // scheduler, other work on the machine).
      const twice = await cli('twice', folder, ['--iterations', '2'])
      const split = {
        wallMs: sequential.runMs / sequential.requests,
        clientCpuMs: Math.max(0, twice.cpuMs - sequential.cpuMs) / Math.max(1, twice.requests - sequential.requests),
        serverCpuMs: sequential.serverCpuMs / sequential.requests
      }
      // On an idle machine a loopback request is its two CPU parts back to back (loopback itself is ~0.05 ms);
      // overlapping them on the cores there are gains at most this, whatever the concurrency. Only time spent
      // waiting (a network's latency, as in the +20 ms rows) lets overlap gain more. From CPU, not wall time,
      // so a busy machine (waiting for a core) does not inflate it.
      const cores = availableParallelism()
      const cpuPerRequest = split.clientCpuMs + split.serverCpuMs
      const ceiling = cpuPerRequest / Math.max(split.clientCpuMs, split.serverCpuMs, cpuPerRequest / cores)

      const rate = (result: ChildResult) => round(result.requests / (result.runMs / 1000), 1)
      const detail = (label: string, result: Measured): Row => ({
        case: label,
        requests: result.requests,
        'req/s': rate(result),
        'run ms': Math.round(result.runMs),
        'peak RSS MiB': mib(result.peakRssKb),
        'client CPU ms': Math.round(result.cpuMs),
        'Sandbox CPU ms': Math.round(result.serverCpuMs),
        ...(result.failures > 0 ? { failures: result.failures } : {})
      })
      const details: Row[] = [
        detail('bare undici loop, one at a time', undici),
        detail('runner (CLI), one at a time', sequential),
        detail('newman 6, one at a time', newman),
        detail('runner (CLI), --concurrency 8', concurrent),
        detail(`runner (CLI), one at a time, +${LATENCY_MS} ms per answer`, slowSequential),
        detail(`runner (CLI), --concurrency 8, +${LATENCY_MS} ms per answer`, slowConcurrent),
        { case: `CLI start-up to first request, ${REQUESTS}-request folder, ${STARTUP_RUNS} runs (ms)`, min: startups[0]!, median: percentile(startups, 50), max: startups.at(-1)! },
        { case: `CLI start-up to first request, 1-request folder, ${STARTUP_RUNS} runs (ms)`, min: fixedStartups[0]!, median: percentile(fixedStartups, 50), max: fixedStartups.at(-1)! },
        {
          case: 'client CPU per request, one at a time, warm (ms): runner, bare undici loop, newman',
          runner: round(split.clientCpuMs, 3),
          'undici loop': round((undici.loopCpuMs ?? Number.NaN) / undici.requests, 3),
          newman: round((newman.loopCpuMs ?? Number.NaN) / newman.requests, 3)
        },
        {
          case: 'runner one at a time, per request (ms): wall, client CPU, Sandbox CPU, waiting',
          wall: round(split.wallMs, 3),
          'client CPU': round(split.clientCpuMs, 3),
          'Sandbox CPU': round(split.serverCpuMs, 3),
          waiting: round(Math.max(0, split.wallMs - split.clientCpuMs - split.serverCpuMs), 3)
        }
      ]
      const n = `${REQUESTS} requests`
      const rows: GoalRow[] = [
        {
          benchmark: `runner vs newman · ${n} one at a time (req/s)`,
          ours: rate(sequential),
          peer: rate(newman),
          goal: { of: 'ratio', atLeast: 10 },
          note: `newman 6 (npm) on the same collection exported to Postman v2.1, given a minted token; client CPU per request ${round(split.clientCpuMs, 2)} ms vs ${round((newman.loopCpuMs ?? Number.NaN) / newman.requests, 2)} ms`
        },
        {
          benchmark: `runner vs a bare undici loop · ${n} one at a time · run time (ms)`,
          ours: Math.round(sequential.runMs),
          peer: Math.round(undici.runMs),
          goal: { of: 'ratio', atMost: 1.5 },
          note: `the same URLs and headers, undici.request and the body read as text; client CPU per request ${round(split.clientCpuMs, 2)} ms vs ${round((undici.loopCpuMs ?? Number.NaN) / undici.requests, 2)} ms (CPU time, far less sensitive to the machine's load than wall time)`
        },
        {
          benchmark: `runner vs newman · ${n} one at a time · peak RSS (MiB)`,
          ours: mib(sequential.peakRssKb),
          peer: mib(newman.peakRssKb),
          goal: { of: 'ratio', atMost: 1 },
          note: 'each in its own process, its own peak (the Sandbox runs in a process of its own)'
        },
        {
          benchmark: `runner --concurrency 8 vs one at a time · ${n} on loopback (req/s)`,
          ours: rate(concurrent),
          peer: rate(sequential),
          goal: { of: 'ratio', atLeast: 3 },
          note:
            `a loopback request costs ${round(split.clientCpuMs, 2)} ms client CPU + ${round(split.serverCpuMs, 2)} ms Sandbox CPU; ` +
            `overlapping the two single-threaded processes on ${cores} cores gains at most ×${round(ceiling, 2)}${ceiling < 3 ? ', so ×3 is out of reach on loopback here' : ''} ` +
            `(this run: ${round(split.wallMs, 2)} ms a request, the rest waiting for a busy machine's cores); ` +
            `with +${LATENCY_MS} ms per answer (time spent waiting, as across a network) the ratio is ×${round(rate(slowConcurrent) / rate(slowSequential), 2)} (details)`
        },
        {
          benchmark: 'runner CLI start-up to its first request (ms)',
          ours: percentile(startups, 50),
          goal: { of: 'ours', atMost: 400 },
          note: `process start to the first request's start (report.json), median of ${STARTUP_RUNS}, reading the ${REQUESTS} request files included; with a 1-request folder ${percentile(fixedStartups, 50)} ms; no peer`
        }
      ]
      return { rows, details }
    } finally {
      await sandbox.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export default bench

async function mintToken(imsUrl: string, credential: { clientId: string; clientSecret: string; scopes: readonly string[] }): Promise<string> {
  const response = await fetch(`${imsUrl}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credential.clientId, client_secret: credential.clientSecret, scope: credential.scopes.join(',') })
  })
  if (response.status !== 200) throw new Error(`the Sandbox refused a token: ${response.status}`)
  return ((await response.json()) as { access_token: string }).access_token
}

// ---- children -------------------------------------------------------------------------------------------

/** User + system CPU of this process since `before`, ms. */
function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

/** The floor: the same URLs, the same headers, undici.request and the body read as text, one at a time. */
async function undiciChild(): Promise<void> {
  const { Agent, request } = await import('undici')
  const urls = JSON.parse(await readFile(process.env.RUNNER_BENCH_URLS!, 'utf8')) as string[]
  const headers = {
    authorization: `Bearer ${process.env.RUNNER_BENCH_TOKEN}`,
    'x-api-key': process.env.REACTOR_CLIENT_ID!,
    'x-gw-ims-org-id': process.env.REACTOR_ORG_ID!,
    accept: 'application/vnd.api+json;revision=1'
  }
  const dispatcher = new Agent()
  let failures = 0
  const pass = async () => {
    for (const url of urls) {
      const response = await request(url, { headers, dispatcher })
      const text = await response.body.text()
      if (response.statusCode >= 400 || text.length === 0) failures++
    }
  }
  const started = performance.now()
  await pass()
  const runMs = performance.now() - started
  // The CPU of a second, warm pass: measured as the runner's is (a second iteration less the first).
  const cpuBefore = process.cpuUsage()
  await pass()
  const loopCpuMs = cpuMsSince(cpuBefore)
  failures /= 2
  await dispatcher.close()
  console.log(JSON.stringify({ requests: urls.length, runMs, loopCpuMs, failures }))
}

/** newman's Node API on the exported collection: reporters off, the same Sandbox, a token given in its environment. */
async function newmanChild(): Promise<void> {
  const newman = createRequire(import.meta.url)('newman') as {
    run(options: Record<string, unknown>, callback: (error: Error | null, summary: { run: { executions: unknown[]; failures: unknown[] } }) => void): void
  }
  const collection = JSON.parse(await readFile(process.env.RUNNER_BENCH_POSTMAN!, 'utf8')) as unknown
  const environment = JSON.parse(await readFile(process.env.RUNNER_BENCH_ENVIRONMENT!, 'utf8')) as unknown
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const summary = await new Promise<{ run: { executions: unknown[]; failures: unknown[] } }>((resolvePromise, reject) =>
    newman.run({ collection, environment, reporters: [], timeoutRequest: 30_000 }, (error, result) => (error ? reject(error) : resolvePromise(result)))
  )
  const runMs = performance.now() - started
  const loopCpuMs = cpuMsSince(cpuBefore)
  console.log(JSON.stringify({ requests: summary.run.executions.length, runMs, loopCpuMs, failures: summary.run.failures.length }))
}

/**
 * The Sandbox in its own process: prints where it listens, then answers one line per stdin command —
 * `cpu` (its user + system CPU so far, ms), `latency MS` (every answer delayed), `latency off` — and stops
 * when stdin closes.
 */
async function sandboxChild(): Promise<void> {
  const { startSandbox } = await import('../src/sandbox')
  const sandbox = await startSandbox()
  const { working } = sandbox.credentials
  const info: SandboxInfo = {
    imsUrl: sandbox.imsUrl,
    reactorUrl: sandbox.reactorUrl,
    seeded: { companyId: sandbox.seeded.companyId, webPropertyId: sandbox.seeded.webPropertyId },
    working: { clientId: working.clientId, clientSecret: working.clientSecret, orgId: working.orgId, scopes: [...working.scopes] }
  }
  console.log(JSON.stringify(info))
  let latency: number | undefined
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, value] = line.trim().split(/\s+/)
    if (command === 'cpu') {
      const usage = process.cpuUsage()
      console.log(String((usage.user + usage.system) / 1000))
    } else if (command === 'latency' && value === 'off') {
      if (latency !== undefined) sandbox.faults.remove(latency)
      latency = undefined
      console.log('ok')
    } else if (command === 'latency' && /^\d+$/.test(value ?? '')) {
      latency = sandbox.faults.add({ kind: 'latency', latencyMs: Number(value), match: { path: '/*' } })
      console.log('ok')
    } else {
      console.log(`unknown command: ${line}`)
    }
  }
  await sandbox.close()
}

const childKind = process.env.RUNNER_BENCH_CHILD
if (childKind === 'undici' || childKind === 'newman' || childKind === 'sandbox') {
  void (childKind === 'undici' ? undiciChild() : childKind === 'newman' ? newmanChild() : sandboxChild()).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
