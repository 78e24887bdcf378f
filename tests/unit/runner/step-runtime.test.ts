import { describe, expect, it } from 'vitest'
import { recogniseScript } from '../../../src/main/core/runner/script-captures'
import { stepRuntime } from '../../../src/main/core/runner/step-runtime'
import { requestSpec } from '../../../src/shared/requests/request-spec'
import type { RequestItem } from '../../../src/shared/collections/collection-model'

const item = (extra: Record<string, unknown> | undefined, patch: Partial<RequestItem> = {}, reactor?: Record<string, unknown>): RequestItem => ({
  kind: 'request',
  path: 'r.yml',
  seq: 1,
  spec: requestSpec({ method: 'GET', url: '/companies', ...(reactor ? { reactor } : {}) }),
  ...(extra ? { extra } : {}),
  ...patch
})

describe("Adobe's capture scripts become declarative captures", () => {
  it.each([
    ['postman.setEnvironmentVariable("PROPERTY_ID", JSON.parse(responseBody).data.id);', 'PROPERTY_ID', '$.data.id'],
    ["pm.environment.set('RULE_ID', pm.response.json().data[0].id)", 'RULE_ID', '$.data[0].id'],
    ['pm.collectionVariables.set("NAME", pm.response.json().data.attributes["display name"]);', 'NAME', "$.data.attributes['display name']"],
    ['var data = JSON.parse(responseBody);\npostman.setEnvironmentVariable("LIBRARY_ID", data.data.id);', 'LIBRARY_ID', '$.data.id'],
    ['const json = pm.response.json(); pm.globals.set("BUILD", json.data.id);', 'BUILD', '$.data.id'],
    ['bru.setVar("buildId", res.body.data.id);', 'buildId', '$.data.id'],
    ['bru.setEnvVar("buildId", res.getBody().data.id)', 'buildId', '$.data.id'],
    ['pm.environment.set("LOCATION", pm.response.headers.get("Location"));', 'LOCATION', 'res.headers.location'],
    ['pm.variables.set("CODE", pm.response.code);', 'CODE', 'res.status']
  ])('%s', (code, name, expression) => {
    const recognised = recogniseScript(code)
    expect(recognised.captures).toEqual([{ name, expression, origin: 'script' }])
    expect(recognised.remainder).toEqual([])
  })

  it('status tests become status assertions; anything else is the unrecognised remainder', () => {
    const recognised = recogniseScript(
      [
        '// capture the property',
        'tests["Status code is 201"] = responseCode.code === 201;',
        'pm.test("Status code is 200", function () {',
        '    pm.response.to.have.status(200);',
        '});',
        'postman.setEnvironmentVariable("PROPERTY_ID", JSON.parse(responseBody).data.id);',
        'if (pm.response.json().data.length > 3) { postman.setNextRequest(null) }'
      ].join('\n')
    )
    expect(recognised.assertions).toEqual([
      { expression: 'res.status', operator: 'eq', value: '201', enabled: true },
      { expression: 'res.status', operator: 'eq', value: '200', enabled: true }
    ])
    expect(recognised.captures).toHaveLength(1)
    expect(recognised.remainder.join(' ')).toContain('postman.setNextRequest(null)')
  })

  it('a computed value is not a capture', () => {
    const recognised = recogniseScript('pm.environment.set("X", pm.response.json().data.map(r => r.id).join(","));')
    expect(recognised.captures).toEqual([])
    expect(recognised.remainder).toHaveLength(1)
  })
})

