// The shortcuts that belong to the whole window rather than to one area: settings, and what the Request area
// does before it has ever been opened (it loads lazily, so its own handlers do not exist yet). These register
// first, so once the Request area is mounted its own handlers are asked before these fallbacks.
import { useShortcut } from '../../state/shortcuts'
import { focusArea } from '../../state/workbench-commands'
import { openNetworkSettings } from '../settings/use-network-settings'

export function AppShortcuts() {
  useShortcut('open-settings', () => openNetworkSettings())
  // A Request area opened for the first time shows one empty tab with focus in its URL field: that already is
  // "a new tab" and "the URL field"; from then on its own handlers do these (and search the catalog).
  useShortcut('new-tab', () => focusArea('request'))
  useShortcut('focus-url', () => focusArea('request'))
  useShortcut('search-catalog', () => focusArea('request'))
  return null
}
