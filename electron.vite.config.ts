import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const alias = { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') }

export default defineConfig({
  main: {
    resolve: { alias },
    // ESM-only dependencies are bundled into the CJS main bundle.
    build: { externalizeDeps: { exclude: ['conf', 'electron-store', 'write-file-atomic'] } }
  },
  preload: {
    resolve: { alias },
    // A sandboxed preload can only require('electron'): bundle everything into one CJS file.
    build: { externalizeDeps: false, rollupOptions: { output: { format: 'cjs' } } }
  },
  renderer: {
    resolve: { alias },
    plugins: [react()],
    // electron-vite leaves the renderer unminified by default; minified, the JS the window needs before its
    // first frame is about 40% smaller gzipped (issue 12's initial-JS row), and source maps stay available
    // through --sourcemap when debugging.
    build: { minify: true }
  }
})
