// npm start — build, then launch the desktop app. Where the Electron binary is missing and cannot be
// downloaded (our build machines reach only the npm registry), say so in one sentence.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs'

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

let binary = findElectronBinary()
if (!binary) {
  console.log('Fetching the Electron binary (first launch only)…')
  const download = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'pipe', timeout: 180_000 })
  binary = download.status === 0 ? findElectronBinary() : undefined
}
if (!binary) {
  console.error(
    'Reactor Explorer cannot start as a desktop app here because the Electron binary is missing and could not be downloaded; run `npm run start:browser` to use the same app in your browser.'
  )
  process.exit(1)
}

// Chromium refuses to run its sandbox as root; only then is it turned off, for the whole app, and we say so.
const asRoot = process.getuid?.() === 0
if (asRoot) {
  console.warn(
    'Running as root: Chromium cannot sandbox its renderers for root, so the app starts with --no-sandbox. Run it as a normal user to keep the renderer sandbox.'
  )
}
const args = asRoot ? ['.', '--no-sandbox'] : ['.']
const app = spawnSync(binary, args, { stdio: 'inherit' })
process.exit(app.status ?? 0)
