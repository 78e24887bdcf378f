import { BrowserWindow, ipcMain, MessageChannelMain, type IpcMainInvokeEvent } from 'electron'
import { channelMethods, eventSubscriptions } from '../../shared/channels'
import { TransportErrorCode, type RpcResult } from '../../shared/errors'
import { BODY_STREAM_PORT_CHANNEL } from '../../shared/ipc/requests.channels'
import { OpenBodyStreamInput } from '../../shared/ipc/requests.contract'
import { portSink } from '../core/http/body-stream-port'
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
      if (channel === 'requests:openBodyStream') return openBodyStream(dispatcher, event, input)
      return dispatcher.dispatch(channel, input)
    })
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel))
}

/**
 * A body stream on a MessagePort (issue 12): main keeps one end and posts the stream's frames on it; the
 * other end goes to the calling page (contextBridge cannot carry ports, so the preload passes it on with
 * window.postMessage). Electron's main-side port copies ArrayBuffers rather than transferring them.
 */
function openBodyStream(dispatcher: Dispatcher, event: IpcMainInvokeEvent, input: unknown): RpcResult<{ opened: true }> {
  const parsed = OpenBodyStreamInput.safeParse(input)
  if (!parsed.success) return { ok: false, error: { code: TransportErrorCode.invalidInput, message: 'Invalid input for requests:openBodyStream.' } }
  const { streamId } = parsed.data
  const { port1, port2 } = new MessageChannelMain()
  if (!dispatcher.attachBodyStream(streamId, portSink(port1))) {
    port1.close()
    return { ok: false, error: { code: 'body-stream-unknown', message: 'That response body is no longer streaming (it finished, was cancelled, or was already opened).' } }
  }
  // Started so main hears the page close its end (the reader left): the stream is then released.
  port1.start()
  event.sender.postMessage(BODY_STREAM_PORT_CHANNEL, { streamId }, [port2])
  return { ok: true, value: { opened: true } }
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
