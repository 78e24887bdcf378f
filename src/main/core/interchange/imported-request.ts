// What a customer's request becomes in our hands, whichever format brought it (a cURL line, a HAR entry):
// a RequestSpec that uses the support engineer's own profile. Both importers hand their parse here, so the
// rules are written once:
//
// - Adobe's auth headers (Authorization, x-api-key, x-gw-ims-org-id) are never kept, real values or doc
//   placeholders alike: the request inherits the profile's auth, and one note says so. Cookies go too.
// - Anything else that carries a credential (a `client_secret` query parameter or form field, a JWT or `p8e-`
//   secret in a header or a JSON body) is replaced by a `{{variable}}` with no value, so nothing of the
//   customer's survives and the send stops with "{{client_secret}} has no value" instead of sending a mask.
// - Adobe's documentation placeholders (`{PROPERTY_ID}`) become `{{PROPERTY_ID}}` variables.
// - A URL on a Reactor host becomes a path, sent to the profile's own Reactor host.
// - A Content-Type the pipeline would add anyway for the body kind is not kept as a header row (and a
//   multipart one never is: its boundary is made when the body is encoded).
import { HTTP_METHODS, REACTOR_CONTENT_TYPE, requestSpec, type HttpMethod, type KeyValue, type MultipartPart, type RequestBody, type RequestSpec } from '../../../shared/requests/request-spec'
import { AppError } from '../../../shared/errors'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import { findCredentialPatterns, isCredentialName, looksLikeSecret } from '../security/secret-patterns'

export interface ImportedPair {
  name: string
  value: string
}

export type ImportedBody =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'form'; fields: ImportedPair[] }
  | { kind: 'multipart'; parts: Array<{ name: string; value?: string; file?: string; contentType?: string }> }
  | { kind: 'file'; path: string }

/** A request as a converter read it, before any of the rules above. */
export interface ImportedRequest {
  method: string
  /** Absolute URL without its query. */
  url: string
  query: ImportedPair[]
  headers: ImportedPair[]
  body: ImportedBody
  /** The format labelled the body itself (curl adds x-www-form-urlencoded to every -d on its own). */
  contentTypeImplied?: boolean
  options?: RequestSpec['options']
  name?: string
}

export interface ImportResult {
  spec: RequestSpec
  /** What was changed and why, one sentence each (shown under the tab). */
  notes: string[]
  /** What the input had that the request does not (options with no meaning here, unreadable parts). */
  unmapped: string[]
}

/** The credential headers Adobe's documentation writes on every call. */
const ADOBE_AUTH_HEADERS = new Set(['authorization', 'x-api-key', 'x-gw-ims-org-id'])
/** Headers undici computes for the request as it is sent: a copied value would be wrong or refused. */
const COMPUTED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding', 'accept-encoding'])

/** The note every import that dropped Adobe's auth headers carries, word for word. */
export function profileCredentialNote(source: string): string {
  return `Uses your profile's credential instead of the one in the ${source} (its Authorization, x-api-key and x-gw-ims-org-id are not kept).`
}

/** `{PROPERTY_ID}` (Adobe's documentation style) → `{{PROPERTY_ID}}`; existing `{{x}}` stay as they are. */
export function docPlaceholdersToVariables(text: string): string {
  return text.replace(/(?<!\{)\{([A-Z][A-Z0-9_]*)\}(?!\})/g, '{{$1}}')
}

/** A variable name made from a header or field name (`X-Custom-Token` → `X_Custom_Token`). */
function variableNameFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '')
  return cleaned || 'credential'
}

class Collector {
  readonly notes: string[] = []
  readonly unmapped: string[] = []
  private secretCount = 0

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text)
  }

  notMapped(text: string): void {
    if (!this.unmapped.includes(text)) this.unmapped.push(text)
  }

  /** A fresh variable for a credential-looking value with no name of its own. */
  anonymousSecret(): string {
    this.secretCount++
    return `CUSTOMER_CREDENTIAL_${this.secretCount}`
  }
}

