// The collection runner against its peers, side by side in one run, on the same 500-request collection (the
// starter collection's read requests repeated, 25-item JSON:API pages) against the same Sandbox on loopback:
//
//   bare undici loop     the same 500 URLs with the same headers, one at a time: the floor
//   runner, sequential   `reactor-explorer run` (the real CLI, CI credential from REACTOR_* variables)
//   newman               npm newman's Node API, given the same collection exported to Postman v2.1 (and a token
//                        minted for it, which newman cannot do itself)
//   runner, --concurrency 8
//   CLI start-up         process start → the first request's start (from the JSON report), median of 5
//
// Each contender runs in its own child process, so its peak RSS is its own (read from process.resourceUsage()
// at exit by a preloaded hook); req/s is over the run itself, without process start-up. Figures are for
// reading, never asserted. Goals (issue 11): runner ≥ 10× newman's req/s, ≤ 1.5× the undici loop's time,
// lower peak RSS than newman; --concurrency 8 ≥ 3× sequential; start-up to first request ≤ 400 ms.
//
// This file is also the child for the undici loop and newman (RUNNER_BENCH_CHILD=undici|newman).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { percentile, round, type BenchModule, type GoalRow, type Row } from './types'

const REQUESTS = Number(process.env.BENCH_RUNNER_REQUESTS ?? 500)
const STARTUP_RUNS = 5
const LATENCY_MS = 20
const HERE = fileURLToPath(new URL('.', import.meta.url))
const ROOT = resolve(HERE, '..')
const BIN = join(ROOT, 'bin', 'reactor-explorer.mjs')
const RSS_MARK = '__PEAK_RSS_KB__'

interface ChildResult {
  requests: number
  runMs: number
  peakRssKb: number
  failures: number
}

/** node --require this: prints the process's own peak RSS as it exits. */
const RSS_HOOK = `process.on('exit', () => { try { require('node:fs').writeSync(2, '\\n${RSS_MARK} ' + process.resourceUsage().maxRSS + '\\n') } catch {} })\n`

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

function peakRss(stderr: string): number {
  const match = new RegExp(`${RSS_MARK} (\\d+)`).exec(stderr)
  if (!match) throw new Error(`the child did not report its peak RSS:\n${stderr.slice(-2000)}`)
  return Number(match[1])
}

const mib = (kb: number) => round(kb / 1024, 1)

