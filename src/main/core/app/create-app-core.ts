import type { AppInfo } from '../../../shared/contract'
import { join } from 'node:path'
import { createHttpCapability } from '../http/http-handlers'
import { createSandboxHandlers } from '../sandbox/sandbox-handlers'
import { SandboxHost } from '../../../sandbox'
import { createDispatcher, type Dispatcher, type Handlers } from '../rpc/dispatcher'
import { EventHub } from '../rpc/event-hub'
import { createCredentials } from '../profiles/credentials-core'
import { createSandboxLink } from '../profiles/sandbox-link'
import type { SecretStoreCandidate } from '../secrets/secret-service'
import { SecretRegistry } from '../security/secret-registry'
import { createSettingsCapability } from '../settings/network-settings'

export interface AppCoreOptions {
  transport: AppInfo['transport']
  version: string
  platform?: string
  /** Where profiles, collections and history live (userData in the app, a temp dir in tests). */
  dataDir: string
  log?: (line: string) => void
  /** The in-process sandbox (tests pass their own options, e.g. a short token lifetime). */
  sandbox?: SandboxHost
  /** Save dialog for large response bodies (the app passes Electron's); default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  /** Persistent secret backends, best first (keytar; then safeStorage in Electron). Memory-only when empty. */
  secretStores?: SecretStoreCandidate[]
  /** Writes the system clipboard from main (Electron's clipboard); absent in browser mode. */
  writeClipboard?: (text: string) => void | Promise<void>
}

export interface AppCore {
  dispatcher: Dispatcher
  sandbox: SandboxHost
  events: EventHub
  secrets: SecretRegistry
  dispose(): Promise<void>
}

/**
 * Composes the framework-free services behind the contract. Electron's main process and browser mode
 * both call this with their own platform adapters, so the renderer cannot tell them apart.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const secrets = new SecretRegistry()
  const events = new EventHub(secrets)
  const log = options.log ?? ((line: string) => console.error(line))
  const sandbox = options.sandbox ?? new SandboxHost()

  const credentials = createCredentials({
    dataDir: options.dataDir,
    registry: secrets,
    events,
    secretStores: options.secretStores,
    writeClipboard: options.writeClipboard,
    sandbox: createSandboxLink(sandbox),
    proactiveRefresh: true,
    // Bound late: the HTTP capability needs the credentials' provider, and IMS calls need its proxy setup.
    networkDispatcher: () => http.executor.networkDispatcher()
  })
  const settings = createSettingsCapability({ dataDir: options.dataDir, events })
  const http = createHttpCapability({
    provider: credentials.provider,
    events,
    secrets,
    tempDir: join(options.dataDir, 'response-bodies'),
    chooseSavePath: options.chooseSavePath,
    settings: () => settings.store.httpSettings()
  })

  const handlers: Handlers = {
    'app:info': () => ({
      name: 'Reactor Explorer',
      version: options.version,
      platform: options.platform ?? process.platform,
      transport: options.transport
    }),
    ...http.handlers,
    ...createSandboxHandlers(sandbox),
    ...credentials.handlers,
    ...settings.handlers
  }

  return {
    dispatcher: createDispatcher({ handlers, secrets, log }),
    sandbox,
    events,
    secrets,
    async dispose() {
      await http.dispose()
      await credentials.dispose()
      await sandbox.stop()
    }
  }
}
