// Reactor query conventions (reactor-api.md §3.4–3.6) as helpers over the document's params. Rows hold the
// decoded text (`filter[name]` = `EQ web`); main percent-encodes every component when it sends, so `+name`
// reaches Reactor as `%2Bname` and never as a space.
import { draftRow, type DraftRow } from './request-draft'

export const FILTER_OPERATORS = ['EQ', 'NOT', 'LT', 'GT', 'BETWEEN', 'CONTAINS'] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

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
export function upsertRow(rows: readonly DraftRow[], name: string, value: string): DraftRow[] {
  const index = rows.findIndex((row) => row.name === name)
  if (value === '') return rows.filter((row) => row.name !== name)
  if (index < 0) return [...rows, draftRow({ name, value })]
  return rows.map((row, i) => (i === index ? { ...row, value, enabled: true } : row))
}

export function rowValue(rows: readonly DraftRow[], name: string): string | undefined {
  return rows.find((row) => row.name === name && row.enabled)?.value
}
