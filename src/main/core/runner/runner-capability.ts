// The `runner` capability behind the contract: start a run of a collection (or a folder, or a selection) for
// the app's Run view, follow it through `runner:progress`, cancel it. The collection comes from disk through
// the collections capability (`loadCollection`), the requests go through the one send pipeline.
import { writeFile } from 'node:fs/promises'
import type { Collection, Environment } from '../../../shared/collections/collection-model'
import type { SecretsNeeded } from '../collections/collection-secrets'
import { AppError } from '../../../shared/errors'
import type { RunSummary } from '../../../shared/ipc/runner.contract'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import type { RequestsCapability } from '../requests/request-handlers'
import type { SecretRegistry } from '../security/secret-registry'
import { CollectionRunner, type RunOptions, type RunOutcome } from './collection-runner'
import { DataFileError, openDataFile, type DataSource } from './data-file'
import { RunReports, type RunReportsOptions } from './run-reports'

type RunnerHandlers = Pick<Handlers, 'runner:start' | 'runner:cancel' | 'runner:exportReport' | 'runner:discardReport'>

export interface RunnerCapabilityDeps {
  requests: Pick<RequestsCapability, 'pipeline' | 'executor' | 'bodies'>
  secrets: SecretRegistry
  events?: EventHub
  /** Reads a collection folder (the collections capability); without it the app cannot start runs yet. */
  loadCollection?: (root: string) => Promise<Collection>
  /** Writes captured values into a collection environment (only when a run asks for it). */
  saveEnvironment?: (collection: Collection, environment: Environment, values: ReadonlyMap<string, string>) => Promise<void>
  /** A profile's display name for reports. */
  profileName?: (profileId: string) => Promise<string | undefined>
  /** Lends a collection's secret variable values to one send (the collections capability's CollectionSecrets). */
  lendSecrets?: (requestId: string, needed: SecretsNeeded) => Promise<() => void>
  /** Keeps the JSON, JUnit and HTML reports of the app's runs for runner:exportReport; without it there is nothing to export. */
  reports?: Omit<RunReportsOptions, 'secrets'>
}

export interface RunnerCapability {
  handlers: RunnerHandlers
  runner: CollectionRunner
  /** Runs with the run registered for cancel, progress sent as `runner:progress` events. */
  start(options: Omit<RunOptions, 'signal'>): Promise<RunOutcome>
  cancel(runId: string): boolean
  dispose(): Promise<void>
}

/** The environment a run uses: the one named, else the one tied to the profile. */
export function chooseEnvironment(collection: Collection, name: string | undefined, profileId: string | undefined): Environment | undefined {
  if (name !== undefined) {
    const found = collection.environments.find((environment) => environment.name === name) ?? collection.environments.find((environment) => environment.name.toLowerCase() === name.toLowerCase())
    if (!found) {
      const names = collection.environments.map((environment) => environment.name)
      throw new AppError('runner-no-such-environment', `The collection "${collection.name}" has no environment "${name}". ${names.length > 0 ? `Its environments: ${names.join(', ')}.` : 'It has no environments.'}`)
    }
    return found
  }
  return profileId ? collection.environments.find((environment) => environment.profileId === profileId) : undefined
}

export async function openRunData(path: string | undefined, shownAs: string | undefined = path): Promise<DataSource | undefined> {
  if (path === undefined) return undefined
  try {
    return await openDataFile(path)
  } catch (error) {
    if (error instanceof DataFileError) throw new AppError('runner-data-file', `The run was not started: ${shownAs && shownAs !== path ? error.message.split(path).join(shownAs) : error.message}`)
    throw error
  }
}

/**
 * A data file the person picked in the renderer, as text: written beside the run's reports (so the streamed
 * reader reads it a row at a time, as it reads a path) and opened like one; errors name the person's file.
 */
async function dataFromText(data: { fileName: string; text: string }, path: string | undefined): Promise<DataSource | undefined> {
  if (!path) throw new AppError('runner-data-file', 'The run was not started: this build cannot take a data file as text; give its path instead.')
  await writeFile(path, data.text, 'utf8')
  return openRunData(path, data.fileName)
}

