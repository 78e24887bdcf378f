// The structural diff the UI shows side by side: status, headers, JSON bodies key by key, JSON inside JSON
// strings (Reactor settings), volatile fields marked instead of reported as changes.
import { describe, expect, it } from 'vitest'
import { diffResponses } from '../../../src/main/core/interchange/response-diff'

describe('diffResponses', () => {
  it('reports status, added/removed/changed keys and array items', () => {
    const diff = diffResponses(
      { status: 200, headers: [['content-type', 'application/json']], body: '{"a":1,"b":[1,2],"gone":true}' },
      { status: 404, headers: [['content-type', 'application/json'], ['x-new', '1']], body: '{"a":2,"b":[1,2,3],"new":"x"}' }
    )
    expect(diff.status).toEqual({ path: 'status', kind: 'changed', left: '200', right: '404' })
    expect(diff.headers).toEqual([
      { path: 'headers.content-type', kind: 'same', left: 'application/json', right: 'application/json' },
      { path: 'headers.x-new', kind: 'added', right: '1' }
    ])
    expect(diff.body).toEqual([
      { path: 'body.a', kind: 'changed', left: '1', right: '2' },
      { path: 'body.b[0]', kind: 'same', left: '1', right: '1' },
      { path: 'body.b[1]', kind: 'same', left: '2', right: '2' },
      { path: 'body.b[2]', kind: 'added', right: '3' },
      { path: 'body.gone', kind: 'removed', left: 'true' },
      { path: 'body.new', kind: 'added', right: '"x"' }
    ])
    expect(diff.summary).toEqual({ same: 3, changed: 2, added: 3, removed: 1, volatile: 0 })
  })

  it('marks timestamps, request ids and per-org ids volatile, and compares inside JSON-encoded settings', () => {
    const left = { data: { id: 'RL' + 'a'.repeat(32), attributes: { settings: '{"source":"a","global":false}', created_at: '2026-01-01T00:00:00Z', revision_number: 3 }, meta: { request_id: 'x1' } } }
    const right = { data: { id: 'RL' + 'b'.repeat(32), attributes: { settings: '{"source":"b","global":false}', created_at: '2026-02-02T00:00:00.123Z', revision_number: 4 }, meta: { request_id: 'x2' } } }
    const diff = diffResponses({ status: 200, headers: [['Date', 'a'], ['x-request-id', '1']], body: JSON.stringify(left) }, { status: 200, headers: [['date', 'b'], ['x-request-id', '2']], body: JSON.stringify(right) }, { volatileKeys: ['revision_number'] })
    const kinds = Object.fromEntries(diff.body.map((row) => [row.path, row.kind]))
    expect(kinds).toEqual({
      'body.data.id': 'volatile',
      'body.data.attributes.settings(json).source': 'changed',
      'body.data.attributes.settings(json).global': 'same',
      'body.data.attributes.created_at': 'volatile',
      'body.data.attributes.revision_number': 'volatile',
      'body.data.meta.request_id': 'volatile'
    })
    expect(diff.headers.every((row) => row.kind === 'volatile')).toBe(true)
  })

  it('compares non-JSON bodies as text and caps the rows', () => {
    expect(diffResponses({ status: 500, headers: [], body: 'oops' }, { status: 500, headers: [], body: 'oops!' }).body).toEqual([{ path: 'body', kind: 'changed', left: 'oops', right: 'oops!' }])
    expect(diffResponses({ status: 204, headers: [] }, { status: 204, headers: [] }).bodyKind).toBe('empty')
    const many = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])))
    const capped = diffResponses({ status: 200, headers: [], body: many(50) }, { status: 200, headers: [], body: many(50) }, { maxRows: 10 })
    expect(capped.body).toHaveLength(10)
    expect(capped.truncated).toBe(true)
    expect(capped.summary.same).toBe(51)
  })
})
