// npm run start:browser — build, then serve the same UI and the real core to an ordinary browser.
import { spawnSync } from 'node:child_process'

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const run = spawnSync(process.execPath, ['bin/reactor-explorer.mjs', 'browser', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(run.status ?? 1)
