import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProfileRepository } from '../../../src/main/core/profiles/profile-repository'
import { ProfileService, type SandboxLink } from '../../../src/main/core/profiles/profile-service'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService } from '../../../src/main/core/secrets/secret-service'
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox'

/** A Sandbox that "starts" on a given port: a restart of the app is a new link on another port. */
function fakeSandbox(port: number): SandboxLink & { started: number } {
  let running = false
  const endpoint = () => ({ imsUrl: `http://127.0.0.1:${port}`, reactorUrl: `http://127.0.0.1:${port}`, credential: { ...SANDBOX_CREDENTIALS.working } })
  const link = {
    started: 0,
    ensure: async () => {
      if (!running) link.started += 1
      running = true
      return endpoint()
    },
    current: () => (running ? endpoint() : undefined),
    close: async () => {}
  }
  return link
}

describe('Sandbox scenario profiles in the profile service', () => {
  let dir: string
  const make = (sandbox?: SandboxLink) =>
    new ProfileService({
      repository: new ProfileRepository({ dataDir: dir }),
      secrets: new SecretService({ candidates: [{ name: 'kc', load: async () => new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'kc' }) }] }),
      sandbox
    })
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-scenario-profiles-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('resolves the scenario’s own credential against whatever Sandbox runs now, across restarts', async () => {
    const first = fakeSandbox(41001)
    const service = make(first)
    const { profile, created } = await service.useSandboxScenario('noProductProfile')
    expect(created).toBe(true)
    expect(first.started).toBe(1)
    expect(profile).toMatchObject({ id: 'sandbox-no-product-profile', reactorBaseUrl: 'http://127.0.0.1:41001', clientId: SANDBOX_CREDENTIALS.noProductProfile.clientId })

    const restarted = make(fakeSandbox(41002))
    const credential = await restarted.resolve('sandbox-no-product-profile')
    expect(credential).toMatchObject({ reactorBaseUrl: 'http://127.0.0.1:41002', orgId: SANDBOX_CREDENTIALS.noProductProfile.orgId, simulated: true })
    expect(await credential.clientSecret()).toBe(SANDBOX_CREDENTIALS.noProductProfile.clientSecret)
    expect((await restarted.list()).activeProfileId).toBe('sandbox-no-product-profile')
    // The CLI's --profile finds it by id or by name.
    expect(restarted.findByName('sandbox-no-product-profile')).toBe('sandbox-no-product-profile')
    expect(restarted.findByName('Sandbox · missing product profile (simulated)')).toBe('sandbox-no-product-profile')

    const file = await readFile(join(dir, 'profiles.json'), 'utf8')
    expect(JSON.parse(file)).toMatchObject({ sandboxScenarios: ['noProductProfile'], activeProfileId: 'sandbox-no-product-profile', profiles: [] })
    expect(file).not.toContain(SANDBOX_CREDENTIALS.noProductProfile.clientSecret)
  })

  it('ignores unknown or repeated scenario names written into profiles.json by hand, and keeps them through a delete of a real profile', async () => {
    const service = make(fakeSandbox(41003))
    await service.useSandboxScenario('wrongSecret')
    const repository = new ProfileRepository({ dataDir: dir })
    repository.update((file) => ({ ...file, sandboxScenarios: ['wrongSecret', 'wrongSecret', 'expiredToken', 42 as unknown as string] }))
    const real = await service.create({ name: 'Real', environment: 'production', clientId: 'c', orgId: '1234567890ABCDEF12345678@AdobeOrg' })
    await service.delete(real.id)
    expect((await service.list()).profiles.map((profile) => profile.id)).toEqual(['sandbox', 'sandbox-wrong-secret'])
  })

  it('refuses without a Sandbox, and refuses an unknown scenario by naming the known ones', async () => {
    await expect(make().useSandboxScenario('noCompanies')).rejects.toMatchObject({ code: 'sandbox-unavailable' })
    await expect(make(fakeSandbox(41004)).useSandboxScenario('expiredToken')).rejects.toThrow(
      'There is no Sandbox scenario "expiredToken". The scenarios are: working, noCompanies, noProductProfile, wrongSecret.'
    )
    // A scenario profile not made yet is not there to resolve or select.
    await expect(make(fakeSandbox(41005)).resolve('sandbox-no-companies')).rejects.toMatchObject({ code: 'profile-not-found' })
  })
})
