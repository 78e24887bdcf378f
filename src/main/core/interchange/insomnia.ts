// Insomnia exports → the Collection model:
//
// - v4 JSON (`_type: export`, `__export_format: 4`): a flat `resources` list linked by `parentId` — workspace,
//   request_group (folders, with their own `environment`), request, environment (the base environment whose
//   parent is the workspace, sub-environments under it), plus cookie jars, specs and gRPC/WebSocket requests;
// - v5 YAML (`type: collection.insomnia.rest/5.0`, Insomnia 11+): the same tree nested in `collection`
//   (`children`), `environments` with `subEnvironments`, `meta` on every node.
//
// Insomnia's templates are Nunjucks: `{{ _.base_url }}` becomes `{{base_url}}` (nested environment objects
// flatten to `{{a.b}}`); template tags (`{% response … %}`, `{% prompt %}`) are kept as written and reported,
// as are scripts. Random ids and `modified` timestamps are dropped (they are what makes Insomnia's git diffs
// noisy). The base environment's values become collection variables; each sub-environment an environment.
import type { Collection, CollectionItem, Environment, ItemDefaults } from '../../../shared/collections/collection-model'
import { HTTP_METHODS, type HttpMethod, type KeyValue, type MultipartPart, type RequestAuth, type RequestBody, type RequestSpec, type RequestVariable } from '../../../shared/requests/request-spec'
import { splitUrlAndQuery } from '../../../shared/requests/url-params'
import { plural, type ReportBuilder } from './import-report'
import { ImportError, isRecord, list, text } from './input-documents'
import { buildSpec, emptyDefaults, folderItem, itemName, requestItem, withScriptInDocs } from './model-builders'
import { adoptReactorConventions } from './reactor-conventions'
import { translatePostmanTestScript } from './response-expressions'

type Json = Record<string, unknown>

export function looksLikeInsomniaV4(doc: unknown): boolean {
  return isRecord(doc) && doc._type === 'export' && Array.isArray(doc.resources)
}

export function looksLikeInsomniaV5(doc: unknown): boolean {
  return isRecord(doc) && typeof doc.type === 'string' && /\.insomnia\.rest\/\d/.test(doc.type)
}

// ---- shared mapping --------------------------------------------------------------------------------------

interface Context {
  report: ReportBuilder
  variables: Map<string, string | undefined>
}

/** `{{ _.name }}` → `{{name}}`; tags `{% … %}` are reported once per kind. */
function template(value: unknown, where: string, ctx: Context): string {
  const raw = text(value)
  for (const tag of raw.matchAll(/\{%\s*([A-Za-z_]+)/g)) {
    ctx.report.count(`insomnia-tag:${tag[1]}`, (n) => `${plural(n, 'field')} use${n === 1 ? 's' : ''} Insomnia's {% ${tag[1]} %} template tag, which this app does not run; ${n === 1 ? 'it was' : 'they were'} kept as written (first in ${where}): replace ${n === 1 ? 'it' : 'them'} with a {{variable}}.`)
  }
  return raw.replace(/\{\{\s*(?:_\.)?([A-Za-z0-9_.$-]+)\s*\}\}/g, '{{$1}}')
}

function templateRows(value: unknown, where: string, ctx: Context): KeyValue[] {
  return list(value)
    .filter(isRecord)
    .map((row) => ({ name: template(row.name, where, ctx), value: template(row.value, where, ctx), enabled: row.disabled !== true }))
}

/** An Insomnia environment's data, flattened the way templates address it (`{ a: { b: 1 } }` → `a.b`). */
function flatten(data: unknown, prefix = ''): RequestVariable[] {
  if (!isRecord(data)) return []
  const out: RequestVariable[] = []
  for (const [key, value] of Object.entries(data)) {
    const name = prefix ? `${prefix}.${key}` : key
    if (isRecord(value)) out.push(...flatten(value, name))
    else if (!/^[A-Za-z0-9_.$-]+$/.test(name)) continue
    else out.push({ name, value: Array.isArray(value) ? JSON.stringify(value) : text(value), enabled: true })
  }
  return out
}

function auth(value: unknown, label: string, ctx: Context): RequestAuth | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined
  if (value.disabled === true) return { type: 'none' }
  switch (value.type) {
    case 'none':
      return { type: 'none' }
    case 'bearer':
      return { type: 'headers', headers: [{ name: 'Authorization', value: `${text(value.prefix).trim() || 'Bearer'} ${template(value.token, label, ctx)}`, enabled: true }] }
    case 'apikey':
      if (value.addTo && value.addTo !== 'header') {
        ctx.report.notMapped(label, `its API key auth goes to the ${text(value.addTo)}; add it there by hand (typed auth here is headers only)`)
        return { type: 'none' }
      }
      return { type: 'headers', headers: [{ name: template(value.key, label, ctx) || 'x-api-key', value: template(value.value, label, ctx), enabled: true }] }
    case 'oauth2': {
      const grant = text(value.grantType)
      ctx.report.note(`OAuth 2.0 auth${grant ? ` (${grant})` : ''} became the profile's auth: add the credential as a profile (its Client Secret goes into the keychain there); the file's client secret was not imported.`)
      if (grant && grant !== 'client_credentials') ctx.report.notMapped(label, `its OAuth 2.0 grant "${grant}" is not one a profile uses (profiles use client_credentials, OAuth Server-to-Server)`)
      return { type: 'inherit' }
    }
    default:
      ctx.report.notMapped(label, `its ${value.type} auth is not supported; it was imported with no auth (add the header it needs by hand)`)
      return { type: 'none' }
  }
}

