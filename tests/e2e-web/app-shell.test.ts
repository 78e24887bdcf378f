import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

describe.skipIf(unavailable !== undefined)('the app shell in Chromium, real core over the loopback transport', () => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('loads, reaches the core and says how it is connected', async () => {
    await expect.poll(() => app.page.locator('.status-bar').textContent()).toContain('Browser mode (local core)')
    await app.screenshot('app-shell-light')
  })

  it('navigates between every area by click and by Ctrl+number', async () => {
    const { page } = app
    for (const label of ['Request', 'Collections', 'History', 'Sandbox', 'Profiles']) {
      const navButton = page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: label })
      await navButton.click()
      await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe(label)
      expect(await navButton.getAttribute('aria-current')).toBe('page')
    }
    await page.keyboard.press('Control+2')
    await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Request')
    await page.keyboard.press('Control+1')
    await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Profiles')
  })

  it('keeps an area’s work when the person visits another area and comes back', async () => {
    const { page } = app
    const nav = page.getByRole('navigation', { name: 'Areas' })
    await nav.getByRole('button', { name: 'Request' }).click()
    const url = page.getByRole('textbox', { name: 'URL' })
    await url.fill('/companies?kept=yes')
    await nav.getByRole('button', { name: 'Profiles' }).click()
    expect(await url.isVisible()).toBe(false)
    await nav.getByRole('button', { name: 'Request' }).click()
    expect(await url.inputValue()).toBe('/companies?kept=yes')
  })

  it('puts keyboard focus through skip link, then the navigation in order', async () => {
    const { page } = app
    await page.reload()
    await page.waitForSelector('[data-app-state="ready"]')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    const order: string[] = []
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      order.push((await page.evaluate(() => document.activeElement?.textContent?.trim())) ?? '')
    }
    expect(order).toEqual(['Profiles', 'Request', 'Collections', 'History', 'Runner', 'Sandbox'])
  })

  it('refuses API calls without the launch token and from another origin', async () => {
    const { origin } = app.mode.server
    const noToken = await fetch(`${origin}/rpc/app:info`, { method: 'POST', body: '{}' })
    expect(noToken.status).toBe(401)
    const foreign = await fetch(`${origin}/rpc/app:info`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: `Bearer ${app.mode.server.token}`, origin: 'http://evil.example' }
    })
    expect(foreign.status).toBe(403)
  })

  it('follows the OS dark theme', async () => {
    const dark = await openWebApp({ colorScheme: 'dark' })
    try {
      const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(background).toBe('rgb(20, 22, 28)')
      await dark.screenshot('app-shell-dark')
    } finally {
      await dark.close()
    }
  })
})
