import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { AddFaultInput, SandboxFaultView, SandboxStatus } from '@shared/contract'
import { api, unwrap } from '../../api/client'
import './sandbox.css'
import { countOf } from '../../ui/plural'
import { ScenarioList } from './ScenarioList'

type FaultKind = AddFaultInput['kind']

const FAULT_LABELS: Record<FaultKind, string> = {
  latency: 'Added latency',
  status: 'Error status (429 / 5xx)',
  reset: 'Connection reset mid-body',
  stall: 'Body that stalls',
  'malformed-json': 'Malformed JSON body'
}

function describeFault(fault: SandboxFaultView): string {
  const where = `${fault.method ?? 'any method'} ${fault.path ?? 'any path'}`
  const what =
    fault.kind === 'latency'
      ? `+${fault.latencyMs} ms`
      : fault.kind === 'status'
        ? `HTTP ${fault.status}${fault.retryAfterSeconds !== undefined ? `, Retry-After ${fault.retryAfterSeconds}s` : ''}`
        : FAULT_LABELS[fault.kind]
  const count = fault.remaining === null ? 'every request' : `next ${countOf(fault.remaining, 'request')}`
  return `${what} on ${where} (${count})`
}

/** Parses the form's optional number fields; empty means "not set". */
function optionalInt(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number.parseInt(value, 10)
}

export function SandboxArea() {
  const [status, setStatus] = useState<SandboxStatus | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [kind, setKind] = useState<FaultKind>('status')
  const [path, setPath] = useState('')
  const [method, setMethod] = useState('')
  const [statusCode, setStatusCode] = useState('429')
  const [retryAfter, setRetryAfter] = useState('2')
  const [latency, setLatency] = useState('1500')
  const [times, setTimes] = useState('')

  const run = useCallback(async (call: () => Promise<SandboxStatus>) => {
    setBusy(true)
    setError(undefined)
    try {
      setStatus(await call())
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }, [])

  const refresh = useCallback(() => {
    unwrap(api().getSandboxStatus())
      .then(setStatus)
      .catch((failure: Error) => setError(failure.message))
  }, [])

  useEffect(() => {
    void run(() => unwrap(api().getSandboxStatus()))
  }, [run])

  const addFault = (event: FormEvent) => {
    event.preventDefault()
    const input: AddFaultInput = {
      kind,
      path: path.trim() || undefined,
      method: (method || undefined) as AddFaultInput['method'],
      times: optionalInt(times),
      ...(kind === 'status' ? { status: optionalInt(statusCode), retryAfterSeconds: optionalInt(retryAfter) } : {}),
      ...(kind === 'latency' ? { latencyMs: optionalInt(latency) } : {})
    }
    void run(() => unwrap(api().addSandboxFault(input)))
  }

  return (
    <section className="area sandbox-area" aria-labelledby="sandbox-title">
      <header className="area-header">
        <div>
          <h1 id="sandbox-title">
            Sandbox <span className="badge badge-simulated">SIMULATED</span>
          </h1>
          <p className="muted sandbox-lede">
            A local stand-in for Adobe IMS and the Reactor API. Nothing here reaches Adobe; every company, property
            and token it shows is simulated.
          </p>
        </div>
        {status && !status.running && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => unwrap(api().startSandbox()))}>
            Start sandbox
          </button>
        )}
      </header>

      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}

      {status && (
        <>
          <div className="card" aria-label="Sandbox status">
            <h2 className="card-title">Status</h2>
            {status.running ? (
              <dl className="sandbox-facts">
                <div>
                  <dt>Address</dt>
                  <dd className="mono" data-testid="sandbox-url">{status.baseUrl}</dd>
                </div>
                <div>
                  <dt>Data</dt>
                  <dd>
                    seed {status.seed}, {status.scale} scale
                  </dd>
                </div>
                <div>
                  <dt>Started in</dt>
                  <dd>{status.startupMs} ms</dd>
                </div>
                <div>
                  <dt>Served</dt>
                  <dd>
                    {countOf(status.stats?.imsTokenRequests ?? 0, 'token request')}, {countOf(status.stats?.reactorRequests ?? 0, 'Reactor request')}
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="muted">
                Not running. It starts by itself when you use the Sandbox profile, or press Start sandbox.
              </p>
            )}
          </div>

          <div className="card">
            <h2 className="card-title">Scenario credentials</h2>
            <p className="muted sandbox-note">
              Each one behaves like a real credential in a situation people meet. Use this scenario makes it a profile and
              makes that profile active; its secret stays in the app, so there is nothing to copy or type.
            </p>
            <ScenarioList scenarios={status.scenarios} onChanged={refresh} />
          </div>

          <div className="card">
            <h2 className="card-title">Faults</h2>
            <p className="muted sandbox-note">
              Make the sandbox misbehave the way real networks and APIs do, to see how requests and the Credential
              Doctor cope.
            </p>
            <form className="fault-form" onSubmit={addFault} aria-label="Add a fault">
              <label className="field">
                Fault
                <select className="select" value={kind} onChange={(event) => setKind(event.target.value as FaultKind)}>
                  {(Object.keys(FAULT_LABELS) as FaultKind[]).map((candidate) => (
                    <option key={candidate} value={candidate}>
                      {FAULT_LABELS[candidate]}
                    </option>
                  ))}
                </select>
              </label>
              {kind === 'status' && (
                <>
                  <label className="field fault-narrow">
                    Status
                    <input className="input" inputMode="numeric" value={statusCode} onChange={(event) => setStatusCode(event.target.value)} />
                  </label>
                  <label className="field fault-narrow">
                    Retry-After (s)
                    <input className="input" inputMode="numeric" value={retryAfter} onChange={(event) => setRetryAfter(event.target.value)} />
                  </label>
                </>
              )}
              {kind === 'latency' && (
                <label className="field fault-narrow">
                  Delay (ms)
                  <input className="input" inputMode="numeric" value={latency} onChange={(event) => setLatency(event.target.value)} />
                </label>
              )}
              <label className="field">
                Method
                <select className="select" value={method} onChange={(event) => setMethod(event.target.value)}>
                  <option value="">Any</option>
                  {['GET', 'POST', 'PATCH', 'DELETE'].map((candidate) => (
                    <option key={candidate}>{candidate}</option>
                  ))}
                </select>
              </label>
              <label className="field fault-path">
                Path (exact, or prefix ending in *)
                <input className="input mono" placeholder="/companies or /properties/*" value={path} onChange={(event) => setPath(event.target.value)} />
              </label>
              <label className="field fault-narrow">
                Times
                <input className="input" inputMode="numeric" placeholder="always" value={times} onChange={(event) => setTimes(event.target.value)} />
              </label>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Add fault
              </button>
            </form>
            {status.faults.length === 0 ? (
              <p className="muted">No faults: the sandbox answers normally.</p>
            ) : (
              <ul className="fault-list" aria-label="Active faults">
                {status.faults.map((fault) => (
                  <li key={fault.id}>
                    <span>{describeFault(fault)}</span>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Remove fault: ${describeFault(fault)}`}
                      onClick={() => void run(() => unwrap(api().removeSandboxFault({ id: fault.id })))}
                    >
                      Remove
                    </button>
                  </li>
                ))}
                <li>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => void run(() => unwrap(api().clearSandboxFaults()))}>
                    Clear all faults
                  </button>
                </li>
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  )
}
