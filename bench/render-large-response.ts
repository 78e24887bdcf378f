// Large JSON:API bodies (1, 10 and 50 MB) in the response viewer, in real Chromium against the real core
// (browser mode), against the physical floor a naive client pays in the same Chromium and the same run: a
// bare fetch() of the same body from the same server, then JSON.parse of it (issue 12's peer). Needs
// `npx electron-vite build` first.
//
// Ours: send (Ctrl+Enter) → the status is shown, → the first body rows are drawn (timed in the page); the page's main-thread heap
// over its baseline (the body worker's is not counted); the longest main-thread task while loading and
// scrolling to the end. The peer: fetch → headers, → parsed; its heap over baseline while it holds the parsed
// document; its longest task. Each repetition gets a fresh browser (heaps do not carry over); one warm-up
// pass at 1 MB first, then REPEATS passes alternating who goes first; the table shows medians.
import { startBigJsonServer, type BigJsonServer } from '../tests/support/big-json-server'
import { e2eWebUnavailableReason } from '../tests/support/web-app'
import { copyRenderer, launchChromium, openBenchApp } from './chromium'
import { median, round, type BenchModule, type GoalRow, type Row } from './types'

const SIZES_MB = [1, 10, 50]
const REPEATS = Number(process.env.BENCH_RENDER_REPEATS ?? 3)
const TIMEOUT_MS = 120_000
const MB = 1024 * 1024

interface Ours {
  statusMs: number
  firstRowsMs: number
  /** Send → the streamed body has all arrived and is formatted (the "Receiving…" bar goes). */
  completeMs: number
  prettyLines: number
  heapOverBaselineMb: number
  longestTaskMs: number
}

interface Peer {
  headersMs: number
  parsedMs: number
  heapOverBaselineMb: number
  longestTaskMs: number
}

/** A page's JS heap, sampled every 50 ms from outside (CDP), so the peak between samples is seen too. */
async function heapSampler(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }) {
  const heapNow = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0
  const baseline = await heapNow()
  let peak = baseline
  let sampling = true
  const loop = (async () => {
    while (sampling) {
      try {
        peak = Math.max(peak, await heapNow())
      } catch {
        // The page or browser is gone (a failed run): stop sampling rather than spin.
        sampling = false
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  return {
    async stop(): Promise<number> {
      if (sampling) peak = Math.max(peak, await heapNow().catch(() => 0))
      sampling = false
      await loop
      return (peak - baseline) / MB
    },
    cancel(): void {
      sampling = false
    }
  }
}

/**
 * Times taken inside the page, as the peer's are: from the Ctrl+Enter keydown to the first frame after the
 * status and the first body row are in the DOM. Playwright's own waits poll at up to 100-500 ms apart on a
 * loaded machine, which is as large as what is measured here.
 */
const MARK_SEND_AND_RENDER = () => {
  const w = window as unknown as { __marks: Record<string, number> }
  w.__marks = {}
  const marks = w.__marks
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.ctrlKey && marks['sent'] === undefined) marks['sent'] = performance.now()
  }, true)
  // No named inner functions: the bench runs through tsx, whose keepNames would wrap them in a helper the
  // page does not have.
  new MutationObserver(() => {
    if (marks['sent'] === undefined) return
    for (const [name, selector] of [['status', '[data-testid="response-status"]'], ['rows', '[data-testid="body-lines"] .rq-line']] as const) {
      if (marks[name] !== undefined || !document.querySelector(selector)) continue
      marks[name] = -1
      requestAnimationFrame(() => (marks[name] = performance.now()))
    }
  }).observe(document.body, { childList: true, subtree: true })
}

const OBSERVE_LONG_TASKS = () => {
  const w = window as unknown as { __longTasks: number[] }
  w.__longTasks = []
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.__longTasks.push(entry.duration))).observe({ type: 'longtask' })
}

