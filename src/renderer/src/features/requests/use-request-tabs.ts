// The open request tabs: their documents, the selected tab, and keeping both in `tabs.json` through main
// (requests:loadTabs / requests:saveTabs), so they come back after a reload of browser mode or a restart of
// the app. Only documents are kept, never responses: a tab that showed 50 MB reopens as fast as an empty one.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { MAX_OPEN_TABS, type RequestTabOrigin, type RequestTabsStateInput } from '@shared/ipc/requests.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import { ApiError, api, unwrap } from '../../api/client'
import { UNNAMED_REQUEST, documentKey, draftFromSpec, isUnnamed, newDraft, specFromDraft, type RequestDraft } from './model/request-draft'

export interface OpenTab {
  id: string
  draft: RequestDraft
  /** The document as opened; the tab is dirty while its draft differs from it. */
  baseline: RequestSpec
  /** The collection file it was opened from, if any: saving writes back there. */
  origin?: RequestTabOrigin
}

interface TabsState {
  tabs: OpenTab[]
  selectedTabId: string
  /** The tabs closed last (one, or all but one), for Undo. */
  closed?: Array<{ tab: OpenTab; index: number }>
  /** The fresh tab opened because the last one was closed: Undo takes it away again while it is untouched. */
  standInId?: string
}

/** Saves wait this long after the last change: typing in a body does not write the file per key. */
export const SAVE_DEBOUNCE_MS = 300

let tabCounter = 0
function newTabId(): string {
  tabCounter += 1
  return `tab-${Date.now().toString(36)}-${tabCounter}`
}

export function openTab(draft: RequestDraft = newDraft(), id = newTabId()): OpenTab {
  return { id, draft, baseline: specFromDraft(draft) }
}

const baselineKeys = new WeakMap<RequestSpec, string>()
const dirtyByDraft = new WeakMap<RequestDraft, { baseline: RequestSpec; dirty: boolean }>()

/** Whether the tab's document differs from its baseline (memoised per draft object: cheap on every render). */
export function isDirty(tab: OpenTab): boolean {
  const cached = dirtyByDraft.get(tab.draft)
  if (cached && cached.baseline === tab.baseline) return cached.dirty
  let baselineKey = baselineKeys.get(tab.baseline)
  if (baselineKey === undefined) {
    baselineKey = documentKey(tab.baseline)
    baselineKeys.set(tab.baseline, baselineKey)
  }
  const dirty = documentKey(specFromDraft(tab.draft)) !== baselineKey
  dirtyByDraft.set(tab.draft, { baseline: tab.baseline, dirty })
  return dirty
}

function tabsFile(state: TabsState): RequestTabsStateInput {
  return {
    tabs: state.tabs.map((tab) => ({ id: tab.id, spec: specFromDraft(tab.draft), baseline: tab.baseline, ...(tab.origin ? { origin: tab.origin } : {}) })),
    selectedTabId: state.selectedTabId
  }
}

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error)
}

