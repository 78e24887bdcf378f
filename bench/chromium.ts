// What the Chromium benches share: a private copy of the built renderer (a rebuild of out/ while a bench runs,
// by anyone, would otherwise delete the chunks a page is about to load), and the app in browser mode on it.
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startBrowserMode, type BrowserMode } from '../src/main/browser/browser-mode'
import { CHROMIUM_ARGS, CHROMIUM_PATH, RENDERER_DIR } from '../tests/support/web-app'

export interface RendererCopy {
  dir: string
  dispose(): Promise<void>
}

/** out/renderer copied aside for the length of one bench module. */
export async function copyRenderer(): Promise<RendererCopy> {
  const root = await mkdtemp(join(tmpdir(), 'rx-bench-renderer-'))
  const dir = join(root, 'renderer')
  await cp(RENDERER_DIR, dir, { recursive: true })
  return { dir, dispose: () => rm(root, { recursive: true, force: true }) }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

export interface BenchApp {
  mode: BrowserMode
  browser: Browser
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** The real UI from `rendererDir` in a fresh Chromium against the real core, in a throwaway data folder. */
export async function openBenchApp(rendererDir: string, viewport = { width: 1440, height: 900 }): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rx-bench-app-'))
  const mode = await startBrowserMode({ rendererDir, dataDir, version: 'bench', log: () => {}, secretStores: [] })
  // The first-run welcome dialog would cover the areas a bench drives; mark it seen as the e2e harness does.
  const dismissed = await mode.core.dispatcher.dispatch('settings:update', { network: {}, welcomeDismissed: true })
  if (!dismissed.ok) throw new Error(`Could not mark the welcome screen as seen: ${dismissed.error.message}`)
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await page.goto(mode.server.appUrl)
  await page.waitForSelector('[data-app-state="ready"]')
  return {
    mode,
    browser,
    context,
    page,
    async close() {
      await browser.close().catch(() => {})
      await mode.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}
