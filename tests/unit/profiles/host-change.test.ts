// A profile moved to another IMS or Reactor host must never carry its stored secret or a token there. A
// recording loopback server stands in for the new host and must receive neither the client secret (in any
// form, the form-urlencoded token body included), nor a token, nor the x-api-key / org id.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { requestAccessToken } from '../../../src/main/core/auth/ims-client'
import { ProfileRepository } from '../../../src/main/core/profiles/profile-repository'
import { ProfileService } from '../../../src/main/core/profiles/profile-service'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService } from '../../../src/main/core/secrets/secret-service'
import type { Notice } from '../../../src/shared/ipc/app.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { SandboxHost, startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { startRecorder, type Recorded } from '../http/support'

const working = () => sandbox.credentials.working
let sandbox: RunningSandbox
let recorder: Awaited<ReturnType<typeof startRecorder>>
let dir: string
let services: CoreServices
let notices: Notice[]

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  recorder = await startRecorder()
  dir = await mkdtemp(join(tmpdir(), 'rx-host-change-'))
  services = createCoreServices({ dataDir: dir, secretStores: [], proactiveRefresh: false, sandbox: new SandboxHost() })
  notices = []
  services.events.subscribe((event) => {
    if (event.name === 'app:notice') notices.push(event.payload as Notice)
  })
})
afterEach(async () => {
  await services.dispose()
  await recorder.close()
  await rm(dir, { recursive: true, force: true })
})

const handlers = () => services.credentials.handlers
let next = 0
const send = (profileId: string) =>
  services.requests.pipeline.send(newRequestSpec({ method: 'GET', url: '/companies' }), { requestId: `hc-${next++}`, profileId, source: 'app' })

function draft(hosts: { ims: string; reactor: string }, over: Record<string, unknown> = {}) {
  return { name: 'Moved', environment: 'custom' as const, imsBaseUrl: hosts.ims, reactorBaseUrl: hosts.reactor, clientId: working().clientId, orgId: working().orgId, scopes: working().scopes, ...over }
}

/** Everything the recorder received, as one text: method, URL, every header and the body. */
function received(seen: Recorded[]): string {
  return seen.map((r) => `${r.method} ${r.url}\n${r.rawHeaders.join(': ')}\n${r.body}`).join('\n---\n')
}

function expectNothingSecret(seen: Recorded[], token: string | undefined) {
  const text = received(seen)
  const secret = working().clientSecret
  for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) expect(text).not.toContain(form)
  if (token) expect(text).not.toContain(token)
  expect(text).not.toContain(working().clientId)
  expect(text).not.toContain(working().orgId)
  expect(text.toLowerCase()).not.toMatch(/authorization|x-api-key|x-gw-ims-org-id|client_secret/)
}

describe('changing a profile’s hosts', () => {
  it('IMS host: the stored client secret is removed, and the new IMS host never receives it', async () => {
    const created = await handlers()['profiles:create']({ draft: draft({ ims: sandbox.imsUrl, reactor: sandbox.reactorUrl }), clientSecret: working().clientSecret })
    expect((await send(created.id)).status).toBe(200) // the profile works before the edit
    const token = services.credentials.tokens['tokens'].get(created.id)?.accessToken
    expect(token).toBeTruthy()

    const updated = await handlers()['profiles:update']({ id: created.id, draft: draft({ ims: recorder.url, reactor: sandbox.reactorUrl }) })
    expect(updated.notice).toBe('The hosts changed, so the stored client secret was removed: enter it again to use the new hosts.')
    expect(updated.secret.stored).toBe(false)
    expect(notices).toContainEqual({ level: 'warning', message: updated.notice })
    expect(services.credentials.tokens.info(created.id).state).toBe('none')

    await expect(handlers()['tokens:generate']({ id: created.id })).rejects.toMatchObject({ code: 'no-secret' })
    await expect(send(created.id)).rejects.toMatchObject({ code: 'no-secret' })
    await expect(handlers()['doctor:run']({ profileId: created.id })).resolves.toMatchObject({ outcome: 'fails' })
    expect(recorder.seen.filter((r) => r.method === 'POST')).toEqual([]) // the doctor's reachability GET carries nothing
    expectNothingSecret(recorder.seen, token)

    // The recorder does see what it is sent: once the person enters the secret for the new host, it goes there.
    await handlers()['secrets:set']({ profileId: created.id, kind: 'client-secret', value: working().clientSecret })
    await expect(handlers()['tokens:generate']({ id: created.id })).rejects.toMatchObject({ code: 'ims-unexpected-response' })
    expect(recorder.seen.at(-1)!.body).toContain(`client_secret=${encodeURIComponent(working().clientSecret)}`)
  })

  it('Reactor host: neither a token nor the API key or org id reach the new Reactor host', async () => {
    const created = await handlers()['profiles:create']({ draft: draft({ ims: sandbox.imsUrl, reactor: sandbox.reactorUrl }), clientSecret: working().clientSecret })
    expect((await send(created.id)).status).toBe(200)
    const token = services.credentials.tokens['tokens'].get(created.id)?.accessToken

    const updated = await handlers()['profiles:update']({ id: created.id, draft: draft({ ims: sandbox.imsUrl, reactor: recorder.url }) })
    expect(updated.notice).toMatch(/^The hosts changed, so the stored client secret was removed/)
    await expect(send(created.id)).rejects.toMatchObject({ code: 'no-secret' })
    expect(recorder.seen).toEqual([])

    // Control: with the secret entered again, the profile's own (new) host gets its credential.
    await handlers()['secrets:set']({ profileId: created.id, kind: 'client-secret', value: working().clientSecret })
    expect((await send(created.id)).status).toBe(200)
    expect(recorder.seen.at(-1)!.headers['x-api-key']).toBe(working().clientId)
    expect(recorder.seen.at(-1)!.headers.authorization).not.toContain(token!)
  })

  it('a token cached for the old hosts is never attached on the new ones, even before the handler forgets it', async () => {
    const created = await handlers()['profiles:create']({ draft: draft({ ims: sandbox.imsUrl, reactor: sandbox.reactorUrl }), clientSecret: working().clientSecret })
    expect((await send(created.id)).status).toBe(200)
    const token = services.credentials.tokens['tokens'].get(created.id)!.accessToken
    // The service alone (no tokens.invalidate, as in a request racing the edit): the cache still holds the token.
    await services.credentials.profiles.update(created.id, draft({ ims: sandbox.imsUrl, reactor: recorder.url }))
    expect(services.credentials.tokens['tokens'].get(created.id)?.accessToken).toBe(token)
    await expect(send(created.id)).rejects.toMatchObject({ code: 'no-secret' })
    expect(recorder.seen).toEqual([])
  })

  it('manual token: the pasted token is removed when the Reactor host changes, and never sent there', async () => {
    const pasted = (await requestAccessToken({ imsBaseUrl: sandbox.imsUrl, ...working() })).accessToken
    const created = await handlers()['profiles:create']({ draft: draft({ ims: sandbox.imsUrl, reactor: sandbox.reactorUrl }, { authKind: 'manual-token' }) })
    await handlers()['tokens:setManual']({ profileId: created.id, token: pasted })
    expect((await send(created.id)).status).toBe(200)

    const updated = await handlers()['profiles:update']({ id: created.id, draft: draft({ ims: sandbox.imsUrl, reactor: recorder.url }, { authKind: 'manual-token' }) })
    expect(updated.notice).toBe('The hosts changed, so the pasted access token was removed: paste one again to use the new hosts.')
    expect(updated.secret).toMatchObject({ kind: 'manual-token', stored: false })
    await expect(send(created.id)).rejects.toMatchObject({ code: 'no-token' })
    expect(recorder.seen).toEqual([])
    expectNothingSecret(recorder.seen, pasted)
  })
})

