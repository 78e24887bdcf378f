import { mkdtemp, mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startBrowserMode, type BrowserMode } from '../../src/main/browser/browser-mode'

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
// E2E_BUILD_DIR lets several people (or agents) build and test at once without overwriting each other's
// out/: `npx electron-vite build --outDir /tmp/mine` then `E2E_BUILD_DIR=/tmp/mine npx vitest run --project e2e-web`.
export const RENDERER_DIR = resolve(process.env['E2E_BUILD_DIR'] ?? resolve(__dirname, '..', '..', 'out'), 'renderer')
export const RESULTS_DIR = resolve(__dirname, '..', '..', 'test-results')

// Flags verified on the build machines: without the networking ones Chromium keeps trying to reach
// Google's hosts, which this closed network refuses.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]

/** Why the e2e-web layer cannot run here, or undefined when it can. */
export function e2eWebUnavailableReason(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return 'the renderer is not built (run npm run build first)'
  return undefined
}

export interface WebApp {
  browser: Browser
  context: BrowserContext
  page: Page
  mode: BrowserMode
  dataDir: string
  /** Saves a full-page PNG under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export interface WebAppOptions {
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  dataDir?: string
  /**
   * Keep the first-run welcome dialog (default: it is marked as seen before the page loads, through the same
   * settings the app reads, so tests of the areas start where a returning person would).
   */
  welcome?: boolean
}

/**
 * The real UI bundle in real Chromium, talking to the real core over the loopback transport: what a
 * person gets from `npm run start:browser`, in a throwaway data directory.
 */
export async function openWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'reactor-explorer-e2e-')))
  // The leak tripwire: every answer, event and log line of this app, and every file it leaves in its data
  // folder, is checked at close for any secret the core knows, in every encoding the guard matches.
  const outbound: string[] = []
  const mode = await startBrowserMode({ rendererDir: RENDERER_DIR, dataDir, version: 'e2e', log: (line) => void outbound.push(line) })
  const dispatch = mode.core.dispatcher.dispatch.bind(mode.core.dispatcher)
  mode.core.dispatcher.dispatch = async (channel, input) => {
    const answer = await dispatch(channel, input)
    outbound.push(JSON.stringify(answer))
    return answer
  }
  mode.core.events.subscribe((event) => void outbound.push(JSON.stringify(event)))
  if (!options.welcome) {
    const dismissed = await mode.core.dispatcher.dispatch('settings:update', { network: {}, welcomeDismissed: true })
    if (!dismissed.ok) throw new Error(`Could not mark the welcome screen as seen: ${dismissed.error.message}`)
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 820 }
  })
  const page = await context.newPage()
  await page.goto(mode.server.appUrl)
  await page.waitForSelector('[data-app-state="ready"]')
  return {
    browser,
    context,
    page,
    mode,
    dataDir,
    async screenshot(name) {
      await mkdir(RESULTS_DIR, { recursive: true })
      const path = join(RESULTS_DIR, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async close() {
      await browser.close().catch(() => {})
      const leaks = await findLeaks(mode, outbound, dataDir)
      await mode.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
      if (leaks.length > 0) throw new Error(`A secret the app knows left it: ${leaks.join('; ')}`)
    }
  }
}

/** Where a known secret turned up: answers, events, logs, and every file under the data folder. */
async function findLeaks(mode: BrowserMode, outbound: readonly string[], dataDir: string): Promise<string[]> {
  const secrets = mode.core.secrets
  if (secrets.size === 0) return []
  const leaks: string[] = []
  outbound.forEach((line, index) => {
    if (secrets.containsSecret(line)) leaks.push(`outbound message #${index + 1} (${line.slice(0, 60)}…)`)
  })
  let files: string[] = []
  try {
    files = (await readdir(dataDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
  } catch {
    files = []
  }
  for (const file of files) {
    const text = await readFile(file, 'latin1').catch(() => '')
    if (secrets.containsSecret(text)) leaks.push(`file ${file.slice(dataDir.length + 1)}`)
  }
  return leaks
}