async function measureOurs(rendererDir: string, sizeMb: number, url: string): Promise<Ours> {
  const app = await openBenchApp(rendererDir)
  let heap: Awaited<ReturnType<typeof heapSampler>> | undefined
  try {
    const { page } = app
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Request' }).click()
    await page.waitForSelector('[data-testid="request-area"]')
    await page.evaluate(OBSERVE_LONG_TASKS)
    const cdp = await app.context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    heap = await heapSampler(cdp)

    await page.getByLabel('URL').fill(url)
    await page.evaluate(MARK_SEND_AND_RENDER)
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('body-lines').locator('.rq-line').first().waitFor({ timeout: TIMEOUT_MS })
    const marks = await page.waitForFunction(() => {
      const { sent, status, rows } = (window as unknown as { __marks: Record<string, number> }).__marks
      return sent !== undefined && status !== undefined && status > 0 && rows !== undefined && rows > 0 && { sent, status, rows }
    }, undefined, { timeout: TIMEOUT_MS })
    const { sent, status, rows } = (await marks.jsonValue()) as { sent: number; status: number; rows: number }
    const statusMs = status - sent
    const firstRowsMs = rows - sent
    // The body streams in (issue 12): the first rows come from its first chunks, the rest keeps arriving.
    await page.getByTestId('body-receiving').waitFor({ state: 'detached', timeout: TIMEOUT_MS })
    const completeMs = (await page.evaluate(() => performance.now())) - sent
    // Scroll to the end: the whole document is reachable, and memory settles.
    await page.getByTestId('body-lines').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.waitForTimeout(300)
    const heapOverBaselineMb = await heap.stop()
    const prettyLines = Number(await page.getByTestId('body-lines').getAttribute('data-row-count'))
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    if (!(prettyLines > sizeMb * 1000)) throw new Error(`the viewer shows ${prettyLines} lines for ${sizeMb} MB: the body did not load`)
    return { statusMs, firstRowsMs, completeMs, prettyLines, heapOverBaselineMb, longestTaskMs: Math.max(0, ...longTasks) }
  } finally {
    heap?.cancel()
    await app.close()
  }
}

/** The naive client: a page on the body server's own origin (no CORS in the way), fetch() then JSON.parse. */
async function measurePeer(server: BigJsonServer, bytes: number): Promise<Peer> {
  const browser = await launchChromium()
  let heap: Awaited<ReturnType<typeof heapSampler>> | undefined
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    await page.goto(server.url(1000))
    await page.evaluate(OBSERVE_LONG_TASKS)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    heap = await heapSampler(cdp)
    const timing = await page.evaluate(async (target) => {
      const started = performance.now()
      const response = await fetch(target)
      const headersMs = performance.now() - started
      const document: unknown = JSON.parse(await response.text())
      const parsedMs = performance.now() - started
      // Held, as a viewer holding the parsed document would.
      ;(window as unknown as { __document: unknown }).__document = document
      return { headersMs, parsedMs }
    }, server.url(bytes))
    await page.waitForTimeout(300)
    const heapOverBaselineMb = await heap.stop()
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    return { ...timing, heapOverBaselineMb, longestTaskMs: Math.max(0, ...longTasks) }
  } finally {
    heap?.cancel()
    await browser.close().catch(() => {})
  }
}

