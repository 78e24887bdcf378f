// The three people of DESIGN.md, each through the real UI in real Chromium against the real core, at a laptop's
// 1440×900 and a small 1024×700 window: someone testing the credential Developer Console gave them (from the
// downloaded project file), a support engineer replaying a customer's cURL and handing back a repro bundle, and
// someone keeping a team collection (built, saved, still there after a reload, sent). Plus the newcomer's
// promise: a real Sandbox response in at most two clicks from the welcome screen, counted, not assumed.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/sandbox'
import { nav, openRequestArea, requestPanel, sendAndExpect, useSandboxProfile } from '../support/app-steps'
import { e2eWebUnavailableReason, openWebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 }
] as const

// Adobe's own sample of the project file Developer Console downloads, with a Sandbox credential put in it.
const CONSOLE_SAMPLE = join(__dirname, '..', 'fixtures', 'ims', 'adobe-developer-console_project-json_oauth-s2s_example.json')

async function developerConsoleFile(credential: { clientId: string; clientSecret: string; orgId: string; scopes: string[] }): Promise<Buffer> {
  const project = JSON.parse(await readFile(CONSOLE_SAMPLE, 'utf8')) as {
    project: { title: string; org: { ims_org_id: string }; workspace: { title: string; details: { credentials: Array<{ oauth_server_to_server: Record<string, unknown> }> } } }
  }
  project.project.title = 'Acme Tags'
  project.project.workspace.title = 'Production'
  project.project.org.ims_org_id = credential.orgId
  const s2s = project.project.workspace.details.credentials[0]!.oauth_server_to_server
  s2s['client_id'] = credential.clientId
  s2s['client_secrets'] = [credential.clientSecret]
  s2s['scopes'] = credential.scopes
  return Buffer.from(JSON.stringify(project, null, 2))
}

// What a customer pastes into a ticket: Adobe's documentation form of the call, with their own token.
const CUSTOMER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhLWN1c3RvbWVyLWluLWEtam91cm5leSJ9.Y3VzdG9tZXJzLXNpZ25hdHVyZQ'
const CUSTOMER_CURL = [
  'curl -X GET https://reactor.adobe.io/companies \\',
  "  -H 'Accept: application/vnd.api+json;revision=1' \\",
  `  -H 'Authorization: Bearer ${CUSTOMER_TOKEN}' \\`,
  "  -H 'x-api-key: customer-client-id-0815' \\",
  "  -H 'x-gw-ims-org-id: BEEF00000000000000000001@AdobeOrg'"
].join('\n')

/** Counts the clicks the page receives from now on (capture phase: a click a handler stops still counts). */
async function countClicks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const counter = window as unknown as { __journeyClicks: number }
    counter.__journeyClicks = 0
    document.addEventListener('click', () => void counter.__journeyClicks++, true)
  })
  return () => page.evaluate(() => (window as unknown as { __journeyClicks: number }).__journeyClicks)
}

/** Nothing of the page scrolls sideways: the layout fits the window (WCAG 1.4.10). */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0)
}

