import { useEffect, useId, useRef, useState } from 'react'
import type { DoctorReport, DoctorStep, DoctorStepId, ProfileSummary } from '@shared/contract'
import { api, unwrap } from '../../api/client'
import { DoctorReportView } from './DoctorReportView'
import { ENV_LABELS } from './environments'
import { formatRemaining, useRemaining, useTokenInfo } from './use-token'

const STEP_ORDER: Array<[DoctorStepId, string]> = [
  ['ims-reachable', 'Adobe IMS is reachable'],
  ['token', 'An access token is issued'],
  ['claims', 'The token matches the profile'],
  ['companies', 'Reactor accepts the token (GET /companies)']
]

const pendingSteps = (): DoctorStep[] => STEP_ORDER.map(([id, title]) => ({ id, title, status: 'pending', summary: 'Waiting…', details: [] }))

interface Props {
  profile: ProfileSummary
  active: boolean
  onEdit(): void
  onDuplicate(): void
  onDelete(): void
  onActivate(): void
  /** Run the Credential Doctor at once (a profile just saved from the welcome's "Add my Adobe credential"). */
  testOnOpen?: boolean
}

/** A Sandbox profile's hosts before the Sandbox runs; main re-lists the profiles once it starts, so the real address replaces this. */
const SANDBOX_NOT_RUNNING = 'Sandbox not running yet (Test credential or a send starts it)'

