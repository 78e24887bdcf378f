import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SANDBOX_CREDENTIALS } from '../../src/sandbox'
import { formatViolations, isBlocking, runAxe } from '../support/axe'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

// A bearer token as a person might paste it into a header of a request they then save.
const PASTED_TOKEN = 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb2xsZWN0aW9ucy1lMmUifQ.c2lnbmF0dXJlLW9mLWEtcGFzdGVkLXRva2Vu'

async function rpc<T>(app: WebApp, channel: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  const response = await fetch(`${app.mode.server.origin}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.mode.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input })
  })
  return (await response.json()) as { ok: boolean; value?: T }
}

function nav(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: label })
}

/** The selected request tab's panel (other tabs stay mounted, hidden). */
function panel(page: Page): Locator {
  return page.locator('[data-request-tab]:visible')
}

function treeItem(page: Page, name: RegExp): Locator {
  return page.getByRole('treeitem', { name })
}

async function send(page: Page): Promise<void> {
  await panel(page).getByRole('button', { name: 'Send' }).click()
  await expect.poll(() => panel(page).getByTestId('response-status').textContent(), { timeout: 15_000 }).toMatch(/^200/)
}

/** Opens a folder row (Right arrow, as a keyboard user would) and then the request in it by double click. */
async function openFromTree(page: Page, folder: RegExp, request: RegExp): Promise<void> {
  const row = treeItem(page, folder)
  await row.click()
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.press('ArrowRight')
  await treeItem(page, request).dblclick()
  await page.waitForSelector('[data-testid="request-area"]')
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

describe.skipIf(unavailable !== undefined)('collections journey (Chromium, real core)', () => {
  let dataDir: string
  let app: WebApp
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'reactor-explorer-collections-'))
    app = await openWebApp({ dataDir, viewport: { width: 1440, height: 900 } })
  })
  afterAll(async () => {
    await app?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('opens the starter collection, sends two of its requests to the Sandbox, saves a new request into a new folder, and after a reload it is there — with no secret in any file', async () => {
    const { page } = app
    const state = await rpc<{ profiles: Array<{ id: string; environment: string; name: string }>; activeProfileId?: string }>(app, 'profiles:list')
    const sandbox = state.value?.profiles.find((profile) => profile.environment === 'sandbox')
    expect(sandbox, `no built-in Sandbox profile: ${JSON.stringify(state.error ?? state.value)}`).toBeDefined()
    if (state.value?.activeProfileId !== sandbox!.id) {
      await rpc(app, 'profiles:setActive', { id: sandbox!.id })
      await page.reload()
      await page.waitForSelector('[data-app-state="ready"]')
    }

    // The empty Collections area offers the starter collection in one click.
    await nav(page, 'Collections').click()
    await page.getByRole('button', { name: 'Start with the Reactor starter collection' }).click()
    await expect.poll(() => page.getByRole('tree', { name: 'Collections' }).getByRole('treeitem').count(), { timeout: 10_000 }).toBeGreaterThan(1)
    await expect.poll(() => treeItem(page, /^Reactor starter/).getAttribute('aria-selected')).toBe('true')
    await page.getByRole('tab', { name: /Environments/ }).click()
    await expect.poll(() => page.getByRole('group', { name: 'Environments' }).textContent()).toContain(`with ${sandbox!.name}`)
    await app.screenshot('collections-starter-environments')

    // 1: List companies, opened from the tree, answered by the Sandbox with the Sandbox environment.
    await openFromTree(page, /Check your credential/, /List companies/)
    await expect.poll(() => panel(page).getByLabel('URL').inputValue()).toBe('/companies')
    await expect.poll(() => panel(page).getByTestId('environment-select').locator('select').inputValue()).toBe('Sandbox')
    await send(page)

    // 2: List web properties, from the Request area's own collections panel: {{companyId}} comes from the environment.
    await page.getByRole('group', { name: 'Side panel' }).getByRole('button', { name: 'Collections' }).click()
    await openFromTree(page, /Explore a property/, /List web properties/)
    await expect.poll(() => panel(page).getByLabel('URL').inputValue()).toMatch(/^\/companies\/\{\{companyId\}\}\/properties/)
    await expect.poll(() => panel(page).getByTestId('will-send').textContent()).toMatch(/\/companies\/CO[0-9a-f]+\/properties/)
    await send(page)
    await app.screenshot('collections-request-tab')

    // 3: a new request with a pasted token in a header, saved (Ctrl+S asks where) into a new folder.
    await page.getByRole('button', { name: 'New request tab' }).click()
    await panel(page).getByLabel('URL').fill('/companies/{{companyId}}/properties')
    await panel(page).getByRole('tab', { name: /Headers/ }).click()
    await panel(page).getByRole('button', { name: '+ Add header' }).click()
    await panel(page).getByLabel('Headers name 3').fill('X-Forwarded-Authorization')
    await panel(page).getByLabel('Headers value 3').fill(PASTED_TOKEN)
    await panel(page).getByLabel('URL').press('Control+s')
    const saveAs = page.getByRole('dialog', { name: 'Save request to a collection' })
    await saveAs.waitFor()
    await expect.poll(() => saveAs.getByRole('combobox', { name: 'Collection' }).locator('option:checked').textContent()).toBe('Reactor starter')
    await saveAs.getByRole('combobox', { name: 'Folder' }).selectOption({ label: 'New folder…' })
    await saveAs.getByRole('textbox', { name: 'New folder’s name' }).fill('My calls')
    await saveAs.getByRole('textbox', { name: 'Request name' }).fill('My properties')
    await saveAs.getByRole('button', { name: 'Save' }).click()
    const secrets = page.getByRole('alertdialog', { name: 'This looks like a secret' })
    await secrets.waitFor()
    expect(await secrets.getByRole('table').textContent()).toMatch(/X-Forwarded-Authorization/i)
    const axe = (await runAxe(page)).filter(isBlocking)
    expect(axe, formatViolations(axe)).toEqual([])
    await secrets.getByRole('button', { name: /Store as a secret variable and save/ }).click()
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toMatch(/Saved “My properties” to Reactor starter › my-calls/)
    await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/stored in your keychain/)
    // The tab now holds the variable, not the token, and is clean.
    await expect.poll(() => panel(page).getByLabel('Headers value 3').inputValue()).toMatch(/^Bearer \{\{[A-Za-z0-9_]+\}\}$/)
    await expect.poll(() => page.getByRole('tablist', { name: 'Open requests' }).locator('[aria-selected="true"] [data-testid="dirty-marker"]').count()).toBe(0)

    // After a reload the folder and the request are there, read from disk; the tab still belongs to its file.
    await page.reload()
    await page.waitForSelector('[data-app-state="ready"]')
    await nav(page, 'Collections').click()
    const folder = treeItem(page, /My calls/)
    await folder.waitFor({ timeout: 10_000 })
    await folder.click()
    await folder.press('ArrowRight')
    await treeItem(page, /My properties/).waitFor()
    await treeItem(page, /My properties/).click()
    await expect.poll(() => page.locator('.col-detail-title').textContent()).toContain('My properties')
    await nav(page, 'Request').click()
    await expect.poll(() => page.getByRole('tablist', { name: 'Open requests' }).locator('[aria-selected="true"]').textContent(), { timeout: 10_000 }).toContain('My properties')
    await expect.poll(() => panel(page).getByTestId('environment-select').locator('select').inputValue()).toBe('Sandbox')

    // Every file of the collection folder: the request is there with a {{variable}}; no token, no client secret.
    const root = join(dataDir, 'collections', 'reactor-starter')
    const saved = join(root, 'my-calls', 'my-properties.yml')
    expect(existsSync(saved)).toBe(true)
    expect(await readFile(saved, 'utf8')).toMatch(/X-Forwarded-Authorization[\s\S]*\{\{[A-Za-z0-9_]+\}\}/)
    const secretsOfTheSandbox = Object.values(SANDBOX_CREDENTIALS).map((credential) => credential.clientSecret)
    const files = await filesUnder(join(dataDir, 'collections'))
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      expect(text, file).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/)
      expect(text, file).not.toContain('p8e-')
      for (const secret of secretsOfTheSandbox) expect(text, file).not.toContain(secret)
    }
  })
})