export function useRequestTabs() {
  const [state, setState] = useState<TabsState>(() => {
    const first = openTab()
    return { tabs: [first], selectedTabId: first.id }
  })
  const [notice, setNotice] = useState<string | undefined>()
  const stateRef = useRef(state)
  stateRef.current = state
  /** The first tab as created: while it is untouched, restored tabs replace it. */
  // The state the area started with, until something happens to it (an edit, another tab, a send: markUsed);
  // then undefined, so the blank starting tab is never replaced or restored over once it has been used.
  const initial = useRef<TabsState | undefined>(state)
  /** Saving starts only after the saved tabs were read, so a fresh start never overwrites them. */
  const [restored, setRestored] = useState(false)
  const lastSaved = useRef<string | undefined>(undefined)
  /** The redaction count last told, so the line is not repeated on every keystroke after a dismiss. */
  const toldRedacted = useRef(0)

  useEffect(() => {
    let live = true
    if (!window.api?.loadRequestTabs) return
    unwrap(api().loadRequestTabs())
      .then((saved) => {
        if (!live) return
        if (saved.tabs.length > 0) {
          const tabs = saved.tabs.map((tab) => ({ id: tab.id, draft: draftFromSpec(tab.spec), baseline: tab.baseline ?? tab.spec, ...(tab.origin ? { origin: tab.origin } : {}) }))
          const restoredState: TabsState = { tabs, selectedTabId: saved.selectedTabId ?? tabs[0]!.id }
          if (stateRef.current === initial.current) {
            // What was read is what would be written: no save until something changes.
            lastSaved.current = JSON.stringify(tabsFile(restoredState))
            setState(restoredState)
          } else {
            // The person started before the answer came: keep their tabs after the restored ones.
            const known = new Set(tabs.map((tab) => tab.id))
            setState((current) => ({ ...current, tabs: [...tabs, ...current.tabs.filter((tab) => !known.has(tab.id))].slice(0, MAX_OPEN_TABS) }))
          }
        }
        setRestored(true)
      })
      .catch((error: unknown) => {
        if (!live) return
        // Not saving either: a passing failure must not replace the saved tabs with this session's.
        if (!(error instanceof ApiError && error.code === 'not-faked')) setNotice(`Your open request tabs could not be restored: ${errorText(error)} Tabs opened now are not kept.`)
      })
    return () => {
      live = false
    }
  }, [])

  const save = useCallback(async () => {
    if (!window.api?.saveRequestTabs) return
    const file = tabsFile(stateRef.current)
    const text = JSON.stringify(file)
    if (text === lastSaved.current) return
    lastSaved.current = text
    try {
      const result = await unwrap(api().saveRequestTabs(file))
      if (result.redacted > 0 && result.redacted !== toldRedacted.current) {
        setNotice(
          `${result.redacted === 1 ? 'A value that looked like a secret was' : `${result.redacted} values that looked like secrets were`} not saved with your open tabs; this session keeps ${result.redacted === 1 ? 'it' : 'them'} until the app reloads.`
        )
      }
      toldRedacted.current = result.redacted
    } catch (error) {
      lastSaved.current = undefined
      setNotice(`Your open request tabs could not be saved: ${errorText(error)}`)
    }
  }, [])

  // Debounced save after every change, and at once when the page goes away.
  useEffect(() => {
    if (!restored) return
    const timer = setTimeout(() => void save(), SAVE_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [state.tabs, state.selectedTabId, restored, save])
  useEffect(() => {
    if (!restored) return
    const flush = () => void save()
    window.addEventListener('pagehide', flush)
    window.addEventListener('beforeunload', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      window.removeEventListener('beforeunload', flush)
    }
  }, [restored, save])

  const update = useCallback((id: string, change: (draft: RequestDraft) => RequestDraft) => {
    setState((current) => {
      let changed = false
      const tabs = current.tabs.map((tab) => {
        if (tab.id !== id) return tab
        const draft = change(tab.draft)
        if (draft === tab.draft) return tab
        changed = true
        return { ...tab, draft }
      })
      return changed ? { ...current, tabs } : current
    })
  }, [])

  const select = useCallback((id: string) => setState((current) => (current.tabs.some((tab) => tab.id === id) && current.selectedTabId !== id ? { ...current, selectedTabId: id } : current)), [])

  const selectRelative = useCallback((delta: number) => {
    setState((current) => {
      const at = current.tabs.findIndex((tab) => tab.id === current.selectedTabId)
      const next = current.tabs[(at + delta + current.tabs.length) % current.tabs.length]
      return next && next.id !== current.selectedTabId ? { ...current, selectedTabId: next.id } : current
    })
  }, [])

  /** Opens a tab right of the selected one and selects it; `undefined` when the limit is reached. */
  const newTab = useCallback((draft?: RequestDraft): string | undefined => {
    const current = stateRef.current
    if (current.tabs.length >= MAX_OPEN_TABS) {
      setNotice(`At most ${MAX_OPEN_TABS} requests can be open at once. Close one to open another.`)
      return undefined
    }
    // A new tab starts from the ids picked in the tab it was opened from (the same company and property, say).
    const from = current.tabs.find((candidate) => candidate.id === current.selectedTabId)
    const pickedIds = from?.draft.reactor?.pickedIds
    const tab = openTab(draft ?? (pickedIds && Object.keys(pickedIds).length ? newDraft({ reactor: { pickedIds: { ...pickedIds } } }) : newDraft()))
    setState((now) => {
      const at = now.tabs.findIndex((candidate) => candidate.id === now.selectedTabId)
      const tabs = [...now.tabs]
      tabs.splice(at + 1, 0, tab)
      return { ...now, tabs, selectedTabId: tab.id }
    })
    return tab.id
  }, [])

  /**
   * Opens a document from elsewhere (a collection, history, an import) in a new tab. A document from a
   * collection file that is already open selects that tab instead of opening a second copy.
   */
  const openDocument = useCallback(
    (spec: RequestSpec, origin?: RequestTabOrigin): string | undefined => {
      if (origin) {
        const same = stateRef.current.tabs.find((tab) => tab.origin?.root === origin.root && tab.origin.path === origin.path)
        if (same) {
          setState((current) => ({ ...current, selectedTabId: same.id }))
          return same.id
        }
      }
      if (stateRef.current === initial.current) {
        // Nothing has happened to the blank tab the area starts with (no edit, no other tab, nothing restored):
        // the document takes its place instead of opening beside it, so "Explore with the Sandbox" from the
        // welcome leaves one tab, not a blank GET /companies next to the starter request. The ref is moved at
        // once: a second open in the same tick must join this tab, not replace it.
        const tab: OpenTab = { ...openTab(draftFromSpec(spec)), ...(origin ? { origin } : {}) }
        const replaced: TabsState = { tabs: [tab], selectedTabId: tab.id }
        stateRef.current = replaced
        setState(replaced)
        return tab.id
      }
      const id = newTab(draftFromSpec(spec))
      if (id && origin) setState((current) => ({ ...current, tabs: current.tabs.map((tab) => (tab.id === id ? { ...tab, origin } : tab)) }))
      return id
    },
    [newTab]
  )

  const duplicate = useCallback(
    (id: string) => {
      const source = stateRef.current.tabs.find((tab) => tab.id === id)
      if (!source) return
      const spec = specFromDraft(source.draft)
      newTab(draftFromSpec({ ...spec, name: isUnnamed(spec.name) ? spec.name : `${spec.name} (copy)` }))
    },
    [newTab]
  )

  const close = useCallback((id: string) => {
    setState((current) => {
      const index = current.tabs.findIndex((tab) => tab.id === id)
      if (index < 0) return current
      const tab = current.tabs[index]!
      let tabs = current.tabs.filter((candidate) => candidate.id !== id)
      const standIn = tabs.length === 0 ? openTab() : undefined
      if (standIn) tabs = [standIn]
      const selectedTabId = current.selectedTabId === id ? tabs[Math.min(index, tabs.length - 1)]!.id : current.selectedTabId
      return { tabs, selectedTabId, closed: [{ tab, index }], standInId: standIn?.id }
    })
  }, [])

  const closeOthers = useCallback((id: string) => {
    setState((current) => {
      const keep = current.tabs.find((tab) => tab.id === id)
      if (!keep || current.tabs.length < 2) return current
      const closed = current.tabs.map((tab, index) => ({ tab, index })).filter((entry) => entry.tab.id !== id)
      return { tabs: [keep], selectedTabId: id, closed }
    })
  }, [])

  const undoClose = useCallback(() => {
    setState((current) => {
      if (!current.closed?.length) return current
      const back = current.closed
      const standIn = current.tabs.find((tab) => tab.id === current.standInId)
      const dropped = standIn && !isDirty(standIn) ? standIn.id : undefined
      const tabs = current.tabs.filter((candidate) => candidate.id !== dropped && !back.some((entry) => entry.tab.id === candidate.id))
      for (const { tab, index } of [...back].sort((a, b) => a.index - b.index)) tabs.splice(Math.min(index, tabs.length), 0, tab)
      return { tabs: tabs.slice(0, MAX_OPEN_TABS), selectedTabId: back.length === 1 ? back[0]!.tab.id : current.selectedTabId }
    })
  }, [])

  const dismissClosed = useCallback(() => setState((current) => (current.closed ? { tabs: current.tabs, selectedTabId: current.selectedTabId } : current)), [])

  /** Moves a tab to `index` (drag and drop) or by `delta` places (keyboard). */
  const moveTo = useCallback((id: string, index: number) => {
    setState((current) => {
      const from = current.tabs.findIndex((tab) => tab.id === id)
      const to = Math.max(0, Math.min(current.tabs.length - 1, index))
      if (from < 0 || from === to) return current
      const tabs = [...current.tabs]
      const [moved] = tabs.splice(from, 1)
      tabs.splice(to, 0, moved!)
      return { ...current, tabs }
    })
  }, [])
  const move = useCallback((id: string, delta: number) => {
    const from = stateRef.current.tabs.findIndex((tab) => tab.id === id)
    if (from >= 0) moveTo(id, from + delta)
  }, [moveTo])

  const rename = useCallback((id: string, name: string) => update(id, (draft) => ({ ...draft, name: name.trim() === '' ? UNNAMED_REQUEST : name.trim().slice(0, 256) })), [update])

  const selected = useMemo(() => state.tabs.find((tab) => tab.id === state.selectedTabId) ?? state.tabs[0]!, [state.tabs, state.selectedTabId])

  return {
    tabs: state.tabs,
    selected,
    closed: state.closed,
    notice,
    dismissNotice: useCallback(() => setNotice(undefined), []),
    update,
    select,
    selectRelative,
    newTab,
    openDocument,
    /** Something happened in the starting tab that state does not show (it was sent): it is no longer replaceable. */
    markUsed: useCallback(() => {
      initial.current = undefined
    }, []),
    /** Marks a tab as saved: its document becomes the baseline, and where it now lives. */
    markSaved: useCallback((id: string, spec: RequestSpec, origin?: RequestTabOrigin) => {
      setState((current) => ({ ...current, tabs: current.tabs.map((tab) => (tab.id === id ? { ...tab, baseline: spec, ...(origin ? { origin } : {}) } : tab)) }))
    }, []),
    /**
     * Changes one tab (document, baseline and origin) from its current state, in one step: a collection file
     * changed on disk or moved, and the tab follows only if it is still as the caller saw it.
     */
    revise: useCallback((id: string, change: (tab: OpenTab) => OpenTab) => {
      setState((current) => {
        let changed = false
        const tabs = current.tabs.map((tab) => {
          if (tab.id !== id) return tab
          const next = change(tab)
          if (next !== tab) changed = true
          return next
        })
        return changed ? { ...current, tabs } : current
      })
    }, []),
    duplicate,
    close,
    closeOthers,
    undoClose,
    dismissClosed,
    move,
    moveTo,
    rename
  }
}

export type RequestTabs = ReturnType<typeof useRequestTabs>
