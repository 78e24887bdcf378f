// What the runner does around one request besides sending it, read from the request's file. The fields are
// OpenCollection's `runtime` block (so Bruno reads the same assertions and variable actions), plus two
// Reactor-specific additions that other readers ignore:
//
//   runtime:
//     assertions:                    # OpenCollection / Bruno: expression, operator, value, disabled (or enabled)
//       - { expression: res.status, operator: eq, value: "201" }
//       - { expression: $.data.attributes.status, operator: eq, value: pending }
//       - "res.headers.content-type contains vnd.api+json"        # the one-line form, too
//     actions:                       # OpenCollection set-variable, after the response
//       - type: set-variable
//         selector: { expression: $.data.id, method: jsonq }
//         variable: { name: libraryId, scope: runtime }
//       - { type: set-variable, name: buildId, from: body, path: $.data.id }   # shorthand
//     scripts: [{ type: tests, code: "..." }]   # imported; never run (captures recognised in them are)
//   reactorExplorer:                 # the extensions key (the request's `reactor` fields in the model)
//     poll:                          # re-send until a condition holds, bounded (runtime.poll is read too)
//       until: { expression: res.body.data.attributes.status, operator: eq, value: succeeded }
//       failWhen: { expression: res.body.data.attributes.status, operator: eq, value: failed }
//       intervalMs: 1000
//       maxAttempts: 30
//     paginate: all                  # fetch every page of a JSON:API list in one step (settings.paginate and
//                                    # the spec's options.paginate are read too)
//
// The collection reader keeps fields it does not model in the item's `extra` (or on the spec itself), which is
// where they are read from; a malformed entry is reported by name and position, never silently dropped.
import type { RequestItem } from '../../../shared/collections/collection-model'
import type { ScriptNotRun } from '../../../shared/ipc/runner.contract'
import { recogniseScript } from './script-captures'

export interface AssertionSpec {
  expression: string
  operator: string
  value?: string
  enabled: boolean
}

export interface CaptureSpec {
  /** The run variable to set. */
  name: string
  /** What to read: a JSONPath, res.body.<path>, res.headers.<name>, res.status. */
  expression: string
  origin: 'action' | 'script'
}

export interface PollSpec {
  until: AssertionSpec
  /** Stop polling at once (and fail) when this holds, e.g. a build whose status is `failed`. */
  failWhen?: AssertionSpec
  intervalMs: number
  maxAttempts: number
}

export interface StepRuntime {
  assertions: AssertionSpec[]
  captures: CaptureSpec[]
  poll?: PollSpec
  paginate: boolean
  scriptsNotRun: ScriptNotRun[]
  /** Entries that could not be read, each as a sentence; they fail the request instead of vanishing. */
  problems: string[]
}

/** Bruno's assertion operators and ours (`exists`, `type`, `isJsonApi`), as a one-line form understands them. */
export const ASSERTION_OPERATORS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'between', 'contains', 'notContains', 'length', 'matches', 'notMatches',
  'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty', 'isNull', 'isUndefined', 'isDefined', 'exists', 'isTruthy', 'isFalsy',
  'isJson', 'isNumber', 'isString', 'isBoolean', 'isArray', 'type', 'isJsonApi'
] as const

export const UNARY_OPERATORS = new Set<string>([
  'isEmpty', 'isNotEmpty', 'isNull', 'isUndefined', 'isDefined', 'exists', 'isTruthy', 'isFalsy', 'isJson', 'isNumber', 'isString',
  'isBoolean', 'isArray', 'isJsonApi'
])

export const POLL_LIMITS = { minIntervalMs: 50, maxIntervalMs: 60_000, maxAttempts: 1000, defaultIntervalMs: 1000, defaultMaxAttempts: 30 } as const

type Raw = Record<string, unknown>

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `res.status eq 200`, `$.data[?(@.x == 1)] isDefined`: the expression is everything before the first operator word. */
export function parseAssertionLine(line: string): AssertionSpec | undefined {
  const words = ASSERTION_OPERATORS.join('|')
  const match = new RegExp(`^(.*?\\S)\\s+(${words})(?:\\s+(.*))?$`).exec(line.trim())
  if (!match) return undefined
  return { expression: match[1]!, operator: match[2]!, ...(match[3] !== undefined ? { value: match[3].trim() } : {}), enabled: true }
}

function enabledOf(raw: Raw): boolean {
  if (raw.disabled === true) return false
  return raw.enabled !== false
}

