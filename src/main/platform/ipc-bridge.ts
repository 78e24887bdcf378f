import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channelMethods, eventSubscriptions } from '../../shared/channels'
import { TransportErrorCode, type RpcResult } from '../../shared/errors'
import type { Dispatcher } from '../core/rpc/dispatcher'
import type { EventHub } from '../core/rpc/event-hub'
import { isTrustedSender } from './sender-policy'

export const EVENT_CHANNEL_PREFIX = 'event:'

function senderFacts(event: IpcMainInvokeEvent): Parameters<typeof isTrustedSender>[0] {
  const frame = event.senderFrame
  const window = BrowserWindow.fromWebContents(event.sender)
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && window !== null && frame === window.webContents.mainFrame,
    fromAppWindow: window !== null
  }
}

/**
 * Registers one ipcMain handler per contract channel. Each checks the sender frame before the
 * dispatcher validates input, so a foreign frame never reaches core code.
 */
export function registerIpcHandlers(dispatcher: Dispatcher, devServerOrigin?: string): () => void {
  const channels = Object.keys(channelMethods)
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<RpcResult<unknown>> => {
      if (!isTrustedSender(senderFacts(event), devServerOrigin)) {
        return { ok: false, error: { code: TransportErrorCode.foreignSender, message: 'This caller may not use Reactor Explorer.' } }
      }
      return dispatcher.dispatch(channel, input)
    })
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}

/** Forwards hub events to every app window; the preload strips the IPC event before the renderer sees it. */
export function forwardEvents(events: EventHub): () => void {
  return events.subscribe(({ name, payload }) => {
    if (!(name in eventSubscriptions)) return
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL_PREFIX + name, payload)
    }
  })
}
