// Pane sizes that come back after a reload: the layout react-resizable-panels reports (percent per panel) is kept
// in localStorage under one key per group. Panels are stored by name, not by their DOM id, so every request tab's
// split (each with its own ids) shares one remembered size. A layout the app changes by itself (a pane folded
// because the window is narrow) is not saved, so the person's own sizes return when the window grows again.
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react'
import type { Layout, LayoutChangedMeta } from 'react-resizable-panels'

export const PANE_STORAGE_PREFIX = 'reactor-explorer.panes.'

function readLayout(key: string): Record<string, number> | undefined {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? 'null')
    if (!parsed || typeof parsed !== 'object') return undefined
    const entries = Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] >= 0 && entry[1] <= 100)
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  } catch {
    // Unreadable or not JSON (a hand edit, storage refused): the panels' default sizes apply.
    return undefined
  }
}

function writeLayout(key: string, layout: Record<string, number>): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(layout))
  } catch {
    // Quota or privacy mode: sizes are not remembered, nothing else changes.
  }
}

export interface PaneLayout {
  defaultLayout: Layout | undefined
  onLayoutChanged(layout: Layout, meta: LayoutChangedMeta): void
  /** Runs `change` (an imperative collapse or expand) without saving the layout it produces. */
  withoutSaving(change: () => void): void
}

/**
 * `panels` maps each stored name to the id the Panel renders with (the same when omitted). Only a layout that
 * names every panel is restored, so a group that gained a panel starts from its defaults.
 */
export function usePaneLayout(groupName: string, panels: Record<string, string | number>): PaneLayout {
  const key = `${PANE_STORAGE_PREFIX}${groupName}`
  const names = Object.keys(panels)
  const ids = names.map((name) => String(panels[name]))
  const signature = `${key}|${names.join(',')}|${ids.join(',')}`
  // names and ids change together with the signature: it is the one dependency of both hooks below.
  const defaultLayout = useMemo(() => {
    const stored = readLayout(key)
    if (!stored || !names.every((name) => name in stored)) return undefined
    return Object.fromEntries(names.map((name, index) => [ids[index]!, stored[name]!]))
  }, [signature])
  const automatic = useRef(false)
  const onLayoutChanged = useCallback(
    (layout: Layout, meta: LayoutChangedMeta) => {
      if (automatic.current && !meta.isUserInteraction) return
      automatic.current = false
      // What was asked for, before a small window squeezed it: the size to come back to.
      const requested = meta.requestedLayout ?? layout
      const byName = Object.fromEntries(names.map((name, index) => [name, requested[ids[index]!] ?? layout[ids[index]!]]).filter((entry) => typeof entry[1] === 'number'))
      if (Object.keys(byName).length === names.length) writeLayout(key, byName as Record<string, number>)
    },
    [signature]
  )
  const withoutSaving = useCallback((change: () => void) => {
    automatic.current = true
    change()
  }, [])
  return { defaultLayout, onLayoutChanged, withoutSaving }
}

/** Whether a media query matches now, kept current (false where matchMedia does not exist, e.g. jsdom). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      const list = window.matchMedia?.(query)
      list?.addEventListener('change', listener)
      return () => list?.removeEventListener('change', listener)
    },
    [query]
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia?.(query).matches ?? false, () => false)
}
