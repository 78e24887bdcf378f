// The app's keyboard shortcuts, in ONE place: the shortcuts panel lists this table, the one window key handler
// matches keys against it, and buttons take their aria-keyshortcuts / title hints from it, so what the panel
// says and what the keys do cannot drift apart. Areas register what a shortcut does (registerShortcut /
// useShortcut); the command palette runs the same handlers (runShortcut), so a command picked there and the
// same command typed behave alike. Module-level on purpose, like workbench-commands: one window.
import { useEffect, useRef } from 'react'

export type ShortcutGroup = 'General' | 'Areas' | 'Request' | 'Request tabs'

export type ShortcutId =
  | 'palette'
  | 'shortcuts'
  | 'open-settings'
  | 'switch-profile'
  | 'area-1'
  | 'area-2'
  | 'area-3'
  | 'area-4'
  | 'area-5'
  | 'area-6'
  | 'send'
  | 'save'
  | 'save-as'
  | 'focus-url'
  | 'search-catalog'
  | 'new-tab'
  | 'close-tab'
  | 'next-tab'
  | 'previous-tab'
  | 'move-tab-left'
  | 'move-tab-right'

/**
 * One key combination. `mod` is shown as Ctrl, or Cmd on a Mac, and accepts either key everywhere (a Mac
 * keyboard on Linux, Ctrl out of habit on a Mac); `ctrl` is the Control key itself (Ctrl+Tab on every platform).
 */
export interface Chord {
  key: string
  mod?: boolean
  ctrl?: boolean
  /** Must Shift be down? `'any'` for keys that are themselves shifted on most layouts (`?`). */
  shift?: boolean | 'any'
}

export interface ShortcutDefinition {
  id: ShortcutId
  group: ShortcutGroup
  label: string
  /**
   * The first is the one shown; the others work too (Ctrl+PageDown beside Ctrl+Tab). A plain key (`?`) never
   * fires while the person types in a field; chords with Ctrl/Cmd do (Ctrl+Enter sends from the URL field).
   */
  chords: readonly Chord[]
}

const mod = (key: string, shift = false): Chord => ({ key, mod: true, shift })

export const SHORTCUTS: readonly ShortcutDefinition[] = [
  { id: 'palette', group: 'General', label: 'Command palette', chords: [mod('k')] },
  { id: 'shortcuts', group: 'General', label: 'Keyboard shortcuts', chords: [{ key: '?', shift: 'any' }, mod('/')] },
  { id: 'open-settings', group: 'General', label: 'Open settings', chords: [mod(',')] },
  { id: 'switch-profile', group: 'General', label: 'Switch profile', chords: [mod('p', true)] },
  ...([1, 2, 3, 4, 5, 6] as const).map(
    (n): ShortcutDefinition => ({ id: `area-${n}`, group: 'Areas', label: `Go to area ${n}`, chords: [mod(String(n))] })
  ),
  { id: 'send', group: 'Request', label: 'Send the request', chords: [mod('Enter')] },
  { id: 'save', group: 'Request', label: 'Save to its collection', chords: [mod('s')] },
  { id: 'save-as', group: 'Request', label: 'Save as…', chords: [mod('s', true)] },
  { id: 'focus-url', group: 'Request', label: 'Focus the URL', chords: [mod('l')] },
  { id: 'search-catalog', group: 'Request', label: 'Search the catalog', chords: [mod('f', true)] },
  { id: 'new-tab', group: 'Request tabs', label: 'New tab', chords: [mod('t')] },
  { id: 'close-tab', group: 'Request tabs', label: 'Close tab', chords: [mod('w')] },
  { id: 'next-tab', group: 'Request tabs', label: 'Next tab', chords: [{ key: 'Tab', ctrl: true }, { key: 'PageDown', ctrl: true }] },
  {
    id: 'previous-tab',
    group: 'Request tabs',
    label: 'Previous tab',
    chords: [{ key: 'Tab', ctrl: true, shift: true }, { key: 'PageUp', ctrl: true }]
  },
  { id: 'move-tab-left', group: 'Request tabs', label: 'Move tab left', chords: [mod('PageUp', true)] },
  { id: 'move-tab-right', group: 'Request tabs', label: 'Move tab right', chords: [mod('PageDown', true)] }
]

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['General', 'Areas', 'Request', 'Request tabs']

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

export function shortcutDefinition(id: ShortcutId): ShortcutDefinition {
  const found = SHORTCUTS.find((shortcut) => shortcut.id === id)
  if (!found) throw new Error(`No shortcut is defined with the id "${id}".`)
  return found
}

const KEY_NAMES: Record<string, string> = { Enter: 'Enter', Tab: 'Tab', PageUp: 'PageUp', PageDown: 'PageDown', ',': ',', '/': '/', '?': '?' }

