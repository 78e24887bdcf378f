// Bruno collections in the classic `.bru` format (Bru Lang, read with Bruno's own parser @usebruno/lang):
//
//   bruno.json              { version, name, type: "collection", ignore: [...] }
//   collection.bru          collection defaults: headers, auth, vars, scripts, docs
//   <folder>/folder.bru     meta { name, seq }, headers, auth, vars
//   <request>.bru           meta, get|post|… { url, body, auth }, params:query/path, headers, body:*, auth:*,
//                           vars:pre-request / vars:post-response, assert, script:*, tests, docs, settings
//   environments/<name>.bru vars { … }, vars:secret [ … ]
//
// Bruno's newer YAML folders are OpenCollection, which the collections layer reads (collections/collection-reader).
// Post-response vars and assertions map to OpenCollection's `runtime.actions` / `runtime.assertions` (what
// Bruno itself writes when it saves the same request as YAML); scripts and tests are kept as text in the docs.
import { lstat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { bruToEnvJsonV2, bruToJsonV2, collectionBruToJson } from '@usebruno/lang'
import type { Collection, CollectionItem, Environment, FolderItem, ItemDefaults, UnreadableItem } from '../../../shared/collections/collection-model'
import { HTTP_METHODS, type HttpMethod, type KeyValue, type MultipartPart, type RequestAuth, type RequestBody, type RequestSpec, type RequestVariable } from '../../../shared/requests/request-spec'
import { splitUrlAndQuery } from '../../../shared/requests/url-params'
import { plural, type ReportBuilder } from './import-report'
import { ImportError, isRecord, list, listFolderFiles, parseJsonText, readInputFile, text, type FolderFile } from './input-documents'
import { buildSpec, emptyDefaults, folderItem, itemName, requestItem, withScriptInDocs } from './model-builders'
import { adoptReactorConventions } from './reactor-conventions'
import { ASSERTION_OPERATORS, parseResponseExpression, type AssertionOperator, type ResponseAssertion, type SetVariableAction } from './response-expressions'

type Json = Record<string, unknown>

/** Ohm's messages start `Line 5, col 5:`; the position is what a person needs to fix the file. */
function bruProblem(path: string, error: unknown): UnreadableItem {
  const message = error instanceof Error ? error.message : String(error)
  const at = /Line (\d+), col (\d+)/.exec(message)
  const expected = /Expected ([^\n]+)/.exec(message)?.[1]
  return {
    kind: 'unreadable',
    path,
    message: `Not valid Bru: ${expected ? `expected ${expected}` : message.split('\n')[0]}${at ? ` (line ${at[1]}, column ${at[2]})` : ''}.`,
    ...(at ? { line: Number(at[1]), column: Number(at[2]) } : {})
  }
}

export async function isBrunoFolder(root: string): Promise<boolean> {
  return lstat(join(root, 'bruno.json')).then(
    (info) => info.isFile(),
    () => false
  )
}

export async function importBrunoFolder(root: string, report: ReportBuilder): Promise<Collection> {
  const label = basename(root)
  const config = parseJsonText(await readInputFile(join(root, 'bruno.json'), `${label}/bruno.json`), `${label}/bruno.json`).value
  if (!isRecord(config)) throw new ImportError('import-invalid', `${label}/bruno.json is not a Bruno collection file (expected an object with name and version).`, { file: `${label}/bruno.json` })
  if (config.type !== undefined && config.type !== 'collection') {
    throw new ImportError('import-invalid', `${label}/bruno.json describes a Bruno ${text(config.type)}, not a collection.`, { file: `${label}/bruno.json` })
  }
  const ignore = list(config.ignore).map((entry) => text(entry)).filter(Boolean)
  const files = await listFolderFiles(root, ignore)
  const read = async (file: FolderFile): Promise<string | UnreadableItem> => {
    try {
      return await readInputFile(file.absolute, file.path)
    } catch (error) {
      return { kind: 'unreadable', path: file.path, message: (error as Error).message }
    }
  }

  let defaults: ItemDefaults = emptyDefaults()
  let docs: string | undefined
  const collectionFile = files.find((file) => file.path === 'collection.bru')
  if (collectionFile) {
    const source = await read(collectionFile)
    if (typeof source === 'string') {
      try {
        const parsed = collectionBruToJson(source)
        const mapped = folderDefaults(parsed, 'collection', report)
        defaults = mapped.defaults
        docs = mapped.docs
      } catch (error) {
        report.notMapped('collection.bru', bruProblem('collection.bru', error).message)
      }
    } else report.notMapped('collection.bru', source.message)
  }

  // Folders first (their folder.bru gives name and order), then requests into them.
  const folders = new Map<string, FolderItem>()
  const topLevel: CollectionItem[] = []
  const folderFor = (dir: string): CollectionItem[] => {
    if (dir === '.' || dir === '') return topLevel
    const known = folders.get(dir)
    if (known) return known.items
    const folder = folderItem(basename(dir), Number.NaN, emptyDefaults(), [])
    folders.set(dir, folder)
    folderFor(dirname(dir)).push(folder)
    return folder.items
  }
  const environments: Environment[] = []
  for (const file of files) {
    if (!file.path.endsWith('.bru') || file.path === 'collection.bru') continue
    const source = await read(file)
    if (file.path.startsWith('environments/') && file.path.split('/').length === 2) {
      if (typeof source !== 'string') {
        report.notMapped(file.path, source.message)
        continue
      }
      try {
        environments.push(brunoEnvironment(bruToEnvJsonV2(source), basename(file.path, '.bru'), report))
      } catch (error) {
        report.notMapped(file.path, bruProblem(file.path, error).message)
      }
      continue
    }
    const dir = dirname(file.path)
    if (basename(file.path) === 'folder.bru') {
      folderFor(dir)
      const folder = folders.get(dir)!
      if (typeof source !== 'string') continue
      try {
        const parsed = collectionBruToJson(source)
        const meta = isRecord(parsed.meta) ? parsed.meta : {}
        folder.name = itemName(meta.name, folder.name, report)
        const seq = Number(meta.seq)
        if (Number.isFinite(seq)) folder.seq = seq
        const mapped = folderDefaults(parsed, folder.name, report)
        folder.defaults = mapped.defaults
        if (mapped.docs) folder.docs = mapped.docs
      } catch (error) {
        report.notMapped(file.path, bruProblem(file.path, error).message)
      }
      continue
    }
    const into = folderFor(dir)
    if (typeof source !== 'string') {
      into.push(source)
      continue
    }
    let parsed: Json
    try {
      parsed = bruToJsonV2(source)
    } catch (error) {
      const problem = bruProblem(file.path, error)
      into.push(problem)
      report.notMapped(file.path, problem.message)
      continue
    }
    const item = brunoRequest(parsed, file.path, report)
    if (item) into.push(item)
  }
  for (const list of [topLevel, ...[...folders.values()].map((folder) => folder.items)]) order(list)
  const name = itemName(config.name, label, report)
  const variables = defaults.variables
  const known = new Map<string, string | undefined>(variables.map((v) => [v.name, v.value]))
  for (const env of environments) for (const v of env.variables) if (!known.has(v.name)) known.set(v.name, v.value)
  const items = applyConventions(topLevel, known, report)
  return { root: '', name, version: '1.0.0', defaults, items, environments, ...(docs ? { docs } : {}) }
}

/** Folders and requests without a `seq` go after the numbered ones, by name (Bruno's order). */
function order(items: CollectionItem[]): void {
  const named = (item: CollectionItem) => (item.kind === 'folder' ? item.name : item.kind === 'request' ? item.spec.name : item.path)
  const numbered = items.filter((item) => item.kind !== 'unreadable' && Number.isFinite(item.seq))
  let next = numbered.reduce((max, item) => Math.max(max, (item as { seq: number }).seq), 0)
  for (const item of items.filter((entry) => entry.kind !== 'unreadable' && !Number.isFinite(entry.seq)).sort((a, b) => named(a).localeCompare(named(b)))) {
    ;(item as { seq: number }).seq = ++next
  }
  items.sort((a, b) => (a.kind === 'unreadable' ? 1 : b.kind === 'unreadable' ? -1 : a.seq - b.seq || named(a).localeCompare(named(b))))
}

function applyConventions(items: readonly CollectionItem[], variables: Map<string, string | undefined>, report: ReportBuilder): CollectionItem[] {
  return items.map((item) => {
    if (item.kind === 'folder') return { ...item, items: applyConventions(item.items, variables, report) }
    if (item.kind === 'request') return { ...item, spec: adoptReactorConventions(item.spec, variables, report) }
    return item
  })
}

function rows(value: unknown): KeyValue[] {
  return list(value)
    .filter(isRecord)
    .map((row) => ({ name: text(row.name), value: text(row.value), enabled: row.enabled !== false }))
}

function variables(value: unknown): RequestVariable[] {
  return list(value)
    .filter(isRecord)
    .filter((row) => text(row.name).trim() !== '')
    .map((row) => ({ name: text(row.name).trim(), value: text(row.value), enabled: row.enabled !== false }))
}

function folderDefaults(parsed: Json, label: string, report: ReportBuilder): { defaults: ItemDefaults; docs?: string } {
  const headers = rows(parsed.headers)
  const vars = isRecord(parsed.vars) ? parsed.vars : {}
  const mode = isRecord(parsed.auth) ? text(parsed.auth.mode) : ''
  const auth = mode ? brunoAuth(mode, parsed.auth as Json, label, report) : undefined
  let docs = typeof parsed.docs === 'string' && parsed.docs.trim() ? parsed.docs : undefined
  docs = keptScripts(parsed, docs, label, report)
  if (list(vars.res).length > 0) report.notMapped(label, 'its post-response vars at folder level are not imported (captures belong to requests here)')
  return { defaults: { headers, variables: variables(vars.req), auth }, docs }
}

function keptScripts(parsed: Json, docs: string | undefined, label: string, report: ReportBuilder): string | undefined {
  let out = docs
  const script = isRecord(parsed.script) ? parsed.script : {}
  for (const [key, phase] of [['req', 'pre-request'], ['res', 'post-response']] as const) {
    const code = text(script[key])
    if (code.trim()) {
      out = withScriptInDocs(out, 'Bruno', phase, code)
      report.notMapped(label, `its ${phase} script is kept as text in the docs: Reactor Explorer does not run scripts`)
    }
  }
  const tests = text(parsed.tests)
  if (tests.trim()) {
    out = withScriptInDocs(out, 'Bruno', 'tests', tests)
    report.notMapped(label, 'its tests script is kept as text in the docs: Reactor Explorer does not run scripts')
  }
  return out
}

function brunoAuth(mode: string, auth: Json, label: string, report: ReportBuilder): RequestAuth | undefined {
  switch (mode) {
    case 'inherit':
      return undefined
    case 'none':
      return { type: 'none' }
    case 'bearer': {
      const token = isRecord(auth.bearer) ? text(auth.bearer.token) : ''
      return { type: 'headers', headers: [{ name: 'Authorization', value: `Bearer ${token}`, enabled: true }] }
    }
    case 'apikey': {
      const key = isRecord(auth.apikey) ? auth.apikey : {}
      if (text(key.placement, 'header') !== 'header') {
        report.notMapped(label, 'its API key auth goes in the query string; add it as a query param (typed auth here is headers only)')
        return { type: 'none' }
      }
      return { type: 'headers', headers: [{ name: text(key.key, 'x-api-key'), value: text(key.value), enabled: true }] }
    }
    case 'oauth2': {
      const grant = isRecord(auth.oauth2) ? text(auth.oauth2.grantType ?? auth.oauth2.grant_type) : ''
      report.note(`OAuth 2.0 auth${grant ? ` (${grant})` : ''} became the profile's auth: add the credential as a profile (its Client Secret goes into the keychain there); the file's client secret was not imported.`)
      if (grant && grant !== 'client_credentials') report.notMapped(label, `its OAuth 2.0 grant "${grant}" is not one a profile uses (profiles use client_credentials, OAuth Server-to-Server)`)
      return { type: 'inherit' }
    }
    default:
      report.notMapped(label, `its ${mode} auth is not supported; it was imported with no auth (add the header it needs by hand)`)
      return { type: 'none' }
  }
}

function brunoBody(parsed: Json, mode: string, label: string, report: ReportBuilder): RequestBody {
  const body = isRecord(parsed.body) ? parsed.body : {}
  switch (mode) {
    case 'json':
      return { type: 'json', text: text(body.json) }
    case 'text':
      return { type: 'text', text: text(body.text) }
    case 'xml':
      return { type: 'text', text: text(body.xml), contentType: 'application/xml' }
    case 'sparql':
      return { type: 'text', text: text(body.sparql), contentType: 'application/sparql-query' }
    case 'formUrlEncoded':
      return { type: 'form-urlencoded', fields: rows(body.formUrlEncoded) }
    case 'multipartForm':
      return {
        type: 'multipart',
        parts: list(body.multipartForm)
          .filter(isRecord)
          .map((part): MultipartPart => {
            const enabled = part.enabled !== false
            if (part.type === 'file') {
              const paths = Array.isArray(part.value) ? part.value.map((v) => text(v)) : [text(part.value)]
              if (paths.length > 1) report.notMapped(`${label} form field ${text(part.name)}`, `it sends ${paths.length} files; only the first was kept`)
              return { kind: 'file', name: text(part.name), path: paths[0] ?? '', ...(text(part.contentType) ? { contentType: text(part.contentType) } : {}), enabled }
            }
            return { kind: 'text', name: text(part.name), value: text(part.value), enabled }
          })
      }
    case 'file': {
      const selected = list(body.file).filter(isRecord).find((file) => file.selected !== false)
      return selected ? { type: 'binary', path: text(selected.filePath), ...(text(selected.contentType) ? { contentType: text(selected.contentType) } : {}) } : { type: 'none' }
    }
    case 'graphql': {
      const graphql = isRecord(body.graphql) ? body.graphql : {}
      let vars: unknown
      try {
        vars = text(graphql.variables).trim() ? JSON.parse(text(graphql.variables)) : undefined
      } catch {
        vars = text(graphql.variables)
      }
      report.count('graphql', (n) => `${plural(n, 'GraphQL request')} became ${n === 1 ? 'its' : 'their'} JSON body ({"query", "variables"}), which is what goes over the wire.`)
      return { type: 'json', text: JSON.stringify({ query: text(graphql.query), ...(vars !== undefined ? { variables: vars } : {}) }, null, 2) }
    }
    default:
      return { type: 'none' }
  }
}

function brunoRequest(parsed: Json, path: string, report: ReportBuilder): CollectionItem | undefined {
  const meta = isRecord(parsed.meta) ? parsed.meta : {}
  const http = isRecord(parsed.http) ? parsed.http : {}
  const name = itemName(meta.name, basename(path, '.bru'), report)
  const label = path
  const type = text(meta.type, 'http')
  if (type !== 'http') {
    report.notMapped(label, `not imported: it is a ${type} request; this app sends HTTP requests`)
    return undefined
  }
  const method = text(http.method, 'get').toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    report.notMapped(label, `not imported: the method ${method} is not one this app sends`)
    return undefined
  }
  const all = list(parsed.params).filter(isRecord)
  const pathParams = new Map(all.filter((p) => p.type === 'path').map((p) => [text(p.name), text(p.value)]))
  const { url: withoutQuery } = splitUrlAndQuery(text(http.url))
  const url = withoutQuery.replace(/\/:([A-Za-z0-9_]+)(?=\/|$)/g, (_whole, param: string) => {
    const value = pathParams.get(param)
    return value ? `/${value}` : `/{{${param}}}`
  })
  const params: KeyValue[] = all.filter((p) => p.type !== 'path').map((p) => ({ name: text(p.name), value: text(p.value), enabled: p.enabled !== false }))
  const vars = isRecord(parsed.vars) ? parsed.vars : {}
  const settings = isRecord(parsed.settings) ? parsed.settings : {}
  const options: RequestSpec['options'] = {}
  if (typeof settings.timeout === 'number' && settings.timeout >= 100) options.timeoutMs = settings.timeout
  if (settings.followRedirects === false) options.followRedirects = false
  if (typeof settings.maxRedirects === 'number' && settings.maxRedirects >= 0 && settings.maxRedirects <= 50) options.maxRedirects = settings.maxRedirects

  const auth = brunoAuth(text(http.auth, 'inherit'), isRecord(parsed.auth) ? parsed.auth : {}, label, report) ?? { type: 'inherit' as const }
  const spec = buildSpec(
    {
      name,
      method: method as HttpMethod,
      url,
      params,
      headers: rows(parsed.headers),
      body: brunoBody(parsed, text(http.body, 'none'), label, report),
      auth,
      options,
      variables: variables(vars.req)
    },
    label,
    report
  )
  if (!spec) return undefined

  const actions: SetVariableAction[] = list(vars.res)
    .filter(isRecord)
    .map((row) => ({
      type: 'set-variable' as const,
      phase: 'after-response' as const,
      selector: { expression: text(row.value), method: 'jsonq' as const },
      variable: { name: text(row.name), scope: row.local === true ? ('request' as const) : ('runtime' as const) },
      ...(row.enabled === false ? { disabled: true } : {})
    }))
  const assertions: ResponseAssertion[] = []
  for (const row of list(parsed.assertions).filter(isRecord)) {
    const [operator, ...rest] = text(row.value).trim().split(/\s+/)
    const known = (ASSERTION_OPERATORS as readonly string[]).includes(operator ?? '')
    if (!known || !parseResponseExpression(text(row.name))) {
      report.notMapped(`${label} assertion ${text(row.name)}`, `kept as written ("${text(row.value)}"); this app evaluates res.status/res.body/res.headers with ${ASSERTION_OPERATORS.join(', ')}`)
    }
    assertions.push({ expression: text(row.name), operator: (operator ?? 'eq') as AssertionOperator, ...(rest.length > 0 ? { value: rest.join(' ') } : {}), ...(row.enabled === false ? { disabled: true } : {}) })
  }
  const docs = keptScripts(parsed, typeof parsed.docs === 'string' && parsed.docs.trim() ? parsed.docs : undefined, label, report)
  const runtime = { ...(assertions.length > 0 ? { assertions } : {}), ...(actions.length > 0 ? { actions } : {}) }
  const extra: Record<string, unknown> = {}
  if (Object.keys(runtime).length > 0) extra.runtime = runtime
  const tags = list(meta.tags).map((tag) => text(tag)).filter(Boolean)
  if (tags.length > 0) extra.info = { tags }
  const seq = Number(meta.seq)
  return requestItem(spec, Number.isFinite(seq) ? seq : Number.NaN, docs, extra)
}

function brunoEnvironment(parsed: Json, name: string, report: ReportBuilder): Environment {
  const variablesOut: RequestVariable[] = []
  for (const row of list(parsed.variables).filter(isRecord)) {
    const key = text(row.name).trim()
    if (!key) continue
    if (row.secret === true) variablesOut.push({ name: key, enabled: row.enabled !== false, secret: true })
    else variablesOut.push({ name: key, value: text(row.value), enabled: row.enabled !== false })
  }
  const secrets = variablesOut.filter((v) => v.secret).length
  if (secrets > 0) report.count('bruno-secrets', (n) => `${plural(n, 'secret variable')} came without ${n === 1 ? 'its value' : 'their values'} (Bruno keeps them outside the folder too): set ${n === 1 ? 'it' : 'them'} again; ${n === 1 ? 'it is' : 'they are'} kept in the keychain.`, secrets)
  return { name, variables: variablesOut }
}
