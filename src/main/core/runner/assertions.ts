// Declarative checks of a response: the operators of Bruno's assertions (eq, neq, gt, gte, lt, lte, in, notIn,
// between, contains, notContains, length, matches, notMatches, startsWith, endsWith, isEmpty, isNotEmpty,
// isNull, isUndefined, isDefined, isTruthy, isFalsy, isJson, isNumber, isString, isBoolean, isArray) and ours:
// `exists` (isDefined), `type string|number|integer|boolean|array|object|null`, `isJsonApi` (top-level `data`
// or `errors`), and status classes (`res.status eq 2xx`, `res.status in 2xx,3xx`).
//
// Expected values are written as text: JSON when it parses (200, true, null, "quoted", [1,2]), otherwise the
// text itself; `{{variables}}` in it are resolved first. Every result carries the actual value, so a failing
// check says what came instead.
import type { AssertionKind, AssertionResult } from '../../../shared/ipc/runner.contract'
import { displayValue, parseTarget, type Redact, type ResponseValues, type ValueTarget } from './response-values'
import { UNARY_OPERATORS, type AssertionSpec } from './step-runtime'

/** Resolves `{{name}}` in an expected value (the run's variables). */
export type Interpolate = (text: string) => string

const KNOWN = new Set([
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'between', 'contains', 'notContains', 'length', 'matches', 'notMatches', 'startsWith',
  'endsWith', 'type', ...UNARY_OPERATORS
])

const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const

function kindOf(target: ValueTarget, operator: string): AssertionKind {
  if (operator === 'isJsonApi') return 'json-api'
  return target.kind
}

/** Text → the value it means: JSON when it parses, else the text. */
export function expectedValue(text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return ''
  try {
    return JSON.parse(trimmed)
  } catch {
    return trimmed
  }
}

/** `200,201` / `[200, 201]` / `2xx, 3xx` → items. */
function expectedList(text: string): unknown[] {
  const parsed = expectedValue(text)
  if (Array.isArray(parsed)) return parsed
  return text.split(',').map((part) => expectedValue(part)).filter((part) => part !== '')
}

function statusClass(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^([1-5])xx$/i.exec(value.trim()) : null
  return match ? Number(match[1]) : undefined
}

/** Equality as a person reading a response means it: 200 equals "200", and objects compare by content. */
export function looseEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true
  if (actual === null || expected === null || actual === undefined || expected === undefined) return false
  if (typeof actual === 'object' || typeof expected === 'object') {
    if (typeof actual !== 'object' || typeof expected !== 'object') return false
    if (Array.isArray(actual) !== Array.isArray(expected)) return false
    if (Array.isArray(actual) && Array.isArray(expected)) {
      return actual.length === expected.length && actual.every((item, index) => looseEqual(item, expected[index]))
    }
    const a = actual as Record<string, unknown>
    const b = expected as Record<string, unknown>
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && looseEqual(a[key], b[key]))
  }
  return String(actual) === String(expected)
}

function equalsExpected(actual: unknown, expected: unknown, target: ValueTarget): boolean {
  const cls = target.kind === 'status' ? statusClass(expected) : undefined
  if (cls !== undefined) return typeof actual === 'number' && Math.floor(actual / 100) === cls
  return looseEqual(actual, expected)
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

/** `/pattern/flags` or a bare pattern. */
function regexOf(text: string): RegExp | string {
  const slashed = /^\/(.*)\/([dgimsuvy]*)$/s.exec(text.trim())
  try {
    return slashed ? new RegExp(slashed[1]!, slashed[2]!.replace('g', '')) : new RegExp(text.trim())
  } catch (error) {
    return `"${text.slice(0, 100)}" is not a valid regular expression (${(error as Error).message})`
  }
}

function typeName(value: unknown): (typeof TYPES)[number] | 'undefined' {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return 'number'
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'string') return 'string'
  return 'object'
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** Why a body is not a JSON:API document, or undefined when it is one. */
export function jsonApiProblem(document: unknown): string | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'the body is not a JSON object'
  const doc = document as Record<string, unknown>
  const hasData = Object.hasOwn(doc, 'data')
  const hasErrors = Object.hasOwn(doc, 'errors')
  if (!hasData && !hasErrors) return 'it has neither a top-level "data" nor "errors" member'
  if (hasData && hasErrors) return 'it has both "data" and "errors", which JSON:API forbids'
  if (hasErrors) {
    if (!Array.isArray(doc.errors)) return '"errors" is not an array'
    return undefined
  }
  const resources = Array.isArray(doc.data) ? doc.data : doc.data === null ? [] : [doc.data]
  for (const [index, resource] of resources.entries()) {
    const where = Array.isArray(doc.data) ? `data[${index}]` : 'data'
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) return `${where} is not a resource object`
    const r = resource as Record<string, unknown>
    if (typeof r.type !== 'string') return `${where} has no "type"`
    if (typeof r.id !== 'string') return `${where} has no string "id"`
  }
  return undefined
}

