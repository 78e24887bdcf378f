#!/usr/bin/env node
// The command-line entry (`npx reactor-explorer <command>`). It runs the bundle `npm run build` makes
// (out/cli/index.cjs, see scripts/build-cli.mjs) when that is newer than every source file, and otherwise the
// TypeScript sources through tsx, so an edited checkout never runs stale code and needs no build step.
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'out', 'cli', 'index.cjs')

/** The newest modification time under `dir` (a few hundred stat calls: milliseconds). */
function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'renderer') newest = Math.max(newest, newestMtime(path))
    } else if (/\.(ts|json)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  return newest
}

function freshBundle() {
  try {
    return statSync(bundle).mtimeMs >= newestMtime(join(root, 'src'))
  } catch {
    return false
  }
}

// Piped into `head` or a closed terminal: stop quietly, as command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

let loaded
if (freshBundle()) {
  loaded = await import(pathToFileURL(bundle).href)
} else {
  // The package is CommonJS (the sandboxed preload must be), so .ts sources load through the CJS hook;
  // ESM-only dependencies load through the ESM hook.
  const { register: registerEsm } = await import('tsx/esm/api')
  const { register: registerCjs } = await import('tsx/cjs/api')
  registerEsm()
  registerCjs()
  loaded = await import(pathToFileURL(join(root, 'src', 'cli', 'index.ts')).href)
}
const main = loaded.main ?? loaded.default?.main
process.exitCode = await main(process.argv.slice(2))
