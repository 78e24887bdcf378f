// Reactor query conventions (reactor-api.md §3.4–3.6) as rows the builder edits. Rows hold the decoded
// text (`filter[name]` = `EQ web`); main percent-encodes every component when it sends, so `+name`
// reaches Reactor as `%2Bname` and never as a space.

export const FILTER_OPERATORS = ['EQ', 'NOT', 'LT', 'GT', 'BETWEEN', 'CONTAINS'] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

export interface QueryRowDraft {
  id: string
  name: string
  value: string
  enabled: boolean
}

let rowCounter = 0
export function rowId(): string {
  rowCounter += 1
  return `r${rowCounter}`
}

export function newRow(name = '', value = '', enabled = true): QueryRowDraft {
  return { id: rowId(), name, value, enabled }
}

export function filterParam(attribute: string): string {
  return `filter[${attribute}]`
}

/** `EQ web`, `BETWEEN 2020-01-01,2021-01-01`; several values are comma-separated (`EQ web,EQ null` style lists). */
export function filterValue(operator: FilterOperator, value: string, second?: string): string {
  if (operator === 'BETWEEN') return `BETWEEN ${value.trim()},${(second ?? '').trim()}`
  return `${operator} ${value}`
}

/** Reverse of filterValue, for rows typed by hand or opened from a link. */
export function parseFilterValue(text: string): { operator: FilterOperator; value: string; second?: string } | undefined {
  const match = /^(EQ|NOT|LT|GT|BETWEEN|CONTAINS)\s(.*)$/s.exec(text)
  if (!match) return undefined
  const operator = match[1] as FilterOperator
  if (operator === 'BETWEEN') {
    const [first, second] = match[2]!.split(',')
    return { operator, value: first ?? '', second: second ?? '' }
  }
  return { operator, value: match[2]! }
}

export function isFilterParam(name: string): string | undefined {
  return /^filter\[([^\]]+)\]$/.exec(name)?.[1]
}

export interface SortKey {
  attribute: string
  descending: boolean
}

/** `+name,-updated_at` -> keys; a bare `name` is ascending (what reactor-postman sends). */
export function parseSort(text: string): SortKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ attribute: part.replace(/^[+-]/, ''), descending: part.startsWith('-') }))
}

export function formatSort(keys: readonly SortKey[]): string {
  return keys.map((key) => `${key.descending ? '-' : '+'}${key.attribute}`).join(',')
}

/** Sets (or adds) the single row named `name`; an empty value removes it. Returns a new array. */
export function upsertRow(rows: readonly QueryRowDraft[], name: string, value: string): QueryRowDraft[] {
  const index = rows.findIndex((row) => row.name === name)
  if (value === '') return rows.filter((row) => row.name !== name)
  if (index < 0) return [...rows, newRow(name, value)]
  return rows.map((row, i) => (i === index ? { ...row, value, enabled: true } : row))
}

export function rowValue(rows: readonly QueryRowDraft[], name: string): string | undefined {
  return rows.find((row) => row.name === name && row.enabled)?.value
}

/** The query string exactly as main will send it (encodeURIComponent on both sides of `=`). */
export function encodeQueryPreview(rows: ReadonlyArray<{ name: string; value: string; enabled?: boolean }>): string {
  return rows
    .filter((row) => row.enabled !== false && row.name !== '')
    .map((row) => `${encodeURIComponent(row.name)}=${encodeURIComponent(row.value)}`)
    .join('&')
}

/** Splits `https://host/path?a=1&filter%5Bx%5D=EQ%20y` into a URL without query and decoded rows. */
export function splitUrlQuery(url: string): { url: string; rows: QueryRowDraft[] } {
  const at = url.indexOf('?')
  if (at < 0) return { url, rows: [] }
  const rows: QueryRowDraft[] = []
  for (const part of url.slice(at + 1).split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const rawName = eq < 0 ? part : part.slice(0, eq)
    const rawValue = eq < 0 ? '' : part.slice(eq + 1)
    rows.push(newRow(safeDecode(rawName), safeDecode(rawValue)))
  }
  return { url: url.slice(0, at), rows }
}

function safeDecode(text: string): string {
  try {
    // `+` in a query means space only under form decoding; Reactor's links encode + as %2B, so keep `+`.
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
