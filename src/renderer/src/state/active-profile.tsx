import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'

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

const ActiveProfileContext = createContext<ActiveProfileState | undefined>(undefined)

// The credentials capability replaces the body of this provider with the real `listProfiles` call; the
// shape of ActiveProfileState is the stable seam the Request area and status bar use.
export function ActiveProfileProvider({ children }: { children: ReactNode }) {
  const [profiles] = useState<ProfileOption[]>([])
  const [activeProfileId, setActiveProfileId] = useState<string | undefined>()
  const value = useMemo<ActiveProfileState>(
    () => ({
      profiles,
      activeProfileId,
      activeProfile: profiles.find((profile) => profile.id === activeProfileId),
      setActiveProfileId,
      refresh: async () => {}
    }),
    [profiles, activeProfileId]
  )
  return <ActiveProfileContext.Provider value={value}>{children}</ActiveProfileContext.Provider>
}

export function useActiveProfile(): ActiveProfileState {
  const state = useContext(ActiveProfileContext)
  if (!state) throw new Error('useActiveProfile must be used inside <ActiveProfileProvider>')
  return state
}
