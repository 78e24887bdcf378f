// The `history` capability: every call the send pipeline made, recorded redacted and bounded
// (src/main/core/history/), and the support journey built on it (src/main/core/interchange/): cURL in and out,
// code snippets, HAR export and import, the repro bundle out and in, and the side-by-side response diff.
//
// What crosses here never holds a secret: history entries are redacted before they are written, cURL and
// snippets carry Adobe's documentation placeholders, and the cURL "with real values" is only ever written to
// the clipboard by main (`history:copyCurl` answers `{ copied: true }`, never the command).
import { z } from 'zod'
import type { AppErrorShape } from '../errors'
import { HTTP_METHODS, RequestSpec } from '../requests/request-spec'
import { OperationId } from './app.contract'
import { channel, NoInput } from './define'
import type { HttpResponse, HttpTiming } from './requests.contract'
import { VariableScopesInput } from './requests.contract'

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'error'] as const
export type StatusClass = (typeof STATUS_CLASSES)[number]

/** Snippet languages (httpsnippet targets, and our own cURL writer). */
export const SNIPPET_LANGUAGE_IDS = ['curl', 'javascript-fetch', 'node', 'python-requests', 'java', 'csharp', 'go', 'powershell', 'httpie'] as const
export type SnippetLanguage = (typeof SNIPPET_LANGUAGE_IDS)[number]

export const HISTORY_SETTINGS_LIMITS = {
  maxEntries: { min: 10, max: 100_000 },
  maxTotalMB: { min: 1, max: 10_240 },
  maxBodyKB: { min: 1, max: 10_240 }
} as const

// ---- entries -------------------------------------------------------------------------------------------

export interface HistoryProfile {
  id: string
  name?: string
  /** `production`, `stage`, `custom`, `sandbox`. */
  environment?: string
  environmentLabel?: string
  reactorBaseUrl?: string
  simulated?: boolean
}

export interface HistoryBody {
  /** The kept part of the body (all of it unless `truncated`). */
  text: string
  /** The body's full size in bytes as received (or as sent). */
  bytes: number
  /** The body was longer than the per-entry cap (or only a preview was in memory). */
  truncated: boolean
}

export interface HistoryResponse {
  status: number
  statusText: string
  /** The URL finally answered (after redirects). */
  url: string
  headers: Array<[string, string]>
  contentType?: string
  body: HistoryBody
  timing: HttpTiming
  redirects: HttpResponse['redirects']
  attempts: number
  jsonProblem?: string
}

/** Who sent it (the app, the CLI's send, the runner, the Credential Doctor, fetch-all). */
export type HistorySource = 'app' | 'cli' | 'runner' | 'doctor' | 'fetch-all'

export interface HistoryEntry {
  v: 1
  id: string
  source: HistorySource
  /** The caller's request id (a tab's send id), not Adobe's. */
  requestId: string
  startedAt: number
  durationMs: number
  profile?: HistoryProfile
  request: {
    /** The request document as sent (serialised, stable key order). */
    spec: Record<string, unknown>
    method: string
    /** The absolute URL with its query, as sent to the first hop. */
    url: string
    /** Headers as sent; the profile's credential appears masked (`Bearer ••••1a2b (profile)`). */
    headers: Array<[string, string]>
    body?: HistoryBody
  }
  response?: HistoryResponse
  error?: AppErrorShape
  /** Adobe's x-request-id (the id support asks for). */
  adobeRequestId?: string
  /** What the recorder changed (a body cut at the cap). */
  notes: string[]
}

/** One row of the History list (no body, no header). */
export interface HistoryListItem {
  id: string
  /** ms since the epoch: the UI groups rows by day from it. */
  startedAt: number
  method: string
  url: string
  status?: number
  statusText?: string
  statusClass: StatusClass
  durationMs: number
  source: HistorySource
  profileId?: string
  profileName?: string
  environmentLabel?: string
  adobeRequestId?: string
  errorCode?: string
  errorMessage?: string
}

export interface HistoryPage {
  items: HistoryListItem[]
  /** How many entries match (all pages). */
  total: number
  /** Things the store had to do when it read the history (a damaged segment moved aside). */
  notices: Array<{ level: 'info' | 'warning' | 'error'; message: string }>
}

export interface HistoryEntryView {
  entry: HistoryEntry
  /** The request, ready to open in a tab (absent if the stored document no longer reads). */
  spec?: RequestSpec
}

