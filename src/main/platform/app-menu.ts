import { BrowserWindow, Menu, type BaseWindow, type MenuItemConstructorOptions } from 'electron'

/**
 * Help → Welcome presses F1 in the window, which the renderer's welcome listens for (browser mode has no menu, so
 * the key is the one way both share, and no IPC channel is needed for a dialog the renderer owns). The accelerator
 * is shown but not registered, so F1 typed on the keyboard reaches the page the same way.
 */
function pressF1(window: BaseWindow | undefined): void {
  const target = window instanceof BrowserWindow ? window : BrowserWindow.getFocusedWindow()
  if (!target || target.isDestroyed()) return
  target.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'F1' })
  target.webContents.sendInputEvent({ type: 'keyUp', keyCode: 'F1' })
}

/**
 * The application menu. Electron's default menu binds Ctrl/Cmd+W (close window) and Ctrl/Cmd+R (reload), which
 * would take the request tabs' own shortcuts (Ctrl/Cmd+T new tab, Ctrl/Cmd+W close tab, Ctrl+Tab next tab) and
 * reload the UI mid-edit. This menu keeps the standard edit, view and window roles without those accelerators,
 * so the keys reach the renderer.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]
    },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
    },
    // Minimise only: closing the window stays on the title bar, so Ctrl/Cmd+W closes a request tab.
    { label: 'Window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'front' as const }] : [])] },
    {
      role: 'help',
      submenu: [{ label: 'Welcome', accelerator: 'F1', registerAccelerator: false, click: (_item, window) => pressF1(window) }]
    }
  ]
}

export function installApplicationMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform)))
}
