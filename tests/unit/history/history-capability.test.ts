// The history capability composed as the app composes it, against the built-in Sandbox profile: sends are
// recorded (and only read when History is opened), the support journey's channels work end to end, and
// neither the token nor anything else secret reaches an answer, the clipboard's stand-in aside, or a file.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { validateHar } from '../../../src/main/core/interchange/har'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import { encodedForms } from '../../../src/main/core/security/secret-registry'
import { SANDBOX_CREDENTIALS, SandboxHost } from '../../../src/sandbox'
import type { HistoryPage, HistoryEntryView, ConvertedRequest, SavedBundle, ImportedBundle, ResponseDiff } from '../../../src/shared/contract'
import { tempDir } from './support'

const CUSTOMER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIiwiaWQiOiJjdXN0b21lciJ9.Y3VzdG9tZXItc2lnbmF0dXJlLXZhbHVl'

let core: AppCore
let dataDir: string
const clipboard: string[] = []
const saved: string[] = []
const answers: string[] = []

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatcher.dispatch(channel, input)
  answers.push(JSON.stringify(result))
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

beforeAll(async () => {
  dataDir = await tempDir('rx-history-core-')
  core = createAppCore({
    transport: 'loopback',
    version: '9.9.9-test',
    dataDir,
    log: () => {},
    secretStores: [],
    sandbox: new SandboxHost({ seed: 11 }),
    writeClipboard: (text) => void clipboard.push(text),
    chooseSavePath: async (name) => {
      const path = join(dataDir, 'exports', name)
      saved.push(path)
      await import('node:fs/promises').then((fs) => fs.mkdir(join(dataDir, 'exports'), { recursive: true }))
      return path
    }
  })
})
afterAll(async () => {
  await core.dispose()
})

