import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()

describe.skipIf(unavailable !== undefined)('Sandbox area', () => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('starts the simulated Adobe, lists scenarios, and switches a fault on and off', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Sandbox' }).click()
    await expect.poll(() => page.locator('#sandbox-title .badge-simulated').textContent()).toBe('SIMULATED')
    await page.getByRole('button', { name: 'Start sandbox' }).click()
    await expect.poll(() => page.getByTestId('sandbox-url').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The scenarios are a list now (each with Use this scenario), ids shown, secrets never.
    expect(await page.getByRole('list', { name: 'Sandbox scenarios' }).getByText('sandbox-working-client', { exact: true }).isVisible()).toBe(true)
    expect(await page.content()).not.toContain('sandbox-secret-working')

    await page.getByRole('form', { name: 'Add a fault' }).getByRole('textbox', { name: /Path/ }).fill('/companies')
    await page.getByRole('button', { name: 'Add fault' }).click()
    const faults = page.getByRole('list', { name: 'Active faults' })
    await expect.poll(() => faults.textContent()).toContain('HTTP 429, Retry-After 2s on any method /companies (every request)')
    await app.screenshot('sandbox-area')

    const baseUrl = await page.getByTestId('sandbox-url').textContent()
    expect((await fetch(`${baseUrl}/companies`)).status).toBe(429)
    await page.getByRole('button', { name: 'Clear all faults' }).click()
    await expect.poll(() => page.getByText('No faults: the sandbox answers normally.').isVisible()).toBe(true)
  })
})
