// The OpenCollection 1.0 layout ⇄ the in-memory Collection model (src/shared/collections/collection-model.ts).
// The same files Bruno writes by default (https://spec.opencollection.com; Bruno's own reader and writer are
// @usebruno/filestore's formats/yml):
//
//   opencollection.yml   opencollection: "1.0.0", info.name, request defaults {headers, variables, auth}
//   <folder>/folder.yml  info {name, type: folder, seq}, request defaults
//   <request>.yml        info {name, type: http, seq}, http {method, url, headers, params, body, auth},
//                        runtime {variables, scripts, assertions}, settings, docs
//   environments/*.yml   name, variables [{name, value} | {name, secret: true}]
//
// Reactor Explorer's own fields go under `extensions.reactorExplorer` (other readers ignore `extensions`).
// Whatever a file holds that the model does not map (scripts, assertions, examples, tags, an OAuth2 auth block,
// `settings.encodeUrl`, other apps' extensions) is kept in the item's `extra`, shaped like the file itself
// (`{ runtime: { scripts: [...] }, settings: { encodeUrl: true } }`), and written back where it was.
//
// Pure functions on plain objects; reading text and positions is yaml-files.ts, disk is collection-store.ts.
import { isAbsolute, join, relative, sep } from 'node:path'
import { HTTP_METHODS, parseRequestSpec, type HttpMethod, type KeyValue, type MultipartPart, type RequestAuth, type RequestBody, type RequestSpec, type RequestVariable } from '../../../shared/requests/request-spec'
import { formatQueryForField, splitUrlAndQuery } from '../../../shared/requests/url-params'
import type { Environment, ItemDefaults } from '../../../shared/collections/collection-model'
import { isPlainObject, type Plain, type YamlPath } from './yaml-files'

export const OPENCOLLECTION_VERSION = '1.0.0'
/** The major version of the layout this app reads and writes. */
export const OPENCOLLECTION_MAJOR = 1
export const EXTENSION_KEY = 'reactorExplorer'

export interface FormatProblem {
  message: string
  /** Where in the file (for line and column). */
  path: YamlPath
}

export type FileRead<T> = { ok: true; value: T } | ({ ok: false } & FormatProblem)

export interface RequestFileContent {
  /** Absent when the file has no `info.seq` (the reader orders it after the numbered ones). */
  seq?: number
  spec: RequestSpec
  docs?: string
  extra?: Plain
}

export interface FolderFileContent {
  name?: string
  seq?: number
  defaults: ItemDefaults
  docs?: string
  extra?: Plain
}

export interface CollectionFileContent {
  name?: string
  version: string
  defaults: ItemDefaults
  docs?: string
  extra?: Plain
}

/** Where relative file paths in bodies are anchored (a collection stores them relative to its root). */
export interface FormatContext {
  root: string
}

class Problem extends Error {
  constructor(
    message: string,
    readonly path: YamlPath
  ) {
    super(message)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Taking fields out of a raw file: what is taken is mapped, what is left is `extra`.

class Fields {
  private readonly rest: Plain

  constructor(raw: Plain) {
    this.rest = structuredClone(raw)
  }

  /** Removes `path` from what will be `extra` and returns its value. */
  take(path: YamlPath): unknown {
    let node: unknown = this.rest
    for (const key of path.slice(0, -1)) {
      if (!isPlainObject(node)) return undefined
      node = node[key as string]
    }
    if (!isPlainObject(node)) return undefined
    const last = path[path.length - 1] as string
    const value = node[last]
    delete node[last]
    return value
  }

  /** Puts a value back (a field read but not mappable, e.g. `settings.timeout: 0`). */
  keep(path: YamlPath, value: unknown): void {
    let node = this.rest
    for (const key of path.slice(0, -1)) {
      if (!isPlainObject(node[key as string])) node[key as string] = {}
      node = node[key as string] as Plain
    }
    node[path[path.length - 1] as string] = value
  }

  /** What is left, with the objects emptied by taking removed. */
  extra(): Plain | undefined {
    const prune = (value: Plain): Plain => {
      for (const [key, child] of Object.entries(value)) {
        if (isPlainObject(child)) {
          const pruned = prune(child)
          if (Object.keys(pruned).length === 0) delete value[key]
        }
      }
      return value
    }
    const rest = prune(this.rest)
    return Object.keys(rest).length > 0 ? rest : undefined
  }
}

function expectObject(value: unknown, path: YamlPath, what: string): Plain | undefined {
  if (value === undefined || value === null) return undefined
  if (!isPlainObject(value)) throw new Problem(`${what} must be a mapping of fields, not ${describe(value)}.`, path)
  return value
}

function expectList(value: unknown, path: YamlPath, what: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new Problem(`${what} must be a list, not ${describe(value)}.`, path)
  return value
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'empty'
  if (typeof value === 'object') return 'a mapping'
  return `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`
}

/** YAML turns `value: 10` into a number and `value: true` into a boolean; the model holds text. */
function text(value: unknown, path: YamlPath, what: string): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new Problem(`${what} must be text, not ${describe(value)}.`, path)
}

function optionalText(value: unknown, path: YamlPath, what: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, path, what)
}

