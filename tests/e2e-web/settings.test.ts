import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

async function rpc<T>(app: WebApp, channel: string, input?: unknown): Promise<{ ok: boolean; value?: T }> {
  const response = await fetch(`${app.mode.server.origin}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.mode.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input })
  })
  return (await response.json()) as { ok: boolean; value?: T }
}

async function openDialog(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.waitFor()
  return dialog
}

describe.skipIf(unavailable !== undefined)('Network settings in Chromium, real core over the loopback transport', () => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('opens from the gear after the navigation, traps focus, closes on Escape and gives focus back', async () => {
    const { page } = app
    await page.keyboard.press('Tab') // skip link
    for (let i = 0; i < 8; i++) await page.keyboard.press('Tab') // the six areas, Commands, then Settings
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Settings')
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.waitFor()
    // Focus moves to the chosen proxy mode once the settings have loaded from main.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('system-env')
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    // Radix gives focus back a task after the dialog unmounts: wait for it rather than race it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Settings')
  })

  it('explains a wrong value inline and saves nothing until it is fixed', async () => {
    const { page } = app
    const dialog = await openDialog(page)
    await dialog.getByLabel('Manual proxy').check()
    await dialog.getByLabel('Proxy URL').fill('http://alice:secret@proxy.corp.example:8080')
    await dialog.getByLabel('Default timeout').fill('0.5')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.locator('.inline-error').allTextContents()).toEqual([
      expect.stringMatching(/^Remove the user name and password from the proxy URL/),
      'The timeout is at least 1 s.'
    ])
    expect((await rpc<{ network: { proxy: { mode: string } } }>(app, 'settings:get')).value?.network.proxy.mode).toBe('system-env')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
  })

  it('keeps the disk space for large bodies that the dialog saves, refusing one under 10 MB', async () => {
    const { page } = app
    const dialog = await openDialog(page)
    const disk = dialog.getByLabel('Disk space for large bodies')
    await expect.poll(() => disk.inputValue()).toBe('1024')
    await disk.fill('5')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.locator('.inline-error').allTextContents()).toEqual(['The disk space is at least 10 MB.'])
    await disk.fill('2048')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect((await rpc<{ network: { maxStoredBodiesMB?: number } }>(app, 'settings:get')).value?.network.maxStoredBodiesMB).toBe(2048)
  })

  it('a 2 s default timeout set in the dialog stops a Sandbox request that takes 5 s, and the response area says why', async () => {
    const { page } = app
    const state = await rpc<{ profiles: Array<{ id: string; environment: string; name: string }>; activeProfileId?: string }>(app, 'profiles:list')
    const sandboxProfile = state.value!.profiles.find((profile) => profile.environment === 'sandbox')!
    if (state.value!.activeProfileId !== sandboxProfile.id) {
      await rpc(app, 'profiles:setActive', { id: sandboxProfile.id })
      await page.reload()
      await page.waitForSelector('[data-app-state="ready"]')
    }
    const sandbox = await app.mode.core.sandbox.ensureRunning()
    sandbox.faults.add({ kind: 'latency', latencyMs: 5000, match: { path: '/companies' } })

    const dialog = await openDialog(page)
    await dialog.getByLabel('Default timeout').fill('2')
    await app.screenshot('settings-dialog')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect((await rpc<{ network: { defaultTimeoutMs: number } }>(app, 'settings:get')).value?.network.defaultTimeoutMs).toBe(2000)

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Request' }).click()
    await page.waitForSelector('[data-testid="request-area"]')
    await page.getByRole('tab', { name: /Options/ }).click()
    await expect.poll(() => page.getByText('Empty: the default from Network settings (2 s).').isVisible()).toBe(true)
    await page.getByLabel('URL').fill('/companies')
    await page.getByRole('button', { name: 'Send' }).click()
    const failure = page.getByRole('region', { name: 'Response' }).getByRole('alert')
    await expect.poll(() => failure.textContent(), { timeout: 15_000 }).toMatch(/sent no response within 2 s/)
    // The error code sits under the message's Details (the kit's ErrorMessage).
    await failure.getByRole('button', { name: 'Details' }).click()
    expect(await failure.textContent()).toContain('http-timeout')
    await app.screenshot('settings-timeout-response')
    sandbox.faults.clear()
  })

  it('looks finished in the dark theme', async () => {
    const dark = await openWebApp({ colorScheme: 'dark' })
    try {
      const dialog = await openDialog(dark.page)
      await dialog.getByLabel('Manual proxy').check()
      await dialog.getByLabel('Proxy URL').fill('http://proxy.corp.example:8080')
      await dialog.getByLabel('Bypass the proxy for').fill('.corp.example, intranet:8443')
      await dark.screenshot('settings-dialog-dark')
    } finally {
      await dark.close()
    }
  })
})