/** Text with each credential-looking run replaced by a `{{variable}}`; the note names where. */
function withoutCredentialRuns(text: string, where: string, collect: Collector): string {
  const hits = findCredentialPatterns(text)
  if (hits.length === 0) return text
  let out = ''
  let from = 0
  const names: string[] = []
  for (const hit of hits) {
    const found = text.slice(hit.index, hit.index + hit.length)
    const scheme = hit.kind === 'bearer token' ? /^Bearer\s+/i.exec(found)![0] : ''
    const name = collect.anonymousSecret()
    names.push(`{{${name}}}`)
    out += text.slice(from, hit.index) + scheme + `{{${name}}}`
    from = hit.index + hit.length
  }
  collect.note(`A credential in ${where} was not kept: it is now ${names.join(', ')} (give it your own value, or remove it).`)
  return out + text.slice(from)
}

/**
 * The customer's client id (IMS `client_id`, the same value as their x-api-key) goes with their credential:
 * replaying their token request needs the support engineer's own.
 */
const CUSTOMER_IDENTIFIER = /^client[_-]?id$/i

/** A name/value pair checked for credentials: a credential-named or credential-looking value becomes `{{name}}`. */
function pairWithoutCredential(pair: ImportedPair, what: string, collect: Collector): ImportedPair {
  const value = docPlaceholdersToVariables(pair.value)
  if ((isCredentialName(pair.name) || CUSTOMER_IDENTIFIER.test(pair.name.trim())) && value.trim() !== '' && !/^\{\{[^}]+\}\}$/.test(value.trim())) {
    const name = variableNameFor(pair.name)
    collect.note(`The ${what} ${pair.name} carried a credential and was not kept: it is now {{${name}}} (give it your own value).`)
    return { name: pair.name, value: `{{${name}}}` }
  }
  if (looksLikeSecret(value)) return { name: pair.name, value: withoutCredentialRuns(value, `${what} ${pair.name}`, collect) }
  return { name: pair.name, value }
}

/** JSON text with the values of credential-named fields replaced by `{{field}}` (formatting kept). */
function jsonWithoutCredentialFields(text: string, collect: Collector): string {
  return text.replace(/("([A-Za-z_][A-Za-z0-9_-]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, head: string, key: string, value: string) => {
    if (!isCredentialName(key) || value === '' || /^\{\{[^}]+\}\}$/.test(value)) return whole
    const name = variableNameFor(key)
    collect.note(`The body field "${key}" carried a credential and was not kept: it is now {{${name}}} (give it your own value).`)
    return `${head}"{{${name}}}"`
  })
}

