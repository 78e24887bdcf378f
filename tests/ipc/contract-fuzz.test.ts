import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/core/app/create-app-core'
import { contract } from '../../src/shared/contract'
import { SandboxHost } from '../../src/sandbox'

// Every channel of the contract, fed hostile input (wrong types, huge and deep values, prototype-pollution
// keys, unicode edge cases, CRLF/NUL in header names and values, hostile URLs). Each call must come back as a
// typed envelope — never a crash, never a stack — change no state, and main must keep answering a ping.
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    '\u0000',
    'X-Evil\r\nSet-Cookie: a=b',
    'value\r\n\r\nHTTP/1.1 200 OK',
    '\ud800',
    '\u202e\u0301\ufeff',
    '../../../../etc/passwd',
    'C:\\Windows\\System32',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://[::1]:1/',
    'https://user:pass@evil.example/',
    '{{__proto__}}',
    '%00%0d%0a',
    'a'.repeat(70_000)
  )
)
const pollution = fc.constantFrom<Record<string, unknown>>(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"spec":{"__proto__":{"polluted":true},"method":"GET","url":"/x"},"requestId":"p"}')
)
const deep = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = { next: value }
  return value
})
const hostileValue = fc.oneof(
  { depthSize: 'small' },
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }).filter((value) => value !== undefined),
  hostileString,
  pollution,
  deep,
  fc.array(fc.constant({ name: 'X', value: 'y' }), { minLength: 150, maxLength: 600 }),
  fc.record({ requestId: hostileString, profileId: hostileString, spec: fc.record({ method: hostileString, url: hostileString, headers: fc.array(fc.record({ name: hostileString, value: hostileString })) }) }),
  fc.record({ id: hostileString, profileId: hostileString, draft: fc.anything({ maxDepth: 2 }), kind: hostileString, value: hostileString })
)

describe('fuzzing every channel of the contract', () => {
  let dir: string
  let core: AppCore
  const sandbox = new SandboxHost()
  const pings: number[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-fuzz-'))
    core = createAppCore({ transport: 'loopback', version: 'fuzz', dataDir: dir, sandbox, secretStores: [], log: () => undefined })
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  async function ping(): Promise<void> {
    const started = performance.now()
    const answer = await core.dispatcher.dispatch('app:info', undefined)
    pings.push(performance.now() - started)
    expect(answer.ok).toBe(true)
  }

  async function state(): Promise<string> {
    const profiles = await core.dispatcher.dispatch('profiles:list', undefined)
    const settings = await core.dispatcher.dispatch('settings:get', undefined)
    const tabs = await core.dispatcher.dispatch('requests:loadTabs', undefined)
    // History records every send that reached the pipeline, failed ones too: that is its job, not a change.
    return JSON.stringify({ profiles, settings, tabs, files: (await readdir(dir)).filter((name) => name !== 'history').sort() })
  }

  const channels = Object.keys(contract)

  it.each(channels)('%s answers hostile input with a typed error and changes nothing', async (channel) => {
    const before = await state()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(hostileValue, async (input) => {
        const answer = await core.dispatcher.dispatch(channel, input)
        expect(typeof answer.ok).toBe('boolean')
        // Refused before core code ran, or by core: only then must nothing have changed.
        if (answer.ok || answer.error.code !== 'invalid-input') accepted += 1
        if (!answer.ok) {
          expect(answer.error.code).toMatch(/^[a-z][a-z0-9-]*$/)
          expect(typeof answer.error.message).toBe('string')
          expect(JSON.stringify(answer)).not.toMatch(/\n\s+at |Error: .*\n/)
          // Bugs surface as `internal`; hostile input is the caller's fault and must be named as such.
          expect(answer.error.code).not.toBe('internal')
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { numRuns: 40, seed: 20261201 }
    )
    await ping()
    // A hostile value that happened to be valid (a history setting in range) may change what it names.
    if (accepted === 0) expect(await state()).toBe(before)
  })

  it('main kept answering a ping throughout', () => {
    expect(pings.length).toBe(channels.length)
    const sorted = [...pings].sort((a, b) => a - b)
    // The median ping is the promise of the issue (100 ms); the worst one only has to be bounded on a noisy box.
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(100)
    expect(sorted.at(-1)).toBeLessThan(2000)
  })

  it('near-valid sends with CRLF/NUL in header names and values, and hostile URLs, are typed errors before any byte leaves', async () => {
    const specs = [
      { method: 'GET', url: 'http://127.0.0.1:1/', headers: [{ name: 'X-Evil\r\nSet-Cookie', value: 'a' }] },
      { method: 'GET', url: 'http://127.0.0.1:1/', headers: [{ name: 'X-Ok', value: 'a\r\nInjected: yes' }] },
      { method: 'GET', url: 'http://127.0.0.1:1/', headers: [{ name: 'X-Nul', value: 'a\u0000b' }] },
      { method: 'GET', url: 'file:///etc/passwd' },
      { method: 'GET', url: 'javascript:alert(1)' },
      { method: 'GET', url: 'http://' },
      { method: 'GET', url: '/companies' },
      { method: 'POST', url: 'http://127.0.0.1:1/', body: { type: 'binary', path: '/dev/zero' } },
      { method: 'POST', url: 'http://127.0.0.1:1/', body: { type: 'multipart', parts: [{ kind: 'file', name: 'f', path: '/etc' }] } }
    ]
    for (const spec of specs) {
      const answer = await core.dispatcher.dispatch('requests:send', { requestId: 'near', spec })
      expect(answer, JSON.stringify(spec)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(http|request|invalid|profile)-?[a-z-]*$/) } })
      expect((answer as { error: { code: string } }).error.code).not.toBe('internal')
    }
  })

  it('an unknown channel and a prototype key as a channel are typed errors', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'requests:send\u0000', 'x'.repeat(10_000)]) {
      expect(await core.dispatcher.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    }
  })
})
