// A menu button whose items carry their own handlers (History's and the Run view's "More" menus): the kit's
// Menu (WAI-ARIA Menu Button pattern, on Radix DropdownMenu) under the props those areas already pass.
import { Menu } from './Menu'

export interface MenuItem {
  label: string
  onSelect(): void
  disabled?: boolean
  /** Destructive (delete …): drawn in the error colour. */
  danger?: boolean
}

export interface MenuButtonProps {
  label: string
  items: MenuItem[]
  /** Disables the button itself (the menu cannot open). */
  disabled?: boolean
  /** The button's class. */
  className?: string
}

export function MenuButton({ label, items, disabled, className = 'btn btn-small' }: MenuButtonProps) {
  return (
    <Menu
      label={label}
      disabled={disabled}
      className={className}
      align="end"
      entries={items.map((item) => ({ id: item.label, label: item.label, disabled: item.disabled, danger: item.danger }))}
      onAction={(id) => items.find((item) => item.label === id)?.onSelect()}
    />
  )
}