export interface HistorySettings {
  maxEntries: number
  maxTotalMB: number
  /** Per entry, for the request and the response body. */
  maxBodyKB: number
}

// ---- converters ----------------------------------------------------------------------------------------

/** A request read from cURL or HAR: the document, what changed and why, what was not mapped. */
export interface ConvertedRequest {
  spec: RequestSpec
  notes: string[]
  unmapped: string[]
}

export interface HarImportItem extends ConvertedRequest {
  /** Position in the HAR's entries (0-based). */
  index: number
  kind: 'reactor' | 'ims'
  startedAt?: string
  method: string
  url: string
  /** What the customer's call got back, redacted. */
  response?: { status: number; statusText: string; headers: Array<[string, string]>; mimeType?: string; text?: string }
}

export interface HarImport {
  items: HarImportItem[]
  /** Entries in the file that are neither Reactor nor IMS calls (page assets, analytics). */
  skipped: number
  total: number
}

// ---- response diff -------------------------------------------------------------------------------------

export interface ResponseSnapshot {
  status: number
  statusText?: string
  headers: ReadonlyArray<readonly [string, string]>
  body?: string
}

export type DiffKind = 'same' | 'changed' | 'added' | 'removed' | 'volatile'

export interface DiffRow {
  /** `status`, `headers.content-type`, `body.data.attributes.name`, `body.data[0].id`. */
  path: string
  kind: DiffKind
  left?: string
  right?: string
}

export interface ResponseDiff {
  status: DiffRow
  headers: DiffRow[]
  body: DiffRow[]
  bodyKind: 'json' | 'text' | 'empty'
  summary: Record<DiffKind, number>
  truncated: boolean
}

// ---- repro bundles -------------------------------------------------------------------------------------

export interface BundleEnvironment {
  profileName?: string
  environment?: string
  environmentLabel?: string
  reactorBaseUrl?: string
  imsBaseUrl?: string
  simulated?: boolean
}

export interface ImportedBundleRequest {
  id: string
  startedAt: string
  method: string
  url: string
  adobeRequestId?: string
  /** The request, ready to open as a tab and replay with the importer's own profile. */
  spec: RequestSpec
  /** What the original call got back (for the side-by-side diff). */
  original?: ResponseSnapshot & { contentType?: string; durationMs?: number }
  error?: { code: string; message: string }
}

export interface ImportedBundle {
  createdAt: string
  app: { name: string; version: string }
  os?: { platform: string; release: string; arch: string }
  environment?: BundleEnvironment
  doctorSummary?: string
  pseudonymized: boolean
  requests: ImportedBundleRequest[]
  notes: string[]
}

export interface RedactionCounts {
  known: number
  patterns: number
  fields: number
}

export interface SavedExport {
  saved: boolean
  path?: string
  /** Requests in the file. */
  requests: number
  /**
   * `destination: 'download'`: the file itself, for the renderer to offer as a download (browser mode, where
   * main has no save dialog); nothing is written by main then. Already redacted and checked like a saved file.
   */
  download?: { fileName: string; mimeType: string; contentBase64: string }
}

export interface SavedBundle extends SavedExport {
  fileName: string
  redacted: RedactionCounts
  pseudonyms: number
}

// ---- inputs --------------------------------------------------------------------------------------------

const Id = z.string().min(1).max(64)
const Ids = z.array(Id).min(1, 'Choose at least one call from the history.').max(10_000)

export const HistoryFilters = z
  .object({
    statusClasses: z.array(z.enum(STATUS_CLASSES)).max(6).optional(),
    methods: z.array(z.enum(HTTP_METHODS)).max(7).optional(),
    profileIds: z.array(z.string().max(128)).max(50).optional()
  })
  .optional()

export const HistoryListInput = z
  .object({
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    filters: HistoryFilters
  })
  .default({})

export const HistorySearchInput = z.object({
  query: z.string().max(1000),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  filters: HistoryFilters,
  /** Also read every body in full from disk (slower; the default search reads the index). */
  deep: z.boolean().optional()
})

export const HistoryIdInput = z.object({ id: Id })

/** `file`: main asks where to save (the app's dialog) and writes it; `download`: the bytes come back (browser mode). */
const ExportDestination = z.enum(['file', 'download']).default('file')

export const HistoryExportInput = z.union([
  z.object({ ids: Ids, destination: ExportDestination, operationId: OperationId.optional() }),
  z.object({ all: z.literal(true), filters: HistoryFilters, destination: ExportDestination, operationId: OperationId.optional() })
])

