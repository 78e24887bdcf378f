// The `history` capability: the recorder subscribed to the send pipeline, the store, its settings, and the
// support journey's channels (cURL in and out, snippets, HAR, repro bundles, the response diff).
//
// Recording never slows or fails a send: the pipeline's observer only queues the exchange; the profile is
// looked up, the entry redacted and appended afterwards, one at a time.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { HistorySettingsInput, type HistorySettings, type SavedExport } from '../../../shared/ipc/history.contract'
import type { ProfileSummary } from '../../../shared/ipc/profiles.contract'
import type { RequestSpec } from '../../../shared/requests/request-spec'
import type { CredentialProvider } from '../auth/credential-provider'
import { lazyModule } from '../app/lazy-module'
import { OperationTracker, UNTRACKED, type TrackedOperation } from '../interchange/operation-progress'
import { environmentLabel } from '../profiles/credentials-core'
import { defaultSavePath } from '../requests/request-handlers'
import type { SentExchange } from '../requests/send-pipeline'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import { OutboundRedactor } from '../security/outbound-redaction'
import type { SecretRegistry } from '../security/secret-registry'
import { VersionedJsonFile } from '../storage/versioned-json-file'
import { writeFailureReason } from '../storage/write-failure'
import { entryFromExchange, entrySpec, type HistoryEntry, type HistoryProfile } from './history-entry'

// The converters (curlconverter, ajv + the HAR schema, httpsnippet, secretlint, fflate) load on first use:
// recording calls needs none of them, and a CLI command must not pay ~300 ms for them at start.
const curl = lazyModule(() => import('../interchange/curl'))
const har = lazyModule(() => import('../interchange/har'))
const reproBundle = lazyModule(() => import('../interchange/repro-bundle'))
const responseDiff = lazyModule(() => import('../interchange/response-diff'))
const snippets = lazyModule(() => import('../interchange/snippets'))
import { DEFAULT_HISTORY_LIMITS, HistoryStore, newHistoryId, type HistoryLimits } from './history-store'

type HistoryChannel = Extract<keyof Handlers, `history:${string}`>
export type HistoryHandlers = Pick<Handlers, HistoryChannel>

/** What recording and bundles need to know about a profile (never its credential). */
export interface ProfileDescription extends HistoryProfile {
  imsBaseUrl?: string
  /** Written as {API_KEY} in bundles. */
  clientId?: string
}

export interface HistoryDeps {
  dataDir: string
  secrets: SecretRegistry
  events: EventHub
  app: { name: string; version: string }
  /** The profile's name, environment and hosts; undefined for an unknown profile. */
  describeProfile?: (profileId: string) => Promise<ProfileDescription | undefined>
  /** The profile's real auth headers for its own host (only for "copy cURL with real values"). */
  provider?: Pick<CredentialProvider, 'authHeadersFor'>
  /** Writes the system clipboard from main (the desktop app); absent in browser mode and the CLI. */
  writeClipboard?: (text: string) => void | Promise<void>
  /** Where to save an export; undefined = cancelled. Default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  /** Where recording failures are reported (already redacted); they never reach the person's send. */
  log?: (line: string) => void
  /** HAR and bundle exports and bundle imports report as app:progress and can be cancelled; default: untracked. */
  operations?: OperationTracker
}

export interface HistoryCapability {
  handlers: HistoryHandlers
  store: HistoryStore
  /** The send pipeline's observer. */
  record: (exchange: SentExchange) => void
  /** Keeps the Credential Doctor's last report per profile, for bundles. */
  rememberDoctorReport: (profileId: string, text: string) => void
  /** Waits for queued recordings (tests; the app before it quits). */
  flush(): Promise<void>
}

/** Errors the pipeline and executor raise before a byte leaves the app. */
const NOT_SENT = new Set(['http-invalid-url', 'http-invalid-request', 'http-duplicate-request', 'request-unresolved-variables', 'request-file-unreadable', 'request-file-too-large', 'profile-not-found'])

