import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { formatViolations, isBlocking, runAxe } from '../support/axe'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'
import { startHttps, type LocalServer } from '../unit/net/servers'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

async function openDialog(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.waitFor()
  return dialog
}

// A person on a network with a self-signed test server: Test connection names the certificate problem,
// listing the host under "do not verify" lets requests through, and each response says it was not verified.
describe.skipIf(unavailable !== undefined)('Certificates and Test connection in Chromium, real core', () => {
  let server: LocalServer
  let app: WebApp
  beforeAll(async () => {
    server = await startHttps('self-signed')
  })
  afterAll(async () => {
    await app?.close()
    await server?.close()
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    // 720×450 is 1440×900 at 200% zoom (WCAG 1.4.10 reflow).
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }, { width: 720, height: 450 }]) {
      it(`Test connection names the failing TLS layer with the certificate (${colorScheme}, ${viewport.width}×${viewport.height})`, async () => {
        await app?.close()
        app = await openWebApp({ colorScheme, viewport })
        const { page } = app
        const dialog = await openDialog(page)
        await dialog.getByRole('tab', { name: 'Test connection' }).click()
        await dialog.getByLabel('URL to test').fill(`${server.url}/`)
        await dialog.getByRole('button', { name: 'Test connection' }).click()
        const result = dialog.getByRole('region', { name: `URL ${server.url}/` })
        await result.waitFor({ timeout: 15_000 })
        expect(await result.locator('.ct-step-fail').textContent()).toMatch(/127\.0\.0\.1 shows a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/)
        expect(await result.locator('.ct-step-fail details').getAttribute('open')).not.toBeNull()
        expect(await result.getByText('Subject: CN=127.0.0.1').isVisible()).toBe(true)
        // The dialog fits the window: its footer (Save) is on screen without scrolling the page.
        const save = await dialog.getByRole('button', { name: 'Save' }).boundingBox()
        expect(save!.y + save!.height).toBeLessThanOrEqual(viewport.height)
        // …and nothing covers it (a scrolled body once slid the footer under the tab list).
        const onTop = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.textContent ?? '', [save!.x + save!.width / 2, save!.y + save!.height / 2])
        expect(onTop).toBe('Save')
        await app.screenshot(`settings-connection-test-tls-${colorScheme}-${viewport.width}`)
        // Every tab of the dialog, with a failing result shown, has no serious or critical axe violation.
        for (const tab of ['Test connection', 'Certificates', 'General', 'Network']) {
          await dialog.getByRole('tab', { name: tab }).click()
          if (tab === 'Certificates') await dialog.getByLabel('Do not verify certificates for').fill('dev.example')
          const failures = (await runAxe(page)).filter(isBlocking)
          expect(failures.map((violation) => violation.id), `axe, ${colorScheme}, ${tab}:\n${formatViolations(failures, 20)}`).toEqual([])
        }
      })
    }
  }

  it('a host under "do not verify" is reached, and the response carries the warning badge', async () => {
    await app?.close()
    app = await openWebApp()
    const { page } = app
    let dialog = await openDialog(page)
    await dialog.getByRole('tab', { name: 'Certificates' }).click()
    await dialog.getByLabel('Do not verify certificates for').fill('127.0.0.1')
    expect(await dialog.getByRole('note').textContent()).toMatch(/The certificate of 1 host is not checked/)
    await app.screenshot('settings-certificates-light-1440')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Request' }).click()
    await page.waitForSelector('[data-testid="request-area"]')
    await page.getByLabel('URL').fill(`${server.url}/hello`)
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200/)
    expect(await page.getByTestId('tls-unverified').textContent()).toBe('⚠ Certificate not verified')
    await app.screenshot('response-tls-unverified-light-1440')

    dialog = await openDialog(page)
    await dialog.getByRole('tab', { name: 'General' }).click()
    await dialog.getByLabel('Keep at most').waitFor()
    expect(await dialog.getByText(/secrets are kept in memory only|keychain/).count()).toBeGreaterThan(0)
    await app.screenshot('settings-general-light-1440')
    await dialog.getByRole('tab', { name: 'Network' }).click()
    await dialog.getByLabel('Manual proxy').check()
    await app.screenshot('settings-network-light-1440')
  })
})
