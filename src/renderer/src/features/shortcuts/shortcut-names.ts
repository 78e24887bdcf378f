// A shortcut's name as the panel and the palette show it: the areas are named after the sidebar's own list, so
// renaming or reordering an area renames its shortcut too.
import { AREAS } from '../../app/areas'
import type { ShortcutDefinition } from '../../state/shortcuts'

export function shortcutName(shortcut: ShortcutDefinition): string {
  const area = /^area-(\d)$/.exec(shortcut.id)
  if (area) {
    const target = AREAS[Number(area[1]) - 1]
    return target ? `Go to ${target.label}` : shortcut.label
  }
  return shortcut.label
}