const SETTINGS_VERSION = 1
const SettingsFile = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  maxEntries: z.number().int(),
  maxTotalMB: z.number().int(),
  maxBodyKB: z.number().int()
})
type SettingsFile = z.output<typeof SettingsFile>

export const DEFAULT_HISTORY_SETTINGS: HistorySettings = {
  maxEntries: DEFAULT_HISTORY_LIMITS.maxEntries,
  maxTotalMB: DEFAULT_HISTORY_LIMITS.maxTotalBytes / (1024 * 1024),
  maxBodyKB: DEFAULT_HISTORY_LIMITS.maxBodyBytes / 1024
}

function limitsOf(settings: HistorySettings): HistoryLimits {
  return { maxEntries: settings.maxEntries, maxTotalBytes: settings.maxTotalMB * 1024 * 1024, maxBodyBytes: settings.maxBodyKB * 1024 }
}

/** A profile description from the profiles capability. */
/**
 * How history names a profile, cached per profile: recording an entry must not read profiles.json on every
 * send. `onChange` subscribes to profile edits (the cache is emptied then); entries older than a few seconds
 * are read again anyway, so a rename in the CLI shows up too.
 */
export function describeWith(
  get: (id: string) => Promise<ProfileSummary>,
  onChange?: (listener: () => void) => void,
  maxAgeMs = 5000
): (profileId: string) => Promise<ProfileDescription | undefined> {
  const cache = new Map<string, { at: number; description: Promise<ProfileDescription | undefined> }>()
  onChange?.(() => cache.clear())
  return (profileId) => {
    const hit = cache.get(profileId)
    if (hit && Date.now() - hit.at < maxAgeMs) return hit.description
    const description = describeOnce(get, profileId)
    cache.set(profileId, { at: Date.now(), description })
    return description
  }
}

async function describeOnce(get: (id: string) => Promise<ProfileSummary>, profileId: string): Promise<ProfileDescription | undefined> {
  try {
    const summary = await get(profileId)
    return {
      id: summary.id,
      name: summary.name,
      environment: summary.simulated ? 'sandbox' : summary.environment,
      environmentLabel: environmentLabel(summary),
      reactorBaseUrl: summary.reactorBaseUrl,
      imsBaseUrl: summary.imsBaseUrl,
      simulated: summary.simulated,
      clientId: summary.clientId
    }
  } catch {
    return undefined
  }
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
}

