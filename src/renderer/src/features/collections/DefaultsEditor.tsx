import { useEffect, useMemo, useState } from 'react'
import type { ItemDefaults } from '@shared/collections/collection-model'
import type { CollectionConflict, CollectionView, SaveResult, SecretFinding } from '@shared/ipc/collections.contract'
import { saveDefaults } from './collections-store'
import { headersFromRows, KeyValueEditor, rowsFromHeaders, rowsFromVariables, rowsKey, variablesFromRows, type EditRow } from './KeyValueEditor'
import { ModalDialog } from './ModalDialog'
import { SecretsFoundDialog } from './SaveDialogs'
import { findItem } from './tree-model'
import { pluralWord } from '../../ui/plural'

interface Source {
  defaults: ItemDefaults
  etag: string | undefined
}

function sourceOf(view: CollectionView, folder: string): Source | undefined {
  if (folder === '') return { defaults: view.defaults, etag: view.etag }
  const item = findItem(view.items, folder)?.item
  return item?.kind === 'folder' ? { defaults: item.defaults, etag: item.etag } : undefined
}

type Pending = { kind: 'secrets'; findings: SecretFinding[] } | { kind: 'conflict'; conflict: CollectionConflict }

/**
 * A collection's (folder '' = opencollection.yml) or a folder's (folder.yml) variables and default headers, in
 * tables, saved together. A secret found in a value is offered as a secret variable; a file changed on disk
 * since it was shown asks which to keep.
 */
