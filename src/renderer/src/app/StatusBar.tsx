import { useEffect, useState } from 'react'
import type { AppInfo } from '@shared/contract'
import { api, unwrap } from '../api/client'

/** Bottom bar: how the UI is connected, and (later) the active profile, secret backend and token life. */
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
          <span className="status-item status-muted">v{info.version}</span>
        </>
      ) : (
        <span className="status-item status-muted">Connecting…</span>
      )}
    </footer>
  )
}
