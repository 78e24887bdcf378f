import { useMemo, useState } from 'react'
import type { CollectionView, SecretFinding } from '@shared/ipc/collections.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import { urlFieldText } from '@shared/requests/url-params'
import { ModalDialog } from './ModalDialog'
import { countOf } from '../../ui/plural'
import { folderChoices } from './tree-model'

/** Values that look like credentials were found before anything was written: store them as secret variables, or not save. */
export function SecretsFoundDialog({ findings, busy, onStore, onCancel }: { findings: readonly SecretFinding[]; busy: boolean; onStore(): void; onCancel(): void }) {
  const blocked = findings.filter((finding) => !finding.fixable)
  return (
    <ModalDialog
      title="This looks like a secret"
      role="alertdialog"
      intro={`Nothing was saved: a collection file is shared (git, Bruno), so no credential is written into it. ${findings.length === 1 ? 'This value' : 'These values'} can be kept in your keychain as secret variables instead; the file then holds only {{name}}.`}
      onClose={onCancel}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>Cancel, don’t save</button>
          <button type="button" className="btn btn-primary" disabled={busy || blocked.length > 0} onClick={onStore} data-autofocus>
            {busy ? 'Storing…' : findings.length === 1 ? 'Store as a secret variable and save' : 'Store as secret variables and save'}
          </button>
        </>
      }
    >
      <table className="data-table col-findings" aria-label="Values that look like secrets">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Looks like</th>
            <th scope="col">Becomes</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr key={`${finding.file}:${finding.field}`}>
              <td>
                <span className="mono">{finding.field}</span>
                <span className="muted col-finding-file"> in {finding.file}</span>
              </td>
              <td>{finding.kind}</td>
              <td className="mono">{finding.fixable && finding.variable ? `{{${finding.variable}}}` : <span className="col-warn">cannot be moved (inside a kept script)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {blocked.length > 0 && (
        <p className="col-warn" role="alert">
          {countOf(blocked.length, 'value')} inside a script kept as text cannot become a variable. Remove {blocked.length === 1 ? 'it' : 'them'} from the request, then save again.
        </p>
      )}
    </ModalDialog>
  )
}

export type ConflictChoice = 'mine' | 'theirs' | 'both'

function describe(spec: Pick<RequestSpec, 'method' | 'url' | 'name' | 'params'> | undefined): string {
  return spec ? `${spec.method} ${urlFieldText(spec.url, spec.params ?? [])} (“${spec.name}”)` : 'cannot be read'
}

/**
 * The file changed on disk since the tab opened it (a git pull, an edit in Bruno): keep mine (write over it),
 * take theirs (the tab shows the file as it is now), or keep both (mine is saved as a copy beside it).
 */
export function ConflictDialog({
  name,
  path,
  disk,
  yours,
  busy,
  onChoice,
  onCancel
}: {
  name: string
  path: string
  disk: { deleted: boolean; spec?: Pick<RequestSpec, 'method' | 'url' | 'name' | 'params'>; unreadable?: string }
  yours: Pick<RequestSpec, 'method' | 'url' | 'name' | 'params'>
  busy: boolean
  onChoice(choice: ConflictChoice): void
  onCancel(): void
}) {
  return (
    <ModalDialog
      title={disk.deleted ? `“${name}” was deleted on disk` : `“${name}” changed on disk`}
      role="alertdialog"
      intro={
        disk.deleted
          ? `${path} is no longer in the collection folder (deleted or moved outside this app). Nothing was saved yet.`
          : `${path} was changed outside this tab since you opened it (a git pull, another editor). Nothing was saved yet; choose which version to keep. Neither is lost until you do.`
      }
      onClose={onCancel}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>Decide later</button>
          {!disk.deleted && (
            <button type="button" className="btn" onClick={() => onChoice('theirs')} disabled={busy || !disk.spec}>Take theirs</button>
          )}
          <button type="button" className="btn" onClick={() => onChoice('both')} disabled={busy}>
            {disk.deleted ? 'Save mine as a new request' : 'Keep both (save mine as a copy)'}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => onChoice('mine')} disabled={busy} data-autofocus>
            {disk.deleted ? 'Keep mine (write it again)' : 'Keep mine'}
          </button>
        </>
      }
    >
      <dl className="col-compare">
        <div>
          <dt>On disk now</dt>
          <dd className="mono">{disk.deleted ? 'no file' : disk.unreadable ? `unreadable: ${disk.unreadable}` : describe(disk.spec)}</dd>
        </div>
        <div>
          <dt>Yours (this tab)</dt>
          <dd className="mono">{describe(yours)}</dd>
        </div>
      </dl>
    </ModalDialog>
  )
}

