import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_REACTOR_SCOPES } from '../../../src/main/core/profiles/environments'
import { migrateProfilesFile } from '../../../src/main/core/profiles/profile-migrations'
import { ProfileRepository, type RepositoryNotice } from '../../../src/main/core/profiles/profile-repository'
import { ProfileService } from '../../../src/main/core/profiles/profile-service'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService } from '../../../src/main/core/secrets/secret-service'

const ORG = '1234567890ABCDEF12345678@AdobeOrg'
const SECRET = 'p8e-very-secret-client-secret-value'

function draft(over: Record<string, unknown> = {}) {
  return { name: 'Acme prod', environment: 'production' as const, clientId: 'acme-client-id', orgId: ORG, ...over }
}

describe('profiles: model, persistence, secrets kept out of the file', () => {
  let dir: string
  let keychain: MemorySecretStore
  let notices: RepositoryNotice[]
  const make = () => {
    const repository = new ProfileRepository({ dataDir: dir, onNotice: (n) => notices.push(n) })
    const secrets = new SecretService({ candidates: [{ name: 'kc', load: async () => keychain }] })
    return { repository, secrets, service: new ProfileService({ repository, secrets }) }
  }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-profiles-'))
    keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
    notices = []
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('creates with defaults (Reactor scopes, OAuth S2S, production hosts) and persists across restarts', async () => {
    const { service } = make()
    const created = await service.create(draft(), { value: SECRET })
    expect(created).toMatchObject({
      environment: 'production',
      imsBaseUrl: 'https://ims-na1.adobelogin.com',
      reactorBaseUrl: 'https://reactor.adobe.io',
      scopes: [...DEFAULT_REACTOR_SCOPES],
      authKind: 'oauth-s2s',
      secret: { stored: true, backend: { backend: 'keychain', label: 'test keychain' } }
    })
    const reopened = make().service
    const { profiles, activeProfileId } = await reopened.list()
    expect(profiles.map((p) => p.name)).toEqual(['Acme prod'])
    expect(activeProfileId).toBe(created.id)
  })

  it('stage and custom hosts', async () => {
    const { service } = make()
    const stage = await service.create(draft({ environment: 'stage' }))
    expect(stage).toMatchObject({ imsBaseUrl: 'https://ims-na1-stg1.adobelogin.com', reactorBaseUrl: 'https://reactor-stage.adobe.io' })
    const custom = await service.create(draft({ environment: 'custom', imsBaseUrl: '127.0.0.1:9999/', reactorBaseUrl: 'http://127.0.0.1:9999' }))
    expect(custom).toMatchObject({ imsBaseUrl: 'https://127.0.0.1:9999', reactorBaseUrl: 'http://127.0.0.1:9999' })
    await expect(service.create(draft({ environment: 'custom' }))).rejects.toMatchObject({ code: 'invalid-profile', message: /IMS host/ })
  })

  it('validates the Org ID with a specific message', async () => {
    const { service } = make()
    await expect(service.create(draft({ orgId: 'not-an-org' }))).rejects.toMatchObject({
      code: 'invalid-profile',
      message: expect.stringMatching(/^Org ID: .*@AdobeOrg/)
    })
    await expect(service.create(draft({ name: '  ' }))).rejects.toMatchObject({ message: /Name/ })
  })

  it('edits, duplicates (without the secret), switches and deletes (with its secrets)', async () => {
    const { service } = make()
    const a = await service.create(draft(), { value: SECRET })
    const edited = await service.update(a.id, draft({ name: 'Acme (edited)', scopes: ['openid', 'AdobeID'] }))
    expect(edited).toMatchObject({ name: 'Acme (edited)', scopes: ['openid', 'AdobeID'], createdAt: a.createdAt })
    const copy = await service.duplicate(a.id)
    expect(copy).toMatchObject({ name: 'Acme (edited) (copy)', clientId: 'acme-client-id', secret: { stored: false } })
    expect((await service.duplicate(a.id)).name).toBe('Acme (edited) (copy 2)')
    service.setActive(copy.id)
    expect((await service.list()).activeProfileId).toBe(copy.id)
    expect(keychain.size).toBe(1)
    await service.delete(a.id)
    expect(keychain.size).toBe(0)
    expect((await service.list()).profiles.map((p) => p.id)).not.toContain(a.id)
    await expect(service.get(a.id)).rejects.toMatchObject({ code: 'profile-not-found' })
  })

  it('never writes a secret into the profiles file (reads the bytes)', async () => {
    const { service, repository } = make()
    const p = await service.create(draft(), { value: SECRET })
    await service.setSecret(p.id, 'manual-token', 'manual-token-value-abcdef')
    await service.update(p.id, draft({ name: 'renamed' }))
    const bytes = await readFile(repository.path)
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false)
    expect(bytes.includes(Buffer.from('manual-token-value-abcdef'))).toBe(false)
    for (const name of await readdir(dir)) {
      const content = await readFile(join(dir, name))
      expect(content.includes(Buffer.from(SECRET)), name).toBe(false)
    }
  })

  it('a profile never exists half-made: a refused secret means no profile', async () => {
    const refusing = Object.assign(new MemorySecretStore({ backend: 'keychain', persistent: true }), {
      set: async () => Promise.reject(new Error('Cannot create an item in a locked collection'))
    })
    const repository = new ProfileRepository({ dataDir: dir })
    const service = new ProfileService({ repository, secrets: new SecretService({ candidates: [{ name: 'kc', load: async () => refusing }] }) })
    await expect(service.create(draft(), { value: SECRET })).rejects.toMatchObject({ code: 'keychain-locked', message: /this session only/ })
    expect((await service.list()).profiles).toHaveLength(0)
    const sessionOnly = await service.create(draft(), { value: SECRET, sessionOnly: true })
    expect(sessionOnly.secret).toMatchObject({ stored: true, sessionOnly: true, backend: { backend: 'memory' } })
  })

  it('moves a corrupted file aside, starts empty with a notice, and keeps working', async () => {
    await writeFile(join(dir, 'profiles.json'), '{"schemaVersion": 2, "profiles": [ {"id": ')
    await writeFile(join(dir, 'collections.json'), '{"keep":"me"}')
    const { service } = make()
    expect((await service.list()).profiles).toEqual([])
    expect(notices).toHaveLength(1)
    expect(notices[0]!.message).toMatch(/could not be read.*profiles\.corrupt-.*\.json/)
    const files = await readdir(dir)
    const aside = files.find((f) => f.startsWith('profiles.corrupt-'))!
    expect(await readFile(join(dir, aside), 'utf8')).toContain('"profiles": [ {"id": ')
    expect(await readFile(join(dir, 'collections.json'), 'utf8')).toBe('{"keep":"me"}')
    await service.create(draft())
    expect((await make().service.list()).profiles).toHaveLength(1)
  })

  it('moves aside a file that is JSON but not a profiles file', async () => {
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: 2, profiles: [{ id: 1 }] }))
    const { service } = make()
    expect((await service.list()).profiles).toEqual([])
    expect(notices[0]!.message).toMatch(/does not match the expected format/)
  })

  it('migrates a version 1 file and says so', async () => {
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({ active: 'old', profiles: [{ id: 'old', name: 'Old', env: 'custom', imsHost: 'ims.example', reactorHost: 'reactor.example', clientId: 'c', orgId: ORG, scopes: 'openid, AdobeID' }] })
    )
    const { service, repository } = make()
    const [old] = (await service.list()).profiles
    expect(old).toMatchObject({ id: 'old', authKind: 'oauth-s2s', scopes: ['openid', 'AdobeID'], imsBaseUrl: 'https://ims.example', reactorBaseUrl: 'https://reactor.example' })
    expect(notices[0]).toMatchObject({ level: 'info', message: /upgraded from format 1 to 2/ })
    expect(JSON.parse(await readFile(repository.path, 'utf8')).schemaVersion).toBe(2)
  })

  it('refuses a file from a newer version by moving it aside, not by rewriting it', () => {
    expect(() => migrateProfilesFile({ schemaVersion: 99 })).toThrow(/newer Reactor Explorer/)
  })
})