const bench: BenchModule = {
  name: 'large-bodies',
  async run() {
    const unavailable = e2eWebUnavailableReason()
    if (unavailable) {
      return {
        rows: SIZES_MB.filter((size) => size >= 10).map((size) => ({
          benchmark: `${size} MB JSON:API · send → first body rows vs fetch()+JSON.parse (ms)`,
          ours: undefined,
          goal: { of: 'ratio' as const, atMost: 1 },
          note: `not run: ${unavailable}`
        }))
      }
    }
    const server = await startBigJsonServer()
    const renderer = await copyRenderer()
    const measureMine = (size: number, url: string) => measureOurs(renderer.dir, size, url)
    try {
      await measureMine(1, server.url(1_000_000))
      await measurePeer(server, 1_000_000)
      const ours = new Map<number, Ours[]>(SIZES_MB.map((size) => [size, []]))
      const peers = new Map<number, Peer[]>(SIZES_MB.map((size) => [size, []]))
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        for (const size of SIZES_MB) {
          const bytes = size * 1_000_000
          // Alternate who goes first, so neither always has the warmer machine.
          if (repeat % 2 === 0) {
            ours.get(size)!.push(await measureMine(size, server.url(bytes)))
            peers.get(size)!.push(await measurePeer(server, bytes))
          } else {
            peers.get(size)!.push(await measurePeer(server, bytes))
            ours.get(size)!.push(await measureMine(size, server.url(bytes)))
          }
        }
      }

      const details: Row[] = []
      const rows: GoalRow[] = []
      const of = <T>(list: T[], pick: (item: T) => number) => median(list.map(pick))
      for (const size of SIZES_MB) {
        const mine = ours.get(size)!
        const theirs = peers.get(size)!
        details.push({
          case: `${size} MB JSON:API (median of ${REPEATS})`,
          'status shown ms': Math.round(of(mine, (o) => o.statusMs)),
          'first body rows ms': Math.round(of(mine, (o) => o.firstRowsMs)),
          'body complete ms': Math.round(of(mine, (o) => o.completeMs)),
          'pretty lines': of(mine, (o) => o.prettyLines),
          'heap over baseline MB': round(of(mine, (o) => o.heapOverBaselineMb), 1),
          'longest task ms': Math.round(of(mine, (o) => o.longestTaskMs)),
          'peer headers ms': Math.round(of(theirs, (p) => p.headersMs)),
          'peer parsed ms': Math.round(of(theirs, (p) => p.parsedMs)),
          'peer heap MB': round(of(theirs, (p) => p.heapOverBaselineMb), 1),
          'peer longest task ms': Math.round(of(theirs, (p) => p.longestTaskMs))
        })
        if (size < 10) continue
        rows.push({
          benchmark: `${size} MB JSON:API · send → status shown vs fetch() → headers (ms)`,
          ours: Math.round(of(mine, (o) => o.statusMs)),
          peer: Math.round(of(theirs, (p) => p.headersMs)),
          goal: { of: 'over-peer', atMost: 150 },
          note: 'issue 12: the status within 150 ms of the headers; the peer’s headers stand for main’s (same server, same loopback)'
        })
        rows.push({
          benchmark: `${size} MB JSON:API · send → first body rows vs fetch()+JSON.parse (ms)`,
          ours: Math.round(of(mine, (o) => o.firstRowsMs)),
          peer: Math.round(of(theirs, (p) => p.parsedMs)),
          goal: { of: 'ratio', atMost: 1 },
          note: 'the body streams into the worker, whose streaming pretty-printer draws the first screen from the first chunks; the details have send → body complete'
        })
      }
      const largest = SIZES_MB.at(-1)!
      rows.push({
        benchmark: `${largest} MB JSON:API · page main-thread heap over baseline vs fetch()+JSON.parse (MB)`,
        ours: round(of(ours.get(largest)!, (o) => o.heapOverBaselineMb), 1),
        peer: round(of(peers.get(largest)!, (p) => p.heapOverBaselineMb), 1),
        goal: { of: 'ours', atMost: 25 },
        note: 'the body worker reads the stream itself, so the page never holds the body; the worker’s heap is not the page’s; the peer holds its parsed document'
      })
      const worst = (pick: (size: number) => number) => Math.max(...SIZES_MB.map(pick))
      rows.push({
        benchmark: `longest main-thread task, loading and scrolling, worst of ${SIZES_MB.join('/')} MB vs fetch()+JSON.parse (ms)`,
        ours: Math.round(worst((size) => of(ours.get(size)!, (o) => o.longestTaskMs))),
        peer: Math.round(worst((size) => of(peers.get(size)!, (p) => p.longestTaskMs))),
        goal: { of: 'ours', atMost: 50 },
        note: `the median of ${REPEATS} runs at each size, the worst size shown`
      })
      return { rows, details }
    } finally {
      await renderer.dispose()
      await server.close()
    }
  }
}

export default bench
