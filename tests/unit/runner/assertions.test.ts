import { describe, expect, it } from 'vitest'
import { evaluateAssertion, jsonApiProblem } from '../../../src/main/core/runner/assertions'
import { readCapture } from '../../../src/main/core/runner/captures'
import { ResponseValues, parseTarget, type ResponseView } from '../../../src/main/core/runner/response-values'
import { parseAssertionLine, type AssertionSpec } from '../../../src/main/core/runner/step-runtime'

const DOCUMENT = {
  data: [
    { id: 'RL00000000000000000000000000000001', type: 'rules', attributes: { name: 'Page view', enabled: true, revision_number: 0 } },
    { id: 'RL00000000000000000000000000000002', type: 'rules', attributes: { name: 'Checkout', enabled: false, revision_number: 3 } }
  ],
  meta: { pagination: { current_page: 1, total_pages: 1, total_count: 2 } }
}

function response(patch: Partial<ResponseView> = {}): ResponseValues {
  return new ResponseValues({
    status: 200,
    headers: [['Content-Type', 'application/vnd.api+json'], ['x-request-id', 'req-1234']],
    timeMs: 42.4,
    bodyText: JSON.stringify(DOCUMENT),
    ...patch
  })
}

const check = (line: string, values = response(), interpolate?: (text: string) => string) => {
  const spec = parseAssertionLine(line)
  if (!spec) throw new Error(`not an assertion line: ${line}`)
  return evaluateAssertion(spec, values, interpolate)
}

