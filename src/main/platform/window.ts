import { app, BrowserWindow, screen, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { isAllowedExternalUrl } from '../core/security/external-links'
import { debounce, MIN_WINDOW_SIZE, placeWindow, type WindowState } from './window-state'
import { openWindowStateStore, type WindowStateStore } from './window-state-store'

/** A drag or a resize fires dozens of events a second; one write after the person stops is enough. */
const SAVE_DELAY_MS = 400

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

let windowStateStore: WindowStateStore | undefined

/** The window reopens where it was left (see window-state.ts for the rules) and remembers where it is now. */
function rememberWindowState(window: BrowserWindow, store: WindowStateStore): void {
  const current = (): WindowState => ({
    bounds: window.getNormalBounds(),
    maximized: window.isMaximized(),
    zoomLevel: window.webContents.getZoomLevel()
  })
  const save = debounce(() => {
    if (!window.isDestroyed()) store.write(current())
  }, SAVE_DELAY_MS)
  window.on('resize', () => save.schedule())
  window.on('move', () => save.schedule())
  window.on('maximize', () => save.schedule())
  window.on('unmaximize', () => save.schedule())
  // Ctrl+wheel emits zoom-changed; the View menu's zoom roles do not, which is why close saves the level too.
  window.webContents.on('zoom-changed', () => save.schedule())
  window.on('close', () => {
    save.cancel()
    store.write(current())
  })
}

export function createMainWindow(startUrl: string, options: { devTools: boolean }): BrowserWindow {
  windowStateStore ??= openWindowStateStore()
  const primary = screen.getPrimaryDisplay()
  const placement = placeWindow(windowStateStore.read(), screen.getAllDisplays(), primary)
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
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
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  // Chromium keeps zoom per origin in memory only; set it again once the page is there.
  window.webContents.on('did-finish-load', () => window.webContents.setZoomLevel(placement.zoomLevel))
  rememberWindowState(window, windowStateStore)
  void window.loadURL(startUrl)
  return window
}
