// A run before it starts: what to run (a collection, one of its folders, or the failed requests of an earlier
// run), with which profile and environment, how many times or over which data file, how fast, and whether to
// stop at the first failure. Every field says in a sentence what is wrong with it; Start is the one action.
import { useId, useMemo, useState, type FormEvent } from 'react'
import type { CollectionView } from '@shared/ipc/collections.contract'
import { useActiveProfile } from '../../state/active-profile'
import { createStarterCollection, type CollectionEntry } from './collection-source'
import { countOf } from './run-format'
import { dataFileProblem, plannedRequests, runnableFolders, settingsProblems, type RunSettings } from './run-model'
import { changeSettings, changeTarget, startRun, type RunSession } from './runner-store'

interface Props {
  session: RunSession
  entries: CollectionEntry[]
  collectionsLoading: boolean
  onOpenCollections(): void
}

export function targetLabel(view: CollectionView | undefined, session: Pick<RunSession, 'target'>): string {
  const { target } = session
  if (target.requestPaths) return target.selectionLabel ?? countOf(target.requestPaths.length, 'chosen request')
  if (!target.folder) return 'the whole collection'
  const folder = view ? runnableFolders(view.items).find((candidate) => candidate.path === target.folder) : undefined
  return `the folder ${folder?.label ?? target.folder}`
}

