import { app, BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'

/**
 * Asks where to save a large response body. Main opens the dialog itself: the renderer never names a
 * path on disk, so a compromised page cannot write files where it likes.
 */
export async function chooseSavePath(suggestedName: string): Promise<string | undefined> {
  const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  const options = {
    title: 'Save response body',
    defaultPath: join(app.getPath('downloads'), suggestedName),
    filters: [
      { name: 'JSON', extensions: ['json'] },
      { name: 'All files', extensions: ['*'] }
    ]
  }
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return result.canceled ? undefined : result.filePath
}