export interface SaveAsChoice {
  /** An open collection, or undefined with `newCollection` set. */
  collectionId?: string
  newCollection?: string
  folder: string
  /** A new folder (inside `folder`) to create and save into. */
  newFolder?: string
  name: string
}

/** "Save as": which collection, which folder (or a new one), and the request's name. */
export function SaveAsDialog({
  collections,
  initial,
  busy,
  error,
  onSave,
  onCancel
}: {
  collections: readonly CollectionView[]
  initial: { collectionId?: string; folder?: string; name: string }
  busy: boolean
  error: string | undefined
  onSave(choice: SaveAsChoice): void
  onCancel(): void
}) {
  const writable = collections.filter((view) => !view.readOnlyReason)
  const NEW = '\u0000new'
  const [collectionId, setCollectionId] = useState<string>(initial.collectionId && writable.some((view) => view.id === initial.collectionId) ? initial.collectionId : (writable[0]?.id ?? NEW))
  const [newCollection, setNewCollection] = useState('My collection')
  const view = writable.find((candidate) => candidate.id === collectionId)
  const folders = useMemo(() => (view ? folderChoices(view) : [{ path: '', label: newCollection || 'New collection', depth: 0 }]), [view, newCollection])
  const [folder, setFolder] = useState<string>(initial.folder ?? '')
  const [newFolder, setNewFolder] = useState('')
  const [name, setName] = useState(initial.name)
  const folderValue = folder === NEW || folders.some((choice) => choice.path === folder) ? folder : ''
  const problem = !name.trim() ? 'Give the request a name.' : collectionId === NEW && !newCollection.trim() ? 'Name the new collection.' : folderValue === NEW && !newFolder.trim() ? 'Name the new folder.' : undefined
  const [tried, setTried] = useState(false)

  const submit = () => {
    setTried(true)
    if (problem) return
    onSave({
      ...(collectionId === NEW ? { newCollection: newCollection.trim() } : { collectionId }),
      folder: folderValue === NEW ? '' : folderValue,
      ...(folderValue === NEW ? { newFolder: newFolder.trim() } : {}),
      name: name.trim()
    })
  }

  return (
    <ModalDialog
      title="Save request to a collection"
      intro="The request becomes a file in the collection’s folder (OpenCollection YAML, which Bruno opens too). Secrets are never written into it."
      onClose={onCancel}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        </>
      }
    >
      <div className="col-form">
        <label className="field">
          <span>Request name</span>
          <input className="input" value={name} maxLength={256} onChange={(event) => setName(event.target.value)} aria-invalid={tried && !name.trim() ? true : undefined} />
        </label>
        <label className="field">
          <span>Collection</span>
          <select className="select" value={collectionId} onChange={(event) => setCollectionId(event.target.value)}>
            {writable.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>{candidate.name}</option>
            ))}
            <option value={NEW}>New collection…</option>
          </select>
        </label>
        {collectionId === NEW && (
          <label className="field">
            <span>New collection’s name</span>
            <input className="input" value={newCollection} maxLength={256} onChange={(event) => setNewCollection(event.target.value)} />
            <span className="col-hint">Created in the app’s collections folder; open it from anywhere later.</span>
          </label>
        )}
        <label className="field">
          <span>Folder</span>
          <select className="select" value={folderValue} onChange={(event) => setFolder(event.target.value)}>
            {folders.map((choice) => (
              <option key={choice.path} value={choice.path}>
                {`${'\u2003'.repeat(choice.depth)}${choice.path === '' ? `${choice.label} (top level)` : choice.label}`}
              </option>
            ))}
            <option value={NEW}>New folder…</option>
          </select>
        </label>
        {folderValue === NEW && (
          <label className="field">
            <span>New folder’s name</span>
            <input className="input" value={newFolder} maxLength={256} onChange={(event) => setNewFolder(event.target.value)} aria-invalid={tried && !newFolder.trim() ? true : undefined} />
          </label>
        )}
        {tried && problem && <p className="inline-error" role="alert">{problem}</p>}
        {error && <p className="inline-error" role="alert">{error}</p>}
      </div>
    </ModalDialog>
  )
}
