import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { e2eWebUnavailableReason, openWebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()

describe.skipIf(unavailable !== undefined)('Welcome screen (real UI, real core)', () => {
  it('a fresh app greets; Explore with the Sandbox, then Send, shows a 200 from the Sandbox', async () => {
    const app = await openWebApp({ welcome: true, viewport: { width: 1440, height: 900 } })
    try {
      const { page } = app
      const dialog = page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
      await dialog.waitFor()
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog')
      await app.screenshot('welcome-light-1440')

      // Click 1.
      await dialog.getByRole('button', { name: 'Explore with the Sandbox' }).click()
      await page.waitForSelector('[data-testid="request-area"]')
      await dialog.waitFor({ state: 'detached' })
      expect(await page.locator('input[aria-label="URL"]:visible').inputValue()).toContain('/companies')
      // Click 2.
      await page.getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200/)
      await app.screenshot('welcome-explored-light-1440')

      const settings = JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as { welcomeDismissed?: boolean }
      expect(settings.welcomeDismissed).toBe(true)
    } finally {
      await app.close()
    }
  }, 60_000)

  it('Escape dismisses it for good (a relaunch does not show it); the sidebar button and "Add my Adobe credential" lead to the new-profile form', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reactor-explorer-welcome-'))
    try {
      const first = await openWebApp({ welcome: true, dataDir, colorScheme: 'dark', viewport: { width: 1024, height: 700 } })
      try {
        const dialog = first.page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
        await dialog.waitFor()
        await first.screenshot('welcome-dark-1024')
        await first.page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'detached' })
      } finally {
        await first.close()
      }

      // A new launch has a new origin, so only settings.json can remember the dismissal.
      const again = await openWebApp({ welcome: true, dataDir, colorScheme: 'dark', viewport: { width: 1024, height: 700 } })
      try {
        const { page } = again
        await page.getByRole('button', { name: 'Welcome' }).waitFor()
        await page.waitForTimeout(300)
        expect(await page.getByRole('dialog').count()).toBe(0)

        await page.getByRole('button', { name: 'Welcome' }).click()
        const dialog = page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
        await dialog.getByRole('button', { name: 'Add my Adobe credential' }).click()
        await page.getByRole('form', { name: 'New profile' }).waitFor()
        await again.screenshot('welcome-new-profile-dark-1024')
      } finally {
        await again.close()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 60_000)
})
