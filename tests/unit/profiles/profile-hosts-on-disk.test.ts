import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { ProfileDraft } from '../../../src/main/core/profiles/profile-schema'
import { SandboxHost } from '../../../src/sandbox'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'

const ORG = '1234567890ABCDEF12345678@AdobeOrg'
let services: CoreServices | undefined
afterEach(async () => {
  await services?.dispose()
  services = undefined
})

async function open(profilesJson: unknown): Promise<{ dir: string; services: CoreServices }> {
  const dir = await mkdtemp(join(tmpdir(), 'profiles-disk-'))
  await writeFile(join(dir, 'profiles.json'), JSON.stringify(profilesJson, undefined, '\t'))
  services = createCoreServices({ dataDir: dir, secretStores: [], sandbox: new SandboxHost({ seed: 1 }), proactiveRefresh: false, watchCollections: false })
  return { dir, services }
}

describe('plain http:// custom hosts', () => {
  const draft = (host: string) => ({ name: 'p', environment: 'custom' as const, imsBaseUrl: host, reactorBaseUrl: host, clientId: 'c', orgId: ORG })

  it('are refused for another machine, with the reason', () => {
    for (const host of ['http://reactor.example.com', 'http://10.0.0.5:8080', 'http://169.254.169.254']) {
      const parsed = ProfileDraft.safeParse(draft(host))
      expect(parsed.success, host).toBe(false)
      expect(parsed.error!.issues[0]!.message).toMatch(/would send the client secret and access tokens unencrypted\. Use https:\/\//)
    }
  })

  it('are accepted for this computer (the Sandbox, a local mock), and https anywhere', () => {
    for (const host of ['http://127.0.0.1:4010', 'http://localhost:3000', 'http://[::1]:9', 'https://reactor.example.com']) {
      expect(ProfileDraft.safeParse(draft(host)).success, host).toBe(true)
    }
  })
})

describe('hosts read from profiles.json are checked like typed ones', () => {
  const stored = (id: string, imsBaseUrl: string) => ({
    id, name: id, environment: 'custom', imsBaseUrl, reactorBaseUrl: 'https://reactor.example.com', clientId: 'c', orgId: ORG,
    scopes: ['openid'], authKind: 'oauth-s2s', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z'
  })

  it('a profile pointing IMS at file:/// or at the cloud metadata address is listed with a problem and never used', async () => {
    const { services } = await open({ schemaVersion: 2, profiles: [stored('file-host', 'file:///etc/passwd'), stored('metadata', 'http://169.254.169.254'), stored('fine', 'https://ims.example.com')] })
    const list = await services.credentials.handlers['profiles:list'](undefined)
    const byId = Object.fromEntries(list.profiles.map((profile) => [profile.id, profile]))
    expect(byId['file-host']!.problem).toMatch(/^Profile "file-host" cannot be used: its IMS host in profiles.json is not usable: Only http and https hosts are allowed, not file:/)
    expect(byId['metadata']!.problem).toMatch(/its IMS host in profiles.json is not usable: http:\/\/169\.254\.169\.254 would send the client secret/)
    expect(byId['fine']!.problem).toBeUndefined()
    for (const id of ['file-host', 'metadata']) {
      await expect(services.credentials.profiles.resolve(id)).rejects.toMatchObject({ code: 'profile-hosts-invalid', message: expect.stringContaining('Nothing was sent') })
      await expect(services.requests.pipeline.send(newRequestSpec({ url: '/companies' }), { requestId: id, profileId: id, source: 'app' })).rejects.toMatchObject({ code: 'profile-hosts-invalid' })
    }
  })
})

describe('migrating profiles.json', () => {
  const v1 = {
    active: 'old-1',
    syncedBy: 'a newer tool',
    profiles: [{ id: 'old-1', name: 'Old', env: 'custom', imsHost: 'ims.example.com', reactorHost: 'reactor.example.com', clientId: 'c', orgId: ORG, scopes: 'openid,AdobeID', color: 'teal', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }]
  }

  it('keeps a backup of the file as it was, and the fields it does not know, also through an edit', async () => {
    const { dir, services } = await open(v1)
    const list = await services.credentials.handlers['profiles:list'](undefined)
    expect(list.profiles.find((profile) => profile.id === 'old-1')).toMatchObject({ imsBaseUrl: 'https://ims.example.com', scopes: ['openid', 'AdobeID'] })
    expect(await readdir(dir)).toContain('profiles.backup-1.json')
    expect(JSON.parse(await readFile(join(dir, 'profiles.backup-1.json'), 'utf8'))).toEqual(v1)
    const migrated = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    expect(migrated).toMatchObject({ schemaVersion: 2, activeProfileId: 'old-1', syncedBy: 'a newer tool', profiles: [{ id: 'old-1', color: 'teal' }] })

    await services.credentials.profiles.update('old-1', { name: 'Renamed', environment: 'custom', imsBaseUrl: 'https://ims.example.com', reactorBaseUrl: 'https://reactor.example.com', clientId: 'c', orgId: ORG })
    const edited = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    expect(edited).toMatchObject({ syncedBy: 'a newer tool', profiles: [{ id: 'old-1', name: 'Renamed', color: 'teal' }] })
  })

  it('never overwrites an older backup of the same version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'profiles-disk-'))
    await writeFile(join(dir, 'profiles.backup-1.json'), 'the first backup')
    await writeFile(join(dir, 'profiles.json'), JSON.stringify(v1))
    services = createCoreServices({ dataDir: dir, secretStores: [], sandbox: new SandboxHost({ seed: 1 }), proactiveRefresh: false, watchCollections: false })
    await services.credentials.handlers['profiles:list'](undefined)
    expect(await readFile(join(dir, 'profiles.backup-1.json'), 'utf8')).toBe('the first backup')
  })
})
