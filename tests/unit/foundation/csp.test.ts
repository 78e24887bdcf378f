import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CSP, APP_META_CSP, BROWSER_MODE_CSP } from '../../../src/shared/csp'

describe('Content-Security-Policy', () => {
  it('is the same policy in index.html and in the code that serves it', () => {
    const html = readFileSync(resolve(__dirname, '../../../src/renderer/index.html'), 'utf8')
    expect(html).toContain(`content="${APP_META_CSP}"`)
  })

  it('keeps frame-ancestors out of the <meta> policy (ignored there, and an error in the console) and in the header', () => {
    expect(APP_META_CSP).not.toContain('frame-ancestors')
    expect(APP_CSP).toContain("frame-ancestors 'none'")
    expect(BROWSER_MODE_CSP).toContain("frame-ancestors 'none'")
  })

  it('gives the app window no network and no inline or eval script', () => {
    expect(APP_CSP).toContain("default-src 'none'")
    expect(APP_CSP).toContain("connect-src 'none'")
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  })

  it('widens only connect-src, only to self, in browser mode', () => {
    expect(BROWSER_MODE_CSP.replace("connect-src 'self'", "connect-src 'none'")).toBe(APP_CSP)
  })
})