export function createHistoryCapability(deps: HistoryDeps): HistoryCapability {
  const redactor = new OutboundRedactor(deps.secrets)
  const operations = deps.operations ?? new OperationTracker(() => undefined)
  const log = deps.log ?? (() => {})
  let settingsFile: VersionedJsonFile<SettingsFile> | undefined
  let settings: HistorySettings | undefined
  const settingsStore = () =>
    (settingsFile ??= new VersionedJsonFile<SettingsFile>({
      dataDir: deps.dataDir,
      name: 'history-settings',
      schema: SettingsFile,
      schemaVersion: SETTINGS_VERSION,
      fallback: () => ({ schemaVersion: SETTINGS_VERSION, ...DEFAULT_HISTORY_SETTINGS }),
      messages: { unreadable: (reason, aside) => `Your history settings could not be read because ${reason}. The file was kept as ${aside}; the defaults apply.` },
      onNotice: (notice) => deps.events.emit('app:notice', notice)
    }))
  const currentSettings = (): HistorySettings => {
    if (!settings) {
      const { maxEntries, maxTotalMB, maxBodyKB } = settingsStore().read()
      settings = { maxEntries, maxTotalMB, maxBodyKB }
    }
    return settings
  }

  const historyDir = join(deps.dataDir, 'history')
  const store = new HistoryStore({
    dir: historyDir,
    limits: () => limitsOf(currentSettings()),
    onNotice: (notice) => deps.events.emit('app:notice', notice)
  })
  const doctorReports = new Map<string, string>()
  const describe = async (profileId: string | undefined) => (profileId && deps.describeProfile ? deps.describeProfile(profileId) : undefined)
  let recording: Promise<void> = Promise.resolve()
  // Exchanges wait here and are written in batches: one write for everything that arrived meanwhile.
  let queued: SentExchange[] = []
  let draining = false

  const drain = async () => {
    while (queued.length > 0) {
      const batch = queued
      queued = []
      const entries: HistoryEntry[] = []
      for (const exchange of batch) {
        try {
          const profile = await describe(exchange.profileId)
          const { clientId: _clientId, imsBaseUrl: _ims, ...recorded } = profile ?? { id: '' }
          entries.push(
            entryFromExchange(exchange, {
              id: newHistoryId(exchange.startedAt),
              maxBodyBytes: limitsOf(currentSettings()).maxBodyBytes,
              redactor,
              ...(profile ? { profile: recorded } : {})
            })
          )
        } catch (error) {
          log(deps.secrets.redact(`[history] a call could not be recorded: ${error instanceof Error ? error.message : String(error)}`))
        }
      }
      try {
        await store.appendMany(entries)
        for (const entry of entries) deps.events.emit('history:changed', { reason: 'added', id: entry.id })
      } catch (error) {
        log(deps.secrets.redact(`[history] ${entries.length} call(s) could not be recorded: ${error instanceof Error ? error.message : String(error)}`))
        // The call itself was answered; the person is told its record was not kept (a full or read-only disk),
        // instead of finding the history silently short later.
        deps.events.emit('app:notice', { level: 'warning', message: notRecorded(entries.length, historyDir, error) })
      }
    }
  }

  const record = (exchange: SentExchange) => {
    // History records calls. A request refused before anything was sent (an invalid URL, an unresolved
    // variable, a missing file, an unknown profile) is not one: the tab already says why.
    if (!exchange.response && exchange.error && NOT_SENT.has(exchange.error.code)) return
    queued.push(exchange)
    if (!draining) startDrain()
  }

  const startDrain = () => {
    draining = true
    // After the current turn: a burst of sends (the runner) lands as one batch.
    recording = recording
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(drain)
      .finally(() => {
        draining = false
        if (queued.length > 0) startDrain()
      })
  }

  const save = async (suggestedName: string, data: string | Uint8Array, mimeType: string, to: 'file' | 'download' = 'file', operation: TrackedOperation = UNTRACKED): Promise<Pick<SavedExport, 'saved' | 'path' | 'download'>> => {
    operation.throwIfCancelled()
    if (to === 'download') {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)
      return { saved: false, download: { fileName: suggestedName, mimeType, contentBase64: bytes.toString('base64') } }
    }
    const destination = await (deps.chooseSavePath ?? ((name: string) => defaultSavePath(name)))(suggestedName)
    if (!destination) return { saved: false }
    // Cancelled while the save dialog was open: no file. The write itself is one step.
    operation.throwIfCancelled()
    operation.report(0, undefined, 'writing')
    try {
      await writeFile(destination, data)
    } catch (error) {
      throw new AppError('export-write-failed', `Could not write ${destination}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
    return { saved: true, path: destination }
  }

  const entriesFor = async (input: { ids: string[] } | { all: true; filters?: Parameters<HistoryStore['ids']>[0] }): Promise<HistoryEntry[]> => {
    const ids = 'ids' in input ? input.ids : await store.ids(input.filters)
    const entries = await store.getMany(ids)
    if (entries.length === 0) throw new AppError('history-not-found', 'None of the chosen calls is in the history any more.')
    return entries
  }

  const clipboard = async (text: string, what: string) => {
    if (!deps.writeClipboard) {
      throw new AppError('clipboard-unavailable', `Copying ${what} is done by the desktop app, which writes the clipboard itself. In browser mode main cannot reach your clipboard, so ${what} is not copied.`)
    }
    await deps.writeClipboard(text)
  }

  const reactorBaseUrlOf = async (profileId: string | undefined) => (await describe(profileId))?.reactorBaseUrl

  const handlers: HistoryHandlers = {
    'history:list': async (input) => ({ ...(await store.list(input)), notices: [...store.notices] }),
    'history:search': async (input) => ({ ...(await store.search(input)), notices: [...store.notices] }),
    'history:get': async ({ id }) => {
      const entry = await store.get(id)
      if (!entry) throw new AppError('history-not-found', 'That call is no longer in the history (it was deleted or pruned).')
      const spec = entrySpec(entry)
      return spec ? { entry, spec } : { entry }
    },
    'history:delete': async ({ id }) => {
      const deleted = await store.delete(id)
      if (deleted) deps.events.emit('history:changed', { reason: 'deleted', id })
      return { deleted }
    },
    'history:clear': async () => {
      const cleared = await store.clear()
      deps.events.emit('history:changed', { reason: 'cleared' })
      return { cleared }
    },
    'history:exportHar': (input) => operations.run(input.operationId, 'Exporting the HAR file', async (operation) => {
      operation.report(0, undefined, 'converting')
      const entries = await entriesFor(input)
      const { entriesToHar, validateHar } = await har()
      const { har: document } = entriesToHar(entries, { creator: deps.app, redactor })
      const check = validateHar(document)
      if (!check.valid) throw new AppError('har-export-invalid', `The HAR export did not pass the HAR 1.2 schema (${check.errors.slice(0, 3).join('; ')}); nothing was written.`)
      const text = `${JSON.stringify(document, null, 2)}\n`
      if (deps.secrets.containsSecret(text)) throw new AppError('har-export-blocked', 'The HAR export was not written because it still contained a secret.')
      return { ...(await save(`reactor-explorer-history-${stamp()}.har`, text, 'application/json', input.destination, operation)), requests: entries.length }
    }),
    'history:exportBundle': ({ ids, pseudonymize, includeDoctor, destination, operationId }) => operations.run(operationId, 'Building the repro bundle', async (operation) => {
      operation.report(0, undefined, 'converting')
      const entries = await entriesFor({ ids })
      const profileId = entries.find((entry) => entry.profile?.id)?.profile?.id
      const profile = await describe(profileId)
      const { writeReproBundle } = await reproBundle()
      const bundle = await writeReproBundle({
        entries,
        app: deps.app,
        environment: profile
          ? { profileName: profile.name, environment: profile.environment, environmentLabel: profile.environmentLabel, reactorBaseUrl: profile.reactorBaseUrl, imsBaseUrl: profile.imsBaseUrl, simulated: profile.simulated }
          : undefined,
        doctorSummary: includeDoctor && profileId ? doctorReports.get(profileId) : undefined,
        pseudonymize,
        clientId: profile?.clientId,
        redactor,
        registry: deps.secrets,
        operation
      })
      return { ...(await save(bundle.fileName, bundle.bytes, 'application/zip', destination, operation)), requests: bundle.summary.requests, fileName: bundle.fileName, redacted: bundle.summary.redacted, pseudonyms: bundle.summary.pseudonyms }
    }),
    // Reading writes nothing, so a cancel only drops the answer.
    'history:importBundle': ({ contentBase64, operationId }) => operations.run(operationId, 'Reading the repro bundle', async (operation) => {
      operation.report(0, undefined, 'reading')
      const { readReproBundle } = await reproBundle()
      operation.throwIfCancelled()
      const bundle = readReproBundle(new Uint8Array(Buffer.from(contentBase64, 'base64')), redactor)
      operation.throwIfCancelled()
      return bundle
    }),
    'history:importHar': async ({ content, profileId }) => {
      const base = await reactorBaseUrlOf(profileId)
      return (await har()).harToRequests(content, { redactor, reactorOrigins: base ? [base] : [] })
    },
    'history:fromCurl': async ({ text, profileId }) => {
      const base = await reactorBaseUrlOf(profileId)
      return (await curl()).curlToSpec(text, { reactorOrigins: base ? [base] : [] })
    },
    'history:toCurl': async ({ spec, profileId, variables }) => {
      const base = await reactorBaseUrlOf(profileId)
      return { command: (await curl()).specToCurl(spec, { ...(base ? { profile: { reactorBaseUrl: base } } : {}), variables: withoutSecrets(variables) }) }
    },
    'history:copyCurl': async ({ spec, profileId, variables, withRealValues }) => {
      const base = await reactorBaseUrlOf(profileId)
      let authHeaders: Array<[string, string]> | undefined
      if (withRealValues) {
        if (!profileId || !deps.provider) throw new AppError('curl-no-profile', 'Choose a profile first: its credential is what "with real values" writes.')
        const target = new URL((await curl()).absoluteUrl({ url: spec.url, params: [] }, base))
        const headers = await deps.provider.authHeadersFor(profileId, target)
        if (!headers) throw new AppError('curl-other-host', "This request does not go to the profile's own Reactor host, so its credential is not written into the command.")
        authHeaders = Object.entries(headers)
      }
      const command = (await curl()).specToCurl(spec as RequestSpec, { ...(base ? { profile: { reactorBaseUrl: base } } : {}), variables: withoutSecrets(variables), authHeaders })
      await clipboard(command, withRealValues ? 'the cURL command with real values' : 'the cURL command')
      return { copied: true as const, withRealValues }
    },
    'history:snippet': async ({ spec, language, profileId, variables }) => {
      const base = await reactorBaseUrlOf(profileId)
      return { language, code: (await snippets()).specToSnippet(spec, language, { reactorBaseUrl: base, variables: withoutSecrets(variables) }) }
    },
    'history:diffResponses': async ({ left, right, volatileKeys }) => (await responseDiff()).diffResponses(left, right, { volatileKeys }),
    'history:getSettings': () => currentSettings(),
    'history:setSettings': async (patch) => {
      const before = currentSettings()
      const next = HistorySettingsInput.required().parse({ ...before, ...patch })
      if (next.maxEntries === before.maxEntries && next.maxTotalMB === before.maxTotalMB && next.maxBodyKB === before.maxBodyKB) return before
      settingsStore().write({ schemaVersion: SETTINGS_VERSION, ...next })
      settings = next
      const count = (await store.stats()).entries
      await store.applyLimits()
      if ((await store.stats()).entries < count) deps.events.emit('history:changed', { reason: 'pruned' })
      return next
    }
  }

  return {
    handlers,
    store,
    record,
    rememberDoctorReport: (profileId, text) => void doctorReports.set(profileId, text),
    async flush() {
      // A drain that finished may have started another for exchanges that came meanwhile.
      while (draining || queued.length > 0) await recording
      await store.flush()
    }
  }
}

/** Secret variables never resolve outside the send itself: converters write their placeholder. */
function withoutSecrets<T extends { folder?: unknown; collection?: unknown; environment?: unknown; runtime?: unknown } | undefined>(scopes: T): T {
  if (!scopes) return scopes
  const strip = (list: unknown) => (Array.isArray(list) ? list.filter((variable: { secret?: boolean }) => !variable.secret) : list)
  return { ...scopes, folder: strip(scopes.folder), collection: strip(scopes.collection), environment: strip(scopes.environment), runtime: strip(scopes.runtime) } as T
}

/** The sentence for calls whose history entry could not be written (the calls themselves were answered). */
function notRecorded(count: number, dir: string, error: unknown): string {
  const why = writeFailureReason(error, 'the file could not be written')
  return `${count === 1 ? 'A call was' : `${count} calls were`} answered but could not be recorded in the history (${dir}): ${why}.`
}
