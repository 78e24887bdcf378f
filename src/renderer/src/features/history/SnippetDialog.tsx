import { useEffect, useId, useState } from 'react'
import type { SnippetLanguage } from '@shared/ipc/history.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { VariableScopes } from '@shared/requests/variables'
import { errorMessage, snippet } from './curl-commands'
import { writeClipboardText } from '../../ui/clipboard'
import { Dialog } from './Dialog'

/** In the order people ask for them; cURL last because "Copy as cURL" is one click already. */
export const SNIPPET_CHOICES: Array<{ id: SnippetLanguage; label: string }> = [
  { id: 'javascript-fetch', label: 'JavaScript (fetch)' },
  { id: 'node', label: 'Node.js' },
  { id: 'python-requests', label: 'Python (requests)' },
  { id: 'java', label: 'Java' },
  { id: 'csharp', label: 'C#' },
  { id: 'go', label: 'Go' },
  { id: 'powershell', label: 'PowerShell' },
  { id: 'httpie', label: 'HTTPie' },
  { id: 'curl', label: 'cURL' }
]

/** The language chosen last, for the next time the dialog opens (this window only). */
let lastLanguage: SnippetLanguage = 'javascript-fetch'

interface Props {
  spec: RequestSpec
  profileId: string | undefined
  /** Open on this language (the cURL fallback when the clipboard could not be written). */
  language?: SnippetLanguage
  /** A collection tab's scopes for its {{variables}} (secret ones stay placeholders). */
  variables?: VariableScopes
  onClose(): void
}

/** The request as code in a chosen language, read-only, with Adobe's placeholders for the credential. */
export function SnippetDialog({ spec, profileId, language: initial, variables, onClose }: Props) {
  const id = useId()
  const [language, setLanguage] = useState<SnippetLanguage>(initial ?? lastLanguage)
  const [code, setCode] = useState<string | undefined>()
  const [failure, setFailure] = useState<string | undefined>()
  const [copied, setCopied] = useState<string | undefined>()

  useEffect(() => {
    let live = true
    setCode(undefined)
    setFailure(undefined)
    setCopied(undefined)
    snippet(spec, profileId, language, variables)
      .then((text) => live && setCode(text))
      .catch((error: unknown) => live && setFailure(errorMessage(error)))
    return () => {
      live = false
    }
  }, [spec, profileId, language, variables])

  const copy = async () => {
    if (code === undefined) return
    setCopied((await writeClipboardText(code)) ? 'Copied.' : 'The clipboard could not be written from here: select the code and copy it.')
  }

  return (
    <Dialog
      title="Code snippet"
      description="The request as code, with {ACCESS_TOKEN}, {API_KEY} and {ORG_ID} where your profile's credential goes."
      onClose={onClose}
      wide
      testId="snippet-dialog"
      footer={
        <>
          <span className="hi-dialog-status" role="status">{copied}</span>
          <button type="button" className="btn" onClick={onClose}>Close</button>
          <button type="button" className="btn btn-primary" onClick={copy} disabled={code === undefined}>Copy</button>
        </>
      }
    >
      <div className="hi-field-row">
        <label htmlFor={`${id}-language`} className="hi-label">Language</label>
        <select
          id={`${id}-language`}
          className="select"
          value={language}
          data-autofocus
          onChange={(event) => {
            lastLanguage = event.target.value as SnippetLanguage
            setLanguage(lastLanguage)
          }}
        >
          {SNIPPET_CHOICES.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
        </select>
      </div>
      {failure && <p className="inline-error" role="alert">{failure}</p>}
      {!failure && code === undefined && <p className="muted" role="status">Writing the snippet…</p>}
      {code !== undefined && (
        <pre className="hi-code mono" tabIndex={0} role="region" aria-label={`${SNIPPET_CHOICES.find((choice) => choice.id === language)?.label ?? language} code`} data-testid="snippet-code">
          {code}
        </pre>
      )}
    </Dialog>
  )
}
