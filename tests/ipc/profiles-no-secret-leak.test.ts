import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { SandboxHost } from '../../src/sandbox'
import { SANDBOX_CREDENTIALS } from '../../src/sandbox'

// Records every answer the dispatcher gives and every event it emits during a full credential journey
// (create, doctor, generate, copy, manual token, import, sandbox profile) and fails if any of them carries
// a client secret or an access token.
describe('profiles / secrets / tokens / doctor never send a secret or a token to the renderer', () => {
  let dir: string
  let core: AppCore
  const outbound: string[] = []
  const clipboard: string[] = []
  const sandbox = new SandboxHost()

  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-ipc-leak-'))
    core = createAppCore({
      transport: 'loopback',
      version: 'test',
      dataDir: dir,
      sandbox,
      secretStores: [],
      writeClipboard: (text) => void clipboard.push(text),
      log: (line) => outbound.push(line)
    })
    core.events.subscribe((event) => outbound.push(JSON.stringify(event)))
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('full journey', async () => {
    const running = await sandbox.ensureRunning()
    const working = SANDBOX_CREDENTIALS.working
    const created = await call('profiles:create', {
      draft: { name: 'Working', environment: 'custom', imsBaseUrl: running.imsUrl, reactorBaseUrl: running.reactorUrl, clientId: working.clientId, orgId: working.orgId, scopes: working.scopes },
      clientSecret: working.clientSecret
    })
    expect(created.ok).toBe(true)
    const id = (created as { value: { id: string } }).value.id
    expect((await call('secrets:status', { profileId: id })).ok).toBe(true)
    const report = await call('doctor:run', { profileId: id })
    expect(report).toMatchObject({ ok: true, value: { outcome: 'works' } })
    expect((await call('tokens:generate', { id })).ok).toBe(true)
    expect((await call('tokens:info', { id })).ok).toBe(true)
    expect(await call('tokens:copy', { id })).toMatchObject({ ok: true, value: { copied: true } })
    expect(await call('doctor:copyReport', { id })).toMatchObject({ ok: true })
    expect((await call('profiles:list')).ok).toBe(true)
    // Rotating the secret: the answer is the status only.
    expect(await call('secrets:set', { profileId: id, kind: 'client-secret', value: working.clientSecret })).toMatchObject({ ok: true, value: { stored: true } })

    // The wrong secret: the failure explanation never echoes it.
    const wrong = await call('profiles:create', {
      draft: { name: 'Wrong', environment: 'custom', imsBaseUrl: running.imsUrl, reactorBaseUrl: running.reactorUrl, clientId: SANDBOX_CREDENTIALS.wrongSecret.clientId, orgId: SANDBOX_CREDENTIALS.wrongSecret.orgId },
      clientSecret: SANDBOX_CREDENTIALS.wrongSecret.clientSecret
    })
    const wrongId = (wrong as { value: { id: string } }).value.id
    expect(await call('doctor:run', { profileId: wrongId })).toMatchObject({ ok: true, value: { outcome: 'fails' } })
    expect(await call('tokens:generate', { id: wrongId })).toMatchObject({ ok: false, error: { code: 'ims-invalid-client' } })

    // Manual token mode with a real token pasted.
    const manual = await call('profiles:create', {
      draft: { name: 'Manual', environment: 'custom', imsBaseUrl: running.imsUrl, reactorBaseUrl: running.reactorUrl, clientId: working.clientId, orgId: working.orgId, authKind: 'manual-token' }
    })
    const manualId = (manual as { value: { id: string } }).value.id
    const pasted = clipboard[0]!
    expect(await call('tokens:setManual', { profileId: manualId, token: pasted })).toMatchObject({ ok: true, value: { source: 'manual', state: 'valid' } })
    expect(await call('doctor:run', { profileId: manualId })).toMatchObject({ ok: true, value: { outcome: 'works' } })

    // Import with a secret in the file; and a schema-invalid input carrying a secret.
    const env = JSON.stringify({ name: 'imp', values: [{ key: 'API_KEY', value: working.clientId }, { key: 'CLIENT_SECRET', value: 'imported-secret-value-42' }, { key: 'IMS_ORG', value: working.orgId }] })
    expect((await call('profiles:import', { filename: 'e.json', content: env, mode: 'preview' })).ok).toBe(true)
    expect((await call('profiles:import', { filename: 'e.json', content: env, mode: 'create' })).ok).toBe(true)
    expect(await call('secrets:set', { profileId: id, kind: 'bogus', value: 'invalid-input-secret-1' })).toMatchObject({ ok: false })

    // The built-in Sandbox profile, zero setup.
    expect(await call('doctor:run', { profileId: 'sandbox' })).toMatchObject({ ok: true, value: { outcome: 'works', simulated: true } })
    expect((await call('tokens:generate', { id: 'sandbox' })).ok).toBe(true)

    // What must never appear: every secret and every token main learned.
    const tokens = clipboard.filter((text) => text.split('.').length === 3)
    expect(tokens.length).toBeGreaterThan(0)
    const forbidden = [working.clientSecret, SANDBOX_CREDENTIALS.wrongSecret.clientSecret, 'imported-secret-value-42', ...tokens]
    const all = outbound.join('\n')
    for (const value of forbidden) expect(all.includes(value), `leaked ${value.slice(0, 12)}…`).toBe(false)
    expect(core.secrets.containsSecret(all)).toBe(false)
    // Nothing was merely blocked at the last line of defence: the handlers never tried to send one.
    expect(all).not.toMatch(/secret-leak-blocked|blocked an answer/)
    expect(outbound.some((line) => line.includes('doctor:progress'))).toBe(true)
    // The copied report is redacted text; the copied token went only to the clipboard.
    expect(clipboard.some((text) => text.includes('Credential Doctor report'))).toBe(true)

    // And nothing on disk holds a secret or token.
    for (const name of await readdir(dir, { recursive: true })) {
      const content = await readFile(join(dir, name)).catch(() => undefined)
      if (!content) continue
      for (const value of forbidden) expect(content.includes(Buffer.from(value)), `${name} holds a secret`).toBe(false)
    }
  })

  it('browser mode without a clipboard: copying the token is refused with a clear error', async () => {
    const plain = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, sandbox, secretStores: [] })
    const result = await plain.dispatcher.dispatch('tokens:copy', { id: 'sandbox' })
    expect(result).toMatchObject({ ok: false, error: { code: 'clipboard-unavailable', message: expect.stringMatching(/browser mode/) } })
    await plain.dispatcher.dispatch('profiles:list', undefined)
  })
})
