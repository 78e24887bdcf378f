// Shared set-up for the runner tests: the real core (createCoreServices: profiles, TokenManager, send pipeline,
// executor) with the built-in Sandbox profile, over real loopback HTTP, and small builders for in-memory
// collections (the shape the OpenCollection reader produces).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCoreServices, type CoreServices } from '../../../src/main/core/app/create-app-core'
import { CollectionRunner, type RunOptions, type RunOutcome } from '../../../src/main/core/runner/collection-runner'
import type { Collection, CollectionItem, FolderItem, ItemDefaults, RequestItem } from '../../../src/shared/collections/collection-model'
import type { RunProgress } from '../../../src/shared/ipc/runner.contract'
import { requestSpec, type RequestSpecInput } from '../../../src/shared/requests/request-spec'
import { SandboxHost, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox'

export const SANDBOX = 'sandbox'

export interface RunnerHarness {
  dir: string
  sandbox: RunningSandbox
  services: CoreServices
  runner: CollectionRunner
  /** Runs against the Sandbox profile, collecting every progress event. */
  run(options: Omit<RunOptions, 'runId' | 'profileId'> & { runId?: string; profileId?: string }): Promise<RunOutcome & { events: RunProgress[] }>
  close(): Promise<void>
}

let runs = 0

export async function startRunnerHarness(options: SandboxOptions = {}): Promise<RunnerHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'rx-runner-'))
  const host = new SandboxHost({ asyncDelayMs: 60, ...options })
  const services = createCoreServices({ dataDir: dir, sandbox: host, secretStores: [], proactiveRefresh: false })
  const sandbox = await host.ensureRunning()
  const { pipeline, executor, bodies } = services.requests
  const runner = new CollectionRunner({ pipeline, executor, bodies, secrets: services.secrets })
  return {
    dir,
    sandbox,
    services,
    runner,
    async run(runOptions) {
      const events: RunProgress[] = []
      const outcome = await runner.run({
        runId: runOptions.runId ?? `test-${++runs}`,
        profileId: runOptions.profileId ?? SANDBOX,
        ...runOptions,
        onProgress: (event) => {
          events.push(event)
          runOptions.onProgress?.(event)
        }
      })
      return { ...outcome, events }
    },
    async close() {
      await services.dispose()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

let seq = 0

export function request(path: string, spec: RequestSpecInput, runtime?: Record<string, unknown>, reactor?: Record<string, unknown>): RequestItem {
  const parsed = requestSpec({ ...spec, ...(reactor ? { reactor } : {}) })
  return { kind: 'request', path, seq: ++seq, spec: parsed, ...(runtime ? { extra: { runtime } } : {}) }
}

export function folder(path: string, items: CollectionItem[], defaults: Partial<ItemDefaults> = {}): FolderItem {
  return { kind: 'folder', path, name: path.split('/').at(-1)!, seq: ++seq, defaults: { headers: [], variables: [], ...defaults }, items }
}

export function collection(items: CollectionItem[], patch: Partial<Collection> = {}): Collection {
  return { root: '', name: 'Runner test', version: '1.0.0', defaults: { headers: [], variables: [] }, items, environments: [], ...patch }
}

export function resultPaths(outcome: RunOutcome & { events: RunProgress[] }): string[] {
  return outcome.events.flatMap((event) => (event.type === 'result' ? [event.result.path] : []))
}

export function results(outcome: { events: RunProgress[] }) {
  return outcome.events.flatMap((event) => (event.type === 'result' ? [event.result] : [])).sort((a, b) => a.index - b.index)
}
