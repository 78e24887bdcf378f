// Cold start of the renderer in real Chromium, browser mode (issue 12): navigation → the first interactive
// frame, and the JavaScript the page fetched to get there, gzip-compressed. Needs `npx electron-vite build`.
//
// "First interactive frame": the page's performance.now() (0 = navigation start) when a frame has run after
// the app shell (`[data-app-state="ready"]`, React's first commit, handlers attached) entered the DOM: a
// requestAnimationFrame, then a message-channel turn so the frame's own work is counted. Each load uses a new
// browser context (empty HTTP cache) in an already running Chromium. The peer is the floor of that same
// measure: an empty HTML page from a loopback server, loaded the same way in the same browser.
//
// Initial JS: every .js the page (and any worker it started) fetched before that frame, read from out/renderer
// and gzip-compressed at level 9. No peer app can run here (Postman, Insomnia and Bruno are Electron apps, and
// Electron binaries cannot be downloaded on these machines), so that row has none.
import { readFile, rm, mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { startBrowserMode } from '../src/main/browser/browser-mode'
import { e2eWebUnavailableReason } from '../tests/support/web-app'
import { copyRenderer, launchChromium } from './chromium'
import { median, round, type BenchModule, type GoalRow, type Row } from './types'

const WARMUP = 1
const REPEATS = Number(process.env.BENCH_COLD_REPEATS ?? 7)
const FRAME_GOAL_MS = 400
const INITIAL_JS_GOAL_KB = 200

/** Runs in the page before any of its scripts: records the first frame after the shell appears. */
const FIRST_INTERACTIVE_FRAME = `(() => {
  const w = window
  const check = () => {
    if (!document.querySelector('[data-app-state="ready"]')) return
    observer.disconnect()
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => { w.__firstInteractiveFrame = performance.now() }
      channel.port2.postMessage(0)
    })
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true })
})()`

interface Load {
  frameMs: number
  scripts: string[]
}

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    await context.addInitScript(FIRST_INTERACTIVE_FRAME)
    const page = await context.newPage()
    const scripts: string[] = []
    let done = false
    page.on('response', (response) => {
      if (!done && new URL(response.url()).pathname.endsWith('.js')) scripts.push(response.url())
    })
    await page.goto(url)
    const frameMs = (await (await page.waitForFunction(() => (window as unknown as { __firstInteractiveFrame?: number }).__firstInteractiveFrame, undefined, { timeout: 30_000 })).jsonValue()) as number
    done = true
    return { frameMs, scripts }
  } finally {
    await context.close()
  }
}

async function gzipKb(rendererDir: string, urls: readonly string[]): Promise<{ kb: number; files: Row[] }> {
  const files: Row[] = []
  let bytes = 0
  for (const url of new Set(urls)) {
    const path = join(rendererDir, decodeURIComponent(new URL(url).pathname))
    const raw = await readFile(path)
    const gzipped = gzipSync(raw, { level: 9 }).length
    bytes += gzipped
    files.push({ case: `initial JS: ${new URL(url).pathname}`, 'KB': round(raw.length / 1024, 1), 'gzip KB': round(gzipped / 1024, 1) })
  }
  return { kb: round(bytes / 1024, 1), files }
}

const bench: BenchModule = {
  name: 'cold-start',
  async run() {
    const unavailable = e2eWebUnavailableReason()
    if (unavailable) {
      return {
        rows: [
          { benchmark: 'cold start · navigation → first interactive frame vs an empty page (ms)', ours: undefined, goal: { of: 'ours', atMost: FRAME_GOAL_MS }, note: `not run: ${unavailable}` },
          { benchmark: 'cold start · initial JS, gzip (KB)', ours: undefined, goal: { of: 'ours', atMost: INITIAL_JS_GOAL_KB }, note: `not run: ${unavailable}` }
        ]
      }
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'rx-bench-cold-'))
    const renderer = await copyRenderer()
    const mode = await startBrowserMode({ rendererDir: renderer.dir, dataDir, version: 'bench', log: () => {}, secretStores: [] })
    const floor = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      response.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><div data-app-state="ready">floor</div></body></html>')
    })
    await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve))
    const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`
    const browser = await launchChromium()
    try {
      const ours: Load[] = []
      const peers: number[] = []
      for (let i = 0; i < WARMUP + REPEATS; i++) {
        const app = await load(browser, mode.server.appUrl)
        const empty = await load(browser, floorUrl)
        if (i < WARMUP) continue
        ours.push(app)
        peers.push(empty.frameMs)
      }
      const frames = ours.map((run) => run.frameMs)
      const initial = await gzipKb(renderer.dir, ours.at(-1)!.scripts)
      const rows: GoalRow[] = [
        {
          benchmark: 'cold start · navigation → first interactive frame vs an empty page (ms)',
          ours: Math.round(median(frames)),
          peer: Math.round(median(peers)),
          goal: { of: 'ours', atMost: FRAME_GOAL_MS },
          note: `median of ${REPEATS} loads, each in a new browser context (empty cache), after ${WARMUP} warm-up; the peer is the floor: an empty page`
        },
        {
          benchmark: 'cold start · initial JS, gzip (KB)',
          ours: initial.kb,
          goal: { of: 'ours', atMost: INITIAL_JS_GOAL_KB },
          note: 'peer cannot run here: Postman, Insomnia and Bruno ship as Electron apps, whose binaries cannot be downloaded on this machine'
        }
      ]
      const details: Row[] = [
        {
          case: `first interactive frame, ${REPEATS} loads (ms)`,
          min: Math.round(Math.min(...frames)),
          median: Math.round(median(frames)),
          max: Math.round(Math.max(...frames)),
          'empty page median': Math.round(median(peers))
        },
        ...initial.files
      ]
      return { rows, details }
    } finally {
      await browser.close().catch(() => {})
      await new Promise<void>((resolve) => floor.close(() => resolve()))
      await mode.close()
      await renderer.dispose()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}

export default bench
