import { access } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, extname, join } from 'node:path'
import type { RequestProgress } from '../../../shared/ipc/http.contract'
import type { CredentialProvider } from '../auth/credential-provider'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import type { SecretRegistry } from '../security/secret-registry'
import { BodyStore } from './body-store'
import { HttpExecutor, type HttpSettings } from './executor'
import { fetchAllPages } from './fetch-all-pages'
import { RequestRegistry } from './request-registry'

type HttpHandlers = Pick<Handlers, 'http:send' | 'http:cancel' | 'http:fetchAllPages' | 'http:saveBody'>

export interface HttpHandlerDeps {
  provider: CredentialProvider
  events: EventHub
  secrets: SecretRegistry
  /** Where bodies over the inline limit are kept (main-process only; emptied on start and dispose). */
  tempDir: string
  settings?: () => Partial<HttpSettings>
  /**
   * Where to save a kept body: the app passes a save dialog; `undefined` means the user cancelled.
   * Default: the suggested name in the user's Downloads folder (never overwriting a file).
   */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>
}

export interface HttpCapability {
  handlers: HttpHandlers
  executor: HttpExecutor
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

export function createHttpCapability(deps: HttpHandlerDeps): HttpCapability {
  const bodies = new BodyStore(deps.tempDir)
  const executor = new HttpExecutor({ provider: deps.provider, bodies, secrets: deps.secrets, settings: deps.settings })
  const requests = new RequestRegistry()
  const chooseSavePath = deps.chooseSavePath ?? ((name: string) => defaultSavePath(name))
  const onProgress = (progress: RequestProgress) => deps.events.emit('http:progress', progress)

  const handlers: HttpHandlers = {
    'http:send': async (input) => {
      const controller = requests.start(input.requestId)
      try {
        return await executor.send(input, { signal: controller.signal, onProgress })
      } finally {
        requests.finish(input.requestId, controller)
      }
    },
    'http:cancel': ({ requestId }) => ({ cancelled: requests.cancel(requestId) }),
    'http:fetchAllPages': async (input) => {
      const requestId = input.request.requestId
      const controller = requests.start(requestId)
      try {
        return await fetchAllPages(executor, bodies, input, { signal: controller.signal, onProgress })
      } finally {
        requests.finish(requestId, controller)
      }
    },
    'http:saveBody': async ({ bodyId, suggestedName }) => {
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
    bodies,
    requests,
    async dispose() {
      requests.cancelAll()
      await executor.dispose()
      await bodies.dispose()
    }
  }
}
