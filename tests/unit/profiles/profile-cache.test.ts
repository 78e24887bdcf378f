// profiles.json is parsed once per version of the file, not once per send: a read is a stat while the file is
// unchanged, yet a write through the store, or by another process (the CLI and the app share the file), is
// seen on the very next read.
import { openSync, readFileSync, statSync, utimesSync, writeSync, closeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProfileRepository } from '../../../src/main/core/profiles/profile-repository'
import { ProfileService } from '../../../src/main/core/profiles/profile-service'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService } from '../../../src/main/core/secrets/secret-service'
import { VersionedJsonFile } from '../../../src/main/core/storage/versioned-json-file'

const ORG = '1234567890ABCDEF12345678@AdobeOrg'
const draft = (name: string) => ({ name, environment: 'production' as const, clientId: 'acme-client-id', orgId: ORG })

describe('profiles: the parsed file is kept while profiles.json is unchanged', () => {
  let dir: string
  const open = () => {
    const repository = new ProfileRepository({ dataDir: dir })
    const keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
    const secrets = new SecretService({ candidates: [{ name: 'kc', load: async () => keychain }] })
    return { repository, service: new ProfileService({ repository, secrets }) }
  }
  /** Dates the file back, as a file written a while ago (the cache trusts only a stamp older than a few ms). */
  const age = (path: string) => {
    const past = new Date(Date.now() - 60_000)
    utimesSync(path, past, past)
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-profile-cache-'))
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await rm(dir, { recursive: true, force: true })
  })

  it('reads an unchanged file once, however many sends ask for the profile', async () => {
    const { repository, service } = open()
    const created = await service.create(draft('Acme prod'))
    age(repository.path)
    const parse = vi.spyOn(VersionedJsonFile.prototype, 'read')
    for (let i = 0; i < 20; i++) expect((await service.get(created.id)).name).toBe('Acme prod')
    expect(parse).toHaveBeenCalledTimes(1)
  })

  it('sees a write through the store at once', async () => {
    const { repository, service } = open()
    const created = await service.create(draft('Acme prod'))
    age(repository.path)
    expect((await service.get(created.id)).name).toBe('Acme prod')
    await service.update(created.id, { ...draft('Acme live') })
    expect((await service.get(created.id)).name).toBe('Acme live')
    expect((await service.list()).profiles.map((profile) => profile.name)).toEqual(['Acme live'])
  })

  it("sees another process's write on the next read (the CLI and the app share profiles.json)", async () => {
    const app = open()
    const created = await app.service.create(draft('Acme prod'))
    age(app.repository.path)
    expect((await app.service.get(created.id)).name).toBe('Acme prod')
    // The CLI, with its own repository on the same folder, renames the profile.
    const cli = open()
    await cli.service.update(created.id, { ...draft('Acme via CLI') })
    expect((await app.service.get(created.id)).name).toBe('Acme via CLI')
  })

  it('sees an edit in place that keeps the size and the modification time (only the change time tells)', async () => {
    const { repository, service } = open()
    const created = await service.create(draft('Acme prod'))
    age(repository.path)
    const before = statSync(repository.path)
    expect((await service.get(created.id)).name).toBe('Acme prod')
    // Same length, same inode, and the old mtime put back: as a hand edit within one clock tick would look.
    const edited = readFileSync(repository.path, 'utf8').replace('Acme prod', 'Acme test')
    const fd = openSync(repository.path, 'r+')
    writeSync(fd, edited, 0)
    closeSync(fd)
    utimesSync(repository.path, before.atime, before.mtime)
    expect(statSync(repository.path).size).toBe(before.size)
    expect(statSync(repository.path).ino).toBe(before.ino)
    expect((await service.get(created.id)).name).toBe('Acme test')
  })

  it('what a read returns is frozen: a caller cannot change the file the next reads get', async () => {
    const { repository, service } = open()
    await service.create(draft('Acme prod'))
    age(repository.path)
    repository.read()
    const first = repository.read()
    expect(() => {
      first.profiles[0]!.name = 'changed in memory'
    }).toThrow(TypeError)
    expect(() => first.profiles.splice(0)).toThrow(TypeError)
    expect(repository.read().profiles.map((profile) => profile.name)).toEqual(['Acme prod'])
  })

  it('a damaged file is moved aside and not kept: the next read starts from the empty list', async () => {
    const { repository, service } = open()
    await service.create(draft('Acme prod'))
    age(repository.path)
    expect(repository.read().profiles).toHaveLength(1)
    const fd = openSync(repository.path, 'w')
    writeSync(fd, '{ not json')
    closeSync(fd)
    age(repository.path)
    expect(repository.read().profiles).toEqual([])
    expect(repository.read().profiles).toEqual([])
  })
})
