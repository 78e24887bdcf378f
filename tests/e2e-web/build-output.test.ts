import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP, APP_META_CSP } from '../../src/shared/csp'

// Runs after `npm run build` (npm test builds before this layer).
const out = resolve(__dirname, '../../out')
const built = existsSync(resolve(out, 'renderer/index.html'))
if (!built) console.warn('build-output skipped: run npm run build first')

describe.skipIf(!built)('npm run build output', () => {
  it('has a main bundle for Electron to load', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { main: string }
    expect(existsSync(resolve(__dirname, '../..', pkg.main))).toBe(true)
  })

  it('has a single-file CommonJS preload that requires nothing but electron (sandbox-loadable)', () => {
    const preload = readFileSync(resolve(out, 'preload/index.js'), 'utf8')
    const requires = [...preload.matchAll(/require\((['"])([^'"]+)\1\)/g)].map((match) => match[2])
    expect(requires).toEqual(['electron'])
    expect(preload).not.toMatch(/^\s*(import|export)\s/m)
  })

  it('ships the renderer with the strict CSP: no network from the window at all', () => {
    const html = readFileSync(resolve(out, 'renderer/index.html'), 'utf8')
    expect(html).toContain(APP_META_CSP)
    expect(APP_CSP).toContain("connect-src 'none'")
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/) // no inline script
  })
})
