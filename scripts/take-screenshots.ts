// The README's screenshots, taken from the real app so they stay current: browser mode (the real core behind the
// loopback transport, the same harness as the e2e-web tests) in Debian's Chromium, against the built-in Sandbox,
// at 1440×900 in light and dark. Each screen is reached the way a person would reach it.
//
//   npx electron-vite build [--outDir /tmp/mine]      (the script shows the build in out/, or E2E_BUILD_DIR)
//   npx tsx scripts/take-screenshots.ts [--out docs/screenshots]
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { nav, openRequestArea, requestPanel, sendAndExpect, useSandboxProfile, waitForText } from '../tests/support/app-steps'
import { e2eWebUnavailableReason, openWebApp } from '../tests/support/web-app'

const VIEWPORT = { width: 1440, height: 900 }
const THEMES = ['light', 'dark'] as const

// A customer's call as it arrives in a ticket (Adobe's documentation form); the token is a made-up one.
const CUSTOMER_CURL = [
  'curl -X GET https://reactor.adobe.io/companies \\',
  "  -H 'Accept: application/vnd.api+json;revision=1' \\",
  "  -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzY3JlZW5zaG90In0.c2lnbmF0dXJl' \\",
  "  -H 'x-api-key: customer-client-id' \\",
  "  -H 'x-gw-ims-org-id: C0FFEE0000000000000000AB@AdobeOrg'"
].join('\n')

function outputDir(argv: readonly string[]): string {
  const at = argv.indexOf('--out')
  if (at === -1) return resolve('docs/screenshots')
  const value = argv[at + 1]
  if (!value || value.startsWith('--')) throw new Error('--out needs a folder, e.g. --out docs/screenshots')
  return resolve(value)
}

async function capture(page: Page, dir: string, name: string): Promise<void> {
  // Let transitions, fonts and the token countdown settle so light and dark show the same moment.
  await page.evaluate(() => document.fonts.ready)
  await page.mouse.move(0, VIEWPORT.height - 1)
  await page.waitForTimeout(250)
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path })
  const { size } = await stat(path)
  console.log(`${path}  ${(size / 1024).toFixed(0)} KB`)
}

async function screens(theme: (typeof THEMES)[number], dir: string): Promise<void> {
  const downloads = await mkdtemp(join(tmpdir(), 'reactor-explorer-shots-'))
  const app = await openWebApp({ welcome: true, colorScheme: theme, viewport: VIEWPORT })
  try {
    const { page } = app
    // 1. First run: the welcome's two paths.
    const welcome = page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
    await welcome.waitFor()
    await capture(page, dir, `welcome-${theme}`)

    // 2. Explore with the Sandbox, Send: a JSON:API response from the simulated Reactor API.
    await welcome.getByRole('button', { name: 'Explore with the Sandbox' }).click()
    await welcome.waitFor({ state: 'detached' })
    await page.waitForSelector('[data-testid="request-area"]')
    await sendAndExpect(page)
    await capture(page, dir, `request-response-${theme}`)

    // 3. The Credential Doctor's report on the Sandbox profile.
    await nav(page, 'Profiles').click()
    await page.getByRole('navigation', { name: 'Profiles list' }).getByRole('button', { name: /Sandbox \(simulated\)/ }).click()
    await page.getByRole('button', { name: 'Test credential' }).click()
    await waitForText(page.locator('.doctor-headline'), /The credential works\./, 'The doctor’s headline')
    // The report, not the profile's facts above it, is the point of this screen.
    // Scrolled inside the area's own scroller: scrollIntoView would move the whole page and the sidebar with it.
    await page.locator('.doctor-card').evaluate((card) => {
      let scroller = card.parentElement
      while (scroller && !(/(auto|scroll)/.test(getComputedStyle(scroller).overflowY) && scroller.scrollHeight > scroller.clientHeight)) scroller = scroller.parentElement
      if (scroller) scroller.scrollTop += card.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 16
    })
    await capture(page, dir, `credential-doctor-${theme}`)

    // 4. Collections: the starter collection the welcome opened, with a request of our own saved into a folder.
    await useSandboxProfile(app)
    await openRequestArea(page)
    await page.getByRole('button', { name: 'New request tab' }).click()
    await requestPanel(page).getByLabel('URL').fill('/companies/{{companyId}}/properties')
    await requestPanel(page).getByLabel('URL').press('Control+s')
    const saveAs = page.getByRole('dialog', { name: 'Save request to a collection' })
    await saveAs.getByRole('textbox', { name: 'Request name' }).fill('Our web properties')
    await saveAs.getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'New folder…' })
    await saveAs.getByRole('textbox', { name: 'New folder’s name' }).fill('Team calls')
    await saveAs.getByRole('button', { name: 'Save' }).click()
    await waitForText(page.getByTestId('save-status'), /Saved “Our web properties”/, 'The save status')
    await sendAndExpect(page)
    await nav(page, 'Collections').click()
    const folder = page.getByRole('treeitem', { name: /Team calls/ })
    await folder.click()
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.press('ArrowRight')
    await page.getByRole('treeitem', { name: /Our web properties/ }).click()
    await capture(page, dir, `collections-${theme}`)

    // 5. History: a customer's cURL replayed with our own profile, exported as a repro bundle, imported back,
    //    replayed again and compared side by side.
    await nav(page, 'History').click()
    await page.getByRole('button', { name: 'Import cURL…' }).first().click()
    const curl = page.getByRole('dialog', { name: 'Import cURL' })
    await curl.getByLabel('cURL command').fill(CUSTOMER_CURL)
    await curl.getByRole('button', { name: 'Import' }).click()
    await curl.waitFor({ state: 'detached' })
    await page.waitForSelector('[data-testid="request-area"]')
    await sendAndExpect(page)
    await app.mode.core.services.history.flush()
    await nav(page, 'History').click()
    await page.getByTestId('history-row').first().click()
    const detail = page.getByTestId('history-detail')
    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Export repro bundle' }).click()])
    const bundle = join(downloads, download.suggestedFilename())
    await download.saveAs(bundle)
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import repro bundle…' }).first().click()])
    await chooser.setFiles(bundle)
    const imported = page.getByTestId('imported-calls')
    await imported.getByRole('button', { name: /^Replay with my profile/ }).first().click()
    await imported.getByTestId('response-diff').waitFor({ timeout: 15_000 })
    await capture(page, dir, `history-replay-${theme}`)

    // 6. The Runner: the starter collection run against the Sandbox.
    await nav(page, 'Runner').click()
    const collection = page.getByRole('combobox', { name: 'Collection' })
    await waitForText(collection.locator('option:checked'), /Reactor starter/, 'The Runner’s collection')
    const profile = page.getByRole('combobox', { name: 'Profile' })
    await profile.selectOption({ label: (await profile.locator('option', { hasText: 'Sandbox' }).first().textContent()) ?? '' })
    await page.getByRole('button', { name: 'Start run' }).click()
    await waitForText(page.getByRole('heading', { name: /^Run 1:/ }), /^Run 1: (Passed|Failed)$/, 'The run’s heading', 60_000)
    await capture(page, dir, `runner-${theme}`)
  } finally {
    await app.close()
    await rm(downloads, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const unavailable = e2eWebUnavailableReason()
  if (unavailable) throw new Error(`Screenshots need the browser-mode harness, and ${unavailable}.`)
  const dir = outputDir(process.argv.slice(2))
  await mkdir(dir, { recursive: true })
  for (const theme of THEMES) await screens(theme, dir)
}

main().catch((error: unknown) => {
  console.error(`take-screenshots: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
