import type { AppInfo } from '../../../shared/contract'
import { join } from 'node:path'
import { createRequestsCapability, type RequestsCapability } from '../requests/request-handlers'
import { createHistoryCapability, describeWith, type HistoryCapability } from '../history/history-handlers'
import { CollectionSecrets } from '../collections/collection-secrets'
import { createCollectionsCapability, secretVariableFor, type CollectionsCapability } from '../collections/collections-handlers'
import { runnerCollectionDeps } from '../runner/collections-bridge'
import { createRunnerCapability, type RunnerCapability } from '../runner/runner-capability'
import { createSandboxHandlers } from '../sandbox/sandbox-handlers'
import { createInterchangeHandlers } from '../interchange/interchange-handlers'
import { OperationTracker } from '../interchange/operation-progress'
import { SandboxHost } from '../../../sandbox'
import { createDispatcher, type Dispatcher, type Handlers } from '../rpc/dispatcher'
import { EventHub } from '../rpc/event-hub'
import { createCredentials, createProfileCredentials, type Credentials } from '../profiles/credentials-core'
import { NetworkClient } from '../net/network-client'
import { createSandboxLink } from '../profiles/sandbox-link'
import type { SecretStoreCandidate } from '../secrets/secret-service'
import { SecretRegistry } from '../security/secret-registry'
import { createSettingsCapability, type SettingsCapability } from '../settings/network-settings'
import { ProxyPassword } from '../settings/proxy-password'
import { createConnectionTestHandler } from '../settings/connection-test-handler'

/** What every front end (the app, browser mode, the CLI) composes the same way. */
export interface CoreServicesOptions {
  /** Where profiles, settings, tabs (and next: collections, history) live. */
  dataDir: string
  /** The in-process sandbox (tests pass their own options, e.g. a short token lifetime). */
  sandbox?: SandboxHost
  /** Save dialog for large response bodies (the app passes Electron's); default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  /** Persistent secret backends, best first (keytar; then safeStorage in Electron). Memory-only when empty. */
  secretStores?: SecretStoreCandidate[]
  /** Writes the system clipboard from main (Electron's clipboard); absent in browser mode and the CLI. */
  writeClipboard?: (text: string) => void | Promise<void>
  /** Renew tokens in the background before they expire (the app: yes; a one-shot CLI command: no). */
  proactiveRefresh?: boolean
  /** A registry shared with the caller (the CLI redacts its own output with it). */
  secrets?: SecretRegistry
  /** Watch open collections for changes on disk (default yes; one-shot CLI commands pass false). */
  watchCollections?: boolean
  /** Written into HAR exports and repro bundles. */
  appVersion?: string
  /**
   * Record every send in the history (default yes). A CLI run in a throw-away data folder (CI) passes false:
   * the folder is deleted at exit, and recording 500 runner sends cost ~0.5 ms each (redaction, the write).
   */
  recordHistory?: boolean
}

export interface CoreServices {
  secrets: SecretRegistry
  events: EventHub
  sandbox: SandboxHost
  /** The one HTTP layer: the executor, the IMS token client and the doctor's probe share it. */
  network: NetworkClient
  credentials: Credentials
  settings: SettingsCapability
  /** The send pipeline, the executor and the open tabs. */
  requests: RequestsCapability
  /** OpenCollection folders on disk, their environments, and sending their requests through `requests.pipeline`. */
  collections: CollectionsCapability
  /** The collection runner (sends through `requests.pipeline`). */
  runner: RunnerCapability
  /** Every send recorded (redacted, bounded), and the converters of the support journey. */
  history: HistoryCapability
  /** Imports, exports and repro bundles report as app:progress; app:cancelOperation stops one between two steps. */
  operations: OperationTracker
  dispose(): Promise<void>
}

/**
 * The framework-free services, composed once: secrets, credentials (profiles, tokens, doctor), network
 * settings, and the one send pipeline. The app and browser mode put a dispatcher in front of them
 * (createAppCore); the CLI calls them directly, so `send` and the app share every line of request code.
 */
