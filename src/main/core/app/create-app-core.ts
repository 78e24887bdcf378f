import type { AppInfo } from '../../../shared/contract'
import { join } from 'node:path'
import { createHttpCapability } from '../http/http-handlers'
import { createNoProfilesProvider } from '../http/no-profiles-provider'
import { createDispatcher, type Dispatcher, type Handlers } from '../rpc/dispatcher'
import { EventHub } from '../rpc/event-hub'
import { SecretRegistry } from '../security/secret-registry'

export interface AppCoreOptions {
  transport: AppInfo['transport']
  version: string
  platform?: string
  /** Where profiles, collections and history live (userData in the app, a temp dir in tests). */
  dataDir: string
  log?: (line: string) => void
  /** Save dialog for large response bodies (the app passes Electron's); default: the Downloads folder. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
}

export interface AppCore {
  dispatcher: Dispatcher
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

  // The provider that knows no profiles is replaced by the credentials capability's provider when it is composed here.
  const http = createHttpCapability({
    provider: createNoProfilesProvider(),
    events,
    secrets,
    tempDir: join(options.dataDir, 'response-bodies'),
    chooseSavePath: options.chooseSavePath
  })

  const handlers: Handlers = {
    'app:info': () => ({
      name: 'Reactor Explorer',
      version: options.version,
      platform: options.platform ?? process.platform,
      transport: options.transport
    }),
    ...http.handlers
  }

  return {
    dispatcher: createDispatcher({ handlers, secrets, log }),
    events,
    secrets,
    async dispose() {
      await http.dispose()
    }
  }
}
