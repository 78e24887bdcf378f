// Postman Collection v2.0/v2.1 and Postman environments, in and out, through Postman's own SDK
// (postman-collection): it parses what the Postman app writes (URL objects or strings, path variables,
// descriptions as text or objects) and builds what newman runs.
//
// In: folders, variables, headers, query rows (decoded, as the params table holds them), bodies (raw JSON/text,
// urlencoded, formdata with files, file, GraphQL as its JSON body), auth (null = inherit, noauth = none,
// bearer/API key as typed headers, OAuth2 as the profile's auth), saved example responses, redirect settings.
// Adobe's collections get their conventions mapped (reactor-conventions.ts); chaining scripts that only
// capture ids become declarative captures; any other script is kept as text in the docs and reported.
//
// Out: a v2.1 collection whose Reactor requests use `{{REACTOR_HOST}}` and Adobe's `{{ACCESS_TOKEN}}`,
// `{{API_KEY}}`, `{{IMS_ORG}}` headers (values come from a Postman environment, never from the file),
// captures and assertions as test scripts, stable ids (no churn in git).
// postman-collection ships its typings in types/ without naming them in package.json.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../../node_modules/postman-collection/types/index.d.ts" />
import { createHash } from 'node:crypto'
import { Collection as PostmanCollection, Item as PostmanItem, ItemGroup as PostmanItemGroup } from 'postman-collection'
import { effectiveSpec, type Collection, type CollectionItem, type Environment, type FolderItem, type ItemDefaults, type RequestItem } from '../../../shared/collections/collection-model'
import { HTTP_METHODS, REACTOR_ACCEPT, type HttpMethod, type KeyValue, type MultipartPart, type RequestAuth, type RequestBody, type RequestSpec, type RequestVariable } from '../../../shared/requests/request-spec'
import { ENVIRONMENT_PRESETS } from '../../../shared/reactor-environments'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import { plural, type ReportBuilder } from './import-report'
import { ImportError, isRecord, list, text } from './input-documents'
import { buildSpec, descriptionText, emptyDefaults, folderItem, itemName, requestItem, withScriptInDocs } from './model-builders'
import { IMS_TOKEN_REQUEST, JWT_END_OF_LIFE, adoptReactorConventions, disableRowsOfUndefinedVariables, imsRequestKind, splitAdobeBoilerplate } from './reactor-conventions'
import {
  postmanAssertion,
  postmanCapture,
  translatePostmanTestScript,
  type ResponseAssertion,
  type SetVariableAction
} from './response-expressions'

const SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'
/** The Postman variable our export puts in front of Reactor paths; the importer reads it back. */
export const REACTOR_HOST_VARIABLE = 'REACTOR_HOST'
/** Adobe's names for the three values a profile sends (experience-platform-postman-samples). */
export const ADOBE_AUTH_VARIABLES = { token: 'ACCESS_TOKEN', clientId: 'API_KEY', orgId: 'IMS_ORG' } as const

// ---- detection -------------------------------------------------------------------------------------------

export function looksLikePostmanCollection(doc: unknown): boolean {
  if (!isRecord(doc)) return false
  const schema = isRecord(doc.info) ? text(doc.info.schema) : ''
  return /schema\.getpostman\.com\/json\/collection/i.test(schema) || (isRecord(doc.info) && Array.isArray(doc.item)) || isPostmanV1(doc)
}

function isPostmanV1(doc: Record<string, unknown>): boolean {
  return Array.isArray(doc.requests) && (Array.isArray(doc.order) || Array.isArray(doc.folders)) && !Array.isArray(doc.item)
}

export function looksLikePostmanEnvironment(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.values) && (doc._postman_variable_scope === 'environment' || doc._postman_variable_scope === 'globals' || typeof doc.name === 'string')
}

function checkVersion(doc: Record<string, unknown>, file: string): void {
  if (isPostmanV1(doc)) {
    throw new ImportError(
      'import-unsupported-version',
      `${file} is a Postman Collection v1 (the format Postman wrote before 2016). Open it in Postman and export it again as "Collection v2.1", then import that file.`,
      { file }
    )
  }
  const schema = isRecord(doc.info) ? text(doc.info.schema) : ''
  const version = /\/collection\/v(\d+(?:\.\d+)*)/.exec(schema)?.[1]
  if (version && !/^2\.[01](\.\d+)?$/.test(version)) {
    throw new ImportError(
      'import-unsupported-version',
      `${file} uses Postman collection schema v${version}; this app reads v2.0 and v2.1. In Postman, export the collection as "Collection v2.1".`,
      { file }
    )
  }
}

// ---- import ----------------------------------------------------------------------------------------------

interface ImportContext {
  report: ReportBuilder
  /** Collection (and environment) variables with their values, for `{{HOST}}`-style bases. */
  variables: Map<string, string | undefined>
  /** Variables that have a value somewhere in the input. */
  defined: Set<string>
}

type PostmanNode = { name?: string; toJSON(): Record<string, unknown> }

