// A collection generated from the request catalog (src/shared/catalog: every operation of Adobe's OpenAPI
// spec plus the documented ones it misses): one request per operation, with the catalog's sample body, the
// path's ids as `{{companyId}}`-style variables (the same names the starter collection chains through), and
// the operation id, so the app shows its docs and path pickers. Ids in sample bodies become variables too:
// Adobe's examples carry ids from Adobe's own org, which answer 404 anywhere else. A tag or the whole API.
import type { Collection, CollectionItem, Environment } from '../../../shared/collections/collection-model'
import { catalogGroups, type CatalogGroup, type CatalogOperation } from '../../../shared/catalog/catalog'
import { sampleBodyWithIds } from '../../../shared/catalog/sample-body'
import { REACTOR_ACCEPT, REACTOR_CONTENT_TYPE, requestSpec, type RequestBody } from '../../../shared/requests/request-spec'
import { ImportError } from './input-documents'
import { withFilePaths } from './item-paths'
import { emptyDefaults, folderItem, requestItem } from './model-builders'

/** `companies` → `companyId`, `data_elements` → `dataElementId`, `libraries` → `libraryId`. */
export function variableForResource(resourceType: string): string {
  const singular = resourceType.replace(/ies$/, 'y').replace(/s$/, '')
  return `${singular.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}Id`
}

export interface CatalogCollectionOptions {
  /** A catalog group (`Libraries`, case-insensitive); absent = the whole API, one folder per group. */
  tag?: string
  /** Environments to include (e.g. the Sandbox's ids). */
  environments?: Environment[]
}

/** `{DATA_ELEMENT_ID}` (the docs' placeholder) → `{{dataElementId}}`. */
function placeholderVariable(name: string): string {
  return `{{${name.toLowerCase().replace(/_id$/, '').replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}Id}}`
}

/**
 * A sample body with every resource id a variable: the docs' `{RULE_ID}` placeholders, and the ids of Adobe's
 * own examples (`"id": "EN867c…", "type": "environments"`), which no one else's org has.
 */
function withIdVariables(text: string): string {
  const replaced = text.replace(/\{([A-Z][A-Z0-9_]*_ID)\}/g, (_whole, name: string) => placeholderVariable(name))
  let doc: unknown
  try {
    doc = JSON.parse(replaced)
  } catch {
    return replaced
  }
  let changed = replaced !== text
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (!node || typeof node !== 'object') return node
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(node)) out[key] = visit(child)
    if (typeof out.type === 'string' && typeof out.id === 'string' && /^[A-Z]{2}[0-9a-f]{32}$/.test(out.id)) {
      out.id = `{{${variableForResource(out.type)}}}`
      changed = true
    }
    return out
  }
  const result = visit(doc)
  return changed ? JSON.stringify(result, null, 2) : text
}

function operationDocs(op: CatalogOperation): string {
  const parts = [`**${op.method} ${op.path}** — ${op.summary}`]
  if (op.deprecated) parts.push('> Deprecated in Adobe\'s API reference.')
  if (op.description.trim()) parts.push(op.description.trim())
  parts.push(`Answers ${op.successStatuses.join(' or ')} when it works.`)
  if (op.sourceNote) parts.push(op.sourceNote)
  return parts.join('\n\n')
}

function operationRequest(op: CatalogOperation) {
  const ids: Record<string, string> = {}
  for (const param of op.pathParams) ids[param.resourceType] = `{{${variableForResource(param.resourceType)}}}`
  const url = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const param = op.pathParams.find((p) => p.name === name)
    return `{{${param ? variableForResource(param.resourceType) : name}}}`
  })
  let body: RequestBody = { type: 'none' }
  if (op.bodyContentType?.startsWith('multipart/')) body = { type: 'multipart', parts: [{ kind: 'file', name: 'package', path: '', enabled: true }] }
  else if (op.sampleBody !== undefined || op.bodyContentType) body = { type: 'json', text: withIdVariables(sampleBodyWithIds(op, ids) ?? op.sampleBody ?? '') }
  const headers = [{ name: 'Accept', value: REACTOR_ACCEPT, enabled: true }]
  if (body.type === 'json') headers.push({ name: 'Content-Type', value: op.bodyContentType ?? REACTOR_CONTENT_TYPE, enabled: true })
  return requestSpec({
    name: op.summary || op.id,
    method: op.method,
    url,
    params: op.queryParams.map((param) => ({ name: param.name, value: param.default === undefined ? '' : String(param.default), enabled: param.required })),
    headers,
    body,
    reactor: { operationId: op.id }
  })
}

function groupItems(group: CatalogGroup): CollectionItem[] {
  return group.operations.map((op, index) => requestItem(operationRequest(op), index + 1, operationDocs(op)))
}

export function catalogCollection(options: CatalogCollectionOptions = {}): Collection {
  const environments = options.environments ?? []
  if (options.tag !== undefined) {
    const wanted = options.tag.trim().toLowerCase()
    const group = catalogGroups.find((candidate) => candidate.name.toLowerCase() === wanted)
    if (!group) {
      throw new ImportError('import-invalid', `The Reactor catalog has no group "${options.tag}". Groups: ${catalogGroups.map((g) => g.name).join(', ')}.`)
    }
    return withFilePaths({ root: '', name: `Reactor API: ${group.name}`, version: '1.0.0', defaults: emptyDefaults(), items: groupItems(group), environments, ...(group.description ? { docs: group.description } : {}) })
  }
  const items = catalogGroups.map((group, index) => folderItem(group.name, index + 1, emptyDefaults(), groupItems(group), group.description || undefined))
  return withFilePaths({
    root: '',
    name: 'Reactor API',
    version: '1.0.0',
    defaults: emptyDefaults(),
    items,
    environments,
    docs: 'Every operation of the Reactor API, generated from the request catalog. Path ids are variables ({{propertyId}}, {{ruleId}}, …): give them values in an environment, or pick them in the path pickers.'
  })
}
