import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCheckCommand, type CheckIo } from '../../../src/cli/check-command'
import { createCredentials } from '../../../src/main/core/profiles/credentials-core'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

function io(env: NodeJS.ProcessEnv = {}, stdin?: string): CheckIo & { text(): string } {
  const lines: string[] = []
  return {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    env,
    readStdin: async () => stdin,
    text: () => lines.join('\n')
  }
}

describe('reactor-explorer check', () => {
  let sandbox: RunningSandbox
  let dir: string
  beforeAll(async () => {
    sandbox = await startSandbox()
    dir = await mkdtemp(join(tmpdir(), 're-cli-'))
  })
  afterAll(async () => {
    await sandbox.close()
    await rm(dir, { recursive: true, force: true })
  })
  const hosts = () => ['--ims-host', sandbox.imsUrl, '--reactor-host', sandbox.reactorUrl]

  it('--env sandbox works with zero setup: exit 0', async () => {
    const out = io()
    expect(await runCheckCommand(['--env', 'sandbox', '--data-dir', dir], out)).toBe(0)
    expect(out.text()).toMatch(/SIMULATED[\s\S]*Result: The credential works\./)
  })

  it('custom hosts + secret from REACTOR_CLIENT_SECRET: exit 0; the secret is never printed', async () => {
    const { clientId, orgId, clientSecret } = sandbox.credentials.working
    const out = io({ REACTOR_CLIENT_SECRET: clientSecret })
    expect(await runCheckCommand(['--client-id', clientId, '--org-id', orgId, ...hosts(), '--data-dir', dir], out)).toBe(0)
    expect(out.text()).not.toContain(clientSecret)
  })

  it('secret from stdin; a wrong secret exits 1 with the invalid_client explanation', async () => {
    const { clientId, orgId, clientSecret } = sandbox.credentials.wrongSecret
    const out = io({}, `${clientSecret}\n`)
    expect(await runCheckCommand(['--client-id', clientId, '--org-id', orgId, ...hosts(), '--data-dir', dir], out)).toBe(1)
    expect(out.text()).toMatch(/invalid_client.*one of them is wrong/)
    expect(out.text()).not.toContain(clientSecret)
  })

  it('403 without a product profile exits 1', async () => {
    const { clientId, orgId, clientSecret } = sandbox.credentials.noProductProfile
    const out = io({ REACTOR_CLIENT_SECRET: clientSecret })
    expect(await runCheckCommand(['--client-id', clientId, '--org-id', orgId, ...hosts(), '--data-dir', dir], out)).toBe(1)
    expect(out.text()).toMatch(/product profile/)
  })

  it('refuses a secret on the command line, with the reason', async () => {
    const out = io()
    expect(await runCheckCommand(['--client-id', 'x', '--client-secret', 'abc'], out)).toBe(2)
    expect(out.text()).toMatch(/not accepted on the command line.*process list/)
    expect(await runCheckCommand(['--client-id', 'x', '--client-secret=abc'], io())).toBe(2)
  })

  it('usage errors: bad --env, bad org, missing secret, unknown profile', async () => {
    expect(await runCheckCommand(['--env', 'prod'], io())).toBe(2)
    const bad = io({ REACTOR_CLIENT_SECRET: 'whatever-secret' })
    expect(await runCheckCommand(['--client-id', 'c', '--org-id', 'nope', ...hosts(), '--data-dir', dir], bad)).toBe(2)
    expect(bad.text()).toMatch(/orgId: An Organization ID looks like/)
    const noSecret = io()
    expect(await runCheckCommand(['--client-id', 'c', '--org-id', 'A1@AdobeOrg', ...hosts(), '--data-dir', dir], noSecret)).toBe(2)
    expect(noSecret.text()).toMatch(/REACTOR_CLIENT_SECRET/)
    const unknown = io()
    expect(await runCheckCommand(['--profile', 'Nope', '--data-dir', dir], unknown)).toBe(2)
    expect(unknown.text()).toMatch(/no profile named "Nope"/)
  })

  it('--profile reads the same profiles file the app writes', async () => {
    const app = createCredentials({ dataDir: dir, registry: new SecretRegistry() })
    const { clientId, orgId } = sandbox.credentials.working
    await app.profiles.create({ name: 'Shared', environment: 'custom', imsBaseUrl: sandbox.imsUrl, reactorBaseUrl: sandbox.reactorUrl, clientId, orgId })
    await app.dispose()
    const out = io()
    // No keychain here, so the app's secret was session-only: the CLI sees the profile but no secret.
    expect(await runCheckCommand(['--profile', 'shared', '--data-dir', dir], out)).toBe(1)
    expect(out.text()).toMatch(/Profile:\s+Shared[\s\S]*no Client Secret saved/)
  })
})
