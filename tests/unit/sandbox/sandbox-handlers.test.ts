import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox'
import type { SandboxStatus } from '../../../src/shared/contract'

describe('sandbox:* channels (the Sandbox area)', () => {
  let core: AppCore
  afterEach(async () => {
    await core?.dispose()
  })

  async function newCore(): Promise<AppCore> {
    core = createAppCore({ transport: 'loopback', version: 't', dataDir: await mkdtemp(join(tmpdir(), 'sandbox-area-')), log: () => {} })
    return core
  }

  async function call<T>(channel: string, input?: unknown): Promise<T> {
    const result = await core.dispatcher.dispatch(channel, input)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as T
  }

  it('reports a stopped sandbox with its scenarios, then starts it once however often asked', async () => {
    await newCore()
    const before = await call<SandboxStatus>('sandbox:status')
    expect(before.running).toBe(false)
    expect(before.scenarios.map((scenario) => scenario.name)).toEqual(['working', 'noCompanies', 'noProductProfile', 'wrongSecret'])
    const [a, b] = await Promise.all([call<SandboxStatus>('sandbox:start'), call<SandboxStatus>('sandbox:start')])
    expect(a.running).toBe(true)
    expect(a.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(b.baseUrl).toBe(a.baseUrl)
  })

  it('never sends a scenario’s client secret to the renderer', async () => {
    await newCore()
    const status = JSON.stringify(await call<SandboxStatus>('sandbox:start'))
    for (const credential of Object.values(SANDBOX_CREDENTIALS)) expect(status).not.toContain(credential.clientSecret)
  })

  it('switches a 429 fault on for the next request only, then off', async () => {
    await newCore()
    const status = await call<SandboxStatus>('sandbox:addFault', { kind: 'status', status: 429, retryAfterSeconds: 3, path: '/heartbeat', times: 1 })
    expect(status.faults).toEqual([expect.objectContaining({ kind: 'status', status: 429, path: '/heartbeat', remaining: 1 })])
    const limited = await fetch(`${status.baseUrl}/heartbeat`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect((await call<SandboxStatus>('sandbox:status')).faults).toEqual([])
  })

  it('removes one fault or clears them all', async () => {
    await newCore()
    await call('sandbox:addFault', { kind: 'latency', latencyMs: 10 })
    const both = await call<SandboxStatus>('sandbox:addFault', { kind: 'reset', method: 'GET', path: '/companies' })
    expect(both.faults).toHaveLength(2)
    const one = await call<SandboxStatus>('sandbox:removeFault', { id: both.faults[0]!.id })
    expect(one.faults.map((fault) => fault.kind)).toEqual(['reset'])
    expect((await call<SandboxStatus>('sandbox:clearFaults')).faults).toEqual([])
  })

  it('explains an incomplete fault instead of guessing', async () => {
    await newCore()
    const result = await core.dispatcher.dispatch('sandbox:addFault', { kind: 'status' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(JSON.stringify(result)).toContain('needs a status code')
  })
})
