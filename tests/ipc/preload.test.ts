import { describe, expect, it, vi } from 'vitest'

const exposed: Record<string, unknown> = {}
const invoke = vi.fn(async () => ({ ok: true, value: null }))
const on = vi.fn()
const removeListener = vi.fn()
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) },
  ipcRenderer: { invoke, on, removeListener }
}))

// The preload forwards body-stream ports to its page: a stand-in window records what it posts.
const pagePost = vi.fn()
;(globalThis as { window?: unknown }).window = { postMessage: pagePost }

await import('../../src/preload/index')
const { BODY_STREAM_PORT_CHANNEL, BODY_STREAM_PORT_MESSAGE } = await import('../../src/shared/ipc/requests.channels')
const { channelMethods, eventSubscriptions } = await import('../../src/shared/channels')

describe('preload bridge', () => {
  it('exposes only `api`, frozen, with exactly one function per contract channel and event', () => {
    expect(Object.keys(exposed)).toEqual(['api'])
    const api = exposed['api'] as Record<string, unknown>
    expect(Object.isFrozen(api)).toBe(true)
    const expected = [...Object.values(channelMethods), ...Object.values(eventSubscriptions)].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('ipcRenderer')
  })

  it('maps each function to its own channel', async () => {
    const api = exposed['api'] as Record<string, (input?: unknown) => Promise<unknown>>
    for (const [channel, method] of Object.entries(channelMethods)) {
      invoke.mockClear()
      await api[method]!({ probe: method })
      expect(invoke).toHaveBeenCalledWith(channel, { probe: method })
    }
  })

  it('forwards a body stream’s port to its own page only, with the stream id and nothing of the IPC event', () => {
    const forward = on.mock.calls.find(([channel]) => channel === BODY_STREAM_PORT_CHANNEL)![1] as (event: unknown, message: unknown) => void
    const port = { a: 'port' }
    forward({ sender: { secretive: true }, ports: [port] }, { streamId: 's-1' })
    expect(pagePost).toHaveBeenCalledWith({ type: BODY_STREAM_PORT_MESSAGE, streamId: 's-1' }, '/', [port])
    pagePost.mockClear()
    // Malformed messages are dropped.
    forward({ ports: [] }, { streamId: 's-2' })
    forward({ ports: [port] }, { streamId: 7 })
    expect(pagePost).not.toHaveBeenCalled()
  })

  it('hands listeners the payload only, never the IpcRendererEvent, and unsubscribes', () => {
    const api = exposed['api'] as Record<string, (listener: (payload: unknown) => void) => () => void>
    const [eventName, subscription] = Object.entries(eventSubscriptions)[0]!
    const listener = vi.fn()
    const unsubscribe = api[subscription]!(listener)
    const forward = on.mock.calls.find(([channel]) => channel === `event:${eventName}`)![1] as (event: unknown, payload: unknown) => void
    forward({ sender: { secretive: true } }, { hello: 'world' })
    expect(listener).toHaveBeenCalledWith({ hello: 'world' })
    expect(listener.mock.calls[0]).toHaveLength(1)
    unsubscribe()
    expect(removeListener).toHaveBeenCalledWith(`event:${eventName}`, forward)
  })
})
