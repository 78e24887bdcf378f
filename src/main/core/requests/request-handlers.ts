import { access } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { MAX_BODY_DOWNLOAD_BYTES, type HttpResponse, type RequestProgress, type SavedBody } from '../../../shared/ipc/requests.contract'
import type { ParsedInput } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { formatBytes } from '../net/network-errors'
import type { CredentialProvider } from '../auth/credential-provider'
import { BodyStore } from '../http/body-store'
import { BodyStreams } from '../http/body-streams'
import { HttpExecutor, type HttpSettings } from '../http/executor'
import { fetchAllPages } from '../http/fetch-all-pages'
import { RequestRegistry } from '../http/request-registry'
import type { NetworkClient } from '../net/network-client'
import type { Handlers } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import type { SecretRegistry } from '../security/secret-registry'
import type { RequestSpec } from '../../../shared/requests/request-spec'
import { SendPipeline, type SendContext, type SendPipelineDeps } from './send-pipeline'
import { TabStore } from './tab-store'

// The `requests` capability: send a document through the one pipeline, cancel it, fetch all pages of a list,
// save a large body, and keep the open tabs.
type RequestsHandlers = Pick<
  Handlers,
  | 'requests:send'
  | 'requests:cancel'
  | 'requests:fetchAllPages'
  | 'requests:saveBody'
  | 'requests:openBodyStream'
  | 'requests:releaseBody'
  | 'requests:loadTabs'
  | 'requests:saveTabs'
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
   * Where to save a kept body: the app passes a save dialog; `undefined` means the user cancelled. Without
   * one (browser mode) main writes nothing: `requests:saveBody` answers with the file as a download.
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
  /** Bodies being streamed to the renderer (`streamBody`); the transports attach their subscriber here. */
  streams: BodyStreams
  requests: RequestRegistry
  /** A send whose body streams to the body worker (`streamBody`): requests:send's and collections:sendRequest's. */
  sendStreamed(spec: RequestSpec, context: StreamedSendContext): StreamedSend
  dispose(): Promise<void>
}

export type StreamedSendContext = Omit<SendContext, 'onHead' | 'onBodyChunk'>

export interface StreamedSend {
  /** The response with a `stream` body, as soon as the head is in (or the whole response when it has no body). */
  head: Promise<HttpResponse>
  /** The whole send is over (body complete, failed or cancelled); never rejects. */
  settled: Promise<void>
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
  const bodies = new BodyStore(deps.tempDir, undefined, undefined, { secrets: deps.secrets })
  const executor = new HttpExecutor({ provider: deps.provider, bodies, secrets: deps.secrets, settings: deps.settings, network: deps.network })
  const pipeline = new SendPipeline({ executor, secrets: deps.secrets, secretVariable: deps.secretVariable })
  const tabs = new TabStore({ dataDir: deps.dataDir, secrets: deps.secrets, onNotice: (notice) => deps.events.emit('app:notice', notice) })
  const requests = new RequestRegistry()
  const streams = new BodyStreams({ secrets: deps.secrets })
  const onProgress = (progress: RequestProgress) => deps.events.emit('requests:progress', progress)

  /**
   * `streamBody`: answers with the head as soon as the final attempt's status and headers are in, and the
   * body follows on the stream (body-streams.ts). The pipeline's send goes on until the body is complete, so
   * observers (history) get the same whole response as without streaming, and so does the kept body (Save).
   * `settled` ends (never rejects) when the whole send is over: what the caller lent the send (a cancel
   * registration, collection secrets) is given back then, not when the head answers.
   */
  function sendStreamed(spec: RequestSpec, context: StreamedSendContext): StreamedSend {
    const stream = streams.create(context.maxInlineBodyBytes ?? executor.settings().maxInlineBodyBytes)
    let settle!: () => void
    const settled = new Promise<void>((resolve) => (settle = resolve))
    const head = new Promise<HttpResponse>((resolve, reject) => {
      let answered = false
      const whole = pipeline.send(spec, {
        ...context,
        onHead: ({ contentLength, bodyless, ...head }) => {
          // Nothing to stream: the whole (empty) answer follows at once.
          if (bodyless) return
          answered = true
          resolve({ ...head, body: { kind: 'stream', streamId: stream.streamId, bytes: 0, ...(contentLength !== undefined ? { contentLength } : {}) } })
        },
        onBodyChunk: (chunk) => stream.push(chunk)
      })
      whole
        .then((response) => {
          if (!answered) {
            stream.fail(new AppError('http-body-not-streamed', 'The response had no body to stream.'))
            return resolve(response)
          }
          const body = response.body
          // The head went out timed at the head (download 0 ms); the end carries the complete exchange's.
          const timing = { totalMs: response.timing.totalMs, downloadMs: response.timing.downloadMs }
          if (body.kind === 'file') {
            const path = bodies.info(body.bodyId)?.path
            if (!path) return stream.fail(new AppError('http-body-gone', 'The body was dropped before it was complete.'))
            return stream.end({ kept: 'file', bodyId: body.bodyId, timing, ...(body.secretKind ? { secretKind: body.secretKind } : {}) }, { kind: 'file', path })
          }
          const text = body.kind === 'inline' ? body.text : ''
          const secretKind = stream.flush()
          const bodyId = bodies.keepInline({ text, bytes: body.bytes, contentType: response.contentType, url: response.url, ...(secretKind ? { secretFound: secretKind } : {}) })
          stream.end({ kept: 'inline', bodyId, timing }, { kind: 'inline', text })
        })
        .catch((error: unknown) => {
          stream.fail(error)
          if (!answered) reject(error)
        })
        .finally(settle)
    })
    return { head, settled }
  }