function scalarText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** One stored assertion in any of the shapes collections carry. */
export function readAssertion(raw: unknown, where: string): AssertionSpec | string {
  if (typeof raw === 'string') return parseAssertionLine(raw) ?? `${where}: "${raw.slice(0, 200)}" is not an assertion; write "EXPRESSION OPERATOR [VALUE]", e.g. "res.status eq 200".`
  if (!isObject(raw)) return `${where} is not an assertion object (expression, operator, value).`
  if (typeof raw.expression === 'string' && typeof raw.operator === 'string') {
    const value = scalarText(raw.value)
    return { expression: raw.expression, operator: raw.operator, ...(value !== undefined ? { value } : {}), enabled: enabledOf(raw) }
  }
  // Bruno's .bru form: { name: 'res.status', value: 'eq 200', enabled: true }
  if (typeof raw.name === 'string' && typeof raw.value === 'string') {
    const parsed = parseAssertionLine(`${raw.name} ${raw.value}`)
    if (parsed) return { ...parsed, enabled: enabledOf(raw) }
  }
  return `${where} needs "expression" and "operator" (e.g. { expression: res.status, operator: eq, value: "200" }).`
}

function readCapture(raw: unknown, where: string): CaptureSpec | string | undefined {
  if (!isObject(raw)) return `${where} is not an action object.`
  if (raw.disabled === true || raw.enabled === false) return undefined
  if (raw.type !== 'set-variable') return `${where}: the action type "${String(raw.type).slice(0, 50)}" is not one the runner knows (set-variable).`
  if (raw.phase !== undefined && raw.phase !== 'after-response') return `${where}: only after-response set-variable actions are run (this one is ${String(raw.phase).slice(0, 50)}).`
  // OpenCollection: selector { expression, method }, variable { name, scope }
  if (isObject(raw.selector) && isObject(raw.variable)) {
    const expression = raw.selector.expression
    const name = raw.variable.name
    if (typeof expression !== 'string' || expression.trim() === '') return `${where} has no selector.expression (what to read, e.g. $.data.id).`
    if (typeof name !== 'string' || name.trim() === '') return `${where} has no variable.name (the variable to set).`
    return { name: name.trim(), expression: expression.trim(), origin: 'action' }
  }
  // Shorthand: { name, from: body|header|status, path }
  if (typeof raw.name === 'string' && raw.name.trim() !== '') {
    const from = raw.from ?? 'body'
    const path = typeof raw.path === 'string' ? raw.path.trim() : undefined
    if (from === 'status') return { name: raw.name.trim(), expression: 'res.status', origin: 'action' }
    if (from === 'header') {
      if (!path) return `${where}: a header capture needs "path": the header name.`
      return { name: raw.name.trim(), expression: `res.headers.${path.toLowerCase()}`, origin: 'action' }
    }
    if (from === 'body') {
      if (!path) return `${where}: a body capture needs "path": a JSONPath such as $.data.id.`
      return { name: raw.name.trim(), expression: path, origin: 'action' }
    }
    return `${where}: "from" must be body, header or status, not "${String(from).slice(0, 50)}".`
  }
  return `${where} needs selector.expression and variable.name (or the shorthand name, from, path).`
}

function readPoll(raw: unknown, problems: string[]): PollSpec | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!isObject(raw)) {
    problems.push('poll must be an object: { until, intervalMs, maxAttempts }.')
    return undefined
  }
  const until = readAssertion(raw.until, 'poll.until')
  if (typeof until === 'string') {
    problems.push(raw.until === undefined ? 'poll needs "until": the condition that ends the polling (e.g. $.data.attributes.status eq succeeded).' : until)
    return undefined
  }
  let failWhen: AssertionSpec | undefined
  if (raw.failWhen !== undefined) {
    const parsed = readAssertion(raw.failWhen, 'poll.failWhen')
    if (typeof parsed === 'string') problems.push(parsed)
    else failWhen = parsed
  }
  const number = (key: 'intervalMs' | 'maxAttempts', fallback: number, min: number, max: number): number | undefined => {
    const value = raw[key]
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`poll.${key} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)?.slice(0, 50)}.`)
      return undefined
    }
    return value
  }
  const intervalMs = number('intervalMs', POLL_LIMITS.defaultIntervalMs, POLL_LIMITS.minIntervalMs, POLL_LIMITS.maxIntervalMs)
  const maxAttempts = number('maxAttempts', POLL_LIMITS.defaultMaxAttempts, 1, POLL_LIMITS.maxAttempts)
  if (intervalMs === undefined || maxAttempts === undefined) return undefined
  return { until, ...(failWhen ? { failWhen } : {}), intervalMs, maxAttempts }
}

