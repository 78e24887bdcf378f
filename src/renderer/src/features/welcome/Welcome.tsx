// The first-run welcome: a dialog shown until the person closes it (remembered in settings.json, because
// browser mode's origin changes every launch and localStorage would forget), reachable again from the
// sidebar's Welcome button. Two ways in: the Sandbox (one click to a request ready to send) or their own
// Adobe credential (the Profiles area's new-profile form).
import { useCallback, useEffect, useId, useState } from 'react'
import { api, unwrap } from '../../api/client'
import { Icon } from '../../app/Icon'
import { useActiveProfile } from '../../state/active-profile'
import { showArea } from '../../state/workbench-commands'
import { Dialog } from '../../ui/Dialog'
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
  const { setActiveProfileId } = useActiveProfile()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | undefined>()

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

  // Focus goes to the dialog itself (no field to type in), so a screen reader reads the title and intro first.
  return (
    <Dialog
      title="Welcome to Reactor Explorer"
      description={
        <>
          Build, send and save calls to Adobe&apos;s Reactor API (Experience Platform Tags). Tokens are fetched and renewed for you; client secrets
          never reach this window, a log or a file.
        </>
      }
      leading={<span className="brand-mark wl-mark" aria-hidden="true">R</span>}
      onClose={onClose}
      className="wl-dialog"
      testId="welcome"
      flush
      footer={
        <>
          <span className="muted ui-dialog-footer-note">Open this again from Welcome at the bottom of the sidebar.</span>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={onClose}>
            Skip
          </button>
        </>
      }
    >
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
    </Dialog>
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
