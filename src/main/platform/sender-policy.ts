/** The origin the app window is served from (see platform/app-protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'reactor-explorer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export interface SenderFacts {
  /** null when the frame navigated away or was destroyed before the call arrived. */
  frameUrl: string | null
  isMainFrame: boolean
  /** Whether the calling webContents belongs to a window this app created. */
  fromAppWindow: boolean
}

/**
 * Only our own window's top frame, showing our own origin, may call main. Rejects sub-frames, webviews,
 * windows we did not create, and a window that was navigated elsewhere.
 */
export function isTrustedSender(facts: SenderFacts, devServerOrigin?: string): boolean {
  if (!facts.fromAppWindow || !facts.isMainFrame || !facts.frameUrl) return false
  let origin: string
  try {
    const url = new URL(facts.frameUrl)
    origin = url.protocol === `${APP_SCHEME}:` ? `${url.protocol}//${url.host}` : url.origin
  } catch {
    return false
  }
  return origin === APP_ORIGIN || (devServerOrigin !== undefined && origin === devServerOrigin)
}
