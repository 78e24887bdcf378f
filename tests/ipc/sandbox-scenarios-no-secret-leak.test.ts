import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { SANDBOX_CREDENTIALS, SandboxHost } from '../../src/sandbox'

// "Use this scenario" (sandbox:useScenario): a Sandbox profile per scenario credential whose secret stays in
// main. Every answer and event is recorded, and so is every file in the data folder, and none may hold a
// scenario's secret or a token.
describe('sandbox:useScenario makes a scenario profile without a secret reaching the renderer or a file', () => {
  let dir: string
  let core: AppCore
  const outbound: string[] = []
  const secrets = Object.values(SANDBOX_CREDENTIALS).map((credential) => credential.clientSecret)

  function start(): AppCore {
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, sandbox: new SandboxHost(), secretStores: [], log: (line) => outbound.push(line) })
    core.events.subscribe((event) => outbound.push(JSON.stringify(event)))
    return core
  }

  async function call(channel: string, input?: unknown) {
    const result = await core.dispatcher.dispatch(channel, input)
    outbound.push(JSON.stringify(result))
    return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } }
  }

  async function filesHoldingASecret(): Promise<string[]> {
    const holding: string[] = []
    for (const name of await readdir(dir, { recursive: true })) {
      const content = await readFile(join(dir, name)).catch(() => undefined)
      if (content && secrets.some((secret) => content.includes(Buffer.from(secret)))) holding.push(name)
    }
    return holding
  }

  beforeEach(async () => {
    outbound.length = 0
    dir = await mkdtemp(join(tmpdir(), 're-ipc-scenarios-'))
    start()
  })
  afterEach(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it('creates the profile once, makes it active, and the doctor gives each scenario its verdict', async () => {
    const first = await call('sandbox:useScenario', { scenario: 'noCompanies' })
    expect(first).toMatchObject({
      ok: true,
      value: { created: true, profile: { id: 'sandbox-no-companies', simulated: true, builtIn: true, clientId: SANDBOX_CREDENTIALS.noCompanies.clientId, secret: { stored: true } } }
    })
    // The Sandbox was started for it, so the profile already names the running Sandbox's hosts.
    const running = core.sandbox.current()!
    expect(first.ok && first.value.profile.imsBaseUrl).toBe(running.imsUrl)
    expect(first.ok && first.value.profile.reactorBaseUrl).toBe(running.reactorUrl)

    const again = await call('sandbox:useScenario', { scenario: 'noCompanies' })
    expect(again).toMatchObject({ ok: true, value: { created: false, profile: { id: 'sandbox-no-companies' } } })
    const listed = await call('profiles:list')
    expect(listed.ok && listed.value.profiles.filter((profile: { id: string }) => profile.id === 'sandbox-no-companies')).toHaveLength(1)
    expect(listed.ok && listed.value.activeProfileId).toBe('sandbox-no-companies')
    expect(outbound.some((line) => line.includes('"profiles:changed"') && line.includes('sandbox-no-companies'))).toBe(true)

    // The working scenario is the built-in Sandbox profile: chosen, not duplicated.
    expect(await call('sandbox:useScenario', { scenario: 'working' })).toMatchObject({ ok: true, value: { created: false, profile: { id: 'sandbox' } } })

    const verdicts: Record<string, { outcome: string; failing?: RegExp }> = {
      'sandbox-no-companies': { outcome: 'works' },
      'sandbox-no-product-profile': { outcome: 'fails' },
      'sandbox-wrong-secret': { outcome: 'fails' }
    }
    await call('sandbox:useScenario', { scenario: 'noProductProfile' })
    await call('sandbox:useScenario', { scenario: 'wrongSecret' })
    for (const [profileId, expected] of Object.entries(verdicts)) {
      expect(await call('doctor:run', { profileId }), profileId).toMatchObject({ ok: true, value: { outcome: expected.outcome, simulated: true } })
    }
    const noProduct = await call('doctor:run', { profileId: 'sandbox-no-product-profile' })
    expect(noProduct.ok && noProduct.value.text).toMatch(/403/)
    const wrong = await call('doctor:run', { profileId: 'sandbox-wrong-secret' })
    expect(wrong.ok && wrong.value.text).toMatch(/invalid_client/)

    const all = outbound.join('\n')
    for (const secret of secrets) expect(all.includes(secret), `leaked ${secret}`).toBe(false)
    expect(await filesHoldingASecret()).toEqual([])
    const stored = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    expect(stored.sandboxScenarios).toEqual(['noCompanies', 'noProductProfile', 'wrongSecret'])
    expect(JSON.stringify(stored)).not.toContain('127.0.0.1')
  })

  it('after a restart the scenario profile follows the new Sandbox port', async () => {
    await call('sandbox:useScenario', { scenario: 'noCompanies' })
    const before = core.sandbox.current()!.reactorUrl
    await core.dispose()
    start()
    const listed = await call('profiles:list')
    expect(listed.ok && listed.value.profiles.map((profile: { id: string }) => profile.id)).toContain('sandbox-no-companies')
    expect(await call('doctor:run', { profileId: 'sandbox-no-companies' })).toMatchObject({ ok: true, value: { outcome: 'works' } })
    const after = await call('profiles:list')
    const profile = after.ok && after.value.profiles.find((candidate: { id: string }) => candidate.id === 'sandbox-no-companies')
    expect(profile.reactorBaseUrl).toBe(core.sandbox.current()!.reactorUrl)
    expect(profile.reactorBaseUrl).not.toBe(before)
  })

  it('the doctor on the built-in Sandbox profile starts the Sandbox and announces it: the list then names its hosts', async () => {
    const before = await call('profiles:list')
    expect(before.ok && before.value.profiles.find((profile: { id: string }) => profile.id === 'sandbox').reactorBaseUrl).toBe('')
    outbound.length = 0
    expect(await call('doctor:run', { profileId: 'sandbox' })).toMatchObject({ ok: true, value: { outcome: 'works' } })
    expect(outbound.filter((line) => line.includes('"profiles:changed"'))).toHaveLength(1)
    const after = await call('profiles:list')
    expect(after.ok && after.value.profiles.find((profile: { id: string }) => profile.id === 'sandbox').reactorBaseUrl).toBe(core.sandbox.current()!.reactorUrl)
    // A second run finds it running: no second announcement.
    await call('doctor:run', { profileId: 'sandbox' })
    expect(outbound.filter((line) => line.includes('"profiles:changed"'))).toHaveLength(1)
  })

  it('refuses an unknown scenario with a sentence naming the scenarios, and edits of a scenario profile', async () => {
    const unknown = await call('sandbox:useScenario', { scenario: 'expiredToken' })
    expect(unknown).toMatchObject({ ok: false })
    expect(!unknown.ok && unknown.error.message).toMatch(/no Sandbox scenario "expiredToken".*working, noCompanies, noProductProfile, wrongSecret/)
    expect(await call('sandbox:useScenario', {})).toMatchObject({ ok: false })

    await call('sandbox:useScenario', { scenario: 'wrongSecret' })
    expect(await call('secrets:set', { profileId: 'sandbox-wrong-secret', kind: 'client-secret', value: 'x' })).toMatchObject({ ok: false, error: { code: 'read-only' } })
    expect(await call('profiles:duplicate', { id: 'sandbox-wrong-secret' })).toMatchObject({ ok: false, error: { code: 'read-only' } })
  })

  it('deleting a scenario profile removes it from the list and the Sandbox area shows it can be made again', async () => {
    await call('sandbox:useScenario', { scenario: 'noProductProfile' })
    const status = await call('sandbox:status')
    expect(status.ok && status.value.scenarios.find((scenario: { name: string }) => scenario.name === 'noProductProfile').profileId).toBe('sandbox-no-product-profile')
    expect(await call('profiles:delete', { id: 'sandbox-no-product-profile' })).toMatchObject({ ok: true })
    const listed = await call('profiles:list')
    expect(listed.ok && listed.value.profiles.map((profile: { id: string }) => profile.id)).not.toContain('sandbox-no-product-profile')
    expect(listed.ok && listed.value.activeProfileId).toBe('sandbox')
    const after = await call('sandbox:status')
    expect(after.ok && after.value.scenarios.find((scenario: { name: string }) => scenario.name === 'noProductProfile').profileId).toBeUndefined()
    expect(await call('profiles:setActive', { id: 'sandbox-no-product-profile' })).toMatchObject({ ok: false, error: { code: 'profile-not-found' } })
  })
})