  function sendStreaming(input: ParsedInput<'requests:send'>): Promise<HttpResponse> {
    const { requestId, profileId, spec, variables, maxInlineBodyBytes } = input
    const controller = requests.start(requestId)
    const { head, settled } = sendStreamed(spec, { requestId, profileId, variables, maxInlineBodyBytes, signal: controller.signal, onProgress, source: 'app' })
    void settled.then(() => requests.finish(requestId, controller))
    return head
  }

  const handlers: RequestsHandlers = {
    'requests:send': async (input) => {
      if (input.streamBody) return sendStreaming(input)
      const { requestId, profileId, spec, variables, maxInlineBodyBytes } = input
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
    'requests:openBodyStream': () => {
      // Reached only through the dispatcher, which cannot carry a MessagePort: the desktop app's IPC bridge
      // answers this channel itself (src/main/platform/ipc-bridge.ts).
      throw new AppError(
        'body-stream-needs-port',
        'A body stream is opened with a MessagePort, which only the desktop app can hand over. In browser mode, fetch /body-stream/<streamId> with the launch token.'
      )
    },
    'requests:releaseBody': async ({ bodyId }) => ({ released: await bodies.release(bodyId) }),
    'requests:saveBody': async ({ bodyId, suggestedName, confirm }) => {
      const info = bodies.kept(bodyId)
      const name = safeFileName(suggestedName, info?.contentType)
      if (!info) await bodies.saveTo(bodyId, name) // throws the clear "no longer kept" error
      const stored = info!
      // The scan while writing found a known secret: nothing is written until the person says yes.
      if (stored.secretFound && !confirm) {
        return { saved: false, needsConfirmation: { found: `This response body contains your ${stored.secretFound}. Saving it writes that secret into the file.` } }
      }
      if (!deps.chooseSavePath) return downloadOf(bodyId, stored, name)
      const destination = await deps.chooseSavePath(name)
      if (!destination) return { saved: false }
      const saved = await bodies.saveTo(bodyId, destination)
      return { saved: true, path: saved.path }
    }
  }

  /**
   * Browser mode has no save dialog in main, and writing into ~/Downloads unasked is not saving "where the
   * person chooses": the body goes back as a download for the browser to save. It crosses to the renderer,
   * so every known secret in it is masked (the renderer never holds one), and past the transport's size it
   * is refused with the way out.
   */
  async function downloadOf(bodyId: string, stored: { bytes: number; contentType: string | undefined; secretFound?: string }, fileName: string): Promise<SavedBody> {
    if (stored.bytes > MAX_BODY_DOWNLOAD_BYTES) {
      throw new AppError(
        'http-body-too-large-to-download',
        `This body is ${formatBytes(stored.bytes)}; browser mode can hand over at most ${formatBytes(MAX_BODY_DOWNLOAD_BYTES)} as a download. Save it from the desktop app, or ask for less (a smaller page[size]).`
      )
    }
    const mimeType = stored.contentType?.split(';')[0]?.trim() || 'application/octet-stream'
    const raw = await bodies.read(bodyId)
    if (!stored.secretFound) return { saved: false, download: { fileName, mimeType, contentBase64: raw.toString('base64') } }
    const masked = deps.secrets.redact(raw.toString('utf8'))
    return { saved: false, download: { fileName, mimeType, contentBase64: Buffer.from(masked, 'utf8').toString('base64'), secretsMasked: true } }
  }

  return {
    handlers,
    executor,
    pipeline,
    tabs,
    bodies,
    streams,
    requests,
    sendStreamed,
    async dispose() {
      requests.cancelAll()
      streams.dispose()
      await executor.dispose()
      await bodies.dispose()
    }
  }
}
