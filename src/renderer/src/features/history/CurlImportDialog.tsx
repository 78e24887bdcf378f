import { useId, useRef, useState } from 'react'
import type { ConvertedRequest } from '@shared/ipc/history.contract'
import { curlToRequest, errorMessage } from './curl-commands'
import { Dialog } from './Dialog'

interface Props {
  profileId: string | undefined
  onImported(converted: ConvertedRequest): void
  onClose(): void
}

/** Where "Line 3, column 12: …" points, as an offset into the text (to put the caret there). */
export function offsetOfPosition(text: string, message: string): number | undefined {
  const match = /^Line (\d+), column (\d+)/.exec(message)
  if (!match) return undefined
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const line = Number(match[1])
  const column = Number(match[2])
  if (line < 1 || line > lines.length) return undefined
  let offset = 0
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1
  return offset + Math.min(column - 1, lines[line - 1]!.length)
}

/** "Import cURL…": a command pasted into a text box (several lines, `\` or `^` continuations) becomes a tab. */
export function CurlImportDialog({ profileId, onImported, onClose }: Props) {
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const [text, setText] = useState('')
  const [failure, setFailure] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!text.trim()) {
      setFailure('Paste a cURL command first: it starts with curl.')
      return
    }
    setBusy(true)
    try {
      const converted = await curlToRequest(text, profileId)
      setText('')
      onImported(converted)
    } catch (error) {
      const message = errorMessage(error)
      setFailure(message)
      // The caret goes where the parser stopped; the message itself never quotes the command.
      const at = offsetOfPosition(text, message)
      if (at !== undefined && area.current) {
        area.current.focus()
        area.current.setSelectionRange(at, at)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title="Import cURL"
      description="Paste a command from a ticket or Adobe's documentation. The customer's Authorization, x-api-key and x-gw-ims-org-id are not kept: the request uses your active profile's credential."
      onClose={onClose}
      wide
      testId="curl-import-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void submit()}>{busy ? 'Importing…' : 'Import'}</button>
        </>
      }
    >
      <label htmlFor={`${id}-command`} className="hi-label">cURL command</label>
      <textarea
        id={`${id}-command`}
        ref={area}
        className="hi-textarea mono"
        rows={9}
        spellCheck={false}
        data-autofocus
        placeholder={"curl -X GET https://reactor.adobe.io/companies \\\n  -H 'Accept: application/vnd.api+json;revision=1' \\\n  -H 'Authorization: Bearer {ACCESS_TOKEN}'"}
        value={text}
        aria-invalid={failure ? true : undefined}
        aria-describedby={failure ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value)
          setFailure(undefined)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            void submit()
          }
        }}
      />
      {failure && <p className="inline-error" id={`${id}-error`} role="alert" data-testid="curl-import-error">{failure}</p>}
    </Dialog>
  )
}
