import { describe, expect, it, vi } from 'vitest'
import { channelMethods, type Channel } from '../../src/shared/channels'
import { contract } from '../../src/shared/contract'
import { createDispatcher, type Handlers } from '../../src/main/core/rpc/dispatcher'
import { AppError } from '../../src/shared/errors'
import { SecretRegistry } from '../../src/main/core/security/secret-registry'

function spyHandlers(): Handlers {
  const handlers: Record<string, unknown> = {}
  for (const channel of Object.keys(contract)) handlers[channel] = vi.fn(async () => ({ ok: true }))
  return handlers as Handlers
}

const MALFORMED_INPUTS: unknown[] = [42, 'a string', [], null, true, { __proto__: { polluted: true } }, 'x'.repeat(100_001)]

describe('contract', () => {
  it('names every channel in the bridge and schemas every bridge name (one source of truth)', () => {
    expect(Object.keys(contract).sort()).toEqual(Object.keys(channelMethods).sort())
  })

  it('uses domain:verb channel names', () => {
    for (const channel of Object.keys(contract)) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })
})

describe('dispatcher', () => {
  it.each(Object.keys(contract) as Channel[])('%s rejects malformed input before any core code runs', async (channel) => {
    const handlers = spyHandlers()
    const dispatcher = createDispatcher({ handlers, secrets: new SecretRegistry(), log: () => {} })
    for (const input of MALFORMED_INPUTS) {
      const parsed = contract[channel].input.safeParse(input)
      if (parsed.success) continue // e.g. a channel whose input is optional free text; covered by its own tests
      const result = await dispatcher.dispatch(channel, input)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(handlers[channel]).not.toHaveBeenCalled()
    // Every channel must reject at least a bare number and an array.
    expect(contract[channel].input.safeParse(42).success).toBe(false)
    expect(contract[channel].input.safeParse([]).success).toBe(false)
  })

  it('refuses a channel that is not in the contract', async () => {
    const dispatcher = createDispatcher({ handlers: spyHandlers(), secrets: new SecretRegistry(), log: () => {} })
    expect(await dispatcher.dispatch('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(await dispatcher.dispatch('__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('turns an AppError into its plain shape and an unexpected error into a generic one, never a stack', async () => {
    const handlers = spyHandlers()
    const log = vi.fn()
    const dispatcher = createDispatcher({ handlers, secrets: new SecretRegistry(), log })
    vi.mocked(handlers['app:info']).mockRejectedValueOnce(new AppError('ims-invalid-client', 'Wrong client id or secret.', 'IMS said invalid_client'))
    expect(await dispatcher.dispatch('app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'ims-invalid-client', message: 'Wrong client id or secret.', detail: 'IMS said invalid_client' }
    })
    vi.mocked(handlers['app:info']).mockRejectedValueOnce(new TypeError('cannot read x of undefined'))
    const result = await dispatcher.dispatch('app:info', undefined)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(result)).not.toMatch(/TypeError|at .*\.ts/)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('cannot read x of undefined'))
  })

  it('blocks an answer that contains a tracked secret, and redacts it from error messages and logs', async () => {
    const secret = 'p8e-SECRET-value-123456'
    const secrets = new SecretRegistry()
    secrets.add(secret)
    const handlers = spyHandlers()
    const log = vi.fn()
    const dispatcher = createDispatcher({ handlers, secrets, log })
    vi.mocked(handlers['app:info']).mockResolvedValueOnce({ leaked: `Bearer ${secret}` } as never)
    const blocked = await dispatcher.dispatch('app:info', undefined)
    expect(blocked).toMatchObject({ ok: false, error: { code: 'secret-leak-blocked' } })
    vi.mocked(handlers['app:info']).mockRejectedValueOnce(new AppError('x', `failed with ${secret}`, `detail ${secret}`))
    const redacted = await dispatcher.dispatch('app:info', undefined)
    vi.mocked(handlers['app:info']).mockRejectedValueOnce(new Error(`boom ${secret}`))
    await dispatcher.dispatch('app:info', undefined)
    for (const payload of [blocked, redacted, ...log.mock.calls]) expect(JSON.stringify(payload)).not.toContain(secret)
  })
})
