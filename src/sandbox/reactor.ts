// The Reactor half of the sandbox: gateway checks, then routing by path shape:
//   /{collection}                       top-level lists (companies, audit_events, extension_packages)
//   /{type}/{id}                        GET / PATCH / DELETE
//   /{type}/{id}/{name}                 GET related resource(s) / POST create a child
//   /{type}/{id}/relationships/{name}   relationship objects
import { createHash } from 'node:crypto'
import { applyFilters, applySort, documentResponse, listLinks, notFound, paginate, parsePage } from './jsonapi'
import { isVisible, type ReactorContext, type RouteInput } from './context'
import { authenticate } from './reactor-auth'
import type { SandboxRequest, SandboxResponse } from './http-types'
import { typeOfId, type ResourceRecord, type ResourceType } from './store'
import { ApiError } from './resources/body'
import { CREATABLE, createResource } from './resources/create'
import {
  createAuthorization,
  deleteAuthorization,
  deletePackage,
  listAuthorizations,
  listablePackages,
  updateAuthorization,
  updatePackage,
  uploadPackage
} from './resources/extension-packages'
import { relationshipRoute } from './resources/relationships'
import { search } from './resources/search'
import { relationshipKind, serialize } from './resources/serialize'
import { deleteResource, updateResource } from './resources/update'

/** `{parentType}/{name}` -> [child type, relationship on the child that points back at the parent] */
const CHILDREN: Record<string, [ResourceType, string]> = {
  'companies/properties': ['properties', 'company'],
  'companies/app_configurations': ['app_configurations', 'company'],
  'rules/rule_components': ['rule_components', 'rules'],
  'rules/libraries': ['libraries', 'rules'],
  'data_elements/libraries': ['libraries', 'data_elements'],
  'extensions/libraries': ['libraries', 'extensions'],
  'rules/revisions': ['rules', 'origin'],
  'data_elements/revisions': ['data_elements', 'origin'],
  'extensions/revisions': ['extensions', 'origin'],
  'libraries/builds': ['builds', 'library'],
  'environments/builds': ['builds', 'environment'],
  'environments/secrets': ['secrets', 'environment'],
  'secrets/data_elements': ['data_elements', 'secrets']
}
for (const child of ['callbacks', 'hosts', 'environments', 'libraries', 'data_elements', 'extensions', 'rules', 'secrets', 'rule_components'] as const) {
  CHILDREN[`properties/${child}`] = [child, 'property']
}
for (const parent of ['properties', 'rules', 'rule_components', 'data_elements', 'extensions', 'libraries', 'secrets']) {
  CHILDREN[`${parent}/notes`] = ['notes', 'resource']
}

/** Lists that carry top-level `links` in Adobe's samples. */
const LISTS_WITH_LINKS = new Set(['/audit_events', '/extension_package_usage_authorizations'])

/** Deleted rules stay readable (EL endpoints/rules.md) but leave lists and refuse changes. */
const isDeleted = (record: ResourceRecord) => record.type === 'rules' && !!record.attributes.deleted_at

function listResponse(input: RouteInput, records: ResourceRecord[]): SandboxResponse {
  const { req, ctx } = input
  const params = req.url.searchParams
  const page = parsePage(params)
  const filtered = applySort(applyFilters(records, params), params.get('sort'))
  const { items, pagination } = paginate(filtered, page)
  const document: Record<string, unknown> = { data: items.map((record) => serialize(record, ctx.store, req.baseUrl)) }
  if (LISTS_WITH_LINKS.has(req.url.pathname)) document.links = listLinks(req, pagination, page.size)
  document.meta = { pagination }
  return documentResponse(200, document)
}

function single(input: RouteInput, record: ResourceRecord, status = 200): SandboxResponse {
  return documentResponse(status, { data: serialize(record, input.ctx.store, input.req.baseUrl) })
}

function profile(input: RouteInput): SandboxResponse {
  const { account } = input.caller
  const id = 'UR' + createHash('sha256').update(account.technicalAccountId).digest('hex').slice(0, 32)
  return documentResponse(200, {
    data: {
      id,
      type: 'users',
      attributes: {
        active_org: account.orgId,
        expires_in: 86400,
        display_name: `Sandbox ${account.scenario} integration`,
        job_function: 'Integration',
        email: account.technicalAccountId,
        organizations: {
          [account.orgId]: {
            name: 'Sandbox Demo Org',
            admin: false,
            active: true,
            login_companies: [],
            product_contexts: account.hasProductProfile ? ['dma_tartan'] : [],
            tenant_id: 'sandboxdemo'
          }
        }
      },
      links: { self: `${input.req.baseUrl}/profile` },
      meta: { rights: account.hasProductProfile ? ['develop_extensions', 'manage_properties'] : [] }
    }
  })
}

