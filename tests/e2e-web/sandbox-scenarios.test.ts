import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SANDBOX_CREDENTIALS } from '../../src/sandbox'
import { nav, requestPanel, rpc, sendAndExpect, waitForText } from '../support/app-steps'
import { formatViolations, isBlocking, runAxe } from '../support/axe'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()

function scenarioRow(app: WebApp, title: string) {
  return app.page.getByRole('list', { name: 'Sandbox scenarios' }).getByRole('listitem', { name: new RegExp(title) })
}

/** Sandbox area → "Use this scenario" → "Test credential": the doctor's headline for that scenario. */
async function useAndTest(app: WebApp, title: string, verdict: RegExp): Promise<void> {
  const row = scenarioRow(app, title)
  await row.getByRole('button', { name: `Use this scenario: ${title}` }).click()
  await waitForText(row.getByRole('status').first(), /it is the active profile now/, `The confirmation for ${title}`)
  await row.getByRole('button', { name: `Test credential: ${title}` }).click()
  await waitForText(row.locator('.doctor-headline'), verdict, `The doctor's verdict for ${title}`)
}

describe.skipIf(unavailable !== undefined)('Sandbox scenarios: Use this scenario (real UI, real core)', () => {
  it('each scenario becomes an active profile, and the doctor gives that scenario its verdict; no secret reaches the page or a file', async () => {
    const app = await openWebApp({ viewport: { width: 1440, height: 900 } })
    try {
      const { page } = app
      await nav(page, 'Sandbox').click()
      await scenarioRow(app, 'Valid, no companies').waitFor()
      expect(await page.getByRole('list', { name: 'Sandbox scenarios' }).getByRole('listitem').count()).toBe(4)
      await app.screenshot('sandbox-scenarios-light-1440')

      await useAndTest(app, 'Missing product profile', /does not work yet.*product profile/i)
      await app.screenshot('sandbox-scenario-tested-light-1440')
      await useAndTest(app, 'Wrong client secret', /does not work yet.*(client secret|invalid_client)/i)
      await useAndTest(app, 'Valid, no companies', /^The credential works/)

      // Main holds it as the active profile, and the status bar names it.
      expect((await rpc<{ activeProfileId?: string }>(app, 'profiles:list')).value?.activeProfileId).toBe('sandbox-no-companies')
      expect(await page.locator('text="Sandbox · valid, no companies (simulated)" >> visible=true').count()).toBeGreaterThanOrEqual(2)

      // Open in Request: GET /companies with that profile answers 404 (valid, no companies), and only one tab
      // is added: the blank starting tab gave way to it.
      await scenarioRow(app, 'Valid, no companies').getByRole('button', { name: 'Open in Request: Valid, no companies' }).click()
      await page.waitForSelector('[data-testid="request-area"]')
      expect(await requestPanel(page).locator('input[aria-label="URL"]').inputValue()).toContain('/companies')
      await sendAndExpect(page, /^404/)

      // The Profiles area shows the running Sandbox's address, not "starts on first use".
      await nav(page, 'Profiles').click()
      await page.getByRole('navigation', { name: 'Profiles list' }).getByText('Sandbox · valid, no companies (simulated)').click()
      await page.getByRole('heading', { name: /Sandbox · valid, no companies/ }).waitFor()
      const origin = new URL(app.mode.core.sandbox.current()!.reactorUrl).origin
      expect(await page.locator('.profile-detail dd').filter({ hasText: origin }).count()).toBeGreaterThanOrEqual(1)
      expect(await page.getByText('starts on first use').count()).toBe(0)

      // profiles.json names the scenarios only: no host (a new port every launch), no secret.
      const stored = await readFile(join(app.dataDir, 'profiles.json'), 'utf8')
      expect(JSON.parse(stored).sandboxScenarios).toEqual(['noProductProfile', 'wrongSecret', 'noCompanies'])
      for (const credential of Object.values(SANDBOX_CREDENTIALS)) expect(stored).not.toContain(credential.clientSecret)
      const html = await page.content()
      for (const credential of Object.values(SANDBOX_CREDENTIALS)) expect(html).not.toContain(credential.clientSecret)
    } finally {
      await app.close()
    }
  }, 90_000)

  it('looks finished at 1024×700 and in dark, with no serious or critical axe violation', async () => {
    for (const [colorScheme, viewport] of [['dark', { width: 1440, height: 900 }], ['light', { width: 1024, height: 700 }], ['dark', { width: 1024, height: 700 }]] as const) {
      const app = await openWebApp({ colorScheme, viewport })
      try {
        await nav(app.page, 'Sandbox').click()
        const row = scenarioRow(app, 'Valid, no companies')
        await row.waitFor()
        await row.getByRole('button', { name: 'Use this scenario: Valid, no companies' }).click()
        await waitForText(row.getByRole('status').first(), /it is the active profile now/, 'The confirmation')
        // No horizontal page overflow (WCAG 1.4.10 reflow).
        expect(await app.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
        await app.screenshot(`sandbox-scenarios-${colorScheme}-${viewport.width}`)
        const blocking = (await runAxe(app.page)).filter(isBlocking)
        expect(blocking.map((violation) => violation.id), `axe, ${colorScheme}, ${viewport.width}:\n${formatViolations(blocking, 20)}`).toEqual([])
      } finally {
        await app.close()
      }
    }
  }, 90_000)

  it('Explore with the Sandbox from the welcome leaves one request tab: the starter request', async () => {
    const app = await openWebApp({ welcome: true, viewport: { width: 1440, height: 900 } })
    try {
      const { page } = app
      const dialog = page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
      await dialog.getByRole('button', { name: 'Explore with the Sandbox' }).click()
      await page.waitForSelector('[data-testid="request-area"]')
      await dialog.waitFor({ state: 'detached' })
      const tabs = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')
      await waitForText(tabs.first(), /List companies/, 'The first request tab')
      expect(await tabs.count()).toBe(1)
    } finally {
      await app.close()
    }
  }, 60_000)
})
