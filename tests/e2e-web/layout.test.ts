// The layout at the sizes people use: a laptop (1440x900), a small window (1024x700) and 1440x900 at 200% zoom
// (a 720x450 CSS viewport at device scale 2). After Send the status and the first body line must be on screen
// without scrolling the page, the URL input must keep room to type in, and nothing may overflow sideways
// (WCAG 1.4.10 reflow). Pane sizes and the theme override must survive a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { nav, openRequestArea, requestPanel, sendAndExpect, useSandboxProfile, waitForText } from '../support/app-steps'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

interface Size {
  name: string
  viewport: { width: number; height: number }
  deviceScaleFactor: number
}

const SIZES: Size[] = [
  { name: '1440x900', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
  { name: '1024x700', viewport: { width: 1024, height: 700 }, deviceScaleFactor: 1 },
  { name: '720x450 at 2x (1440x900 at 200% zoom)', viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 }
]

/** Where an element is, and whether the page shows it there (not clipped by a scroller, not covered). */
async function placement(locator: Locator): Promise<{ top: number; bottom: number; left: number; right: number; shown: boolean }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const x = Math.min(box.left + 8, window.innerWidth - 1)
    const y = box.top + Math.min(box.height / 2, 8)
    const hit = document.elementFromPoint(x, y)
    return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, shown: hit !== null && (element === hit || element.contains(hit)) }
  })
}

async function pageOverflow(page: Page): Promise<{ scrollWidth: number; scrollHeight: number; innerWidth: number; innerHeight: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight
  }))
}

