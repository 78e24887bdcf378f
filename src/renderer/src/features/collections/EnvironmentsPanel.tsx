import { useEffect, useId, useMemo, useState } from 'react'
import type { CollectionView, SaveResult, SecretFinding } from '@shared/ipc/collections.contract'
import { useActiveProfile } from '../../state/active-profile'
import { deleteEnvironment, saveEnvironment } from './collections-store'
import { plainEnvironment } from './environments'
import { KeyValueEditor, rowsFromVariables, rowsKey, variablesFromRows, type EditRow } from './KeyValueEditor'
import { countOf } from '../../ui/plural'
import { SecretsFoundDialog } from './SaveDialogs'

const NEW = '\u0000new'

/**
 * A collection's environments (environments/*.yml): each a set of variables, and the profile it is used with.
 * The Request area uses the environment bound to the active profile, so switching profile switches environment.
 */
export function EnvironmentsPanel({ view }: { view: CollectionView }) {
  const { profiles, activeProfileId } = useActiveProfile()
  const [selected, setSelected] = useState<string>(() => view.environments.find((environment) => environment.profileId === activeProfileId)?.name ?? view.environments[0]?.name ?? NEW)
  const current = view.environments.find((environment) => environment.name === selected)
  const isNew = selected === NEW || !current
  const id = useId()

  useEffect(() => {
    if (selected !== NEW && !view.environments.some((environment) => environment.name === selected)) setSelected(view.environments[0]?.name ?? NEW)
  }, [view.environments, selected])

  return (
    <div className="col-envs">
      <div className="col-env-list" role="group" aria-label="Environments">
        {view.environments.map((environment) => {
          const profile = profiles.find((candidate) => candidate.id === environment.profileId)
          return (
            <button key={environment.name} type="button" className="col-env-choice" aria-pressed={environment.name === selected} onClick={() => setSelected(environment.name)}>
              <span className="col-env-name">{environment.name}</span>
              <span className="col-env-meta">
                {profile ? `with ${profile.name}` : environment.profileId ? 'with a profile not on this machine' : 'no profile'} · {countOf(environment.variables.length, 'variable')}
              </span>
            </button>
          )
        })}
        <button type="button" className="col-env-choice col-env-add" aria-pressed={isNew} onClick={() => setSelected(NEW)} disabled={Boolean(view.readOnlyReason)}>
          + New environment
        </button>
      </div>
      <EnvironmentEditor key={`${id}-${isNew ? NEW : current!.name}`} view={view} environment={isNew ? undefined : current} onSaved={setSelected} onDeleted={() => setSelected(view.environments.find((environment) => environment.name !== selected)?.name ?? NEW)} />
    </div>
  )
}