function body(value: unknown, label: string, ctx: Context): RequestBody {
  if (!isRecord(value)) return { type: 'none' }
  const mime = text(value.mimeType).toLowerCase()
  if (mime === 'application/x-www-form-urlencoded') return { type: 'form-urlencoded', fields: templateRows(value.params, label, ctx) }
  if (mime === 'multipart/form-data') {
    const parts = list(value.params)
      .filter(isRecord)
      .map(
        (row): MultipartPart =>
          row.type === 'file'
            ? { kind: 'file', name: template(row.name, label, ctx), path: text(row.fileName), enabled: row.disabled !== true }
            : { kind: 'text', name: template(row.name, label, ctx), value: template(row.value, label, ctx), enabled: row.disabled !== true }
      )
    return { type: 'multipart', parts }
  }
  if (typeof value.fileName === 'string' && value.fileName) return { type: 'binary', path: value.fileName, ...(mime ? { contentType: mime } : {}) }
  const raw = template(value.text, label, ctx)
  if (!raw) return { type: 'none' }
  if (/json|graphql/.test(mime)) return { type: 'json', text: raw }
  return { type: 'text', text: raw, ...(mime ? { contentType: text(value.mimeType) } : {}) }
}

/**
 * Scripts: an after-response script that only captures response fields or checks the status (Insomnia's
 * scripting API is Postman's `pm` under the name `insomnia`) becomes runtime actions and assertions; any
 * other script is kept as text in the docs and reported.
 */
function scripts(docs: string | undefined, pre: unknown, after: unknown, label: string, ctx: Context): { docs?: string; runtime?: Record<string, unknown> } {
  let out = docs
  let runtime: Record<string, unknown> | undefined
  for (const [code, phase] of [
    [text(pre), 'pre-request'],
    [text(after), 'after-response']
  ] as const) {
    if (!code.trim()) continue
    const translated = phase === 'after-response' ? translatePostmanTestScript(code.replace(/\binsomnia\./g, 'pm.')) : undefined
    if (translated && translated.actions.length + translated.assertions.length > 0) {
      runtime = { ...(translated.assertions.length > 0 ? { assertions: translated.assertions } : {}), ...(translated.actions.length > 0 ? { actions: translated.actions } : {}) }
      ctx.report.count('insomnia-captures', (n) => `${plural(n, 'after-response script')} that only capture${n === 1 ? 's' : ''} response values or check${n === 1 ? 's' : ''} the status became declarative captures and assertions.`)
      continue
    }
    out = withScriptInDocs(out, 'Insomnia', phase, code)
    ctx.report.notMapped(label, `its ${phase} script is kept as text in the docs: Reactor Explorer does not run scripts`)
  }
  return { ...(out ? { docs: out } : {}), ...(runtime ? { runtime } : {}) }
}

interface RequestFields {
  name: unknown
  method: unknown
  url: unknown
  description: unknown
  headers: unknown
  parameters: unknown
  body: unknown
  authentication: unknown
  followRedirects: unknown
  preRequest: unknown
  afterResponse: unknown
}