interface Verdict {
  passed: boolean
  /** Why the check could not be made (bad regex, non-numeric...): makes it fail with this sentence. */
  problem?: string
}

function verdict(operator: string, actual: unknown, found: boolean, expectedText: string, target: ValueTarget): Verdict {
  const expected = expectedValue(expectedText)
  switch (operator) {
    case 'eq':
      return { passed: found && equalsExpected(actual, expected, target) }
    case 'neq':
      return { passed: !found || !equalsExpected(actual, expected, target) }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = toNumber(actual)
      const b = toNumber(expected)
      if (b === undefined) return { passed: false, problem: `"${expectedText}" is not a number to compare with` }
      if (a === undefined) return { passed: false }
      return { passed: operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b }
    }
    case 'between': {
      const bounds = expectedText.split(/[\s,]+/).filter(Boolean).map(toNumber)
      if (bounds.length !== 2 || bounds.some((bound) => bound === undefined)) return { passed: false, problem: `between needs two numbers ("200, 299"), not "${expectedText}"` }
      const a = toNumber(actual)
      return { passed: a !== undefined && a >= bounds[0]! && a <= bounds[1]! }
    }
    case 'in':
    case 'notIn': {
      const inList = found && expectedList(expectedText).some((item) => equalsExpected(actual, item, target))
      return { passed: operator === 'in' ? inList : !inList }
    }
    case 'contains':
    case 'notContains': {
      let contains = false
      if (typeof actual === 'string') contains = actual.includes(typeof expected === 'string' ? expected : expectedText.trim())
      else if (Array.isArray(actual)) contains = actual.some((item) => looseEqual(item, expected))
      else if (actual && typeof actual === 'object' && typeof expected === 'string') contains = Object.hasOwn(actual, expected)
      return { passed: operator === 'contains' ? found && contains : !contains }
    }
    case 'length': {
      const wanted = toNumber(expected)
      if (wanted === undefined) return { passed: false, problem: `length needs a number, not "${expectedText}"` }
      const length = typeof actual === 'string' || Array.isArray(actual) ? actual.length : undefined
      return { passed: length === wanted }
    }
    case 'matches':
    case 'notMatches': {
      const regex = regexOf(expectedText)
      if (typeof regex === 'string') return { passed: false, problem: regex }
      const matched = found && actual !== undefined && actual !== null && regex.test(typeof actual === 'string' ? actual : JSON.stringify(actual))
      return { passed: operator === 'matches' ? matched : !matched }
    }
    case 'startsWith':
      return { passed: typeof actual === 'string' && actual.startsWith(String(expected)) }
    case 'endsWith':
      return { passed: typeof actual === 'string' && actual.endsWith(String(expected)) }
    case 'type': {
      const wanted = expectedText.trim().toLowerCase()
      if (!(TYPES as readonly string[]).includes(wanted)) return { passed: false, problem: `type must be one of ${TYPES.join(', ')}, not "${expectedText}"` }
      const actualType = typeName(actual)
      return { passed: found && (wanted === 'integer' ? Number.isInteger(actual) : actualType === wanted) }
    }
    case 'isEmpty':
      return { passed: isEmpty(actual) }
    case 'isNotEmpty':
      return { passed: found && !isEmpty(actual) }
    case 'isNull':
      return { passed: found && actual === null }
    case 'isUndefined':
      return { passed: !found || actual === undefined }
    case 'isDefined':
    case 'exists':
      return { passed: found && actual !== undefined }
    case 'isTruthy':
      return { passed: found && Boolean(actual) }
    case 'isFalsy':
      return { passed: !found || !actual }
    case 'isJson':
      return { passed: found && typeof actual === 'object' && actual !== null && !Array.isArray(actual) }
    case 'isNumber':
      return { passed: typeof actual === 'number' }
    case 'isString':
      return { passed: typeof actual === 'string' }
    case 'isBoolean':
      return { passed: typeof actual === 'boolean' }
    case 'isArray':
      return { passed: Array.isArray(actual) }
    case 'isJsonApi': {
      const problem = found ? jsonApiProblem(actual) : 'the response has no JSON body'
      return problem ? { passed: false, problem: `not a JSON:API document: ${problem}` } : { passed: true }
    }
    default:
      return { passed: false, problem: `"${operator}" is not an operator the runner knows` }
  }
}

