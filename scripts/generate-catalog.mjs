#!/usr/bin/env node
// Generates src/shared/catalog/reactor-catalog.generated.json from the Reactor OpenAPI spec in resources/ plus
// the documented operations the spec misses (reactor-api.md §4). Run by `npm run build` and `npm run catalog`;
// a unit test checks the committed file equals what this produces, so the catalog never drifts from the spec.
//   node scripts/generate-catalog.mjs          write the file if it changed
//   node scripts/generate-catalog.mjs --check  exit 1 if the committed file is out of date
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const SPEC_PATH = join(root, 'resources', 'reactor-openapi-3.1.yaml')
export const SAMPLES_DIR = join(root, 'resources', 'reactor-request-samples')
export const OUTPUT_PATH = join(root, 'src', 'shared', 'catalog', 'reactor-catalog.generated.json')

const METHODS = ['get', 'post', 'put', 'patch', 'delete']
const PAGE_PARAMS = new Set(['page[size]', 'page[number]'])
const SKIPPED_TAGS = new Set(['(NEW) Interactive API documentation'])

/** Singular relationship names -> their collection (for `{ID}` pickers and body `type`s). */
const SINGULAR = {
  company: 'companies', property: 'properties', environment: 'environments', host: 'hosts', library: 'libraries',
  extension: 'extensions', extension_package: 'extension_packages', origin: null, upstream_library: 'libraries',
  last_build: 'builds', profile: 'users'
}

/**
 * Operations documented by Adobe (SDK, Experience League, old reference, links in sample bodies) that the spec
 * lacks — reactor-api.md §4. Any that the spec does contain are skipped, so updating the spec cannot duplicate.
 */
const DOCUMENTED = [
  ['GET', '/heartbeat', 'Health check', 'Reactor SDK (`heartbeat`) only; not in the OpenAPI spec or the docs [unconfirmed elsewhere].'],
  ['POST', '/properties/{PROPERTY_ID}/rule_components', 'Create a rule component', 'Current create route: Reactor SDK, Experience League `rule-components.md`, old reference, reactor-postman; not in the OpenAPI spec (which only has the deprecated `POST /rules/{RULE_ID}/rule_components`).'],
  ['GET', '/rule_components/{RULE_COMPONENT_ID}/updated_with_extension', 'Retrieve the updated extension of a rule component', 'Old reference and `links` in sample bodies; not in the OpenAPI spec.'],
  ['GET', '/rule_components/{RULE_COMPONENT_ID}/updated_with_extension_package', 'Retrieve the updated extension package of a rule component', 'Old reference and `links` in sample bodies; not in the OpenAPI spec.'],
  ['DELETE', '/data_elements/{DATA_ELEMENT_ID}', 'Delete a data element', 'Reactor SDK, Experience League `data-elements.md`, old reference (204); not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/extension', 'Retrieve the extension of a data element', 'Reactor SDK, old reference, sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/libraries', 'List the libraries of a data element', 'Reactor SDK, old reference, sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/origin', 'Retrieve the origin (head revision) of a data element', 'Reactor SDK, old reference, sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/property', 'Retrieve the property of a data element', 'Reactor SDK, old reference, sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/revisions', 'List the revisions of a data element', 'Reactor SDK, old reference, sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/updated_with_extension', 'Retrieve the updated extension of a data element', 'Old reference and sample `links`; not in the OpenAPI spec.'],
  ['GET', '/data_elements/{DATA_ELEMENT_ID}/updated_with_extension_package', 'Retrieve the updated extension package of a data element', 'Old reference and sample `links`; not in the OpenAPI spec.'],
  ['GET', '/extensions/{EXTENSION_ID}/updated_with_extension_package', 'Retrieve the updated extension package of an extension', 'Old reference; not in the OpenAPI spec.'],
  ['DELETE', '/extension_packages/{EXTENSION_PACKAGE_ID}', 'Delete an extension package', 'Old reference only [unconfirmed]; not in the OpenAPI spec.'],
  ['GET', '/libraries/{LIBRARY_ID}/last_build', 'Retrieve the last build of a library', 'Appears as a relationship link in sample bodies; not in the OpenAPI spec.'],
  ['POST', '/libraries/{LIBRARY_ID}/relationships/environment', 'Assign an environment to a library (POST form)', 'As written in Experience League `libraries.md`; the OpenAPI spec and the SDK use PATCH for the same change.'],
  ['GET', '/builds/{BUILD_ID}/data_elements', 'List the data elements of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/builds/{BUILD_ID}/extensions', 'List the extensions of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/builds/{BUILD_ID}/rules', 'List the rules of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/builds/{BUILD_ID}/environment', 'Retrieve the environment of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/builds/{BUILD_ID}/library', 'Retrieve the library of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/builds/{BUILD_ID}/property', 'Retrieve the property of a build', 'Reactor SDK, Experience League `builds.md`, old reference; not in the OpenAPI spec.'],
  ['GET', '/callbacks/{CALLBACK_ID}/property', 'Retrieve the property of a callback', 'Reactor SDK, old reference; not in the OpenAPI spec.'],
  ['GET', '/libraries/{LIBRARY_ID}/relationships/data_elements', 'List the data element relationships of a library', 'Reactor SDK, Experience League `libraries.md`.'],
  ['GET', '/libraries/{LIBRARY_ID}/relationships/extensions', 'List the extension relationships of a library', 'Reactor SDK, Experience League `libraries.md`.'],
  ['GET', '/libraries/{LIBRARY_ID}/relationships/rules', 'List the rule relationships of a library', 'Reactor SDK, Experience League `libraries.md`.'],
  ['GET', '/libraries/{LIBRARY_ID}/relationships/environment', 'Retrieve the environment relationship of a library', 'Reactor SDK.'],
  ['DELETE', '/libraries/{LIBRARY_ID}/relationships/environment', 'Remove the environment from a library', 'Reactor SDK, Experience League `libraries.md`.'],
  ['DELETE', '/libraries/{LIBRARY_ID}/relationships/extensions', 'Remove extensions from a library', 'Reactor SDK, Experience League `libraries.md`.']
]

