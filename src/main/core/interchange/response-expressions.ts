// The small, declarative language a collection uses to read a response: `res.status`, `res.body.data[0].id`,
// `res.headers["x-request-id"]`. It is what OpenCollection (and Bruno) write in `runtime.actions` (captures
// into variables) and `runtime.assertions`, so a collection we write chains the same way in Bruno. Here it is
// parsed once and then evaluated (the starter collection's tests, next the runner) or translated into a
// Postman test script for the export newman runs. No `eval`: an expression is a path, nothing more.

export type ResponsePathStep = string | number

export interface ResponseExpression {
  root: 'status' | 'body' | 'headers'
  path: ResponsePathStep[]
}

export interface ResponseView {
  status: number
  headers: ReadonlyArray<readonly [string, string]>
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown
}

/** OpenCollection's `runtime.actions` entry for a capture (`@opencollection/types` ActionSetVariable). */
export interface SetVariableAction {
  type: 'set-variable'
  phase: 'after-response'
  selector: { expression: string; method: 'jsonq' }
  variable: { name: string; scope: 'runtime' | 'request' | 'folder' | 'collection' | 'environment' }
  description?: string
  disabled?: boolean
}

/** OpenCollection's `runtime.assertions` entry. */
export interface ResponseAssertion {
  expression: string
  operator: AssertionOperator
  value?: string
  description?: string
  disabled?: boolean
}

export const ASSERTION_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'isArray', 'isString', 'isNumber', 'isDefined', 'isNotEmpty'] as const
export type AssertionOperator = (typeof ASSERTION_OPERATORS)[number]

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*/

/** Parses `res.status`, `res.body…` or `res.headers…`; undefined for anything else (it is then not ours to run). */
export function parseResponseExpression(expression: string): ResponseExpression | undefined {
  const text = expression.trim()
  const head = /^res\.(status|body|headers)/.exec(text)
  if (!head) return undefined
  const root = head[1] as ResponseExpression['root']
  const path: ResponsePathStep[] = []
  let rest = text.slice(head[0].length)
  while (rest.length > 0) {
    if (rest.startsWith('.')) {
      const ident = IDENT.exec(rest.slice(1))
      if (!ident) return undefined
      path.push(ident[0])
      rest = rest.slice(1 + ident[0].length)
    } else if (rest.startsWith('[')) {
      const index = /^\[(\d{1,9})\]/.exec(rest)
      const quoted = /^\[\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1\s*\]/.exec(rest)
      if (index) {
        path.push(Number(index[1]))
        rest = rest.slice(index[0].length)
      } else if (quoted) {
        path.push(quoted[2]!.replace(/\\(.)/g, '$1'))
        rest = rest.slice(quoted[0].length)
      } else return undefined
    } else return undefined
  }
  if (root === 'status' && path.length > 0) return undefined
  if (root === 'headers' && path.length !== 1) return undefined
  return { root, path }
}

function pathText(path: readonly ResponsePathStep[]): string {
  return path.map((step) => (typeof step === 'number' ? `[${step}]` : IDENT.exec(step)?.[0] === step ? `.${step}` : `[${JSON.stringify(step)}]`)).join('')
}

export function formatResponseExpression(expression: ResponseExpression): string {
  return `res.${expression.root}${pathText(expression.path)}`
}

/** The value an expression names in a response (undefined when the path does not exist). */
export function evaluateResponseExpression(expression: ResponseExpression, response: ResponseView): unknown {
  if (expression.root === 'status') return response.status
  if (expression.root === 'headers') {
    const name = String(expression.path[0]).toLowerCase()
    return response.headers.find(([header]) => header.toLowerCase() === name)?.[1]
  }
  let node: unknown = response.body
  for (const step of expression.path) {
    if (node === null || typeof node !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(node, step)) return undefined
    node = (node as Record<string | number, unknown>)[step]
  }
  return node
}

