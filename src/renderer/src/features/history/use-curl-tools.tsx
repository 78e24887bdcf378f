// The cURL tools of the Request area: a command pasted into the URL field, the "Import cURL…" dialog and a
// dropped .sh/.txt file each open a new tab (with what the import changed listed under it); "Copy as cURL",
// "… with real values" and "Code snippet…" from the tab menu and the response's "Request sent" part.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ConvertedRequest, SnippetLanguage } from '@shared/ipc/history.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { VariableScopes } from '@shared/requests/variables'
import { copyCurl, curlToRequest, errorMessage, importNotes, looksLikeCurl, type ImportNotes } from './curl-commands'
import { CurlImportDialog } from './CurlImportDialog'
import { readFileAsText } from './download'
import { ImportNotesPanel } from './ImportNotesPanel'
import { SnippetDialog } from './SnippetDialog'

/** Files a command may come in. */
const COMMAND_FILE = /\.(sh|txt|curl|bash|cmd|bat)$/i
/** A command file larger than this is not a command (the parser's own cap is 10 MB). */
const MAX_COMMAND_FILE_BYTES = 10 * 1024 * 1024
/** A success line goes after this; an error stays until dismissed. */
const STATUS_MS = 8000

type Dialog = { kind: 'import' } | { kind: 'snippet'; spec: RequestSpec; language?: SnippetLanguage; variables?: VariableScopes }

export interface CurlToolsOptions {
  profile: { id: string; name: string } | undefined
  /** Opens a document in a new Request tab; its id, or undefined when no tab could be opened. */
  openDocument(spec: RequestSpec): string | undefined
}

export type CurlAction = 'copy' | 'copy-real' | 'snippet'

export function useCurlTools({ profile, openDocument }: CurlToolsOptions) {
  const [notesByTab, setNotesByTab] = useState<ReadonlyMap<string, ImportNotes>>(() => new Map())
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; message: string } | undefined>()
  const [dialog, setDialog] = useState<Dialog | undefined>()
  const profileId = profile?.id

  useEffect(() => {
    if (status?.tone !== 'ok') return
    const timer = setTimeout(() => setStatus(undefined), STATUS_MS)
    return () => clearTimeout(timer)
  }, [status])

  const attachNotes = useCallback((tabId: string, notes: ImportNotes) => {
    setNotesByTab((current) => new Map(current).set(tabId, notes))
  }, [])

  const dismissNotes = useCallback((tabId: string) => {
    setNotesByTab((current) => {
      if (!current.has(tabId)) return current
      const next = new Map(current)
      next.delete(tabId)
      return next
    })
  }, [])

  const openConverted = useCallback(
    (converted: ConvertedRequest, title: string) => {
      const tabId = openDocument(converted.spec)
      if (tabId) attachNotes(tabId, importNotes(title, converted))
      return tabId
    },
    [openDocument, attachNotes]
  )

  const importText = useCallback(
    async (text: string, title: string) => {
      try {
        const converted = await curlToRequest(text, profileId)
        setStatus(undefined)
        openConverted(converted, title)
      } catch (error) {
        // Main's sentence names a line and column and never quotes the command (it may hold a token).
        setStatus({ tone: 'error', message: `This cURL command could not be imported. ${errorMessage(error)}` })
      }
    },
    [profileId, openConverted]
  )

  /** The URL field's paste: true when the text was a cURL command and was taken (the field never gets it). */
  const pasteIntoUrl = useCallback(
    (text: string): boolean => {
      if (!looksLikeCurl(text)) return false
      void importText(text, 'Imported from a pasted cURL command')
      return true
    },
    [importText]
  )

  const importFile = useCallback(
    async (file: File) => {
      if (!COMMAND_FILE.test(file.name)) {
        setStatus({ tone: 'error', message: `${file.name} was not imported: drop a .sh or .txt file holding a cURL command.` })
        return
      }
      if (file.size > MAX_COMMAND_FILE_BYTES) {
        setStatus({ tone: 'error', message: `${file.name} is larger than 10 MB, which is not a cURL command.` })
        return
      }
      const text = await readFileAsText(file)
      if (!looksLikeCurl(text)) {
        setStatus({ tone: 'error', message: `${file.name} does not start with curl, so it was not imported.` })
        return
      }
      await importText(text, `Imported from ${file.name}`)
    },
    [importText]
  )

  const run = useCallback(
    async (action: CurlAction, spec: RequestSpec, variables?: VariableScopes) => {
      if (action === 'snippet') {
        setDialog({ kind: 'snippet', spec, ...(variables ? { variables } : {}) })
        return
      }
      const outcome = await copyCurl(spec, profileId, action === 'copy-real', variables)
      if (outcome.ok) setStatus({ tone: 'ok', message: outcome.message })
      else if (outcome.command !== undefined) {
        setStatus({ tone: 'error', message: outcome.message })
        setDialog({ kind: 'snippet', spec, language: 'curl', ...(variables ? { variables } : {}) })
      } else setStatus({ tone: 'error', message: outcome.message })
    },
    [profileId]
  )

  const notesPanel = useCallback(
    (tabId: string): ReactNode => {
      const notes = notesByTab.get(tabId)
      return notes ? <ImportNotesPanel notes={notes} profileName={profile?.name} onDismiss={() => dismissNotes(tabId)} /> : null
    },
    [notesByTab, profile?.name, dismissNotes]
  )

  const elements = useMemo(
    () => (
      <>
        {status && (
          <p className={`rq-strip-note${status.tone === 'error' ? ' rq-strip-note-warn' : ''}`} role={status.tone === 'error' ? 'alert' : 'status'} data-testid="curl-status">
            {status.message}
            <button type="button" className="rq-icon-button" aria-label="Dismiss" onClick={() => setStatus(undefined)}>×</button>
          </p>
        )}
        {dialog?.kind === 'import' && (
          <CurlImportDialog
            profileId={profileId}
            onClose={() => setDialog(undefined)}
            onImported={(converted) => {
              setDialog(undefined)
              openConverted(converted, 'Imported from cURL')
            }}
          />
        )}
        {dialog?.kind === 'snippet' && <SnippetDialog spec={dialog.spec} profileId={profileId} language={dialog.language} variables={dialog.variables} onClose={() => setDialog(undefined)} />}
      </>
    ),
    [status, dialog, profileId, openConverted]
  )

  return {
    pasteIntoUrl,
    importFile,
    showImport: useCallback(() => setDialog({ kind: 'import' }), []),
    run,
    attachNotes,
    notesPanel,
    elements
  }
}

export type CurlTools = ReturnType<typeof useCurlTools>