export function importPostmanCollection(doc: unknown, file: string, report: ReportBuilder, environments: Environment[] = []): Collection {
  if (!isRecord(doc)) throw new ImportError('import-invalid', `${file} is not a Postman collection: its top level is not an object.`, { file })
  checkVersion(doc, file)
  if (!Array.isArray(doc.item)) throw new ImportError('import-invalid', `${file} is not a Postman collection: it has no "item" list.`, { file })

  let sdk: InstanceType<typeof PostmanCollection>
  try {
    sdk = new PostmanCollection(doc)
  } catch (error) {
    throw new ImportError('import-invalid', `${file} could not be read as a Postman collection: ${(error as Error).message}.`, { file })
  }
  const info = isRecord(doc.info) ? doc.info : {}
  const collectionVariables = list(doc.variable).filter(isRecord).map((row) => postmanVariable(row)).filter((v): v is RequestVariable => v !== undefined)
  const variables = new Map<string, string | undefined>()
  for (const variable of [...collectionVariables, ...environments.flatMap((env) => env.variables)]) variables.set(variable.name, variable.value)
  const ctx: ImportContext = { report, variables, defined: new Set([...variables].filter(([, value]) => value !== undefined && value !== '').map(([name]) => name)) }

  let docs = descriptionText(info.description)
  const defaults: ItemDefaults = { ...emptyDefaults(), variables: collectionVariables, auth: importAuth(doc.auth, 'collection', ctx) }
  const collectionEvents = scripts(doc.event)
  const boilerplateAbove = collectionEvents.prerequest ? splitAdobeBoilerplate(collectionEvents.prerequest).found : false
  docs = keepScripts(docs, collectionEvents, 'collection', ctx).docs

  const items = importItems(sdk.items.all() as unknown as PostmanNode[], doc.item as unknown[], '', ctx, boilerplateAbove)
  const name = itemName(info.name, file.replace(/\.postman_collection\.json$|\.json$/i, '') || 'Imported collection', report)
  return { root: '', name, version: '1.0.0', defaults, items, environments, ...(docs ? { docs } : {}) }
}

function importItems(nodes: PostmanNode[], raw: unknown[], chain: string, ctx: ImportContext, boilerplateAbove: boolean): CollectionItem[] {
  const out: CollectionItem[] = []
  nodes.forEach((node, index) => {
    const json = isRecord(raw[index]) ? (raw[index] as Record<string, unknown>) : node.toJSON()
    const name = itemName(json.name, Array.isArray(json.item) ? 'Folder' : 'Request', ctx.report)
    const label = chain ? `${chain} / ${name}` : name
    const seq = out.length + 1
    if (PostmanItemGroup.isItemGroup(node)) {
      const events = scripts(json.event)
      const boilerplate = boilerplateAbove || (events.prerequest ? splitAdobeBoilerplate(events.prerequest).found : false)
      const kept = keepScripts(descriptionText(json.description), events, label, ctx)
      const children = importItems((node as unknown as InstanceType<typeof PostmanItemGroup>).items.all() as unknown as PostmanNode[], list(json.item), label, ctx, boilerplate)
      const defaults: ItemDefaults = { ...emptyDefaults(), auth: importAuth(json.auth, label, ctx) }
      out.push(folderItem(name, seq, defaults, children, kept.docs))
    } else if (PostmanItem.isItem(node)) {
      const item = importRequest(node as unknown as InstanceType<typeof PostmanItem>, json, name, label, seq, ctx, boilerplateAbove)
      if (item) out.push(item)
    }
  })
  return out
}

function importRequest(node: InstanceType<typeof PostmanItem>, json: Record<string, unknown>, name: string, label: string, seq: number, ctx: ImportContext, boilerplateAbove: boolean): RequestItem | undefined {
  const { report } = ctx
  const request = node.request
  const rawRequest = isRecord(json.request) ? json.request : typeof json.request === 'string' ? { url: json.request } : {}
  const method = text(request.method, 'GET').toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    report.notMapped(label, `not imported: the method ${method} is not one this app sends (${HTTP_METHODS.join(', ')}).`)
    return undefined
  }
  const { url, params } = importUrl(request.url, ctx)
  const ims = imsRequestKind(url)
  if (ims === 'jwt') {
    report.notMapped(label, `not imported: a JWT token exchange. ${JWT_END_OF_LIFE}`)
    return undefined
  }
  if (ims === 'token' && method === 'POST') {
    const secretInQuery = params.some((row) => /^client_secret$/i.test(row.name))
    report.notMapped(label, `not imported: ${IMS_TOKEN_REQUEST}${secretInQuery ? ' (This one sent the Client Secret in the URL, where it ends up in logs and history.)' : ''}`)
    return undefined
  }

  const headers: KeyValue[] = (request.headers.all() as unknown as Array<{ key?: string; value?: string; disabled?: boolean }>).map((row) => ({ name: text(row.key), value: text(row.value), enabled: !row.disabled }))
  const body = importBody(rawRequest.body, headers, label, report)
  const auth = importAuth(rawRequest.auth, label, ctx) ?? { type: 'inherit' as const }
  const behaviour = isRecord(json.protocolProfileBehavior) ? json.protocolProfileBehavior : {}
  const options: RequestSpec['options'] = {}
  if (behaviour.followRedirects === false) options.followRedirects = false
  if (typeof behaviour.maxRedirects === 'number' && behaviour.maxRedirects >= 0 && behaviour.maxRedirects <= 50) options.maxRedirects = behaviour.maxRedirects

  let spec = buildSpec({ name, method: method as HttpMethod, url, params, headers, body, auth: auth.type === 'inherit' ? { type: 'inherit' } : auth, options }, label, report)
  if (!spec) return undefined

  const events = scripts(json.event)
  const boilerplate = boilerplateAbove || (events.prerequest ? splitAdobeBoilerplate(events.prerequest).found : false)
  spec = adoptReactorConventions(spec, ctx.variables, report)
  if (boilerplate) spec = disableRowsOfUndefinedVariables(spec, ctx.defined, report)
  noteDynamicVariables(spec, report)

  const kept = keepScripts(descriptionText(rawRequest.description), events, label, ctx)
  const extra: Record<string, unknown> = {}
  if (kept.actions.length > 0 || kept.assertions.length > 0) {
    extra.runtime = { ...(kept.assertions.length > 0 ? { assertions: kept.assertions } : {}), ...(kept.actions.length > 0 ? { actions: kept.actions } : {}) }
  }
  const examples = importExamples(json.response)
  if (examples.length > 0) extra.examples = examples
  return requestItem(spec, seq, kept.docs, extra)
}

