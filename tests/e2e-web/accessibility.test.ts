import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Result } from 'axe-core'
import { formatViolations, isBlocking, runAxe } from '../support/axe'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

type Theme = 'light' | 'dark'

function nav(page: Page, label: string) {
  return page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: label })
}

/** A narrow window folds the Request area's side panel: open it where a step needs the catalog or the tree. */
async function showSidePanel(page: Page) {
  const toggle = page.getByRole('button', { name: 'Side panel' })
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click()
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
}

/** A short window shows the request and the response as tabs: bring the one a step needs forward. */
async function showPane(page: Page, pane: 'Request' | 'Response') {
  const tabs = page.locator('[data-request-tab]:visible').getByRole('tablist', { name: 'Request or response' })
  if ((await tabs.count()) === 0) return
  await tabs.getByRole('tab', { name: pane === 'Request' ? 'Request' : /^Response/ }).click()
}

// Each step puts one screen in a realistic state (the way the journeys in credentials, workbench,
// sandbox-area and settings tests do) and names it for the report.
const SCREENS: Array<{ name: string; reach: (page: Page) => Promise<void> }> = [
  {
    name: 'Profiles: Sandbox profile with a Credential Doctor report',
    async reach(page) {
      await nav(page, 'Profiles').click()
      // In the profile list (the status bar's profile switcher names the active profile too).
      await page.locator('main').getByRole('button', { name: /Sandbox \(simulated\)/ }).click()
      await expect.poll(() => page.locator('.detail-title').textContent()).toContain('SIMULATED')
      const use = page.getByRole('button', { name: 'Use this profile' })
      if (await use.isVisible()) await use.click()
      await page.getByRole('button', { name: 'Test credential' }).click()
      await expect.poll(() => page.locator('.doctor-headline').textContent(), { timeout: 15_000 }).toContain('The credential works.')
    }
  },
  {
    name: 'Settings dialog',
    async reach(page) {
      await page.getByRole('button', { name: 'Settings' }).click()
      await page.getByRole('dialog', { name: 'Settings' }).waitFor()
    }
  },
  {
    name: 'Settings dialog, General: theme, history, page size and where secrets are kept',
    async reach(page) {
      const dialog = page.getByRole('dialog', { name: 'Settings' })
      await dialog.getByRole('tab', { name: /^General/ }).click()
      await dialog.getByRole('radiogroup', { name: 'Keep secrets in' }).waitFor()
    }
  },
  {
    name: 'Request: GET /companies answered by the Sandbox',
    async reach(page) {
      await page.keyboard.press('Escape')
      await expect.poll(() => page.getByRole('dialog', { name: 'Settings' }).count()).toBe(0)
      await nav(page, 'Request').click()
      await page.waitForSelector('[data-testid="request-area"]')
      await expect.poll(() => page.getByTestId('profile-chip').textContent(), { timeout: 10_000 }).toContain('Sandbox')
      await showSidePanel(page)
      await page.getByLabel('Search the catalog').fill('GET companies')
      await page.locator('.rq-catalog-op', { hasText: /\/companies$/ }).filter({ hasText: /^GET/ }).first().click()
      await expect.poll(() => page.getByLabel('URL').inputValue()).toBe('/companies')
      await page.getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200/)
      await page.getByTestId('body-lines').locator('.rq-line').first().waitFor()
    }
  },
  {
    name: 'Request: the Docs tab, and a search in the body',
    async reach(page) {
      await showPane(page, 'Request')
      const docs = page.getByRole('tablist', { name: 'Request parts' }).getByRole('tab', { name: 'Docs' })
      await docs.click()
      // The panel scrolls by keyboard: it takes focus after its tab, and Page Down moves it.
      await docs.press('Tab')
      const panel = page.getByRole('tabpanel', { name: 'Docs' })
      expect(await panel.evaluate((el) => el === document.activeElement)).toBe(true)
      await page.keyboard.press('PageDown')
      await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
      await showPane(page, 'Response')
      await page.getByLabel('Search in body').fill('Company')
      await expect.poll(() => page.getByTestId('search-count').textContent()).toMatch(/^1 of \d+$/)
    }
  },
  {
    name: 'Sandbox: running, with a fault',
    async reach(page) {
      await nav(page, 'Sandbox').click()
      const start = page.getByRole('button', { name: 'Start sandbox' })
      if (await start.isVisible()) await start.click()
      await expect.poll(() => page.getByTestId('sandbox-url').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      await page.getByRole('form', { name: 'Add a fault' }).getByRole('textbox', { name: /Path/ }).fill('/companies')
      await page.getByRole('button', { name: 'Add fault' }).click()
      await expect.poll(() => page.getByRole('list', { name: 'Active faults' }).textContent()).toContain('/companies')
    }
  },
  {
    name: 'Collections: the empty state',
    async reach(page) {
      await nav(page, 'Collections').click()
      await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Collections')
      await page.getByRole('button', { name: 'Start with the Reactor starter collection' }).waitFor()
    }
  },
  {
    name: 'Collections: the starter collection, a folder open, its environments',
    async reach(page) {
      await page.getByRole('button', { name: 'Start with the Reactor starter collection' }).click()
      const folder = page.getByRole('treeitem', { name: /Explore a property/ })
      await folder.click()
      await folder.press('ArrowRight')
      await page.getByRole('treeitem', { name: /List rules/ }).waitFor()
      await page.getByRole('treeitem', { name: /^Reactor starter/ }).click()
      await page.getByRole('tab', { name: /Environments/ }).click()
      await page.getByRole('table', { name: /Variables of Sandbox/ }).waitFor()
    }
  },
  {
    name: 'Collections: a request’s details and the tree’s context menu',
    async reach(page) {
      const request = page.getByRole('treeitem', { name: /List rules/ })
      await request.click()
      await page.getByRole('button', { name: 'Open in a tab' }).waitFor()
      await request.press('Shift+F10')
      await page.getByRole('menu', { name: /Actions for List rules/ }).waitFor()
    }
  },
  {
    name: 'Collections: an import preview',
    async reach(page) {
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: 'Import…' }).click()
      await page.getByTestId('import-file-input').setInputFiles(join(__dirname, '../fixtures/interchange/postman/adobe-reactor-api.postman_collection.json'))
      await page.getByRole('dialog', { name: /Import adobe-reactor-api/ }).getByText('What it holds').waitFor()
    }
  },
  {
    name: 'Request: a collection tab, its environment and the Collections side panel',
    async reach(page) {
      await page.keyboard.press('Escape')
      await page.getByRole('treeitem', { name: /List rules/ }).dblclick()
      await page.waitForSelector('[data-testid="request-area"]')
      await page.locator('[data-request-tab]:visible').getByTestId('environment-select').waitFor()
      await showSidePanel(page)
      await page.getByRole('group', { name: 'Side panel' }).getByRole('button', { name: 'Collections' }).click()
      await page.getByRole('tree', { name: 'Saved requests' }).waitFor()
    }
  },
  {
    name: 'Request: Save as',
    async reach(page) {
      await page.locator('[data-request-tab]:visible').getByLabel('URL').press('Control+Shift+S')
      await page.getByRole('dialog', { name: 'Save request to a collection' }).waitFor()
    }
  },
  {
    name: 'History: the calls sent so far, one chosen',
    async reach(page) {
      await page.keyboard.press('Escape')
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
      await nav(page, 'History').click()
      const row = page.getByTestId('history-row').first()
      await row.waitFor({ timeout: 10_000 })
      await row.click()
      await expect.poll(() => page.getByTestId('history-detail-status').textContent(), { timeout: 10_000 }).toMatch(/^\d{3}|Failed/)
      await page.getByRole('button', { name: '2xx' }).click()
      await expect.poll(() => page.getByRole('button', { name: '2xx' }).getAttribute('aria-pressed')).toBe('true')
    }
  },
  {
    name: 'History: a repro bundle exported, imported and replayed, with the response diff',
    async reach(page) {
      await page.getByRole('button', { name: 'Clear search' }).click()
      await page.getByTestId('history-row').first().click()
      const detail = page.getByTestId('history-detail')
      const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Export repro bundle' }).click()])
      const bundle = join(tmpdir(), `a11y-${Date.now()}-${download.suggestedFilename()}`)
      await download.saveAs(bundle)
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import repro bundle…' }).click()])
      await chooser.setFiles(bundle)
      await page.getByRole('button', { name: /^Replay with my profile \(/ }).click()
      await page.getByTestId('response-diff').waitFor({ timeout: 15_000 })
      await rm(bundle, { force: true })
    }
  },
  {
    name: 'Runner: the starter collection run against the Sandbox, a result shown in full',
    async reach(page) {
      await nav(page, 'Runner').click()
      await expect.poll(() => page.locator('main').getAttribute('aria-label')).toBe('Runner')
      await expect.poll(() => page.locator('.rn-start').textContent(), { timeout: 10_000 }).toMatch(/Runs 19 requests of Reactor starter, .* with Sandbox/)
      // The Sandbox screen left a 429 fault on /companies: that request fails (after its Retry-After waits).
      await page.getByRole('button', { name: 'Start run' }).click()
      await expect.poll(() => page.getByRole('heading', { name: /^Run 1:/ }).textContent(), { timeout: 30_000 }).toMatch(/^Run 1: (Passed|Failed)$/)
      await page.getByRole('table', { name: /^Results of Run 1/ }).locator('tbody tr:not([aria-hidden])').first().getByRole('button').click()
      await page.getByTestId('run-result-detail').waitFor()
    }
  }
]

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