describe('stepRuntime reads a request file’s runtime block', () => {
  it('OpenCollection assertions and set-variable actions, Bruno’s forms, the one-line form and the shorthand capture', () => {
    const runtime = stepRuntime(
      item({
        runtime: {
          assertions: [
            { expression: 'res.status', operator: 'eq', value: '201' },
            { expression: 'res.status', operator: 'eq', value: 200, enabled: true },
            { name: 'res.body.data.id', value: 'isDefined', enabled: true },
            { expression: '$.data', operator: 'isArray', disabled: true },
            'res.headers.content-type contains json'
          ],
          actions: [
            { type: 'set-variable', phase: 'after-response', selector: { expression: 'res.body.data.id', method: 'jsonq' }, variable: { name: 'libraryId', scope: 'runtime' } },
            { type: 'set-variable', name: 'loc', from: 'header', path: 'Location' },
            { type: 'set-variable', disabled: true, selector: { expression: '$.x', method: 'jsonq' }, variable: { name: 'x', scope: 'runtime' } }
          ]
        }
      })
    )
    expect(runtime.problems).toEqual([])
    expect(runtime.assertions.map((a) => `${a.expression} ${a.operator} ${a.value ?? ''}`.trim())).toEqual([
      'res.status eq 201',
      'res.status eq 200',
      'res.body.data.id isDefined',
      'res.headers.content-type contains json'
    ])
    expect(runtime.captures).toEqual([
      { name: 'libraryId', expression: 'res.body.data.id', origin: 'action' },
      { name: 'loc', expression: 'res.headers.location', origin: 'action' }
    ])
  })

  it('poll (under the reactor extension or runtime.poll) and paginate: all', () => {
    const fromReactor = stepRuntime(item(undefined, {}, { poll: { until: { expression: 'res.body.data.attributes.status', operator: 'eq', value: 'succeeded' }, intervalMs: 200, maxAttempts: 5 }, paginate: 'all' }))
    expect(fromReactor.poll).toEqual({ until: { expression: 'res.body.data.attributes.status', operator: 'eq', value: 'succeeded', enabled: true }, intervalMs: 200, maxAttempts: 5 })
    expect(fromReactor.paginate).toBe(true)
    const fromRuntime = stepRuntime(item({ runtime: { poll: { until: '$.data.attributes.status eq succeeded' } }, settings: { paginate: 'all' } }))
    expect(fromRuntime.poll).toMatchObject({ intervalMs: 1000, maxAttempts: 30 })
    expect(fromRuntime.paginate).toBe(true)
  })

  it('names every malformed entry instead of dropping it', () => {
    const runtime = stepRuntime(
      item({
        runtime: {
          assertions: [{ operator: 'eq' }, 'just words', 42],
          actions: [{ type: 'run-script' }, { type: 'set-variable', selector: { expression: '$.id' }, variable: {} }, { type: 'set-variable', name: 'x', from: 'cookie' }],
          poll: { until: 'res.status eq 200', intervalMs: 5, maxAttempts: 100000 }
        },
        settings: { paginate: 'some' }
      })
    )
    expect(runtime.problems).toEqual([
      'runtime.assertions[0] needs "expression" and "operator" (e.g. { expression: res.status, operator: eq, value: "200" }).',
      'runtime.assertions[1]: "just words" is not an assertion; write "EXPRESSION OPERATOR [VALUE]", e.g. "res.status eq 200".',
      'runtime.assertions[2] is not an assertion object (expression, operator, value).',
      'runtime.actions[0]: the action type "run-script" is not one the runner knows (set-variable).',
      'runtime.actions[1] has no variable.name (the variable to set).',
      'runtime.actions[2]: "from" must be body, header or status, not "cookie".',
      'poll.intervalMs must be a whole number from 50 to 60000, not 5.',
      'poll.maxAttempts must be a whole number from 1 to 1000, not 100000.',
      'paginate must be "all" (fetch every page) or absent, not "some".'
    ])
  })

  it('imported scripts are reported as not run (their recognised captures are run)', () => {
    const runtime = stepRuntime(
      item(
        { runtime: { scripts: [{ type: 'tests', code: 'pm.environment.set("X", pm.response.json().data[0].id);\nconsole.log("done")' }, { type: 'before-request', code: 'bru.setVar("t", Date.now())' }] } },
        { docs: 'About it.\n\n## Postman test script (imported, not run by Reactor Explorer)\n\n```js\nfoo()\n```' }
      )
    )
    expect(runtime.captures).toEqual([{ name: 'X', expression: '$.data[0].id', origin: 'script' }])
    expect(runtime.scriptsNotRun.map((s) => s.type)).toEqual(['tests', 'before-request', 'test'])
    expect(runtime.scriptsNotRun[0]!.reason).toMatch(/not run: the runner evaluates no JavaScript \(1 statement not recognised, starting "console.log\("done"\)"\); its 1 capture/)
    expect(runtime.scriptsNotRun[2]!.reason).toContain("the Postman test script kept in the request's docs")
  })
})
