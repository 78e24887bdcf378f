// The first-run welcome: a dialog shown until the person closes it (remembered in settings.json, because
// browser mode's origin changes every launch and localStorage would forget), reachable again from the
// sidebar's Welcome button, F1, and Help → Welcome in the desktop app's menu (which presses F1). Two ways in: the
// Sandbox (one click to a request ready to send) or their own Adobe credential (the Profiles area's new-profile
// form, which imports the Developer Console file or takes the three values, then runs the Credential Doctor).
import { useCallback, useEffect, useId, useState } from 'react'
import { api, unwrap } from '../../api/client'
import { Icon } from '../../app/Icon'
import { useActiveProfile } from '../../state/active-profile'
import { openProfileForm } from '../../state/workbench-commands'
import { Dialog } from '../../ui/Dialog'
import { exploreWithSandbox } from './explore-sandbox'
import './welcome.css'


/** Saves the dismissal; a failure only means the welcome shows again next launch, so it is not shown. */
function rememberDismissed(): void {
  void unwrap(api().updateSettings({ network: {}, welcomeDismissed: true })).catch(() => {})
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
          <span className="muted ui-dialog-footer-note">Open this again from Welcome at the bottom of the sidebar, or with F1.</span>
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
              Have an OAuth Server-to-Server credential from Adobe Developer Console? Import the project file it downloads, or paste the Client ID,
              Client Secret and Org ID. The Credential Doctor then checks it and says what to fix.
            </p>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                onClose()
                openProfileForm({ testAfterSave: true })
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

  // F1, the usual help key; the desktop app's Help → Welcome presses it too (the menu has no channel of its own).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F1' || event.ctrlKey || event.metaKey || event.altKey) return
      event.preventDefault()
      setOpen(true)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <>
      <button type="button" className="nav-item wl-open" aria-haspopup="dialog" title="Welcome (F1): the Sandbox tour and adding your Adobe credential" aria-keyshortcuts="F1" onClick={() => setOpen(true)}>
        <Icon name="info" />
        <span>Welcome</span>
      </button>
      {open && <WelcomeDialog onClose={close} />}
    </>
  )
}
