import { mkdir } from 'node:fs/promises'
import { defaultDataDir } from '../core/app/data-dir'
import { createAppCore, type AppCore } from '../core/app/create-app-core'
import { startLoopbackServer, type LoopbackServer } from '../core/transport/loopback-server'
import type { SecretStoreCandidate } from '../core/secrets/secret-service'
import { keytarCandidate } from '../core/secrets/keytar-secret-store'

export interface BrowserModeOptions {
  /** The built renderer, normally out/renderer. */
  rendererDir: string
  /** Profiles and settings; defaults to the app's own folder (defaultDataDir), shared with the CLI. */
  dataDir?: string
  port?: number
  version?: string
  log?: (line: string) => void
  /** Secret backends; default keytar (memory for the session when no keychain is reachable). */
  secretStores?: SecretStoreCandidate[]
}

export interface BrowserMode {
  core: AppCore
  server: LoopbackServer
  close(): Promise<void>
}

/**
 * The real core behind the loopback transport, serving the built renderer: the whole app in an
 * ordinary browser, for machines where Electron cannot run and for end-to-end tests.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? defaultDataDir()
  await mkdir(dataDir, { recursive: true })
  const core = createAppCore({
    transport: 'loopback',
    version: options.version ?? '0.0.0',
    dataDir,
    log: options.log,
    // keytar is not electron, so browser mode keeps secrets in the OS keychain too; no clipboard from main.
    secretStores: options.secretStores ?? [keytarCandidate()]
  })
  const server = await startLoopbackServer({
    dispatcher: core.dispatcher,
    events: core.events,
    staticDir: options.rendererDir,
    port: options.port
  })
  return {
    core,
    server,
    async close() {
      await server.close()
      await core.dispose()
    }
  }
}
