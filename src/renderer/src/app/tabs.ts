import { useCallback, useId, useRef, type KeyboardEvent } from 'react'

export interface TabsOptions<T extends string> {
  /** Tab ids in order. */
  ids: readonly T[]
  selected: T
  onSelect(id: T): void
  /**
   * 'automatic' (default) selects the tab an arrow key moves to; 'manual' only moves focus and
   * Enter/Space selects, for panels that are slow to show (WAI-ARIA APG, "Deciding When to Make
   * Selection Automatically Follow Focus").
   */
  activation?: 'automatic' | 'manual'
  isDisabled?(id: T): boolean
}

/**
 * The WAI-ARIA tabs pattern for a tab list and its one panel: roving tabindex (only the selected tab is
 * in the Tab order), ArrowLeft/ArrowRight (wrapping), Home/End, aria-selected, aria-controls pointing at
 * the panel and the panel labelled by the selected tab. Callers keep their own markup and styles.
 */
export function useTabs<T extends string>({ ids, selected, onSelect, activation = 'automatic', isDisabled }: TabsOptions<T>) {
  const base = useId()
  const buttons = useRef(new Map<T, HTMLElement>())
  const tabId = (id: T) => `${base}-tab-${id}`
  const panelId = `${base}-panel`

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const enabled = ids.filter((id) => !isDisabled?.(id))
      if (enabled.length === 0) return
      const focused = ids.find((id) => buttons.current.get(id) === event.target)
      if (focused === undefined) return
      const at = enabled.indexOf(focused)
      let next: T | undefined
      if (event.key === 'ArrowRight') next = enabled[(at + 1) % enabled.length]
      else if (event.key === 'ArrowLeft') next = enabled[(at - 1 + enabled.length) % enabled.length]
      else if (event.key === 'Home') next = enabled[0]
      else if (event.key === 'End') next = enabled[enabled.length - 1]
      if (next === undefined) return
      event.preventDefault()
      buttons.current.get(next)?.focus()
      if (activation === 'automatic') onSelect(next)
    },
    [ids, isDisabled, activation, onSelect]
  )

  return {
    listProps: { role: 'tablist' as const, onKeyDown },
    tabProps: (id: T) => ({
      id: tabId(id),
      role: 'tab' as const,
      'aria-selected': id === selected,
      'aria-controls': panelId,
      tabIndex: id === selected ? 0 : -1,
      disabled: isDisabled?.(id) || undefined,
      onClick: () => onSelect(id),
      ref: (element: HTMLElement | null) => {
        if (element) buttons.current.set(id, element)
        else buttons.current.delete(id)
      }
    }),
    panelProps: { id: panelId, role: 'tabpanel' as const, 'aria-labelledby': tabId(selected), tabIndex: 0 }
  }
}