function EnvironmentEditor({ view, environment, onSaved, onDeleted }: { view: CollectionView; environment: CollectionView['environments'][number] | undefined; onSaved(name: string): void; onDeleted(): void }) {
  const { profiles, activeProfile } = useActiveProfile()
  const id = useId()
  const [name, setName] = useState(environment?.name ?? (activeProfile ? activeProfile.name : 'New environment'))
  const [profileId, setProfileId] = useState<string>(environment ? (environment.profileId ?? '') : (activeProfile?.id ?? ''))
  const [rows, setRows] = useState<EditRow[]>(() => rowsFromVariables(environment?.variables ?? []))
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>()
  const [findings, setFindings] = useState<SecretFinding[] | undefined>()
  const [confirmDelete, setConfirmDelete] = useState(false)
  const readOnly = view.readOnlyReason
  const dirty = useMemo(
    () => !environment || name.trim() !== environment.name || profileId !== (environment.profileId ?? '') || rowsKey(rows) !== rowsKey(rowsFromVariables(environment.variables)),
    [environment, name, profileId, rows]
  )
  const otherBound = profileId ? view.environments.find((other) => other.profileId === profileId && other.name !== environment?.name) : undefined
  const unknownProfile = profileId && !profiles.some((profile) => profile.id === profileId)

  const submit = async (secretsAs?: 'variables') => {
    const trimmed = name.trim()
    if (!trimmed) {
      setMessage({ tone: 'error', text: 'Give the environment a name.' })
      return
    }
    if (view.environments.some((other) => other.name.toLowerCase() === trimmed.toLowerCase() && other.name !== environment?.name)) {
      setMessage({ tone: 'error', text: `This collection already has an environment named “${trimmed}”.` })
      return
    }
    setBusy(true)
    setMessage(undefined)
    try {
      // One environment per profile: the one used with it so far lets go.
      if (otherBound) {
        const released = await saveEnvironment({ collectionId: view.id, environment: plainEnvironment(otherBound, { profileId: undefined }), previousName: otherBound.name })
        if (released.status !== 'saved') throw new Error(released.message)
      }
      const base = environment ? plainEnvironment(environment) : { name: trimmed, variables: [] }
      const result: SaveResult = await saveEnvironment({
        collectionId: view.id,
        environment: { ...base, name: trimmed, variables: variablesFromRows(rows), ...(profileId ? { profileId } : { profileId: undefined }) },
        ...(environment ? { previousName: environment.name } : {}),
        ...(secretsAs ? { secretsAs } : {})
      })
      if (result.status === 'saved') {
        setFindings(undefined)
        // Typed secret values went to the keychain: the table forgets them and shows them as stored.
        const saved = result.collection.environments.find((candidate) => candidate.name === trimmed)
        if (saved) setRows(rowsFromVariables(saved.variables))
        setMessage({ tone: 'ok', text: `Saved ${result.path}.` })
        onSaved(trimmed)
      } else if (result.status === 'secrets-found') setFindings(result.findings)
      else setMessage({ tone: 'error', text: result.message })
    } catch (error) {
      setMessage({ tone: 'error', text: `Not saved: ${(error as Error).message}` })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="col-env-editor">
      <div className="col-form col-form-row">
        <label className="field" htmlFor={`${id}-name`}>
          <span>Name</span>
          <input id={`${id}-name`} className="input" value={name} maxLength={200} disabled={Boolean(readOnly)} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field" htmlFor={`${id}-profile`}>
          <span>Used with profile</span>
          <select id={`${id}-profile`} className="select" value={profileId} disabled={Boolean(readOnly)} onChange={(event) => setProfileId(event.target.value)}>
            <option value="">No profile</option>
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>{profile.name}</option>
            ))}
            {unknownProfile && <option value={profileId}>A profile not on this machine</option>}
          </select>
        </label>
      </div>
      {otherBound && <p className="col-hint">Saving moves this profile from “{otherBound.name}” to this environment (a profile uses one environment per collection).</p>}
      <KeyValueEditor label={`Variables of ${environment?.name ?? 'the new environment'}`} kind="variables" rows={rows} onChange={setRows} disabled={Boolean(readOnly)} />
      {!readOnly && (
        <div className="col-actions">
          <button type="button" className="btn btn-primary" disabled={busy || !dirty} onClick={() => void submit()}>{busy ? 'Saving…' : environment ? 'Save environment' : 'Create environment'}</button>
          {environment && !confirmDelete && (
            <button type="button" className="btn" disabled={busy} onClick={() => setConfirmDelete(true)}>Delete…</button>
          )}
          {environment && confirmDelete && (
            <span className="col-confirm" role="group" aria-label="Confirm delete">
              Delete “{environment.name}” and its stored secrets?
              <button
                type="button"
                className="btn btn-small col-danger"
                onClick={() =>
                  void deleteEnvironment(view.id, environment.name).then(onDeleted, (error: Error) => {
                    setConfirmDelete(false)
                    setMessage({ tone: 'error', text: `Not deleted: ${error.message}` })
                  })
                }
              >
                Delete
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirmDelete(false)}>Keep</button>
            </span>
          )}
          {message && <span className={message.tone === 'error' ? 'inline-error' : 'col-ok'} role="status">{message.text}</span>}
        </div>
      )}
      {findings && <SecretsFoundDialog findings={findings} busy={busy} onCancel={() => (setFindings(undefined), setMessage({ tone: 'error', text: 'Not saved: a value looks like a secret.' }))} onStore={() => void submit('variables')} />}
    </div>
  )
}
