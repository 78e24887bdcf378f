import { access } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, extname, join } from 'node:path'
import type { RequestProgress } from '../../../shared/ipc/requests.contract'
import type { CredentialProvider } from '../auth/credential-provider'
import { BodyStore } from '../http/body-store'
import { HttpExecutor, type HttpSettings } from '../http/executor'
import { fetchAllPages } from '../http/fetch-all-pages'
import { RequestRegistry } from '../http/request-registry'
import type { NetworkClient } from '../net/network-client'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import type { SecretRegistry } from '../security/secret-registry'
import { SendPipeline, type SendPipelineDeps } from './send-pipeline'
import { TabStore } from './tab-store'

// The `requests` capability: send a document through the one pipeline, cancel it, fetch all pages of a list,
// save a large body, and keep the open tabs.
type RequestsHandlers = Pick<
  Handlers,
  'requests:send' | 'requests:cancel' | 'requests:fetchAllPages' | 'requests:saveBody' | 'requests:loadTabs' | 'requests:saveTabs'
>

export interface RequestsDeps {
  provider: CredentialProvider
  events: EventHub
  secrets: SecretRegistry
  /** Where bodies over the inline limit are kept (main-process only; emptied on start and dispose). */
  tempDir: string
  /** Where `tabs.json` lives (the app's data folder). */
  dataDir: string
  settings?: () => Partial<HttpSettings>
  /** The network layer shared with the IMS token client and the doctor; default: the executor's own. */
  network?: NetworkClient
  /**
   * Where to save a kept body: the app passes a save dialog; `undefined` means the user cancelled.
   * Default: the suggested name in the user's Downloads folder (never overwriting a file).
   */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
  /** Values of secret variables, asked by the pipeline in main only (collections lend them from the keychain). */
  secretVariable?: SendPipelineDeps['secretVariable']
}

export interface RequestsCapability {
  handlers: RequestsHandlers
  executor: HttpExecutor
  pipeline: SendPipeline
  tabs: TabStore
  bodies: BodyStore
  requests: RequestRegistry
  dispose(): Promise<void>
}

/** A file name that cannot climb out of its folder or carry control characters. */
function safeFileName(suggested: string | undefined, contentType: string | undefined): string {
  const cleaned = [...basename(suggested ?? '')]
    .map((char) => (char.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(char) ? '_' : char))
    .join('')
    .trim()
  if (cleaned && cleaned !== '.' && cleaned !== '..') return cleaned
  const ext = contentType && /json/i.test(contentType) ? '.json' : contentType && /html/i.test(contentType) ? '.html' : '.txt'
  return `response-${new Date().toISOString().replace(/[:.]/g, '-')}${ext}`
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

export async function defaultSavePath(name: string, dir = join(homedir(), 'Downloads')): Promise<string> {
  const ext = extname(name)
  const stem = ext ? name.slice(0, -ext.length) : name
  let candidate = join(dir, name)
  for (let n = 1; (await exists(candidate)) && n < 1000; n++) candidate = join(dir, `${stem} (${n})${ext}`)
  return candidate
}

export function createRequestsCapability(deps: RequestsDeps): RequestsCapability {
  const bodies = new BodyStore(deps.tempDir)
  const executor = new HttpExecutor({ provider: deps.provider, bodies, secrets: deps.secrets, settings: deps.settings, network: deps.network })
  const pipeline = new SendPipeline({ executor, secrets: deps.secrets, secretVariable: deps.secretVariable })
  const tabs = new TabStore({ dataDir: deps.dataDir, secrets: deps.secrets, onNotice: (notice) => deps.events.emit('app:notice', notice) })
  const requests = new RequestRegistry()
  const chooseSavePath = deps.chooseSavePath ?? ((name: string) => defaultSavePath(name))
  const onProgress = (progress: RequestProgress) => deps.events.emit('requests:progress', progress)

  const handlers: RequestsHandlers = {
    'requests:send': async ({ requestId, profileId, spec, variables, maxInlineBodyBytes }) => {
      const controller = requests.start(requestId)
      try {
        return await pipeline.send(spec, { requestId, profileId, variables, maxInlineBodyBytes, signal: controller.signal, onProgress, source: 'app' })
      } finally {
        requests.finish(requestId, controller)
      }
    },
    'requests:cancel': ({ requestId }) => ({ cancelled: requests.cancel(requestId) }),
    'requests:fetchAllPages': async (input) => {
      const { requestId, profileId, spec, variables } = input.request
      const controller = requests.start(requestId)
      try {
        const request = await pipeline.prepare(spec, { requestId, profileId, variables, source: 'fetch-all' })
        return await fetchAllPages(executor, bodies, { ...input, request }, { signal: controller.signal, onProgress })
      } finally {
        requests.finish(requestId, controller)
      }
    },
    'requests:loadTabs': () => tabs.load(),
    'requests:saveTabs': (state) => tabs.save(state),
    'requests:saveBody': async ({ bodyId, suggestedName }) => {
      const info = bodies.info(bodyId)
      const name = safeFileName(suggestedName, info?.contentType)
      if (!info) await bodies.saveTo(bodyId, name) // throws the clear "no longer kept" error
      const destination = await chooseSavePath(name)
      if (!destination) return { saved: false }
      const saved = await bodies.saveTo(bodyId, destination)
      return { saved: true, path: saved.path }
    }
  }

  return {
    handlers,
    executor,
    pipeline,
    tabs,
    bodies,
    requests,
    async dispose() {
      requests.cancelAll()
      await executor.dispose()
      await bodies.dispose()
    }
  }
}
