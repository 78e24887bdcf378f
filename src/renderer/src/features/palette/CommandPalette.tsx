// The command palette's shell: the sidebar button, the shortcuts that open it (Ctrl/Cmd+K; Ctrl/Cmd+Shift+P
// opens it on the profiles), and where focus goes after it closes. The dialog itself, with the catalog and
// the sources, loads on first use: the app's first screen does not pay for it.
import { lazy, Suspense, useCallback, useRef, useState } from 'react'
import { ariaKeyShortcuts, shortcutLabel, useShortcut } from '../../state/shortcuts'
import type { PaletteItem } from './rank'
import './palette.css'

const PaletteDialog = lazy(async () => ({ default: (await import('./PaletteDialog')).PaletteDialog }))

export type PaletteScope = 'all' | 'profiles'

function restoreFocus(opener: HTMLElement | null): void {
  if (opener && opener !== document.body && opener.isConnected && !opener.closest('[hidden], [inert]')) opener.focus()
  else document.getElementById('main')?.focus()
}

export function CommandPalette() {
  const [scope, setScope] = useState<PaletteScope | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  // Remembered when it opens, before the dialog moves focus in: Esc, or a command that does not move focus
  // itself (send, switch profile), brings focus back here.
  const opener = useRef<HTMLElement | null>(null)

  const current = useRef<PaletteScope | undefined>(undefined)
  const show = useCallback((next: PaletteScope | undefined) => {
    current.current = next
    setScope(next)
  }, [])

  const finish = useCallback(
    (picked?: PaletteItem) => {
      show(undefined)
      // After the dialog has gone (its focus scope released), so focus set here stays where it is put.
      setTimeout(() => {
        if (!picked?.movesFocus) restoreFocus(opener.current)
        if (!picked) return
        Promise.resolve()
          .then(() => picked.run())
          .catch((error: Error) => setFailure(error.message))
      }, 0)
    },
    [show]
  )

  const open = useCallback(
    (next: PaletteScope) => {
      // Its own shortcut again closes it, as Esc does.
      if (current.current === next) return finish()
      if (current.current === undefined) opener.current = document.activeElement as HTMLElement | null
      setFailure(undefined)
      show(next)
    },
    [finish, show]
  )

  useShortcut('palette', () => open('all'))
  useShortcut('switch-profile', () => open('profiles'))

  return (
    <>
      <button
        type="button"
        className="nav-item pl-open"
        aria-haspopup="dialog"
        aria-keyshortcuts={ariaKeyShortcuts('palette')}
        title={`Search commands, saved requests, history, profiles and the catalog (${shortcutLabel('palette')})`}
        onClick={() => open('all')}
      >
        <svg className="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span>Commands</span>
        {/* A span, so the sidebar folded to its icons hides it with the label. */}
        <span className="pl-open-hint" aria-hidden="true">{shortcutLabel('palette')}</span>
      </button>
      {scope && (
        <Suspense fallback={null}>
          <PaletteDialog scope={scope} onScope={show} onDone={finish} />
        </Suspense>
      )}
      {failure && (
        <p className="pl-failure" role="alert">
          <span>{failure}</span>
          <button type="button" className="notice-dismiss" aria-label="Dismiss" onClick={() => setFailure(undefined)}>×</button>
        </p>
      )}
    </>
  )
}