// ---------------------------------------------------------------------------------------------------------
// Rows (headers, params, form fields) and variables.

/** `{name, value, disabled?, description?, …}` → a KeyValue row; unknown row fields stay on the row. */
function readRow(raw: unknown, path: YamlPath, what: string): KeyValue {
  const row = expectObject(raw, path, what)
  if (!row) throw new Problem(`${what} is empty; a row needs at least a name.`, path)
  const { name, value, disabled, enabled, ...rest } = row
  return {
    ...rest,
    name: text(name, [...path, 'name'], `The name of ${what}`),
    value: text(value, [...path, 'value'], `The value of ${what}`),
    enabled: disabled === true ? false : enabled === false ? false : true
  }
}

function readRows(raw: unknown, path: YamlPath, what: string): KeyValue[] {
  return expectList(raw, path, what).map((row, index) => readRow(row, [...path, index], `${what.replace(/s$/, '')} ${index + 1}`))
}

function writeRow(row: KeyValue, extraKeys: Plain = {}): Plain {
  const { name, value, enabled, ...rest } = row as KeyValue & Plain
  delete rest.id
  return { name, value, ...extraKeys, ...rest, ...(enabled === false ? { disabled: true } : {}) }
}

const TYPED_VALUE_TYPES = new Set(['string', 'number', 'boolean', 'null', 'object'])

function readVariable(raw: unknown, path: YamlPath): RequestVariable {
  const row = expectObject(raw, path, 'A variable')
  if (!row) throw new Problem('A variable is empty; it needs a name.', path)
  const { name, value, disabled, enabled, secret, type, ...rest } = row
  const variableName = text(name, [...path, 'name'], 'The name of a variable')
  if (!variableName.trim()) throw new Problem('A variable has no name.', [...path, 'name'])
  const base = { ...rest, name: variableName, enabled: disabled === true || enabled === false ? false : true }
  if (secret === true) {
    // A secret variable never has a value in a file: its value is in the keychain (Bruno: the same rule).
    return { ...base, secret: true, ...(type === undefined ? {} : { valueType: type }) }
  }
  if (type !== undefined) (base as Plain).type = type
  if (isPlainObject(value)) {
    // Bruno's typed values: `value: {type: number, data: "42"}`.
    if (!TYPED_VALUE_TYPES.has(String(value.type))) throw new Problem(`The variable "${variableName}" has a value of unknown type ${JSON.stringify(value.type)}.`, [...path, 'value', 'type'])
    return { ...base, value: text(value.data, [...path, 'value', 'data'], `The value of variable "${variableName}"`), valueType: value.type }
  }
  if (Array.isArray(value)) throw new Problem(`The variable "${variableName}" has several values (variants); only one value is supported.`, [...path, 'value'])
  return { ...base, value: text(value, [...path, 'value'], `The value of variable "${variableName}"`) }
}

function readVariables(raw: unknown, path: YamlPath): RequestVariable[] {
  return expectList(raw, path, 'variables').map((row, index) => readVariable(row, [...path, index]))
}

/** Secret variables are written with no value, whatever the model holds (values live in the keychain). */
function writeVariable(variable: RequestVariable): Plain {
  const { name, value, enabled, secret, valueType, ...rest } = variable as RequestVariable & Plain
  const disabled = enabled === false ? { disabled: true } : {}
  if (secret) return { name, secret: true, ...rest, ...(valueType === undefined ? {} : { type: valueType }), ...disabled }
  const written = valueType === undefined ? (value ?? '') : { type: valueType, data: value ?? '' }
  return { name, value: written, ...rest, ...disabled }
}

// ---------------------------------------------------------------------------------------------------------
// Auth: `inherit` (the profile's credential, added by main for its own host), none, or headers typed by hand.

const BEARER = /^Bearer\s+/i

/**
 * The model's auth for an OpenCollection auth value, or undefined when it cannot be expressed as headers
 * (OAuth2, AWS, digest …): then the file's block is kept as it is in `extra`, and nothing is sent for it.
 */
function authFromFile(raw: unknown): RequestAuth | undefined {
  if (raw === 'inherit') return { type: 'inherit' }
  if (raw === 'none') return { type: 'none' }
  if (!isPlainObject(raw)) return undefined
  switch (raw.type) {
    case 'none':
      return { type: 'none' }
    case 'bearer':
      return { type: 'headers', headers: [{ name: 'Authorization', value: `Bearer ${typeof raw.token === 'string' ? raw.token : ''}`, enabled: true }] }
    case 'apikey':
      if (raw.placement === 'query' || typeof raw.key !== 'string' || !raw.key) return undefined
      return { type: 'headers', headers: [{ name: raw.key, value: typeof raw.value === 'string' ? raw.value : '', enabled: true }] }
    case 'basic': {
      const username = typeof raw.username === 'string' ? raw.username : ''
      const password = typeof raw.password === 'string' ? raw.password : ''
      // `{{variables}}` inside would be base64-encoded before they are resolved: such a block is kept, not mapped.
      if (`${username}${password}`.includes('{{') || username.includes(':')) return undefined
      return { type: 'headers', headers: [{ name: 'Authorization', value: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, enabled: true }] }
    }
    default:
      return undefined
  }
}

