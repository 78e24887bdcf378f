import { channelMethods, eventSubscriptions } from '@shared/channels'
import type { WindowApi } from '@shared/contract'
import { TransportErrorCode, type RpcResult } from '@shared/errors'
import { parseJsonResponse } from './parse-envelope'

const TOKEN_KEY = 'reactor-explorer.launch-token'
/** Under Chromium's 64 KiB limit for all keepalive bodies in flight, with room for headers. */
const KEEPALIVE_LIMIT = 60_000

/** Reads the per-launch token from the URL fragment once, then keeps it for reloads of this tab only. */
export function takeLaunchToken(location: Location, storage: Storage): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', location.pathname + location.search)
    return match[1]
  }
  return storage.getItem(TOKEN_KEY) ?? undefined
}

/**
 * The browser-mode bridge: the same WindowApi the Electron preload exposes, carried over HTTP to the
 * loopback transport on this page's own origin.
 */
export function createLoopbackApi(token: string, origin = window.location.origin): WindowApi {
  const api: Record<string, unknown> = {}
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

  for (const [channel, method] of Object.entries(channelMethods)) {
    api[method] = async (input?: unknown): Promise<RpcResult<unknown>> => {
      try {
        const body = JSON.stringify({ input })
        const response = await fetch(`${origin}/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers,
          body,
          // The open tabs are saved once more as the page goes away (reload, closed tab): a keepalive request
          // outlives the page. Browsers cap keepalive bodies at 64 KB, so a larger save goes as usual.
          keepalive: channel === 'requests:saveTabs' && body.length < KEEPALIVE_LIMIT
        })
        return (await parseJsonResponse(response)) as RpcResult<unknown>
      } catch {
        return {
          ok: false,
          error: { code: TransportErrorCode.transportFailed, message: 'Reactor Explorer’s local service stopped answering. Restart it and reload this page.' }
        }
      }
    }
  }

  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let streaming = false
  async function stream(): Promise<void> {
    if (streaming) return
    streaming = true
    try {
      const response = await fetch(`${origin}/events`, { headers: { authorization: headers.authorization } })
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      let buffered = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffered += value
        let newline: number
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim()
          buffered = buffered.slice(newline + 1)
          if (!line) continue
          const event = JSON.parse(line) as { name: string; payload: unknown }
          listeners.get(event.name)?.forEach((listener) => listener(event.payload))
        }
      }
    } catch {
      // The stream ends when the service stops; calls then report transport-failed.
    } finally {
      streaming = false
    }
  }

  for (const [eventName, subscription] of Object.entries(eventSubscriptions)) {
    api[subscription] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(eventName) ?? new Set()
      set.add(listener)
      listeners.set(eventName, set)
      void stream()
      return () => set.delete(listener)
    }
  }
  return Object.freeze(api) as WindowApi
}
