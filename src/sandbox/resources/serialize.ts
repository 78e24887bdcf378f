// Renders records into Adobe's JSON:API resource objects. Relationship names, which ones carry `data`, and
// which carry a `self` link follow the Experience League samples (tests/fixtures/reactor-samples) and the
// OpenAPI entity schemas.
import { typeOfId, type ResourceRecord, type ResourceType, type Store } from '../store'
import { publicCredentials } from './factories'

type RelKind =
  /** links.related only (to-many) */
  | 'related'
  /** links.related + data */
  | 'one'
  /** links.related + links.self + data (environment.host) */
  | 'one-self'
  /** links.related + links.self (library rules, data_elements, extensions) */
  | 'many-self'
  /** links.self + data (library.environment) */
  | 'self-one'
  /** data only (library.upstream_library) */
  | 'data-only'

interface RelDef {
  name: string
  kind: RelKind
}

const r = (name: string, kind: RelKind = 'related'): RelDef => ({ name, kind })

export const RELATIONSHIPS: Record<ResourceType, RelDef[]> = {
  companies: [r('properties')],
  properties: [
    r('company', 'one'),
    r('callbacks'),
    r('hosts'),
    r('environments'),
    r('libraries'),
    r('data_elements'),
    r('extensions'),
    r('rules'),
    r('notes')
  ],
  rules: [
    r('libraries'),
    r('revisions'),
    r('notes'),
    r('property', 'one'),
    r('origin', 'one'),
    r('rule_components')
  ],
  rule_components: [
    r('updated_with_extension_package', 'one'),
    r('updated_with_extension', 'one'),
    r('extension', 'one'),
    r('notes'),
    r('origin', 'one'),
    r('property', 'one'),
    r('rules')
  ],
  data_elements: [
    r('libraries'),
    r('revisions'),
    r('notes'),
    r('property', 'one'),
    r('origin', 'one'),
    r('extension', 'one'),
    r('updated_with_extension_package', 'one'),
    r('updated_with_extension', 'one')
  ],
  extensions: [
    r('libraries'),
    r('revisions'),
    r('notes'),
    r('property', 'one'),
    r('origin', 'one'),
    r('updated_with_extension_package', 'one'),
    r('extension_package', 'one')
  ],
  libraries: [
    r('builds'),
    r('environment', 'self-one'),
    r('data_elements', 'many-self'),
    r('extensions', 'many-self'),
    r('notes'),
    r('rules', 'many-self'),
    r('upstream_library', 'data-only'),
    r('property', 'one'),
    r('last_build', 'one')
  ],
  builds: [
    r('data_elements'),
    r('extensions'),
    r('rules'),
    r('environment', 'one'),
    r('library', 'one'),
    r('property', 'one')
  ],
  environments: [r('library', 'one'), r('builds'), r('host', 'one-self'), r('property', 'one')],
  hosts: [r('property', 'one')],
  callbacks: [r('property', 'one')],
  secrets: [r('property', 'one'), r('environment', 'one'), r('notes'), r('data_elements')],
  audit_events: [r('property', 'one'), r('entity', 'one')],
  notes: [r('resource', 'one')],
  app_configurations: [r('company', 'one')],
  extension_packages: [],
  // OpenAPI extensionPackagesCreateUsageAuthorizationResponse: related link + data, links.self only.
  extension_package_usage_authorizations: [r('extension_package', 'one')],
  users: []
}

/** Edge properties also expose their secrets. */
function relationshipsOf(record: ResourceRecord): RelDef[] {
  const defs = RELATIONSHIPS[record.type]
  if (record.type === 'properties' && record.attributes.platform === 'edge') return [...defs, r('secrets')]
  return defs
}

function ref(id: string | null | undefined): { id: string; type: ResourceType } | null {
  if (!id) return null
  const type = typeOfId(id)
  return type ? { id, type } : null
}

