import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ProfilesState, ProfileSummary } from '@shared/contract'
import { api, unwrap } from '../api/client'

/** What other areas need to know about a profile; secrets never appear here. */
export interface ProfileOption {
  id: string
  name: string
  environment: 'production' | 'stage' | 'sandbox' | 'custom'
  /** True for the built-in Sandbox profile: everything it shows is simulated. */
  simulated: boolean
  reactorBaseUrl: string
}

export interface ActiveProfileState {
  profiles: ProfileOption[]
  activeProfileId: string | undefined
  activeProfile: ProfileOption | undefined
  setActiveProfileId(id: string): void
  /** Re-reads the profile list from main (after create, edit, delete, import). */
  refresh(): Promise<void>
}

/** The full list as main reports it (secret locations, notices), for the Profiles area and the status bar. */
export interface ProfilesData {
  state: ProfilesState | undefined
  error: string | undefined
  summaries: ProfileSummary[]
}

const ActiveProfileContext = createContext<ActiveProfileState | undefined>(undefined)
const ProfilesDataContext = createContext<ProfilesData>({ state: undefined, error: undefined, summaries: [] })

function toOption(profile: ProfileSummary): ProfileOption {
  return {
    id: profile.id,
    name: profile.name,
    environment: profile.environment,
    simulated: profile.simulated,
    reactorBaseUrl: profile.reactorBaseUrl
  }
}

export function ActiveProfileProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ProfilesState | undefined>()
  const [error, setError] = useState<string | undefined>()

  const refresh = useCallback(async () => {
    if (!window.api?.listProfiles) return
    try {
      setState(await unwrap(api().listProfiles()))
      setError(undefined)
    } catch (failure) {
      setError((failure as Error).message)
    }
  }, [])

  useEffect(() => {
    void refresh()
    if (!window.api?.onProfilesChanged) return
    return api().onProfilesChanged(() => void refresh())
  }, [refresh])

  const setActiveProfileId = useCallback(
    (id: string) => {
      setState((previous) => (previous ? { ...previous, activeProfileId: id } : previous))
      unwrap(api().setActiveProfile({ id }))
        .then(() => refresh())
        .catch((failure: Error) => setError(failure.message))
    },
    [refresh]
  )

  const value = useMemo<ActiveProfileState>(() => {
    const profiles = (state?.profiles ?? []).map(toOption)
    const activeProfileId = state?.activeProfileId
    return {
      profiles,
      activeProfileId,
      activeProfile: profiles.find((profile) => profile.id === activeProfileId),
      setActiveProfileId,
      refresh
    }
  }, [state, setActiveProfileId, refresh])

  const data = useMemo<ProfilesData>(() => ({ state, error, summaries: state?.profiles ?? [] }), [state, error])

  return (
    <ActiveProfileContext.Provider value={value}>
      <ProfilesDataContext.Provider value={data}>{children}</ProfilesDataContext.Provider>
    </ActiveProfileContext.Provider>
  )
}

export function useActiveProfile(): ActiveProfileState {
  const state = useContext(ActiveProfileContext)
  if (!state) throw new Error('useActiveProfile must be used inside <ActiveProfileProvider>')
  return state
}

export function useProfilesData(): ProfilesData {
  return useContext(ProfilesDataContext)
}
