import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SANDBOX_PROFILE_ID } from '../../../src/main/core/profiles/profile-service'
import type { SecretStoreCandidate } from '../../../src/main/core/secrets/secret-service'
import { SandboxHost } from '../../../src/sandbox'

/** The app as a person runs it (createAppCore + dispatcher), over a data folder of the test's choosing. */
export function openApp(dataDir: string, secretStores: SecretStoreCandidate[] = []): AppCore & { call(channel: string, input?: unknown): Promise<unknown>; attempt(channel: string, input?: unknown): ReturnType<AppCore['dispatcher']['dispatch']> } {
  const core = createAppCore({ transport: 'loopback', version: 't', dataDir, log: () => {}, secretStores, sandbox: new SandboxHost({ seed: 3 }), watchCollections: false })
  const attempt = (channel: string, input?: unknown) => core.dispatcher.dispatch(channel, input)
  const call = async (channel: string, input?: unknown) => {
    const result = await attempt(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
    return result.value
  }
  return Object.assign(core, { call, attempt })
}

export interface Filled {
  dataDir: string
  collectionRoot: string
  /** The collection request file, relative to the data folder. */
  requestFile: string
  historySegment: string
}

/**
 * A data folder with one of everything: a profile, changed settings, a collection with one request, and a
 * history segment with one call in it — written by the app itself, so the files are the real formats.
 */
export async function filledDataFolder(): Promise<Filled> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rx-state-'))
  const app = openApp(dataDir)
  await app.call('profiles:create', { draft: { name: 'Kept', environment: 'production', clientId: 'kept-client', orgId: 'ORG@AdobeOrg' } })
  await app.call('settings:update', { network: { defaultTimeoutMs: 45_000 } })
  const collection = (await app.call('collections:create', { name: 'Mine' })) as { id: string; root: string }
  await app.call('collections:saveRequest', { collectionId: collection.id, spec: { name: 'One', method: 'GET', url: 'https://reactor.adobe.io/companies' } })
  await app.call('requests:send', { requestId: 'fill', profileId: SANDBOX_PROFILE_ID, spec: { method: 'GET', url: '/companies' } })
  await app.services.history.flush()
  await app.dispose()
  return { dataDir, collectionRoot: collection.root, requestFile: join(collection.root, 'one.yml'), historySegment: join(dataDir, 'history', 'segment-000001.jsonl') }
}