const WORDS: Record<string, string> = {
  eq: 'to equal', neq: 'not to equal', gt: 'to be greater than', gte: 'to be at least', lt: 'to be less than', lte: 'to be at most',
  in: 'to be one of', notIn: 'not to be one of', between: 'to be between', contains: 'to contain', notContains: 'not to contain',
  length: 'to have length', matches: 'to match', notMatches: 'not to match', startsWith: 'to start with', endsWith: 'to end with',
  type: 'to be of type', isEmpty: 'to be empty', isNotEmpty: 'not to be empty', isNull: 'to be null', isUndefined: 'to be absent',
  isDefined: 'to exist', exists: 'to exist', isTruthy: 'to be truthy', isFalsy: 'to be falsy', isJson: 'to be a JSON object',
  isNumber: 'to be a number', isString: 'to be a string', isBoolean: 'to be a boolean', isArray: 'to be an array',
  isJsonApi: 'to be a JSON:API document'
}

/** What a result shows as the actual value: the length for `length`, the document's shape for `isJsonApi`. */
function shownValue(operator: string, value: unknown): unknown {
  if (operator === 'length' && (typeof value === 'string' || Array.isArray(value))) return value.length
  if (operator === 'isJsonApi' && value && typeof value === 'object' && !Array.isArray(value)) {
    const doc = value as Record<string, unknown>
    const describe = (key: string) => (Array.isArray(doc[key]) ? `${key}: ${(doc[key] as unknown[]).length} item(s)` : `${key}: ${doc[key] === null ? 'null' : typeof doc[key]}`)
    return ['data', 'errors'].filter((key) => Object.hasOwn(doc, key)).map(describe).join(', ') || `members: ${Object.keys(doc).slice(0, 10).join(', ')}`
  }
  return value
}

/** Runs one assertion against a response. Never throws: a check that cannot be made fails with the reason. */
export function evaluateAssertion(spec: AssertionSpec, values: ResponseValues, interpolate: Interpolate = (text) => text, redact?: Redact): AssertionResult {
  const expectedText = spec.value === undefined ? '' : interpolate(spec.value)
  const base = { expression: spec.expression, operator: spec.operator, ...(spec.value !== undefined ? { expected: expectedText } : {}) }
  const target = parseTarget(spec.expression)
  if ('error' in target) return { ...base, kind: 'invalid', passed: false, message: `Not checked: ${target.error}.` }
  const kind = kindOf(target, spec.operator)
  if (!KNOWN.has(spec.operator)) {
    return { ...base, kind: 'invalid', passed: false, message: `Not checked: "${spec.operator}" is not an operator the runner knows (${[...KNOWN].join(', ')}).` }
  }
  if (!UNARY_OPERATORS.has(spec.operator) && spec.value === undefined) {
    return { ...base, kind: 'invalid', passed: false, message: `Not checked: ${spec.operator} needs a value to compare with.` }
  }
  const read = values.read(target)
  const shown = shownValue(spec.operator, read.value)
  const actual = displayValue(shown, 500, redact)
  const brief = actual !== undefined && actual.length > 120 ? `${actual.slice(0, 120)}…` : actual
  const unit = target.kind === 'response-time' ? ' ms' : ''
  const described = `${spec.expression} ${WORDS[spec.operator] ?? spec.operator}${UNARY_OPERATORS.has(spec.operator) ? '' : ` ${expectedText}${unit}`}`
  if (read.problem) return { ...base, kind, passed: false, message: `Expected ${described}, but ${read.problem}.` }
  const result = verdict(spec.operator, read.value, read.found, expectedText, target)
  const withActual = actual === undefined ? {} : { actual }
  if (result.problem) return { ...base, kind, passed: false, ...withActual, message: `Not checked: ${result.problem}.` }
  if (result.passed) return { ...base, kind, passed: true, ...withActual, message: `${described}: yes${brief !== undefined ? ` (${brief}${unit})` : ''}.` }
  const got = !read.found ? (target.kind === 'header' ? 'there is no such header' : 'nothing was found there') : `got ${brief}${unit}`
  return { ...base, kind, passed: false, ...withActual, message: `Expected ${described}, ${got}.` }
}

/** The check every request without a status assertion of its own gets: an answer below 400. */
export const IMPLICIT_STATUS: AssertionSpec = { expression: 'res.status', operator: 'lt', value: '400', enabled: true }

export function hasStatusAssertion(assertions: readonly AssertionSpec[]): boolean {
  return assertions.some((assertion) => {
    const target = parseTarget(assertion.expression)
    return !('error' in target) && target.kind === 'status'
  })
}
