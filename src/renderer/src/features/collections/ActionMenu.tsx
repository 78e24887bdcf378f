// The collections tree's context and "…" menus: the kit's PositionedMenu (WAI-ARIA Menu pattern, on Radix
// DropdownMenu) at the pointer or under the row's button. The caller puts focus back where the menu came from.
import type { RefObject } from 'react'
import { PositionedMenu, type MenuEntry } from '../../ui/Menu'

export type MenuItem = MenuEntry

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

export function ActionMenu({ label, items, x, y, onAction, onDismiss, anchor }: Props) {
  return <PositionedMenu label={label} entries={items} x={x} y={y} onAction={onAction} onDismiss={onDismiss} anchor={anchor} />
}
