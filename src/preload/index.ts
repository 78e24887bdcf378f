import { contextBridge, ipcRenderer } from 'electron'
import { channelMethods, eventSubscriptions } from '../shared/channels'
import { BODY_STREAM_PORT_CHANNEL, BODY_STREAM_PORT_MESSAGE } from '../shared/ipc/requests.channels'

// The whole bridge. One named function per contract channel, one `on<Event>` per event; the renderer
// never gets ipcRenderer, a generic invoke, or an IpcRendererEvent (whose `sender` would leak).
const api: Record<string, unknown> = {}

for (const [channel, method] of Object.entries(channelMethods)) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(channel, input)
}

for (const [eventName, subscription] of Object.entries(eventSubscriptions)) {
  api[subscription] = (listener: (payload: unknown) => void) => {
    const forward = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(`event:${eventName}`, forward)
    return () => ipcRenderer.removeListener(`event:${eventName}`, forward)
  }
}

// A body stream's MessagePort (after `openBodyStream`, issue 12): contextBridge cannot carry ports, so it
// reaches the page as a window message to this same page ('/': its own origin only), with the stream id.
ipcRenderer.on(BODY_STREAM_PORT_CHANNEL, (event, message: { streamId?: unknown }) => {
  if (typeof message?.streamId !== 'string' || event.ports.length !== 1) return
  window.postMessage({ type: BODY_STREAM_PORT_MESSAGE, streamId: message.streamId }, '/', event.ports)
})

contextBridge.exposeInMainWorld('api', Object.freeze(api))
