import { cp, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CollectionItem } from '../../../src/shared/collections/collection-model'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import { CollectionSecrets } from '../../../src/main/core/collections/collection-secrets'
import { CollectionService, type CollectionServiceOptions } from '../../../src/main/core/collections/collection-service'
import { MemorySecretStore } from '../../../src/main/core/secrets/memory-secret-store'
import { SecretService } from '../../../src/main/core/secrets/secret-service'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'

export const FIXTURES = 'tests/fixtures/collections'

/** A service over a data folder, with a keychain kept in memory (a real SecretService in front of it). */
export function makeService(dataDir: string, options: Partial<CollectionServiceOptions> = {}) {
  const registry = new SecretRegistry()
  const store = new MemorySecretStore()
  const secretService = new SecretService({ candidates: [{ name: 'test keychain', load: async () => store }], registry })
  const secrets = new CollectionSecrets(secretService)
  const service = new CollectionService({ dataDir, secrets, registry, watch: false, ...options })
  return { service, registry, store, secretService, secrets }
}

export async function copyFixture(name: string, into: string): Promise<string> {
  const target = join(into, name)
  await cp(join(FIXTURES, name), target, { recursive: true })
  return target
}

/** Every file under `root` by relative path, with its bytes. */
export async function snapshotFiles(root: string, rel = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const entry of await readdir(join(root, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name
    if (entry.isDirectory()) for (const [key, value] of await snapshotFiles(root, path)) out.set(key, value)
    else out.set(path, await readFile(join(root, path)))
  }
  return out
}

export function flatten(items: readonly CollectionItem[]): CollectionItem[] {
  return items.flatMap((item) => (item.kind === 'folder' ? [item, ...flatten(item.items)] : [item]))
}

export function requestAt(view: CollectionView, path: string) {
  const item = flatten(view.items).find((candidate) => candidate.path === path)
  if (!item || item.kind !== 'request') throw new Error(`no request ${path} in ${flatten(view.items).map((i) => i.path).join(', ')}`)
  return item
}

/** Saves every item of `view` unchanged through the real edit paths (request, folder and collection defaults, environments). */
export async function saveEverythingUnchanged(service: CollectionService, view: CollectionView): Promise<string[]> {
  const refused: string[] = []
  for (const item of flatten(view.items)) {
    if (item.kind === 'request') {
      const result = await service.saveRequest({ collectionId: view.id, path: item.path, spec: item.spec, baseEtag: item.etag ?? null })
      if (result.status !== 'saved') refused.push(`${item.path}: ${result.status}`)
    } else if (item.kind === 'folder') {
      const result = await service.setDefaults({ collectionId: view.id, folder: item.path, defaults: item.defaults, baseEtag: item.etag ?? null })
      if (result.status !== 'saved') refused.push(`${item.path}: ${result.status}`)
    }
  }
  const root = await service.setDefaults({ collectionId: view.id, folder: '', defaults: view.defaults, baseEtag: view.etag ?? null })
  if (root.status !== 'saved') refused.push(`opencollection.yml: ${root.status}`)
  for (const environment of view.environments) {
    const result = await service.saveEnvironment({ collectionId: view.id, environment, previousName: environment.name })
    if (result.status !== 'saved') refused.push(`${environment.file}: ${result.status}`)
  }
  return refused
}
