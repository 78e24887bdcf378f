#!/usr/bin/env node
// The command-line entry (`npx reactor-explorer <command>`). It runs the TypeScript sources through tsx so
// the CLI needs no build step and always runs the same core code the app uses.
import { register as registerEsm } from 'tsx/esm/api'
import { register as registerCjs } from 'tsx/cjs/api'
import { fileURLToPath } from 'node:url'

// The package is CommonJS (the sandboxed preload must be), so .ts sources load through the CJS hook;
// ESM-only dependencies load through the ESM hook.
registerEsm()
registerCjs()
// Piped into `head` or a closed terminal: stop quietly, as command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}
const entry = fileURLToPath(new URL('../src/cli/index.ts', import.meta.url))
const loaded = await import(entry)
const main = loaded.main ?? loaded.default?.main
process.exitCode = await main(process.argv.slice(2))
