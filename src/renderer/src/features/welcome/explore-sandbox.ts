// The welcome screen's first path in one call: the Sandbox becomes the active profile, the starter collection
// is created (or the one already open is reused, so a second visit does not add "Reactor starter 2"), and its
// first request opens in a Request tab. The person's next click is Send.
import type { CollectionItem, RequestItem } from '@shared/collections/collection-model'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { openRequestInTab } from '../../state/workbench-commands'
import { createStarterCollection, ensureCollectionsLoaded, getCollectionsState } from '../collections/collections-store'

export const SANDBOX_PROFILE_ID = 'sandbox'
export const STARTER_COLLECTION_NAME = 'Reactor starter'
export const FIRST_REQUEST_NAME = 'List companies'

export function findRequestNamed(items: readonly CollectionItem[], name: string): RequestItem | undefined {
  for (const item of items) {
    if (item.kind === 'request' && item.spec.name === name) return item
    if (item.kind === 'folder') {
      const found = findRequestNamed(item.items, name)
      if (found) return found
    }
  }
  return undefined
}

async function starterCollection(): Promise<CollectionView> {
  await ensureCollectionsLoaded()
  const open = getCollectionsState().entries.find(
    (entry) => entry.view && !entry.problem && !entry.view.readOnlyReason && entry.view.name === STARTER_COLLECTION_NAME && findRequestNamed(entry.view.items, FIRST_REQUEST_NAME)
  )
  return open?.view ?? (await createStarterCollection())
}

export async function exploreWithSandbox(setActiveProfileId: (id: string) => void): Promise<void> {
  setActiveProfileId(SANDBOX_PROFILE_ID)
  const collection = await starterCollection()
  const request = findRequestNamed(collection.items, FIRST_REQUEST_NAME)
  if (!request) throw new Error(`The starter collection at ${collection.root} has no “${FIRST_REQUEST_NAME}” request; open it from the Collections area.`)
  openRequestInTab({
    spec: request.spec,
    origin: { kind: 'collection', root: collection.root, path: request.path, ...(request.etag ? { etag: request.etag } : {}) }
  })
}
