// Where the Electron executable is, without triggering electron's lazy download (requiring the
// `electron` package from Node downloads the binary on first use, which fails on our build machines).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

export function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'))
}

/** The executable's path, or undefined when no binary is installed. */
export function findElectronBinary() {
  const packageDir = electronPackageDir()
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(packageDir, 'dist', relative) : undefined
  return candidate && existsSync(candidate) ? candidate : undefined
}