/** The keys as a person reads them: "Ctrl+Shift+F", "Cmd+K", "?". */
export function chordLabel(chord: Chord, mac = isMacPlatform()): string {
  const parts: string[] = []
  if (chord.ctrl) parts.push('Ctrl')
  if (chord.mod) parts.push(mac ? 'Cmd' : 'Ctrl')
  if (chord.shift === true) parts.push('Shift')
  parts.push(KEY_NAMES[chord.key] ?? chord.key.toUpperCase())
  return parts.join('+')
}

/** The shortcut's main chord, for a title or a menu: "Ctrl+K". */
export function shortcutLabel(id: ShortcutId, mac = isMacPlatform()): string {
  return chordLabel(shortcutDefinition(id).chords[0]!, mac)
}

/** The WAI-ARIA `aria-keyshortcuts` value: every chord, space-separated, with ARIA's key names. */
export function ariaKeyShortcuts(id: ShortcutId, mac = isMacPlatform()): string {
  return shortcutDefinition(id)
    .chords.map((chord) => {
      const parts: string[] = []
      if (chord.ctrl) parts.push('Control')
      if (chord.mod) parts.push(mac ? 'Meta' : 'Control')
      if (chord.shift === true) parts.push('Shift')
      parts.push(chord.key.length === 1 ? chord.key.toUpperCase() : chord.key)
      return parts.join('+')
    })
    .join(' ')
}

type KeyFacts = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>

export function chordMatches(chord: Chord, event: KeyFacts): boolean {
  if (event.altKey) return false
  if (chord.mod) {
    if (!event.ctrlKey && !event.metaKey) return false
  } else if (chord.ctrl) {
    if (!event.ctrlKey || event.metaKey) return false
  } else if (event.ctrlKey || event.metaKey) return false
  if (chord.shift !== 'any' && event.shiftKey !== Boolean(chord.shift)) return false
  return event.key.length === 1 ? event.key.toLowerCase() === chord.key.toLowerCase() : event.key === chord.key
}

/** The shortcut these keys press, if any, and the chord they pressed it with. */
export function matchShortcut(event: KeyFacts): (ShortcutDefinition & { chord: Chord }) | undefined {
  for (const shortcut of SHORTCUTS) {
    const chord = shortcut.chords.find((candidate) => chordMatches(candidate, event))
    if (chord) return { ...shortcut, chord }
  }
  return undefined
}

/** A key without Ctrl/Cmd (`?`): in a text field it is typing, not a shortcut. */
function isPlainKey(chord: Chord): boolean {
  return !chord.mod && !chord.ctrl
}

/** Where typing a `?` means a question mark: inputs that take text, text areas, editors (CodeMirror). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target.closest('[contenteditable="true"], .cm-editor')) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'file', 'color', 'image'].includes(target.type)
  return false
}

/** What a shortcut does; `false` means "not here" (a hidden tab, an area not shown), and the next one is asked. */
export type ShortcutHandler = () => boolean | void

const handlers = new Map<ShortcutId, ShortcutHandler[]>()

let listening = false

/** The one window key handler, installed with the first registration (so a part rendered alone, in a test, works too). */
function ensureListening(): void {
  if (listening || typeof window === 'undefined') return
  listening = true
  window.addEventListener('keydown', (event) => void handleShortcutKey(event))
}

/** The newest registration is asked first. Returns the unregister function. */
export function registerShortcut(id: ShortcutId, handler: ShortcutHandler): () => void {
  ensureListening()
  const list = handlers.get(id) ?? []
  list.push(handler)
  handlers.set(id, list)
  return () => {
    const current = handlers.get(id)
    if (!current) return
    const index = current.lastIndexOf(handler)
    if (index >= 0) current.splice(index, 1)
  }
}

/** Runs the shortcut's command as the keys would: true when something did it. */
export function runShortcut(id: ShortcutId): boolean {
  const list = handlers.get(id) ?? []
  for (let index = list.length - 1; index >= 0; index--) {
    if (list[index]!() !== false) return true
  }
  return false
}

/** Whether anything is registered to do this shortcut now (the palette lists only commands that can run). */
export function hasShortcutHandler(id: ShortcutId): boolean {
  return (handlers.get(id)?.length ?? 0) > 0
}

/** The one key handler: matches the table, skips plain keys typed in fields and keys a component already took. */
export function handleShortcutKey(event: KeyboardEvent): ShortcutId | undefined {
  if (event.defaultPrevented || event.isComposing) return undefined
  const shortcut = matchShortcut(event)
  if (!shortcut) return undefined
  if (isPlainKey(shortcut.chord) && isTextField(event.target)) return undefined
  if (!runShortcut(shortcut.id)) return undefined
  event.preventDefault()
  return shortcut.id
}

/** Registers `handler` for the component's life; the latest render's handler runs, without re-registering. */
export function useShortcut(id: ShortcutId, handler: ShortcutHandler, enabled = true): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => {
    if (!enabled) return
    return registerShortcut(id, () => latest.current())
  }, [id, enabled])
}

/** Test seam: forget every registration. */
export function resetShortcutHandlers(): void {
  handlers.clear()
}