describe('which edits count as a host change (profile service)', () => {
  let keychain: MemorySecretStore
  let service: ProfileService
  const ORG = '1234567890ABCDEF12345678@AdobeOrg'
  const base = { name: 'Acme', clientId: 'acme-client', orgId: ORG }
  beforeEach(() => {
    keychain = new MemorySecretStore({ backend: 'keychain', persistent: true, label: 'test keychain' })
    const secrets = new SecretService({ candidates: [{ name: 'kc', load: async () => keychain }] })
    service = new ProfileService({ repository: new ProfileRepository({ dataDir: dir }), secrets })
  })

  it('another environment preset moves both hosts: the secret and the pasted token are removed', async () => {
    const profile = await service.create({ ...base, environment: 'production' }, { value: 'prod-secret-value-123' })
    await service.setSecret(profile.id, 'manual-token', 'manual-token-value-456')
    const moved = await service.update(profile.id, { ...base, environment: 'stage' })
    expect(moved.notice).toBe('The hosts changed, so the stored client secret and the pasted access token were removed: enter them again to use the new hosts.')
    expect(keychain.size).toBe(0)
  })

  it('edits that keep both origins keep the secret (rename, a trailing slash, a path on the same origin)', async () => {
    const profile = await service.create({ ...base, environment: 'custom', imsBaseUrl: 'https://ims.example', reactorBaseUrl: 'https://reactor.example' }, { value: 'kept-secret-value' })
    const renamed = await service.update(profile.id, { ...base, name: 'Renamed', environment: 'custom', imsBaseUrl: 'https://IMS.example/', reactorBaseUrl: 'reactor.example/base' })
    expect(renamed.notice).toBeUndefined()
    expect(renamed.secret.stored).toBe(true)
    expect(keychain.size).toBe(1)
    // Same host name, another port or scheme: another origin.
    const port = await service.update(profile.id, { ...base, environment: 'custom', imsBaseUrl: 'https://ims.example:8443', reactorBaseUrl: 'https://reactor.example' })
    expect(port.notice).toMatch(/client secret was removed/)
    expect(keychain.size).toBe(0)
  })

  it('a keychain that refuses the deletion refuses the edit, and the hosts stay as they were', async () => {
    const profile = await service.create({ ...base, environment: 'production' }, { value: 'locked-secret-value' })
    keychain.delete = async () => Promise.reject(new Error('Cannot delete an item in a locked collection'))
    await expect(service.update(profile.id, { ...base, environment: 'stage' })).rejects.toMatchObject({
      code: 'host-change-secret-kept',
      message: expect.stringMatching(/^The hosts were not changed: the stored client secret has to be removed first/)
    })
    expect(await service.get(profile.id)).toMatchObject({ environment: 'production', imsBaseUrl: 'https://ims-na1.adobelogin.com' })
  })
})