function parseForm(text: string): ImportedPair[] | undefined {
  const trimmed = text.trim()
  if (trimmed === '' || /[\s"]/.test(trimmed) || /^[{[]/.test(trimmed)) return undefined
  const pairs: ImportedPair[] = []
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const rawName = eq < 0 ? part : part.slice(0, eq)
    const rawValue = eq < 0 ? '' : part.slice(eq + 1)
    try {
      pairs.push({ name: decodeURIComponent(rawName.replace(/\+/g, ' ')), value: decodeURIComponent(rawValue.replace(/\+/g, ' ')) })
    } catch {
      return undefined
    }
  }
  return pairs.length > 0 ? pairs : undefined
}

function looksLikeJson(text: string): boolean {
  const trimmed = text.trim()
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false
  try {
    JSON.parse(trimmed)
    return true
  } catch {
    // Adobe's own doc samples are not always valid JSON (the create-property example misses a comma):
    // an object-looking body is still meant as JSON.
    return /^\{\s*"/.test(trimmed) && trimmed.endsWith('}')
  }
}

const isJsonType = (type: string) => /^application\/(?:[\w.+-]*\+)?json\b/i.test(type.trim()) || /\bjson\b/i.test(type.split(';')[0] ?? '')
const isFormType = (type: string) => /^application\/x-www-form-urlencoded\b/i.test(type.trim())
const isMultipartType = (type: string) => /^multipart\/form-data\b/i.test(type.trim())

/** The request's URL for the document: a path on a Reactor host, else the absolute URL. */
function documentUrl(rawUrl: string, reactorOrigins: readonly string[], collect: Collector): { url: string; reactor: boolean } {
  const url = docPlaceholdersToVariables(rawUrl.trim())
  // Checked with placeholders filled in, so `https://reactor.adobe.io/properties/{{PROPERTY_ID}}` parses.
  const probe = url.replace(/\{\{[^}]*\}\}/g, 'x')
  if (/\s/.test(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(probe)?.[1] ?? '')) {
    throw new AppError('import-invalid-url', 'The URL has a space in its host name, so it cannot be sent.')
  }
  let parsed: URL
  try {
    parsed = new URL(probe)
  } catch {
    throw new AppError('import-invalid-url', 'The request has no valid URL: it must start with https:// or http:// followed by a host name.')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('import-invalid-url', `The URL uses ${parsed.protocol.replace(/:$/, '')}://; only http:// and https:// requests can be imported.`)
  }
  let out = url
  if (parsed.username || parsed.password) {
    out = out.replace(/^(https?:\/\/)[^@/]*@/i, '$1')
    collect.note('The user name and password written into the URL were not kept.')
  }
  if (looksLikeSecret(out)) out = withoutCredentialRuns(out, 'the URL', collect)
  if (isKnownReactorHost(parsed) || reactorOrigins.includes(parsed.origin)) {
    const afterHost = out.replace(/^https?:\/\/[^/?#]+/i, '')
    if (isKnownReactorHost(parsed) && parsed.hostname.toLowerCase() !== 'reactor.adobe.io') {
      collect.note(`The command was sent to ${parsed.hostname}; this request goes to your profile's Reactor host instead.`)
    }
    return { url: afterHost.startsWith('/') ? afterHost : `/${afterHost}`, reactor: true }
  }
  return { url: out, reactor: false }
}

function buildBody(request: ImportedRequest, contentType: string | undefined, reactor: boolean, collect: Collector): { body: RequestBody; keepContentType: boolean } {
  const source = request.body
  const type = contentType ?? ''
  switch (source.kind) {
    case 'none':
      return { body: { type: 'none' }, keepContentType: contentType !== undefined }
    case 'file': {
      collect.note(`The body comes from the file "${source.path}", which was not read: the request sends that file when you send it (choose it again if it is not on this computer).`)
      // What the pipeline implies for a file body: not kept, so a document written out and read back is unchanged.
      const path = docPlaceholdersToVariables(source.path)
      const fileType = contentType && !request.contentTypeImplied && contentType.trim().toLowerCase() !== 'application/octet-stream' ? contentType : undefined
      return { body: { type: 'binary', path, ...(fileType ? { contentType: fileType } : {}) }, keepContentType: false }
    }
    case 'multipart': {
      const parts: MultipartPart[] = source.parts.map((part) => {
        if (part.file !== undefined) return { kind: 'file', name: part.name, path: docPlaceholdersToVariables(part.file), enabled: true, ...(part.contentType ? { contentType: part.contentType } : {}) }
        const checked = pairWithoutCredential({ name: part.name, value: part.value ?? '' }, 'form part', collect)
        return { kind: 'text', name: part.name, value: checked.value, enabled: true }
      })
      if (parts.some((part) => part.kind === 'file')) collect.note('Files of the multipart form were not read: each is sent from its path when you send the request.')
      // The boundary is made when the body is encoded: a copied multipart Content-Type would not match it.
      return { body: { type: 'multipart', parts }, keepContentType: !isMultipartType(type) && contentType !== undefined }
    }
    case 'form': {
      const fields: KeyValue[] = source.fields.map((field) => ({ ...pairWithoutCredential(field, 'form field', collect), enabled: true }))
      return { body: { type: 'form-urlencoded', fields }, keepContentType: contentType !== undefined && !isFormType(type) }
    }
    case 'text': {
      const text = source.text
      const jsonByType = contentType !== undefined && isJsonType(type)
      if (contentType !== undefined && isFormType(type) && !(request.contentTypeImplied && looksLikeJson(text))) {
        const fields = parseForm(text)
        if (fields) return buildBody({ ...request, body: { kind: 'form', fields } }, contentType, reactor, collect)
      }
      if (jsonByType || ((contentType === undefined || request.contentTypeImplied) && looksLikeJson(text))) {
        if (!jsonByType) collect.note('The body is JSON but the command did not say so (curl would label it application/x-www-form-urlencoded): it is sent as JSON.')
        const cleaned = withoutCredentialRuns(jsonWithoutCredentialFields(docPlaceholdersToVariables(text), collect), 'the body', collect)
        const implied = reactor ? REACTOR_CONTENT_TYPE : 'application/json'
        const keep = jsonByType && type.trim().toLowerCase() !== implied
        return { body: { type: 'json', text: cleaned }, keepContentType: keep }
      }
      const cleaned = withoutCredentialRuns(docPlaceholdersToVariables(text), 'the body', collect)
      const textType = contentType && !request.contentTypeImplied && contentType.replace(/\s/g, '').toLowerCase() !== 'text/plain;charset=utf-8' ? contentType : undefined
      return { body: { type: 'text', text: cleaned, ...(textType ? { contentType: textType } : {}) }, keepContentType: false }
    }
  }
}

export interface ImportOptions {
  /** Where the request came from, for the credential note: `command`, `HAR entry`. */
  source: string
  /** Origins that are Reactor hosts besides Adobe's (the profile's own, e.g. the Sandbox): their URLs become paths. */
  reactorOrigins?: readonly string[]
  collect?: Collector
}

/** The rules at the top of this file, applied to one imported request. */
export function specFromImportedRequest(request: ImportedRequest, options: ImportOptions): ImportResult {
  const collect = options.collect ?? new Collector()
  const source = options.source
  const method = request.method.trim().toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new AppError('import-unsupported-method', `The method ${method.slice(0, 20)} cannot be sent from Reactor Explorer (it sends ${HTTP_METHODS.join(', ')}).`)
  }
  const origins = (options.reactorOrigins ?? []).flatMap((base) => {
    try {
      return [new URL(base).origin]
    } catch {
      return []
    }
  })
  const { url, reactor } = documentUrl(request.url, origins, collect)

  let droppedAdobeAuth = false
  let contentType: string | undefined
  const headers: KeyValue[] = []
  for (const header of request.headers) {
    const lower = header.name.trim().toLowerCase()
    if (lower === '') continue
    if (ADOBE_AUTH_HEADERS.has(lower)) {
      droppedAdobeAuth = true
      continue
    }
    if (lower === 'cookie' || lower === 'proxy-authorization') {
      collect.note(`The ${header.name} header was not kept: it carries the customer's session or credential.`)
      continue
    }
    if (COMPUTED_HEADERS.has(lower)) {
      collect.note(`The ${header.name} header was not kept: it is set when the request is sent.`)
      continue
    }
    if (lower === 'content-type') {
      contentType = header.value
      continue
    }
    headers.push({ ...pairWithoutCredential({ name: header.name.trim(), value: header.value }, 'header', collect), enabled: true })
  }
  if (droppedAdobeAuth) collect.note(profileCredentialNote(source))

  const { body, keepContentType } = buildBody(request, contentType, reactor, collect)
  if (keepContentType && contentType !== undefined) headers.push({ name: 'Content-Type', value: contentType, enabled: true })

  const params: KeyValue[] = request.query.map((pair) => ({ ...pairWithoutCredential(pair, 'query parameter', collect), enabled: true }))
  const path = url.replace(/^https?:\/\/[^/]+/i, '') || '/'
  const spec = requestSpec({
    name: (request.name ?? `${method} ${path}`).slice(0, 256),
    method: method as HttpMethod,
    url,
    params,
    headers,
    body,
    auth: { type: 'inherit' },
    options: request.options ?? {}
  })
  return { spec, notes: collect.notes, unmapped: collect.unmapped }
}

export { Collector as ImportCollector }