function request(fields: RequestFields, seq: number, chain: string, ctx: Context): CollectionItem | undefined {
  const name = itemName(fields.name, 'Request', ctx.report)
  const label = chain ? `${chain} / ${name}` : name
  const method = text(fields.method, 'GET').toUpperCase()
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    ctx.report.notMapped(label, `not imported: the method ${method} is not one this app sends`)
    return undefined
  }
  const { url, params: fromUrl } = splitUrlAndQuery(template(fields.url, label, ctx))
  const options: RequestSpec['options'] = {}
  if (fields.followRedirects === 'off') options.followRedirects = false
  const spec = buildSpec(
    {
      name,
      method: method as HttpMethod,
      url,
      params: [...fromUrl, ...templateRows(fields.parameters, label, ctx)],
      headers: templateRows(fields.headers, label, ctx),
      body: body(fields.body, label, ctx),
      auth: auth(fields.authentication, label, ctx) ?? { type: 'inherit' },
      options
    },
    label,
    ctx.report
  )
  if (!spec) return undefined
  const kept = scripts(typeof fields.description === 'string' && fields.description.trim() ? fields.description : undefined, fields.preRequest, fields.afterResponse, label, ctx)
  return requestItem(adoptReactorConventions(spec, ctx.variables, ctx.report), seq, kept.docs, kept.runtime ? { runtime: kept.runtime } : undefined)
}

function folderDefaults(node: Json, label: string, ctx: Context): ItemDefaults {
  return { ...emptyDefaults(), headers: templateRows(node.headers, label, ctx), variables: flatten(node.environment), auth: auth(node.authentication, label, ctx) }
}

function bySortKey<T>(items: T[], key: (item: T) => unknown): T[] {
  return items.map((item, index) => ({ item, index, sort: Number(key(item)) })).sort((a, b) => (Number.isFinite(a.sort) && Number.isFinite(b.sort) ? a.sort - b.sort : 0) || a.index - b.index).map((entry) => entry.item)
}

// ---- v4 --------------------------------------------------------------------------------------------------

export function importInsomniaV4(doc: unknown, file: string, report: ReportBuilder): Collection {
  if (!looksLikeInsomniaV4(doc)) throw new ImportError('import-invalid', `${file} is not an Insomnia export: it has no resources list.`, { file })
  const root = doc as Json
  const format = root.__export_format
  if (format !== 4) {
    throw new ImportError(
      'import-unsupported-version',
      `${file} is an Insomnia export with __export_format ${JSON.stringify(format)}; this app reads format 4 (Insomnia "Export Data → Insomnia v4 (JSON)") and Insomnia v5 YAML.`,
      { file }
    )
  }
  const resources = list(root.resources).filter(isRecord)
  const workspaces = resources.filter((r) => r._type === 'workspace')
  const workspace = workspaces.find((w) => w.scope !== 'design') ?? workspaces[0]
  if (workspaces.length > 1) report.notMapped(plural(workspaces.length - 1, 'other workspace'), `this file holds ${workspaces.length} workspaces; only "${text(workspace?.name)}" was imported (import the others from their own export)`)
  const workspaceId = workspace ? text(workspace._id) : ''
  const children = new Map<string, Json[]>()
  for (const resource of resources) {
    const parent = text(resource.parentId)
    children.set(parent, [...(children.get(parent) ?? []), resource])
  }
  const baseEnvironment = (children.get(workspaceId) ?? []).find((r) => r._type === 'environment')
  const base = flatten(baseEnvironment?.data)
  const environments: Environment[] = (baseEnvironment ? (children.get(text(baseEnvironment._id)) ?? []) : [])
    .filter((r) => r._type === 'environment')
    .map((env) => ({ name: itemName(env.name, 'Environment', report), variables: flatten(env.data) }))
  const ctx: Context = { report, variables: new Map([...base, ...environments.flatMap((env) => env.variables)].map((v) => [v.name, v.value])) }

  const skipped = new Map<string, number>()
  const walk = (parentId: string, chain: string): CollectionItem[] => {
    const out: CollectionItem[] = []
    for (const resource of bySortKey(children.get(parentId) ?? [], (r) => r.metaSortKey)) {
      const type = text(resource._type)
      if (type === 'request_group') {
        const name = itemName(resource.name, 'Folder', report)
        const label = chain ? `${chain} / ${name}` : name
        const { docs } = scripts(typeof resource.description === 'string' && resource.description.trim() ? resource.description : undefined, resource.preRequestScript, resource.afterResponseScript, label, ctx)
        out.push(folderItem(name, out.length + 1, folderDefaults(resource, label, ctx), walk(text(resource._id), label), docs))
      } else if (type === 'request') {
        const item = request(
          {
            name: resource.name,
            method: resource.method,
            url: resource.url,
            description: resource.description,
            headers: resource.headers,
            parameters: resource.parameters,
            body: resource.body,
            authentication: resource.authentication,
            followRedirects: resource.settingFollowRedirects,
            preRequest: resource.preRequestScript,
            afterResponse: resource.afterResponseScript
          },
          out.length + 1,
          chain,
          ctx
        )
        if (item) out.push(item)
      } else if (type !== 'environment' && type !== 'cookie_jar') {
        skipped.set(type, (skipped.get(type) ?? 0) + 1)
      }
    }
    return out
  }
  const items = walk(workspaceId, '')
  for (const [type, count] of skipped) report.notMapped(`${plural(count, `${type} resource`)}`, `not imported: ${describeSkipped(type)}`)
  const name = itemName(workspace?.name, file.replace(/\.json$/i, '') || 'Insomnia collection', report)
  const docs = typeof workspace?.description === 'string' && workspace.description.trim() ? workspace.description : undefined
  return { root: '', name, version: '1.0.0', defaults: { ...emptyDefaults(), variables: base }, items, environments, ...(docs ? { docs } : {}) }
}

