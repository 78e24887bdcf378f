// The Runner as a person uses it, in real Chromium against the real core and its built-in Sandbox: create the
// starter collection from the Runner's empty state, run it with the Sandbox profile and watch it go, make
// "List companies" fail (the Sandbox answers 500), filter to the failure, read what was expected and what came,
// open it in a tab, export the JUnit/JSON report as a download, re-run only the failure, and stop a run midway
// (the table says which requests never started). Screenshots at 1440×900 and 1024×700, light and dark.
import { mkdir, readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

const SHOTS = '/tmp/shots-runner'

function nav(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: label })
}

function results(page: Page): Locator {
  return page.getByRole('table', { name: /^Results of Run/ })
}

function resultRows(page: Page): Locator {
  return results(page).locator('tbody tr:not([aria-hidden])')
}

async function shot(app: WebApp, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true })
  await app.page.screenshot({ path: `${SHOTS}/${name}.png` })
}

describe.skipIf(unavailable !== undefined)('the Runner in Chromium, real core and Sandbox over the loopback transport', () => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp({ viewport: { width: 1440, height: 900 } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('creates the starter collection from the empty Runner and sets up a run with the Sandbox profile', async () => {
    const { page } = app
    await nav(page, 'Runner').click()
    await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Runner')
    await page.getByText('No collection is open to run').waitFor()
    await shot(app, 'runner-empty-light-1440')
    await page.getByRole('button', { name: 'Create the starter collection' }).click()
    const collection = page.getByRole('combobox', { name: 'Collection' })
    await expect.poll(async () => (await collection.locator('option:checked').textContent()) ?? '', { timeout: 10_000 }).toBe('Reactor starter')
    const profile = page.getByRole('combobox', { name: 'Profile' })
    await profile.selectOption({ label: (await profile.locator('option', { hasText: 'Sandbox' }).first().textContent())! })
    await expect.poll(() => page.getByRole('combobox', { name: 'Environment' }).locator('option:checked').textContent()).toBe('Tied to the profile: Sandbox')
    await expect.poll(() => page.locator('.rn-start').textContent()).toMatch(/Runs 19 requests of Reactor starter, 1 iteration, with Sandbox/)
    await shot(app, 'runner-setup-light-1440')
  })

  it('runs it: progress with counts while it goes, a failure where the Sandbox answered 500, the results filtered to it', async () => {
    const { page } = app
    const sandbox = await app.mode.core.sandbox.ensureRunning()
    // No `times`: the runner retries a 5xx on a GET, and every attempt must fail for the check to fail.
    sandbox.faults.add({ kind: 'status', status: 500, match: { path: '/companies' } })
    sandbox.faults.add({ kind: 'latency', latencyMs: 400, match: { path: '/properties/*/rules' } })
    try {
      await page.getByRole('button', { name: 'Start run' }).click()
      const progress = bar(page)
      await progress.waitFor()
      await expect.poll(() => progress.getAttribute('aria-valuemax')).toBe('19')
      // Midway (the rules request takes 400 ms): the first answers are in.
      await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(1)
      await shot(app, 'runner-running-light-1440')
      await expect.poll(() => page.getByRole('heading', { name: /^Run 1:/ }).textContent(), { timeout: 30_000 }).toBe('Run 1: Failed')
    } finally {
      sandbox.faults.clear()
    }
    expect(await bar(page).getAttribute('aria-valuenow')).toBe('19')
    expect(await page.getByTestId('run-counts').textContent()).toMatch(/Done19 \/ 19Passed18Failed1/)
    await expect.poll(() => page.getByTestId('run-announcement').textContent()).toMatch(/^Run 1 failed after .+: 19 of 19 requests done, 1 failed\.$/)
    expect(await resultRows(page).count()).toBeGreaterThanOrEqual(10)
    await shot(app, 'runner-done-light-1440')

    await page.getByRole('button', { name: /^Failures/ }).click()
    await expect.poll(() => resultRows(page).count()).toBe(1)
    const failed = resultRows(page).first()
    expect(await failed.textContent()).toMatch(/Failed.*List companies.*500.*Expected res\.status to equal 200, got 500\./)
    await failed.getByRole('button', { name: 'List companies' }).click()
    const detail = page.getByTestId('run-result-detail')
    const checks = detail.getByRole('table', { name: /^Assertions: \d+ failed of \d+$/ })
    expect(await checks.locator('tbody tr').first().textContent()).toMatch(/res\.status eq.*200.*500/)
    await shot(app, 'runner-failure-light-1440')
  })

  it('exports the run as the CLI’s JUnit and JSON reports, downloaded by the page', async () => {
    const { page } = app
    for (const [label, check] of [
      ['JUnit XML', (text: string) => expect(text).toMatch(/<testsuites name="Reactor starter" tests="19" failures="1"/)],
      ['JSON report', (text: string) => expect(JSON.parse(text)).toMatchObject({ collection: 'Reactor starter', summary: { requests: { total: 19, failed: 1 } } })]
    ] as const) {
      await page.getByRole('button', { name: /^Export report/ }).click()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: label }).click()])
      check(await readFile((await download.path())!, 'utf8'))
      await expect.poll(() => page.locator('.rn-notice').textContent()).toContain(`Downloaded ${download.suggestedFilename()}`)
    }
  })

  it('opens the failure in a request tab, then re-runs only the failed request (green now)', async () => {
    const { page } = app
    await page.getByTestId('run-result-detail').getByRole('button', { name: 'Open in a tab' }).click()
    await page.waitForSelector('[data-testid="request-area"]')
    await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Request')
    const tab = page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /List companies/ })
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true')
    await expect.poll(() => page.locator('[data-request-tab]:visible').getByLabel('URL').inputValue()).toBe('/companies')
    await expect.poll(() => page.getByText(/Opened from Run 1: failed — Expected res\.status to equal 200, got 500\./).count()).toBeGreaterThan(0)
    await shot(app, 'runner-opened-in-tab-light-1440')

    await nav(page, 'Runner').click()
    await page.getByRole('button', { name: 'Re-run failed (1)' }).click()
    await expect.poll(() => page.getByRole('tab', { name: /^.?Run 2/ }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.getByRole('heading', { name: /^Run 2:/ }).textContent(), { timeout: 20_000 }).toBe('Run 2: Passed')
    expect(await page.locator('.rn-headline-text').textContent()).toContain('the 1 failed request of Run 1')
    await expect.poll(() => resultRows(page).count()).toBe(1)
    // Run 1's results are still there, in their tab.
    await page.getByRole('tab', { name: /^.?Run 1/ }).click()
    await expect.poll(() => page.getByRole('heading', { name: /^Run 1:/ }).textContent()).toBe('Run 1: Failed')
  })

  it('stops a run midway: the requests in flight are cancelled and the table lists those that never started', async () => {
    const { page } = app
    const sandbox = await app.mode.core.sandbox.ensureRunning()
    sandbox.faults.add({ kind: 'latency', latencyMs: 20_000, match: { path: '/properties/*/rules' } })
    try {
      await page.getByRole('button', { name: 'Run again' }).click()
      await expect.poll(() => page.getByRole('heading', { name: /^Run 3:/ }).textContent()).toBe('Run 3: Running')
      await expect.poll(() => page.locator('.rn-activity').textContent(), { timeout: 10_000 }).toBe('Running List rules')
      await page.getByRole('button', { name: 'Stop', exact: true }).click()
      await expect.poll(() => page.getByRole('heading', { name: /^Run 3:/ }).textContent(), { timeout: 10_000 }).toBe('Run 3: Stopped')
    } finally {
      sandbox.faults.clear()
    }
    expect(await page.locator('.rn-activity').textContent()).toMatch(/^Stopped by you: 3 ran, 1 cancelled in flight, 15 did not start\.$/)
    const outcomes = await resultRows(page).locator('.rn-outcome').allTextContents()
    expect(outcomes.slice(0, 5).map((text) => text.replace(/^\W+/, ''))).toEqual(['Passed', 'Passed', 'Passed', 'Cancelled', 'Not run'])
    expect(await results(page).getAttribute('aria-rowcount')).toBe('20')
    await shot(app, 'runner-stopped-light-1440')
  })

  it('looks finished in the dark theme and at 1024×700', async () => {
    for (const [scheme, viewport] of [
      ['dark', { width: 1440, height: 900 }],
      ['dark', { width: 1024, height: 700 }],
      ['light', { width: 1024, height: 700 }]
    ] as const) {
      const other = await openWebApp({ colorScheme: scheme, viewport })
      try {
        const { page } = other
        await other.mode.core.dispatcher.dispatch('interchange:createStarter', undefined)
        await nav(page, 'Runner').click()
        const profile = page.getByRole('combobox', { name: 'Profile' })
        await expect.poll(() => profile.locator('option').count()).toBeGreaterThan(0)
        await profile.selectOption({ label: (await profile.locator('option', { hasText: 'Sandbox' }).first().textContent())! })
        await expect.poll(() => page.locator('.rn-start').textContent(), { timeout: 10_000 }).toMatch(/Runs 19 requests/)
        const tag = `${scheme}-${viewport.width}`
        await shot(other, `runner-setup-${tag}`)
        const sandbox = await other.mode.core.sandbox.ensureRunning()
        sandbox.faults.add({ kind: 'status', status: 500, match: { path: '/companies' } })
        await page.getByRole('button', { name: 'Start run' }).click()
        await expect.poll(() => page.getByRole('heading', { name: /^Run 1:/ }).textContent(), { timeout: 30_000 }).toBe('Run 1: Failed')
        sandbox.faults.clear()
        await shot(other, `runner-done-${tag}`)
        await resultRows(page).first().getByRole('button').click()
        await page.getByTestId('run-result-detail').waitFor()
        // The chosen row's details and the table share the window: the status and the failing check are in view.
        const box = await page.getByTestId('run-result-detail').boundingBox()
        expect(box && box.y + 40 < viewport.height).toBe(true)
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
        await shot(other, `runner-failure-${tag}`)
      } finally {
        await other.close()
      }
    }
  })
})

function bar(page: Page): Locator {
  return page.getByRole('progressbar', { name: /^Run 1 progress$/ })
}
