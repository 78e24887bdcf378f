import { contextBridge, ipcRenderer } from 'electron'
import { channelMethods, eventSubscriptions } from '../shared/channels'

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

contextBridge.exposeInMainWorld('api', Object.freeze(api))