/** `Basic <base64 of user:password>` back to its two parts, when it is exactly that. */
function basicParts(value: string): { username: string; password: string } | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(value)?.[1]
  if (!encoded) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0 || Buffer.from(decoded).toString('base64') !== encoded) return undefined
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** The OpenCollection value for a `headers` auth that OpenCollection can say itself, or undefined. */
function headersAuthToFile(headers: readonly KeyValue[]): Plain | undefined {
  if (headers.length !== 1 || headers[0]!.enabled === false) return undefined
  const only = headers[0]!
  if (only.name.toLowerCase() === 'authorization' && BEARER.test(only.value)) return { type: 'bearer', token: only.value.replace(BEARER, '') }
  const basic = only.name.toLowerCase() === 'authorization' ? basicParts(only.value) : undefined
  if (basic) return { type: 'basic', ...basic }
  return { type: 'apikey', key: only.name, value: only.value, placement: 'header' }
}

// ---------------------------------------------------------------------------------------------------------
// Bodies. Two shapes are read: `{type: json, data: …}` (OpenCollection 1.0, what Bruno writes now) and the
// older `{mode: json, json: …}` that Bruno's CLI fixtures still use; the older one is written back as it was.

function toAbsolute(path: string, context: FormatContext): string {
  return !path || isAbsolute(path) || path.includes('{{') ? path : join(context.root, path)
}

function toStored(path: string, context: FormatContext): string {
  if (!path || !isAbsolute(path) || !context.root) return path
  const inside = relative(context.root, path)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : path
}

/** The media types an OpenCollection `xml` / `sparql` body stands for (other text types go in our extension). */
const XML = 'application/xml'
const SPARQL = 'application/sparql-query'

const LEGACY_MODES: Record<string, string> = { json: 'json', text: 'text', xml: 'xml', sparql: 'sparql', formUrlEncoded: 'form-urlencoded', multipartForm: 'multipart-form', file: 'file', none: 'none' }
const LEGACY_DATA_KEY: Record<string, string> = { json: 'json', text: 'text', xml: 'xml', sparql: 'sparql', 'form-urlencoded': 'formUrlEncoded', 'multipart-form': 'multipartForm', file: 'file' }

function readBody(raw: unknown, path: YamlPath, context: FormatContext): RequestBody | undefined {
  if (raw === undefined || raw === null) return { type: 'none' }
  if (Array.isArray(raw)) return undefined // body variants: kept as they are, not mapped
  const body = expectObject(raw, path, 'The body')!
  const legacy = body.type === undefined && typeof body.mode === 'string'
  const type = legacy ? LEGACY_MODES[body.mode as string] : body.type
  const dataPath = legacy ? [...path, LEGACY_DATA_KEY[type as string] ?? 'data'] : [...path, 'data']
  const data = legacy ? body[LEGACY_DATA_KEY[type as string] ?? ''] : body.data
  const shape = legacy ? { legacyShape: true } : {}
  switch (type) {
    case 'none':
      return { type: 'none', ...shape }
    case 'json':
      return { type: 'json', text: text(data, dataPath, 'The JSON body'), ...shape }
    case 'text':
      return { type: 'text', text: text(data, dataPath, 'The text body'), ...shape }
    case 'xml':
      return { type: 'text', text: text(data, dataPath, 'The XML body'), contentType: XML, ...shape }
    case 'sparql':
      return { type: 'text', text: text(data, dataPath, 'The SPARQL body'), contentType: SPARQL, ...shape }
    case 'form-urlencoded':
      return { type: 'form-urlencoded', fields: readRows(data, dataPath, 'form fields'), ...shape }
    case 'multipart-form': {
      const parts = expectList(data, dataPath, 'The multipart body').map((entry, index): MultipartPart => {
        const row = expectObject(entry, [...dataPath, index], `Form part ${index + 1}`) ?? {}
        const { name, type: kind, value, disabled, contentType, ...rest } = row
        const enabled = disabled !== true
        const partName = text(name, [...dataPath, index, 'name'], `The name of form part ${index + 1}`)
        if (kind === 'file') {
          const paths = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map((item, at) => text(item, [...dataPath, index, 'value', at], `A file of form part "${partName}"`))
          return {
            ...rest,
            kind: 'file',
            name: partName,
            path: toAbsolute(paths[0] ?? '', context),
            ...(typeof contentType === 'string' && contentType ? { contentType } : {}),
            ...(paths.length > 1 ? { morePaths: paths.slice(1) } : {}),
            enabled
          }
        }
        return { ...rest, kind: 'text', name: partName, value: text(value, [...dataPath, index, 'value'], `The value of form part "${partName}"`), ...(typeof contentType === 'string' && contentType ? { contentType } : {}), enabled }
      })
      return { type: 'multipart', parts, ...shape }
    }
    case 'file': {
      const variants = expectList(data, dataPath, 'The file body')
      const selectedIndex = Math.max(0, variants.findIndex((variant) => isPlainObject(variant) && variant.selected === true))
      const selected = expectObject(variants[selectedIndex], [...dataPath, selectedIndex], 'The selected file') ?? {}
      return {
        type: 'binary',
        path: toAbsolute(text(selected.filePath, [...dataPath, selectedIndex, 'filePath'], 'The body file'), context),
        ...(typeof selected.contentType === 'string' && selected.contentType ? { contentType: selected.contentType } : {}),
        ...(variants.length > 1 ? { fileVariants: variants, selectedVariant: selectedIndex } : {}),
        ...shape
      }
    }
    default:
      return undefined
  }
}

