// The keyboard shortcuts panel (`?` outside a text field, Ctrl/Cmd+/, or the palette's "Keyboard shortcuts"):
// the registry's table grouped as it is defined, each shortcut with every chord that presses it.
import { useState } from 'react'
import { Dialog } from '../../ui/Dialog'
import { chordLabel, SHORTCUT_GROUPS, SHORTCUTS, useShortcut, type Chord } from '../../state/shortcuts'
import { shortcutName } from './shortcut-names'
import './shortcuts.css'

function Keys({ chord }: { chord: Chord }) {
  const parts = chordLabel(chord).split(/\+(?=.)/)
  return (
    <span className="sc-chord">
      {parts.map((part, index) => (
        <span key={index}>
          {index > 0 && <span className="sc-plus" aria-hidden="true">+</span>}
          <kbd className="sc-key">{part}</kbd>
        </span>
      ))}
    </span>
  )
}

export function ShortcutsList() {
  return (
    <div className="sc-groups">
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group} className="sc-group" aria-labelledby={`sc-group-${group.replace(/\s+/g, '-')}`}>
          <h3 id={`sc-group-${group.replace(/\s+/g, '-')}`} className="sc-group-title">{group}</h3>
          <dl className="sc-list">
            {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
              <div key={shortcut.id} className="sc-row" data-shortcut={shortcut.id}>
                <dt>{shortcutName(shortcut)}</dt>
                <dd>
                  {shortcut.chords.map((chord, index) => (
                    <span key={index} className="sc-alternative">
                      {index > 0 && <span className="sc-or">or</span>}
                      <Keys chord={chord} />
                    </span>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  )
}

/** Mounted once in the shell; opens on its shortcut (the palette runs the same one). */
export function ShortcutsPanel() {
  const [open, setOpen] = useState(false)
  useShortcut('shortcuts', () => setOpen((current) => !current))
  if (!open) return null
  return (
    <Dialog
      title="Keyboard shortcuts"
      description="Ctrl/Cmd shortcuts work everywhere, also while typing; ? opens this list when the focus is not in a text field."
      onClose={() => setOpen(false)}
      size="wide"
      closeOnOutsideClick
      testId="shortcuts-panel"
    >
      <ShortcutsList />
      <p className="sc-note muted">In browser mode the browser keeps Ctrl+T, Ctrl+W and Ctrl+Tab for its own tabs; the tab strip&apos;s buttons and menu do the same there.</p>
    </Dialog>
  )
}
