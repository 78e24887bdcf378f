import { useEffect, useId, useRef, useState, type DragEvent } from 'react'
import type { CollectionView } from '@shared/ipc/collections.contract'
import type { ImportPreviewView } from '@shared/ipc/interchange.contract'
import { MAX_IMPORT_TEXT_CHARS } from '@shared/ipc/interchange.contract'
import { api, unwrap } from '../../api/client'
import { applyCollectionView } from './collections-store'
import { ModalDialog } from './ModalDialog'
import { Icon } from '../../app/Icon'
import { countOf } from '../../ui/plural'
import { OperationProgressBar, useOperation } from '../../ui/Progress'

const ACCEPT = '.json,.yaml,.yml,.zip,application/json,application/zip,application/x-yaml'

/** A file's bytes as base64, in chunks (a 20 MB zip must not become one giant argument list). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000))
  return btoa(binary)
}

function isZip(file: File): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed'
}

function summary(preview: ImportPreviewView): string {
  const { requests, folders, environments } = preview.report
  const parts = [countOf(requests, 'request'), countOf(folders, 'folder')]
  if (environments > 0) parts.push(countOf(environments, 'environment'))
  return parts.join(', ')
}

/**
 * Import: a file is chosen or dropped, main converts it and shows what would be created (counts, each item
 * that did not map and why, notes), and only "Import" writes the new collection folder, which then opens.
 */
