// Pane sizes that come back after a reload, in localStorage: a split's layout as react-resizable-panels reports it
// (percent per panel, stored by name rather than DOM id, so every request tab's split shares one remembered size),
// and a side pane's width in px with whether it is folded (usePaneSize). A pane the app folds by itself because
// the window is narrow is not saved, so the person's own sizes return when the window grows again.
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react'
import type { Layout, LayoutChangedMeta, PanelImperativeHandle } from 'react-resizable-panels'

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

function writeLayout(key: string, layout: Record<string, number> | SavedPaneSize): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(layout))
  } catch {
    // Quota or privacy mode: sizes are not remembered, nothing else changes.
  }
}

export interface PaneLayout {
  defaultLayout: Layout | undefined
  onLayoutChanged(layout: Layout, meta: LayoutChangedMeta): void
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
  const onLayoutChanged = useCallback(
    (layout: Layout, meta: LayoutChangedMeta) => {
      // What was asked for, before a small window squeezed it: the size to come back to.
      const requested = meta.requestedLayout ?? layout
      const byName = Object.fromEntries(names.map((name, index) => [name, requested[ids[index]!] ?? layout[ids[index]!]]).filter((entry) => typeof entry[1] === 'number'))
      if (Object.keys(byName).length === names.length) writeLayout(key, byName as Record<string, number>)
    },
    [signature]
  )
  return { defaultLayout, onLayoutChanged }
}

interface SavedPaneSize {
  px: number
  collapsed: boolean
}

function readPaneSize(key: string): SavedPaneSize | undefined {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(key) ?? 'null') as Partial<SavedPaneSize> | null
    if (!parsed || typeof parsed.px !== 'number' || !(parsed.px > 0) || parsed.px > 4000) return undefined
    return { px: parsed.px, collapsed: parsed.collapsed === true }
  } catch {
    return undefined
  }
}

export interface PaneSize {
  /** For the Panel's defaultSize (px). */
  defaultSize: number
  onLayoutChanged(layout: Layout, meta: LayoutChangedMeta): void
  /** Folds or unfolds the pane for the person (remembered), back to the width they last gave it. */
  toggle(): void
  /** Unfolds it if folded (remembered). */
  open(): void
  /** Folds or unfolds it for the window's sake (not remembered). */
  fold(folded: boolean): void
}

/**
 * A side pane's own width in px (the sidebar, the catalog panel): unlike a split's percentages it must not grow
 * when the window does, so it is stored as pixels and whether it is folded, and given back as the Panel's
 * defaultSize. Only the person's own resizing and folding is saved.
 */
export function usePaneSize(
  name: string,
  panel: RefObject<PanelImperativeHandle | null>,
  options: { panelId: string; defaultPx: number; collapsedPx: number }
): PaneSize {
  const key = `${PANE_STORAGE_PREFIX}${name}`
  const saved = useMemo(() => readPaneSize(key), [key])
  const openPx = useRef(saved?.px ?? options.defaultPx)
  const byPerson = useRef(false)
  const { collapsedPx, panelId } = options
  const defaultSize = saved?.collapsed ? collapsedPx : (saved?.px ?? options.defaultPx)

  const onLayoutChanged = useCallback(
    (layout: Layout, meta: LayoutChangedMeta) => {
      const handle = panel.current
      if (!handle || !(meta.isUserInteraction || byPerson.current)) return
      byPerson.current = false
      // The handle's pixel size still reads the layout before this change (measured: one keyboard step behind),
      // so the new percentage is turned into pixels with the group's width less its separators, which a
      // resize does not alter.
      const percent = layout[panelId]
      const group = document.getElementById(panelId)?.parentElement
      if (percent === undefined || !group) return
      const separators = [...group.children].filter((child) => child.getAttribute('role') === 'separator')
      const room = group.getBoundingClientRect().width - separators.reduce((sum, separator) => sum + separator.getBoundingClientRect().width, 0)
      const px = Math.round((percent / 100) * room)
      const collapsed = px <= collapsedPx + 1
      if (!collapsed) openPx.current = px
      writeLayout(key, { px: openPx.current, collapsed })
    },
    [key, panel, collapsedPx, panelId]
  )
  const unfold = useCallback(() => {
    const handle = panel.current
    if (!handle?.isCollapsed()) return
    handle.expand()
    handle.resize(openPx.current)
  }, [panel])
  const toggle = useCallback(() => {
    const handle = panel.current
    if (!handle) return
    byPerson.current = true
    if (handle.isCollapsed()) unfold()
    else handle.collapse()
  }, [panel, unfold])
  const open = useCallback(() => {
    if (!panel.current?.isCollapsed()) return
    byPerson.current = true
    unfold()
  }, [panel, unfold])
  const fold = useCallback(
    (folded: boolean) => {
      const handle = panel.current
      if (!handle) return
      byPerson.current = false
      if (folded) handle.collapse()
      else unfold()
    },
    [panel, unfold]
  )
  return { defaultSize, onLayoutChanged, toggle, open, fold }
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

/**
 * Folds the pane while `narrow` holds and unfolds it when the window grows again, but only if it was folded for
 * the width: a pane the person folded stays folded. The returned flag is cleared by the person's own fold or
 * unfold (set `.current = false`), so a later widening does not undo their choice. The sidebar and the Request
 * area's side panel share it.
 */
export function useFoldWhileNarrow(panel: RefObject<PanelImperativeHandle | null>, narrow: boolean, fold: PaneSize['fold']): RefObject<boolean> {
  const foldedForWidth = useRef(false)
  useEffect(() => {
    const handle = panel.current
    if (!handle) return
    if (narrow && !handle.isCollapsed()) {
      foldedForWidth.current = true
      fold(true)
    } else if (!narrow && foldedForWidth.current && handle.isCollapsed()) {
      foldedForWidth.current = false
      fold(false)
    }
  }, [narrow, panel, fold])
  return foldedForWidth
}