export function RunSetup({ session, entries, collectionsLoading, onOpenCollections }: Props) {
  const formId = useId()
  const { profiles, activeProfileId } = useActiveProfile()
  const [tried, setTried] = useState(false)
  const [fileProblem, setFileProblem] = useState<string | undefined>()
  const [starting, setStarting] = useState(false)
  const [starterBusy, setStarterBusy] = useState(false)
  const [starterError, setStarterError] = useState<string | undefined>()
  const { settings, target } = session
  const openEntries = entries.filter((entry) => entry.view)
  const entry = entries.find((candidate) => candidate.root === target.root)
  const view = entry?.view
  const folders = useMemo(() => (view ? runnableFolders(view.items) : []), [view])
  const plan = useMemo(() => (view ? plannedRequests(view, target) : []), [view, target])
  const profileId = settings.profileId ?? activeProfileId
  const profile = profiles.find((candidate) => candidate.id === profileId)
  const tied = view?.environments.find((environment) => environment.profileId && environment.profileId === profileId)
  const problems = settingsProblems(settings)
  const set = (patch: Partial<RunSettings>) => changeSettings(session.id, patch)

  if (openEntries.length === 0 && !target.root) {
    if (collectionsLoading) return <p className="muted">Loading collections…</p>
    return (
      <div className="rn-empty">
        <p className="empty-state-title">No collection is open to run</p>
        <p className="muted">
          The Runner sends the requests of a collection (or one of its folders) in order, checks every answer against the assertions saved with each request, and keeps the results until you close them. Open a collection first, or start with the Reactor starter collection: it runs against the built-in Sandbox with no setup.
        </p>
        <div className="rn-empty-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={starterBusy}
            onClick={() => {
              setStarterBusy(true)
              setStarterError(undefined)
              createStarterCollection().then(
                (created) => {
                  setStarterBusy(false)
                  changeTarget(session.id, { root: created.root })
                },
                (error: Error) => {
                  setStarterBusy(false)
                  setStarterError(error.message)
                }
              )
            }}
          >
            {starterBusy ? 'Creating…' : 'Create the starter collection'}
          </button>
          <button type="button" className="btn" onClick={onOpenCollections}>
            Go to Collections
          </button>
        </div>
        {starterError && (
          <p className="inline-error" role="alert">
            The starter collection was not created: {starterError}
          </p>
        )}
      </div>
    )
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    if (!view || plan.length === 0 || Object.keys(problems).length > 0 || fileProblem) return
    setStarting(true)
    void startRun(session.id, {
      profileId,
      profileName: profile?.name,
      collectionName: view.name,
      targetLabel: targetLabel(view, session),
      plan
    }).finally(() => setStarting(false))
  }

  const pickFile = async (file: File | undefined) => {
    if (!file) return
    const problem = dataFileProblem(file)
    setFileProblem(problem)
    if (problem) return
    try {
      const text = await readText(file)
      set({ mode: 'data', data: { fileName: file.name, text, bytes: file.size } })
    } catch (error) {
      setFileProblem(`“${file.name}” could not be read: ${(error as Error).message}`)
    }
  }

  const shown = (field: keyof typeof problems) => (tried || field !== 'data' ? problems[field] : undefined)
  const iterationsText = settings.mode === 'data' ? `one iteration per row of ${settings.data?.fileName ?? 'the data file'}` : countOf(Number(settings.iterations) || 1, 'iteration')

  return (
    <form className="rn-setup" aria-labelledby={`${formId}-title`} onSubmit={onSubmit} noValidate>
      <h2 id={`${formId}-title`} className="rn-section-title">
        Set up Run {session.number}
      </h2>
      <div className="rn-setup-grid">
        <label className="field">
          Collection
          <select
            className="select"
            value={entry ? target.root : ''}
            onChange={(event) => changeTarget(session.id, { root: event.target.value })}
          >
            {!entry && <option value="">{target.root ? 'Not open any more: choose one' : 'Choose a collection'}</option>}
            {openEntries.map((candidate) => (
              <option key={candidate.id} value={candidate.root}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          What to run
          <select
            className="select"
            value={target.requestPaths ? '#selection' : (target.folder ?? '')}
            disabled={!view}
            onChange={(event) => {
              if (event.target.value === '#selection') return
              changeTarget(session.id, { root: target.root, ...(event.target.value ? { folder: event.target.value } : {}) })
            }}
          >
            {target.requestPaths && <option value="#selection">{targetLabel(view, session)}</option>}
            <option value="">The whole collection{view ? ` (${countOf(plannedRequests(view, {}).length, 'request')})` : ''}</option>
            {folders.map((folder) => (
              <option key={folder.path} value={folder.path}>
                {folder.label} ({countOf(folder.requests, 'request')})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Profile
          <select className="select" value={profileId ?? ''} onChange={(event) => set({ profileId: event.target.value || undefined })}>
            {!profile && <option value="">{profiles.length === 0 ? 'No profile yet' : 'Choose a profile'}</option>}
            {profiles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
                {candidate.id === activeProfileId ? ' (active)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Environment
          <select className="select" value={settings.environment ?? ''} disabled={!view} onChange={(event) => set({ environment: event.target.value || undefined })}>
            <option value="">{tied ? `Tied to the profile: ${tied.name}` : 'None is tied to this profile'}</option>
            {(view?.environments ?? []).map((environment) => (
              <option key={environment.name} value={environment.name}>
                {environment.name}
              </option>
            ))}
          </select>
        </label>
      </div>

      <fieldset className="rn-fieldset">
        <legend>Iterations</legend>
        <div className="rn-iterations">
          <label className="rn-choice">
            <input type="radio" name={`${formId}-mode`} checked={settings.mode === 'iterations'} onChange={() => set({ mode: 'iterations' })} />
            Repeat
          </label>
          <input
            className="input rn-number"
            type="text"
            inputMode="numeric"
            aria-label="Number of iterations"
            aria-invalid={Boolean(shown('iterations'))}
            aria-describedby={shown('iterations') ? `${formId}-iterations-error` : undefined}
            value={settings.iterations}
            disabled={settings.mode !== 'iterations'}
            onChange={(event) => set({ iterations: event.target.value })}
          />
          <span className="muted">times</span>
          <label className="rn-choice rn-choice-gap">
            <input type="radio" name={`${formId}-mode`} checked={settings.mode === 'data'} onChange={() => set({ mode: 'data' })} />
            One iteration per row of a data file
          </label>
          <label className={`btn btn-small rn-file${settings.mode !== 'data' ? ' rn-file-off' : ''}`}>
            {settings.data ? 'Choose another file…' : 'Choose CSV or JSON…'}
            <input
              type="file"
              className="visually-hidden"
              accept=".csv,.json,text/csv,application/json"
              aria-describedby={`${formId}-data-help`}
              onChange={(event) => {
                void pickFile(event.target.files?.[0])
                event.target.value = ''
              }}
            />
          </label>
          {settings.data && (
            <span className="rn-file-name">
              <span className="mono">{settings.data.fileName}</span>
              <span className="muted"> ({formatBytes(settings.data.bytes)})</span>
              <button type="button" className="btn btn-ghost btn-small" aria-label={`Remove the data file ${settings.data.fileName}`} onClick={() => set({ data: undefined, mode: 'iterations' })}>
                Remove
              </button>
            </span>
          )}
        </div>
        <p id={`${formId}-data-help`} className="rn-help">
          A CSV file with a header row, or a JSON array of objects: each row’s values are the variables of one iteration (a column <code>propertyId</code> fills <code>{'{{propertyId}}'}</code>). A row that cannot be read fails with its line number and the run goes on.
        </p>
        {shown('iterations') && (
          <p id={`${formId}-iterations-error`} className="inline-error">
            {shown('iterations')}
          </p>
        )}
        {(fileProblem ?? shown('data')) && (
          <p className="inline-error" role="alert">
            {fileProblem ?? shown('data')}
          </p>
        )}
      </fieldset>

      <div className="rn-setup-grid rn-setup-grid-small">
        <div className="field">
          <label htmlFor={`${formId}-concurrency`}>Concurrency</label>
          <input
            id={`${formId}-concurrency`}
            className="input rn-number"
            type="text"
            inputMode="numeric"
            aria-invalid={Boolean(problems.concurrency)}
            aria-describedby={`${formId}-concurrency-help`}
            value={settings.concurrency}
            onChange={(event) => set({ concurrency: event.target.value })}
          />
          <span id={`${formId}-concurrency-help`} className={problems.concurrency ? 'inline-error' : 'rn-help'}>
            {problems.concurrency ?? 'Requests in flight at once (1: one at a time). A request that needs a captured value waits for it.'}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-delay`}>Delay between requests (ms)</label>
          <input
            id={`${formId}-delay`}
            className="input rn-number"
            type="text"
            inputMode="numeric"
            aria-invalid={Boolean(problems.delayMs)}
            aria-describedby={`${formId}-delay-help`}
            value={settings.delayMs}
            onChange={(event) => set({ delayMs: event.target.value })}
          />
          <span id={`${formId}-delay-help`} className={problems.delayMs ? 'inline-error' : 'rn-help'}>
            {problems.delayMs ?? 'A pause after each request, for rate-limited hosts.'}
          </span>
        </div>
        <label className="rn-choice rn-bail">
          <input type="checkbox" checked={settings.bail} onChange={(event) => set({ bail: event.target.checked })} />
          Stop at the first failure
        </label>
      </div>

      {settings.variables.length > 0 && (
        <p className="rn-help">
          Carries {countOf(settings.variables.length, 'value')} captured by the earlier run ({settings.variables.map((variable) => `{{${variable.name}}}`).join(', ').slice(0, 200)}).
        </p>
      )}
      <div className="rn-start">
        <button type="submit" className="btn btn-primary" disabled={starting || !view || plan.length === 0 || !profileId}>
          {starting ? 'Starting…' : 'Start run'}
        </button>
        <span className="muted" aria-live="polite">
          {!view
            ? target.root
              ? 'That collection is not open any more: choose another, or open it again in Collections.'
              : 'Choose a collection to run.'
            : plan.length === 0
              ? 'Nothing to run: this selection holds no requests.'
              : !profileId
                ? 'Add a profile in Profiles (or use the built-in Sandbox) to run with.'
                : `Runs ${countOf(plan.length, 'request')} of ${view.name}, ${iterationsText}, with ${profile?.name ?? 'the chosen profile'}.`}
        </span>
      </div>
    </form>
  )
}

/** A picked file's text (FileReader: also where Blob.text() is missing). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result ?? ''))
    reader.onerror = () => reject(reader.error ?? new Error('the browser could not read it'))
    reader.readAsText(file)
  })
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'byte')
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