export function ImportDialog({ collections, initialFile, onClose, onImported }: { collections: readonly CollectionView[]; initialFile?: File; onClose(): void; onImported(view: CollectionView): void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [preview, setPreview] = useState<ImportPreviewView | undefined>()
  const [name, setName] = useState('')
  const [into, setInto] = useState<string>('')
  const [over, setOver] = useState(false)
  // Reading a big file and writing thousands of request files each take seconds: one bar, with Cancel.
  const operation = useOperation('import')
  const primary = useRef<HTMLButtonElement>(null)
  const focusAfterRender = useRef(false)
  // The preview replaces the file chooser: focus goes to "Import", not to the page behind.
  useEffect(() => {
    if (!preview || !focusAfterRender.current) return
    focusAfterRender.current = false
    primary.current?.focus()
  }, [preview])

  const read = async (file: File) => {
    setError(undefined)
    setPreview(undefined)
    if (file.size > MAX_IMPORT_TEXT_CHARS) {
      setError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; imports read files of at most 20 MB.`)
      return
    }
    setBusy(true)
    try {
      const request = isZip(file) ? { fileName: file.name, zipBase64: await base64Of(file) } : { fileName: file.name, text: await file.text() }
      const answer = await operation.track((operationId) => unwrap(api().previewCollectionImport({ ...request, operationId })))
      setPreview(answer)
      setName(answer.name)
      focusAfterRender.current = true
      setInto(answer.environmentsOnly && collections[0] ? collections[0].id : '')
    } catch (failure) {
      if ((failure as { code?: string }).code !== 'operation-cancelled') setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (initialFile) void read(initialFile)
    // Only the file the dialog was opened with.
  }, [initialFile])

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setOver(false)
    const items = [...(event.dataTransfer?.items ?? [])]
    // A folder dropped from the file manager cannot be read in a browser: say what works instead.
    const folder = items.some((item) => (item as DataTransferItem & { webkitGetAsEntry?: () => { isDirectory: boolean } | null }).webkitGetAsEntry?.()?.isDirectory)
    if (folder) {
      setError('A folder cannot be imported by dropping it here. Zip the collection folder (the one holding bruno.json or opencollection.yml) and drop or choose the zip.')
      return
    }
    const file = event.dataTransfer?.files?.[0]
    if (file) void read(file)
  }

  const submit = async () => {
    if (!preview) return
    setBusy(true)
    setError(undefined)
    try {
      const result = await operation.track((operationId) => unwrap(api().writeCollectionImport({ previewId: preview.previewId, operationId, ...(into ? { intoCollectionId: into } : { name: name.trim() || preview.name }) })))
      applyCollectionView(result.collection, 'load')
      onImported(result.collection)
    } catch (failure) {
      // A cancelled write left nothing behind and keeps the preview: the person can import again.
      if ((failure as { code?: string }).code !== 'operation-cancelled') setError((failure as Error).message)
      setBusy(false)
    }
  }

  // Closing the dialog while it reads or writes stops that too: a write left running would open a collection
  // the person walked away from.
  const closeDialog = () => {
    if (operation.running) operation.cancel()
    onClose()
  }

  const footer = preview ? (
    <>
      <button type="button" className="btn" onClick={() => (setPreview(undefined), setError(undefined))} disabled={busy}>Choose another file</button>
      <button type="button" className="btn" onClick={closeDialog}>Cancel</button>
      <button ref={primary} type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy || (!into && !name.trim())}>
        {busy ? 'Importing…' : into ? 'Add to collection' : 'Import'}
      </button>
    </>
  ) : (
    <button type="button" className="btn" onClick={closeDialog}>Cancel</button>
  )

  return (
    <ModalDialog
      title={preview ? `Import ${preview.source.fileName}` : 'Import a collection'}
      intro={preview ? `${preview.source.label}: ${summary(preview)}. Nothing is written until you import; credentials found in it are never written.` : 'Postman v2.1 collections and environments (.json), Insomnia exports (v4 JSON, v5 YAML), OpenCollection files, and Bruno or OpenCollection folders as a .zip.'}
      onClose={closeDialog}
      wide
      footer={footer}
    >
      {!preview && (
        <div
          className={`col-drop${over ? ' col-drop-over' : ''}`}
          onDragOver={(event) => {
            event.preventDefault()
            setOver(true)
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p className="col-drop-title">{busy ? 'Reading…' : 'Drop a file here'}</p>
          <p className="muted">or</p>
          <input ref={input} type="file" accept={ACCEPT} hidden aria-hidden="true" tabIndex={-1} data-testid="import-file-input" onChange={(event) => event.target.files?.[0] && void read(event.target.files[0])} />
          <button type="button" className="btn btn-primary" onClick={() => input.current?.click()} disabled={busy}>
            Choose a file…
          </button>
          <p className="col-hint">A Bruno collection is a folder: zip it first (the folder holding bruno.json, or opencollection.yml for Bruno’s YAML layout).</p>
        </div>
      )}
      <OperationProgressBar operation={operation} unit={preview ? 'files' : undefined} />
      {error && <p className="inline-error col-import-error" role="alert">{error}</p>}
      {preview && (
        <div className="col-preview">
          {preview.environmentsOnly ? (
            <div className="col-form">
              <label className="field">
                <span>Add {preview.environments.length === 1 ? 'the environment' : 'the environments'} to</span>
                <select className="select" value={into} onChange={(event) => setInto(event.target.value)}>
                  {collections.map((view) => (
                    <option key={view.id} value={view.id}>{view.name}</option>
                  ))}
                  <option value="">A new collection of its own</option>
                </select>
              </label>
            </div>
          ) : null}
          {!into && (
            <div className="col-form">
              <label className="field">
                <span>Collection name</span>
                <input className="input" value={name} maxLength={256} onChange={(event) => setName(event.target.value)} />
                <span className="col-hint">A new folder in {preview.defaultParent}; open it in Bruno too.</span>
              </label>
            </div>
          )}
          {preview.outline.length > 0 && (
            <section className="col-section" aria-labelledby={`${id}-outline`}>
              <h3 id={`${id}-outline`} className="col-section-title">What it holds</h3>
              <ul className="col-outline">
                {preview.outline.slice(0, 30).map((entry, index) => (
                  <li key={`${entry.name}-${index}`}>
                    {entry.kind === 'request' ? <span className={`col-method col-method-${(entry.method ?? 'get').toLowerCase()}`}>{entry.method}</span> : <span className="col-glyph" aria-hidden="true"><Icon name="folder" size={14} /></span>}
                    <span>{entry.name}</span>
                    {entry.kind === 'folder' && <span className="muted"> · {countOf(entry.requests ?? 0, 'request')}</span>}
                  </li>
                ))}
                {preview.outline.length > 30 && <li className="muted">… and {countOf(preview.outline.length - 30, 'more entry', 'more entries')}</li>}
              </ul>
            </section>
          )}
          {preview.environments.length > 0 && (
            <p className="col-hint">Environments: {preview.environments.join(', ')}.</p>
          )}
          <section className="col-section" aria-labelledby={`${id}-unmapped`}>
            <h3 id={`${id}-unmapped`} className="col-section-title">Not imported, or only in part ({preview.report.unmapped.length})</h3>
            {preview.report.unmapped.length === 0 ? (
              <p className="col-ok">Everything mapped.</p>
            ) : (
              <ul className="col-report">
                {preview.report.unmapped.map((entry, index) => (
                  <li key={`${entry.item}-${index}`}>
                    <strong>{entry.item}</strong>: {entry.reason}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {preview.report.notes.length > 0 && (
            <section className="col-section" aria-labelledby={`${id}-notes`}>
              <h3 id={`${id}-notes`} className="col-section-title">Notes</h3>
              <ul className="col-report">
                {preview.report.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </ModalDialog>
  )
}
