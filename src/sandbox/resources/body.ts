// Request-body parsing and the validation errors Reactor answers with (409 for id/type conflicts, 422 for
// invalid attributes, as JSON:API prescribes; Adobe documents the codes but not these statuses).
import { errorResponse } from '../jsonapi'
import type { SandboxRequest, SandboxResponse } from '../http-types'
import type { ResourceType } from '../store'

export class ApiError extends Error {
  constructor(readonly response: SandboxResponse) {
    super('api error')
  }
}

export interface ResourceBody {
  id?: unknown
  type?: unknown
  attributes: Record<string, unknown>
  relationships: Record<string, unknown>
  meta: Record<string, unknown>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseJson(req: SandboxRequest): unknown {
  if (req.body.length === 0) return undefined
  try {
    return JSON.parse(req.body.toString('utf8'))
  } catch {
    throw new ApiError(
      errorResponse(req, { status: 400, code: 'invalid-json', title: 'Bad Request', detail: 'The request body is not valid JSON.' })
    )
  }
}

export function readResourceBody(req: SandboxRequest, expectedType: ResourceType, optional = false): ResourceBody {
  const json = parseJson(req)
  if (json === undefined && optional) return { attributes: {}, relationships: {}, meta: {} }
  const data = isObject(json) ? json.data : undefined
  if (!isObject(data)) {
    throw new ApiError(
      errorResponse(req, {
        status: 422,
        code: 'invalid-attribute',
        title: 'Unprocessable Entity',
        detail: 'The request body must be a JSON:API document with a "data" object.',
        pointer: '/data'
      })
    )
  }
  if (data.type !== expectedType) {
    throw new ApiError(
      errorResponse(req, {
        status: 409,
        code: 'conflict',
        title: 'Conflict',
        detail: `data.type must be "${expectedType}" (got ${JSON.stringify(data.type ?? null)}).`,
        pointer: '/data/type'
      })
    )
  }
  return {
    id: data.id,
    type: data.type,
    attributes: isObject(data.attributes) ? data.attributes : {},
    relationships: isObject(data.relationships) ? data.relationships : {},
    meta: isObject(data.meta) ? data.meta : {}
  }
}

/**
 * The body of an update (PATCH): "its ID must be provided in both the request path and the request payload.
 * These IDs must match" (Reactor OpenAPI) — a mismatch is a 409 conflict.
 */
export function readUpdateBody(req: SandboxRequest, expectedType: ResourceType, pathId: string): ResourceBody {
  const body = readResourceBody(req, expectedType)
  if (body.id !== pathId) {
    throw new ApiError(
      errorResponse(req, {
        status: 409,
        code: 'conflict',
        title: 'Conflict',
        detail: `data.id (${JSON.stringify(body.id ?? null)}) must match the id in the path (${pathId}).`,
        pointer: '/data/id'
      })
    )
  }
  return body
}

const specificCodes: Partial<Record<ResourceType, string>> = {
  rules: 'invalid-rule',
  data_elements: 'invalid-data_element',
  extensions: 'invalid-extension'
}

export function invalid(
  req: SandboxRequest,
  type: ResourceType,
  pointer: string,
  detail: string,
  code = specificCodes[type] ?? 'invalid-attribute'
): ApiError {
  return new ApiError(errorResponse(req, { status: 422, code, title: 'Unprocessable Entity', detail, pointer }))
}

export function requireString(req: SandboxRequest, type: ResourceType, attributes: Record<string, unknown>, name: string): string {
  const value = attributes[name]
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(req, type, `/data/attributes/${name}`, `${name} is required and must be a non-empty string.`)
  }
  return value
}

export function requireOneOf<T extends string>(
  req: SandboxRequest,
  type: ResourceType,
  attributes: Record<string, unknown>,
  name: string,
  allowed: readonly T[]
): T {
  const value = attributes[name]
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(req, type, `/data/attributes/${name}`, `${name} must be one of: ${allowed.join(', ')}.`)
  }
  return value as T
}

/** Settings travel as JSON strings; anything else is Adobe's `invalid-settings-syntax`. */
export function optionalSettings(req: SandboxRequest, type: ResourceType, attributes: Record<string, unknown>): string | null | undefined {
  const settings = attributes.settings
  if (settings === undefined || settings === null) return settings
  if (typeof settings === 'string') {
    try {
      JSON.parse(settings)
      return settings
    } catch {
      // fall through to the error
    }
  }
  throw invalid(req, type, '/data/attributes/settings', 'settings must be a JSON object encoded as a string.', 'invalid-settings-syntax')
}

/** The id of a to-one relationship in a request body (`relationships.<name>.data.id`). */
export function relationshipId(body: ResourceBody, name: string): string | undefined {
  const rel = body.relationships[name]
  const data = isObject(rel) ? rel.data : undefined
  return isObject(data) && typeof data.id === 'string' ? data.id : undefined
}

/** The ids of a to-many relationship in a request body. */
export function relationshipIds(body: ResourceBody, name: string): string[] | undefined {
  const rel = body.relationships[name]
  const data = isObject(rel) ? rel.data : undefined
  if (!Array.isArray(data)) return undefined
  return data.filter(isObject).map((item) => String(item.id))
}

export function pick(attributes: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => attributes[name] !== undefined).map((name) => [name, attributes[name]]))
}
