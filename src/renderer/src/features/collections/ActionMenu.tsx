import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react'

export interface MenuItem {
  id: string
  label: string
  shortcut?: string
  disabled?: boolean
  /** Drawn with a line above it. */
  separated?: boolean
  danger?: boolean
}

interface Props {
  label: string
  items: readonly MenuItem[]
  /** Where it opens (viewport px): at the pointer for a context menu, under its button otherwise. */
  x: number
  y: number
  onAction(id: string): void
  onDismiss(): void
  /** The button that opened it: a press there toggles the menu, so it is not "outside". */
  anchor?: RefObject<HTMLElement | null>
}

/**
 * A WAI-ARIA menu: focus moves into it, arrows/Home/End move between items, Escape or Tab closes it and a
 * press outside dismisses it. The caller puts focus back where the menu came from.
 */
export function ActionMenu({ label, items, x, y, onAction, onDismiss, anchor }: Props) {
  const menu = useRef<HTMLDivElement>(null)

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
      event.stopPropagation()
      onDismiss()
      return
    }
    if (!next) return
    event.preventDefault()
    event.stopPropagation()
    next.focus()
  }

  // Kept inside the window: a menu near the right or bottom edge opens towards the middle.
  const width = typeof window !== 'undefined' ? window.innerWidth : 1024
  const height = typeof window !== 'undefined' ? window.innerHeight : 768
  const left = Math.max(8, Math.min(x, width - 250))
  const top = Math.max(8, Math.min(y, height - (items.length * 32 + 16)))

  return (
    <div ref={menu} className="col-menu" role="menu" aria-label={label} style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          disabled={item.disabled}
          className={`col-menu-item${item.separated ? ' col-menu-item-separated' : ''}${item.danger ? ' col-menu-item-danger' : ''}`}
          onClick={() => onAction(item.id)}
        >
          <span>{item.label}</span>
          {item.shortcut && <kbd className="col-menu-shortcut">{item.shortcut}</kbd>}
        </button>
      ))}
    </div>
  )
}
