// Bundles the command line (src/cli/index.ts and the core it uses) into out/cli/index.cjs, so a command starts
// without transpiling ~400 TypeScript files through tsx first (1.2–1.8 s to the first request under tsx on our
// machines). Dependencies stay in node_modules (not bundled). bin/reactor-explorer.mjs uses the bundle when it
// is newer than every source file, and tsx otherwise, so an edited checkout never runs stale code.
import { createRequire } from 'node:module'
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
await build({
  entryPoints: [join(root, 'src/cli/index.ts')],
  outfile: join(root, 'out/cli/index.cjs'),
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
  sourcemap: 'linked',
  logLevel: 'warning',
})
console.log('out/cli/index.cjs built')
