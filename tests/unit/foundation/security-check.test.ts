import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const script = resolve(__dirname, '../../../scripts/security-check.mjs')

describe('security check (electronegativity wrapper)', () => {
  it('fails on an insecure window and on an unparsable file (the tool itself would pass both)', () => {
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      cwd: resolve(__dirname, '../../..'),
      env: { ...process.env, SECURITY_SCAN_DIR: 'tests/fixtures/insecure-electron' }
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/FAILED/)
    expect(run.stderr).toMatch(/CONTEXT_ISOLATION_JS_CHECK|NODE_INTEGRATION_JS_CHECK/)
    // A file the tool cannot parse is a failure too, not a silent skip.
    expect(run.stderr).toContain('could not parse tests/fixtures/insecure-electron/broken.js')
  }, 60_000)
})
