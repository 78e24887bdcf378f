import { vi } from 'vitest'
import type { CollectionView } from '../../../src/shared/ipc/collections.contract'
import type { ProfilesState } from '../../../src/shared/ipc/profiles.contract'
import type { AssertionResult, RequestRunResult, RunProgress, RunStartInput, RunSummary } from '../../../src/shared/ipc/runner.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'

export const ROOT = '/work/reactor-runs'
export const COLLECTION_ID = '0123456789abcdef'

/** Two folders of the shape of the starter collection: reads that capture ids, and a publish step. */
export function runView(): CollectionView {
  return {
    id: COLLECTION_ID,
    root: ROOT,
    name: 'Reactor checks',
    version: '1.0.0',
    defaults: { headers: [], variables: [] },
    items: [
      {
        kind: 'folder',
        path: 'reads',
        name: 'Reads',
        seq: 1,
        defaults: { headers: [], variables: [] },
        items: [
          { kind: 'request', path: 'reads/list-companies.yml', seq: 1, spec: newRequestSpec({ name: 'List companies', url: '/companies' }), etag: 'e1' },
          { kind: 'request', path: 'reads/list-properties.yml', seq: 2, spec: newRequestSpec({ name: 'List properties', url: '/companies/{{companyId}}/properties' }), etag: 'e2' }
        ]
      },
      {
        kind: 'folder',
        path: 'publish',
        name: 'Publish',
        seq: 2,
        defaults: { headers: [], variables: [] },
        items: [{ kind: 'request', path: 'publish/create-library.yml', seq: 1, spec: newRequestSpec({ name: 'Create a library', method: 'POST', url: '/properties/{{propertyId}}/libraries' }), etag: 'e3' }]
      }
    ],
    environments: [{ name: 'Sandbox', profileId: 'sandbox', variables: [] }]
  } as CollectionView
}

const PROFILE_BASE = { imsBaseUrl: 'http://127.0.0.1:1', reactorBaseUrl: 'http://127.0.0.1:1', clientId: 'c', orgId: 'o@AdobeOrg', scopes: [], authKind: 'oauth-s2s', builtIn: false, secret: { stored: false }, createdAt: '', updatedAt: '' }

export const PROFILES: ProfilesState = {
  profiles: [
    { ...PROFILE_BASE, id: 'sandbox', name: 'Sandbox (simulated)', environment: 'sandbox', simulated: true, builtIn: true },
    { ...PROFILE_BASE, id: 'prod', name: 'Production', environment: 'production', simulated: false }
  ],
  activeProfileId: 'sandbox',
  secretBackend: { kind: 'memory', label: 'memory', persistent: false },
  notices: []
} as unknown as ProfilesState

export function check(patch: Partial<AssertionResult> = {}): AssertionResult {
  return { kind: 'status', expression: 'res.status', operator: 'eq', expected: '200', passed: true, actual: '200', message: 'res.status to equal 200: yes (200).', ...patch }
}

export function result(patch: Partial<RequestRunResult> & Pick<RequestRunResult, 'index' | 'path' | 'name'>): RequestRunResult {
  return {
    iteration: 1,
    folder: patch.path.split('/').slice(0, -1).join('/'),
    method: 'GET',
    url: `http://127.0.0.1:1/${patch.path}`,
    outcome: 'passed',
    status: 200,
    statusText: 'OK',
    startedAt: '2025-05-01T10:00:00.000Z',
    durationMs: 12,
    attempts: 1,
    requestId: `req-${patch.index}`,
    assertions: [check()],
    captures: [],
    scriptsNotRun: [],
    waits: [],
    ...patch
  }
}

export const COMPANIES_OK = (index = 0) =>
  result({ index, path: 'reads/list-companies.yml', name: 'List companies', captures: [{ name: 'companyId', expression: '$.data[0].id', captured: true, value: 'CO123', origin: 'action' }] })
export const PROPERTIES_FAILED = (index = 1) =>
  result({
    index,
    path: 'reads/list-properties.yml',
    name: 'List properties',
    outcome: 'failed',
    status: 500,
    statusText: 'Internal Server Error',
    assertions: [check({ passed: false, actual: '500', message: 'Expected res.status to equal 200, got 500.' })]
  })
export const LIBRARY_OK = (index = 2) => result({ index, path: 'publish/create-library.yml', name: 'Create a library', method: 'POST', status: 201, statusText: 'Created', assertions: [check({ expected: '201', actual: '201' })] })

export function summary(runId: string, patch: Partial<RunSummary> = {}): RunSummary {
  return {
    runId,
    collection: { name: 'Reactor checks' },
    profile: { id: 'sandbox', name: 'Sandbox (simulated)' },
    environment: 'Sandbox',
    startedAt: '2025-05-01T10:00:00.000Z',
    finishedAt: '2025-05-01T10:00:01.000Z',
    durationMs: 1250,
    outcome: 'failed',
    requests: { total: 3, passed: 2, failed: 1, cancelled: 0, notRun: 0, answered: 3 },
    assertions: { total: 3, passed: 2, failed: 1 },
    iterations: { total: 1, failed: 1 },
    dataErrors: [],
    dataErrorCount: 0,
    failures: 1,
    scriptsNotRun: 0,
    notes: [],
    ...patch
  }
}

export interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

/**
 * A fake window.api for the Run view: one collection, two profiles, and runs that wait for the test to answer
 * them (`runs[n]`), while the test sends progress events with `progress`.
 */
export function installRunnerApi() {
  const runs: Array<{ input: RunStartInput; answer: Deferred<{ ok: true; value: RunSummary } | { ok: false; error: { code: string; message: string } }> }> = []
  const view = runView()
  const fake = installFakeApi({
    getAppInfo: vi.fn(async () => ({ ok: true as const, value: { name: 'Reactor Explorer', version: 't', platform: 'linux', transport: 'loopback' as const } })),
    listProfiles: vi.fn(async () => ({ ok: true as const, value: PROFILES })),
    listCollections: vi.fn(async () => ({ ok: true as const, value: [{ id: COLLECTION_ID, root: ROOT, name: view.name, requests: 3, folders: 2, unreadable: 0 }] })),
    getCollectionTree: vi.fn(async () => ({ ok: true as const, value: view })),
    startRun: vi.fn((input: RunStartInput) => {
      const answer = deferred<{ ok: true; value: RunSummary } | { ok: false; error: { code: string; message: string } }>()
      runs.push({ input, answer })
      return answer.promise
    }) as never,
    cancelRun: vi.fn(async () => ({ ok: true as const, value: { cancelled: true } })),
    discardRunReport: vi.fn(async () => ({ ok: true as const, value: { discarded: true } })),
    exportRunReport: vi.fn(async ({ format }: { format: string }) => ({
      ok: true as const,
      value: { saved: false, download: { fileName: `reactor-checks-${format}.txt`, mimeType: 'application/json', text: '{"reportVersion":1}' } }
    })) as never
  })
  return {
    fake,
    runs,
    /** Sends run events as main would. */
    progress(...events: RunProgress[]) {
      for (const event of events) fake.emit('runner:progress', event)
    }
  }
}