/** Request bodies from Adobe's docs (files in resources/reactor-request-samples), by operation. */
const SAMPLE_FILES = {
  'POST /companies/{COMPANY_ID}/properties': 'reactor_POST_companies_COMPANY_ID_properties_request.json',
  'PATCH /properties/{PROPERTY_ID}': 'reactor_PATCH_properties_PROPERTY_ID_request.json',
  'PATCH /rules/{RULE_ID}': 'reactor_PATCH_rules_RULE_ID_request.json',
  'POST /properties/{PROPERTY_ID}/rules': 'reactor_POST_properties_PROPERTY_ID_rules_request.json',
  'POST /properties/{PROPERTY_ID}/libraries': 'reactor_POST_properties_PROPERTY_ID_libraries_request.json',
  'POST /libraries/{LIBRARY_ID}/relationships/data_elements': 'reactor_POST_libraries_LIBRARY_ID_relationships_data_elements_request.json',
  'PATCH /libraries/{LIBRARY_ID}/relationships/environment': 'reactor_libraries_LIBRARY_ID_relationships_environment_request.json',
  'POST /libraries/{LIBRARY_ID}/relationships/environment': 'reactor_libraries_LIBRARY_ID_relationships_environment_request.json',
  'PATCH /libraries/{LIBRARY_ID}': 'reactor_PATCH_libraries_LIBRARY_ID_transition_submit_request.json'
}

/** The current rule-component create (docs only) takes the deprecated route's body plus the rule relationship. */
const RULE_COMPONENT_CREATE_FROM = 'POST /rules/{RULE_ID}/rule_components'

function literalSegments(path) {
  return path.split('/').filter((part) => part && !part.startsWith('{'))
}

function collectionOf(segment) {
  if (segment in SINGULAR) return SINGULAR[segment] ?? undefined
  return segment
}

/** `{RULE_ID}` for rules, `{LIBRARY_ID}` for libraries: the placeholder a user replaces with a picked id. */
function placeholderFor(collection) {
  if (!collection) return undefined
  const singular = collection.endsWith('ies') ? `${collection.slice(0, -3)}y` : collection.replace(/s$/, '')
  return `{${singular.toUpperCase()}_ID}`
}

function tagKey(tag) {
  return tag.toLowerCase().replace(/\s+/g, '_')
}