export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const secrets = options.secrets ?? new SecretRegistry()
  const events = new EventHub(secrets)
  const sandbox = options.sandbox ?? new SandboxHost()
  const operations = new OperationTracker((progress) => events.emit('app:progress', progress))
  // The proxy password is kept by the secrets service the credentials compose below; the settings hold its place.
  const proxyPassword = new ProxyPassword(secrets)
  const settings = createSettingsCapability({ dataDir: options.dataDir, events, proxyPassword })

  // Each part is built after what it needs, so nothing is bound late: the network layer (pools, proxy,
  // timeouts, error wording), then profiles and tokens (IMS calls go through that layer), then the requests
  // capability (its executor needs the profiles' provider), then the credentials capability on top (its
  // doctor sends GET /companies through the pipeline).
  const network = new NetworkClient({ settings: () => settings.store.httpSettings() })
  const credentialOptions = {
    dataDir: options.dataDir,
    registry: secrets,
    events,
    secretStores: options.secretStores,
    // Once the Sandbox runs, the Sandbox profiles' hosts are known: the profile list is read again.
    sandbox: createSandboxLink(sandbox, { onStarted: () => events.emit('profiles:changed', { activeProfileId: undefined }) }),
    proactiveRefresh: options.proactiveRefresh ?? true,
    network
  }
  const parts = createProfileCredentials(credentialOptions)
  // The backend chosen in Settings applies before anything is read or stored (the proxy password just below).
  settings.useSecrets(parts.secrets)
  proxyPassword.keepIn(parts.secrets)
  // The keychain is read for it only when a proxy login is configured (a CLI `send` never opens it otherwise).
  if (settings.store.network().proxy.username) void proxyPassword.ensureLoaded()
  // Collections' secret variable values live in the keychain; the pipeline asks for them only in main.
  const collectionSecrets = new CollectionSecrets(parts.secrets)
  const requests = createRequestsCapability({
    dataDir: options.dataDir,
    provider: parts.provider,
    network,
    events,
    secrets,
    tempDir: join(options.dataDir, 'response-bodies'),
    chooseSavePath: options.chooseSavePath,
    settings: () => settings.store.httpSettings(),
    secretVariable: secretVariableFor(collectionSecrets)
  })
  const collections = createCollectionsCapability({
    dataDir: options.dataDir,
    secrets: collectionSecrets,
    registry: secrets,
    events,
    pipeline: requests.pipeline,
    requests: requests.requests,
    sendStreamed: requests.sendStreamed,
    watch: options.watchCollections ?? true
  })
  const credentials = createCredentials({
    ...credentialOptions,
    parts,
    writeClipboard: options.writeClipboard,
    sendRequest: (spec, context) => requests.pipeline.send(spec, context)
  })
  const runner = createRunnerCapability({
    requests,
    secrets,
    events,
    profileName: async (profileId) => (await credentials.profiles.get(profileId).catch(() => undefined))?.name,
    ...runnerCollectionDeps(collections),
    // The app's runs keep their JSON/JUnit/HTML reports for the Run view's Export (the CLI writes its own).
    reports: {
      dir: join(options.dataDir, 'run-reports'),
      tool: `Reactor Explorer ${options.appVersion ?? 'unknown'}`,
      identifiers: async (profileId) => {
        const profile = await credentials.profiles.get(profileId).catch(() => undefined)
        return [profile?.clientId, profile?.orgId].filter((value): value is string => Boolean(value))
      },
      chooseSavePath: options.chooseSavePath
    }
  })
  const history = createHistoryCapability({
    dataDir: options.dataDir,
    secrets,
    events,
    app: { name: 'Reactor Explorer', version: options.appVersion ?? 'unknown' },
    describeProfile: describeWith(
      (id) => credentials.profiles.get(id),
      (listener) => void events.subscribe((event) => event.name === 'profiles:changed' && listener())
    ),
    provider: parts.provider,
    writeClipboard: options.writeClipboard,
    chooseSavePath: options.chooseSavePath,
    operations
  })
  if (options.recordHistory ?? true) requests.pipeline.observe(history.record)

  return {
    secrets,
    events,
    sandbox,
    network,
    credentials,
    settings,
    requests,
    collections,
    runner,
    history,
    operations,
    async dispose() {
      await runner.dispose()
      await history.flush()
      await collections.dispose()
      await requests.dispose()
      await credentials.dispose()
      await network.dispose()
      await sandbox.stop()
    }
  }
}

export interface AppCoreOptions extends CoreServicesOptions {
  transport: AppInfo['transport']
  version: string
  platform?: string
  log?: (line: string) => void
}

export interface AppCore {
  dispatcher: Dispatcher
  sandbox: SandboxHost
  events: EventHub
  secrets: SecretRegistry
  services: CoreServices
  dispose(): Promise<void>
}

/**
 * The services behind the contract. Electron's main process and browser mode both call this with their own
 * platform adapters, so the renderer cannot tell them apart.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const services = createCoreServices({ appVersion: options.version, ...options })
  const { secrets, events, sandbox, credentials, settings, requests, collections, runner, history, operations } = services
  const log = options.log ?? ((line: string) => console.error(line))

  const handlers: Handlers = {
    'app:info': () => ({
      name: 'Reactor Explorer',
      version: options.version,
      platform: options.platform ?? process.platform,
      transport: options.transport
    }),
    'app:cancelOperation': ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
    ...requests.handlers,
    ...collections.handlers,
    ...runner.handlers,
    ...createSandboxHandlers(sandbox, {
      profiles: credentials.profiles,
      onProfilesChanged: (activeProfileId) => events.emit('profiles:changed', { activeProfileId })
    }),
    ...credentials.handlers,
    // The doctor's last report goes into repro bundles.
    'doctor:run': async (input) => {
      const report = await credentials.handlers['doctor:run'](input)
      history.rememberDoctorReport(report.profileId, report.text)
      return report
    },
    ...settings.handlers,
    ...createConnectionTestHandler({
      network: services.network,
      store: settings.store,
      profileHosts: async (profileId) => credentials.profiles.get(profileId)
    }),
    ...history.handlers,
    // Imports, the starter collection and exports, written and opened through the collections capability.
    ...createInterchangeHandlers({ collections: collections.service, sandbox, chooseSavePath: options.chooseSavePath, operations })
  }

  return {
    dispatcher: createDispatcher({ handlers, secrets, log, bodyStreams: requests.streams }),
    sandbox,
    events,
    secrets,
    services,
    dispose: () => services.dispose()
  }
}
