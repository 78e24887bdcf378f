// npm run dist — build the installers (dmg, NSIS, AppImage, deb) with electron-builder, fuses flipped in
// scripts/after-pack.cjs. electron-builder fetches the Electron release for each target platform; where that
// cannot be downloaded (our build machines reach only the npm registry) this says so in one sentence instead
// of failing half-way. Signing reads CSC_LINK / CSC_KEY_PASSWORD (and Apple's notarisation variables) from CI.
import { spawnSync } from 'node:child_process'
import { findElectronBinary } from './electron-binary.mjs'

if (!findElectronBinary() && !process.env.ELECTRON_BUILDER_ALLOW_DOWNLOAD) {
  console.error(
    'The installers cannot be built here because the Electron binary is not installed and cannot be downloaded on this machine; the release workflow (.github/workflows/release.yml) builds them on macOS, Windows and Linux runners.'
  )
  process.exit(1)
}
if (!process.env.CSC_LINK) {
  console.log('No signing certificate (CSC_LINK) is set: the installers will be unsigned.')
  process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false'
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const dist = spawnSync('npx', ['electron-builder', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(dist.status ?? 1)