function one(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

type UrlFn = (path: string) => string

function links(record: ResourceRecord, url: UrlFn): Record<string, string> {
  const self = url(`/${record.type}/${record.id}`)
  const resourceLink = (rel: string): string | undefined => {
    const id = one(record.rels[rel])
    const type = id ? typeOfId(id) : undefined
    return id && type ? url(`/${type}/${id}`) : undefined
  }
  const out: Record<string, string | undefined> = {}
  switch (record.type) {
    case 'companies':
      return { self, properties: url(`/companies/${record.id}/properties`) }
    case 'properties': {
      const base = `/properties/${record.id}`
      Object.assign(out, {
        company: resourceLink('company'),
        data_elements: url(`${base}/data_elements`),
        environments: url(`${base}/environments`),
        extensions: url(`${base}/extensions`),
        rules: url(`${base}/rules`),
        self
      })
      break
    }
    case 'rules':
      Object.assign(out, {
        property: resourceLink('property'),
        origin: resourceLink('origin'),
        self,
        rule_components: url(`/rules/${record.id}/rule_components`)
      })
      break
    case 'rule_components':
      Object.assign(out, {
        extension: resourceLink('extension'),
        origin: resourceLink('origin'),
        rules: url(`/rule_components/${record.id}/rules`),
        self
      })
      break
    case 'data_elements':
      Object.assign(out, {
        property: resourceLink('property'),
        origin: resourceLink('origin'),
        self,
        extension: resourceLink('extension')
      })
      break
    case 'extensions':
      Object.assign(out, {
        property: resourceLink('property'),
        origin: resourceLink('origin'),
        self,
        extension_package: resourceLink('extension_package'),
        latest_extension_package: resourceLink('extension_package')
      })
      break
    case 'builds':
      Object.assign(out, { environment: resourceLink('environment'), library: resourceLink('library'), self })
      break
    case 'audit_events':
      Object.assign(out, { entity: resourceLink('entity'), property: resourceLink('property'), self })
      break
    case 'notes':
      Object.assign(out, { resource: resourceLink('resource'), self })
      break
    case 'app_configurations':
      Object.assign(out, { company: resourceLink('company'), self })
      break
    case 'secrets':
      Object.assign(out, { self, property: resourceLink('property') })
      break
    case 'extension_packages':
    case 'extension_package_usage_authorizations':
    case 'users':
      return { self }
    default:
      Object.assign(out, { property: resourceLink('property'), self })
  }
  return Object.fromEntries(Object.entries(out).filter((entry): entry is [string, string] => !!entry[1]))
}

export interface JsonApiResource {
  id: string
  type: string
  attributes: Record<string, unknown>
  relationships?: Record<string, unknown>
  links: Record<string, string>
  meta?: Record<string, unknown>
}

export function serialize(record: ResourceRecord, store: Store, baseUrl: string): JsonApiResource {
  const url: UrlFn = (path) => baseUrl + path
  const path = `/${record.type}/${record.id}`
  const relationships: Record<string, unknown> = {}
  for (const def of relationshipsOf(record)) {
    const related = url(`${path}/${def.name}`)
    const self = url(`${path}/relationships/${def.name}`)
    const data = () => ref(one(record.rels[def.name]))
    switch (def.kind) {
      case 'related':
        relationships[def.name] = { links: { related } }
        break
      case 'many-self':
        relationships[def.name] = { links: { related, self } }
        break
      case 'one':
        relationships[def.name] = { links: { related }, data: data() }
        break
      case 'one-self':
        relationships[def.name] = { links: { related, self }, data: data() }
        break
      case 'self-one':
        relationships[def.name] = { links: { self }, data: data() }
        break
      case 'data-only':
        relationships[def.name] = { data: data() }
        break
    }
  }
  if (record.type === 'secrets') {
    // Adobe reports the environment's stage on the secret's relationship (EL endpoints/secrets.md).
    const environment = store.get(one(record.rels.environment) ?? '')
    const rel = relationships.environment as Record<string, unknown>
    if (environment) rel.meta = { stage: environment.attributes.stage }
  }
  const out: JsonApiResource = {
    id: record.id,
    type: record.type,
    attributes: { ...record.attributes },
    links: links(record, url)
  }
  if (record.type === 'secrets') {
    // Whatever a record holds, only the non-sensitive credential fields are rendered (EL guides/secrets.md).
    out.attributes.credentials = publicCredentials(String(record.attributes.type_of), record.attributes.credentials)
  }
  if (RELATIONSHIPS[record.type].length > 0) out.relationships = relationships
  if (Object.keys(record.meta).length > 0) out.meta = structuredClone(record.meta)
  if (record.type === 'extension_packages' && out.meta) out.meta.archive_url = url(`${path}/archive`)
  // Put members in Adobe's order: id, type, attributes, relationships, links, meta.
  return {
    id: out.id,
    type: out.type,
    attributes: out.attributes,
    ...(out.relationships ? { relationships: out.relationships } : {}),
    links: out.links,
    ...(out.meta ? { meta: out.meta } : {})
  }
}

export function relationshipKind(type: ResourceType, name: string): RelKind | undefined {
  const def = RELATIONSHIPS[type].find((candidate) => candidate.name === name)
  if (def) return def.kind
  return type === 'properties' && name === 'secrets' ? 'related' : undefined
}
