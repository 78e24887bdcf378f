// JSON:API helpers shared by every Reactor route: error documents, pagination, filters and sorting with
// the semantics of Adobe's guides (EL guides/pagination.md, filtering.md, sorting.md, error-handling.md).
import { randomUUID } from 'node:crypto'
import { JSON_API_TYPE, jsonResponse, type SandboxRequest, type SandboxResponse } from './http-types'
import type { ResourceRecord } from './store'

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE_SIZE = 100

export interface ErrorInput {
  status: number
  code: string
  title: string
  detail?: string
  pointer?: string
}

export function errorObject(req: SandboxRequest, input: ErrorInput): Record<string, unknown> {
  return {
    id: randomUUID(),
    status: String(input.status),
    code: input.code,
    title: input.title,
    ...(input.detail ? { detail: input.detail } : {}),
    meta: { request_id: req.requestId },
    source: { pointer: input.pointer ?? '/data' }
  }
}

export function errorResponse(
  req: SandboxRequest,
  input: ErrorInput,
  headers: Record<string, string> = {}
): SandboxResponse {
  return jsonResponse(input.status, { errors: [errorObject(req, input)] }, JSON_API_TYPE, headers)
}

export function notFound(req: SandboxRequest, detail?: string): SandboxResponse {
  return errorResponse(req, { status: 404, code: 'not-found', title: 'Record Not Found', detail })
}

export function documentResponse(status: number, document: unknown): SandboxResponse {
  return jsonResponse(status, document, JSON_API_TYPE)
}

export interface Page {
  number: number
  size: number
}