interface Run {
  theme: Theme
  size: string
  viewport: { width: number; height: number }
  deviceScaleFactor: number
}

// 1440x900, and the same screen at 200% zoom: a 720x450 CSS viewport at device scale 2, where the sidebar and the
// side panel fold and the request and response become tabs.
const RUNS: Run[] = (['light', 'dark'] as const).flatMap((theme) => [
  { theme, size: '1440x900', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
  { theme, size: '720x450 at 2x (200% zoom)', viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 }
])

describe.skipIf(unavailable !== undefined).each<Run>(RUNS)('accessibility (axe, WCAG 2.1 A/AA), $theme theme, $size', ({ theme, size, viewport, deviceScaleFactor }) => {
  let app: WebApp
  beforeAll(async () => {
    app = await openWebApp({ colorScheme: theme, viewport })
    // Dialogs and menus fade in over about 100 ms; axe must judge the colours they end with, not a frame of the
    // fade (measured: a Save dialog's button read 2.1:1 mid-fade). With reduced motion the kit shows them at once.
    await app.page.emulateMedia({ reducedMotion: 'reduce' })
    if (deviceScaleFactor !== 1) {
      // The harness opens pages at scale 1; the device scale of a 200% zoom is set on this page through CDP.
      const cdp = await app.context.newCDPSession(app.page)
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor, mobile: false })
      await app.page.reload()
      await app.page.waitForSelector('[data-app-state="ready"]')
      expect(await app.page.evaluate(() => window.devicePixelRatio)).toBe(deviceScaleFactor)
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  // One test per screen, in order: each builds on the state the previous one left (the profile in use,
  // the running sandbox), like a person going through the app.
  for (const screen of SCREENS) {
    it(`${screen.name}: no serious or critical violation`, async () => {
      await screen.reach(app.page)
      const violations: Result[] = await runAxe(app.page)
      const warnings = violations.filter((violation) => !isBlocking(violation))
      const failures = violations.filter(isBlocking)
      if (warnings.length > 0) console.warn(`axe warnings, ${theme}, ${size}, ${screen.name}:\n${formatViolations(warnings)}`)
      if (failures.length > 0) await app.screenshot(`a11y-${theme}-${slug(size)}-${slug(screen.name)}`)
      expect(failures.map((violation) => `${violation.id} (${violation.nodes.length})`), `axe, ${theme} theme, ${size}, ${screen.name}:\n${formatViolations(failures, 50)}`).toEqual([])
    })
  }

  // Guards the guard: axe really runs inside the page (past its CSP) and reports what it finds.
  it.runIf(theme === 'light' && deviceScaleFactor === 1)('the check finds a planted unlabeled input and low-contrast text', async () => {
    const { page } = app
    await page.evaluate(() => {
      const planted = document.createElement('div')
      planted.id = 'a11y-planted'
      planted.append(document.createElement('input'))
      const faint = document.createElement('p')
      faint.textContent = 'faint text'
      faint.style.color = '#dddddd'
      faint.style.background = '#ffffff'
      planted.append(faint)
      document.querySelector('main')!.append(planted)
    })
    try {
      const ids = (await runAxe(page)).filter(isBlocking).map((violation) => violation.id)
      expect(ids).toEqual(expect.arrayContaining(['label', 'color-contrast']))
    } finally {
      await page.evaluate(() => document.getElementById('a11y-planted')?.remove())
    }
  })
})
