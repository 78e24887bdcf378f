import { useEffect, useState } from 'react'
import type { AppInfo } from '@shared/contract'
import { api, unwrap } from '../api/client'
import { useActiveProfile, useProfilesData } from '../state/active-profile'
import { ProfileSwitcher } from './ProfileSwitcher'
import { ThemeSwitch } from './ThemeSwitch'

/** The active profile (a switcher), its token's remaining life and where its secret is kept. */
function ProfileStatus() {
  const { activeProfile } = useActiveProfile()
  const { summaries } = useProfilesData()
  const summary = summaries.find((p) => p.id === activeProfile?.id)
  return (
    <>
      <ProfileSwitcher />
      {summary && activeProfile && !activeProfile.simulated && (
        <span className="status-item status-muted status-secret">Secret: {summary.secret.stored ? summary.secret.backend.label : 'not set'}</span>
      )}
    </>
  )
}

/** Bottom bar: how the UI is connected, the active profile, its token life and secret backend. */
export function StatusBar() {
  const [info, setInfo] = useState<AppInfo | undefined>()
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    if (!window.api) {
      setError('Not connected to Reactor Explorer’s core. Open the address printed by npm run start:browser.')
      return
    }
    unwrap(api().getAppInfo())
      .then(setInfo)
      .catch((failure: Error) => setError(failure.message))
  }, [])

  return (
    <footer className="status-bar" role="contentinfo">
      {error ? (
        <span className="status-item status-error" role="alert">{error}</span>
      ) : info ? (
        <>
          <span className="status-item">
            <span className="status-dot status-dot-ok" aria-hidden="true" />
            {info.transport === 'electron' ? 'Desktop app' : 'Browser mode (local core)'}
          </span>
          <ProfileStatus />
          <span className="status-item status-muted status-version">v{info.version}</span>
        </>
      ) : (
        <span className="status-item status-muted">Connecting…</span>
      )}
      <ThemeSwitch />
    </footer>
  )
}
