import { useState, type ChangeEvent } from 'react'
import type { ImportPreview, ProfileSummary } from '@shared/contract'
import { api, unwrap } from '../../api/client'
import { useProfilesData } from '../../state/active-profile'
import { ENV_LABELS, orgIdProblem } from './environments'

const KIND_LABELS: Record<ImportPreview['kind'], string> = {
  'developer-console-project': 'Developer Console project',
  'postman-environment': 'Postman environment',
  'jwt-service-account': 'Legacy JWT (Service Account)'
}

/** Import from a file (picker) or pasted text: preview first, then create. Nothing is saved until then. */
export function ImportPanel({ onCreated, onCancel }: { onCreated(profile: ProfileSummary): void; onCancel(): void }) {
  const [filename, setFilename] = useState('pasted.json')
  const [content, setContent] = useState('')
  const [preview, setPreview] = useState<ImportPreview | undefined>()
  const [name, setName] = useState('')
  const [orgId, setOrgId] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const backend = useProfilesData().state?.secretBackend

  async function inspect(nextName: string, text: string) {
    setError(undefined)
    setPreview(undefined)
    if (!text.trim()) return
    setBusy(true)
    try {
      const result = await unwrap(api().importProfile({ filename: nextName, content: text, mode: 'preview' }))
      setPreview(result.preview)
      setName(result.preview.draft.name)
      setOrgId(result.preview.draft.orgId)
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    const text = await file.text()
    setFilename(file.name)
    setContent(text)
    await inspect(file.name, text)
  }

  async function create() {
    if (!preview) return
    setBusy(true)
    setError(undefined)
    try {
      const result = await unwrap(
        api().importProfile({
          filename,
          content,
          mode: 'create',
          name,
          overrides: { orgId },
          acceptJwtMigration: preview.kind === 'jwt-service-account'
        })
      )
      if (result.profile) onCreated(result.profile)
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const orgProblem = preview ? orgIdProblem(orgId) : undefined
  return (
    <section className="card import-panel" aria-label="Import a credential">
      <h2 className="card-title">Import a credential</h2>
      <p className="muted form-intro">
        Accepted: the project JSON from Developer Console (<span className="mono">Download</span> on the project), the Postman environment from{' '}
        <span className="mono">Download for Postman → OAuth Server-to-Server</span>, or a legacy JWT credential (explained, not used).
      </p>
      <div className="import-inputs">
        <label className="btn file-button">
          Choose file…
          <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} className="visually-hidden" aria-label="Credential file" />
        </label>
        <span className="muted">or paste it:</span>
      </div>
      <textarea
        className="input mono import-paste"
        aria-label="Paste credential JSON"
        placeholder='{"project": {…}} or {"values": [{"key": "API_KEY", …}]}'
        value={content}
        onChange={(e) => {
          setFilename('pasted.json')
          setContent(e.target.value)
        }}
        onBlur={() => void inspect(filename, content)}
        spellCheck={false}
      />
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn" onClick={() => void inspect(filename, content)} disabled={busy || !content.trim()}>
          Check file
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div className="import-preview" aria-label="Import preview">
          <div className="preview-head">
            <span className={`badge ${preview.kind === 'jwt-service-account' ? 'badge-simulated' : 'badge-ok'}`}>{KIND_LABELS[preview.kind]}</span>
            <span>{preview.description}</span>
          </div>
          {preview.jwtMigration && (
            <div className="callout callout-warn" role="note">
              <strong>JWT credentials reached end of life on 2025-06-30.</strong> {preview.jwtMigration}
            </div>
          )}
          <dl className="facts">
            <dt>Environment</dt>
            <dd>{ENV_LABELS[preview.draft.environment]}</dd>
            <dt>Client ID</dt>
            <dd className="mono">{preview.draft.clientId}</dd>
            <dt>Client Secret</dt>
            <dd>{preview.hasClientSecret ? `in the file — it goes straight to ${backend?.label ?? 'the keychain'}, never to the profiles file` : 'not in the file — add it after import'}</dd>
            <dt>Scopes</dt>
            <dd className="mono">{preview.draft.scopes.join(', ')}</dd>
          </dl>
          <div className="form-grid">
            <label className="field">
              Profile name
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field">
              Organization ID
              <input className="input mono" value={orgId} onChange={(e) => setOrgId(e.target.value)} aria-invalid={orgProblem ? true : undefined} />
              {orgProblem && <span className="inline-error">{orgProblem}</span>}
            </label>
          </div>
          {preview.warnings.length > 0 && (
            <ul className="warnings">
              {preview.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={busy || Boolean(orgProblem)}>
              {preview.kind === 'jwt-service-account' ? 'Create OAuth Server-to-Server profile (same Client ID)' : 'Create profile'}
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