export function parsePage(params: URLSearchParams): Page {
  const number = Number.parseInt(params.get('page[number]') ?? '', 10)
  const size = Number.parseInt(params.get('page[size]') ?? '', 10)
  return {
    number: Number.isFinite(number) && number > 0 ? number : 1,
    size: Number.isFinite(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE
  }
}

export interface Pagination {
  current_page: number
  next_page: number | null
  prev_page: number | null
  total_pages: number
  total_count: number
}

export function paginate<T>(items: T[], page: Page): { items: T[]; pagination: Pagination } {
  const totalPages = Math.ceil(items.length / page.size)
  const start = (page.number - 1) * page.size
  return {
    items: items.slice(start, start + page.size),
    pagination: {
      current_page: page.number,
      next_page: page.number < totalPages ? page.number + 1 : null,
      prev_page: page.number > 1 ? Math.min(page.number - 1, Math.max(totalPages, 1)) : null,
      total_pages: totalPages,
      total_count: items.length
    }
  }
}

type Operator = 'EQ' | 'NOT' | 'LT' | 'GT' | 'BETWEEN' | 'CONTAINS'

interface Clause {
  operator: Operator
  value: string
}

interface Filter {
  attribute: string
  operator: Operator
  clauses: Clause[]
}

const clausePattern = /^\s*(EQ|NOT|LT|GT|BETWEEN|CONTAINS)\s+(.*)$/

/**
 * Reads every `filter[attr]` parameter. Malformed values (no operator) are dropped, as Adobe ignores them;
 * when an attribute repeats only the last one counts. Values are comma separated and may repeat the operator
 * (`EQ web,EQ null`, as reactor-postman sends).
 */
export function parseFilters(params: URLSearchParams): Filter[] {
  const byAttribute = new Map<string, Filter>()
  for (const [key, raw] of params) {
    const attribute = /^filter\[([a-z_]+)\]$/.exec(key)?.[1]
    if (!attribute) continue
    const head = clausePattern.exec(raw)
    if (!head) {
      byAttribute.delete(attribute)
      continue
    }
    const operator = head[1] as Operator
    const clauses: Clause[] = []
    for (const part of (head[2] ?? '').split(',')) {
      const own = clausePattern.exec(part)
      clauses.push(own ? { operator: own[1] as Operator, value: own[2] ?? '' } : { operator, value: part.trim() })
    }
    if (operator === 'BETWEEN' && clauses.length !== 2) {
      byAttribute.delete(attribute)
      continue
    }
    byAttribute.set(attribute, { attribute, operator, clauses })
  }
  return [...byAttribute.values()]
}

function attributeValue(record: ResourceRecord, attribute: string): unknown {
  if (attribute === 'id') return record.id
  if (attribute === 'origin_id') return record.rels.origin ?? null
  return record.attributes[attribute]
}

function asText(value: unknown): string {
  return value === null || value === undefined ? 'null' : typeof value === 'string' ? value : JSON.stringify(value)
}

function compare(a: unknown, b: string): number {
  const left = asText(a)
  const numericLeft = Number(left)
  const numericRight = Number(b)
  if (left !== '' && b !== '' && Number.isFinite(numericLeft) && Number.isFinite(numericRight)) {
    return numericLeft - numericRight
  }
  return left < b ? -1 : left > b ? 1 : 0
}

function matchesClause(value: unknown, clause: Clause): boolean {
  switch (clause.operator) {
    case 'EQ':
      return asText(value) === clause.value
    case 'NOT':
      return asText(value) !== clause.value
    case 'LT':
      return value !== null && value !== undefined && compare(value, clause.value) < 0
    case 'GT':
      return value !== null && value !== undefined && compare(value, clause.value) > 0
    case 'CONTAINS':
      return asText(value).toLowerCase().includes(clause.value.toLowerCase())
    default:
      return false
  }
}

export function applyFilters(records: ResourceRecord[], params: URLSearchParams): ResourceRecord[] {
  const known = (attribute: string) =>
    attribute === 'id' || attribute === 'origin_id' || records.some((record) => attribute in record.attributes)
  // Filters on attributes these resources do not have are ignored like malformed ones.
  const filters = parseFilters(params).filter((filter) => known(filter.attribute))
  if (filters.length === 0) return records
  return records.filter((record) =>
    filters.every((filter) => {
      const value = attributeValue(record, filter.attribute)
      if (filter.operator === 'BETWEEN') {
        const [low, high] = filter.clauses as [Clause, Clause]
        return value !== null && value !== undefined && compare(value, low.value) >= 0 && compare(value, high.value) <= 0
      }
      // NOT excludes every listed value; the other operators accept any of them.
      return filter.clauses.every((clause) => clause.operator === 'NOT')
        ? filter.clauses.every((clause) => matchesClause(value, clause))
        : filter.clauses.some((clause) => matchesClause(value, clause))
    })
  )
}

/** `sort=+name,-created_at`; an unencoded `+` arrives as a space and a bare name sorts ascending. */
export function applySort(records: ResourceRecord[], sort: string | null): ResourceRecord[] {
  if (!sort) return records
  const keys = sort
    .split(',')
    .map((part) => {
      const trimmed = part.trim()
      const descending = trimmed.startsWith('-')
      const attribute = trimmed.replace(/^[-+]/, '')
      return { attribute, descending }
    })
    .filter((key) => /^[a-z_]+$/.test(key.attribute))
  if (keys.length === 0) return records
  return [...records].sort((a, b) => {
    for (const key of keys) {
      const left = attributeValue(a, key.attribute)
      const right = attributeValue(b, key.attribute)
      if (left === right) continue
      if (left === null || left === undefined) return key.descending ? 1 : -1
      if (right === null || right === undefined) return key.descending ? -1 : 1
      const order =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : String(left).localeCompare(String(right))
      if (order !== 0) return key.descending ? -order : order
    }
    return 0
  })
}

/** Top-level list links in Adobe's style (percent-encoded page params), used where Adobe sends them. */
export function listLinks(req: SandboxRequest, pagination: Pagination, size: number): Record<string, string> {
  const pageUrl = (number: number) => {
    const params = new URLSearchParams(req.url.searchParams)
    params.set('page[number]', String(number))
    params.set('page[size]', String(size))
    return `${req.baseUrl}${req.url.pathname}?${params.toString()}`
  }
  const links: Record<string, string> = { self: pageUrl(pagination.current_page) }
  if (pagination.next_page !== null) links.next = pageUrl(pagination.next_page)
  if (pagination.prev_page !== null) links.prev = pageUrl(pagination.prev_page)
  links.last = pageUrl(Math.max(pagination.total_pages, 1))
  return links
}
