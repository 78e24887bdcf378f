import { beforeEach, describe, expect, it, vi } from 'vitest'

// A mocked electron: the binary cannot run on the build machines, and these tests are about our code.
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
const windows = new Map<object, { webContents: { mainFrame: object } }>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel))
  },
  BrowserWindow: {
    fromWebContents: vi.fn((contents: object) => windows.get(contents) ?? null),
    getAllWindows: vi.fn(() => [...windows.values()])
  }
}))

import type { RpcResult } from '../../src/shared/errors'

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
  beforeEach(() => {
    handlers.clear()
    windows.clear()
    dispatch.mockClear()
    registerIpcHandlers({ dispatch })
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
  })
})
