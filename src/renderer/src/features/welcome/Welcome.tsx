// The first-run welcome: a dialog shown until the person closes it (remembered in settings.json, because
// browser mode's origin changes every launch and localStorage would forget), reachable again from the
// sidebar's Welcome button. Two ways in: the Sandbox (one click to a request ready to send) or their own
// Adobe credential (the Profiles area's new-profile form).
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { api, unwrap } from '../../api/client'
import { Icon } from '../../app/Icon'
import { useActiveProfile } from '../../state/active-profile'
import { showArea } from '../../state/workbench-commands'
import { trapTab } from '../../ui/focus-trap'
import { exploreWithSandbox } from './explore-sandbox'
import './welcome.css'


/** Saves the dismissal; a failure only means the welcome shows again next launch, so it is not shown. */
function rememberDismissed(): void {
  void unwrap(api().updateSettings({ network: {}, welcomeDismissed: true })).catch(() => {})
}

/**
 * The Profiles area keeps its form mode to itself; its own "New profile" button is what opens the form.
 * Pressed once the Profiles area is shown and the dialog's inert backdrop is gone.
 */
function openNewProfileForm(): void {
  showArea('profiles')
  setTimeout(() => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('.profiles-area .area-header button')
    const create = [...buttons].find((button) => button.textContent?.trim() === 'New profile')
    create?.click()
  }, 0)
}

function WelcomeDialog({ onClose }: { onClose(): void }) {
  const id = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const { setActiveProfileId } = useActiveProfile()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()

  // Focus moves into the dialog, the app behind goes inert, and focus returns where it was on close.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    const root = document.getElementById('root')
    if (root) root.inert = true
    dialogRef.current?.focus()
    return () => {
      if (root) root.inert = false
      if (opener && opener !== document.body) opener.focus?.()
    }
  }, [])

  const explore = async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      await exploreWithSandbox(setActiveProfileId)
      onClose()
    } catch (error) {
      setFailure(`The Sandbox could not be set up: ${(error as Error).message}`)
      setBusy(false)
    }
  }

  return createPortal(
    <div className="wl-backdrop">
      <div
        ref={dialogRef}
        className="wl-dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-intro`}
        tabIndex={-1}
        data-testid="welcome"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            event.stopPropagation()
            onClose()
            return
          }
          if (dialogRef.current) trapTab(event, dialogRef.current)
        }}
      >
        <header className="wl-header">
          <span className="brand-mark wl-mark" aria-hidden="true">R</span>
          <div>
            <h2 id={`${id}-title`} className="wl-title">Welcome to Reactor Explorer</h2>
            <p id={`${id}-intro`} className="wl-intro">
              Build, send and save calls to Adobe&apos;s Reactor API (Experience Platform Tags). Tokens are fetched and renewed for you; client secrets
              never reach this window, a log or a file.
            </p>
          </div>
        </header>
        <div className="wl-paths">
          <section className="wl-path" aria-labelledby={`${id}-sandbox`}>
            <Icon name="flask" size={22} />
            <h3 id={`${id}-sandbox`}>Try it without an Adobe account</h3>
            <p>
              The built-in Sandbox simulates Adobe IMS and the Reactor API on this computer. One click opens the starter collection&apos;s{' '}
              <strong>List companies</strong> request; press Send to see a real response.
            </p>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void explore()}>
              {busy ? 'Setting up the Sandbox…' : 'Explore with the Sandbox'}
            </button>
          </section>
          <section className="wl-path" aria-labelledby={`${id}-own`}>
            <Icon name="key" size={22} />
            <h3 id={`${id}-own`}>Use your Adobe credential</h3>
            <p>
              Have an OAuth Server-to-Server credential from the Adobe Developer Console? Add its client id, secret and org id as a profile, or import
              them from a file.
            </p>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                onClose()
                openNewProfileForm()
              }}
            >
              Add my Adobe credential
            </button>
          </section>
        </div>
        {failure && (
          <p className="inline-error wl-failure" role="alert">
            {failure}
          </p>
        )}
        <footer className="wl-footer">
          <span className="muted">Open this again from Welcome at the bottom of the sidebar.</span>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={onClose}>
            Skip
          </button>
        </footer>
      </div>
    </div>,
    document.body
  )
}

/**
 * The sidebar's Welcome button and the dialog it opens. On start it asks main whether the welcome was closed
 * before; only an explicit `false` shows it (an older core or a test fake that does not know the field stays quiet).
 */
export function Welcome() {
  const [open, setOpen] = useState(false)

  useEffect(() => {
    if (!window.api?.getSettings) return
    let live = true
    unwrap(api().getSettings())
      .then((state) => {
        if (live && state.welcomeDismissed === false) setOpen(true)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [])

  const close = useCallback(() => {
    setOpen(false)
    rememberDismissed()
  }, [])

  return (
    <>
      <button type="button" className="nav-item wl-open" aria-haspopup="dialog" title="Welcome: the Sandbox tour and adding your Adobe credential" onClick={() => setOpen(true)}>
        <Icon name="info" />
        <span>Welcome</span>
      </button>
      {open && <WelcomeDialog onClose={close} />}
    </>
  )
}