export function ProfileDetail({ profile, active, onEdit, onDuplicate, onDelete, onActivate, testOnOpen }: Props) {
  const [token, setToken] = useTokenInfo(profile.id)
  const remaining = useRemaining(token?.expiresAt)
  const [steps, setSteps] = useState<DoctorStep[] | undefined>()
  const [report, setReport] = useState<DoctorReport | undefined>()
  const [running, setRunning] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>()
  const runId = useRef<string | undefined>(undefined)
  const problemId = useId()

  useEffect(() => {
    setSteps(undefined)
    setReport(undefined)
    setMessage(undefined)
  }, [profile.id])

  useEffect(() => {
    if (!window.api?.onDoctorProgress) return
    return api().onDoctorProgress((progress) => {
      if (progress.runId !== runId.current) return
      setSteps((current) => (current ?? pendingSteps()).map((step) => (step.id === progress.step.id ? progress.step : step)))
    })
  }, [])

  async function test() {
    const id = `${profile.id}-${Date.now()}`
    runId.current = id
    setRunning(true)
    setReport(undefined)
    setMessage(undefined)
    setSteps(pendingSteps())
    try {
      const result = await unwrap(api().runCredentialDoctor({ profileId: profile.id, runId: id }))
      setSteps(result.steps)
      setReport(result)
      if (result.token) setToken(result.token)
    } catch (failure) {
      setMessage({ kind: 'error', text: (failure as Error).message })
      setSteps(undefined)
    } finally {
      setRunning(false)
    }
  }

  async function act(work: () => Promise<string>) {
    setMessage(undefined)
    try {
      setMessage({ kind: 'ok', text: await work() })
    } catch (failure) {
      setMessage({ kind: 'error', text: (failure as Error).message })
    }
  }

  const generate = () =>
    act(async () => {
      setToken(await unwrap(api().generateToken({ id: profile.id })))
      return 'A new access token was issued. It stays in Reactor Explorer’s main process.'
    })
  const copyToken = () =>
    act(async () => {
      const result = await unwrap(api().copyAccessToken({ id: profile.id }))
      setToken(result.token)
      return 'Access token copied to the clipboard. Treat it like a password.'
    })
  const copyReport = () =>
    act(async () => {
      try {
        await unwrap(api().copyDoctorReport({ id: profile.id }))
      } catch (failure) {
        // Browser mode: main cannot reach the clipboard; the report is redacted text, so the page may copy it.
        if ((failure as { code?: string }).code !== 'clipboard-unavailable' || !report) throw failure
        await navigator.clipboard.writeText(report.text)
      }
      return 'Report copied (no secret, no token in it).'
    })

  const manual = profile.authKind === 'manual-token'
  const blocked = profile.problem !== undefined

  useEffect(() => {
    if (testOnOpen && !blocked) void test()
    // Once per profile the area asks for: test() is a new function every render and must not re-trigger it.
  }, [testOnOpen, profile.id])
  const tokenState = !token || token.state === 'none' ? 'none' : remaining !== undefined && remaining <= 0 ? 'expired' : 'valid'

  return (
    <div className="profile-detail">
      <section className="card" aria-label="Profile">
        <div className="detail-head">
          <div>
            <h2 className="detail-title">
              {profile.name}
              {profile.simulated && <span className="badge badge-simulated">SIMULATED</span>}
              {active && <span className="badge badge-ok">Active</span>}
            </h2>
            <div className="muted">
              {ENV_LABELS[profile.environment]}
              {profile.simulated ? ' — a local simulator of IMS and Reactor, not Adobe. Nothing here touches real data.' : ''}
            </div>
          </div>
          <div className="detail-actions">
            {!active && (
              <button type="button" className="btn" onClick={onActivate}>
                Use this profile
              </button>
            )}
            {!profile.builtIn && (
              <>
                <button type="button" className="btn" onClick={onEdit}>
                  Edit
                </button>
                <button type="button" className="btn" onClick={onDuplicate}>
                  Duplicate
                </button>
                <button type="button" className="btn btn-danger" onClick={onDelete}>
                  Delete
                </button>
              </>
            )}
          </div>
        </div>
        {profile.problem && (
          <p className="form-error" role="alert" id={problemId} data-testid="profile-problem">
            This profile cannot be used until its hosts are edited: {profile.problem}
          </p>
        )}
        <dl className="facts">
          <dt>IMS</dt>
          <dd className={profile.imsBaseUrl ? 'mono' : 'muted'}>{profile.imsBaseUrl || (profile.simulated ? SANDBOX_NOT_RUNNING : '—')}</dd>
          <dt>Reactor</dt>
          <dd className={profile.reactorBaseUrl ? 'mono' : 'muted'}>{profile.reactorBaseUrl || (profile.simulated ? SANDBOX_NOT_RUNNING : '—')}</dd>
          <dt>Client ID</dt>
          <dd className="mono">{profile.clientId}</dd>
          <dt>Org ID</dt>
          <dd className="mono">{profile.orgId || '—'}</dd>
          <dt>Authentication</dt>
          <dd>{manual ? 'Pasted access token' : 'OAuth Server-to-Server'}</dd>
          <dt>{manual ? 'Access token' : 'Client Secret'}</dt>
          <dd>
            {profile.secret.stored ? (
              <span className="secret-state">
                <span className="status-dot status-dot-ok" aria-hidden="true" /> stored in {profile.secret.backend.label}
              </span>
            ) : (
              <span className="secret-state secret-missing">
                not set —{' '}
                <button type="button" className="link-button" onClick={onEdit}>
                  add it
                </button>
              </span>
            )}
            {profile.secret.backend.problem && profile.secret.backend.persistent && !profile.simulated && <div className="hint">{profile.secret.backend.problem.message}</div>}
          </dd>
          {!manual && (
            <>
              <dt>Scopes</dt>
              <dd className="scope-list">
                {profile.scopes.map((scope) => (
                  <span key={scope} className="scope-chip static mono">
                    {scope}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="card token-card" aria-label="Access token">
        <div className="token-row">
          <div>
            <h3 className="card-title">Access token</h3>
            <div className={`token-life token-${tokenState}`} aria-live="polite">
              {tokenState === 'none' && <span className="muted">No token yet — one is fetched when you test or send a request.</span>}
              {tokenState !== 'none' && token && (
                <>
                  <span className="countdown mono" data-testid="token-countdown">
                    {formatRemaining(remaining)}
                  </span>
                  <span className="muted">
                    {tokenState === 'expired'
                      ? manual
                        ? ' — expired. Paste a new token (Edit).'
                        : ' — expired; a new one is fetched on the next request.'
                      : ` left · fingerprint ${token.fingerprint}${token.refreshAt && !manual ? ` · renews at ${new Date(token.refreshAt).toLocaleTimeString()}` : ''}`}
                  </span>
                </>
              )}
            </div>
          </div>
          <div className="detail-actions">
            {!manual && (
              <button type="button" className="btn" onClick={() => void generate()} disabled={blocked} aria-describedby={blocked ? problemId : undefined}>
                Generate token
              </button>
            )}
            <button type="button" className="btn" onClick={() => void copyToken()}>
              Copy access token
            </button>
          </div>
        </div>
      </section>

      <section className="card doctor-card" aria-label="Credential Doctor">
        <div className="token-row">
          <div>
            <h3 className="card-title">Credential Doctor</h3>
            <p className="muted small no-margin">Runs Adobe’s getting-started checks and says what to fix.</p>
          </div>
          <div className="detail-actions">
            {report && (
              <button type="button" className="btn" onClick={() => void copyReport()}>
                Copy report
              </button>
            )}
            <button type="button" className="btn btn-primary" onClick={() => void test()} disabled={running || blocked} aria-describedby={blocked ? problemId : undefined}>
              {running ? 'Testing…' : 'Test credential'}
            </button>
          </div>
        </div>
        {steps && <DoctorReportView steps={steps} report={report} />}
      </section>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'toast-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  )
}
