// `npm run bench [-- <name>...]`: runs every bench module (or those whose name contains one of the names),
// prints each module's detail rows, then ONE table: benchmark, ours, the peer measured in the same run, the
// ratio, the goal and met/missed. It also writes bench/results/latest.json (the table's rows as
// `{ benchmark, ours, peer, ratio, goal, met }`) and bench/results/latest.md (the table, the details and the
// machine). Figures are for reading, never asserted (machines are noisy); bench/BASELINE.md keeps one full run.
//
// Add a module: a file in bench/ whose default export is a BenchModule (bench/types.ts): `{ name, run }`, where
// run() does its own warm-up and repetitions and returns `{ rows: GoalRow[], details?: Row[] }`. Import it
// below and add it to `modules`. A module that still returns bare `Row[]` is printed as details only, with a
// line saying it has no goal rows yet.
import { mkdir, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import coldStart from './cold-start'
import executorOverhead from './executor-overhead'
import historySearch from './history-search'
import renderLargeResponse from './render-large-response'
import runner from './runner'
import { completeRow, renderDetails, renderDetailsMarkdown, renderGoalMarkdown, renderGoalTable, type ResultRow } from './table'
import type { BenchModule, BenchResult, Row } from './types'

// In the order they run: the quick in-process ones first, then those that start Chromium or child processes.
const modules: BenchModule[] = [executorOverhead, historySearch, coldStart, renderLargeResponse, runner]

const RESULTS_DIR = join(__dirname, 'results')

interface ModuleOutcome {
  name: string
  seconds: number
  details: Row[]
  rows: ResultRow[]
}

/** Whatever a module returned, as goal rows and details (older modules return bare detail rows). */
function normalise(result: BenchResult | Row[]): BenchResult {
  return Array.isArray(result) ? { rows: [], details: result } : result
}

async function runModule(mod: BenchModule): Promise<ModuleOutcome> {
  const started = performance.now()
  try {
    const result = normalise(await mod.run())
    const rows = result.rows.map(completeRow)
    if (rows.length === 0) rows.push({ benchmark: `${mod.name}: no goal rows yet`, ours: null, peer: null, ratio: null, goal: '(none)', met: null, note: 'the module returns detail rows only' })
    return { name: mod.name, seconds: (performance.now() - started) / 1000, details: result.details ?? [], rows }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    return {
      name: mod.name,
      seconds: (performance.now() - started) / 1000,
      details: [],
      rows: [{ benchmark: `${mod.name}: failed`, ours: null, peer: null, ratio: null, goal: '(none)', met: null, note: message.slice(0, 300) }]
    }
  }
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`
}

/** The machine the figures come from: they mean little without it. */
function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
  const load = loadavg().map((value) => value.toFixed(2)).join(' ')
  return `${availableParallelism()} cores (${cpu}), ${gib(totalmem())} RAM (${gib(freemem())} free at the start), load average ${load} at the start, Node ${process.version}, ${process.platform} ${process.arch}`
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((arg) => arg !== '--')
  const selected = modules.filter((mod) => filters.length === 0 || filters.some((filter) => mod.name.includes(filter)))
  if (selected.length === 0) {
    console.error(`No bench matches "${filters.join(' ')}". Available: ${modules.map((mod) => mod.name).join(', ')}`)
    process.exit(1)
  }
  const startedAt = new Date()
  const where = machine()
  const outcomes: ModuleOutcome[] = []
  for (const mod of selected) {
    console.error(`running ${mod.name} …`)
    const outcome = await runModule(mod)
    outcomes.push(outcome)
    if (outcome.details.length > 0) console.log(renderDetails(`${mod.name} (${outcome.seconds.toFixed(1)} s)`, outcome.details))
  }
  const rows = outcomes.flatMap((outcome) => outcome.rows)
  const totalSeconds = (Date.now() - startedAt.getTime()) / 1000
  console.log(`One table (${startedAt.toISOString()}, ${totalSeconds.toFixed(0)} s; ${where})`)
  console.log(renderGoalTable(rows))

  await mkdir(RESULTS_DIR, { recursive: true })
  await writeFile(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(rows, null, 2)}\n`)
  const markdown = [
    `# Bench run ${startedAt.toISOString()}`,
    '',
    `Machine: ${where}. Modules: ${outcomes.map((outcome) => `${outcome.name} (${outcome.seconds.toFixed(1)} s)`).join(', ')}; ${totalSeconds.toFixed(0)} s in all.`,
    '',
    renderGoalMarkdown(rows),
    ...outcomes.flatMap((outcome) => (outcome.details.length > 0 ? [renderDetailsMarkdown(`${outcome.name} — details`, outcome.details)] : []))
  ].join('\n')
  await writeFile(join(RESULTS_DIR, 'latest.md'), markdown)
  console.error(`wrote ${join('bench', 'results', 'latest.json')} and latest.md`)
  // A module that left a handle open (a server, a timer) must not keep the run from ending.
  process.exit(0)
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