/** The resource an operation is about: the last literal segment (`relationships` skipped), as a collection. */
function resourceOf(path) {
  const parts = literalSegments(path).filter((part) => part !== 'relationships')
  return collectionOf(parts[parts.length - 1] ?? '')
}

export function buildCatalog(specText, readSample) {
  const spec = parse(specText)
  const tagDescriptions = new Map()
  const tagOrder = []
  for (const tag of spec.tags ?? []) {
    if (SKIPPED_TAGS.has(tag.name)) continue
    tagDescriptions.set(tag.name, tag.description ?? '')
    tagOrder.push(tag.name)
  }
  const tagByKey = new Map(tagOrder.map((tag) => [tagKey(tag), tag]))
  tagByKey.set('extension_package_usage_authorizations', 'Extension package usage authorization')
  tagByKey.set('users', 'Profiles')
  tagByKey.set('profile', 'Profiles')
  tagByKey.set('search', 'Search')

  const resolveRef = (node) => {
    let current = node
    for (let i = 0; current && current.$ref && i < 20; i++) {
      const parts = current.$ref.replace(/^#\//, '').split('/')
      current = parts.reduce((value, key) => value?.[key], spec)
    }
    return current
  }

  /** A starting body from a schema: example > default > enum > a typed placeholder (`type`/`id` from the path). */
  const sampleFrom = (schemaNode, ctx, depth = 0, key = '') => {
    const schema = resolveRef(schemaNode)
    if (!schema || depth > 12) return undefined
    if (schema.allOf) {
      let merged
      for (const part of schema.allOf) merged = mergeSamples(merged, sampleFrom(part, ctx, depth + 1, key))
      const own = { ...schema, allOf: undefined }
      if (own.properties || own.type) merged = mergeSamples(merged, sampleFrom(own, ctx, depth + 1, key))
      return merged
    }
    if (schema.example !== undefined) return schema.example
    if (key === 'type' && ctx.resourceType) return ctx.resourceType
    if (key === 'id' && ctx.idPlaceholder) return ctx.idPlaceholder
    if (schema.default !== undefined) return schema.default
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
    if (type === 'object' || schema.properties) {
      const out = {}
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        // Under `relationships`, each member names the related collection: its data gets that type and an id placeholder.
        const related = key === 'relationships' ? collectionOf(name) : undefined
        const childCtx = related ? { resourceType: related, idPlaceholder: placeholderFor(related) } : ctx
        const value = sampleFrom(child, childCtx, depth + 1, name)
        if (value !== undefined) out[name] = value
      }
      return out
    }
    if (type === 'array') {
      const item = sampleFrom(schema.items, ctx, depth + 1, key)
      return item === undefined ? [] : [item]
    }
    if (type === 'integer' || type === 'number') return schema.minimum ?? 0
    if (type === 'boolean') return false
    if (type === 'string') return schema.format === 'date-time' ? '2024-01-01T00:00:00.000Z' : ''
    return undefined
  }

  const operations = []
  const seen = new Set()
  const ids = new Set()

  const groupFor = (path, method, tags) => {
    const resource = resourceOf(path)
    const byResource = tagByKey.get(resource)
    if (tags.length === 0) {
      // Documented-only operations: a create under a parent belongs to the child; anything else to the first segment.
      const first = collectionOf(literalSegments(path)[0] ?? '')
      const parts = path.split('/').filter(Boolean)
      const createUnderParent = method === 'POST' && parts.length === 3 && !parts[2].startsWith('{')
      return (createUnderParent ? byResource : tagByKey.get(first)) ?? byResource ?? 'Service'
    }
    if (byResource && tags.includes(byResource)) return byResource
    return tags[tags.length - 1]
  }

  const pathParamsOf = (path, specParams) => {
    const out = []
    const parts = path.split('/')
    parts.forEach((part, index) => {
      const match = /^\{(.+)\}$/.exec(part)
      if (!match) return
      const name = match[1]
      const fromSpec = specParams.find((p) => p.in === 'path' && p.name === name)
      const collection = collectionOf(parts[index - 1] ?? '') ?? ''
      out.push({
        name,
        description: fromSpec?.description ?? `The ID of the ${collection.replace(/_/g, ' ').replace(/s$/, '')}.`,
        required: true,
        type: 'string',
        resourceType: collection
      })
    })
    return out
  }

  const paramInfo = (p) => {
    const schema = resolveRef(p.schema) ?? {}
    const info = { name: p.name, description: p.description ?? '', required: Boolean(p.required) }
    if (schema.type) info.type = Array.isArray(schema.type) ? schema.type[0] : schema.type
    if (schema.default !== undefined) info.default = schema.default
    if (schema.maximum !== undefined) info.maximum = schema.maximum
    if (Array.isArray(schema.enum)) info.enum = schema.enum.map(String)
    return info
  }

  const sampleText = (method, path, fallback) => {
    const file = SAMPLE_FILES[`${method} ${path}`]
    if (file) {
      const text = readSample(file)
      if (text !== undefined) return { text: `${JSON.stringify(JSON.parse(text), null, 2)}`, fromDocs: true }
    }
    return fallback === undefined ? undefined : { text: JSON.stringify(fallback, null, 2), fromDocs: false }
  }

  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const shared = (item.parameters ?? []).map(resolveRef)
    for (const lower of METHODS) {
      const op = item[lower]
      if (!op) continue
      const method = lower.toUpperCase()
      seen.add(`${method} ${path}`)
      const params = [...shared, ...(op.parameters ?? []).map(resolveRef)].filter(Boolean)
      const query = params.filter((p) => p.in === 'query')
      const paginated = query.some((p) => PAGE_PARAMS.has(p.name))
      const queryParams = query.filter((p) => PAGE_PARAMS.has(p.name)).map(paramInfo)
      const filters = query
        .filter((p) => !PAGE_PARAMS.has(p.name))
        .map((p) => ({ attribute: p.name, param: `filter[${p.name}]`, description: p.description ?? '' }))
      if (paginated) {
        queryParams.push({ name: 'sort', description: 'Sort by one or more attributes: `+name` ascending, `-name` descending, comma separated (reactor-api.md §3.6).', required: false, type: 'string' })
      }
      if (method === 'GET' && path === '/extension_packages') {
        queryParams.push({ name: 'max_availability', description: 'Include packages up to this availability, e.g. `private` (reactor-postman, Reactor SDK; not in the spec).', required: false, type: 'string', enum: ['development', 'private', 'public'] })
      }
      const tags = (op.tags ?? []).filter((tag) => !SKIPPED_TAGS.has(tag))
      const content = op.requestBody ? resolveRef(op.requestBody).content ?? {} : {}
      const [bodyContentType, media] = Object.entries(content)[0] ?? []
      const resourceType = resourceOf(path)
      const idName = path.match(/\{([^}]+)\}$/)?.[1]
      let sample
      if (media && bodyContentType !== 'multipart/form-data') {
        const relationshipOp = path.includes('/relationships/')
        const ctx = {
          resourceType: resourceType === 'users' ? undefined : resourceType,
          idPlaceholder: relationshipOp ? placeholderFor(resourceType) : method === 'PATCH' && idName ? `{${idName}}` : undefined
        }
        sample = sampleText(method, path, sampleFrom(media.schema, ctx))
      }
      let id = op.operationId ?? `${method.toLowerCase()}:${path}`
      if (ids.has(id)) id = `${id}:${method.toLowerCase()}:${path}`
      ids.add(id)
      const deprecated = Boolean(op.deprecated) || (method === 'POST' && path === '/rules/{RULE_ID}/rule_components')
      operations.push({
        id,
        method,
        path,
        group: groupFor(path, method, tags),
        tags,
        summary: op.summary ?? `${method} ${path}`,
        description: op.description ?? '',
        pathParams: pathParamsOf(path, params),
        queryParams,
        filters,
        paginated,
        ...(bodyContentType ? { bodyContentType } : {}),
        ...(sample ? { sampleBody: sample.text } : {}),
        bodyRequired: Boolean(op.requestBody && resolveRef(op.requestBody).required),
        successStatuses: Object.keys(op.responses ?? {}).filter((code) => /^2\d\d$/.test(code)).map(Number),
        source: 'openapi',
        ...(deprecated
          ? { sourceNote: 'Deprecated by Adobe (Reactor SDK api-delta: "DEPRECATE createRuleComponent (the old version)"); use POST /properties/{PROPERTY_ID}/rule_components.' }
          : sample?.fromDocs
            ? { sourceNote: 'Sample body from the Experience League endpoint docs.' }
            : {}),
        deprecated
      })
    }
  }

  const specCount = operations.length
  for (const [method, path, summary, note] of DOCUMENTED) {
    if (seen.has(`${method} ${path}`)) continue
    seen.add(`${method} ${path}`)
    const list = method === 'GET' && /\/(libraries|rules|data_elements|extensions|revisions)$/.test(path)
    let sample
    if (method === 'POST' && path === '/properties/{PROPERTY_ID}/rule_components') {
      const from = operations.find((op) => `${op.method} ${op.path}` === RULE_COMPONENT_CREATE_FROM)
      const body = from?.sampleBody ? JSON.parse(from.sampleBody) : { data: { type: 'rule_components', attributes: {} } }
      body.data.relationships = { ...(body.data.relationships ?? {}), rules: { data: [{ id: '{RULE_ID}', type: 'rules' }] } }
      sample = { text: JSON.stringify(body, null, 2) }
    } else if (method !== 'GET' && method !== 'DELETE') {
      sample = sampleText(method, path, undefined)
    } else if (method === 'DELETE' && path.endsWith('/relationships/extensions')) {
      sample = { text: JSON.stringify({ data: [{ id: '{EXTENSION_ID}', type: 'extensions' }] }, null, 2) }
    }
    operations.push({
      id: `${method.toLowerCase()}:${path}`,
      method,
      path,
      group: groupFor(path, method, []),
      tags: [],
      summary,
      description: `${summary}. ${note}`,
      pathParams: pathParamsOf(path, []),
      queryParams: list
        ? [
            { name: 'page[size]', description: 'Results per page (max 100).', required: false, type: 'integer', default: 25, maximum: 100 },
            { name: 'page[number]', description: 'The page to return.', required: false, type: 'integer', default: 1 }
          ]
        : [],
      filters: [],
      paginated: list,
      ...(sample ? { bodyContentType: 'application/vnd.api+json', sampleBody: sample.text } : {}),
      bodyRequired: Boolean(sample) && method !== 'DELETE',
      successStatuses: method === 'DELETE' ? [204] : method === 'POST' && !path.includes('/relationships/') ? [201] : [200],
      source: 'docs',
      sourceNote: note,
      deprecated: false
    })
  }

  const groups = []
  const groupNames = [...tagOrder, ...new Set(operations.map((op) => op.group).filter((name) => !tagOrder.includes(name)))]
  for (const name of groupNames) {
    const ops = operations.filter((op) => op.group === name)
    if (ops.length === 0) continue
    groups.push({ name, description: tagDescriptions.get(name) ?? 'Operations documented outside the OpenAPI spec.', operations: ops })
  }
  return {
    generatedFrom: `${spec.info?.title ?? 'Reactor API'} ${spec.info?.version ?? ''}`.trim(),
    specSha256: createHash('sha256').update(specText).digest('hex'),
    groups,
    counts: { operations: operations.length, fromSpec: specCount, added: operations.length - specCount }
  }
}

function mergeSamples(a, b) {
  if (a === undefined) return b
  if (b === undefined) return a
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out = { ...a }
    for (const [key, value] of Object.entries(b)) out[key] = mergeSamples(a[key], value)
    return out
  }
  return b
}

export function generateCatalogText() {
  const specText = readFileSync(SPEC_PATH, 'utf8')
  const files = new Set(readdirSync(SAMPLES_DIR))
  const readSample = (name) => (files.has(name) ? readFileSync(join(SAMPLES_DIR, name), 'utf8') : undefined)
  return `${JSON.stringify(buildCatalog(specText, readSample), null, 1)}\n`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = generateCatalogText()
  let current = ''
  try {
    current = readFileSync(OUTPUT_PATH, 'utf8')
  } catch {
    // first run
  }
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('src/shared/catalog/reactor-catalog.generated.json is out of date: run `npm run catalog`.')
      process.exit(1)
    }
    console.log('catalog up to date')
  } else if (current !== text) {
    writeFileSync(OUTPUT_PATH, text)
    const counts = JSON.parse(text).counts
    console.log(`catalog: ${counts.operations} operations (${counts.fromSpec} from the spec, ${counts.added} documented elsewhere)`)
  }
}
