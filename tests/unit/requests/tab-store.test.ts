import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REDACTED_PLACEHOLDER, TabStore } from '../../../src/main/core/requests/tab-store'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { requestSpec } from '../../../src/shared/requests/request-spec'

let dir: string
let secrets: SecretRegistry
const MINTED_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0YWIifQ.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw'
const CLIENT_SECRET = 'p8e-AbCdEfGhIjKlMnOpQrStUvWxYz012345'
const KNOWN_SECRET = 'a-secret-the-app-knows-1234'

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-tabs-'))
  secrets = new SecretRegistry()
  secrets.add(KNOWN_SECRET)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function specWithSecrets() {
  return requestSpec({
    name: 'leaky',
    method: 'POST',
    url: '/companies',
    headers: [
      { name: 'Authorization', value: `Bearer ${MINTED_TOKEN}`, enabled: true },
      { name: 'X-Note', value: `copied ${KNOWN_SECRET} here`, enabled: true },
      { name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true }
    ],
    params: [{ name: 'client_secret', value: CLIENT_SECRET, enabled: true }],
    body: { type: 'json', text: `{"token":"${KNOWN_SECRET}"}` },
    variables: [
      { name: 'vaulted', value: 'value-that-only-main-may-hold', secret: true, enabled: true },
      { name: 'pasted', value: CLIENT_SECRET, enabled: true },
      { name: 'propertyId', value: 'PR123', enabled: true }
    ],
    auth: { type: 'headers', headers: [{ name: 'Authorization', value: `Bearer ${MINTED_TOKEN}`, enabled: true }] }
  })
}

describe('TabStore: open tabs survive a restart, secrets never reach the file', () => {
  it('saves and loads tabs and the selected tab; a second store (the next launch) reads the same', () => {
    const store = new TabStore({ dataDir: dir, secrets })
    const a = requestSpec({ method: 'GET', url: '/companies', name: 'Companies', reactor: { operationId: 'listCompanies', futureField: 1 } })
    const b = requestSpec({ method: 'PATCH', url: '/rules/RL1', body: { type: 'json', text: '{"data":{}}' } })
    expect(store.save({ tabs: [{ id: 't1', spec: a, baseline: a }, { id: 't2', spec: b }], selectedTabId: 't2' })).toEqual({ saved: true, redacted: 0 })
    const next = new TabStore({ dataDir: dir, secrets: new SecretRegistry() }).load()
    expect(next).toEqual({ tabs: [{ id: 't1', spec: a, baseline: a }, { id: 't2', spec: b }], selectedTabId: 't2' })
  })

  it('scrubs secret variables, known secrets and credential-looking values, and says how many', async () => {
    const store = new TabStore({ dataDir: dir, secrets })
    const result = store.save({ tabs: [{ id: 't1', spec: specWithSecrets() }] })
    expect(result.redacted).toBeGreaterThanOrEqual(6)
    const bytes = await readFile(store.path)
    const text = bytes.toString('utf8')
    for (const secret of [MINTED_TOKEN, CLIENT_SECRET, KNOWN_SECRET, 'value-that-only-main-may-hold']) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(Buffer.from(secret).toString('base64'))
      expect(text).not.toContain(encodeURIComponent(secret))
    }
    const loaded = store.load().tabs[0]!.spec
    expect(loaded.headers[0]!.value).toBe(REDACTED_PLACEHOLDER)
    expect(loaded.variables.find((v) => v.name === 'vaulted')).toEqual({ name: 'vaulted', secret: true, enabled: true })
    expect(loaded.variables.find((v) => v.name === 'propertyId')!.value).toBe('PR123')
    expect(loaded.headers[2]!.value).toBe('application/vnd.api+json;revision=1')
  })

  it('no file in the data folder holds a secret after saving', async () => {
    new TabStore({ dataDir: dir, secrets }).save({ tabs: [{ id: 't1', spec: specWithSecrets(), baseline: specWithSecrets() }] })
    for (const name of await readdir(dir)) {
      const text = await readFile(join(dir, name), 'utf8')
      expect(text, name).not.toContain(MINTED_TOKEN)
      expect(text, name).not.toContain(KNOWN_SECRET)
    }
  })

  it('a damaged tabs file is moved aside with a notice; the app starts with no tabs and nothing is lost', async () => {
    await writeFile(join(dir, 'tabs.json'), '{"schemaVersion":1,"tabs":[{"id":')
    const store = new TabStore({ dataDir: dir, secrets })
    expect(store.load()).toEqual({ tabs: [], selectedTabId: undefined })
    expect(store.notices[0]!.message).toMatch(/open request tabs could not be restored.*kept as .*tabs\.corrupt-/)
    const files = await readdir(dir)
    expect(files.some((name) => name.startsWith('tabs.corrupt-'))).toBe(true)
  })

  it('a selected tab that no longer exists falls back to the first', () => {
    const store = new TabStore({ dataDir: dir, secrets })
    store.save({ tabs: [{ id: 'only', spec: requestSpec({ method: 'GET', url: '/x' }) }], selectedTabId: 'gone' })
    expect(store.load().selectedTabId).toBe('only')
  })
})
