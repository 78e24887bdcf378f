import { useCallback, useEffect, useState } from 'react'
import { ModalDialog } from '../../collections/ModalDialog'
import type { SaveBodyOutcome } from './ResponseViewer'

interface Props {
  /** Names the body main keeps (a file over the inline limit, or a streamed body's end frame). */
  bodyId: string
  containsSecret?: true
  secretKind?: string
  suggestedName: string
  /** `confirm` after the person read what the scan found and chose to save anyway. */
  onSaveBody(bodyId: string, suggestedName: string, confirm?: true): Promise<SaveBodyOutcome>
  /** In the status line: a link-style button instead of a full one. */
  compact?: boolean
}

/** Save… for a body main keeps, the badge when it holds a secret the app knows, and the ask before saving it. */
export function SaveBodyControls({ bodyId, containsSecret, secretKind, suggestedName, onSaveBody, compact }: Props) {
  const [saved, setSaved] = useState<SaveBodyOutcome | undefined>()
  useEffect(() => setSaved(undefined), [bodyId])
  const save = useCallback(
    async (confirm?: true) => {
      const outcome = await onSaveBody(bodyId, suggestedName, confirm)
      setSaved(outcome.kind === 'cancelled' ? undefined : outcome)
    },
    [onSaveBody, bodyId, suggestedName]
  )
  return (
    <>
      {containsSecret && <span className="rq-tag rq-tag-warn" data-testid="body-secret-badge">contains your {secretKind ?? 'secret'}</span>}
      <button type="button" className={compact ? 'rq-link-button' : 'rq-button'} title={compact ? 'Save the response body to a file' : undefined} onClick={() => void save()}>
        Save…
      </button>
      {saved?.kind === 'saved' && <span className="rq-field-hint">Saved to {saved.where}</span>}
      {saved?.kind === 'downloaded' && (
        <span className="rq-field-hint" data-testid="body-downloaded">
          Downloaded as {saved.fileName}{saved.secretsMasked ? '; the secrets this app holds are masked in it' : ''}
        </span>
      )}
      {saved?.kind === 'needs-confirmation' && (
        <ModalDialog
          role="alertdialog"
          title="Save a body that holds a secret?"
          intro={saved.found}
          onClose={() => setSaved(undefined)}
          footer={
            <>
              <button type="button" className="rq-button" data-autofocus onClick={() => setSaved(undefined)}>Don’t save</button>
              <button type="button" className="rq-button col-danger" onClick={() => void save(true)}>Save anyway</button>
            </>
          }
        >
          <p>Anyone who gets the saved file can use that secret. Save it only where you would keep the secret itself.</p>
        </ModalDialog>
      )}
    </>
  )
}
