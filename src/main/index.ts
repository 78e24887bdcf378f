import { app, BrowserWindow, clipboard } from 'electron'
import { join } from 'node:path'
import { createAppCore, type AppCore } from './core/app/create-app-core'
import { defaultDataDir } from './core/app/data-dir'
import { APP_ORIGIN } from './platform/sender-policy'
import { installApplicationMenu } from './platform/app-menu'
import { registerAppScheme, serveRenderer } from './platform/app-protocol'
import { forwardEvents, registerIpcHandlers } from './platform/ipc-bridge'
import { keytarCandidate } from './core/secrets/keytar-secret-store'
import { chooseSavePath } from './platform/save-dialog'
import { safeStorageCandidate } from './platform/safe-storage-secret-store'
import { devServerUrl as trustedDevServerUrl } from './platform/dev-server'
import { createMainWindow, hardenAllWebContents } from './platform/window'

// One instance: a second launch focuses the running window instead of opening a second core on the same
// data folder (two writers of profiles.json and tabs.json).
const primaryInstance = app.requestSingleInstanceLock()
if (!primaryInstance) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
}

// Sandbox every renderer, including any created by a library, before anything else runs.
app.enableSandbox()
registerAppScheme()
// One data folder for the app, browser mode and the CLI (see core/app/data-dir.ts).
app.setPath('userData', defaultDataDir())

let core: AppCore | undefined

async function start(): Promise<void> {
  await app.whenReady()
  hardenAllWebContents({ allowDevTools: !app.isPackaged })
  installApplicationMenu()
  serveRenderer(join(__dirname, '../renderer'))

  const userData = app.getPath('userData')
  core = createAppCore({
    transport: 'electron',
    version: app.getVersion(),
    dataDir: userData,
    // Secrets policy (DESIGN.md): keytar, then safeStorage where an OS keyring backs it, then memory.
    secretStores: [keytarCandidate(), safeStorageCandidate(userData)],
    writeClipboard: (text) => clipboard.writeText(text),
    chooseSavePath
  })
  // The dev server origin is trusted only in an `electron-vite dev` run; every build loads app:// alone.
  const devServerUrl = trustedDevServerUrl({ isDevBuild: import.meta.env.DEV, isPackaged: app.isPackaged, env: process.env })
  registerIpcHandlers(core.dispatcher, devServerUrl ? new URL(devServerUrl).origin : undefined)
  forwardEvents(core.events)

  const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`
  const windowOptions = { devTools: !app.isPackaged }
  createMainWindow(startUrl, windowOptions)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(startUrl, windowOptions)
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
// Quit waits once for the core to close (sandbox, connection pools, temporary response bodies).
let disposed = false
app.on('will-quit', (event) => {
  if (!core || disposed) return
  event.preventDefault()
  disposed = true
  void core.dispose().finally(() => app.quit())
})

if (primaryInstance) {
  start().catch((error: unknown) => {
    console.error('Reactor Explorer could not start:', error instanceof Error ? error.message : error)
    app.exit(1)
  })
}