/** The URL without query (path variables filled in) and the query as decoded rows. */
function importUrl(url: InstanceType<typeof PostmanItem>['request']['url'], ctx: ImportContext): { url: string; params: KeyValue[] } {
  const host = text(url.getHost())
  const pathVariables = new Map((url.variables.all() as unknown as Array<{ key?: string; value?: unknown }>).map((v) => [text(v.key), text(v.value)]))
  const segments = (Array.isArray(url.path) ? (url.path as unknown[]) : []).map((segment) => {
    const value = text(segment)
    if (!value.startsWith(':') || value.length < 2) return value
    const variable = value.slice(1)
    const filled = pathVariables.get(variable)
    if (filled) return filled
    ctx.report.count('path-variables', (n) => `${plural(n, 'path variable')} (:name) without a value became {{name}} variables.`)
    return `{{${variable}}}`
  })
  let protocol = text(url.protocol)
  if (!protocol && host && !host.startsWith('{{')) {
    // Postman sends a URL without scheme over http; Adobe's hosts only answer https.
    protocol = knownAdobeHost(host) ? 'https' : 'http'
    ctx.report.count('no-protocol', (n) => `${plural(n, 'URL')} without http:// or https:// got ${protocol}:// (what Postman would have used).`)
  }
  const port = text(url.port)
  const base = `${protocol ? `${protocol}://` : ''}${host}${port ? `:${port}` : ''}`
  const path = segments.length > 0 ? `/${segments.join('/')}` : ''
  const params = (url.query.all() as unknown as Array<{ key?: string | null; value?: string | null; disabled?: boolean }>).map((row) => ({
    name: decodeQueryPart(text(row.key)),
    value: decodeQueryPart(text(row.value)),
    enabled: !row.disabled
  }))
  return { url: `${base}${path}`, params }
}

