// Time to first render and peak JS heap of the response viewer for 1, 10 and 50 MB JSON:API bodies, in real
// Chromium against the real core (browser mode). Needs `npx electron-vite build` first. Each size gets a fresh
// page so heaps do not carry over. Figures are for reading, never asserted.
import { startBigJsonServer } from '../tests/support/big-json-server'
import { e2eWebUnavailableReason, openWebApp } from '../tests/support/web-app'
import type { BenchModule, Row } from './types'

const SIZES_MB = [1, 10, 50]
const TIMEOUT_MS = 120_000

async function measure(sizeMb: number, url: string): Promise<Row> {
  const app = await openWebApp({ viewport: { width: 1440, height: 900 } })
  try {
    const { page } = app
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Request' }).click()
    await page.waitForSelector('[data-testid="request-area"]')
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] }
      w.__longTasks = []
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.__longTasks.push(entry.duration))).observe({ type: 'longtask' })
    })
    const cdp = await app.context.newCDPSession(page)
    await cdp.send('Performance.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    const heapNow = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0
    }
    const baseline = await heapNow()
    let peak = baseline
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await heapNow().catch(() => 0))
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })()

    await page.getByLabel('URL').fill(url)
    const started = performance.now()
    await page.keyboard.press('Control+Enter')
    await page.getByTestId('response-status').waitFor({ timeout: TIMEOUT_MS })
    const responseShown = performance.now() - started
    await page.getByTestId('body-lines').locator('.rq-line').first().waitFor({ timeout: TIMEOUT_MS })
    const firstRender = performance.now() - started
    // Scroll to the end: the whole document is reachable, and memory settles.
    await page.getByTestId('body-lines').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.waitForTimeout(300)
    sampling = false
    await sampler
    const rows = Number(await page.getByTestId('body-lines').getAttribute('data-row-count'))
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    return {
      case: `${sizeMb} MB JSON:API`,
      'status shown ms': Math.round(responseShown),
      'first body rows ms': Math.round(firstRender),
      'pretty lines': rows,
      'peak page heap MB': Math.round((peak / 1024 / 1024) * 10) / 10,
      'heap over baseline MB': Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10,
      'longest long task ms': Math.round(Math.max(0, ...longTasks))
    }
  } finally {
    await app.close()
  }
}

const bench: BenchModule = {
  name: 'render-large-response (Chromium, browser mode; heap = page main thread, worker excluded)',
  async run() {
    const unavailable = e2eWebUnavailableReason()
    if (unavailable) return [{ case: `skipped: ${unavailable}` }]
    const server = await startBigJsonServer()
    try {
      const rows: Row[] = []
      for (const size of SIZES_MB) rows.push(await measure(size, server.url(size * 1_000_000)))
      return rows
    } finally {
      await server.close()
    }
  }
}

export default bench
