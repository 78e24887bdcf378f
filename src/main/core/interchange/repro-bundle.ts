// The repro bundle: one zip a support engineer hands back (or a customer sends in). Inside:
//
//   README.md     the readable summary: when, app version, OS, environment, each request with status, time
//                 and Adobe's request id, the Credential Doctor's last summary, what was removed
//   bundle.json   the requests (as RequestSpec documents), bounded responses, timings, request ids,
//                 environment (never the credential) — what "Import repro bundle" reads
//   requests.har  the same calls as HAR 1.2, for tools that read HAR
//
// Before anything is zipped: every secret the app knows is removed in every encoding (the SecretRegistry's
// forms, JWT-looking strings whole, credential-looking values, credential-named fields; the OutboundRedactor),
// the profile's client id becomes {API_KEY}, optionally company and org ids become consistent pseudonyms, and
// then secretlint (secret-scan.ts) reads every file. One finding, or any tracked secret still found by a plain
// search, blocks the export with what and where — the bundle is never written half-clean.
import { createHmac, randomBytes } from 'node:crypto'
import { arch, platform, release } from 'node:os'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { AppError } from '../../../shared/errors'
import type { BundleEnvironment, ImportedBundle, ImportedBundleRequest } from '../../../shared/ipc/history.contract'
import { parseRequestSpec } from '../../../shared/requests/request-spec'
import { cutToBytes, type HistoryEntry } from '../history/history-entry'
import { emptyCounts, type OutboundRedactor, type RedactionCounts } from '../security/outbound-redaction'
import type { SecretRegistry } from '../security/secret-registry'
import { entriesToHar } from './har'
import { describeFindings, scanForSecrets, type SecretFinding } from './secret-scan'
import { UNTRACKED, type TrackedOperation } from './operation-progress'

export type { BundleEnvironment, ImportedBundle, ImportedBundleRequest }

export const BUNDLE_FORMAT = 'reactor-explorer-repro-bundle'
export const BUNDLE_VERSION = 1
/** Per body in a bundle (history already caps at its own setting, 256 KB by default). */
export const BUNDLE_MAX_BODY_BYTES = 256 * 1024
/** The most a bundle may unpack to when it is imported (a zip bomb stops here). */
export const MAX_BUNDLE_UNPACKED_BYTES = 100 * 1024 * 1024

export interface ReproBundleInput {
  entries: readonly HistoryEntry[]
  app: { name: string; version: string }
  os?: { platform: string; release: string; arch: string }
  environment?: BundleEnvironment
  /** The Credential Doctor's last report for the profile (redacted text), when there is one. */
  doctorSummary?: string
  /** Replace company (`CO…`) and org (`…@AdobeOrg`) ids with consistent pseudonyms. */
  pseudonymize?: boolean
  /** Reports each file scanned and is checked before each (a cancelled bundle is never zipped). */
  operation?: TrackedOperation
  /** The profile's client id: written as {API_KEY} everywhere. */
  clientId?: string
  redactor: OutboundRedactor
  registry: SecretRegistry
  now?: () => Date
}

export interface ReproBundleResult {
  bytes: Uint8Array
  fileName: string
  summary: { requests: number; redacted: RedactionCounts; pseudonyms: number; files: string[] }
}

/** The export was stopped: the scanner (or the plain search) still found something that looks like a secret. */
export class BundleBlockedError extends AppError {
  constructor(readonly findings: readonly SecretFinding[]) {
    super('bundle-blocked', `The repro bundle was not written: the secret scanner found ${findings.length === 1 ? 'a possible credential' : `${findings.length} possible credentials`} (${describeFindings(findings)}). Remove those requests from the bundle, or the value from the request, and export again.`)
    this.name = 'BundleBlockedError'
  }
}

interface BundleRequest {
  id: string
  startedAt: string
  durationMs: number
  source: string
  adobeRequestId?: string
  request: HistoryEntry['request']
  response?: HistoryEntry['response']
  error?: HistoryEntry['error']
  notes: string[]
}

export interface BundleDocument {
  format: typeof BUNDLE_FORMAT
  version: number
  createdAt: string
  app: { name: string; version: string }
  os: { platform: string; release: string; arch: string }
  environment?: BundleEnvironment
  doctor?: { summary: string }
  pseudonymized: boolean
  redaction: RedactionCounts
  requests: BundleRequest[]
}

const COMPANY_ID = /\bCO[0-9a-f]{32}\b/g
const ORG_ID = /\b[0-9A-F]{24}@AdobeOrg\b/g

/** Consistent within one bundle, unrelated across bundles (a fresh key each time), shaped like the real thing. */
class Pseudonyms {
  private readonly key = randomBytes(32)
  readonly map = new Map<string, string>()

  private of(value: string, make: (digest: string) => string): string {
    let pseudonym = this.map.get(value)
    if (!pseudonym) {
      pseudonym = make(createHmac('sha256', this.key).update(value).digest('hex'))
      this.map.set(value, pseudonym)
    }
    return pseudonym
  }