/** The text of an assertion's expected value as the value it compares with (`"200"` → 200, `"true"` → true). */
function expectedValue(text: string | undefined): unknown {
  if (text === undefined) return undefined
  const trimmed = text.trim()
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true'
  if (trimmed === 'null') return null
  const quoted = /^(["'])(.*)\1$/s.exec(trimmed)
  return quoted ? quoted[2] : trimmed
}

function listOf(text: string | undefined): unknown[] {
  return (text ?? '').split(',').map((part) => expectedValue(part))
}

export interface AssertionResult {
  passed: boolean
  actual: unknown
  /** `res.status eq 200: got 404`. */
  message: string
}

export function checkAssertion(assertion: ResponseAssertion, response: ResponseView): AssertionResult {
  const expression = parseResponseExpression(assertion.expression)
  if (!expression) return { passed: false, actual: undefined, message: `${assertion.expression}: not an expression this app evaluates (use res.status, res.body…, res.headers…).` }
  const actual = evaluateResponseExpression(expression, response)
  const expected = expectedValue(assertion.value)
  let passed: boolean
  switch (assertion.operator) {
    case 'eq':
      passed = actual === expected
      break
    case 'neq':
      passed = actual !== expected
      break
    case 'gt':
      passed = typeof actual === 'number' && actual > Number(expected)
      break
    case 'gte':
      passed = typeof actual === 'number' && actual >= Number(expected)
      break
    case 'lt':
      passed = typeof actual === 'number' && actual < Number(expected)
      break
    case 'lte':
      passed = typeof actual === 'number' && actual <= Number(expected)
      break
    case 'in':
      passed = listOf(assertion.value).includes(actual)
      break
    case 'notIn':
      passed = !listOf(assertion.value).includes(actual)
      break
    case 'contains':
      passed = (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(expected as never)
      break
    case 'isArray':
      passed = Array.isArray(actual)
      break
    case 'isString':
      passed = typeof actual === 'string'
      break
    case 'isNumber':
      passed = typeof actual === 'number'
      break
    case 'isDefined':
      passed = actual !== undefined
      break
    case 'isNotEmpty':
      passed = actual !== undefined && actual !== null && actual !== '' && !(Array.isArray(actual) && actual.length === 0)
      break
    default:
      passed = false
  }
  const wanted = assertion.value === undefined ? assertion.operator : `${assertion.operator} ${assertion.value}`
  return { passed, actual, message: `${assertion.expression} ${wanted}: ${passed ? 'passed' : `got ${JSON.stringify(actual) ?? 'undefined'}`}` }
}

// ---- Postman ---------------------------------------------------------------------------------------------

/** The JavaScript Postman's sandbox evaluates for an expression (`pm.response.json().data[0].id`). */
export function postmanExpression(expression: ResponseExpression): string {
  if (expression.root === 'status') return 'pm.response.code'
  if (expression.root === 'headers') return `pm.response.headers.get(${JSON.stringify(String(expression.path[0]))})`
  return `pm.response.json()${pathText(expression.path)}`
}

const CHAI: Partial<Record<AssertionOperator, (value: string | undefined) => string>> = {
  eq: (value) => `.to.eql(${JSON.stringify(expectedValue(value))})`,
  neq: (value) => `.to.not.eql(${JSON.stringify(expectedValue(value))})`,
  gt: (value) => `.to.be.above(${Number(expectedValue(value))})`,
  gte: (value) => `.to.be.at.least(${Number(expectedValue(value))})`,
  lt: (value) => `.to.be.below(${Number(expectedValue(value))})`,
  lte: (value) => `.to.be.at.most(${Number(expectedValue(value))})`,
  in: (value) => `.to.be.oneOf(${JSON.stringify(listOf(value))})`,
  contains: (value) => `.to.include(${JSON.stringify(expectedValue(value))})`,
  isArray: () => `.to.be.an("array")`,
  isString: () => `.to.be.a("string")`,
  isNumber: () => `.to.be.a("number")`,
  isDefined: () => `.to.not.be.undefined`,
  isNotEmpty: () => `.to.not.be.empty`
}

/** One Postman test line per assertion, or undefined for an operator Postman's chai has no single call for. */
export function postmanAssertion(assertion: ResponseAssertion): string | undefined {
  const expression = parseResponseExpression(assertion.expression)
  const chai = CHAI[assertion.operator]
  if (!expression || !chai) return undefined
  const title = `${assertion.expression} ${assertion.operator}${assertion.value === undefined ? '' : ` ${assertion.value}`}`
  return `pm.test(${JSON.stringify(title)}, function () { pm.expect(${postmanExpression(expression)})${chai(assertion.value)}; });`
}

/** One Postman line per capture: the environment is where newman and Postman keep values between requests. */
export function postmanCapture(action: SetVariableAction): string | undefined {
  const expression = parseResponseExpression(action.selector.expression)
  if (!expression) return undefined
  return `pm.environment.set(${JSON.stringify(action.variable.name)}, ${postmanExpression(expression)});`
}

/**
 * The reverse, for scripts Postman users write to chain requests (and for our own export coming back):
 * `pm.environment.set("X", pm.response.json().data.id)`, Adobe's legacy
 * `postman.setEnvironmentVariable("X", JSON.parse(responseBody).data.id)` (or via `var res = JSON.parse(…)`),
 * `pm.test(…, () => pm.expect(pm.response.code).to.eql(200))` and `pm.response.to.have.status(200)`.
 * Returns undefined when any line does something else: such a script is kept as text, never half-translated.
 */
export function translatePostmanTestScript(code: string): { actions: SetVariableAction[]; assertions: ResponseAssertion[]; droppedLogs: number } | undefined {
  const actions: SetVariableAction[] = []
  const assertions: ResponseAssertion[] = []
  let droppedLogs = 0
  const aliases = new Set<string>()
  const bodyPath = (text: string): ResponseExpression | undefined => {
    const source = text.trim()
    const json = /^(?:pm\.response\.json\(\)|JSON\.parse\(responseBody\))/.exec(source)
    let rest: string | undefined
    if (json) rest = source.slice(json[0].length)
    else {
      const alias = /^([A-Za-z_$][\w$]*)/.exec(source)
      if (alias && aliases.has(alias[1]!)) rest = source.slice(alias[1]!.length)
    }
    if (rest === undefined) return undefined
    return parseResponseExpression(`res.body${rest}`)
  }
  for (const raw of code.split('\n')) {
    const line = raw.replace(/\/\/[^"']*$/, '').trim().replace(/;$/, '')
    if (line === '' || line.startsWith('//')) continue
    const alias = /^(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:JSON\.parse\(responseBody\)|pm\.response\.json\(\))$/.exec(line)
    if (alias) {
      aliases.add(alias[1]!)
      continue
    }
    if (/^console\.log\(.*\)$/.test(line)) {
      droppedLogs += 1
      continue
    }
    const set = /^(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*(["'])([A-Za-z0-9_.$-]+)\1\s*,\s*(.+)\)$/.exec(line)
    if (set) {
      const expression = bodyPath(set[3]!)
      if (!expression) return undefined
      actions.push({ type: 'set-variable', phase: 'after-response', selector: { expression: formatResponseExpression(expression), method: 'jsonq' }, variable: { name: set[2]!, scope: 'runtime' } })
      continue
    }
    const status = /^(?:pm\.test\(\s*(["']).*?\1\s*,\s*(?:function\s*\(\)|\(\)\s*=>)\s*\{?\s*)?pm\.response\.to\.have\.status\((\d{3})\)\s*;?\s*\}?\s*\)?$/.exec(line)
    if (status) {
      assertions.push({ expression: 'res.status', operator: 'eq', value: status[2]! })
      continue
    }
    const expect = /^pm\.test\(\s*(["']).*?\1\s*,\s*(?:function\s*\(\)|\(\)\s*=>)\s*\{?\s*pm\.expect\((.+?)\)\.(to\.[\w.]+)\((.*?)\)\s*;?\s*\}?\s*\)$/.exec(line)
    if (expect) {
      const subject = expect[2]!.trim()
      const expression = subject === 'pm.response.code' ? parseResponseExpression('res.status') : bodyPath(subject)
      const operator = ({ 'to.eql': 'eq', 'to.equal': 'eq', 'to.not.eql': 'neq', 'to.be.oneOf': 'in', 'to.include': 'contains', 'to.be.at.least': 'gte', 'to.be.at.most': 'lte', 'to.be.above': 'gt', 'to.be.below': 'lt' } as Record<string, AssertionOperator>)[expect[3]!]
      if (!expression || !operator) return undefined
      let value: string
      try {
        const parsed = JSON.parse(expect[4]!.replace(/'/g, '"')) as unknown
        value = Array.isArray(parsed) ? parsed.map(String).join(',') : String(parsed)
      } catch {
        return undefined
      }
      assertions.push({ expression: formatResponseExpression(expression), operator, value })
      continue
    }
    const typed = /^pm\.test\(\s*(["']).*?\1\s*,\s*(?:function\s*\(\)|\(\)\s*=>)\s*\{?\s*pm\.expect\((.+?)\)\.(to\.be\.an?\("(?:array|string|number)"\)|to\.not\.be\.undefined|to\.not\.be\.empty)\s*;?\s*\}?\s*\)$/.exec(line)
    if (typed) {
      const subject = typed[2]!.trim()
      const expression = subject === 'pm.response.code' ? parseResponseExpression('res.status') : bodyPath(subject)
      if (!expression) return undefined
      const check = typed[3]!
      const operator: AssertionOperator = check.includes('array') ? 'isArray' : check.includes('string') ? 'isString' : check.includes('number') ? 'isNumber' : check.includes('undefined') ? 'isDefined' : 'isNotEmpty'
      assertions.push({ expression: formatResponseExpression(expression), operator })
      continue
    }
    return undefined
  }
  return { actions, assertions, droppedLogs }
}
