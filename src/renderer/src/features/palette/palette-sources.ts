// What the palette offers, one source each: the actions of the shortcuts registry (only those that can run
// now), the saved requests of the open collections, recent history, the profiles and the Reactor catalog.
// The async ones (collections, history) say when they are still loading.
import { useEffect, useMemo, useState } from 'react'
import { catalogGroups } from '@shared/catalog/catalog'
import { requestsInOrder } from '@shared/collections/collection-model'
import type { HistoryListItem } from '@shared/ipc/history.contract'
import { api, unwrap } from '../../api/client'
import { AREAS } from '../../app/areas'
import { chooseTheme } from '../../app/theme'
import { useActiveProfile } from '../../state/active-profile'
import { hasShortcutHandler, runShortcut, shortcutDefinition, shortcutLabel, type ShortcutId } from '../../state/shortcuts'
import { focusArea, openRequestInTab, showArea } from '../../state/workbench-commands'
import { ensureCollectionsLoaded, useCollections } from '../collections/collections-store'
import { timeOfDay } from '../history/history-format'
import { applyOperation } from '../requests/model/operation-context'
import { currentDefaultPageSize } from '../settings/default-page-size'
import { newDraft, specFromDraft } from '../requests/model/request-draft'
import { shortcutName } from '../shortcuts/shortcut-names'
import type { PaletteItem } from './rank'

/**
 * The registry's commands the palette lists, in the order shown before anything is typed (the first few are
 * what fits the first screen); the palette itself and profile switching are not listed, they open it.
 */
const PALETTE_ACTIONS: ReadonlyArray<{ id: ShortcutId; movesFocus: boolean; keywords?: string[]; after?: () => void; inRequestArea?: true }> = [
  { id: 'send', movesFocus: false, keywords: ['run', 'execute', 'request'], inRequestArea: true },
  { id: 'save', movesFocus: false, keywords: ['collection', 'write'], inRequestArea: true },
  // A new tab is for typing a URL: focus goes to its URL field.
  { id: 'new-tab', movesFocus: true, keywords: ['request', 'open'], after: () => focusArea('request') },
  { id: 'search-catalog', movesFocus: true, keywords: ['operations', 'find', 'api'] },
  { id: 'focus-url', movesFocus: true, keywords: ['address', 'path'] },
  // Dialogs: focus goes back to where it was first, so the dialog remembers that place and returns there.
  { id: 'open-settings', movesFocus: false, keywords: ['network', 'proxy', 'timeout', 'preferences'] },
  { id: 'shortcuts', movesFocus: false, keywords: ['keyboard', 'keys', 'help'] },
  ...AREAS.map((area, index) => ({ id: `area-${index + 1}` as ShortcutId, movesFocus: true, keywords: ['area', 'switch', area.description] })),
  { id: 'save-as', movesFocus: true, keywords: ['collection', 'copy'] },
  { id: 'close-tab', movesFocus: true, keywords: ['request'], after: () => focusArea('request') },
  { id: 'next-tab', movesFocus: false },
  { id: 'previous-tab', movesFocus: false }
]

/** The sidebar's Welcome button owns the dialog; pressing it is the one way in, as the person would. */
function showWelcome(): void {
  document.querySelector<HTMLButtonElement>('.wl-open')?.click()
}

export function actionItems(isAvailable: (id: ShortcutId) => boolean = hasShortcutHandler): PaletteItem[] {
  const items: PaletteItem[] = PALETTE_ACTIONS.filter((action) => isAvailable(action.id)).map((action) => ({
    id: `action:${action.id}`,
    group: 'Actions',
    title: shortcutName(shortcutDefinition(action.id)),
    keywords: action.keywords,
    shortcut: shortcutLabel(action.id),
    movesFocus: action.movesFocus,
    run: () => {
      if (!action.inRequestArea) {
        runShortcut(action.id)
        action.after?.()
        return
      }
      // Sending or saving from another area: show the Request area first (its handlers answer only while it
      // shows), then ask once it has rendered, so the person sees what was sent or saved.
      showArea('request')
      setTimeout(() => runShortcut(action.id), 0)
    }
  }))
  for (const [theme, title] of [['light', 'Theme: light'], ['dark', 'Theme: dark'], ['system', 'Theme: follow the system']] as const) {
    items.push({ id: `action:theme-${theme}`, group: 'Actions', title, keywords: ['appearance', 'colour', 'color', 'mode', 'toggle'], movesFocus: false, run: () => chooseTheme(theme) })
  }
  if (document.querySelector('.wl-open')) {
    items.push({ id: 'action:welcome', group: 'Actions', title: 'Show the welcome screen', keywords: ['sandbox', 'start', 'tour', 'help'], movesFocus: false, run: showWelcome })
  }
  return items
}

