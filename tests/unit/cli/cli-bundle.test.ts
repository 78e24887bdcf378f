import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../../..')

async function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

// The CLI bundle (scripts/build-cli.mjs) is a program by itself — `node out/cli/index.cjs run …`, which is
// what the runner bench measures — and still only exports main when bin/reactor-explorer.mjs imports it.
describe('the CLI bundle', () => {
  const folder = join(ROOT, 'out', `cli-test-${process.pid}`)
  const bundle = join(folder, 'index.cjs')

  beforeAll(async () => {
    const built = await node([join(ROOT, 'scripts', 'build-cli.mjs'), '--outfile', bundle])
    expect(built.code, built.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('runs a command when started directly, with the exit code of the command', async () => {
    const help = await node([bundle, 'run', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^usage: reactor-explorer run <collection-folder \| postman\.json>/)
    const unknown = await node([bundle, 'no-such-command'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown command "no-such-command"')
  })

  it('only exports main (and runs nothing) when imported', async () => {
    const imported = await node(['-e', `const cli = require(${JSON.stringify(bundle)}); console.log(typeof cli.main, typeof cli.runAsProgram)`])
    expect(imported.code).toBe(0)
    expect(imported.stdout.trim()).toBe('function function')
  })

  it('is refused outside the checkout, where node_modules would not resolve', async () => {
    const outside = await node([join(ROOT, 'scripts', 'build-cli.mjs'), '--outfile', join(tmpdir(), 'rx-cli-outside.cjs')])
    expect(outside.code).toBe(2)
    expect(outside.stderr).toContain('--outfile must be inside')
  })
})
