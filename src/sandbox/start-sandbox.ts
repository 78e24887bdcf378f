// The Reactor Sandbox: a local IMS + Reactor API for the app's demo connection, the tests and the benchmarks.
// Plain Node (no electron), one loopback port: IMS under /ims/, Reactor at the root, controls under /__sandbox/.
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { FaultRegistry, type FaultController } from './faults'
import { SANDBOX_CREDENTIALS } from './scenarios'
import { seedStore, type SandboxScale } from './seed-data'
import { SandboxHttpServer, type SandboxStats } from './server'
import { TokenSigner } from './tokens'

export { SANDBOX_CREDENTIALS, REACTOR_SCOPES } from './scenarios'
export type { SandboxCredential, ScenarioName } from './scenarios'
export type { FaultController, FaultKind, FaultSpec } from './faults'
export type { SandboxScale } from './seed-data'

export interface SandboxOptions {
  /** 0 = random */
  port?: number
  seed?: number
  scale?: SandboxScale
  /** default 86400 */
  tokenLifetimeSeconds?: number
  /** how long builds and secret exchanges stay `pending` (default 300 ms) */
  asyncDelayMs?: number
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43123; IMS lives under /ims/, Reactor at the root */
  baseUrl: string
  /** === baseUrl (token endpoint = `${imsUrl}/ims/token/v3`) */
  imsUrl: string
  /** === baseUrl */
  reactorUrl: string
  credentials: typeof SANDBOX_CREDENTIALS
  faults: FaultController
  /**
   * Required as the `x-sandbox-control` header on the `/__sandbox/*` control routes, so a web page or another
   * local program cannot switch faults on or read the scenario credentials. Printed by `reactor-explorer sandbox`.
   */
  controlToken: string
  stats(): { imsTokenRequests: number; reactorRequests: number }
  /** ids of the seeded resources, handy for tests and demos */
  seeded: {
    companyId: string
    webPropertyId: string
    edgePropertyId: string
    largePropertyId?: string
    /** the working org's private extension package, which has usage authorizations */
    privateExtensionPackageId: string
  }
  /** how long seeding + listening took */
  startupMs: number
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const started = performance.now()
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${String(options.port)}`)
  const scale = options.scale ?? 'small'
  if (scale !== 'small' && scale !== 'large') throw new Error(`invalid scale ${String(scale)}`)
  const seed = options.seed ?? 1
  if (!Number.isInteger(seed)) throw new Error(`invalid seed ${String(options.seed)}`)

  const { store, prng, ...seeded } = seedStore(seed, scale)
  const signer = new TokenSigner()
  const faults = new FaultRegistry()
  const stats: SandboxStats = { imsTokenRequests: 0, reactorRequests: 0 }
  const controlToken = randomBytes(18).toString('base64url')
  let baseUrl = ''
  const http = new SandboxHttpServer({
    ims: { signer, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86400 },
    reactor: { store, prng, signer, asyncDelayMs: options.asyncDelayMs ?? 300 },
    faults,
    stats,
    controlToken,
    baseUrl: () => baseUrl
  })
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject)
    http.server.listen(port, '127.0.0.1', () => {
      http.server.off('error', reject)
      resolve()
    })
  })
  baseUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`
  let closed: Promise<void> | undefined
  return {
    baseUrl,
    imsUrl: baseUrl,
    reactorUrl: baseUrl,
    credentials: SANDBOX_CREDENTIALS,
    faults,
    controlToken,
    stats: () => ({ ...stats }),
    seeded,
    startupMs: performance.now() - started,
    close: () => (closed ??= http.close())
  }
}
