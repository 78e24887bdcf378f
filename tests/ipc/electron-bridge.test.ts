import { beforeEach, describe, expect, it, vi } from 'vitest'

// A mocked electron: the binary cannot run on the build machines, and these tests are about our code.
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
/** The ports main made for body streams: node's own, so frames posted on one end arrive at the other. */
const channels: Array<import('node:worker_threads').MessageChannel> = []
const windows = new Map<object, { webContents: { mainFrame: object } }>()
vi.mock('electron', async () => {
  const { MessageChannel } = await import('node:worker_threads')
  return {
    ipcMain: {
      handle: vi.fn((channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel))
    },
    MessageChannelMain: vi.fn(function MessageChannelMain() {
      const channel = new MessageChannel()
      channels.push(channel)
      return channel
    }),
    BrowserWindow: {
      fromWebContents: vi.fn((contents: object) => windows.get(contents) ?? null),
      getAllWindows: vi.fn(() => [...windows.values()])
    }
  }
})

import type { RpcResult } from '../../src/shared/errors'
import type { BodyStreamSink } from '../../src/main/core/http/body-streams'
import { BODY_STREAM_PORT_CHANNEL } from '../../src/shared/ipc/requests.channels'

const { registerIpcHandlers } = await import('../../src/main/platform/ipc-bridge')
const { channelMethods } = await import('../../src/shared/channels')

function appWindow() {
  const sender = {}
  const mainFrame = { url: 'app://reactor-explorer/index.html' }
  windows.set(sender, { webContents: { mainFrame } })
  return { sender, mainFrame }
}

describe('Electron IPC bridge', () => {
  const dispatch = vi.fn(async (_channel: string, _input: unknown): Promise<RpcResult<unknown>> => ({ ok: true, value: 'answer' }))
  const attached: Array<{ streamId: string; sink: BodyStreamSink }> = []
  const attachBodyStream = vi.fn((streamId: string, sink: BodyStreamSink) => {
    if (streamId !== 'known') return false
    attached.push({ streamId, sink })
    return true
  })
  beforeEach(() => {
    handlers.clear()
    windows.clear()
    dispatch.mockClear()
    attachBodyStream.mockClear()
    attached.length = 0
    registerIpcHandlers({ dispatch, attachBodyStream, hasBodyStream: () => true })
  })

  it('opens a body stream on a MessagePort and hands the other end to the calling page', async () => {
    const { sender, mainFrame } = appWindow()
    const postMessage = vi.fn()
    const result = await handlers.get('requests:openBodyStream')!({ sender: Object.assign(sender, { postMessage }), senderFrame: mainFrame }, { streamId: 'known' })
    expect(result).toEqual({ ok: true, value: { opened: true } })
    expect(dispatch).not.toHaveBeenCalled()
    expect(postMessage).toHaveBeenCalledTimes(1)
    const [channel, message, ports] = postMessage.mock.calls[0]! as [string, unknown, unknown[]]
    expect(channel).toBe(BODY_STREAM_PORT_CHANNEL)
    expect(message).toEqual({ streamId: 'known' })
    expect(ports).toEqual([channels[0]!.port2])
    // A frame the stream writes arrives on the page's end as an ArrayBuffer.
    const received = new Promise<unknown>((resolve) => channels[0]!.port2.once('message', resolve))
    attached[0]!.sink.write(new Uint8Array([1, 0, 0, 0, 1, 65]))
    expect(new Uint8Array((await received) as ArrayBuffer)).toEqual(new Uint8Array([1, 0, 0, 0, 1, 65]))
    attached[0]!.sink.end()
    channels[0]!.port2.close()
  })

  it('refuses to open an unknown stream, and invalid input, with a clear error', async () => {
    const { sender, mainFrame } = appWindow()
    const postMessage = vi.fn()
    const event = { sender: Object.assign(sender, { postMessage }), senderFrame: mainFrame }
    expect(await handlers.get('requests:openBodyStream')!(event, { streamId: 'gone' })).toMatchObject({ ok: false, error: { code: 'body-stream-unknown' } })
    expect(await handlers.get('requests:openBodyStream')!(event, { streamId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(postMessage).not.toHaveBeenCalled()
  })

  it('registers exactly one handler per contract channel', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.keys(channelMethods).sort())
  })

  it('passes a call from our window’s top frame on our origin to the dispatcher', async () => {
    const { sender, mainFrame } = appWindow()
    const result = await handlers.get('app:info')!({ sender, senderFrame: mainFrame }, undefined)
    expect(result).toEqual({ ok: true, value: 'answer' })
    expect(dispatch).toHaveBeenCalledWith('app:info', undefined)
  })

  it.each([
    ['a sub-frame of our window', (w: ReturnType<typeof appWindow>) => ({ sender: w.sender, senderFrame: { url: 'app://reactor-explorer/index.html' } })],
    ['a frame that navigated away (senderFrame null)', (w: ReturnType<typeof appWindow>) => ({ sender: w.sender, senderFrame: null })],
    ['a window we did not create', () => ({ sender: {}, senderFrame: { url: 'app://reactor-explorer/index.html' } })],
    [
      'our window showing another origin',
      (w: ReturnType<typeof appWindow>) => {
        w.mainFrame.url = 'https://evil.example/'
        return { sender: w.sender, senderFrame: w.mainFrame }
      }
    ],
    [
      'a file:// page',
      (w: ReturnType<typeof appWindow>) => {
        w.mainFrame.url = 'file:///tmp/index.html'
        return { sender: w.sender, senderFrame: w.mainFrame }
      }
    ]
  ])('rejects %s on every channel without reaching core code', async (_name, makeEvent) => {
    for (const channel of handlers.keys()) {
      const result = await handlers.get(channel)!(makeEvent(appWindow()), undefined)
      expect(result).toMatchObject({ ok: false, error: { code: 'foreign-sender' } })
    }
    expect(dispatch).not.toHaveBeenCalled()
    expect(attachBodyStream).not.toHaveBeenCalled()
  })
})
