import { Menu, type MenuItemConstructorOptions } from 'electron'

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
    { label: 'Window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'front' as const }] : [])] }
  ]
}

export function installApplicationMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform)))
}
