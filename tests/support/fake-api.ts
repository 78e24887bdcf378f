import { vi } from 'vitest'
import { channelMethods, eventSubscriptions } from '../../src/shared/channels'
import type { WindowApi } from '../../src/shared/contract'
import type { RpcResult } from '../../src/shared/errors'
import type { CollectionView } from '../../src/shared/ipc/collections.contract'

type Overrides = Partial<{ [K in keyof WindowApi]: WindowApi[K] }>

/**
 * A complete fake `window.api`: every contract method exists (so the fake cannot drift from the
 * contract), answering `not-faked` unless a test overrides it; subscriptions can be fired by `emit`.
 */
export function createFakeApi(overrides: Overrides = {}): { api: WindowApi; emit(event: string, payload: unknown): void } {
  const api: Record<string, unknown> = {}
  for (const method of Object.values(channelMethods)) {
    api[method] = vi.fn(
      async (): Promise<RpcResult<never>> => ({ ok: false, error: { code: 'not-faked', message: `${method} is not faked in this test.` } })
    )
  }
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  for (const [eventName, subscription] of Object.entries(eventSubscriptions)) {
    api[subscription] = vi.fn((listener: (payload: unknown) => void) => {
      const set = listeners.get(eventName) ?? new Set()
      set.add(listener)
      listeners.set(eventName, set)
      return () => set.delete(listener)
    })
  }
  Object.assign(api, overrides)
  return {
    api: api as WindowApi,
    emit(event, payload) {
      listeners.get(event)?.forEach((listener) => listener(payload))
    }
  }
}

export function installFakeApi(overrides: Overrides = {}): ReturnType<typeof createFakeApi> {
  const fake = createFakeApi(overrides)
  Object.defineProperty(window, 'api', { value: fake.api, configurable: true, writable: true })
  return fake
}

/**
 * Main's collections as a fake: `listCollections` and `getCollectionTree` answer from `views` (replace an entry
 * to change what main holds), so the renderer's collections store loads them as it would from the real core.
 */
export function fakeCollectionsApi(views: Map<string, CollectionView>): Overrides {
  return {
    listCollections: vi.fn(async () => ({
      ok: true as const,
      value: [...views.values()].map((view) => ({ id: view.id, root: view.root, name: view.name, requests: 0, folders: 0, unreadable: 0 }))
    })),
    getCollectionTree: vi.fn(async ({ collectionId }: { collectionId: string }) => {
      const view = views.get(collectionId)
      return view ? { ok: true as const, value: view } : { ok: false as const, error: { code: 'collections-not-open', message: 'This collection is not open.' } }
    }) as unknown as WindowApi['getCollectionTree']
  }
}
