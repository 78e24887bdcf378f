import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

const root = dirname(fileURLToPath(import.meta.url))
const alias = {
  '@shared': resolve(root, 'src/shared'),
  '@renderer': resolve(root, 'src/renderer/src')
}

// One runner, one project per testing layer of DESIGN.md. `npm test` (scripts/run-tests.mjs) runs them
// in order; the keychain layer runs inside its own dbus session (scripts/run-keychain-tests.mjs).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000 }
      },
      {
        resolve: { alias },
        test: { name: 'ipc', include: ['tests/ipc/**/*.test.ts'], environment: 'node' }
      },
      {
        resolve: { alias },
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts']
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e-web',
          include: ['tests/e2e-web/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      },
      {
        resolve: { alias },
        test: { name: 'keychain', include: ['tests/keychain/**/*.test.ts'], environment: 'node', testTimeout: 20_000 }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e-electron',
          include: ['tests/e2e-electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000
        }
      }
    ]
  }
})
