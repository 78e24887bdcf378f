import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react'
import { MOD } from './shortcut-label'

export type TabAction =
  | 'new'
  | 'duplicate'
  | 'rename'
  | 'save'
  | 'save-as'
  | 'copy-curl'
  | 'copy-curl-real'
  | 'snippet'
  | 'import-curl'
  | 'left'
  | 'right'
  | 'close'
  | 'close-others'

interface Props {
  /** Where it opens (viewport px): at the pointer for a context menu, under the "…" button otherwise. */
  x: number
  y: number
  canMoveLeft: boolean
  canMoveRight: boolean
  canCloseOthers: boolean
  /** Offer Save and Save as (to a collection file). */
  withSave?: boolean
  /** Offer Copy as cURL (with placeholders / with real values), Code snippet… and Import cURL…. */
  withCurl?: boolean
  onAction(action: TabAction): void
  onDismiss(): void
  /** The button that opened it: a press there toggles the menu, so it is not "outside". */
  anchor?: RefObject<HTMLElement | null>
}


/** A WAI-ARIA menu (arrows, Home/End, Escape) of what can be done with a request tab. */
export function TabActionsMenu({ x, y, canMoveLeft, canMoveRight, canCloseOthers, withSave, withCurl, onAction, onDismiss, anchor }: Props) {
  const menu = useRef<HTMLDivElement>(null)
  const items: Array<{ action: TabAction; label: string; shortcut?: string; disabled?: boolean }> = [
    { action: 'new', label: 'New request tab', shortcut: `${MOD}+T` },
    { action: 'duplicate', label: 'Duplicate' },
    { action: 'rename', label: 'Rename…', shortcut: 'F2' },
    ...(withSave
      ? [
          { action: 'save' as const, label: 'Save', shortcut: `${MOD}+S` },
          { action: 'save-as' as const, label: 'Save as…', shortcut: `${MOD}+Shift+S` }
        ]
      : []),
    ...(withCurl
      ? [
          { action: 'copy-curl' as const, label: 'Copy as cURL' },
          { action: 'copy-curl-real' as const, label: 'Copy as cURL with real values' },
          { action: 'snippet' as const, label: 'Code snippet…' },
          { action: 'import-curl' as const, label: 'Import cURL…' }
        ]
      : []),
    { action: 'left', label: 'Move left', shortcut: `${MOD}+Shift+PageUp`, disabled: !canMoveLeft },
    { action: 'right', label: 'Move right', shortcut: `${MOD}+Shift+PageDown`, disabled: !canMoveRight },
    { action: 'close', label: 'Close', shortcut: `${MOD}+W` },
    { action: 'close-others', label: 'Close other tabs', disabled: !canCloseOthers }
  ]

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus()
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (menu.current?.contains(target) || anchor?.current?.contains(target)) return
      onDismiss()
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [onDismiss, anchor])

  const onKeyDown = (event: KeyboardEvent) => {
    const enabled = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])]
    const at = enabled.indexOf(document.activeElement as HTMLElement)
    let next: HTMLElement | undefined
    if (event.key === 'ArrowDown') next = enabled[(at + 1) % enabled.length]
    else if (event.key === 'ArrowUp') next = enabled[(at - 1 + enabled.length) % enabled.length]
    else if (event.key === 'Home') next = enabled[0]
    else if (event.key === 'End') next = enabled[enabled.length - 1]
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      onDismiss()
      return
    }
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  // Kept inside the window: a context menu near the right or bottom edge opens towards the middle.
  const left = Math.max(8, Math.min(x, (typeof window !== 'undefined' ? window.innerWidth : 1024) - 240))
  const top = Math.max(8, Math.min(y, (typeof window !== 'undefined' ? window.innerHeight : 768) - (withCurl ? 440 : 280)))

  return (
    <div ref={menu} className="rq-menu" role="menu" aria-label="Tab actions" style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button key={item.action} type="button" role="menuitem" tabIndex={-1} disabled={item.disabled} className="rq-menu-item" onClick={() => onAction(item.action)}>
          <span>{item.label}</span>
          {item.shortcut && <kbd className="rq-menu-shortcut">{item.shortcut}</kbd>}
        </button>
      ))}
    </div>
  )
}