describe('assertions: each kind passes and fails with the actual value', () => {
  it.each([
    // [line, passes, kind]
    ['res.status eq 200', true, 'status'],
    ['res.status eq 201', false, 'status'],
    ['res.status eq 2xx', true, 'status'],
    ['res.status eq 4xx', false, 'status'],
    ['res.status in 200,201,204', true, 'status'],
    ['res.status in 2xx,3xx', true, 'status'],
    ['res.status notIn 2xx', false, 'status'],
    ['res.status between 200, 299', true, 'status'],
    ['res.headers.x-request-id isDefined', true, 'header'],
    ['res.headers.x-missing exists', false, 'header'],
    ['res.headers["content-type"] eq application/vnd.api+json', true, 'header'],
    ["res.getHeader('Content-Type') eq application/json", false, 'header'],
    ['res.headers.x-request-id matches ^req-\\d+$', true, 'header'],
    ['res.headers.x-request-id matches /^REQ/i', true, 'header'],
    ['res.headers.x-request-id matches ^nope', false, 'header'],
    ['$.data[0].id exists', true, 'json-path'],
    ['$.data[5].id exists', false, 'json-path'],
    ['$.data[0].attributes.name eq Page view', true, 'json-path'],
    ['$.data[0].attributes.name eq "Checkout"', false, 'json-path'],
    ['res.body.data[1].attributes.revision_number eq 3', true, 'json-path'],
    ['$.data[*].attributes.name contains Checkout', true, 'json-path'],
    ['$.data[*].attributes.name contains Missing', false, 'json-path'],
    ['$.data[0].id matches ^RL[0-9a-f]{32}$', true, 'json-path'],
    ['$.data[0].id matches ^PR', false, 'json-path'],
    ['$.data length 2', true, 'json-path'],
    ['$.data length 25', false, 'json-path'],
    ['$.data.length gte 2', true, 'json-path'],
    ['$.data type array', true, 'json-path'],
    ['$.data[0].attributes.enabled type boolean', true, 'json-path'],
    ['$.data[0].attributes.revision_number type string', false, 'json-path'],
    ['$.meta.pagination.total_count type integer', true, 'json-path'],
    ['$.data[?(@.attributes.enabled == false)].id eq ["RL00000000000000000000000000000002"]', true, 'json-path'],
    ['res.responseTime lt 500', true, 'response-time'],
    ['res.responseTime lt 10', false, 'response-time'],
    ['res.body isJsonApi', true, 'json-api']
  ] as const)('%s → %s', (line, passes, kind) => {
    const result = check(line)
    expect(result.kind).toBe(kind)
    expect(result.passed, result.message).toBe(passes)
    if (!passes) expect(result.message).toMatch(/^Expected /)
  })

  it('a failing check carries the actual value and says what came', () => {
    const status = check('res.status eq 201', response({ status: 404 }))
    expect(status).toMatchObject({ passed: false, actual: '404', expected: '201', message: 'Expected res.status to equal 201, got 404.' })
    const name = check('$.data[0].attributes.name eq Checkout')
    expect(name).toMatchObject({ passed: false, actual: 'Page view' })
    expect(name.message).toContain('got Page view')
    const time = check('res.responseTime lt 10')
    expect(time).toMatchObject({ passed: false, actual: '42' })
    expect(time.message).toBe('Expected res.responseTime to be less than 10 ms, got 42 ms.')
    const header = check('res.headers.x-missing exists')
    expect(header.actual).toBeUndefined()
    expect(header.message).toContain('there is no such header')
    const length = check('$.data length 25')
    expect(length.actual).toBe('2')
  })

  it('JSON:API validity: data or errors at the top level, never both', () => {
    expect(jsonApiProblem({ data: null })).toBeUndefined()
    expect(jsonApiProblem({ errors: [{ status: '404' }] })).toBeUndefined()
    expect(jsonApiProblem({ meta: {} })).toMatch(/neither/)
    expect(jsonApiProblem({ data: [], errors: [] })).toMatch(/both/)
    expect(jsonApiProblem({ data: [{ type: 'rules' }] })).toMatch(/data\[0\] has no string "id"/)
    const failed = check('res.body isJsonApi', response({ bodyText: '{"items": []}' }))
    expect(failed.passed).toBe(false)
    expect(failed.message).toContain('neither a top-level "data" nor "errors"')
    expect(check('res.body isJsonApi', response({ bodyText: '<html></html>', headers: [['content-type', 'text/html']] })).passed).toBe(false)
  })

  it('expected values take {{variables}}', () => {
    const vars = (text: string) => text.replace('{{ruleId}}', 'RL00000000000000000000000000000001')
    expect(check('$.data[0].id eq {{ruleId}}', response(), vars).passed).toBe(true)
    expect(check('$.data[1].id eq {{ruleId}}', response(), vars)).toMatchObject({ passed: false, expected: 'RL00000000000000000000000000000001' })
  })

  it('a body that is not JSON fails a JSONPath check with the reason, not a crash', () => {
    const result = check('$.data exists', response({ bodyText: 'not json' }))
    expect(result.passed).toBe(false)
    expect(result.message).toMatch(/the body is not JSON/)
  })

  it('refuses what it cannot check, with a sentence (and never evaluates JavaScript)', () => {
    const js: AssertionSpec = { expression: 'res.body.data.map(x => x.id)', operator: 'isDefined', enabled: true }
    expect(evaluateAssertion(js, response())).toMatchObject({ kind: 'invalid', passed: false })
    expect(evaluateAssertion(js, response()).message).toMatch(/evaluates no JavaScript/)
    const unknown: AssertionSpec = { expression: 'res.status', operator: 'isTeapot', enabled: true }
    expect(evaluateAssertion(unknown, response()).message).toMatch(/"isTeapot" is not an operator/)
    const noValue: AssertionSpec = { expression: 'res.status', operator: 'eq', enabled: true }
    expect(evaluateAssertion(noValue, response()).message).toMatch(/eq needs a value/)
    expect(check('res.headers.x-request-id matches [unclosed').message).toMatch(/not a valid regular expression/)
    expect(check('$.data[?(@.constructor.constructor("return process")())] exists').passed).toBe(false)
  })

  it('reads expressions as targets: Bruno forms and JSONPath', () => {
    expect(parseTarget('res.status')).toEqual({ kind: 'status' })
    expect(parseTarget('res.headers["x-request-id"]')).toEqual({ kind: 'header', name: 'x-request-id' })
    expect(parseTarget("res.getHeader('Location')")).toEqual({ kind: 'header', name: 'Location' })
    expect(parseTarget('res.body.data[0].id')).toEqual({ kind: 'json-path', path: '$.data[0].id', definite: true })
    expect(parseTarget("res('data.id')")).toEqual({ kind: 'json-path', path: '$.data.id', definite: true })
    expect(parseTarget('$.data[*].id')).toMatchObject({ definite: false })
    expect(parseTarget('$..id')).toMatchObject({ definite: false })
    expect(parseTarget('pm.response.code')).toHaveProperty('error')
  })
})

describe('captures', () => {
  it('reads a JSONPath, a header or the status into a variable value, and says when it found nothing', () => {
    const values = response()
    expect(readCapture({ name: 'ruleId', expression: '$.data[0].id', origin: 'action' }, values).value).toBe('RL00000000000000000000000000000001')
    expect(readCapture({ name: 'requestId', expression: 'res.headers.x-request-id', origin: 'action' }, values).value).toBe('req-1234')
    expect(readCapture({ name: 'status', expression: 'res.status', origin: 'action' }, values).value).toBe('200')
    expect(readCapture({ name: 'ids', expression: '$.data[*].id', origin: 'action' }, values).value).toBe('["RL00000000000000000000000000000001","RL00000000000000000000000000000002"]')
    const missing = readCapture({ name: 'libraryId', expression: '$.data.id', origin: 'action' }, values)
    expect(missing.value).toBeUndefined()
    expect(missing.result).toMatchObject({ captured: false })
    expect(missing.result.message).toContain('{{libraryId}} has no value')
  })
})