describe('history capability (composed app core, Sandbox profile)', () => {
  it('records each send without reading the history; the first list does', async () => {
    for (const url of ['/companies', '/profile']) await call('requests:send', { requestId: `s-${url}`, profileId: SANDBOX_PROFILE_ID, spec: { method: 'GET', url } })
    await call('requests:send', { requestId: 's-missing', profileId: SANDBOX_PROFILE_ID, spec: { method: 'GET', url: '/properties/PR00000000000000000000000000000000' } })
    await core.services.history.flush()
    expect(core.services.history.store.loaded).toBe(false)
    const page = await call<HistoryPage>('history:list', {})
    expect(core.services.history.store.loaded).toBe(true)
    expect(page.total).toBe(3)
    expect(page.items.map((item) => [item.method, new URL(item.url).pathname, item.statusClass])).toEqual([
      ['GET', '/properties/PR00000000000000000000000000000000', '4xx'],
      ['GET', '/profile', '2xx'],
      ['GET', '/companies', '2xx']
    ])
    expect(page.items[2]).toMatchObject({ profileId: SANDBOX_PROFILE_ID, source: 'app', environmentLabel: 'Sandbox (simulated, not Adobe)' })
    expect(page.items[0]!.adobeRequestId).toBeTruthy()
  })

  it('gets an entry with its request document, searches and filters', async () => {
    const companies = (await call<HistoryPage>('history:list', {})).items.find((item) => item.url.endsWith('/companies'))!
    const page = await call<HistoryPage>('history:search', { query: companies.adobeRequestId!, filters: { statusClasses: ['2xx'] } })
    expect(page.items.map((item) => item.id)).toEqual([companies.id])
    expect((await call<HistoryPage>('history:search', { query: companies.adobeRequestId!, filters: { statusClasses: ['4xx'] } })).total).toBe(0)
    const view = await call<HistoryEntryView>('history:get', { id: page.items[0]!.id })
    expect(view.spec).toMatchObject({ method: 'GET', url: '/companies', auth: { type: 'inherit' } })
    expect(view.entry.response?.status).toBe(200)
    expect(view.entry.request.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1]).toMatch(/^Bearer ••••/)
    expect(view.entry.profile).toMatchObject({ name: 'Sandbox (simulated)', simulated: true })
    const invalid = await core.dispatcher.dispatch('history:search', { query: 'x', filters: { statusClasses: ['6xx'] } })
    expect(invalid.ok).toBe(false)
  })

  it('turns a pasted cURL with a customer token into a request that uses the profile', async () => {
    const converted = await call<ConvertedRequest>('history:fromCurl', { text: `curl -H 'Authorization: Bearer ${CUSTOMER_TOKEN}' https://reactor.adobe.io/companies`, profileId: SANDBOX_PROFILE_ID })
    expect(converted.spec).toMatchObject({ url: '/companies', auth: { type: 'inherit' } })
    expect(JSON.stringify(converted)).not.toContain(CUSTOMER_TOKEN)
    const bad = await core.dispatcher.dispatch('history:fromCurl', { text: `curl -H 'Authorization: Bearer ${CUSTOMER_TOKEN}` })
    expect(bad.ok).toBe(false)
    expect(JSON.stringify(bad)).not.toContain(CUSTOMER_TOKEN)
    expect(!bad.ok && bad.error.message).toMatch(/^Line 1, column 9: /)
  })

  it('writes cURL with placeholders, and the real values only to the clipboard', async () => {
    const spec = { method: 'GET', url: '/companies' }
    const { command } = await call<{ command: string }>('history:toCurl', { spec, profileId: SANDBOX_PROFILE_ID })
    const sandboxUrl = core.sandbox.current()!.reactorUrl
    expect(command).toContain(`${sandboxUrl}/companies`)
    expect(command).toContain('Bearer {ACCESS_TOKEN}')
    const copied = await call<{ copied: true }>('history:copyCurl', { spec, profileId: SANDBOX_PROFILE_ID, withRealValues: true })
    expect(copied).toEqual({ copied: true, withRealValues: true })
    const real = clipboard.at(-1)!
    expect(real).not.toContain('{ACCESS_TOKEN}')
    const token = /Authorization: Bearer (\S+)'/.exec(real)![1]!
    expect(core.secrets.containsSecret(token)).toBe(true)
    const snippet = await call<{ code: string }>('history:snippet', { spec, profileId: SANDBOX_PROFILE_ID, language: 'python-requests' })
    expect(snippet.code).toContain('{ACCESS_TOKEN}')
  })

  it('exports HAR and a clean repro bundle, imports the bundle and diffs a replay', async () => {
    const { items } = await call<HistoryPage>('history:list', {})
    const har = await call<{ saved: boolean; path: string; requests: number }>('history:exportHar', { all: true })
    expect(har).toMatchObject({ saved: true, requests: 3 })
    expect(validateHar(JSON.parse(await readFile(har.path, 'utf8'))).valid).toBe(true)

    await call('doctor:run', { profileId: SANDBOX_PROFILE_ID })
    const bundle = await call<SavedBundle>('history:exportBundle', { ids: items.map((item) => item.id), pseudonymize: true })
    expect(bundle).toMatchObject({ saved: true, requests: 3 })
    const bytes = new Uint8Array(await readFile(bundle.path!))
    const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]))
    expect(files['README.md']).toContain('Reactor Explorer 9.9.9-test')
    expect(files['README.md']).toContain('## Credential Doctor (last run)')

    const imported = await call<ImportedBundle>('history:importBundle', { contentBase64: Buffer.from(bytes).toString('base64') })
    expect(imported.requests).toHaveLength(3)
    const original = imported.requests.find((request) => request.spec.url === '/companies')!
    const replay = await call<{ status: number; headers: Array<[string, string]>; body: { kind: string; text: string } }>('requests:send', { requestId: 'replay', profileId: SANDBOX_PROFILE_ID, spec: original.spec })
    const diff = await call<ResponseDiff>('history:diffResponses', { left: original.original!, right: { status: replay.status, headers: replay.headers, body: replay.body.text } })
    expect(diff.status.kind).toBe('same')
    expect(diff.bodyKind).toBe('json')
  })

  it('deletes one, applies lowered limits, clears all', async () => {
    const { items } = await call<HistoryPage>('history:list', {})
    expect(await call('history:delete', { id: items[0]!.id })).toEqual({ deleted: true })
    expect(await call('history:setSettings', { maxEntries: 10 })).toMatchObject({ maxEntries: 10, maxTotalMB: 200, maxBodyKB: 256 })
    expect(await call('history:getSettings')).toMatchObject({ maxEntries: 10 })
    const refused = await core.dispatcher.dispatch('history:setSettings', { maxEntries: 1 })
    expect(refused.ok).toBe(false)
    const { cleared } = await call<{ cleared: number }>('history:clear')
    expect(cleared).toBeGreaterThan(0)
    expect((await call<HistoryPage>('history:list', {})).total).toBe(0)
  })

  it('never let the token or client secret into an answer, an export or a history file', async () => {
    await core.services.history.flush()
    const planted = [...clipboard.map((text) => /Authorization: Bearer (\S+)'/.exec(text)?.[1]).filter((t): t is string => Boolean(t)), SANDBOX_CREDENTIALS.working.clientSecret].filter((t): t is string => Boolean(t))
    expect(planted.length).toBeGreaterThan(0)
    const files: string[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (!path.includes('response-bodies')) files.push(path)
      }
    }
    await walk(dataDir)
    const zipped = files.filter((path) => path.endsWith('.zip'))
    const texts = [...answers, ...(await Promise.all(files.filter((p) => !p.endsWith('.zip')).map((path) => readFile(path, 'utf8'))))]
    for (const path of zipped) for (const data of Object.values(unzipSync(new Uint8Array(await readFile(path))))) texts.push(strFromU8(data))
    const all = texts.join('\n')
    for (const secret of planted) for (const form of encodedForms(secret)) expect(all.includes(form)).toBe(false)
  })
})
