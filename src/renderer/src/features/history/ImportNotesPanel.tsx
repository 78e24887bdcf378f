import type { ImportNotes } from './curl-commands'
import './history.css'
import { countOf } from '../../ui/plural'

/** Under a tab opened from cURL, HAR or a bundle: what the import changed and what it left out, until dismissed. */
export function ImportNotesPanel({ notes, profileName, onDismiss }: { notes: ImportNotes; profileName: string | undefined; onDismiss(): void }) {
  const others = notes.notes.length + notes.unmapped.length
  return (
    <section className="hi-import-notes" aria-label="Import notes" data-testid="import-notes">
      <div className="hi-import-notes-head">
        <strong>{notes.title}</strong>
        {others > 0 && <span className="muted"> · {countOf(others, 'note', 'notes')}</span>}
        <button type="button" className="rq-icon-button hi-import-notes-close" aria-label="Dismiss import notes" onClick={onDismiss}>×</button>
      </div>
      {notes.authLine && (
        <p className="hi-import-auth" data-testid="import-auth-line">
          {notes.authLine}
          {profileName && <span className="muted"> Active profile: {profileName}.</span>}
        </p>
      )}
      {(notes.notes.length > 0 || notes.unmapped.length > 0) && (
        <ul className="hi-import-list">
          {notes.notes.map((note) => <li key={`n-${note}`}>{note}</li>)}
          {notes.unmapped.map((note) => (
            <li key={`u-${note}`}>
              <span className="hi-tag">Not used</span> {note}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
