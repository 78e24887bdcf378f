// Where the page runs: inside the desktop app (the Electron bridge) or in a browser against the loopback core
// (browser mode). It decides how an export leaves: in the app main shows its save dialog and writes the file;
// in browser mode main has no dialog, so the bytes come back and the page offers them as a download.
import type { AppInfo } from '@shared/contract'
import { api, unwrap } from './client'

let transport: Promise<AppInfo['transport'] | undefined> | undefined

/**
 * The transport, asked of main once per window. `undefined` when it cannot be told (no bridge on the page, or
 * the question failed); a failed answer is not remembered, so the next export asks again.
 */
export function appTransport(): Promise<AppInfo['transport'] | undefined> {
  if (!window.api) return Promise.resolve(undefined)
  transport ??= unwrap(api().getAppInfo()).then(
    (info) => info.transport,
    () => {
      transport = undefined
      return undefined
    }
  )
  return transport
}

/** True only in the desktop app; an unknown transport counts as browser mode (a download always works). */
export async function savesThroughMainDialog(): Promise<boolean> {
  return (await appTransport()) === 'electron'
}
