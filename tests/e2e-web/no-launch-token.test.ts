import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

// Browser mode opened without its per-launch token: a full-page sentence saying how to open it, not an empty
// app that fails on every click.
const unavailable = e2eWebUnavailableReason()

describe.skipIf(unavailable !== undefined)('browser mode without its launch token', () => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('says how to open the app, with no console errors', async () => {
    const errors: string[] = []
    const page = await app.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${app.mode.server.origin}/`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Open Reactor Explorer from the address it printed')
    expect(await page.locator('.app-shell').count()).toBe(0)
    expect(await page.textContent('body')).toContain('#token=')
    expect(errors).toEqual([])
    await page.close()
  })

  it('the app with its token loads without console errors or warnings', async () => {
    const messages: string[] = []
    const page = await app.context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') messages.push(`${message.type()}: ${message.text()}`)
    })
    await page.goto(app.mode.server.appUrl)
    await page.waitForSelector('[data-app-state="ready"]')
    await page.waitForTimeout(500)
    expect(messages).toEqual([])
    await page.close()
  })
})
