// The theme override: "system" follows the OS, "light" and "dark" pin it. The choice lives in settings.json
// (appearance.theme, shared with the CLI's data folder) and, as a copy, in localStorage: the copy is read when
// this module loads, before React renders anything, so a person who chose dark on a light OS does not see a
// light flash while the settings answer is on its way. styles/app.css keys every colour on the data-theme
// attribute this sets on <html> (through color-scheme and light-dark()).
import { useEffect, useSyncExternalStore } from 'react'
import { DEFAULT_APPEARANCE, THEME_CHOICES, type ThemeChoice } from '@shared/ipc/settings.contract'
import { api, unwrap } from '../api/client'

export const THEME_STORAGE_KEY = 'reactor-explorer.theme'

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value)
}

function readStoredChoice(): ThemeChoice {
  try {
    const stored = window.localStorage?.getItem(THEME_STORAGE_KEY)
    return isThemeChoice(stored) ? stored : DEFAULT_APPEARANCE.theme
  } catch {
    return DEFAULT_APPEARANCE.theme
  }
}

let choice: ThemeChoice = typeof window === 'undefined' ? DEFAULT_APPEARANCE.theme : readStoredChoice()
const listeners = new Set<() => void>()

function apply(next: ThemeChoice): void {
  document.documentElement.dataset.theme = next
  try {
    window.localStorage?.setItem(THEME_STORAGE_KEY, next)
  } catch {
    // Storage refused (private mode, quota): the attribute still applies for this session.
  }
}

if (typeof document !== 'undefined') apply(choice)

/** Shows `next` now (attribute and local copy) without saving it to settings.json. */
export function showTheme(next: ThemeChoice): void {
  if (next === choice && document.documentElement.dataset.theme === next) return
  choice = next
  apply(next)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => choice, () => choice)
}

const DARK_QUERY = '(prefers-color-scheme: dark)'

function subscribeToOs(listener: () => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY)
  query?.addEventListener('change', listener)
  return () => query?.removeEventListener('change', listener)
}

function osPrefersDark(): boolean {
  return window.matchMedia?.(DARK_QUERY).matches ?? false
}

/** Whether dark colours show now (the override, or the OS when it is "system"): for CodeMirror's theme. */
export function useDarkTheme(): boolean {
  const current = useThemeChoice()
  const osDark = useSyncExternalStore(subscribeToOs, osPrefersDark, () => false)
  return current === 'dark' || (current === 'system' && osDark)
}

/** Saves the choice with the other app settings; the theme shows at once and stays if the save fails. */
export async function chooseTheme(next: ThemeChoice): Promise<void> {
  showTheme(next)
  await unwrap(api().updateSettings({ network: {}, appearance: { theme: next } }))
}

/**
 * Keeps the shown theme in step with settings.json: its value when the app starts (another window or the CLI's
 * folder may hold a newer choice than this browser's copy) and every settings:changed after.
 */
export function useThemeFromSettings(): void {
  useEffect(() => {
    if (!window.api) return
    let live = true
    unwrap(api().getSettings())
      .then((state) => {
        if (live && state.appearance) showTheme(state.appearance.theme)
      })
      .catch(() => {
        // Without an answer the local copy stands; the settings dialog reports unreadable settings.
      })
    const unsubscribe = window.api.onSettingsChanged?.((state) => {
      if (state.appearance) showTheme(state.appearance.theme)
    })
    return () => {
      live = false
      unsubscribe?.()
    }
  }, [])
}
