// A keyboard-only person, from a fresh app: the command palette opens a saved request, Ctrl+Enter sends it,
// Ctrl+S saves it, and the palette switches area. Every key press goes through one counter, so the bound the
// issue sets (at most 30 presses to open a saved request and send it) is measured, not assumed. No mouse event
// is sent: the page is driven by page.keyboard alone, after the saved request was made through the core's API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { newRequestSpec } from '../../src/shared/requests/request-spec'
import { rpc, useSandboxProfile, waitForText } from '../support/app-steps'
import type { AxeResults, Result } from 'axe-core'
import { formatViolations, isBlocking, runAxe, WCAG_21_AA_TAGS } from '../support/axe'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

/** The bound for "open a saved request and send it", counted from the fresh app. */
const PRESSES_TO_SEND = 30

/** The only way this test touches the page: each chord is one press, each typed character one press. */
class Keys {
  presses = 0
  constructor(private readonly page: Page) {}
  async press(chord: string): Promise<void> {
    this.presses += 1
    await this.page.keyboard.press(chord)
  }
  async type(text: string): Promise<void> {
    this.presses += text.length
    await this.page.keyboard.type(text)
  }
}

/** What has focus, as the person's screen reader would say it. */
async function focused(page: Page): Promise<{ tag: string; label: string | null; text: string; inDialog: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    return {
      tag: element?.tagName ?? '',
      label: element?.getAttribute('aria-label') ?? null,
      text: (element?.textContent ?? '').trim().slice(0, 80),
      inDialog: Boolean(element?.closest('[role="dialog"]'))
    }
  })
}

/**
 * axe over one dialog only (what this file owns); the whole page is the accessibility suite's. runAxe installs
 * axe-core first (through CDP evaluation, which the page's CSP does not govern).
 */
async function axeWithin(page: Page, selector: string): Promise<Result[]> {
  await runAxe(page)
  const results = await page.evaluate(
    ({ selector, tags }) =>
      (window as unknown as { axe: { run: (context: Element, options: unknown) => Promise<AxeResults> } }).axe.run(document.querySelector(selector)!, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations']
      }),
    { selector, tags: WCAG_21_AA_TAGS }
  )
  return results.violations.filter(isBlocking)
}

describe.skipIf(unavailable !== undefined)('keyboard-only journey (Chromium, real core)', () => {
  let app: WebApp

  beforeAll(async () => {
    app = await openWebApp({ viewport: { width: 1440, height: 900 } })
    await useSandboxProfile(app)
    // The saved request, made through the core as another session would have left it.
    const created = await rpc<{ id: string }>(app, 'collections:create', { name: 'Keyboard team', parentDir: app.dataDir })
    if (!created.ok || !created.value) throw new Error(`The collection could not be created: ${created.error?.message}`)
    const saved = await rpc(app, 'collections:saveRequest', {
      collectionId: created.value.id,
      folder: '',
      spec: newRequestSpec({ name: 'List my companies', method: 'GET', url: '/companies' })
    })
    if (!saved.ok) throw new Error(`The request could not be saved: ${saved.error?.message}`)
    // A fresh page: nothing focused, nothing loaded but what the app loads by itself.
    await app.page.reload()
    await app.page.waitForSelector('[data-app-state="ready"]')
  })

  afterAll(async () => {
    await app?.close()
  })

  it(`opens a saved request and sends it in at most ${PRESSES_TO_SEND} key presses, saves it, and switches area with the palette`, async () => {
    const { page } = app
    const keys = new Keys(page)
    expect((await focused(page)).tag).toBe('BODY')

    // Ctrl+K: the palette, its search field focused.
    await keys.press('Control+k')
    const palette = page.getByTestId('command-palette')
    await palette.waitFor()
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', inDialog: true })
    await keys.type('list my')
    const first = palette.locator('[cmdk-item][data-selected="true"]')
    await waitForText(first, /List my companies/, 'The palette’s first result')
    await keys.press('Enter')
    await palette.waitFor({ state: 'detached' })

    // The request is open in a tab of the Request area, focus in its URL field.
    const panel = page.locator('[data-request-tab]:visible')
    await expect.poll(() => panel.getByLabel('URL').inputValue(), { timeout: 15_000 }).toBe('/companies')
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'INPUT', label: 'URL' })

    await keys.press('Control+Enter')
    await waitForText(panel.getByTestId('response-status'), /^200/, 'The response status')
    const toSend = keys.presses
    console.log(`keyboard journey: opened a saved request and sent it in ${toSend} key presses (bound ${PRESSES_TO_SEND})`)
    expect(toSend).toBeLessThanOrEqual(PRESSES_TO_SEND)
    // Sending did not move focus away from where the person was.
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', label: 'URL' })

    // Ctrl+S writes it back to its collection file.
    await keys.press('Control+s')
    await waitForText(page.getByTestId('save-status'), /^Saved “List my companies” to Keyboard team/, 'The save status')

    // The palette switches area; focus lands inside it (its heading), not on the sidebar or the page.
    await keys.press('Control+k')
    await palette.waitFor()
    await keys.type('go to hist')
    await waitForText(palette.locator('[cmdk-item][data-selected="true"]'), /Go to History/, 'The palette’s first result')
    await keys.press('Enter')
    await palette.waitFor({ state: 'detached' })
    await expect.poll(() => page.getByRole('main').getAttribute('aria-label')).toBe('History')
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'H1', text: 'History' })

    // Ctrl+2 goes back: focus in the Request area's URL field, the response still shown.
    await keys.press('Control+2')
    await expect.poll(() => focused(page), { timeout: 10_000 }).toMatchObject({ tag: 'INPUT', label: 'URL' })
    expect(await panel.getByTestId('response-status').textContent()).toMatch(/^200/)
    console.log(`keyboard journey: ${keys.presses} key presses in all`)
  })

  it('the palette (empty, searching, nothing found) and the shortcuts panel pass axe in both themes', async () => {
    const { page } = app
    const palette = page.getByTestId('command-palette')
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.keyboard.press('Control+k')
      await palette.waitFor()
      for (const query of ['', 'rules', 'qqqzzz']) {
        await page.keyboard.press('Control+a')
        await page.keyboard.type(query)
        if (query === 'qqqzzz') await palette.getByText(/Nothing matches/).waitFor()
        const blocking = await axeWithin(page, '[data-testid="command-palette"]')
        expect(blocking, `palette "${query}" (${colorScheme}): ${formatViolations(blocking)}`).toEqual([])
      }
      await page.keyboard.press('Escape')
      await palette.waitFor({ state: 'detached' })
      // Focus is back in the URL field the palette was opened from: Ctrl+/ works there too (only ? would be typing).
      await page.keyboard.press('Control+/')
      const panel = page.getByTestId('shortcuts-panel')
      await panel.waitFor()
      const blocking = await axeWithin(page, '[data-testid="shortcuts-panel"]')
      expect(blocking, `shortcuts panel (${colorScheme}): ${formatViolations(blocking)}`).toEqual([])
      await page.keyboard.press('Escape')
      await panel.waitFor({ state: 'detached' })
    }
  })
})