function list(value: unknown, key: string, problems: string[]): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    problems.push(`runtime.${key} must be a list.`)
    return []
  }
  return value
}

/** The runtime block of an item: kept in `extra` by the collection reader, or left on the spec. */
function runtimeBlock(item: RequestItem): Raw {
  const fromExtra = item.extra?.runtime
  const fromSpec = (item.spec as Raw).runtime
  return { ...(isObject(fromSpec) ? fromSpec : {}), ...(isObject(fromExtra) ? fromExtra : {}) }
}

function paginateOf(item: RequestItem, runtime: Raw, problems: string[]): boolean {
  const settings = item.extra?.settings
  const reactor = (item.spec.reactor ?? {}) as Raw
  const candidates = [reactor.paginate, (item.spec.options as Raw).paginate, isObject(settings) ? settings.paginate : undefined, runtime.paginate]
  const value = candidates.find((candidate) => candidate !== undefined)
  if (value === undefined || value === false || value === 'none') return false
  if (value === 'all' || value === true) return true
  problems.push(`paginate must be "all" (fetch every page) or absent, not ${JSON.stringify(value)?.slice(0, 50)}.`)
  return false
}

function notRunReason(recognised: { captures: unknown[]; assertions: unknown[]; remainder: string[] }, where?: string): string {
  const count = recognised.remainder.length
  const first = recognised.remainder[0]!.slice(0, 120)
  const ran = recognised.captures.length + recognised.assertions.length > 0 ? `; its ${recognised.captures.length} capture(s) and ${recognised.assertions.length} status check(s) were run` : ''
  return `not run: ${where ? `${where}; ` : ''}the runner evaluates no JavaScript (${count} statement${count === 1 ? '' : 's'} not recognised, starting "${first}")${ran}`
}

/** Everything the runner needs to know about one request beyond its RequestSpec. */
export function stepRuntime(item: RequestItem): StepRuntime {
  const problems: string[] = []
  const runtime = runtimeBlock(item)
  const assertions: AssertionSpec[] = []
  list(runtime.assertions, 'assertions', problems).forEach((raw, index) => {
    const parsed = readAssertion(raw, `runtime.assertions[${index}]`)
    if (typeof parsed === 'string') problems.push(parsed)
    else if (parsed.enabled) assertions.push(parsed)
  })
  const captures: CaptureSpec[] = []
  list(runtime.actions, 'actions', problems).forEach((raw, index) => {
    const parsed = readCapture(raw, `runtime.actions[${index}]`)
    if (typeof parsed === 'string') problems.push(parsed)
    else if (parsed) captures.push(parsed)
  })
  const scriptsNotRun: ScriptNotRun[] = []
  list(runtime.scripts, 'scripts', problems).forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.code !== 'string') {
      problems.push(`runtime.scripts[${index}] needs "type" and "code".`)
      return
    }
    const type = typeof raw.type === 'string' ? raw.type : 'script'
    if (raw.code.trim() === '') return
    // Only scripts that run after the response can hold captures; a pre-request script is reported whole.
    const recognised = type === 'before-request' ? { captures: [], assertions: [], remainder: [raw.code.trim()] } : recogniseScript(raw.code)
    captures.push(...recognised.captures)
    assertions.push(...recognised.assertions)
    if (recognised.remainder.length > 0) scriptsNotRun.push({ type, reason: notRunReason(recognised) })
  })
  // Scripts an importer did not translate are kept as text in the docs (src/main/core/interchange/): the
  // capture lines in them are still read, so a chained Adobe collection runs; the rest is reported.
  for (const match of (item.docs ?? '').matchAll(/^## (\S+) (.+?) script \(imported, not run by Reactor Explorer\)\n+```[a-z]*\n([\s\S]*?)\n```/gm)) {
    const [, tool, phase, code] = match as unknown as [string, string, string, string]
    const recognised = /pre-?request|before/i.test(phase) ? { captures: [], assertions: [], remainder: [code.trim()] } : recogniseScript(code)
    captures.push(...recognised.captures)
    assertions.push(...recognised.assertions)
    if (recognised.remainder.length > 0) scriptsNotRun.push({ type: phase, reason: notRunReason(recognised, `the ${tool} ${phase} script kept in the request's docs`) })
  }
  const reactor = (item.spec.reactor ?? {}) as Raw
  const poll = readPoll(reactor.poll ?? runtime.poll, problems)
  const paginate = paginateOf(item, runtime, problems)
  return { assertions, captures, ...(poll ? { poll } : {}), paginate, scriptsNotRun, problems }
}