const bench: BenchModule = {
  name: 'runner',
  async run() {
    const [{ startSandbox }, interchange] = await Promise.all([import('../src/sandbox'), import('../src/main/core/interchange')])
    const sandbox = await startSandbox()
    const dir = await mkdtemp(join(tmpdir(), 'rx-bench-runner-'))
    try {
      const hook = join(dir, 'rss-hook.cjs')
      await writeFile(hook, RSS_HOOK)
      const { working } = sandbox.credentials
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(),
        NO_COLOR: '1',
        REACTOR_CLIENT_ID: working.clientId,
        REACTOR_CLIENT_SECRET: working.clientSecret,
        REACTOR_ORG_ID: working.orgId,
        REACTOR_IMS_HOST: sandbox.imsUrl,
        REACTOR_HOST: sandbox.reactorUrl
      }

      // The collection: the starter's read requests (captures included), 25 per page, repeated to REQUESTS.
      const starter = interchange.starterCollection({ sandbox: { companyId: sandbox.seeded.companyId, webPropertyId: sandbox.seeded.webPropertyId } })
      // The read-only folders (the publish flow's GETs need its writes first).
      const readOnly = starter.items.filter((item) => item.kind === 'folder' && item.items.every((inner) => inner.kind === 'request' && inner.spec.method === 'GET'))
      const reads = readOnly.flatMap((item) => (item.kind === 'folder' ? item.items : []))
      const items = Array.from({ length: REQUESTS }, (_, i) => {
        const source = reads[i % reads.length] as Extract<(typeof reads)[number], { kind: 'request' }>
        const spec = { ...source.spec, name: `${source.spec.name} ${i + 1}`, params: [...source.spec.params.filter((row) => !/^page\[size\]$/.test(row.name)), { name: 'page[size]', value: '25', enabled: true }] }
        return { ...source, path: `read-${String(i + 1).padStart(4, '0')}.yml`, seq: i + 1, spec }
      })
      const collection = { ...starter, name: `Runner bench (${REQUESTS} reads)`, items, environments: starter.environments.map((environment) => ({ ...environment, name: 'Bench' })) }
      const folder = join(dir, 'collection')
      await interchange.writeCollectionFolder(collection, folder)
      const postmanFile = join(dir, 'collection.postman.json')
      await writeFile(postmanFile, JSON.stringify(interchange.exportPostmanCollection(collection).document))
      const environmentFile = join(dir, 'environment.postman.json')
      const postmanEnvironment = interchange.exportPostmanEnvironment(collection.environments[0]!, { reactorHost: sandbox.reactorUrl })
      const token = await mintToken(sandbox.imsUrl, working)
      ;(postmanEnvironment.values as unknown[]).push(
        { key: 'ACCESS_TOKEN', value: token, type: 'secret', enabled: true },
        { key: 'API_KEY', value: working.clientId, type: 'default', enabled: true },
        { key: 'IMS_ORG', value: working.orgId, type: 'default', enabled: true }
      )
      await writeFile(environmentFile, JSON.stringify(postmanEnvironment))

      const runner = async (label: string, extra: string[]): Promise<ChildResult> => {
        const out = join(dir, label)
        const result = await run(process.execPath, [BIN, 'run', folder, '--environment', 'Bench', '--reporter', 'json', '--out', out, ...extra], env)
        const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { summary: { durationMs: number; requests: { total: number }; failures: number } }
        return { requests: report.summary.requests.total, runMs: report.summary.durationMs, peakRssKb: peakRss(result.stderr), failures: report.summary.failures }
      }
      const child = async (kind: 'undici' | 'newman', urlsFile: string): Promise<ChildResult> => {
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
        return { ...(JSON.parse(line) as Omit<ChildResult, 'peakRssKb'>), peakRssKb: peakRss(result.stderr) }
      }

      // A warm-up run (tsx's transform cache, the Sandbox's JIT) that also gives the URLs the undici loop sends.
      const warm = join(dir, 'warm')
      await run(process.execPath, [BIN, 'run', folder, '--environment', 'Bench', '--reporter', 'json', '--out', warm], env)
      const warmReport = JSON.parse(await readFile(join(warm, 'report.json'), 'utf8')) as { results: Array<{ index: number; url: string; outcome: string }> }
      const urls = warmReport.results.sort((a, b) => a.index - b.index).map((result) => result.url)
      const urlsFile = join(dir, 'urls.json')
      await writeFile(urlsFile, JSON.stringify(urls))

      const undici = await child('undici', urlsFile)
      const sequential = await runner('sequential', [])
      const newman = await child('newman', urlsFile)
      const concurrent = await runner('concurrent', ['--concurrency', '8'])
      // On loopback the Sandbox answers in about a millisecond, so overlapping requests gains only what two
      // processes can compute side by side; with a network between client and API (here 20 ms added by the
      // Sandbox per answer) overlap is what concurrency is for.
      const latency = sandbox.faults.add({ kind: 'latency', latencyMs: LATENCY_MS, match: { path: '/*' } })
      const slowSequential = await runner('slow-sequential', [])
      const slowConcurrent = await runner('slow-concurrent', ['--concurrency', '8'])
      sandbox.faults.remove(latency)

      const startups: number[] = []
      for (let i = 0; i < STARTUP_RUNS; i++) {
        const out = join(dir, `startup-${i}`)
        const result = await run(process.execPath, [BIN, 'run', folder, '--environment', 'Bench', '--reporter', 'json', '--out', out], { ...env, BENCH_UNUSED: String(i) })
        const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { results: Array<{ index: number; startedAt: string }> }
        const first = report.results.find((entry) => entry.index === 0)!
        startups.push(Date.parse(first.startedAt) - result.startedAt)
      }
      startups.sort((a, b) => a - b)

      const rate = (result: ChildResult) => round(result.requests / (result.runMs / 1000), 1)
      const detail = (label: string, result: ChildResult): Row => ({
        case: label,
        requests: result.requests,
        'req/s': rate(result),
        'run ms': Math.round(result.runMs),
        'peak RSS MiB': mib(result.peakRssKb),
        ...(result.failures > 0 ? { failures: result.failures } : {})
      })
      const details: Row[] = [
        detail('bare undici loop, one at a time', undici),
        detail('runner (CLI), one at a time', sequential),
        detail('newman 6, one at a time', newman),
        detail('runner (CLI), --concurrency 8', concurrent),
        detail(`runner (CLI), one at a time, +${LATENCY_MS} ms per answer`, slowSequential),
        detail(`runner (CLI), --concurrency 8, +${LATENCY_MS} ms per answer`, slowConcurrent),
        { case: `CLI start-up to first request, ${STARTUP_RUNS} runs (ms)`, min: startups[0]!, median: percentile(startups, 50), max: startups.at(-1)! }
      ]
      const n = `${REQUESTS} requests`
      const rows: GoalRow[] = [
        {
          benchmark: `runner vs newman · ${n} one at a time (req/s)`,
          ours: rate(sequential),
          peer: rate(newman),
          goal: { of: 'ratio', atLeast: 10 },
          note: 'newman 6 (npm) on the same collection exported to Postman v2.1, given a minted token'
        },
        {
          benchmark: `runner vs a bare undici loop · ${n} one at a time · run time (ms)`,
          ours: Math.round(sequential.runMs),
          peer: Math.round(undici.runMs),
          goal: { of: 'ratio', atMost: 1.5 },
          note: 'the same URLs and headers, undici.request and the body read as text'
        },
        {
          benchmark: `runner vs newman · ${n} one at a time · peak RSS (MiB)`,
          ours: mib(sequential.peakRssKb),
          peer: mib(newman.peakRssKb),
          goal: { of: 'ratio', atMost: 1 },
          note: "each in its own process, its own peak (the Sandbox runs in the bench's process)"
        },
        {
          benchmark: `runner --concurrency 8 vs one at a time · ${n} on loopback (req/s)`,
          ours: rate(concurrent),
          peer: rate(sequential),
          goal: { of: 'ratio', atLeast: 3 },
          note: `loopback answers in ~1 ms, so overlap gains only what client and Sandbox compute side by side; with +${LATENCY_MS} ms per answer the ratio is ${round(rate(slowConcurrent) / rate(slowSequential), 2)} (details)`
        },
        {
          benchmark: 'runner CLI start-up to its first request (ms)',
          ours: percentile(startups, 50),
          goal: { of: 'ours', atMost: 400 },
          note: `process start to the first request's start (report.json), median of ${STARTUP_RUNS}; no peer`
        }
      ]
      return { rows, details }
    } finally {
      await sandbox.close()
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
  const started = performance.now()
  for (const url of urls) {
    const response = await request(url, { headers, dispatcher })
    const text = await response.body.text()
    if (response.statusCode >= 400 || text.length === 0) failures++
  }
  const runMs = performance.now() - started
  await dispatcher.close()
  console.log(JSON.stringify({ requests: urls.length, runMs, failures }))
}

/** newman's Node API on the exported collection: reporters off, the same Sandbox, a token given in its environment. */
async function newmanChild(): Promise<void> {
  const newman = createRequire(import.meta.url)('newman') as {
    run(options: Record<string, unknown>, callback: (error: Error | null, summary: { run: { executions: unknown[]; failures: unknown[] } }) => void): void
  }
  const collection = JSON.parse(await readFile(process.env.RUNNER_BENCH_POSTMAN!, 'utf8')) as unknown
  const environment = JSON.parse(await readFile(process.env.RUNNER_BENCH_ENVIRONMENT!, 'utf8')) as unknown
  const started = performance.now()
  const summary = await new Promise<{ run: { executions: unknown[]; failures: unknown[] } }>((resolvePromise, reject) =>
    newman.run({ collection, environment, reporters: [], timeoutRequest: 30_000 }, (error, result) => (error ? reject(error) : resolvePromise(result)))
  )
  const runMs = performance.now() - started
  console.log(JSON.stringify({ requests: summary.run.executions.length, runMs, failures: summary.run.failures.length }))
}

const childKind = process.env.RUNNER_BENCH_CHILD
if (childKind === 'undici' || childKind === 'newman') {
  void (childKind === 'undici' ? undiciChild() : newmanChild()).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