  text(text: string): string {
    return text.replace(COMPANY_ID, (id) => this.of(id, (digest) => `CO${digest.slice(0, 32)}`)).replace(ORG_ID, (id) => this.of(id, (digest) => `${digest.slice(0, 24).toUpperCase()}@AdobeOrg`))
  }
}

function mapStrings<T>(value: T, change: (text: string) => string): T {
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return change(item)
    if (Array.isArray(item)) return item.map(walk)
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([key, child]) => [change(key), walk(child)]))
    return item
  }
  return walk(value) as T
}

function bounded(entry: HistoryEntry): HistoryEntry {
  const cut = (body: HistoryEntry['request']['body']) => {
    if (!body) return body
    const kept = cutToBytes(body.text, BUNDLE_MAX_BODY_BYTES)
    return { text: kept.text, bytes: body.bytes, truncated: body.truncated || kept.truncated }
  }
  return {
    ...entry,
    request: { ...entry.request, ...(entry.request.body ? { body: cut(entry.request.body) } : {}) },
    ...(entry.response ? { response: { ...entry.response, body: cut(entry.response.body)! } } : {})
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')

function readme(document: BundleDocument): string {
  const env = document.environment
  const lines = [
    '# Reactor Explorer repro bundle',
    '',
    `Created ${document.createdAt} with ${document.app.name} ${document.app.version} on ${document.os.platform} ${document.os.release} (${document.os.arch}).`,
    ''
  ]
  if (env) {
    lines.push(`Environment: ${env.environmentLabel ?? env.environment ?? 'unknown'}${env.simulated ? ' (simulated: these calls went to the Sandbox, not to Adobe)' : ''}`)
    if (env.reactorBaseUrl) lines.push(`Reactor host: ${env.reactorBaseUrl}`)
    if (env.imsBaseUrl) lines.push(`IMS host: ${env.imsBaseUrl}`)
    if (env.profileName) lines.push(`Profile: ${env.profileName} (its credential is not in this bundle)`)
    lines.push('')
  }
  if (document.pseudonymized) lines.push('Company and org ids are pseudonyms, consistent within this bundle.', '')
  lines.push(`## Requests (${document.requests.length})`, '', '| # | Started (UTC) | Method | URL | Status | Time | Adobe request id |', '|---|---|---|---|---|---|---|')
  document.requests.forEach((request, index) => {
    const status = request.response ? `${request.response.status} ${request.response.statusText}`.trim() : `failed: ${request.error?.message ?? 'no response'}`
    lines.push(`| ${index + 1} | ${request.startedAt} | ${request.request.method} | ${cell(request.request.url)} | ${cell(status)} | ${request.durationMs} ms | ${request.adobeRequestId ?? ''} |`)
  })
  lines.push('')
  if (document.doctor) lines.push('## Credential Doctor (last run)', '', '```text', document.doctor.summary, '```', '')
  const removed = document.redaction
  lines.push(
    '## What was removed',
    '',
    `Before this bundle was written, every secret Reactor Explorer knew was removed in every encoding (raw, URL-encoded, base64, base64url, JSON-escaped, inside JWTs): ${removed.known} known secret(s), ${removed.patterns} credential-looking value(s), ${removed.fields} credential field(s). Authorization and Cookie values are masked, the client id is written {API_KEY}, and a secret scanner (secretlint, with rules for Adobe client secrets, JWTs, bearer tokens and client_secret values) found nothing in any file.`,
    '',
    '## Files',
    '',
    '- `bundle.json`: the requests as Reactor Explorer request documents, with the responses (bodies up to 256 KB), timings and request ids. Open it with Import repro bundle.',
    '- `requests.har`: the same calls as HAR 1.2.',
    ''
  )
  return lines.join('\n')
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
}

/** Builds, cleans, scans and zips a bundle; throws BundleBlockedError if anything still looks like a secret. */
export async function writeReproBundle(input: ReproBundleInput): Promise<ReproBundleResult> {
  if (input.entries.length === 0) throw new AppError('bundle-empty', 'Choose at least one call from the history for the repro bundle.')
  const now = input.now?.() ?? new Date()
  const counts = emptyCounts()
  const pseudonyms = input.pseudonymize ? new Pseudonyms() : undefined
  const clientId = input.clientId && input.clientId.length >= 6 ? input.clientId : undefined
  const scrub = (text: string) => {
    let out = text
    if (clientId) out = out.split(clientId).join('{API_KEY}').split(encodeURIComponent(clientId)).join('{API_KEY}')
    return pseudonyms ? pseudonyms.text(out) : out
  }
  const entries = input.entries.map((entry) => mapStrings(bounded(entry), scrub))

  const document: BundleDocument = input.redactor.deep(
    {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: now.toISOString(),
      app: input.app,
      os: input.os ?? { platform: platform(), release: release(), arch: arch() },
      ...(input.environment ? { environment: mapStrings(input.environment, scrub) } : {}),
      ...(input.doctorSummary ? { doctor: { summary: scrub(input.doctorSummary) } } : {}),
      pseudonymized: Boolean(pseudonyms),
      redaction: counts,
      requests: entries.map((entry) => ({
        id: entry.id,
        startedAt: new Date(entry.startedAt).toISOString(),
        durationMs: entry.durationMs,
        source: entry.source,
        ...(entry.adobeRequestId ? { adobeRequestId: entry.adobeRequestId } : {}),
        request: { ...entry.request, headers: input.redactor.headers(entry.request.headers, counts) },
        ...(entry.response ? { response: { ...entry.response, headers: input.redactor.headers(entry.response.headers, counts) } } : {}),
        ...(entry.error ? { error: entry.error } : {}),
        notes: entry.notes
      }))
    },
    counts
  )
  document.redaction = { ...counts }
  const { har } = entriesToHar(entries, { creator: input.app, redactor: input.redactor })

  const files: Record<string, string> = {
    'README.md': readme(document),
    'bundle.json': `${JSON.stringify(document, null, 2)}\n`,
    'requests.har': `${JSON.stringify(har, null, 2)}\n`
  }
  const operation = input.operation ?? UNTRACKED
  const findings = await scanForSecrets(files, operation)
  for (const [file, text] of Object.entries(files)) {
    if (input.registry.containsSecret(text)) findings.push({ file, line: 0, column: 0, rule: 'a secret Reactor Explorer knows' })
  }
  if (findings.length > 0) throw new BundleBlockedError(findings)
  operation.throwIfCancelled()

  const mtime = now
  const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime }]])), { level: 6 })
  return {
    bytes,
    fileName: `reactor-explorer-repro-${timestamp(now)}.zip`,
    summary: { requests: document.requests.length, redacted: document.redaction, pseudonyms: pseudonyms?.map.size ?? 0, files: Object.keys(files) }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Import

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** Reads a bundle (the zip, or its bundle.json alone); everything in it passes the redactor again. */
export function readReproBundle(bytes: Uint8Array, redactor: OutboundRedactor): ImportedBundle {
  let text: string
  if (isZip(bytes)) {
    let files: Record<string, Uint8Array>
    try {
      let unpacked = 0
      files = unzipSync(bytes, {
        filter: (file) => {
          unpacked += file.originalSize
          if (unpacked > MAX_BUNDLE_UNPACKED_BYTES) throw new AppError('bundle-too-large', `The bundle unpacks to more than ${MAX_BUNDLE_UNPACKED_BYTES / 1048576} MB; it is not a Reactor Explorer repro bundle.`)
          return file.name === 'bundle.json'
        }
      })
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('bundle-invalid', 'The file is not a readable zip archive (it may be damaged or cut short).')
    }
    if (!files['bundle.json']) throw new AppError('bundle-invalid', 'The zip has no bundle.json: it is not a Reactor Explorer repro bundle.')
    text = strFromU8(files['bundle.json'])
  } else {
    text = strFromU8(bytes)
  }
  let document: BundleDocument
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, '')) as BundleDocument
  } catch {
    throw new AppError('bundle-invalid', 'The bundle is neither a zip nor valid JSON.')
  }
  if (document?.format !== BUNDLE_FORMAT || !Array.isArray(document.requests)) throw new AppError('bundle-invalid', 'This file is not a Reactor Explorer repro bundle (its bundle.json has no requests).')
  if (typeof document.version !== 'number' || document.version > BUNDLE_VERSION) {
    throw new AppError('bundle-newer', `This bundle was written by a newer Reactor Explorer (bundle version ${String(document.version)}; this one reads ${BUNDLE_VERSION}).`)
  }
  const clean = redactor.deep(document)
  const notes: string[] = []
  const requests: ImportedBundleRequest[] = []
  clean.requests.forEach((request, index) => {
    const parsed = parseRequestSpec(request?.request?.spec)
    if (!parsed.ok) {
      notes.push(`Request ${index + 1} could not be read: ${parsed.problems[0]?.path}: ${parsed.problems[0]?.message}`)
      return
    }
    const response = request.response
    requests.push({
      id: String(request.id),
      startedAt: String(request.startedAt),
      method: parsed.spec.method,
      url: String(request.request.url ?? parsed.spec.url),
      ...(request.adobeRequestId ? { adobeRequestId: String(request.adobeRequestId) } : {}),
      spec: parsed.spec,
      ...(response
        ? { original: { status: response.status, statusText: response.statusText, headers: response.headers ?? [], body: response.body?.text, ...(response.contentType ? { contentType: response.contentType } : {}), durationMs: request.durationMs } }
        : {}),
      ...(request.error ? { error: { code: request.error.code, message: request.error.message } } : {})
    })
  })
  return {
    createdAt: String(clean.createdAt),
    app: clean.app,
    ...(clean.os ? { os: clean.os } : {}),
    ...(clean.environment ? { environment: clean.environment } : {}),
    ...(clean.doctor?.summary ? { doctorSummary: clean.doctor.summary } : {}),
    pseudonymized: Boolean(clean.pseudonymized),
    requests,
    notes
  }
}
