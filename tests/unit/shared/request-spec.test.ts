import { describe, expect, it } from 'vitest'
import { newRequestSpec, parseRequestSpec, requestSpec, sendsBody, serializeRequestSpec } from '../../../src/shared/requests/request-spec'

describe('RequestSpec: one document, parsed and serialised by one module', () => {
  it('applies defaults: auth inherits from the profile, no body, schema version 1', () => {
    const spec = requestSpec({ method: 'GET', url: '/companies' })
    expect(spec).toMatchObject({ schemaVersion: 1, name: 'Untitled request', params: [], headers: [], body: { type: 'none' }, auth: { type: 'inherit' }, options: {}, variables: [] })
  })

  it('keeps unknown fields at every level through parse → serialise → parse', () => {
    const written = {
      schemaVersion: 1,
      name: 'List rules',
      method: 'GET',
      url: '/properties/{{propertyId}}/rules',
      params: [{ name: 'page[size]', value: '25', enabled: true, note: 'row extension' }],
      headers: [{ name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: false }],
      body: { type: 'json', text: '{"a":1}', futureFlag: true },
      auth: { type: 'inherit', scopeHint: 'reactor' },
      options: { timeoutMs: 5000, newOption: 'x' },
      variables: [{ name: 'propertyId', value: 'PR1', enabled: true }],
      reactor: { operationId: 'listRules', pickedIds: { properties: 'PR1' }, extra: [1, 2] },
      docs: '# written by a newer app'
    }
    const parsed = parseRequestSpec(written)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const serialised = serializeRequestSpec(parsed.spec)
    expect(serialised).toEqual(written)
    const again = parseRequestSpec(JSON.parse(JSON.stringify(serialised)))
    expect(again.ok && serializeRequestSpec(again.spec)).toEqual(written)
  })

  it('serialises known keys in a fixed order whatever order they came in (stable diffs)', () => {
    const a = serializeRequestSpec(requestSpec({ url: '/x', method: 'GET', name: 'n', headers: [{ value: 'v', name: 'H', enabled: true }] }))
    const b = serializeRequestSpec(requestSpec({ name: 'n', method: 'GET', headers: [{ enabled: true, name: 'H', value: 'v' }], url: '/x' }))
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(Object.keys(a).slice(0, 4)).toEqual(['schemaVersion', 'name', 'method', 'url'])
  })

  it('every body kind and auth kind parses', () => {
    const bodies = [
      { type: 'none' },
      { type: 'json', text: '{}' },
      { type: 'text', text: 'hi', contentType: 'text/csv' },
      { type: 'form-urlencoded', fields: [{ name: 'a', value: '1' }] },
      { type: 'multipart', parts: [{ kind: 'text', name: 'a', value: '1' }, { kind: 'file', name: 'package', path: '/tmp/p.zip' }] },
      { type: 'binary', path: '/tmp/blob.bin' }
    ]
    for (const body of bodies) expect(parseRequestSpec({ method: 'POST', url: '/x', body }).ok, body.type).toBe(true)
    for (const auth of [{ type: 'inherit' }, { type: 'none' }, { type: 'headers', headers: [{ name: 'Authorization', value: 'Bearer x' }] }]) {
      expect(parseRequestSpec({ method: 'GET', url: '/x', auth }).ok, auth.type).toBe(true)
    }
  })

  it('names each problem of a bad document with its path, and refuses a newer version with a sentence', () => {
    const bad = parseRequestSpec({ method: 'FETCH', url: 7, headers: [{ name: 'x' }] })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    const paths = bad.problems.map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining(['method', 'url', 'headers.0.value']))
    const newer = parseRequestSpec({ schemaVersion: 9, method: 'GET', url: '/x' })
    expect(newer).toEqual({ ok: false, problems: [{ path: 'schemaVersion', message: expect.stringMatching(/newer Reactor Explorer.*version 9/) }] })
    expect(parseRequestSpec(null).ok).toBe(false)
    expect(parseRequestSpec('GET /x').ok).toBe(false)
  })

  it('a body goes only with a body-taking method and some content', () => {
    expect(sendsBody(newRequestSpec({ method: 'GET', body: { type: 'json', text: '{}' } }))).toBe(false)
    expect(sendsBody(newRequestSpec({ method: 'POST', body: { type: 'json', text: '  ' } }))).toBe(false)
    expect(sendsBody(newRequestSpec({ method: 'PATCH', body: { type: 'json', text: '{}' } }))).toBe(true)
    expect(sendsBody(newRequestSpec({ method: 'POST', body: { type: 'form-urlencoded', fields: [{ name: 'a', value: '', enabled: false }] } }))).toBe(false)
  })
})