function writeBody(body: RequestBody, context: FormatContext): Plain | undefined {
  const b = body as RequestBody & Plain
  const legacy = b.legacyShape === true
  const shaped = (type: string, data: unknown): Plain => (legacy ? { mode: Object.keys(LEGACY_MODES).find((mode) => LEGACY_MODES[mode] === type) ?? type, [LEGACY_DATA_KEY[type]!]: data } : { type, data })
  switch (body.type) {
    case 'none':
      return undefined
    case 'json':
      return shaped('json', body.text)
    case 'text':
      return shaped(body.contentType === XML ? 'xml' : body.contentType === SPARQL ? 'sparql' : 'text', body.text)
    case 'form-urlencoded':
      return shaped('form-urlencoded', body.fields.map((row) => writeRow(row)))
    case 'multipart':
      return shaped(
        'multipart-form',
        body.parts.map((part) => {
          const { kind, name, enabled, contentType, value: _value, path: _path, morePaths: _more, ...rest } = part as MultipartPart & Plain
          const value = part.kind === 'file' ? [toStored(part.path, context), ...(((part as Plain).morePaths as string[] | undefined) ?? [])] : part.value
          return { name, type: kind, value, ...(contentType ? { contentType } : {}), ...rest, ...(enabled === false ? { disabled: true } : {}) }
        })
      )
    case 'binary': {
      const variants = Array.isArray(b.fileVariants) ? structuredClone(b.fileVariants as Plain[]) : undefined
      const selected = { filePath: toStored(body.path, context), contentType: body.contentType ?? '', selected: true }
      if (variants && typeof b.selectedVariant === 'number' && isPlainObject(variants[b.selectedVariant])) {
        variants[b.selectedVariant] = { ...variants[b.selectedVariant], ...selected }
        return shaped('file', variants)
      }
      return shaped('file', [selected])
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Request files.

function readMethod(raw: unknown): HttpMethod {
  if (raw === undefined || raw === null || raw === '') return 'GET'
  const method = typeof raw === 'string' ? raw.toUpperCase() : ''
  if (!(HTTP_METHODS as readonly string[]).includes(method)) throw new Problem(`The method ${JSON.stringify(raw)} is not one of ${HTTP_METHODS.join(', ')}.`, ['http', 'method'])
  return method as HttpMethod
}

function readSeq(raw: unknown, path: YamlPath): number | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new Problem(`The order (seq) must be a number, not ${describe(raw)}.`, path)
  return raw
}

/** The problems zod found in the assembled document, reported at the file field they came from. */
const SPEC_TO_FILE: Record<string, YamlPath> = { name: ['info', 'name'], url: ['http', 'url'], method: ['http', 'method'], params: ['http', 'params'], headers: ['http', 'headers'], body: ['http', 'body'], auth: ['http', 'auth'], options: ['settings'], variables: ['runtime', 'variables'], reactor: ['extensions', EXTENSION_KEY] }

function specOrProblem(candidate: Plain): RequestSpec {
  const parsed = parseRequestSpec(candidate)
  if (parsed.ok) return parsed.spec
  const first = parsed.problems[0]!
  const [head, ...rest] = first.path.split('.')
  const base = SPEC_TO_FILE[head ?? ''] ?? []
  const tail = head === 'headers' || head === 'params' || head === 'variables' ? rest.slice(0, 1).map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : []
  throw new Problem(`${first.path}: ${first.message}`, [...base, ...tail])
}

export function readRequestFile(raw: unknown, fileStem: string, context: FormatContext): FileRead<RequestFileContent> {
  try {
    if (!isPlainObject(raw)) throw new Problem(`A request file must be a mapping with info and http, not ${describe(raw)}.`, [])
    const fields = new Fields(raw)
    const info = expectObject(raw.info, ['info'], 'info') ?? {}
    const type = info.type ?? (raw.http ? 'http' : undefined)
    if (type !== 'http') {
      const kind = typeof type === 'string' ? `a ${type} request` : 'not an HTTP request (it has no http section)'
      throw new Problem(`This file is ${kind}; Reactor Explorer opens HTTP requests only and leaves this file as it is.`, raw.info ? ['info', 'type'] : [])
    }
    fields.take(['info', 'type'])
    expectObject(raw.http, ['http'], 'http')
    const name = optionalText(fields.take(['info', 'name']), ['info', 'name'], 'The name') ?? fileStem
    const seq = readSeq(fields.take(['info', 'seq']), ['info', 'seq'])
    const method = readMethod(fields.take(['http', 'method']))
    const urlText = text(fields.take(['http', 'url']), ['http', 'url'], 'The URL')
    const { url, params: urlParams } = splitUrlAndQuery(urlText)

    const allParams = expectList(fields.take(['http', 'params']), ['http', 'params'], 'params')
    const queryParams: KeyValue[] = []
    const otherParams: unknown[] = []
    allParams.forEach((param, index) => {
      if (isPlainObject(param) && param.type !== undefined && param.type !== 'query') otherParams.push(param)
      else {
        const { type: _type, ...row } = (param ?? {}) as Plain
        queryParams.push(readRow(row, ['http', 'params', index], `param ${index + 1}`))
      }
    })
    if (otherParams.length > 0) fields.keep(['http', 'params'], otherParams)
    // A file with `?a=1` in its URL and no params list (written by hand) still has its query.
    const params = allParams.length > 0 ? queryParams : urlParams

    const headers = readRows(fields.take(['http', 'headers']), ['http', 'headers'], 'headers')
    const rawBody = fields.take(['http', 'body'])
    let body = readBody(rawBody, ['http', 'body'], context)
    if (!body) {
      fields.keep(['http', 'body'], rawBody)
      body = { type: 'none' }
    }

    const ext = expectObject(fields.take(['extensions', EXTENSION_KEY]), ['extensions', EXTENSION_KEY], `extensions.${EXTENSION_KEY}`) ?? {}
    const { retries, authHeaders, bodyContentType, fields: newerFields, ...reactor } = ext
    const rawAuth = fields.take(['http', 'auth'])
    let auth: RequestAuth | undefined
    if (authHeaders !== undefined) {
      auth = { type: 'headers', headers: readRows(authHeaders, ['extensions', EXTENSION_KEY, 'authHeaders'], 'auth headers') }
      if (rawAuth !== undefined) fields.keep(['http', 'auth'], rawAuth)
    } else {
      // No auth in a request file is "No Auth" for Bruno; our new requests are written `auth: inherit`.
      auth = rawAuth === undefined || rawAuth === null ? { type: 'none' } : authFromFile(rawAuth)
      if (!auth) {
        fields.keep(['http', 'auth'], rawAuth)
        auth = { type: 'none', keptFromFile: isPlainObject(rawAuth) ? String(rawAuth.type) : 'unknown' }
      }
    }
    if (typeof bodyContentType === 'string' && body.type === 'text') body = { ...body, contentType: bodyContentType }

    const options: Plain = {}
    const settings = expectObject(raw.settings, ['settings'], 'settings') ?? {}
    if (typeof settings.timeout === 'number' && settings.timeout >= 100 && settings.timeout <= 600_000 && Number.isInteger(settings.timeout)) options.timeoutMs = fields.take(['settings', 'timeout'])
    if (typeof settings.followRedirects === 'boolean') options.followRedirects = fields.take(['settings', 'followRedirects'])
    if (typeof settings.maxRedirects === 'number' && Number.isInteger(settings.maxRedirects) && settings.maxRedirects >= 0 && settings.maxRedirects <= 50) options.maxRedirects = fields.take(['settings', 'maxRedirects'])
    if (typeof retries === 'boolean') options.retries = retries

    const variables = readVariables(fields.take(['runtime', 'variables']), ['runtime', 'variables'])
    const docs = typeof raw.docs === 'string' ? (fields.take(['docs']) as string) : undefined

    const spec = specOrProblem({
      ...(isPlainObject(newerFields) ? newerFields : {}),
      name,
      method,
      url,
      params,
      headers,
      body,
      auth,
      options,
      variables,
      ...(Object.keys(reactor).length > 0 ? { reactor } : {})
    })
    return { ok: true, value: { seq, spec, ...(docs === undefined ? {} : { docs }), ...withExtra(fields.extra()) } }
  } catch (error) {
    if (error instanceof Problem) return { ok: false, message: error.message, path: error.path }
    throw error
  }
}

function withExtra(extra: Plain | undefined): { extra?: Plain } {
  return extra ? { extra } : {}
}

const SPEC_KEYS = new Set(['schemaVersion', 'name', 'method', 'url', 'params', 'headers', 'body', 'auth', 'options', 'variables', 'reactor'])

/** Deep merge where `over` wins, in `over`'s key order first; arrays are replaced, not merged. */
function overlay(under: Plain | undefined, over: Plain): Plain {
  if (!under) return over
  const out: Plain = {}
  for (const [key, value] of Object.entries(over)) out[key] = isPlainObject(value) && isPlainObject(under[key]) ? overlay(under[key] as Plain, value) : value
  for (const [key, value] of Object.entries(under)) if (!(key in out)) out[key] = value
  return out
}

/** Drops keys whose value is undefined or an empty mapping (so absent stays absent). */
function compact(value: Plain): Plain {
  const out: Plain = {}
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue
    if (isPlainObject(child)) {
      const inner = compact(child)
      if (Object.keys(inner).length > 0) out[key] = inner
    } else out[key] = child
  }
  return out
}

/** The plain object of a request file, keys in the order Bruno writes them. */
export function writeRequestFile(item: { seq?: number; spec: RequestSpec; docs?: string; extra?: Plain }, context: FormatContext): Plain {
  const { spec } = item
  const extra = item.extra ? structuredClone(item.extra) : undefined
  const keptParams = (extra?.http as Plain | undefined)?.params
  if (extra && isPlainObject(extra.http)) delete extra.http.params

  const ext: Plain = {}
  const { operationId, pickedIds, ...otherReactor } = (spec.reactor ?? {}) as Plain
  Object.assign(ext, compact({ operationId, pickedIds }), otherReactor)
  if (spec.options.retries !== undefined) ext.retries = spec.options.retries

  let auth: unknown
  switch (spec.auth.type) {
    case 'inherit':
      auth = 'inherit'
      break
    case 'none':
      // Bruno writes "No Auth" as no auth key; a block kept from the file (OAuth2, …) stays in `extra`.
      auth = undefined
      break
    case 'headers':
      auth = headersAuthToFile(spec.auth.headers)
      if (!auth) ext.authHeaders = spec.auth.headers.map((row) => writeRow(row))
      break
  }
  if (auth !== undefined && extra && isPlainObject(extra.http)) delete extra.http.auth
  if (spec.body.type === 'text' && spec.body.contentType && spec.body.contentType !== XML && spec.body.contentType !== SPARQL) ext.bodyContentType = spec.body.contentType
  const newer: Plain = {}
  for (const [key, value] of Object.entries(spec)) if (!SPEC_KEYS.has(key) && value !== undefined) newer[key] = value
  if (Object.keys(newer).length > 0) ext.fields = newer

  // Path params (`/users/:id`) come first, as the path precedes the query.
  const params = [...(Array.isArray(keptParams) ? keptParams : []), ...spec.params.map((row) => writeRow(row, { type: 'query' }))]
  const body = writeBody(spec.body, context)
  if (body && extra && isPlainObject(extra.http)) delete extra.http.body

  const known: Plain = compact({
    info: { name: spec.name, type: 'http', seq: item.seq },
    http: {
      method: spec.method,
      url: fileUrl(spec.url, spec.params),
      headers: spec.headers.length > 0 ? spec.headers.map((row) => writeRow(row)) : undefined,
      params: params.length > 0 ? params : undefined,
      body,
      auth
    },
    runtime: { variables: spec.variables.length > 0 ? spec.variables.map(writeVariable) : undefined },
    settings: { timeout: spec.options.timeoutMs, followRedirects: spec.options.followRedirects, maxRedirects: spec.options.maxRedirects },
    docs: item.docs,
    extensions: Object.keys(ext).length > 0 ? { [EXTENSION_KEY]: ext } : undefined
  })
  return orderTopLevel(overlay(extra, known), REQUEST_ORDER)
}

/**
 * The URL as Bruno keeps it in the file: with the enabled params as its query, a param without a value as
 * its bare name (`?verbose`, as typed), so a file Bruno wrote comes back with the same URL.
 */
function fileUrl(url: string, params: readonly KeyValue[]): string {
  const query = params
    .filter((row) => row.enabled && row.name !== '')
    .map((row) => (row.value === '' ? formatQueryForField([{ ...row, value: 'x' }]).slice(0, -2) : formatQueryForField([row])))
    .join('&')
  return query ? `${url}?${query}` : url
}

/**
 * Key order in the files, Bruno's own (filestore's writers), so a file written here and saved in Bruno, or
 * the other way round, does not churn. Keys not listed keep the order they came in, after the listed ones.
 */
type KeyOrder = { keys: readonly string[]; children?: Record<string, KeyOrder> }
const INFO_ORDER: KeyOrder = { keys: ['name', 'type', 'seq', 'tags', 'description'] }
const DEFAULTS_ORDER: KeyOrder = { keys: ['headers', 'auth', 'variables', 'actions', 'scripts', 'settings'] }
const REQUEST_ORDER: KeyOrder = {
  keys: ['info', 'http', 'runtime', 'settings', 'examples', 'docs', 'app', 'extensions'],
  children: {
    info: INFO_ORDER,
    http: { keys: ['method', 'url', 'headers', 'params', 'body', 'auth'] },
    runtime: { keys: ['variables', 'scripts', 'assertions', 'actions'] },
    settings: { keys: ['encodeUrl', 'timeout', 'followRedirects', 'maxRedirects', 'forwardAuthorizationHeader'] }
  }
}
const FOLDER_ORDER: KeyOrder = { keys: ['info', 'request', 'docs', 'extensions'], children: { info: INFO_ORDER, request: DEFAULTS_ORDER } }
const COLLECTION_ORDER: KeyOrder = { keys: ['opencollection', 'info', 'config', 'request', 'docs', 'extensions'], children: { request: DEFAULTS_ORDER } }
const ENVIRONMENT_ORDER: KeyOrder = { keys: ['name', 'color', 'description', 'variables', 'extensions'] }

function orderTopLevel(value: Plain, order: KeyOrder): Plain {
  const out: Plain = {}
  const place = (key: string) => {
    const child = value[key]
    const inner = order.children?.[key]
    out[key] = inner && isPlainObject(child) ? orderTopLevel(child, inner) : child
  }
  for (const key of order.keys) if (key in value) place(key)
  for (const key of Object.keys(value)) if (!(key in out)) place(key)
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Defaults (folder.yml and opencollection.yml `request:`), folders, the collection file, environments.

function readDefaults(fields: Fields, raw: unknown, path: YamlPath): ItemDefaults {
  expectObject(raw, path, path.join('.'))
  const headers = readRows(fields.take([...path, 'headers']), [...path, 'headers'], 'default headers')
  const variables = readVariables(fields.take([...path, 'variables']), [...path, 'variables'])
  const rawAuth = fields.take([...path, 'auth'])
  const extAuth = fields.take(['extensions', EXTENSION_KEY, 'auth'])
  const extAuthHeaders = fields.take(['extensions', EXTENSION_KEY, 'authHeaders'])
  let auth: RequestAuth | undefined
  if (extAuthHeaders !== undefined) auth = { type: 'headers', headers: readRows(extAuthHeaders, ['extensions', EXTENSION_KEY, 'authHeaders'], 'auth headers') }
  else if (extAuth === 'none') auth = { type: 'none' }
  else if (rawAuth !== undefined && rawAuth !== null) {
    auth = authFromFile(rawAuth)
    if (!auth) fields.keep([...path, 'auth'], rawAuth)
  }
  if ((extAuthHeaders !== undefined || extAuth === 'none') && rawAuth !== undefined) fields.keep([...path, 'auth'], rawAuth)
  return { headers, variables, ...(auth ? { auth } : {}) }
}

function writeDefaults(defaults: ItemDefaults, ext: Plain): Plain {
  let auth: unknown
  switch (defaults.auth?.type) {
    case undefined:
      break
    case 'inherit':
      auth = 'inherit'
      break
    case 'none':
      // OpenCollection has no "none" at folder level (absent means inherit there): said in our extension.
      ext.auth = 'none'
      break
    case 'headers':
      auth = headersAuthToFile(defaults.auth.headers)
      if (!auth) ext.authHeaders = defaults.auth.headers.map((row) => writeRow(row))
      break
  }
  return compact({
    headers: defaults.headers.length > 0 ? defaults.headers.map((row) => writeRow(row)) : undefined,
    variables: defaults.variables.length > 0 ? defaults.variables.map(writeVariable) : undefined,
    auth
  })
}

function dropKeptAuth(extra: Plain | undefined, known: Plain): void {
  const request = extra?.request
  if (isPlainObject(request) && isPlainObject(known.request) && 'auth' in known.request) delete request.auth
}

export function readFolderFile(raw: unknown): FileRead<FolderFileContent> {
  try {
    if (raw === null || raw === undefined) return { ok: true, value: { defaults: { headers: [], variables: [] } } }
    if (!isPlainObject(raw)) throw new Problem(`folder.yml must be a mapping with info and request, not ${describe(raw)}.`, [])
    const fields = new Fields(raw)
    expectObject(raw.info, ['info'], 'info')
    fields.take(['info', 'type'])
    const name = optionalText(fields.take(['info', 'name']), ['info', 'name'], 'The folder name')
    const seq = readSeq(fields.take(['info', 'seq']), ['info', 'seq'])
    const defaults = readDefaults(fields, raw.request, ['request'])
    const docs = typeof raw.docs === 'string' ? (fields.take(['docs']) as string) : undefined
    return { ok: true, value: { ...(name === undefined ? {} : { name }), ...(seq === undefined ? {} : { seq }), defaults, ...(docs === undefined ? {} : { docs }), ...withExtra(fields.extra()) } }
  } catch (error) {
    if (error instanceof Problem) return { ok: false, message: error.message, path: error.path }
    throw error
  }
}

export function writeFolderFile(folder: { name: string; seq?: number; defaults: ItemDefaults; docs?: string; extra?: Plain }): Plain {
  const extra = folder.extra ? structuredClone(folder.extra) : undefined
  const ext: Plain = {}
  const request = writeDefaults(folder.defaults, ext)
  const known = compact({
    info: { name: folder.name, type: 'folder', seq: folder.seq },
    request,
    docs: folder.docs,
    extensions: Object.keys(ext).length > 0 ? { [EXTENSION_KEY]: ext } : undefined
  })
  dropKeptAuth(extra, known)
  return orderTopLevel(overlay(extra, known), FOLDER_ORDER)
}

export function readCollectionFile(raw: unknown): FileRead<CollectionFileContent> {
  try {
    if (!isPlainObject(raw)) throw new Problem(`opencollection.yml must be a mapping with opencollection and info, not ${describe(raw)}.`, [])
    const fields = new Fields(raw)
    const declared = fields.take(['opencollection'])
    // Bruno reads a file without the key as 1.0.0; so do we.
    const version = declared === undefined || declared === null ? OPENCOLLECTION_VERSION : text(declared, ['opencollection'], 'The opencollection version')
    const major = Number(/^(\d+)(\.|$)/.exec(version)?.[1])
    if (major !== OPENCOLLECTION_MAJOR) {
      throw new Problem(`This collection declares OpenCollection version ${JSON.stringify(version)}; Reactor Explorer reads version ${OPENCOLLECTION_MAJOR}.x.`, ['opencollection'])
    }
    expectObject(raw.info, ['info'], 'info')
    const name = optionalText(fields.take(['info', 'name']), ['info', 'name'], 'The collection name')
    const defaults = readDefaults(fields, raw.request, ['request'])
    const docs = typeof raw.docs === 'string' ? (fields.take(['docs']) as string) : undefined
    return { ok: true, value: { ...(name === undefined ? {} : { name }), version, defaults, ...(docs === undefined ? {} : { docs }), ...withExtra(fields.extra()) } }
  } catch (error) {
    if (error instanceof Problem) return { ok: false, message: error.message, path: error.path }
    throw error
  }
}

export function writeCollectionFile(collection: { name: string; version: string; defaults: ItemDefaults; docs?: string; extra?: Plain }): Plain {
  const extra = collection.extra ? structuredClone(collection.extra) : undefined
  const ext: Plain = {}
  const request = writeDefaults(collection.defaults, ext)
  const known = compact({
    opencollection: collection.version || OPENCOLLECTION_VERSION,
    info: { name: collection.name },
    request,
    docs: collection.docs,
    extensions: Object.keys(ext).length > 0 ? { [EXTENSION_KEY]: ext } : undefined
  })
  dropKeptAuth(extra, known)
  return orderTopLevel(overlay(extra, known), COLLECTION_ORDER)
}

/** What a new collection's opencollection.yml holds besides its name (Bruno writes the same ignore list). */
export function newCollectionExtra(): Plain {
  return { extensions: { bruno: { ignore: ['node_modules', '.git'] } } }
}

export interface EnvironmentFileContent {
  environment: Environment
  extra?: Plain
}

export function readEnvironmentFile(raw: unknown, fileStem: string): FileRead<EnvironmentFileContent> {
  try {
    if (!isPlainObject(raw)) throw new Problem(`An environment file must be a mapping with name and variables, not ${describe(raw)}.`, [])
    const fields = new Fields(raw)
    const name = optionalText(fields.take(['name']), ['name'], 'The environment name') || fileStem
    const variables = readVariables(fields.take(['variables']), ['variables'])
    const profileId = fields.take(['extensions', EXTENSION_KEY, 'profileId'])
    if (profileId !== undefined && typeof profileId !== 'string') throw new Problem('The profile an environment belongs to (profileId) must be text.', ['extensions', EXTENSION_KEY, 'profileId'])
    const environment: Environment = { name, variables, ...(profileId ? { profileId } : {}) }
    return { ok: true, value: { environment, ...withExtra(fields.extra()) } }
  } catch (error) {
    if (error instanceof Problem) return { ok: false, message: error.message, path: error.path }
    throw error
  }
}

export function writeEnvironmentFile(environment: Environment, extra?: Plain): Plain {
  const { name, profileId, variables } = environment
  const known = compact({
    name,
    variables: variables.length > 0 ? variables.map(writeVariable) : undefined,
    extensions: profileId ? { [EXTENSION_KEY]: { profileId } } : undefined
  })
  return orderTopLevel(overlay(extra ? structuredClone(extra) : undefined, known), ENVIRONMENT_ORDER)
}