export function createRunnerCapability(deps: RunnerCapabilityDeps): RunnerCapability {
  const runner = new CollectionRunner({
    pipeline: deps.requests.pipeline,
    executor: deps.requests.executor,
    bodies: deps.requests.bodies,
    secrets: deps.secrets,
    ...(deps.lendSecrets ? { lendSecrets: deps.lendSecrets } : {})
  })
  const active = new Map<string, AbortController>()
  const reports = deps.reports ? new RunReports({ ...deps.reports, secrets: deps.secrets }) : undefined

  async function start(options: Omit<RunOptions, 'signal'>): Promise<RunOutcome> {
    if (active.has(options.runId)) throw new AppError('runner-duplicate-run', `A run with id "${options.runId}" is already going; choose another id.`)
    const controller = new AbortController()
    active.set(options.runId, controller)
    try {
      return await runner.run({
        ...options,
        signal: controller.signal,
        onProgress: (progress) => {
          deps.events?.emit('runner:progress', progress)
          options.onProgress?.(progress)
        }
      })
    } finally {
      active.delete(options.runId)
    }
  }

  const handlers: RunnerHandlers = {
    'runner:start': async (input): Promise<RunSummary> => {
      if (!deps.loadCollection) {
        throw new AppError('runner-unavailable', 'Collections cannot be opened in this build yet, so there is nothing to run. Use `reactor-explorer run` on the command line.')
      }
      if (active.has(input.runId)) throw new AppError('runner-duplicate-run', `A run with id "${input.runId}" is already going; choose another id.`)
      const collection = await deps.loadCollection(input.collectionRoot)
      // Checked before anything is sent: a folder or request that does not exist is named now.
      runner.plan(collection, { folder: input.folder, requestPaths: input.requestPaths })
      const environment = chooseEnvironment(collection, input.environment, input.profileId)
      const profileName = input.profileId ? await deps.profileName?.(input.profileId) : undefined
      const reported = await reports?.begin(
        input.runId,
        { collection: collection.name, ...(profileName ? { profile: profileName } : {}), ...(environment ? { environment: environment.name } : {}), startedAt: new Date().toISOString() },
        input.profileId
      )
      let summary: RunSummary
      let captured: ReadonlyMap<string, string>
      try {
        const data = input.data ? await dataFromText(input.data, reported?.dataPath(input.data.fileName)) : await openRunData(input.dataFile)
        ;({ summary, captured } = await start({
          runId: input.runId,
          collection,
          folder: input.folder,
          requestPaths: input.requestPaths,
          profileId: input.profileId,
          profileName,
          environment,
          iterations: input.iterations,
          data,
          concurrency: input.concurrency,
          delayMs: input.delayMs,
          bail: input.bail,
          timeoutMs: input.timeoutMs,
          variables: input.variables,
          ...(reported ? { onProgress: reported.onProgress } : {})
        }))
      } catch (error) {
        await reported?.abort()
        throw error
      }
      if (input.saveEnvironment && captured.size > 0) {
        if (!environment) summary.notes.push('The captured values were not saved: the run used no environment (choose one, or tie one to the profile).')
        else if (!deps.saveEnvironment) summary.notes.push('The captured values were not saved: environments cannot be written in this build yet.')
        else {
          await deps.saveEnvironment(collection, environment, captured)
          summary.notes.push(`${captured.size} captured value(s) saved to the environment "${environment.name}".`)
        }
      }
      await reported?.finish(summary)
      return summary
    },
    'runner:cancel': ({ runId }) => {
      const controller = active.get(runId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },
    'runner:exportReport': async ({ runId, format, destination }) => {
      if (!reports) throw new AppError('runner-unavailable', 'This build keeps no run reports; run the collection with `reactor-explorer run --reporter json,junit,html`.')
      return reports.export(runId, format, destination)
    },
    'runner:discardReport': async ({ runId }) => ({ discarded: (await reports?.discard(runId)) ?? false })
  }

  return {
    handlers,
    runner,
    start,
    cancel: (runId) => {
      const controller = active.get(runId)
      controller?.abort()
      return controller !== undefined
    },
    async dispose() {
      for (const controller of active.values()) controller.abort()
      active.clear()
      await reports?.dispose()
    }
  }
}
