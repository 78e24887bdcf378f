// Relationship routes: /libraries/{id}/relationships/{rules|data_elements|extensions|environment} and
// /environments/{id}/relationships/host, answering with resource identifiers plus self/related links.
import { documentResponse, errorResponse, notFound } from '../jsonapi'
import { isVisible, type RouteInput } from '../context'
import type { SandboxResponse } from '../http-types'
import { typeOfId, type ResourceRecord, type ResourceType } from '../store'
import { ApiError, invalid, parseJson } from './body'
import { audit, now } from './create'

const LIBRARY_MANY: Record<string, ResourceType> = {
  rules: 'rules',
  data_elements: 'data_elements',
  extensions: 'extensions'
}

function identifiers(ids: string[]): { id: string; type: string }[] {
  return ids.map((id) => ({ id, type: typeOfId(id) ?? 'unknown' }))
}

export function relationshipRoute(input: RouteInput, record: ResourceRecord, name: string): SandboxResponse {
  const { req } = input
  const method = req.method === 'PUT' ? 'PATCH' : req.method
  const links = {
    related: `${req.baseUrl}/${record.type}/${record.id}/${name}`,
    self: `${req.baseUrl}/${record.type}/${record.id}/relationships/${name}`
  }
  if (record.type === 'environments' && name === 'host' && method === 'GET') {
    return documentResponse(200, { data: identifiers([String(record.rels.host)])[0], links })
  }
  if (record.type !== 'libraries') return notFound(req)
  if (name === 'environment') return environmentRoute(input, record, method, links)
  const relType = LIBRARY_MANY[name]
  if (!relType) return notFound(req)
  const current = (record.rels[name] as string[] | null) ?? []
  if (method === 'GET') return documentResponse(200, { data: identifiers(current), links })
  if (!['POST', 'PATCH', 'DELETE'].includes(method)) return notFound(req)
  assertEditable(input, record)
  const ids = readIdentifiers(input, record, relType)
  let next: string[]
  if (method === 'POST') next = [...current, ...ids.filter((id) => !current.includes(id))]
  else if (method === 'PATCH') next = [...new Set(ids)]
  else next = current.filter((id) => !ids.includes(id))
  record.rels[name] = next
  touch(input, record)
  return documentResponse(200, { data: identifiers(next), links })
}

function environmentRoute(
  input: RouteInput,
  library: ResourceRecord,
  method: string,
  links: { related: string; self: string }
): SandboxResponse {
  const { req, ctx } = input
  const currentId = typeof library.rels.environment === 'string' ? library.rels.environment : null
  if (method === 'GET') return documentResponse(200, { data: currentId ? identifiers([currentId])[0] : null, links })
  if (method === 'DELETE') {
    const previous = ctx.store.get(currentId ?? '')
    if (previous) previous.rels.library = null
    library.rels.environment = null
    touch(input, library)
    return documentResponse(200, { data: null, links })
  }
  // EL's libraries guide uses POST, the OpenAPI spec and SDK use PATCH: accept both.
  if (method !== 'POST' && method !== 'PATCH') return notFound(req)
  const json = parseJson(req) as { data?: { id?: unknown; type?: unknown } } | undefined
  const data = json?.data
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw invalid(req, 'libraries', '/data', 'Send {"data": {"id": "EN...", "type": "environments"}}.')
  }
  if (data.type !== 'environments') throw conflict(input, '/data/type', 'data.type must be "environments".')
  const environment = ctx.store.get(String(data.id))
  if (!environment || environment.type !== 'environments' || environment.rels.property !== library.rels.property) {
    throw invalid(req, 'libraries', '/data/id', `No environment with id ${String(data.id)} on this property.`)
  }
  const occupant = ctx.store.get(String(environment.rels.library))
  if (occupant && occupant.id !== library.id && environment.attributes.stage === 'development') {
    throw invalid(req, 'libraries', '/data/id', `Environment ${environment.id} already holds library ${occupant.id}.`, 'environment-in-use')
  }
  const previous = ctx.store.get(currentId ?? '')
  if (previous) previous.rels.library = null
  library.rels.environment = environment.id
  environment.rels.library = library.id
  touch(input, library)
  return documentResponse(200, { data: identifiers([environment.id])[0], links })
}

function assertEditable(input: RouteInput, library: ResourceRecord): void {
  if (library.attributes.state !== 'development') {
    throw invalid(
      input.req,
      'libraries',
      '/data',
      `Resources can only be added to or removed from a library in development (library is ${String(library.attributes.state)}).`,
      'read-only'
    )
  }
}

function readIdentifiers(input: RouteInput, library: ResourceRecord, relType: ResourceType): string[] {
  const { req, ctx, caller } = input
  const json = parseJson(req) as { data?: unknown } | undefined
  if (!json || !Array.isArray(json.data)) {
    throw invalid(req, 'libraries', '/data', `Send {"data": [{"id": "...", "type": "${relType}"}]}.`)
  }
  return json.data.map((item: unknown, index) => {
    const entry = (item ?? {}) as { id?: unknown; type?: unknown }
    if (entry.type !== relType) throw conflict(input, `/data/${index}/type`, `type must be "${relType}".`)
    const record = ctx.store.get(String(entry.id))
    if (!record || record.type !== relType || !isVisible(ctx.store, record, caller) || record.rels.property !== library.rels.property) {
      throw new ApiError(
        errorResponse(req, {
          status: 404,
          code: 'not-found',
          title: 'Record Not Found',
          detail: `No ${relType} with id ${String(entry.id)} on this library's property.`,
          pointer: `/data/${index}/id`
        })
      )
    }
    return record.id
  })
}

function conflict(input: RouteInput, pointer: string, detail: string): ApiError {
  return new ApiError(errorResponse(input.req, { status: 409, code: 'conflict', title: 'Conflict', detail, pointer }))
}

function touch(input: RouteInput, library: ResourceRecord): void {
  library.attributes.updated_at = now()
  library.attributes.build_required = true
  audit(input, library, 'updated')
}
