// npm test — every testing layer of DESIGN.md, in order, on one machine. Each layer's outcome is
// printed in a table at the end, followed by one line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findElectronBinary } from './electron-binary.mjs'

const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name)
const reportDir = mkdtempSync(join(tmpdir(), 'reactor-explorer-tests-'))
const layers = []
const totals = { passed: 0, failed: 0, skipped: 0 }

function run(command, args, env = {}) {
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) }
}

/** A step that is not a test runner (typecheck, lint, build, security scan). */
function step(name, command, args) {
  console.log(`\n━━ ${name} ━━`)
  const { ok, seconds } = run(command, args)
  layers.push({ name, outcome: ok ? 'passed' : 'FAILED', detail: '', seconds })
  return ok
}

/** A vitest layer; counts come from its JSON report. `wrap` runs it inside another command (dbus). */
function vitestLayer(name, projects, { wrapper } = {}) {
  console.log(`\n━━ ${name} ━━`)
  const output = join(reportDir, `${name}.json`)
  const reporterArgs = ['--reporter=default', '--reporter=json', `--outputFile.json=${output}`]
  const projectArgs = projects.flatMap((project) => ['--project', project])
  const { ok, seconds } = wrapper
    ? run(process.execPath, [wrapper], { VITEST_EXTRA_ARGS: JSON.stringify(reporterArgs) })
    : run(bin('vitest'), ['run', ...projectArgs, ...reporterArgs])
  let counts = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'))
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests
    }
  }
  for (const key of Object.keys(totals)) totals[key] += counts[key]
  const outcome = !ok ? 'FAILED' : counts.passed === 0 && counts.skipped > 0 ? 'skipped' : 'passed'
  layers.push({ name, outcome, detail: `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`, seconds })
  return ok
}

step('typecheck (main, preload, cli)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json'])
step('typecheck (renderer)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json'])
step('lint', bin('eslint'), ['.'])
vitestLayer('unit + ipc + renderer', ['unit', 'ipc', 'renderer'])
step('security (electronegativity)', process.execPath, ['scripts/security-check.mjs'])
const built = step('build (electron-vite)', bin('electron-vite'), ['build']) && step('build (CLI bundle)', process.execPath, ['scripts/build-cli.mjs'])
if (built) vitestLayer('e2e-web (Chromium)', ['e2e-web'])
else layers.push({ name: 'e2e-web (Chromium)', outcome: 'FAILED', detail: 'build failed', seconds: '0' })
vitestLayer('keychain', ['keychain'], { wrapper: 'scripts/run-keychain-tests.mjs' })
vitestLayer('e2e-electron', ['e2e-electron'])
if (!findElectronBinary()) {
  layers.at(-1).detail += ' (no Electron binary here; it cannot be downloaded)'
}
rmSync(reportDir, { recursive: true, force: true })

console.log('\n━━ summary ━━')
for (const layer of layers) {
  console.log(`  ${layer.name.padEnd(32)} ${layer.outcome.padEnd(8)} ${layer.detail.padEnd(36)} ${layer.seconds}s`)
}
const failedLayers = layers.filter((layer) => layer.outcome === 'FAILED')
if (failedLayers.length > 0) console.log(`\nfailed: ${failedLayers.map((layer) => layer.name).join(', ')}`)
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedLayers.length > 0 ? 1 : 0)
