// The default page size (Settings → General) for list operations opened from the catalog and the palette.
// One copy for the whole renderer, read once from main and kept current by settings:changed, so opening an
// operation (a click, a palette pick) reads it synchronously instead of waiting for an answer.
import { useSyncExternalStore } from 'react'
import { REACTOR_DEFAULT_PAGE_SIZE } from '@shared/ipc/settings.contract'
import { api, unwrap } from '../../api/client'

let pageSize = REACTOR_DEFAULT_PAGE_SIZE
let started = false
const listeners = new Set<() => void>()

function set(next: number | undefined): void {
  const value = next ?? REACTOR_DEFAULT_PAGE_SIZE
  if (value === pageSize) return
  pageSize = value
  for (const listener of listeners) listener()
}

/** Starts reading the setting (once); until the answer comes, Reactor's own default stands. */
function start(): void {
  if (started || typeof window === 'undefined' || !(window.api as Window['api'] | undefined)) return
  started = true
  window.api.onSettingsChanged?.((state) => set(state.defaultPageSize))
  unwrap(api().getSettings())
    .then((state) => set(state.defaultPageSize))
    .catch(() => undefined)
}

/** The page size to ask for now (synchronous: what main last said). */
export function currentDefaultPageSize(): number {
  start()
  return pageSize
}

/** The same, for a component that should follow changes (and load the setting early). */
export function useDefaultPageSize(): number {
  start()
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => pageSize,
    () => pageSize
  )
}

/** Tests: back to the state before the first read. */
export function resetDefaultPageSizeForTests(): void {
  pageSize = REACTOR_DEFAULT_PAGE_SIZE
  started = false
}
