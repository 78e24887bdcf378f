import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { _electron as electron } from 'playwright-core'
// @ts-expect-error: a plain .mjs helper shared with scripts/start-electron.mjs
import { findElectronBinary } from '../../scripts/electron-binary.mjs'

const binary = (findElectronBinary as () => string | undefined)()
const root = resolve(__dirname, '../..')
if (!binary) {
  console.warn('e2e-electron skipped: no Electron binary is installed here (it cannot be downloaded on this machine); the e2e-web layer covers the UI against the real core.')
}

describe.skipIf(!binary)('the packaged shell (real Electron)', () => {
  it('opens a hardened window whose renderer has the bridge and nothing else', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [root, '--no-sandbox'], cwd: root })
    try {
      const page = await app.firstWindow()
      await page.waitForSelector('[data-app-state="ready"]')
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
      expect(await page.evaluate(() => Object.keys(window.api).includes('getAppInfo'))).toBe(true)
      // getLastWebPreferences is public API but missing from electron.d.ts.
      const prefs = await app.evaluate(({ BrowserWindow }) =>
        (BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): unknown }).getLastWebPreferences()
      )
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
      expect(page.url()).toBe('app://reactor-explorer/index.html')
      await page.evaluate(() => window.open('https://example.com'))
      expect(app.windows()).toHaveLength(1)
    } finally {
      await app.close()
    }
  })
})
