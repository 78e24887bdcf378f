
import { z } from 'zod'
import { HTTP_METHODS, RequestSpec, RequestVariable } from '../requests/request-spec'
import { channel, NoInput } from './define'

// The `requests` capability: a request document (`RequestSpec`, src/shared/requests/) goes in, main resolves
// its variables and the profile once, adds the profile's auth only for that profile's own origin, and sends
// it through the one HTTP layer. The open request tabs live here too: they are documents as well.

export { HTTP_METHODS }

const VariableList = z.array(RequestVariable).max(500)

/** Values from the scopes above the request itself (request < folder < collection < environment < runtime). */
export const VariableScopesInput = z
  .object({ folder: VariableList.optional(), collection: VariableList.optional(), environment: VariableList.optional(), runtime: VariableList.optional() })
  .default({})

export const SendRequestInput = z.object({
  /** Chosen by the caller; names the request for cancel and progress events. */
  requestId: z.string().min(1).max(64),
  /** The profile whose credential main adds (only for that profile's own Reactor origin). */
  profileId: z.string().max(128).optional(),
  spec: RequestSpec,
  variables: VariableScopesInput,
  /** Bodies above this are kept in a file in main and only a preview crosses to the renderer. */
  maxInlineBodyBytes: z.number().int().min(1024).max(200_000_000).optional(),
  /**
   * Answer as soon as the response head is in (status, headers, timing so far) with a `stream` body the
   * body worker reads frame by frame (src/shared/requests/body-stream.ts). Only the workbench asks for it;
   * the CLI, runner, history and the request context lists take the whole body as before.
   */
  streamBody: z.boolean().optional()
})
export type SendRequestInput = z.input<typeof SendRequestInput>

export interface HttpTiming {
  totalMs: number
  /** Time to first byte (response headers received). */
  ttfbMs: number
  downloadMs: number
}

export type HttpResponseBody =
  | { kind: 'inline'; text: string; bytes: number }
  /** Over the inline limit: kept in main; `saveResponseBody` writes it where the user chooses. */
  | {
      kind: 'file'
      bodyId: string
      bytes: number
      /** Known secrets in it are masked. */
      preview: string
      /** The scan while writing found a secret the app holds: saving asks first (`requests:saveBody`). */
      containsSecret?: true
      /** Which kind, in words ("client secret", "access token"): never the value. */
      secretKind?: string
    }
  | { kind: 'empty'; bytes: 0 }
  /**
   * Still arriving (asked for with `streamBody`): open `streamId` with `requests:openBodyStream` (Electron, a
   * MessagePort) or `GET /body-stream/<streamId>` (browser mode). The stream's last frame says where main
   * keeps the whole body (`bodyId`, for Save) or why it stopped.
   */
  | {
      kind: 'stream'
      streamId: string
      /** Bytes main had read when it answered with the head (usually 0); the stream's `end` frame has the total. */
      bytes: number
      /** From Content-Length when the server sent one (compressed size when the body is encoded). */
      contentLength?: number
    }

export interface HttpResponse {
  requestId: string
  /** The URL finally answered (after redirects), with query. */
  url: string
  method: string
  status: number
  statusText: string
  headers: Array<[string, string]>
  contentType: string | undefined
  body: HttpResponseBody
  /**
   * Not set by the executor any more: main does not parse bodies it does not need (the renderer's body worker
   * parses for the viewer). Callers that need the verdict (the CLI, history) use `jsonProblemOf` from
   * src/main/core/http/json-problem.ts and may put it here.
   */
  jsonProblem?: string
  timing: HttpTiming
  /** Adobe request id from x-request-id / x-adobe-request-id style headers, for support tickets. */
  adobeRequestId: string | undefined
  /** Seconds, from a Retry-After header on 429/503. */
  retryAfterSeconds: number | undefined
  redirects: Array<{ status: number; from: string; to: string; credentialsDropped: boolean }>
  attempts: number
  /** Headers as sent; managed credentials appear masked, e.g. `Bearer ••••1a2b (profile)`. */
  sentHeaders: Array<[string, string]>
  /** 'off' when a host of this exchange is on the "do not verify" list (Settings → Certificates): shown as a warning. */
  tlsVerification?: 'off'
}

export const CancelInput = z.object({ requestId: z.string().min(1).max(64) })

export const FetchAllPagesInput = z.object({
  request: SendRequestInput,
  /** page[size] to use, 1..100 (Reactor's maximum). */
  pageSize: z.number().int().min(1).max(100).default(100),
  concurrency: z.number().int().min(1).max(8).default(4),
  maxPages: z.number().int().min(1).max(10_000).default(1000)
})
export type FetchAllPagesInput = z.input<typeof FetchAllPagesInput>

