import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import type { ImportPreview, ProfileSummary, ProfileUpdateResult, SecretBackendInfo } from '@shared/contract'
import { api, ApiError, unwrap } from '../../api/client'
import { DEFAULT_SCOPES, ENV_LABELS, orgIdProblem, PRESET_HOSTS, schemeSuggestions } from './environments'
import { ScopesEditor } from './ScopesEditor'

type EditableEnv = 'production' | 'stage' | 'custom'

/** A Developer Console file read into the form: its text goes back to main on save, so its secret never comes here. */
interface ImportedFile {
  filename: string
  content: string
  preview: ImportPreview
}

interface Props {
  profile?: ProfileSummary
  backend: SecretBackendInfo | undefined
  /** `notice`: what main says the save also did (a host change removed the stored secret). */
  onSaved(profile: ProfileSummary, notice?: string): void
  onCancel(): void
  /** Put the keyboard in the form as it opens (it was asked for from elsewhere: the welcome). */
  focusOnOpen?: boolean
}

/** Create or edit a profile. The secret field is write-only: it is sent once and never shown again. */
export function ProfileForm({ profile, backend, onSaved, onCancel, focusOnOpen }: Props) {
  const nameField = useRef<HTMLInputElement>(null)
  // After the task that closes the welcome dialog, which hands focus back to where it was opened from.
  useEffect(() => {
    if (!focusOnOpen) return
    const timer = setTimeout(() => nameField.current?.focus(), 0)
    return () => clearTimeout(timer)
  }, [focusOnOpen])
  const [name, setName] = useState(profile?.name ?? '')
  const [environment, setEnvironment] = useState<EditableEnv>(profile && profile.environment !== 'sandbox' ? profile.environment : 'production')
  const [imsBaseUrl, setIms] = useState(profile?.environment === 'custom' ? profile.imsBaseUrl : '')
  const [reactorBaseUrl, setReactor] = useState(profile?.environment === 'custom' ? profile.reactorBaseUrl : '')
  const [clientId, setClientId] = useState(profile?.clientId ?? '')
  const [orgId, setOrgId] = useState(profile?.orgId ?? '')
  const [orgTouched, setOrgTouched] = useState(Boolean(profile))
  const [scopes, setScopes] = useState<string[]>(profile?.scopes ?? [...DEFAULT_SCOPES])
  const [authKind, setAuthKind] = useState(profile?.authKind ?? 'oauth-s2s')
  const [secret, setSecret] = useState('')
  const [error, setError] = useState<ApiError | Error | undefined>()
  const [busy, setBusy] = useState(false)
  const [imported, setImported] = useState<ImportedFile | undefined>()
  const [importError, setImportError] = useState<string | undefined>()

  const orgProblem = orgTouched ? orgIdProblem(orgId) : undefined
  const [hostsTouched, setHostsTouched] = useState(false)
  const imsSuggestions = environment === 'custom' ? schemeSuggestions(imsBaseUrl) : undefined
  const reactorSuggestions = environment === 'custom' ? schemeSuggestions(reactorBaseUrl) : undefined
  const unschemedHost = imsSuggestions !== undefined || reactorSuggestions !== undefined
  const secretStored = profile?.secret.stored && profile.secret.kind === (authKind === 'manual-token' ? 'manual-token' : 'client-secret')
  const secretLabel = authKind === 'manual-token' ? 'Access token' : 'Client Secret'
  const keychainRefused = error instanceof ApiError && error.code.startsWith('keychain-')

  /** Fills the form from a Developer Console project (or Postman environment) file; nothing is saved yet. */
  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setImportError(undefined)
    try {
      const content = await file.text()
      const { preview } = await unwrap(api().importProfile({ filename: file.name, content, mode: 'preview' }))
      const { draft } = preview
      setName(draft.name)
      setEnvironment(draft.environment)
      setIms(draft.imsBaseUrl ?? '')
      setReactor(draft.reactorBaseUrl ?? '')
      setClientId(draft.clientId)
      setOrgId(draft.orgId)
      setOrgTouched(true)
      setScopes(draft.scopes)
      setAuthKind('oauth-s2s')
      setImported({ filename: file.name, content, preview })
    } catch (failure) {
      setImported(undefined)
      setImportError(`${file.name} could not be read as a credential: ${(failure as Error).message}`)
    }
  }

  // The file's client secret is used only for the client it came with: a typed secret, or another Client ID, wins.
  const secretFromFile = imported?.preview.hasClientSecret === true && !secret && clientId === imported.preview.draft.clientId && authKind === 'oauth-s2s'

  async function save(sessionOnly = false) {
    setBusy(true)
    setError(undefined)
    const draft = {
      name,
      environment,
      ...(environment === 'custom' ? { imsBaseUrl, reactorBaseUrl } : {}),
      clientId,
      orgId,
      scopes,
      authKind
    }
    try {
      let saved: ProfileSummary
      let notice: string | undefined
      if (profile) {
        const updated: ProfileUpdateResult = await unwrap(api().updateProfile({ id: profile.id, draft }))
        const { notice: updateNotice, ...summary } = updated
        saved = summary
        notice = updateNotice
        if (secret) {
          if (authKind === 'manual-token') await unwrap(api().setManualToken({ profileId: profile.id, token: secret, sessionOnly }))
          else await unwrap(api().setSecret({ profileId: profile.id, kind: 'client-secret', value: secret, sessionOnly }))
        }
      } else if (imported && secretFromFile) {
        const result = await unwrap(
          api().importProfile({
            filename: imported.filename,
            content: imported.content,
            mode: 'create',
            overrides: draft,
            acceptJwtMigration: imported.preview.kind === 'jwt-service-account',
            sessionOnly
          })
        )
        if (!result.profile) throw new Error(`${imported.filename} did not give a profile; fill in the values by hand.`)
        saved = result.profile
      } else if (authKind === 'manual-token') {
        saved = await unwrap(api().createProfile({ draft }))
        if (secret) await unwrap(api().setManualToken({ profileId: saved.id, token: secret, sessionOnly }))
      } else {
        saved = await unwrap(api().createProfile({ draft, ...(secret ? { clientSecret: secret, sessionOnly } : {}) }))
      }
      setSecret('')
      onSaved(saved, notice)
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setOrgTouched(true)
    setHostsTouched(true)
    if (orgIdProblem(orgId) || unschemedHost) return
    void save()
  }

  return (
    <form className="card profile-form" onSubmit={submit} aria-label={profile ? `Edit ${profile.name}` : 'New profile'} noValidate>
      <h2 className="card-title">{profile ? `Edit “${profile.name}”` : 'New profile'}</h2>
      <p className="muted form-intro">
        Copy these from <strong>Adobe Developer Console → your project → OAuth Server-to-Server</strong>
        {profile ? '.' : ', or import the project file Developer Console downloads.'}
      </p>
      {!profile && (
        <div className="import-inputs form-import">
          <label className="btn file-button">
            Import project file…
            <input type="file" accept=".json,application/json" className="visually-hidden" aria-label="Developer Console project file" onChange={(event) => void importFile(event)} />
          </label>
          {imported ? (
            <span className="form-import-summary small" role="status">
              Filled in from <span className="mono">{imported.filename}</span>: {imported.preview.description}{' '}
              {imported.preview.hasClientSecret
                ? `Its client secret goes straight to ${backend?.label ?? 'the keychain'} when you save.`
                : 'It holds no client secret: type it below.'}
            </span>
          ) : (
            <span className="muted">
              Download it from the project&apos;s page in Developer Console (<span className="mono">Download</span>), or fill in the three values below.
            </span>
          )}
        </div>
      )}
      {importError && (
        <p className="form-error" role="alert">
          {importError}
        </p>
      )}
      {imported?.preview.jwtMigration && (
        <div className="callout callout-warn" role="note">
          <strong>JWT credentials reached end of life on 2025-06-30.</strong> {imported.preview.jwtMigration}
        </div>
      )}
      {imported && imported.preview.warnings.length > 0 && (
        <ul className="warnings" aria-label="About the imported file">
          {imported.preview.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <label className="field">
          Name
          <input ref={nameField} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Acme production" required />
        </label>
        <fieldset className="field env-picker">
          <legend>Environment</legend>
          <div className="segmented" role="radiogroup" aria-label="Environment">
            {(['production', 'stage', 'custom'] as const).map((env) => (
              <button key={env} type="button" role="radio" aria-checked={environment === env} className="segment" onClick={() => setEnvironment(env)}>
                {ENV_LABELS[env]}
              </button>
            ))}
          </div>
          {environment !== 'custom' ? (
            <span className="hint mono">
              {PRESET_HOSTS[environment].ims} · {PRESET_HOSTS[environment].reactor}
            </span>
          ) : null}
        </fieldset>
        {environment === 'custom' && (
          <>
            <HostField label="IMS host" value={imsBaseUrl} onChange={setIms} placeholder="https://ims-na1.adobelogin.com" suggestions={imsSuggestions} asked={hostsTouched} onBlur={() => setHostsTouched(true)} />
            <HostField label="Reactor host" value={reactorBaseUrl} onChange={setReactor} placeholder="https://reactor.adobe.io" suggestions={reactorSuggestions} asked={hostsTouched} onBlur={() => setHostsTouched(true)} />
          </>
        )}
        <label className="field">
          Client ID (sent as x-api-key)
          <input className="input mono" value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} required />
        </label>
        <label className="field">
          Organization ID
          <input
            className="input mono"
            value={orgId}
            onChange={(e) => setOrgId(e.target.value)}
            onBlur={() => setOrgTouched(true)}
            aria-invalid={orgProblem ? true : undefined}
            aria-describedby="org-id-help"
            placeholder="1234567890ABCDEF12345678@AdobeOrg"
            spellCheck={false}
          />
          <span id="org-id-help" className={orgProblem ? 'inline-error' : 'hint'}>
            {orgProblem ?? (orgId ? 'Looks like an Adobe Org ID.' : 'Ends in @AdobeOrg.')}
          </span>
        </label>
        <fieldset className="field full">
          <legend>Authentication</legend>
          <div className="segmented" role="radiogroup" aria-label="Authentication">
            <button type="button" role="radio" aria-checked={authKind === 'oauth-s2s'} className="segment" onClick={() => setAuthKind('oauth-s2s')}>
              OAuth Server-to-Server
            </button>
            <button type="button" role="radio" aria-checked={authKind === 'manual-token'} className="segment" onClick={() => setAuthKind('manual-token')}>
              Pasted access token
            </button>
          </div>
        </fieldset>
        <label className="field full">
          {secretLabel}
          {authKind === 'manual-token' ? (
            <textarea
              className="input mono token-paste"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              placeholder={secretStored ? `A token is stored in ${profile?.secret.backend.label}. Paste a new one to replace it.` : 'Paste the access token from Developer Console (“Generate access token”)'}
              spellCheck={false}
              autoComplete="off"
            />
          ) : (
            <input
              className="input mono"
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="new-password"
              placeholder={
                secretStored ? `Stored in ${profile?.secret.backend.label} — type to replace` : secretFromFile ? 'From the imported file — type to use another' : 'p8e-…'
              }
            />
          )}
          <span className="hint">
            Write-only: it goes to {backend ? <strong>{backend.label}</strong> : 'the keychain'} and is never shown again.
            {backend && !backend.persistent ? ' It will be forgotten when Reactor Explorer quits.' : ''}
          </span>
        </label>
        {authKind === 'oauth-s2s' && (
          <div className="field full">
            <span>Scopes</span>
            <ScopesEditor value={scopes} onChange={setScopes} />
          </div>
        )}
      </div>
      {error && (
        <div className={`form-error ${keychainRefused ? 'form-error-warn' : ''}`} role="alert">
          <p>{error.message}</p>
          {keychainRefused && (
            <button type="button" className="btn" onClick={() => void save(true)} disabled={busy}>
              Keep for this session only
            </button>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : profile ? 'Save changes' : 'Save profile'}
        </button>
      </div>
    </form>
  )
}

interface HostFieldProps {
  label: string
  value: string
  onChange(value: string): void
  placeholder: string
  /** The field's text with a scheme, when it has none: asked, never applied silently. */
  suggestions: string[] | undefined
  /** Ask once the person left the field or tried to save (not while the first characters are typed). */
  asked: boolean
  onBlur(): void
}

/** A custom host: a URL with its scheme. Without one, "Did you mean https://…?" with a button to take it. */
function HostField({ label, value, onChange, placeholder, suggestions, asked, onBlur }: HostFieldProps) {
  const id = useId()
  const asking = asked && suggestions !== undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={asking ? true : undefined}
        aria-describedby={asking ? `${id}-scheme` : undefined}
      />
      {asking && (
        <span id={`${id}-scheme`} className="inline-error" role="alert">
          A host needs its scheme. Did you mean {suggestions.map((url, index) => (
            <span key={url}>
              {index > 0 && ' or '}
              <button type="button" className="link-button mono" onClick={() => onChange(url)}>{url}</button>
            </span>
          ))}?
        </span>
      )}
    </div>
  )
}