export function DefaultsEditor({ view, folder }: { view: CollectionView; folder: string }) {
  const source = sourceOf(view, folder)
  const [base, setBase] = useState<Source | undefined>(source)
  const [variables, setVariables] = useState<EditRow[]>(() => rowsFromVariables(source?.defaults.variables ?? []))
  const [headers, setHeaders] = useState<EditRow[]>(() => rowsFromHeaders(source?.defaults.headers ?? []))
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>()
  const [pending, setPending] = useState<Pending | undefined>()
  const dirty = useMemo(
    () => rowsKey(variables) !== rowsKey(rowsFromVariables(base?.defaults.variables ?? [])) || rowsKey(headers) !== rowsKey(rowsFromHeaders(base?.defaults.headers ?? [])),
    [variables, headers, base]
  )
  const readOnly = view.readOnlyReason

  const load = (next: Source | undefined) => {
    setBase(next)
    setVariables(rowsFromVariables(next?.defaults.variables ?? []))
    setHeaders(rowsFromHeaders(next?.defaults.headers ?? []))
  }

  // Another folder chosen, or the file changed (on disk or by a save): follow it unless there are edits here.
  const file = `${view.id}:${folder}`
  const etag = source?.etag
  const [shown, setShown] = useState({ file, etag })
  const changedOnDisk = shown.file === file && shown.etag !== etag && dirty
  useEffect(() => {
    if (shown.file === file && shown.etag === etag) return
    if (shown.file === file && dirty) return
    setShown({ file, etag })
    load(source)
  }, [file, etag])

  const submit = async (options: { secretsAs?: 'variables'; baseEtag?: string | null } = {}) => {
    if (!source && folder !== '') return
    setBusy(true)
    setMessage(undefined)
    const defaults: ItemDefaults = { ...(base?.defaults ?? { headers: [], variables: [] }), variables: variablesFromRows(variables), headers: headersFromRows(headers) }
    let result: SaveResult
    try {
      result = await saveDefaults({ collectionId: view.id, folder, defaults, baseEtag: options.baseEtag !== undefined ? options.baseEtag : (base?.etag ?? null), ...(options.secretsAs ? { secretsAs: options.secretsAs } : {}) })
    } catch (error) {
      setBusy(false)
      setMessage({ tone: 'error', text: `Not saved: ${(error as Error).message}` })
      return
    }
    setBusy(false)
    if (result.status === 'saved') {
      setPending(undefined)
      const fresh = sourceOf(result.collection, folder)
      setShown({ file, etag: fresh?.etag })
      load(fresh)
      const stored = result.secretsStored.length
      setMessage({ tone: 'ok', text: `Saved to ${result.path}.${stored ? ` ${stored === 1 ? 'One value went' : `${stored} values went`} to your keychain as secret ${pluralWord(stored, 'variable')}.` : ''}` })
    } else if (result.status === 'secrets-found') setPending({ kind: 'secrets', findings: result.findings })
    else setPending({ kind: 'conflict', conflict: result })
  }

  if (!source) return <p className="muted">This folder is no longer in the collection.</p>

  return (
    <div className="col-defaults">
      {readOnly && <p className="col-banner col-banner-warn">{readOnly}</p>}
      {changedOnDisk && (
        <p className="col-banner col-banner-warn" role="status">
          {folder ? 'folder.yml' : 'opencollection.yml'} changed on disk while you were editing.
          <button type="button" className="col-link-button" onClick={() => (setShown({ file, etag }), load(source))}>Take theirs</button>
          <span className="muted">or save to choose.</span>
        </p>
      )}
      <section aria-labelledby={`vars-${view.id}-${folder}`} className="col-section">
        <h3 id={`vars-${view.id}-${folder}`} className="col-section-title">Variables</h3>
        <p className="col-hint">
          Fill <code>{'{{name}}'}</code> in every request {folder ? 'in this folder' : 'of this collection'}. An environment (for the active profile) overrides them; a folder overrides its collection.
        </p>
        <KeyValueEditor label={folder ? 'Folder variables' : 'Collection variables'} kind="variables" rows={variables} onChange={setVariables} disabled={Boolean(readOnly)} />
      </section>
      <section aria-labelledby={`headers-${view.id}-${folder}`} className="col-section">
        <h3 id={`headers-${view.id}-${folder}`} className="col-section-title">Default headers</h3>
        <KeyValueEditor label={folder ? 'Folder headers' : 'Collection headers'} kind="headers" rows={headers} onChange={setHeaders} disabled={Boolean(readOnly)} />
      </section>
      {!readOnly && (
        <div className="col-actions">
          <button type="button" className="btn btn-primary" disabled={!dirty || busy} onClick={() => void submit()}>{busy ? 'Saving…' : 'Save variables and headers'}</button>
          <button type="button" className="btn" disabled={!dirty || busy} onClick={() => load(base)}>Revert</button>
          {message && <span className={message.tone === 'error' ? 'inline-error' : 'col-ok'} role="status">{message.text}</span>}
        </div>
      )}
      {pending?.kind === 'secrets' && (
        <SecretsFoundDialog findings={pending.findings} busy={busy} onCancel={() => (setPending(undefined), setMessage({ tone: 'error', text: 'Not saved: a value looks like a secret.' }))} onStore={() => void submit({ secretsAs: 'variables' })} />
      )}
      {pending?.kind === 'conflict' && (
        <ModalDialog
          title={`${pending.conflict.path} changed on disk`}
          role="alertdialog"
          intro="It was changed outside this app since it was shown here. Nothing was saved yet; choose which version to keep."
          onClose={() => setPending(undefined)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setPending(undefined)}>Decide later</button>
              <button
                type="button"
                className="btn"
                disabled={!pending.conflict.disk.defaults}
                onClick={() => {
                  const disk = pending.conflict.disk
                  setPending(undefined)
                  setShown({ file, etag: disk.etag ?? undefined })
                  load({ defaults: disk.defaults!, etag: disk.etag ?? undefined })
                }}
              >
                Take theirs
              </button>
              <button type="button" className="btn btn-primary" data-autofocus onClick={() => void submit({ baseEtag: pending.conflict.disk.etag })}>Keep mine</button>
            </>
          }
        >
          <p className="muted">{pending.conflict.message}</p>
        </ModalDialog>
      )}
    </div>
  )
}