export function catalogItems(): PaletteItem[] {
  return catalogGroups.flatMap((group) =>
    group.operations.map((op) => ({
      id: `operation:${op.id}`,
      group: 'Catalog' as const,
      title: op.summary || `${op.method} ${op.path}`,
      detail: `${op.method} ${op.path}`,
      keywords: [group.name, op.method, ...op.tags],
      method: op.method,
      movesFocus: true,
      run: () => {
        // A new tab, so picking an operation never replaces the request being edited.
        openRequestInTab({ spec: specFromDraft(applyOperation(newDraft(), op, currentDefaultPageSize())) })
        focusArea('request')
      }
    }))
  )
}

export function useSavedRequestItems(active: boolean): { items: PaletteItem[]; loading: boolean } {
  const collections = useCollections()
  useEffect(() => {
    if (active) void ensureCollectionsLoaded()
  }, [active])
  const items = useMemo(
    () =>
      collections.entries.flatMap((entry) =>
        requestsInOrder(entry.view?.items ?? []).map(({ item, folders }) => ({
          id: `request:${entry.root}:${item.path}`,
          group: 'Saved requests' as const,
          title: item.spec.name,
          detail: [entry.name, ...folders.map((folder) => folder.name)].join(' / '),
          keywords: [item.spec.method, item.spec.url],
          method: item.spec.method,
          movesFocus: true,
          run: () => {
            openRequestInTab({ spec: item.spec, origin: { kind: 'collection', root: entry.root, path: item.path, ...(item.etag ? { etag: item.etag } : {}) } })
            focusArea('request')
          }
        }))
      ),
    [collections.entries]
  )
  return { items, loading: collections.status === 'loading' || (active && collections.status === 'idle') }
}

function historyTitle(entry: HistoryListItem): string {
  return `${entry.method} ${entry.url}`
}

export function useHistoryItems(active: boolean, limit = 20): { items: PaletteItem[]; loading: boolean; error?: string } {
  const [entries, setEntries] = useState<HistoryListItem[] | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    if (!active || !window.api?.listHistory) return
    let live = true
    unwrap(api().listHistory({ limit }))
      .then((page) => live && setEntries(page.items))
      .catch((failure: Error) => {
        if (!live) return
        setEntries([])
        setError(`Recent history could not be read: ${failure.message}`)
      })
    return () => {
      live = false
    }
  }, [active, limit])
  const items = useMemo(
    () =>
      (entries ?? []).map((entry) => ({
        id: `history:${entry.id}`,
        group: 'History' as const,
        title: historyTitle(entry),
        detail: [entry.status !== undefined ? `${entry.status}${entry.statusText ? ` ${entry.statusText}` : ''}` : 'no answer', timeOfDay(entry.startedAt), entry.profileName].filter(Boolean).join(' · '),
        keywords: [String(entry.status ?? '')],
        method: entry.method,
        movesFocus: true,
        run: async () => {
          const view = await unwrap(api().getHistoryEntry({ id: entry.id }))
          if (!view.spec) throw new Error('This call cannot be opened: its recorded request no longer reads as a request document.')
          openRequestInTab({ spec: view.spec, note: `Opened from history (${timeOfDay(entry.startedAt)})` })
          focusArea('request')
        }
      })),
    [entries]
  )
  return { items, loading: active && entries === undefined && Boolean(window.api?.listHistory), error }
}

export function useProfileItems(): PaletteItem[] {
  const { profiles, activeProfileId, setActiveProfileId } = useActiveProfile()
  return useMemo(
    () =>
      profiles.map((profile) => ({
        id: `profile:${profile.id}`,
        group: 'Profiles' as const,
        title: profile.name,
        detail: `${profile.id === activeProfileId ? 'Active · ' : 'Switch to this profile · '}${profile.simulated ? 'simulated' : profile.environment}`,
        keywords: ['profile', 'switch', profile.environment],
        movesFocus: false,
        run: () => setActiveProfileId(profile.id)
      })),
    [profiles, activeProfileId, setActiveProfileId]
  )
}
