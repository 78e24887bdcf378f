import { app, BrowserWindow, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { isAllowedExternalUrl } from '../core/security/external-links'

function openExternalIfAllowed(rawUrl: string): void {
  if (isAllowedExternalUrl(rawUrl)) void shell.openExternal(new URL(rawUrl).toString())
}

/** Applied to every webContents ever created, so a future window cannot forget a rule. */
export function hardenAllWebContents(options: { allowDevTools: boolean }): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Packaged builds: DevTools stay shut even if something opens them (a shortcut, a library).
    if (!options.allowDevTools) contents.on('devtools-opened', () => contents.closeDevTools())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfAllowed(url)
      return { action: 'deny' }
    })
    // The UI is a single page: any navigation is either a bug or an attack.
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-frame-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  // Electron grants permission requests by default; this app needs none (no camera, no notifications...).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}

export function createMainWindow(startUrl: string, options: { devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Reactor Explorer',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(startUrl)
  return window
}