describe.skipIf(unavailable !== undefined)('layout at 1440x900, 1024x700 and 200% zoom', () => {
  let app: WebApp
  const contexts: BrowserContext[] = []

  /** A page of its own (fresh localStorage) on the same core, at the given size and scale. */
  async function openPage(size: Size, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await app.browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, colorScheme })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(app.mode.server.appUrl)
    await page.waitForSelector('[data-app-state="ready"]')
    return page
  }

  /** The theme settings.json holds, as the core answers it. */
  async function savedTheme(): Promise<string | undefined> {
    const answer = await app.mode.core.dispatcher.dispatch('settings:get', undefined)
    return answer.ok ? (answer.value as { appearance?: { theme: string } }).appearance?.theme : `error: ${answer.error.message}`
  }

  beforeAll(async () => {
    app = await openWebApp({ viewport: { width: 1440, height: 900 } })
    await useSandboxProfile(app)
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await app?.close()
  })

  for (const size of SIZES) {
    it(`${size.name}: the URL input keeps 200 px; after Send the status and the first body line show without scrolling; no sideways overflow`, async () => {
      const page = await openPage(size)
      await openRequestArea(page)
      await waitForText(requestPanel(page).getByTestId('profile-chip'), /Sandbox/, 'The profile chip')
      const url = requestPanel(page).getByLabel('URL')
      await url.fill('/companies')
      const urlBox = await url.boundingBox()
      expect(urlBox?.width, `URL input width at ${size.name}`).toBeGreaterThanOrEqual(200)

      await sendAndExpect(page)
      const status = requestPanel(page).getByTestId('response-status')
      const firstLine = requestPanel(page).getByTestId('body-lines').locator('.rq-line').first()
      await firstLine.waitFor({ timeout: 15_000 })
      await waitForText(firstLine, /\{/, 'The first body line')

      const { innerWidth, innerHeight, scrollWidth, scrollHeight } = await pageOverflow(page)
      for (const [what, locator] of [['status', status], ['first body line', firstLine]] as const) {
        const place = await placement(locator)
        expect(place.top, `${what} top at ${size.name}`).toBeGreaterThanOrEqual(0)
        expect(place.bottom, `${what} bottom at ${size.name}`).toBeLessThanOrEqual(innerHeight)
        expect(place.right, `${what} right edge at ${size.name}`).toBeLessThanOrEqual(innerWidth)
        expect(place.shown, `${what} is covered or clipped at ${size.name}`).toBe(true)
      }
      expect(scrollWidth, 'horizontal page overflow').toBeLessThanOrEqual(innerWidth)
      expect(scrollHeight, 'vertical page overflow').toBeLessThanOrEqual(innerHeight)
      await page.screenshot({ path: `test-results/layout-${size.viewport.width}x${size.viewport.height}.png` })
    })
  }

  it('200% zoom: no area scrolls sideways (the page, or the area inside its pane)', async () => {
    const page = await openPage(SIZES[2]!)
    for (const area of ['Profiles', 'Request', 'Collections', 'History', 'Runner', 'Sandbox']) {
      await nav(page, area).click()
      await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe(area)
      await page.locator('main [data-area]:not([hidden]) > *:not(.area-loading)').first().waitFor()
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main')!
        return { page: document.documentElement.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth }
      })
      expect(overflow, `${area} at 720x450`).toEqual({ page: 0, main: 0 })
    }
  })

  it('200% zoom: the request and the response are tabs, and Send shows the response', async () => {
    const page = await openPage(SIZES[2]!)
    await openRequestArea(page)
    const panes = requestPanel(page).getByRole('tablist', { name: 'Request or response' })
    await expect.poll(() => panes.getByRole('tab', { name: 'Request' }).getAttribute('aria-selected')).toBe('true')
    await requestPanel(page).getByLabel('URL').fill('/companies')
    await sendAndExpect(page)
    expect(await panes.getByRole('tab', { name: /^Response/ }).getAttribute('aria-selected')).toBe('true')
    await panes.getByRole('tab', { name: 'Request' }).click()
    expect(await requestPanel(page).getByLabel('URL').isVisible()).toBe(true)
    expect(await requestPanel(page).getByTestId('response-status').isVisible()).toBe(false)
  })

  it('pane sizes (sidebar, side panel, request/response split) come back after a reload', async () => {
    const page = await openPage(SIZES[0]!)
    await openRequestArea(page)
    const width = (selector: string) => page.locator(selector).evaluate((element) => Math.round(element.getBoundingClientRect().width))
    const height = (selector: string) => page.locator(selector).evaluate((element) => Math.round(element.getBoundingClientRect().height))
    const sideBefore = await width('#request-side-panel')
    const requestBefore = await height('[data-request-tab]:visible [id$="-request"][data-panel]')

    // The library's keyboard resizing: each arrow moves the separator a step.
    const sideSeparator = page.getByRole('separator', { name: 'Resize side panel' })
    await sideSeparator.focus()
    for (let step = 0; step < 4; step += 1) await sideSeparator.press('ArrowRight')
    const splitSeparator = requestPanel(page).getByRole('separator', { name: 'Resize request and response' })
    await splitSeparator.focus()
    for (let step = 0; step < 4; step += 1) await splitSeparator.press('ArrowDown')
    await page.getByRole('button', { name: 'Collapse sidebar' }).click()

    const sideAfter = await width('#request-side-panel')
    const requestAfter = await height('[data-request-tab]:visible [id$="-request"][data-panel]')
    expect(sideAfter).toBeGreaterThan(sideBefore + 20)
    expect(requestAfter).toBeGreaterThan(requestBefore + 20)
    expect(await width('#sidebar')).toBeLessThanOrEqual(60)

    await page.reload()
    await page.waitForSelector('[data-app-state="ready"]')
    await openRequestArea(page)
    await expect.poll(() => width('#request-side-panel')).toBe(sideAfter)
    expect(Math.abs((await height('[data-request-tab]:visible [id$="-request"][data-panel]')) - requestAfter)).toBeLessThanOrEqual(1)
    expect(await width('#sidebar')).toBeLessThanOrEqual(60)
    // Folded, its items keep their names (icons alone on screen).
    expect(await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Collections' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Expand sidebar' }).click()
    await expect.poll(() => width('#sidebar')).toBeGreaterThan(150)
  })

  it('the theme override switches the colours at once, is saved in settings and comes back after a reload', async () => {
    const page = await openPage(SIZES[0]!, 'light')
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const lightBackground = await background()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('system')

    const theme = page.getByRole('radiogroup', { name: 'Theme' })
    await theme.getByRole('radio', { name: 'Dark theme' }).click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const darkBackground = await background()
    expect(darkBackground).not.toBe(lightBackground)
    expect(darkBackground).toBe('rgb(20, 22, 28)')
    await expect.poll(savedTheme).toBe('dark')

    await page.reload()
    await page.waitForSelector('[data-app-state="ready"]')
    expect(await background()).toBe(darkBackground)
    expect(await theme.getByRole('radio', { name: 'Dark theme' }).getAttribute('aria-checked')).toBe('true')

    // Another browser profile (no local copy) gets it from settings.json.
    const other = await openPage(SIZES[0]!, 'light')
    await expect.poll(() => other.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')

    // System follows the OS again: this context asks for light.
    await theme.getByRole('radio', { name: 'System theme' }).click()
    await expect.poll(background).toBe(lightBackground)
    // Arrow keys move within the radio group, and choose.
    await theme.getByRole('radio', { name: 'System theme' }).press('ArrowRight')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await theme.getByRole('radio', { name: 'Light theme' }).press('ArrowLeft')
    await expect.poll(savedTheme).toBe('system')
  })

  it('the saved theme is on <html> before the app\'s bundle runs (theme-boot.js), so the first paint is not the OS theme', async () => {
    const page = await openPage(SIZES[0]!, 'light')
    await page.evaluate(() => window.localStorage.setItem('reactor-explorer.theme', 'dark'))
    // The app's bundle is held back: whatever sets the attribute now is the boot script, not app/theme.ts.
    await page.route('**/assets/*.js', (route) => route.abort())
    await page.reload({ waitUntil: 'domcontentloaded' })
    expect(await page.evaluate(() => document.querySelector('[data-app-state]'))).toBeNull()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark')
    await page.unroute('**/assets/*.js')
  })
})
