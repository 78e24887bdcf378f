import { useEffect, useRef, useState } from 'react'
import type { ProfileSummary } from '@shared/contract'
import { api, unwrap } from '../../api/client'
import { useActiveProfile, useProfilesData } from '../../state/active-profile'
import { registerProfileFormOpener } from '../../state/workbench-commands'
import { ENV_LABELS } from './environments'
import { ImportPanel } from './ImportPanel'
import { ProfileDetail } from './ProfileDetail'
import { ProfileForm } from './ProfileForm'
import './profiles.css'

type Mode = { kind: 'view' } | { kind: 'create'; testAfterSave?: boolean } | { kind: 'edit'; id: string } | { kind: 'import' }

export function ProfilesArea() {
  const { activeProfileId, setActiveProfileId, refresh } = useActiveProfile()
  const { state, error, summaries } = useProfilesData()
  const [selectedId, setSelectedId] = useState<string | undefined>()
  const [mode, setMode] = useState<Mode>({ kind: 'view' })
  const [problem, setProblem] = useState<string | undefined>()
  // What the last save also did (a host change removed the stored secret): shown until dismissed.
  const [savedNotice, setSavedNotice] = useState<string | undefined>()
  // The profile whose Credential Doctor runs as soon as it shows (saved from the welcome's form).
  const [testOnOpenId, setTestOnOpenId] = useState<string | undefined>()

  // The welcome's "Add my Adobe credential" lands here: the new-profile form, ready to import or paste.
  useEffect(() => registerProfileFormOpener((request) => setMode({ kind: 'create', testAfterSave: request.testAfterSave })), [])

  useEffect(() => {
    if (!selectedId || !summaries.some((p) => p.id === selectedId)) setSelectedId(activeProfileId ?? summaries[0]?.id)
  }, [summaries, selectedId, activeProfileId])

  // The area stays mounted while others show, so a profile made active elsewhere (the Sandbox's "Use this
  // scenario", the status bar's switcher, the palette) would leave it on the one it first selected: it follows
  // the active profile when that changes. Not while a form is open here: a change then is let go (the list
  // still marks the new active one), so neither the form nor, after Save or Cancel, the profile it was about
  // is taken from the person.
  const followedActiveId = useRef(activeProfileId)
  const viewing = mode.kind === 'view'
  useEffect(() => {
    if (activeProfileId === followedActiveId.current) return
    followedActiveId.current = activeProfileId
    if (viewing && activeProfileId) setSelectedId(activeProfileId)
    // Only a change of the active profile moves the selection, never the return to the view.
  }, [activeProfileId])

  const selected = summaries.find((p) => p.id === selectedId)
  const editing = mode.kind === 'edit' ? summaries.find((p) => p.id === mode.id) : undefined

  async function saved(profile: ProfileSummary, notice?: string) {
    setSavedNotice(notice)
    await refresh()
    setSelectedId(profile.id)
    setTestOnOpenId(mode.kind === 'create' && mode.testAfterSave ? profile.id : undefined)
    setMode({ kind: 'view' })
  }

  async function duplicate(id: string) {
    try {
      const copy = await unwrap(api().duplicateProfile({ id }))
      await saved(copy)
    } catch (failure) {
      setProblem((failure as Error).message)
    }
  }

  async function remove(profile: ProfileSummary) {
    if (!window.confirm(`Delete “${profile.name}” and its secret from ${profile.secret.backend.label}?`)) return
    try {
      await unwrap(api().deleteProfile({ id: profile.id }))
      setSelectedId(undefined)
      await refresh()
    } catch (failure) {
      setProblem((failure as Error).message)
    }
  }

  const backend = state?.secretBackend
  return (
    <section className="area profiles-area" aria-labelledby="area-title">
      <header className="area-header">
        <h1 id="area-title">Profiles</h1>
        <div className="detail-actions">
          <button type="button" className="btn" onClick={() => setMode({ kind: 'import' })}>
            Import…
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setMode({ kind: 'create' })}>
            New profile
          </button>
        </div>
      </header>
      {state?.notices.map((notice) => (
        <div key={notice.message} className={`callout ${notice.level === 'info' ? '' : 'callout-warn'}`} role="alert">
          {notice.message}
        </div>
      ))}
      {backend && !backend.persistent && (
        <div className="callout callout-warn" role="note">
          <strong>Secrets are kept for this session only.</strong> {backend.problem?.message ?? 'No system keychain is available.'} Secrets you enter
          now are forgotten when Reactor Explorer quits; nothing is written to disk in plain text.
        </div>
      )}
      {savedNotice && (
        <p className="form-error form-error-warn" role="alert" data-testid="profile-saved-notice">
          {savedNotice}
          <button type="button" className="link-button" onClick={() => setSavedNotice(undefined)}>Dismiss</button>
        </p>
      )}
      {(error ?? problem) && (
        // role=status, not alert: the app shell already announces a core that cannot answer.
        <p className="form-error" role="status">
          {error ?? problem}
        </p>
      )}
      <div className="profiles-layout">
        <nav className="profile-list card" aria-label="Profiles list">
          <ul>
            {summaries.map((profile) => (
              <li key={profile.id}>
                <button
                  type="button"
                  className="profile-item"
                  aria-current={profile.id === selectedId && mode.kind === 'view' ? 'true' : undefined}
                  onClick={() => {
                    setSelectedId(profile.id)
                    setTestOnOpenId(undefined)
                    setMode({ kind: 'view' })
                  }}
                >
                  <span className={`active-dot ${profile.id === activeProfileId ? 'on' : ''}`} aria-label={profile.id === activeProfileId ? 'active' : undefined} />
                  <span className="profile-item-text">
                    <span className="profile-item-name">{profile.name}</span>
                    <span className="profile-item-meta">
                      {profile.simulated ? 'Simulated' : ENV_LABELS[profile.environment]} · <span className="mono">{profile.clientId}</span>
                    </span>
                  </span>
                  {profile.problem ? (
                    <span className="badge badge-error" title={profile.problem}>cannot be used</span>
                  ) : (
                    !profile.simulated && !profile.secret.stored && <span className="badge badge-error">no secret</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          {summaries.length <= 1 && (
            <p className="muted small list-hint">
              Add the credential from Adobe Developer Console, or try the built-in <strong>Sandbox</strong> profile first: it needs no setup.
            </p>
          )}
        </nav>
        <div className="profile-main">
          {mode.kind === 'create' && (
            <ProfileForm backend={backend} onSaved={(p) => void saved(p)} onCancel={() => setMode({ kind: 'view' })} focusOnOpen={mode.testAfterSave} />
          )}
          {mode.kind === 'edit' && editing && (
            <ProfileForm key={editing.id} profile={editing} backend={backend} onSaved={(p, notice) => void saved(p, notice)} onCancel={() => setMode({ kind: 'view' })} />
          )}
          {mode.kind === 'import' && <ImportPanel onCreated={(p) => void saved(p)} onCancel={() => setMode({ kind: 'view' })} />}
          {mode.kind === 'view' && selected && (
            <ProfileDetail
              profile={selected}
              active={selected.id === activeProfileId}
              onEdit={() => {
                setTestOnOpenId(undefined)
                setMode({ kind: 'edit', id: selected.id })
              }}
              onDuplicate={() => void duplicate(selected.id)}
              onDelete={() => void remove(selected)}
              onActivate={() => setActiveProfileId(selected.id)}
              testOnOpen={testOnOpenId === selected.id}
            />
          )}
        </div>
      </div>
    </section>
  )
}