function knownAdobeHost(host: string): boolean {
  return /(^|\.)adobe\.io$|(^|\.)adobelogin\.com$/i.test(host)
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function importBody(body: unknown, headers: KeyValue[], label: string, report: ReportBuilder): RequestBody {
  if (!isRecord(body) || body.disabled === true) return { type: 'none' }
  const contentType = headers.find((row) => row.enabled && row.name.toLowerCase() === 'content-type')?.value ?? ''
  switch (body.mode) {
    case 'raw': {
      const raw = text(body.raw)
      if (raw === '') return { type: 'none' }
      const language = isRecord(body.options) && isRecord(body.options.raw) ? text(body.options.raw.language) : ''
      if (language === 'json' || /json/i.test(contentType)) return { type: 'json', text: raw }
      if (!language && !contentType && /^\s*[{[]/.test(raw) && parses(raw)) return { type: 'json', text: raw }
      const implied = { xml: 'application/xml', html: 'text/html', javascript: 'application/javascript' }[language]
      return implied && !contentType ? { type: 'text', text: raw, contentType: implied } : { type: 'text', text: raw }
    }
    case 'urlencoded':
      return { type: 'form-urlencoded', fields: list(body.urlencoded).filter(isRecord).map((row) => ({ name: text(row.key), value: text(row.value), enabled: row.disabled !== true })) }
    case 'formdata': {
      const parts: MultipartPart[] = list(body.formdata)
        .filter(isRecord)
        .map((row): MultipartPart => {
          const enabled = row.disabled !== true
          if (row.type === 'file') {
            const sources = Array.isArray(row.src) ? row.src.map((s) => text(s)) : [text(row.src)]
            if (sources.length > 1) report.notMapped(`${label} form field ${text(row.key)}`, `it sends ${sources.length} files; only the first (${sources[0]}) was kept`)
            return { kind: 'file', name: text(row.key), path: sources[0] ?? '', ...(row.contentType ? { contentType: text(row.contentType) } : {}), enabled }
          }
          return { kind: 'text', name: text(row.key), value: text(row.value), enabled }
        })
      return parts.length > 0 ? { type: 'multipart', parts } : { type: 'none' }
    }
    case 'file': {
      const src = isRecord(body.file) ? text(body.file.src) : ''
      return src ? { type: 'binary', path: src } : { type: 'none' }
    }
    case 'graphql': {
      const graphql = isRecord(body.graphql) ? body.graphql : {}
      let variables: unknown = undefined
      try {
        variables = typeof graphql.variables === 'string' && graphql.variables.trim() ? JSON.parse(graphql.variables) : undefined
      } catch {
        variables = graphql.variables
      }
      report.count('graphql', (n) => `${plural(n, 'GraphQL request')} became ${n === 1 ? 'its' : 'their'} JSON body ({"query", "variables"}), which is what goes over the wire.`)
      return { type: 'json', text: JSON.stringify({ query: text(graphql.query), ...(variables !== undefined ? { variables } : {}) }, null, 2) }
    }
    default:
      return { type: 'none' }
  }
}

function parses(raw: string): boolean {
  try {
    JSON.parse(raw)
    return true
  } catch {
    return false
  }
}

/** `null`/absent auth inherits; `noauth` is none; the rest as typed headers or the profile's auth. */
function importAuth(auth: unknown, label: string, ctx: ImportContext): RequestAuth | undefined {
  if (!isRecord(auth) || typeof auth.type !== 'string') return undefined
  const params = new Map<string, string>()
  const raw = auth[auth.type]
  if (Array.isArray(raw)) for (const row of raw.filter(isRecord)) params.set(text(row.key), text(row.value))
  else if (isRecord(raw)) for (const [key, value] of Object.entries(raw)) params.set(key, text(value))
  switch (auth.type) {
    case 'noauth':
      return { type: 'none' }
    case 'inherit':
      return undefined
    case 'bearer':
      return { type: 'headers', headers: [{ name: 'Authorization', value: `Bearer ${params.get('token') ?? ''}`, enabled: true }] }
    case 'apikey': {
      const where = params.get('in') ?? 'header'
      if (where !== 'header') {
        ctx.report.notMapped(label, 'its API key auth puts the key in the query string; add it as a query param (typed auth here is headers only)')
        return { type: 'none' }
      }
      return { type: 'headers', headers: [{ name: params.get('key') ?? 'x-api-key', value: params.get('value') ?? '', enabled: true }] }
    }
    case 'oauth2': {
      const grant = params.get('grant_type') ?? params.get('grantType') ?? ''
      const tokenUrl = params.get('accessTokenUrl') ?? params.get('tokenUrl') ?? ''
      ctx.report.note(
        `OAuth 2.0 auth${grant ? ` (${grant})` : ''}${tokenUrl ? ` at ${tokenUrl}` : ''} became the profile's auth: add the credential as a profile (its Client Secret goes into the keychain there); the file's client secret was not imported.`
      )
      if (grant && grant !== 'client_credentials') ctx.report.notMapped(label, `its OAuth 2.0 grant "${grant}" is not one a profile uses (profiles use client_credentials, OAuth Server-to-Server)`)
      return { type: 'inherit' }
    }
    default:
      ctx.report.notMapped(label, `its ${auth.type} auth is not supported; it was imported with no auth (add the header it needs by hand)`)
      return { type: 'none' }
  }
}

function postmanVariable(row: Record<string, unknown>): RequestVariable | undefined {
  const name = text(row.key ?? row.id).trim()
  if (!name) return undefined
  const secret = row.type === 'secret'
  return { name, ...(secret ? { secret: true } : { value: text(row.value) }), enabled: row.disabled !== true }
}

interface ScriptTexts {
  prerequest?: string
  test?: string
}

function scripts(events: unknown): ScriptTexts {
  const out: ScriptTexts = {}
  for (const event of list(events).filter(isRecord)) {
    if (event.disabled === true) continue
    const script = isRecord(event.script) ? event.script : {}
    const code = Array.isArray(script.exec) ? script.exec.map((line) => text(line)).join('\n') : text(script.exec)
    if (!code.trim()) continue
    if (event.listen === 'prerequest') out.prerequest = out.prerequest ? `${out.prerequest}\n${code}` : code
    else if (event.listen === 'test') out.test = out.test ? `${out.test}\n${code}` : code
  }
  return out
}

/** Scripts: Adobe's boilerplate dropped, chaining captures translated, anything else kept as text and reported. */
function keepScripts(docs: string | undefined, events: ScriptTexts, label: string, ctx: ImportContext): { docs?: string; actions: SetVariableAction[]; assertions: ResponseAssertion[] } {
  const { report } = ctx
  let out = docs
  let actions: SetVariableAction[] = []
  let assertions: ResponseAssertion[] = []
  if (events.prerequest) {
    const { found, rest } = splitAdobeBoilerplate(events.prerequest)
    if (found) {
      report.count(
        'adobe-boilerplate',
        (n) =>
          `Dropped Adobe's pre-request script that removes headers and query params with empty {{variables}} from ${plural(n, 'item')}: this app never sends an unresolved {{variable}} (it names the missing ones instead).`
      )
    }
    if (rest.trim()) {
      out = withScriptInDocs(out, 'Postman', 'pre-request', rest)
      report.notMapped(label, 'its pre-request script is kept as text in the docs: Reactor Explorer does not run scripts')
    }
  }
  if (events.test) {
    const translated = translatePostmanTestScript(events.test)
    if (translated) {
      actions = translated.actions
      assertions = translated.assertions
      if (actions.length > 0) report.count('captures', (n) => `${plural(n, 'variable capture')} in test scripts (postman.setEnvironmentVariable / pm.environment.set of a response field) became declarative captures.`, actions.length)
      if (assertions.length > 0) report.count('assertions', (n) => `${plural(n, 'status or value check')} in test scripts became declarative assertions.`, assertions.length)
      if (translated.droppedLogs > 0) report.count('console-log', (n) => `${plural(n, 'console.log line')} in test scripts ${n === 1 ? 'was' : 'were'} dropped.`, translated.droppedLogs)
    } else {
      out = withScriptInDocs(out, 'Postman', 'test', events.test)
      report.notMapped(label, 'its test script is kept as text in the docs: Reactor Explorer does not run scripts')
    }
  }
  return { ...(out ? { docs: out } : {}), actions, assertions }
}

function noteDynamicVariables(spec: RequestSpec, report: ReportBuilder): void {
  const found = new Set<string>()
  const scan = (value: unknown) => {
    if (typeof value === 'string') for (const match of value.matchAll(/\{\{\s*(\$[A-Za-z]+)\s*\}\}/g)) found.add(match[1]!)
    else if (Array.isArray(value)) value.forEach(scan)
    else if (value && typeof value === 'object') Object.values(value).forEach(scan)
  }
  scan(spec)
  for (const name of found) report.count(`dynamic:${name}`, (n) => `{{${name}}} (a Postman dynamic variable) is used by ${plural(n, 'request')}; this app does not generate it: give it a value as a variable.`)
}

function importExamples(responses: unknown): unknown[] {
  return list(responses)
    .filter(isRecord)
    .map((response) => {
      const headers = list(response.header).filter(isRecord).map((row) => ({ name: text(row.key), value: text(row.value) }))
      const bodyText = text(response.body)
      const json = headers.some((row) => /json/i.test(row.name.toLowerCase() === 'content-type' ? row.value : '')) || (response._postman_previewlanguage === 'json')
      return {
        name: text(response.name, 'Example'),
        response: {
          ...(typeof response.code === 'number' ? { status: response.code } : {}),
          ...(response.status ? { statusText: text(response.status) } : {}),
          ...(headers.length > 0 ? { headers } : {}),
          ...(bodyText ? { body: { type: json ? 'json' : 'text', data: bodyText } } : {})
        }
      }
    })
}

// ---- environments ----------------------------------------------------------------------------------------

/** Variables a profile holds (Client ID, secret, token, org, scopes, JWT keys): never imported into a collection. */
const CREDENTIAL_VARIABLES = new Set(
  ['ACCESS_TOKEN', 'API_KEY', 'CLIENT_ID', 'CLIENT_SECRET', 'IMS_ORG', 'ORG_ID', 'IMS', 'IMS_HOST', 'SCOPES', 'META_SCOPE', 'METASCOPE', 'PRIVATE_KEY', 'JWT_TOKEN', 'TECHNICAL_ACCOUNT_ID', 'TECHNICAL_ACCOUNT_EMAIL', 'ISS', 'SUB', 'ADOBE_IO_ACCESS_TOKEN__JS_RSA_SIGN_LIBRARY'].map((n) => n.toLowerCase())
)

export function importPostmanEnvironment(doc: unknown, file: string, report: ReportBuilder): Environment {
  if (!looksLikePostmanEnvironment(doc)) throw new ImportError('import-invalid', `${file} is not a Postman environment: it has no "values" list.`, { file })
  const root = doc as Record<string, unknown>
  const name = itemName(root.name, file.replace(/\.postman_environment\.json$|\.json$/i, '') || 'Imported environment', report)
  const variables: RequestVariable[] = []
  const credentials: string[] = []
  let jwt = false
  for (const row of list(root.values).filter(isRecord)) {
    const key = text(row.key).trim()
    if (!key) continue
    if (CREDENTIAL_VARIABLES.has(key.toLowerCase())) {
      credentials.push(key)
      if (/^(private_key|jwt_token|meta_scope|metascope)$/i.test(key)) jwt = true
      continue
    }
    const value = text(row.value)
    if (/^(host|reactor_host)$/i.test(key) && safeReactorHost(value)) {
      report.note(`${key} (${value}) was not imported: the profile decides which Reactor host requests go to.`)
      continue
    }
    variables.push({ name: key, ...(row.type === 'secret' ? { secret: true } : { value }), enabled: row.enabled !== false })
  }
  if (credentials.length > 0) {
    report.notMapped(
      `environment ${name}: ${credentials.join(', ')}`,
      `credentials belong in a profile, not in a collection: Profiles → Import reads this same Postman environment file and keeps the secret in the keychain${jwt ? `. ${JWT_END_OF_LIFE}` : ''}`
    )
  }
  return { name, variables }
}

function safeReactorHost(value: string): boolean {
  try {
    return isKnownReactorHost(new URL(value))
  } catch {
    return false
  }
}

// ---- export ----------------------------------------------------------------------------------------------

export interface PostmanExportOptions {
  /** The Reactor host the collection variable defaults to (an environment overrides it); default production. */
  reactorHost?: string
}

export interface PostmanExport {
  document: Record<string, unknown>
  /** What could not be expressed in Postman, or changed on the way (shown by the CLI on stderr). */
  notes: string[]
}

/** A uuid-shaped id derived from `seed`: the same collection exports to the same bytes (no churn in git). */
function stableId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Query text as Postman keeps it: what would change how the URL splits is escaped, the rest stays readable. */
function encodeForPostman(part: string): string {
  return part.replace(/%/g, '%25').replace(/&/g, '%26').replace(/#/g, '%23').replace(/ /g, '%20').replace(/[\r\n\t]/g, (c) => encodeURIComponent(c))
}

export function exportPostmanCollection(collection: Collection, options: PostmanExportOptions = {}): PostmanExport {
  const notes: string[] = []
  const note = (line: string) => {
    if (!notes.includes(line)) notes.push(line)
  }
  const variables: Array<{ key: string; value: string; disabled?: boolean }> = []
  const addVariable = (variable: RequestVariable, where: string) => {
    const existing = variables.find((v) => v.key === variable.name)
    if (variable.secret) note(`The secret variable ${variable.name} was exported without its value (give it one in a Postman environment).`)
    const value = variable.secret ? '' : (variable.value ?? '')
    if (existing) {
      if (existing.value !== value) note(`The ${where} variable ${variable.name} differs from another of the same name; Postman has collection variables only, so the first value was kept.`)
      return
    }
    variables.push({ key: variable.name, value, ...(variable.enabled ? {} : { disabled: true }) })
  }
  for (const variable of collection.defaults.variables) addVariable(variable, 'collection')

  const postman = new PostmanCollection({ info: { _postman_id: stableId(`collection:${collection.name}`), name: collection.name, ...(collection.docs ? { description: collection.docs } : {}) } } as never)
  let usesReactorHost = false

  const exportItems = (items: readonly CollectionItem[], folders: FolderItem[], into: { items: { add(item: unknown): void } }, path: string) => {
    for (const item of [...items].sort((a, b) => seqOf(a) - seqOf(b))) {
      if (item.kind === 'unreadable') {
        note(`${item.path} was not exported: it could not be read (${item.message}).`)
        continue
      }
      if (item.kind === 'folder') {
        for (const variable of item.defaults.variables) addVariable(variable, `folder ${item.name}`)
        const group = new PostmanItemGroup({ id: stableId(`folder:${path}/${item.name}`), name: item.name, ...(item.docs ? { description: item.docs } : {}), ...folderAuth(item.defaults.auth) } as never)
        exportItems(item.items, [...folders, item], group as never, `${path}/${item.name}`)
        into.items.add(group)
        continue
      }
      const built = exportRequest(collection, folders, item, `${path}/${item.spec.name}`, note)
      if (built.usesReactorHost) usesReactorHost = true
      for (const variable of item.spec.variables) addVariable(variable, `request ${item.spec.name}`)
      into.items.add(new PostmanItem(built.item as never))
    }
  }
  exportItems(collection.items, [], postman as never, '')
  if (usesReactorHost && !variables.some((v) => v.key === REACTOR_HOST_VARIABLE)) {
    variables.unshift({ key: REACTOR_HOST_VARIABLE, value: (options.reactorHost ?? ENVIRONMENT_PRESETS.production.reactorBaseUrl).replace(/\/+$/, '') })
  }
  if (usesReactorHost) {
    note(
      `Reactor requests use {{${REACTOR_HOST_VARIABLE}}} and Adobe's {{${ADOBE_AUTH_VARIABLES.token}}}, {{${ADOBE_AUTH_VARIABLES.clientId}}} and {{${ADOBE_AUTH_VARIABLES.orgId}}} headers; give them values in a Postman environment (Postman does not fetch the token for you).`
    )
  }
  for (const variable of variables) postman.variables.add(variable as never)

  const document = postman.toJSON() as Record<string, unknown>
  document.info = { _postman_id: stableId(`collection:${collection.name}`), name: collection.name, ...(collection.docs ? { description: collection.docs } : {}), schema: SCHEMA_V21 }
  return { document: tidy(document) as Record<string, unknown>, notes }
}

function seqOf(item: CollectionItem): number {
  return item.kind === 'unreadable' ? Number.MAX_SAFE_INTEGER : item.seq
}

function folderAuth(auth: RequestAuth | undefined): Record<string, unknown> {
  if (!auth || auth.type === 'inherit') return {}
  if (auth.type === 'none') return { auth: { type: 'noauth' } }
  return {}
}

function exportRequest(collection: Collection, folders: FolderItem[], item: RequestItem, idPath: string, note: (line: string) => void): { item: Record<string, unknown>; usesReactorHost: boolean } {
  const spec = effectiveSpec(collection, folders, item.spec)
  const relative = spec.url.trim().startsWith('/')
  const url = relative ? `{{${REACTOR_HOST_VARIABLE}}}${spec.url.trim()}` : spec.url
  const headers: Array<{ key: string; value: string; disabled?: boolean }> = spec.headers.map((row) => ({ key: row.name, value: row.value, ...(row.enabled ? {} : { disabled: true }) }))
  let auth: Record<string, unknown> | undefined
  if (spec.auth.type === 'inherit' && relative) {
    // What the profile adds at send time, in Adobe's own variable names.
    const has = (name: string) => headers.some((row) => row.key.toLowerCase() === name)
    if (!has('authorization')) headers.push({ key: 'Authorization', value: `Bearer {{${ADOBE_AUTH_VARIABLES.token}}}` })
    if (!has('x-api-key')) headers.push({ key: 'x-api-key', value: `{{${ADOBE_AUTH_VARIABLES.clientId}}}` })
    if (!has('x-gw-ims-org-id')) headers.push({ key: 'x-gw-ims-org-id', value: `{{${ADOBE_AUTH_VARIABLES.orgId}}}` })
    if (!has('accept')) headers.push({ key: 'Accept', value: REACTOR_ACCEPT })
  } else if (spec.auth.type === 'headers') {
    for (const row of spec.auth.headers) headers.push({ key: row.name, value: row.value, ...(row.enabled ? {} : { disabled: true }) })
  } else if (spec.auth.type === 'none') {
    auth = { type: 'noauth' }
  }
  const body = exportBody(spec.body, headers, relative, spec.name, note)
  const query = spec.params.map((row) => ({ key: encodeForPostman(row.name).replace(/=/g, '%3D'), value: encodeForPostman(row.value), ...(row.enabled ? {} : { disabled: true }) }))

  const runtime = isRecordOf(item.extra?.runtime)
  const lines: string[] = []
  for (const assertion of list(runtime.assertions).filter(isRecord) as unknown as ResponseAssertion[]) {
    if (assertion.disabled) continue
    const line = postmanAssertion(assertion)
    if (line) lines.push(line)
    else note(`${spec.name}: the assertion "${assertion.expression} ${assertion.operator}" has no Postman equivalent and was left out.`)
  }
  for (const action of list(runtime.actions).filter(isRecord) as unknown as SetVariableAction[]) {
    if (action.disabled || action.type !== 'set-variable') continue
    const line = postmanCapture(action)
    if (line) lines.push(line)
    else note(`${spec.name}: the capture of ${action.variable?.name} (${action.selector?.expression}) has no Postman equivalent and was left out.`)
  }
  lines.push(...pollLines(spec))
  const options: Record<string, unknown> = {}
  if (spec.options.followRedirects === false) options.followRedirects = false
  if (spec.options.maxRedirects !== undefined) options.maxRedirects = spec.options.maxRedirects
  return {
    usesReactorHost: relative,
    item: {
      id: stableId(`request:${idPath}`),
      name: spec.name,
      request: {
        method: spec.method,
        url: { ...urlParts(url), query },
        header: headers,
        ...(body ? { body } : {}),
        ...(auth ? { auth } : {}),
        ...(item.docs ? { description: item.docs } : {})
      },
      ...(lines.length > 0 ? { event: [{ listen: 'test', script: { id: stableId(`test:${idPath}`), type: 'text/javascript', exec: lines } }] } : {}),
      ...(Object.keys(options).length > 0 ? { protocolProfileBehavior: options } : {})
    }
  }
}

/** `{{REACTOR_HOST}}/a/b` or `https://h:1/a` as Postman's URL object parts (host, port, path). */
function urlParts(url: string): Record<string, unknown> {
  const match = /^(?:(https?):\/\/)?([^/?#]*)(\/[^?#]*)?/i.exec(url)
  if (!match) return {}
  const [, protocol, authority = '', path = ''] = match
  const port = /:(\d+)$/.exec(authority)?.[1]
  const host = port ? authority.slice(0, -port.length - 1) : authority
  return {
    ...(protocol ? { protocol } : {}),
    host: host.startsWith('{{') ? [host] : host.split('.'),
    ...(port ? { port } : {}),
    path: path.split('/').slice(1)
  }
}

/**
 * A request the runner polls (`reactor.poll`: repeat until a value changes, e.g. a build leaving `pending`)
 * becomes `postman.setNextRequest` to itself, with a wait and a bound, which newman honours.
 */
function pollLines(spec: RequestSpec): string[] {
  const poll = isRecordOf((spec.reactor as Record<string, unknown> | undefined)?.poll)
  const until = isRecordOf(poll.until)
  if (typeof until.expression !== 'string' || typeof until.operator !== 'string') return []
  const check = postmanAssertion({ expression: until.expression, operator: until.operator as ResponseAssertion['operator'], value: typeof until.value === 'string' ? until.value : undefined })
  const expression = /pm\.expect\((.+?)\)\.(to\..+)\(/.exec(check ?? '')
  if (!check || !expression) return []
  const key = `__poll_${stableId(spec.name).slice(0, 8)}`
  const max = typeof poll.maxAttempts === 'number' ? poll.maxAttempts : 30
  const wait = typeof poll.intervalMs === 'number' ? poll.intervalMs : 1000
  const value = typeof until.value === 'string' ? JSON.stringify(until.value) : 'undefined'
  const done = until.operator === 'neq' ? `${expression[1]} !== ${value}` : until.operator === 'eq' ? `${expression[1]} === ${value}` : 'true'
  return [
    `// Poll: send this request again until ${until.expression} ${until.operator} ${until.value ?? ''} (at most ${max} times, ${wait} ms apart).`,
    `var attempts = Number(pm.environment.get(${JSON.stringify(key)}) || 0);`,
    `if (!(${done}) && attempts < ${max}) { pm.environment.set(${JSON.stringify(key)}, attempts + 1); setTimeout(function () {}, ${wait}); postman.setNextRequest(pm.info.requestName); } else { pm.environment.unset(${JSON.stringify(key)}); }`
  ]
}

function isRecordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {}
}

function exportBody(body: RequestBody, headers: Array<{ key: string; value: string; disabled?: boolean }>, relative: boolean, name: string, note: (line: string) => void): Record<string, unknown> | undefined {
  const hasContentType = headers.some((row) => !row.disabled && row.key.toLowerCase() === 'content-type')
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
      // The send pipeline adds Reactor's JSON:API media type; Postman needs it written down.
      if (!hasContentType && relative) headers.push({ key: 'Content-Type', value: 'application/vnd.api+json' })
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'json' } } }
    case 'text':
      if (!hasContentType && body.contentType) headers.push({ key: 'Content-Type', value: body.contentType })
      return { mode: 'raw', raw: body.text, options: { raw: { language: 'text' } } }
    case 'form-urlencoded':
      return { mode: 'urlencoded', urlencoded: body.fields.map((row) => ({ key: row.name, value: row.value, ...(row.enabled ? {} : { disabled: true }) })) }
    case 'multipart':
      return {
        mode: 'formdata',
        formdata: body.parts.map((part) =>
          part.kind === 'file'
            ? { key: part.name, type: 'file', src: part.path, ...(part.contentType ? { contentType: part.contentType } : {}), ...(part.enabled ? {} : { disabled: true }) }
            : { key: part.name, type: 'text', value: part.value, ...(part.enabled ? {} : { disabled: true }) }
        )
      }
    case 'binary':
      if (!hasContentType && body.contentType) headers.push({ key: 'Content-Type', value: body.contentType })
      note(`${name}: its body is the file ${body.path}; Postman reads it from that path on the machine that runs the collection.`)
      return { mode: 'file', file: { src: body.path } }
  }
}

/**
 * Drops what Postman's SDK adds that Postman itself does not need (empty events and variable lists), and puts
 * back the `raw` URL the SDK leaves out (Postman's own exports always carry it; other tools read only it).
 */
function tidy(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((child) => tidy(child))
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [name, child] of Object.entries(value)) {
    if ((name === 'event' || name === 'variable' || name === 'response') && Array.isArray(child) && child.length === 0) continue
    out[name] = tidy(child, name)
  }
  if (key === 'url' && out.raw === undefined) return { raw: rawUrl(out), ...out }
  return out
}

function rawUrl(url: Record<string, unknown>): string {
  const host = list(url.host).map((part) => text(part)).join('.')
  const path = list(url.path).map((part) => text(part)).join('/')
  const query = list(url.query)
    .filter((row) => isRecord(row) && row.disabled !== true)
    .map((row) => `${text((row as Record<string, unknown>).key)}=${text((row as Record<string, unknown>).value)}`)
  return `${url.protocol ? `${text(url.protocol)}://` : ''}${host}${url.port ? `:${text(url.port)}` : ''}${path ? `/${path}` : ''}${query.length > 0 ? `?${query.join('&')}` : ''}`
}

export interface PostmanEnvironmentExportOptions {
  /** The Reactor host this environment's requests go to (`REACTOR_HOST`), e.g. the Sandbox's URL. */
  reactorHost?: string
}

/** A Postman environment file: secret variables go out typed `secret` with no value. */
export function exportPostmanEnvironment(environment: Environment, options: PostmanEnvironmentExportOptions = {}): Record<string, unknown> {
  const values: Array<Record<string, unknown>> = []
  if (options.reactorHost) values.push({ key: REACTOR_HOST_VARIABLE, value: options.reactorHost.replace(/\/+$/, ''), type: 'default', enabled: true })
  for (const variable of environment.variables) {
    values.push({ key: variable.name, value: variable.secret ? '' : (variable.value ?? ''), type: variable.secret ? 'secret' : 'default', enabled: variable.enabled })
  }
  return { id: stableId(`environment:${environment.name}`), name: environment.name, values, _postman_variable_scope: 'environment' }
}