function related(input: RouteInput, record: ResourceRecord, name: string): SandboxResponse {
  const { req, ctx, caller } = input
  const visible = (records: ResourceRecord[]) => records.filter((candidate) => isVisible(ctx.store, candidate, caller))
  const value = record.rels[name]
  if (Array.isArray(value)) {
    return listResponse(input, visible(value.map((id) => ctx.store.get(id)).filter((r): r is ResourceRecord => !!r)))
  }
  const child = CHILDREN[`${record.type}/${name}`]
  if (child) {
    const children = visible(ctx.store.where(child[0], child[1], record.id))
    return listResponse(input, record.type === 'properties' ? children.filter((c) => !isDeleted(c)) : children)
  }
  if (record.type === 'rules' && name === 'rule_component_notes') {
    // The notes of every component of the rule (OpenAPI listRuleComponentNotes).
    const components = new Set(ctx.store.where('rule_components', 'rules', record.id).map((component) => component.id))
    return listResponse(input, visible(ctx.store.all('notes').filter((note) => components.has(String(note.rels.resource)))))
  }
  if (record.type === 'extension_packages' && name === 'versions') {
    const versions = ctx.store
      .all('extension_packages')
      .filter((pkg) => pkg.attributes.name === record.attributes.name && pkg.attributes.platform === record.attributes.platform)
    return listResponse(input, visible(versions))
  }
  if (record.type === 'extension_packages' && name === 'extension_package_usage_authorizations') {
    return listResponse(input, listAuthorizations(input, record))
  }
  const kind = relationshipKind(record.type, name)
  if (kind && kind !== 'related' && kind !== 'many-self') {
    const target = typeof value === 'string' ? ctx.store.get(value) : undefined
    // An empty to-one relationship answers 200 {"data": null} (JSON:API "Fetching Resources": null is the
    // response for a to-one related resource URL with nothing in the relationship).
    if (!target || !isVisible(ctx.store, target, caller)) return documentResponse(200, { data: null })
    return single(input, target)
  }
  return notFound(req)
}

function route(input: RouteInput): SandboxResponse {
  const { req, ctx, caller } = input
  const method = req.method
  const segments = req.url.pathname.replace(/\.json$/, '').split('/').filter(Boolean)
  const [first, id, third, fourth] = segments

  if (segments.length === 1) {
    if (first === 'heartbeat' && method === 'GET') return documentResponse(200, { status: 'ok' })
    if (first === 'profile' && method === 'GET') return profile(input)
    if (first === 'search' && method === 'POST') return search(input)
    if (first === 'companies' && method === 'GET') {
      const companies = ctx.store.all('companies').filter((company) => company.attributes.org_id === caller.account.orgId)
      // Adobe's getting-started guide: no companies -> 404, and the credential is still valid.
      if (companies.length === 0) return notFound(req, 'No companies were found for this organization.')
      return listResponse(input, companies)
    }
    if (first === 'audit_events' && method === 'GET') {
      return listResponse(input, ctx.store.all('audit_events').filter((event) => isVisible(ctx.store, event, caller)))
    }
    if (first === 'extension_packages' && method === 'GET') return listResponse(input, listablePackages(input))
    // OpenAPI createExtensionPackage: 202, processing continues asynchronously.
    if (first === 'extension_packages' && method === 'POST') return single(input, uploadPackage(input), 202)
    if (first === 'extension_package_usage_authorizations' && method === 'GET') return listResponse(input, listAuthorizations(input))
    return notFound(req)
  }

  const type = typeOfId(id ?? '')
  const record = id ? ctx.store.get(id) : undefined
  if (!type || type !== first || !record || !isVisible(ctx.store, record, caller)) return notFound(req)
  if (isDeleted(record) && method !== 'GET') return notFound(req, `Rule ${record.id} was deleted; it stays readable but cannot be changed.`)

  if (segments.length === 2) {
    if (method === 'GET') return single(input, record)
    if (record.type === 'extension_packages') {
      if (method === 'PATCH' || method === 'PUT' || method === 'POST') return single(input, updatePackage(input, record))
      if (method === 'DELETE') {
        deletePackage(input, record)
        return { status: 204 }
      }
    }
    if (record.type === 'extension_package_usage_authorizations') {
      if (method === 'PATCH' || method === 'PUT') return single(input, updateAuthorization(input, record))
      if (method === 'DELETE') {
        deleteAuthorization(input, record)
        return { status: 204 }
      }
      return notFound(req)
    }
    if (method === 'PATCH' || method === 'PUT') {
      const updated = updateResource(input, record)
      return single(input, updated)
    }
    if (method === 'DELETE') {
      deleteResource(input, record)
      return { status: 204 }
    }
    return notFound(req)
  }
  if (segments.length === 3 && third) {
    if (method === 'GET') return related(input, record, third)
    if (method === 'POST' && record.type === 'extension_packages' && third === 'extension_package_usage_authorizations') {
      return single(input, createAuthorization(input, record), 201)
    }
    const childType = CREATABLE[`${record.type}/${third}`]
    if (method === 'POST' && childType) return single(input, createResource(input, record, childType), 201)
    return notFound(req)
  }
  if (segments.length === 4 && third === 'relationships' && fourth) return relationshipRoute(input, record, fourth)
  return notFound(req)
}

export function handleReactor(req: SandboxRequest, ctx: ReactorContext): SandboxResponse {
  const caller = authenticate(req, ctx)
  if ('status' in caller) return caller
  ctx.store.settleDue()
  try {
    return route({ req, ctx, caller })
  } catch (error) {
    if (error instanceof ApiError) return error.response
    throw error
  }
}