export interface FetchAllPagesResult {
  requestId: string
  pages: number
  totalCount: number
  /** A JSON:API document: `data` is the union of every page's data in page order. */
  document: HttpResponseBody
  timing: { totalMs: number }
}

export interface RequestProgress {
  requestId: string
  phase: 'sending' | 'waiting' | 'downloading' | 'retrying' | 'paging' | 'done'
  loadedBytes?: number
  pagesDone?: number
  pagesTotal?: number
  message?: string
}

export const SaveBodyInput = z.object({
  bodyId: z.string().min(1).max(64),
  suggestedName: z.string().max(255).optional(),
  /** Save a body that holds a secret anyway: the person read `needsConfirmation.found` and said yes. */
  confirm: z.boolean().optional()
})

/** A streamed body to open (Electron: main answers by posting a MessagePort to the page, see src/preload). */
export const OpenBodyStreamInput = z.object({ streamId: z.string().min(1).max(64) })

/** A kept body the renderer no longer shows (a streamed inline body, or a file body): main drops it. */
export const ReleaseBodyInput = z.object({ bodyId: z.string().min(1).max(64) })

/** The most a browser-mode download answer carries: the body itself crosses the loopback transport. */
export const MAX_BODY_DOWNLOAD_BYTES = 32 * 1024 * 1024

/**
 * What `requests:saveBody` did. `saved: true` with `path`: written where the person chose (the app's dialog).
 * `saved: false` alone: the dialog was cancelled. `needsConfirmation`: nothing written; the body holds a
 * secret the app knows, `found` says which in a sentence; call again with `confirm: true` to save it.
 * `download`: browser mode (main has no save dialog and writes nothing): the file for the renderer to offer as
 * a download, known secrets masked in it (`secretsMasked`), since the renderer never holds a secret.
 */
export interface SavedBody {
  saved: boolean
  path?: string
  needsConfirmation?: { found: string }
  download?: { fileName: string; mimeType: string; contentBase64: string; secretsMasked?: true }
}

/** Where a tab's document lives, so saving the tab writes it back there (a request file in a collection). */
export const RequestTabOrigin = z.looseObject({
  kind: z.literal('collection'),
  /** The collection folder (absolute). */
  root: z.string().min(1).max(4096),
  /** The request file relative to the root. */
  path: z.string().min(1).max(4096),
  /** The file's content hash when opened: a save over a file changed on disk since is refused, never lost. */
  etag: z.string().max(128).optional()
})
export type RequestTabOrigin = z.output<typeof RequestTabOrigin>

/** One open tab: its document, and the document it was opened from (for the dirty marker). */
export const RequestTab = z.object({
  id: z.string().min(1).max(64),
  spec: RequestSpec,
  /** The document as last opened or saved; the tab is dirty while `spec` differs from it. */
  baseline: RequestSpec.optional(),
  origin: RequestTabOrigin.optional()
})
export type RequestTab = z.output<typeof RequestTab>

export const MAX_OPEN_TABS = 50

export const RequestTabsState = z.object({
  tabs: z.array(RequestTab).max(MAX_OPEN_TABS),
  selectedTabId: z.string().max(64).optional()
})
export type RequestTabsState = z.output<typeof RequestTabsState>
export type RequestTabsStateInput = z.input<typeof RequestTabsState>

export interface SavedTabs {
  saved: true
  /** Values that looked like a known secret and were left out of the file (the tab keeps them until reload). */
  redacted: number
}

export const requestsContract = {
  'requests:send': channel<HttpResponse>()(SendRequestInput),
  'requests:cancel': channel<{ cancelled: boolean }>()(CancelInput),
  'requests:fetchAllPages': channel<FetchAllPagesResult>()(FetchAllPagesInput),
  'requests:saveBody': channel<SavedBody>()(SaveBodyInput),
  /** Electron only: the stream's frames arrive on a MessagePort the preload hands to the page (browser mode fetches `/body-stream/<id>`). */
  'requests:openBodyStream': channel<{ opened: true }>()(OpenBodyStreamInput),
  'requests:releaseBody': channel<{ released: boolean }>()(ReleaseBodyInput),
  'requests:loadTabs': channel<RequestTabsState>()(NoInput),
  'requests:saveTabs': channel<SavedTabs>()(RequestTabsState)
}

export interface RequestsEventPayloads {
  'requests:progress': RequestProgress
}
