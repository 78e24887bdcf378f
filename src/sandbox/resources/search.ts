// POST /search (EL endpoints/search.md): field-path queries over the caller's resources, answered as
// `{data, meta: {total_hits}}` with results that carry no `meta` (meta is neither searchable nor returned).
import { documentResponse } from '../jsonapi'
import { isVisible, type RouteInput } from '../context'
import type { SandboxResponse } from '../http-types'
import type { ResourceRecord, ResourceType } from '../store'
import { serialize } from './serialize'
import { invalid, parseJson } from './body'

const SEARCHABLE: ResourceType[] = [
  'audit_events',
  'builds',
  'callbacks',
  'data_elements',
  'environments',
  'extension_packages',
  'extensions',
  'hosts',
  'libraries',
  'properties',
  'rule_components',
  'rules'
]
const EXACT_FIELDS = new Set(['id', 'type', 'name', 'delegate_descriptor_id', 'state', 'status', 'stage', 'platform', 'type_of'])

interface Condition {
  value?: unknown
  exists?: boolean
  range?: { gt?: number; gte?: number; lt?: number; lte?: number }
  value_operator?: 'AND' | 'OR'
}

function fieldValues(record: ResourceRecord, path: string): unknown[] {
  if (path === 'id') return [record.id]
  if (path === 'type') return [record.type]
  if (path === 'attributes.*') return Object.values(record.attributes)
  const attribute = /^attributes\.([a-z_]+)$/.exec(path)?.[1]
  if (attribute) return [record.attributes[attribute]]
  const rel = /^relationships\.([a-z_]+)\.data\.id$/.exec(path)?.[1]
  if (rel) {
    const value = record.rels[rel]
    return Array.isArray(value) ? value : [value]
  }
  return []
}

function matches(record: ResourceRecord, path: string, condition: Condition): boolean {
  const values = fieldValues(record, path).filter((value) => value !== null && value !== undefined)
  if (condition.exists !== undefined) return condition.exists === values.length > 0
  if (condition.range) {
    const { gt, gte, lt, lte } = condition.range
    return values.some(
      (value) =>
        typeof value === 'number' &&
        (gt === undefined || value > gt) &&
        (gte === undefined || value >= gte) &&
        (lt === undefined || value < lt) &&
        (lte === undefined || value <= lte)
    )
  }
  if (condition.value === undefined) return true
  const field = path.split('.').pop() ?? path
  const terms = String(condition.value).split(/\s+/).filter(Boolean)
  const test = (term: string) =>
    values.some((value) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value)
      if (EXACT_FIELDS.has(field)) {
        return field === 'delegate_descriptor_id' ? text.split('::').includes(term) || text === term : text === String(condition.value)
      }
      return text.toLowerCase().includes(term.toLowerCase())
    })
  return condition.value_operator === 'AND' ? terms.every(test) : terms.some(test)
}

export function search(input: RouteInput): SandboxResponse {
  const { req, ctx, caller } = input
  const json = parseJson(req) as { data?: Record<string, unknown> } | undefined
  const data = json?.data
  if (!data || typeof data !== 'object') throw invalid(req, 'rules', '/data', 'Send {"data": {"query": {...}}}.', 'invalid-attribute')
  const from = typeof data.from === 'number' && data.from >= 0 ? data.from : 0
  const size = typeof data.size === 'number' && data.size > 0 ? Math.min(data.size, 100) : 25
  const types = Array.isArray(data.resource_types)
    ? SEARCHABLE.filter((type) => (data.resource_types as unknown[]).includes(type))
    : SEARCHABLE
  const query = (data.query && typeof data.query === 'object' ? data.query : {}) as Record<string, Condition>
  let hits: ResourceRecord[] = []
  for (const type of types) {
    for (const record of ctx.store.all(type)) {
      if (!isVisible(ctx.store, record, caller)) continue
      if (Object.entries(query).every(([path, condition]) => matches(record, path, condition ?? {}))) hits.push(record)
    }
  }
  if (Array.isArray(data.sort)) {
    for (const spec of [...(data.sort as Record<string, string>[])].reverse()) {
      const [path, direction] = Object.entries(spec ?? {})[0] ?? []
      if (!path) continue
      const sign = direction === 'desc' ? -1 : 1
      hits = [...hits].sort((a, b) => sign * String(fieldValues(a, path)[0] ?? '').localeCompare(String(fieldValues(b, path)[0] ?? '')))
    }
  }
  const page = hits.slice(from, from + size).map((record) => {
    const { meta: _meta, ...rest } = serialize(record, ctx.store, req.baseUrl)
    return rest
  })
  return documentResponse(200, { data: page, meta: { total_hits: hits.length } })
}