describe.skipIf(unavailable !== undefined).each(VIEWPORTS)('user journeys at $width×$height (Chromium, real core)', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  })
  afterAll(async () => {
    await sandbox?.close()
  })

  it('a newcomer reaches a real Sandbox response in two clicks from the welcome screen', async () => {
    const app = await openWebApp({ welcome: true, viewport })
    try {
      const { page } = app
      const dialog = page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' })
      await dialog.waitFor()
      const clicks = await countClicks(page)
      await dialog.getByRole('button', { name: 'Explore with the Sandbox' }).click()
      await dialog.waitFor({ state: 'detached' })
      await requestPanel(page).getByRole('button', { name: 'Send' }).click()
      await expect.poll(() => requestPanel(page).getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200/)
      expect(await clicks()).toBeLessThanOrEqual(2)
      // The answer is a real JSON:API document from the Sandbox, visible without scrolling the page.
      await expect.poll(() => requestPanel(page).textContent()).toMatch(/"type":\s*"companies"|companies/)
      const status = await requestPanel(page).getByTestId('response-status').boundingBox()
      expect(status && status.y + status.height).toBeLessThanOrEqual(viewport.height)
      await app.screenshot(`journey-sandbox-two-clicks-${size}`)
    } finally {
      await app.close()
    }
  })

  it('testing a credential: the welcome leads to the profile form, the Developer Console file fills it, and the doctor reports it works', async () => {
    const app = await openWebApp({ welcome: true, viewport })
    try {
      const { page } = app
      const credential = sandbox.credentials.working
      await page.getByRole('dialog', { name: 'Welcome to Reactor Explorer' }).getByRole('button', { name: 'Add my Adobe credential' }).click()
      const form = page.getByRole('form', { name: 'New profile' })
      await form.waitFor()
      // The keyboard is in the form, not left on the page behind the closed dialog.
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label'))).toBe('New profile')

      await form.getByLabel('Developer Console project file').setInputFiles({ name: 'Acme-Tags-workspace.json', mimeType: 'application/json', buffer: await developerConsoleFile(credential) })
      await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Filled in from Acme-Tags-workspace\.json: Developer Console project "Acme Tags".*client secret goes straight to/)
      expect(await form.getByLabel('Client ID (sent as x-api-key)').inputValue()).toBe(credential.clientId)
      expect(await form.getByLabel('Organization ID').inputValue()).toBe(credential.orgId)
      expect(await form.getByLabel('Name').inputValue()).toMatch(/^Acme Tags/)
      // The file's secret stayed in main: the field is empty and says where the secret comes from.
      expect(await form.getByLabel('Client Secret').inputValue()).toBe('')
      expect(await form.getByLabel('Client Secret').getAttribute('placeholder')).toMatch(/From the imported file/)

      // This credential lives on the Sandbox here, not on Adobe's hosts: point the profile at it.
      await form.getByRole('radio', { name: 'Custom hosts' }).click()
      await form.getByLabel('IMS host').fill(sandbox.imsUrl)
      await form.getByLabel('Reactor host').fill(sandbox.reactorUrl)
      await app.screenshot(`journey-credential-form-${size}`)
      await form.getByRole('button', { name: 'Save profile' }).click()

      // Saved, and the Credential Doctor runs by itself: the person came to know whether it works.
      await page.getByRole('heading', { name: /^Acme Tags/ }).waitFor()
      await expect.poll(() => page.locator('.doctor-headline').textContent(), { timeout: 15_000 }).toContain('The credential works.')
      expect(await page.locator('.doctor-step[data-status="pass"]').count()).toBe(4)
      expect(await page.locator('.profile-detail').textContent()).toContain('stored in')
      expect(await page.content()).not.toContain(credential.clientSecret)
      await expectNoHorizontalOverflow(page)
      await app.screenshot(`journey-credential-doctor-${size}`)
    } finally {
      await app.close()
    }
  })

  it('reproducing a customer’s call: a pasted cURL is replayed with my own profile and goes out as a repro bundle', async () => {
    const downloads = await mkdtemp(join(tmpdir(), 'reactor-explorer-journey-bundle-'))
    const app = await openWebApp({ viewport })
    try {
      const { page } = app
      await useSandboxProfile(app)
      await nav(page, 'History').click()
      await page.getByRole('button', { name: 'Import cURL…' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Import cURL' })
      await dialog.getByLabel('cURL command').fill(CUSTOMER_CURL)
      await dialog.getByRole('button', { name: 'Import' }).click()
      await dialog.waitFor({ state: 'detached' })

      // A tab that calls the profile's own Reactor host with the profile's credential, not the customer's.
      await page.waitForSelector('[data-testid="request-area"]')
      await expect.poll(() => requestPanel(page).getByLabel('URL').inputValue()).toBe('/companies')
      await expect.poll(() => page.getByTestId('import-notes').textContent()).toContain("Uses your profile's credential instead of the one in the command")
      await sendAndExpect(page)
      expect(await page.content()).not.toContain(CUSTOMER_TOKEN)

      await app.mode.core.services.history.flush()
      await nav(page, 'History').click()
      const row = page.getByTestId('history-row').first()
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/^GET \/companies, 200 OK/)
      await row.click()
      const detail = page.getByTestId('history-detail')
      await expect.poll(() => detail.getByTestId('history-detail-status').textContent()).toBe('200 OK')
      const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Export repro bundle' }).click()])
      const bundlePath = join(downloads, download.suggestedFilename())
      await download.saveAs(bundlePath)
      await expect.poll(() => page.getByTestId('history-detail-status-line').textContent()).toMatch(/Downloaded reactor-explorer-repro-.*\.zip: 1 call/)

      const zip = new Uint8Array(await readFile(bundlePath))
      const inside = unzipSync(zip)
      const bundle = Buffer.from(inside['bundle.json']!).toString('utf8')
      expect(bundle).toContain('/companies')
      for (const text of [Buffer.from(zip).toString('latin1'), bundle, await page.content()]) {
        expect(text).not.toContain(CUSTOMER_TOKEN)
        expect(text).not.toContain(sandbox.credentials.working.clientSecret)
      }
      await expectNoHorizontalOverflow(page)
      await app.screenshot(`journey-support-bundle-${size}`)
    } finally {
      await app.close()
      await rm(downloads, { recursive: true, force: true })
    }
  })

  it('keeping a team collection: built, a request saved into it, still there after a reload, reopened and sent', async () => {
    const app = await openWebApp({ viewport })
    try {
      const { page } = app
      await useSandboxProfile(app)
      await nav(page, 'Collections').click()
      await page.getByRole('button', { name: 'New empty collection…' }).click()
      const create = page.getByRole('dialog', { name: 'New collection' })
      await create.getByLabel('Name').fill('Team calls')
      await create.getByRole('button', { name: 'Create' }).click()
      await page.getByRole('treeitem', { name: /^Team calls/ }).waitFor({ timeout: 10_000 })

      await openRequestArea(page)
      await page.getByRole('button', { name: 'New request tab' }).click()
      await requestPanel(page).getByLabel('URL').fill('/companies')
      await requestPanel(page).getByLabel('URL').press('Control+s')
      const saveAs = page.getByRole('dialog', { name: 'Save request to a collection' })
      await saveAs.getByRole('textbox', { name: 'Request name' }).fill('Our companies')
      await saveAs.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Team calls' })
      await saveAs.getByRole('button', { name: 'Save' }).click()
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Saved “Our companies” to Team calls/)
      // Closed, so that what comes back after the reload comes from the collection's file, not the open tabs.
      await page.getByRole('tablist', { name: 'Open requests' }).locator('[aria-selected="true"]').press('Delete')
      await expect.poll(() => page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab', { name: /Our companies/ }).count()).toBe(0)

      await page.reload()
      await page.waitForSelector('[data-app-state="ready"]')
      await nav(page, 'Collections').click()
      const collection = page.getByRole('treeitem', { name: /^Team calls/ })
      await collection.waitFor({ timeout: 10_000 })
      await collection.click()
      if ((await collection.getAttribute('aria-expanded')) !== 'true') await collection.press('ArrowRight')
      await page.getByRole('treeitem', { name: /Our companies/ }).dblclick()
      await page.waitForSelector('[data-testid="request-area"]')
      await expect.poll(() => requestPanel(page).getByLabel('URL').inputValue()).toBe('/companies')
      await sendAndExpect(page)
      await expectNoHorizontalOverflow(page)
      await app.screenshot(`journey-collection-reopened-${size}`)
    } finally {
      await app.close()
    }
  })
})