function describeSkipped(type: string): string {
  if (/grpc|websocket|socket/.test(type)) return 'this app sends HTTP requests'
  if (type === 'api_spec') return 'a design document (OpenAPI); the request catalog covers the Reactor API'
  if (/unit_test/.test(type)) return 'Insomnia unit tests are scripts, which this app does not run'
  return `Insomnia's ${type} has no counterpart in a collection`
}

// ---- v5 --------------------------------------------------------------------------------------------------

export function importInsomniaV5(doc: unknown, file: string, report: ReportBuilder): Collection {
  if (!looksLikeInsomniaV5(doc)) throw new ImportError('import-invalid', `${file} is not an Insomnia v5 export.`, { file })
  const root = doc as Json
  const type = text(root.type)
  const version = /\.insomnia\.rest\/(\d+(?:\.\d+)?)/.exec(type)?.[1] ?? ''
  if (!/^5(\.\d+)?$/.test(version)) {
    throw new ImportError('import-unsupported-version', `${file} is an Insomnia ${type} file; this app reads Insomnia v5 (collection.insomnia.rest/5.0) and v4 JSON exports.`, { file })
  }
  if (!Array.isArray(root.collection)) {
    throw new ImportError('import-invalid', `${file} is an Insomnia ${type.split('/')[0]} file without requests (no "collection" list); export the collection itself.`, { file })
  }
  const environmentRoot = isRecord(root.environments) ? root.environments : {}
  const base = flatten(environmentRoot.data)
  const environments: Environment[] = list(environmentRoot.subEnvironments)
    .filter(isRecord)
    .map((env) => ({ name: itemName(env.name, 'Environment', report), variables: flatten(env.data) }))
  const ctx: Context = { report, variables: new Map([...base, ...environments.flatMap((env) => env.variables)].map((v) => [v.name, v.value])) }
  const meta = (node: Json) => (isRecord(node.meta) ? node.meta : {})
  const scriptsOf = (node: Json) => (isRecord(node.scripts) ? node.scripts : {})

  const walk = (nodes: unknown[], chain: string): CollectionItem[] => {
    const out: CollectionItem[] = []
    for (const node of bySortKey(nodes.filter(isRecord), (n) => meta(n).sortKey)) {
      if (Array.isArray(node.children)) {
        const name = itemName(node.name, 'Folder', report)
        const label = chain ? `${chain} / ${name}` : name
        const description = text(meta(node).description ?? node.description)
        const { docs } = scripts(description.trim() ? description : undefined, scriptsOf(node).preRequest, scriptsOf(node).afterResponse, label, ctx)
        out.push(folderItem(name, out.length + 1, folderDefaults(node, label, ctx), walk(node.children, label), docs))
        continue
      }
      if (node.url === undefined && node.method === undefined) {
        report.notMapped(chain ? `${chain} / ${text(node.name)}` : text(node.name, 'an item'), 'not imported: it is not an HTTP request (gRPC, WebSocket and MCP requests have no counterpart here)')
        continue
      }
      const settings = isRecord(node.settings) ? node.settings : {}
      const item = request(
        {
          name: node.name,
          method: node.method,
          url: node.url,
          description: meta(node).description ?? node.description,
          headers: node.headers,
          parameters: node.parameters,
          body: node.body,
          authentication: node.authentication,
          followRedirects: settings.followRedirects,
          preRequest: scriptsOf(node).preRequest,
          afterResponse: scriptsOf(node).afterResponse
        },
        out.length + 1,
        chain,
        ctx
      )
      if (item) out.push(item)
    }
    return out
  }
  const items = walk(root.collection, '')
  const name = itemName(root.name, file.replace(/\.ya?ml$/i, '') || 'Insomnia collection', report)
  const description = text(meta(root).description)
  return { root: '', name, version: '1.0.0', defaults: { ...emptyDefaults(), variables: base }, items, environments, ...(description.trim() ? { docs: description } : {}) }
}
