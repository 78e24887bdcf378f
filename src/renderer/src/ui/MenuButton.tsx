import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

export interface MenuItem {
  label: string
  onSelect(): void
  disabled?: boolean
  /** Destructive (delete …): drawn with the area's `danger` class. */
  danger?: boolean
}

/**
 * The class names an area draws its menu with. Each area keeps its own look (History's sits on the shared
 * `rq-menu` styles, the Run view has its own `rn-menu` set), so the classes are passed in rather than fixed here.
 */
export interface MenuButtonClasses {
  /** The wrapper the menu is positioned against. */
  anchor: string
  menu: string
  item: string
  /** Added to an item marked `danger`; without it a danger item looks like any other. */
  danger?: string
}

export interface MenuButtonProps {
  label: string
  items: MenuItem[]
  classes: MenuButtonClasses
  /** Disables the button itself (the menu cannot open). */
  disabled?: boolean
  /** The button's class. */
  className?: string
}

/**
 * A WAI-ARIA menu button: Enter, Space or ArrowDown opens it on its first enabled item; arrows (wrapping), Home
 * and End move; Escape closes it and gives focus back to the button; Tab or a pointer-down elsewhere closes it.
 * Choosing an item closes the menu, gives focus back, then runs the item.
 */
export function MenuButton({ label, items, classes, disabled, className = 'btn btn-small' }: MenuButtonProps) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus()
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const close = (focusButton: boolean) => {
    setOpen(false)
    if (focusButton) button.current?.focus()
  }

  const onMenuKey = (event: KeyboardEvent) => {
    const enabled = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])]
    const at = enabled.indexOf(document.activeElement as HTMLElement)
    let next: HTMLElement | undefined
    if (event.key === 'ArrowDown') next = enabled[(at + 1) % enabled.length]
    else if (event.key === 'ArrowUp') next = enabled[(at - 1 + enabled.length) % enabled.length]
    else if (event.key === 'Home') next = enabled[0]
    else if (event.key === 'End') next = enabled[enabled.length - 1]
    else if (event.key === 'Escape') {
      event.preventDefault()
      close(true)
      return
    } else if (event.key === 'Tab') {
      close(false)
      return
    }
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  return (
    <span className={classes.anchor}>
      <button
        ref={button}
        type="button"
        className={className}
        disabled={disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} className={classes.menu} role="menu" aria-label={label} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={item.disabled}
              className={item.danger && classes.danger ? `${classes.item} ${classes.danger}` : classes.item}
              onClick={() => {
                close(true)
                item.onSelect()
              }}
            >
              <span>{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </span>
  )
}