export const BundleExportInput = z.object({
  ids: Ids.max(500, 'A repro bundle holds at most 500 calls.'),
  destination: ExportDestination,
  pseudonymize: z.boolean().default(false),
  /** Add the Credential Doctor's last summary for the calls' profile, when there is one. */
  includeDoctor: z.boolean().default(true),
  /** Names the export for app:progress (one step per file scanned) and app:cancelOperation (no file is written). */
  operationId: OperationId.optional()
})

/** A file the renderer read for an import (a bundle is binary, so it travels as base64). */
export const BundleImportInput = z.object({
  fileName: z.string().max(255).optional(),
  contentBase64: z.string().min(1).max(140_000_000),
  /** Names the import for app:progress and app:cancelOperation. */
  operationId: OperationId.optional()
})

export const HarImportInput = z.object({ content: z.string().min(1).max(100 * 1024 * 1024), profileId: z.string().max(128).optional() })

export const CurlImportInput = z.object({
  text: z.string().min(1, 'Paste a cURL command.').max(10 * 1024 * 1024),
  /** Its Reactor host also counts as Reactor (its URLs become paths): the Sandbox, a custom host. */
  profileId: z.string().max(128).optional()
})

const SpecOutput = z.object({
  spec: RequestSpec,
  /** The profile the request would be sent with: its Reactor host is written out. */
  profileId: z.string().max(128).optional(),
  /** Resolve `{{variables}}` from these scopes first (non-secret values only). */
  variables: VariableScopesInput
})

export const CurlExportInput = SpecOutput
export const CurlCopyInput = SpecOutput.extend({
  /** Write the profile's real token, client id and org id (clipboard only, never returned). */
  withRealValues: z.boolean().default(false)
})
export const SnippetInput = SpecOutput.extend({ language: z.enum(SNIPPET_LANGUAGE_IDS) })

const Snapshot = z.object({
  status: z.number().int().min(0).max(999),
  statusText: z.string().max(256).optional(),
  headers: z.array(z.tuple([z.string().max(1024), z.string().max(65_536)])).max(500),
  body: z.string().max(50_000_000).optional()
})
export const DiffInput = z.object({ left: Snapshot, right: Snapshot, volatileKeys: z.array(z.string().max(128)).max(100).optional() })

export const HistorySettingsInput = z
  .object({
    maxEntries: z.number().int().min(HISTORY_SETTINGS_LIMITS.maxEntries.min).max(HISTORY_SETTINGS_LIMITS.maxEntries.max),
    maxTotalMB: z.number().int().min(HISTORY_SETTINGS_LIMITS.maxTotalMB.min).max(HISTORY_SETTINGS_LIMITS.maxTotalMB.max),
    maxBodyKB: z.number().int().min(HISTORY_SETTINGS_LIMITS.maxBodyKB.min).max(HISTORY_SETTINGS_LIMITS.maxBodyKB.max)
  })
  .partial()

export const historyContract = {
  'history:list': channel<HistoryPage>()(HistoryListInput),
  'history:search': channel<HistoryPage>()(HistorySearchInput),
  'history:get': channel<HistoryEntryView>()(HistoryIdInput),
  'history:delete': channel<{ deleted: boolean }>()(HistoryIdInput),
  'history:clear': channel<{ cleared: number }>()(NoInput),
  'history:exportHar': channel<SavedExport>()(HistoryExportInput),
  'history:exportBundle': channel<SavedBundle>()(BundleExportInput),
  'history:importBundle': channel<ImportedBundle>()(BundleImportInput),
  'history:importHar': channel<HarImport>()(HarImportInput),
  'history:fromCurl': channel<ConvertedRequest>()(CurlImportInput),
  'history:toCurl': channel<{ command: string }>()(CurlExportInput),
  'history:copyCurl': channel<{ copied: true; withRealValues: boolean }>()(CurlCopyInput),
  'history:snippet': channel<{ language: SnippetLanguage; code: string }>()(SnippetInput),
  'history:diffResponses': channel<ResponseDiff>()(DiffInput),
  'history:getSettings': channel<HistorySettings>()(NoInput),
  'history:setSettings': channel<HistorySettings>()(HistorySettingsInput)
}

export interface HistoryEventPayloads {
  /** The list changed: a call was recorded, deleted, or the history cleared or pruned. */
  'history:changed': { reason: 'added' | 'deleted' | 'cleared' | 'pruned'; id?: string }
}
