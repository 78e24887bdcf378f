// WAI-ARIA APG "Menu Button" and "Menu" patterns, on Radix DropdownMenu: the button says it opens a menu and
// whether it is open; on open focus is on the first enabled item; Up/Down move (wrapping) past disabled items,
// Home/End jump, typing a letter jumps to the item starting with it; Enter or Space runs the item; Escape and
// Tab close the menu. Non-modal: the page stays usable and a press anywhere else closes it.
// `Menu` is a button and its menu; `PositionedMenu` is a menu the caller opens at a point (a context menu, or
// under a button the caller draws) and puts focus back from.
import * as RadixMenu from '@radix-ui/react-dropdown-menu'
import { useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import './ui.css'

export interface MenuEntry<Id extends string = string> {
  id: Id
  label: string
  /** The key chord shown at the right (the menu does not bind it). */
  shortcut?: string
  disabled?: boolean
  /** Destructive (delete …): drawn in the error colour. */
  danger?: boolean
  /** Drawn with a line above it. */
  separated?: boolean
}

interface ContentProps<Id extends string> {
  label: string
  entries: readonly MenuEntry<Id>[]
  onAction(id: Id): void
  /** Tab pressed in the menu. */
  onTab(): void
  onCloseAutoFocus(event: Event): void
  onPointerDownOutside?(event: CustomEvent<{ originalEvent: PointerEvent }>): void
  align?: 'start' | 'end'
  /** Named by its button (Radix's aria-labelledby); a menu at a point has no button and uses `label`. */
  namedByTrigger?: boolean
}

function MenuContent<Id extends string>({ label, entries, onAction, onTab, onCloseAutoFocus, onPointerDownOutside, align = 'start', namedByTrigger = false }: ContentProps<Id>) {
  return (
    <RadixMenu.Portal>
      <RadixMenu.Content
        className="ui-menu"
        aria-label={label}
        {...(namedByTrigger ? {} : { 'aria-labelledby': undefined })}
        align={align}
        sideOffset={4}
        collisionPadding={8}
        loop
        // Radix focuses the menu itself after a pointer opening (the first item only after a key); the pattern puts
        // focus on the first enabled item either way.
        onFocus={(event) => {
          if (event.target !== event.currentTarget) return
          event.currentTarget.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus()
        }}
        onCloseAutoFocus={onCloseAutoFocus}
        onPointerDownOutside={onPointerDownOutside}
        onKeyDown={(event: KeyboardEvent) => {
          // Radix keeps Tab inside a menu; here Tab leaves it, as in a native menu.
          if (event.key === 'Tab') {
            event.preventDefault()
            onTab()
          }
        }}
      >
        {entries.map((entry) => (
          <MenuRow key={entry.id} entry={entry} onAction={onAction} />
        ))}
      </RadixMenu.Content>
    </RadixMenu.Portal>
  )
}

function MenuRow<Id extends string>({ entry, onAction }: { entry: MenuEntry<Id>; onAction(id: Id): void }) {
  return (
    <>
      {entry.separated && <RadixMenu.Separator className="ui-menu-separator" />}
      <RadixMenu.Item className={`ui-menu-item${entry.danger ? ' ui-menu-item-danger' : ''}`} disabled={entry.disabled} onSelect={() => onAction(entry.id)}>
        <span className="ui-menu-label">{entry.label}</span>
        {entry.shortcut && <kbd className="ui-menu-shortcut">{entry.shortcut}</kbd>}
      </RadixMenu.Item>
    </>
  )
}

export interface MenuProps<Id extends string> {
  /** The button's text, also the menu's accessible name. */
  label: ReactNode
  /** The menu's accessible name when the label is not plain text. */
  menuLabel?: string
  entries: readonly MenuEntry<Id>[]
  /** Runs after the menu has closed and focus is back on the button, so the action may move focus on. */
  onAction(id: Id): void
  /** Disables the button itself (the menu cannot open). */
  disabled?: boolean
  className?: string
  /** Show the ▾ after the label. */
  caret?: boolean
  align?: 'start' | 'end'
  title?: string
}

/** A menu button: click, Enter, Space or ArrowDown opens it. */
export function Menu<Id extends string>({ label, menuLabel, entries, onAction, disabled, className = 'btn btn-small', caret = true, align = 'start', title }: MenuProps<Id>) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  // Set when an item was chosen: focus is already back on the button and the action may have moved it on since.
  const chose = useRef(false)
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  return (
    <RadixMenu.Root open={open} onOpenChange={setOpen} modal={false}>
      <RadixMenu.Trigger asChild disabled={disabled}>
        <button
          ref={button}
          type="button"
          className={className}
          title={title}
          // Radix opens on pointerdown; a click is what a person (and a test's click) means, so it opens here.
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => setOpen((value) => !value)}
        >
          {label}
          {caret && <span aria-hidden="true"> ▾</span>}
        </button>
      </RadixMenu.Trigger>
      <MenuContent
        label={menuLabel ?? (typeof label === 'string' ? label : 'Menu')}
        entries={entries}
        align={align}
        namedByTrigger
        onAction={(id) => {
          chose.current = true
          close()
          onAction(id)
        }}
        onTab={close}
        onCloseAutoFocus={(event) => {
          // Otherwise Radix's own rule: back to the button after Escape, left where it is after a press elsewhere.
          if (chose.current) event.preventDefault()
          chose.current = false
        }}
        onPointerDownOutside={(event) => {
          // The button toggles the menu itself.
          if (button.current?.contains(event.target as Node)) event.preventDefault()
        }}
      />
    </RadixMenu.Root>
  )
}

export interface PositionedMenuProps<Id extends string> {
  label: string
  entries: readonly MenuEntry<Id>[]
  /** Where it opens (viewport px): at the pointer for a context menu, under its button otherwise. */
  x: number
  y: number
  onAction(id: Id): void
  /** Escape, Tab or a press elsewhere: the caller closes it and puts focus back where the menu came from. */
  onDismiss(): void
  /** The button that opened it: a press there toggles the menu, so it is not "outside". */
  anchor?: RefObject<HTMLElement | null>
}

/** A menu shown while mounted, at a point of the window; Radix keeps it inside the window. */
export function PositionedMenu<Id extends string>({ label, entries, x, y, onAction, onDismiss, anchor }: PositionedMenuProps<Id>) {
  return (
    <RadixMenu.Root open onOpenChange={(open) => !open && onDismiss()} modal={false}>
      <RadixMenu.Trigger asChild>
        {/* A zero-size anchor at the point: the menu is placed against it. */}
        <span className="ui-menu-point" style={{ left: x, top: y }} aria-hidden="true" tabIndex={-1} />
      </RadixMenu.Trigger>
      <MenuContent
        label={label}
        entries={entries}
        onAction={onAction}
        onTab={onDismiss}
        onCloseAutoFocus={(event) => event.preventDefault()}
        onPointerDownOutside={(event) => {
          if (anchor?.current?.contains(event.target as Node)) event.preventDefault()
        }}
      />
    </RadixMenu.Root>
  )
}
