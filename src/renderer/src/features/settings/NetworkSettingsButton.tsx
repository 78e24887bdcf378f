import { useEffect, useState } from 'react'
import { useActiveProfile } from '../../state/active-profile'
import { NetworkSettingsDialog } from './NetworkSettingsDialog'
import { OPEN_NETWORK_SETTINGS_EVENT } from './use-network-settings'
import './settings.css'

/** The gear at the bottom of the sidebar; it owns the dialog so App stays a layout. */
export function NetworkSettingsButton() {
  const [open, setOpen] = useState(false)
  const { activeProfile } = useActiveProfile()
  useEffect(() => {
    const onOpen = () => setOpen(true)
    window.addEventListener(OPEN_NETWORK_SETTINGS_EVENT, onOpen)
    return () => window.removeEventListener(OPEN_NETWORK_SETTINGS_EVENT, onOpen)
  }, [])
  return (
    <>
      <button type="button" className="nav-item st-gear" aria-haspopup="dialog" title="Settings: proxy, certificates, timeouts, history" onClick={() => setOpen(true)}>
        <svg className="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="3" />
          <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
        </svg>
        <span>Settings</span>
      </button>
      {open && <NetworkSettingsDialog activeProfile={activeProfile && { id: activeProfile.id, name: activeProfile.name }} onClose={() => setOpen(false)} />}
    </>
  )
}
