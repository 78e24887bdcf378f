import type { RefObject } from 'react'
import { PositionedMenu, type MenuEntry } from '../../../ui/Menu'
import { shortcutLabel } from '../../../state/shortcuts'

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


/** What can be done with a request tab: the kit's PositionedMenu (WAI-ARIA Menu pattern, on Radix DropdownMenu). */
export function TabActionsMenu({ x, y, canMoveLeft, canMoveRight, canCloseOthers, withSave, withCurl, onAction, onDismiss, anchor }: Props) {
  const entries: Array<MenuEntry<TabAction>> = [
    { id: 'new', label: 'New request tab', shortcut: shortcutLabel('new-tab') },
    { id: 'duplicate', label: 'Duplicate' },
    { id: 'rename', label: 'Rename…', shortcut: 'F2' },
    ...(withSave
      ? [
          { id: 'save' as const, label: 'Save', shortcut: shortcutLabel('save'), separated: true },
          { id: 'save-as' as const, label: 'Save as…', shortcut: shortcutLabel('save-as') }
        ]
      : []),
    ...(withCurl
      ? [
          { id: 'copy-curl' as const, label: 'Copy as cURL', separated: true },
          { id: 'copy-curl-real' as const, label: 'Copy as cURL with real values' },
          { id: 'snippet' as const, label: 'Code snippet…' },
          { id: 'import-curl' as const, label: 'Import cURL…' }
        ]
      : []),
    { id: 'left', label: 'Move left', shortcut: shortcutLabel('move-tab-left'), disabled: !canMoveLeft, separated: true },
    { id: 'right', label: 'Move right', shortcut: shortcutLabel('move-tab-right'), disabled: !canMoveRight },
    { id: 'close', label: 'Close', shortcut: shortcutLabel('close-tab'), separated: true },
    { id: 'close-others', label: 'Close other tabs', disabled: !canCloseOthers }
  ]
  return <PositionedMenu label="Tab actions" entries={entries} x={x} y={y} onAction={onAction} onDismiss={onDismiss} anchor={anchor} />
}
