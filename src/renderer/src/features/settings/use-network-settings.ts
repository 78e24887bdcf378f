// The app-wide network settings as main holds them: read once per consumer, kept current by settings:changed.
// Without a core answer (tests on a partial fake api, an old core) the shared defaults stand in.
import { useEffect, useState } from 'react'
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings, type SettingsState } from '@shared/ipc/settings.contract'
import { api, unwrap } from '../../api/client'

export function useSettingsState(): { state: SettingsState | undefined; error: string | undefined; setState(state: SettingsState): void } {
  const [state, setState] = useState<SettingsState | undefined>()
  const [error, setError] = useState<string | undefined>()
  useEffect(() => {
    let live = true
    if (window.api as Window['api'] | undefined) {
      unwrap(api().getSettings())
        .then((value) => live && setState(value))
        .catch((failure: Error) => live && setError(failure.message))
    }
    const unsubscribe = window.api?.onSettingsChanged?.((next) => setState(next))
    return () => {
      live = false
      unsubscribe?.()
    }
  }, [])
  return { state, error, setState }
}

export function useNetworkSettings(): NetworkSettings {
  return useSettingsState().state?.network ?? DEFAULT_NETWORK_SETTINGS
}

/** Any part of the UI can ask for the dialog (e.g. the request Options tab's "Change defaults" link). */
export const OPEN_NETWORK_SETTINGS_EVENT = 'reactor-explorer:open-network-settings'
export function openNetworkSettings(): void {
  window.dispatchEvent(new Event(OPEN_NETWORK_SETTINGS_EVENT))
}
