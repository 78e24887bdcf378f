import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { previewImport, previewImportText } from '../../../src/main/core/interchange'
import { MAX_IMPORT_FILE_BYTES, jsonErrorOffset, parseJsonText, positionOf } from '../../../src/main/core/interchange/input-documents'
import { checkAssertion, formatResponseExpression, parseResponseExpression, postmanAssertion, translatePostmanTestScript } from '../../../src/main/core/interchange/response-expressions'

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rx-inputs-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('reading what a person hands to an import', () => {
  it('finds where JSON breaks even when V8 names no position', () => {
    for (const [text, offset] of [
      ['{"a": }', 6],
      ['{"a": 1,}', 8],
      ['[1, 2', 5],
      ['{"a": [1, 2}', 11],
      ['{"a": "x\n"}', 8],
      ['{"a": tru}', 6],
      ['{"a": 1} x', 9]
    ] as const) {
      let message = ''
      try {
        JSON.parse(text)
      } catch (error) {
        message = (error as Error).message
      }
      expect(jsonErrorOffset(text, message), text).toBe(offset)
    }
    expect(positionOf('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 })
  })

  it('refuses a file over the cap before reading it', async () => {
    const big = join(work, 'big.postman_collection.json')
    await writeFile(big, Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 32))
    await expect(previewImport(big)).rejects.toMatchObject({ code: 'import-too-large', message: 'big.postman_collection.json is 20.0 MB; imports read files of at most 20.0 MB.' })
  })

  it('refuses nesting no collection needs, without overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    expect(() => parseJsonText(deep, 'deep.json')).toThrow(/nested more than 64 levels deep/)
    expect(() => previewImportText(`a:\n${Array.from({ length: 80 }, (_v, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`, 'deep.yaml')).toThrow(/nested more than 64 levels/)
  })

  it('a very long line is just data', () => {
    const body = 'x'.repeat(5_000_000)
    const preview = previewImportText(
      JSON.stringify({ info: { name: 'Long', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'big', request: { method: 'POST', url: 'https://example.com/in', body: { mode: 'raw', raw: body } } }] }),
      'long.json'
    )
    expect(preview.report.requests).toBe(1)
  })

  it('says what it expected for anything else, and for empty files and plain folders', async () => {
    expect(() => previewImportText('{"openapi": "3.0.0"}', 'spec.json')).toThrow(/spec\.json is not a format this app imports: expected a Postman collection/)
    expect(() => previewImportText('just: yaml\n', 'notes.yaml')).toThrow(/not a format this app imports/)
    expect(() => previewImportText('   \n', 'empty.json')).toThrow(/empty\.json is empty/)
    const plain = join(work, 'plain-folder')
    await mkdir(plain)
    await expect(previewImport(plain)).rejects.toMatchObject({ code: 'import-unknown-format', message: expect.stringMatching(/without bruno\.json or opencollection\.yml/) })
    await expect(previewImport(join(work, 'missing.json'))).rejects.toMatchObject({ code: 'import-not-found' })
  })
})

describe('response expressions (captures and assertions, no eval)', () => {
  const view = { status: 201, headers: [['X-Request-Id', 'abc']] as Array<[string, string]>, body: { data: { id: 'LB1', attributes: { state: 'development', 'build-required': true } }, list: [{ id: 'a' }] } }

  it('parses, formats and evaluates paths; refuses anything else', () => {
    expect(formatResponseExpression(parseResponseExpression('res.body.data.attributes["build-required"]')!)).toBe('res.body.data.attributes["build-required"]')
    expect(checkAssertion({ expression: 'res.body.list[0].id', operator: 'eq', value: 'a' }, view).passed).toBe(true)
    expect(checkAssertion({ expression: "res.headers['x-request-id']", operator: 'eq', value: 'abc' }, view).passed).toBe(true)
    expect(checkAssertion({ expression: 'res.status', operator: 'in', value: '200,201' }, view).passed).toBe(true)
    expect(checkAssertion({ expression: 'res.status', operator: 'eq', value: '200' }, view)).toMatchObject({ passed: false, message: 'res.status eq 200: got 201' })
    for (const bad of ['res.body.constructor()', 'process.exit()', 'res.body[0', 'res.status.x', "res.body['a']['__proto__'].x()"]) expect(parseResponseExpression(bad), bad).toBeUndefined()
    expect(checkAssertion({ expression: 'res.body.__proto__', operator: 'isDefined' }, view).passed).toBe(false)
  })

  it('translates Postman chaining scripts both ways, and leaves anything else alone', () => {
    expect(translatePostmanTestScript('var res = JSON.parse(responseBody);\npostman.setEnvironmentVariable("LIBRARY_ID", res.data.id);')).toEqual({
      actions: [{ type: 'set-variable', phase: 'after-response', selector: { expression: 'res.body.data.id', method: 'jsonq' }, variable: { name: 'LIBRARY_ID', scope: 'runtime' } }],
      assertions: [],
      droppedLogs: 0
    })
    expect(translatePostmanTestScript('pm.test("ok", function () { pm.response.to.have.status(200); });')?.assertions).toEqual([{ expression: 'res.status', operator: 'eq', value: '200' }])
    const line = postmanAssertion({ expression: 'res.body.data.attributes.state', operator: 'eq', value: 'development' })!
    expect(translatePostmanTestScript(line)?.assertions).toEqual([{ expression: 'res.body.data.attributes.state', operator: 'eq', value: 'development' }])
    expect(translatePostmanTestScript('pm.environment.set("x", pm.response.json().data.find(d => d.ok).id)')).toBeUndefined()
    expect(translatePostmanTestScript('if (pm.response.code === 200) { postman.setNextRequest(null) }')).toBeUndefined()
  })
})
