// Bundles the command line (src/cli/index.ts and the core it uses) into out/cli/index.cjs, so a command starts
// without transpiling ~400 TypeScript files through tsx first (1.2–1.8 s to the first request under tsx on our
// machines). Dependencies stay in node_modules (not bundled). bin/reactor-explorer.mjs uses the bundle when it
// is newer than every source file, and tsx otherwise, so an edited checkout never runs stale code. The bundle
// also runs by itself (`node out/cli/index.cjs run ...`), which is how the runner bench measures it.
//
// `--outfile PATH` builds elsewhere (the bench builds its own copy, so a build in progress elsewhere cannot
// swap the file under it); PATH must stay inside this checkout, where node_modules resolves.
//
// Not done, measured: a V8 code cache (vm.Script cachedData) saved ~20 ms of 0.4 s CPU for a one-request run
// (5%), too little for a cache file to validate; splitting the bundle is moot, as every command's modules
// already load on first use (esbuild's CJS output wraps each module in a lazy initialiser).
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { outfile: { type: 'string' } } })
const outfile = resolve(values.outfile ?? join(root, 'out/cli/index.cjs'))
if (relative(root, outfile).startsWith('..')) {
  console.error(`build-cli: --outfile must be inside ${root} (the bundle finds node_modules from where it lies), not ${outfile}.`)
  process.exit(2)
}
await build({
  entryPoints: [join(root, 'src/cli/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS, as the sources are written (tsx runs them as CJS): named imports of CommonJS packages work, and
  // ESM-only ones (conf) load through require(esm), which Node 20.19+ has.
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  plugins: [
    {
      // JSON files of packages (ajv's schemas, har-schema) are bundled: Node's ESM loader will not import a JSON
      // file without an import attribute, which the packages' CommonJS-minded imports do not carry.
      name: 'bundle-package-json',
      setup(builder) {
        builder.onResolve({ filter: /\.json$/ }, (args) => {
          if (args.path.startsWith('.') || args.path.startsWith('/')) return undefined
          return { path: createRequire(join(args.resolveDir, 'x.js')).resolve(args.path) }
        })
      }
    }
  ],
  // Run directly (`node out/cli/index.cjs ...`) it is the program; imported (bin/reactor-explorer.mjs) it only exports main.
  footer: { js: 'if (require.main === module) void module.exports.runAsProgram(process.argv.slice(2));' },
  sourcemap: 'linked',
  logLevel: 'warning',
})
console.log(`${relative(root, outfile)} built`)
