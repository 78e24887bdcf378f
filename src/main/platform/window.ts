import { app, BrowserWindow, screen, session, shell, type WebContents } from 'electron'
import { join } from 'node:path'
import { isAllowedExternalUrl } from '../core/security/external-links'
import { DEFAULT_WINDOW_SIZE, debounce, MIN_WINDOW_SIZE, placeWindow, type WindowState } from './window-state'
import type { WindowStateStore } from './window-state-store'

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

let windowStateStore: Promise<WindowStateStore> | undefined

/**
 * The store is loaded on first use, not imported: electron-store reaches for Electron's app paths when it loads,
 * which only the real shell has (tests that mock electron load this module without it).
 */
function loadWindowStateStore(): Promise<WindowStateStore> {
  windowStateStore ??= import('./window-state-store').then(({ openWindowStateStore }) => openWindowStateStore())
  return windowStateStore
}

/** Moves the hidden window to where it was left (see window-state.ts for the rules) and remembers where it is now. */
async function restoreAndRememberWindowState(window: BrowserWindow): Promise<{ maximized: boolean }> {
  const store = await loadWindowStateStore()
  const placement = placeWindow(store.read(), screen.getAllDisplays(), screen.getPrimaryDisplay())
  window.setBounds(placement.bounds)
  // Chromium keeps zoom per origin in memory only; set it again whenever the page (re)loads.
  window.webContents.on('did-finish-load', () => window.webContents.setZoomLevel(placement.zoomLevel))

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
  return { maximized: placement.maximized }
}

export function createMainWindow(startUrl: string, options: { devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    ...DEFAULT_WINDOW_SIZE,
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
  // Shown once the page is ready and the window stands where it was left; a state that cannot be read or
  // applied leaves the default size, centred (the window still opens).
  const restored = restoreAndRememberWindowState(window).catch((error: unknown) => {
    console.warn('Reactor Explorer opens with the default window size:', error instanceof Error ? error.message : error)
    return { maximized: false }
  })
  const readyToShow = new Promise<void>((resolve) => window.once('ready-to-show', () => resolve()))
  void Promise.all([restored, readyToShow]).then(([{ maximized }]) => {
    if (window.isDestroyed()) return
    if (maximized) window.maximize()
    window.show()
  })
  void window.loadURL(startUrl)
  return window
}
