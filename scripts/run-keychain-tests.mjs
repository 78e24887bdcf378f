// The keychain layer: keytar against a real Secret Service. Starts a private D-Bus session and an
// unlocked gnome-keyring in a throwaway HOME (a non-empty password is required), so it touches no
// real keyring. Where those programs are missing it reports the layer as skipped, with the reason.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function has(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0
}

const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((program) => !has(program))
if (missing.length > 0) {
  // Without a session bus the tests themselves skip and print why; run them so the count is reported.
  console.log(`keychain: ${missing.join(' and ')} not installed (apt-get install dbus gnome-keyring); the keychain tests will skip.`)
  const vitest = join(process.cwd(), 'node_modules', '.bin', 'vitest')
  const extraArgs = JSON.parse(process.env.VITEST_EXTRA_ARGS ?? '[]')
  const env = { ...process.env }
  delete env.DBUS_SESSION_BUS_ADDRESS
  process.exit(spawnSync(vitest, ['run', '--project', 'keychain', ...extraArgs], { stdio: 'inherit', env }).status ?? 1)
}

const home = mkdtempSync(join(tmpdir(), 'reactor-explorer-keyring-'))
const vitest = join(process.cwd(), 'node_modules', '.bin', 'vitest')
// npm test passes its reporter flags through so the layer's counts reach the summary.
const extra = JSON.parse(process.env.VITEST_EXTRA_ARGS ?? '[]').map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ')
const inner = `eval "$(printf %s 'keychain-test-pass' | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL; exec "${vitest}" run --project keychain ${extra}`
const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
  stdio: 'inherit',
  env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_RUNTIME_DIR: home }
})
rmSync(home, { recursive: true, force: true })
process.exit(run.status ?? 1)
