import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/sandbox'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

// A person with the three values from Developer Console, in the real UI, against a sandbox started here.
describe.skipIf(unavailable !== undefined)('credentials journey in Chromium', () => {
  let app: WebApp
  let sandbox: RunningSandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
    app = await openWebApp({ viewport: { width: 1280, height: 1400 } })
  })
  afterAll(async () => {
    await app?.close()
    await sandbox?.close()
  })

  async function createProfile(name: string, credential: { clientId: string; clientSecret: string; orgId: string }) {
    const { page } = app
    await page.getByRole('button', { name: 'New profile' }).click()
    await page.getByLabel('Name').fill(name)
    await page.getByRole('radio', { name: 'Custom hosts' }).click()
    await page.getByLabel('IMS host').fill(sandbox.imsUrl)
    await page.getByLabel('Reactor host').fill(sandbox.reactorUrl)
    await page.getByLabel('Client ID (sent as x-api-key)').fill(credential.clientId)
    await page.getByLabel('Organization ID').fill(credential.orgId)
    await page.getByLabel('Client Secret').fill(credential.clientSecret)
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByRole('heading', { name }).waitFor()
  }

  it('the built-in Sandbox profile works with zero setup', async () => {
    const { page } = app
    await page.getByRole('button', { name: /Sandbox \(simulated\)/ }).click()
    await expect.poll(() => page.locator('.detail-title').textContent()).toContain('SIMULATED')
    await page.getByRole('button', { name: 'Test credential' }).click()
    await expect.poll(() => page.locator('.doctor-headline').textContent(), { timeout: 15_000 }).toContain('The credential works.')
    expect(await page.locator('.doctor-step[data-status="pass"]').count()).toBe(4)
    await app.screenshot('credentials-sandbox-profile')
  })

  it('working credential: create the profile, Test credential, green report, live token countdown', async () => {
    const { page } = app
    // Inline Org ID validation before anything is saved.
    await page.getByRole('button', { name: 'New profile' }).click()
    await page.getByLabel('Organization ID').fill('not-an-org')
    await page.getByLabel('Organization ID').blur()
    await expect.poll(() => page.locator('#org-id-help').textContent()).toMatch(/ends in @AdobeOrg/)
    await page.getByRole('button', { name: 'Cancel' }).click()

    await createProfile('Acme (working)', sandbox.credentials.working)
    expect(await page.locator('.profile-detail').textContent()).toMatch(/stored in memory, for this session only/)
    // The secret never reaches the page.
    expect(await page.content()).not.toContain(sandbox.credentials.working.clientSecret)
    await page.getByRole('button', { name: 'Test credential' }).click()
    await expect.poll(() => page.locator('.doctor-headline').textContent(), { timeout: 15_000 }).toContain('The credential works.')
    expect(await page.locator('.doctor-step[data-status="pass"]').count()).toBe(4)
    expect(await page.locator('.doctor-steps').textContent()).toMatch(/It can see \d+ compan/)
    await expect.poll(() => page.getByTestId('token-countdown').textContent()).toMatch(/^23h 5\dm$/)
    await expect.poll(() => page.getByTestId('status-token').textContent()).toMatch(/Token: 23h/)
    // Copy access token is done by main; browser mode has no main-side clipboard and says so.
    await page.getByRole('button', { name: 'Copy access token' }).click()
    await expect.poll(() => page.locator('.form-error').textContent()).toMatch(/browser mode/)
    await app.screenshot('credentials-working-green')
  })

  it('wrong secret: the invalid_client explanation with the next step', async () => {
    const { page } = app
    await createProfile('Acme (wrong secret)', sandbox.credentials.wrongSecret)
    await page.getByRole('button', { name: 'Test credential' }).click()
    await expect.poll(() => page.locator('.doctor-headline').textContent(), { timeout: 15_000 }).toContain('does not work yet')
    const token = page.locator('.doctor-step').nth(1)
    expect(await token.getAttribute('data-status')).toBe('fail')
    expect(await token.textContent()).toMatch(/invalid_client.*one of them is wrong/)
    expect(await token.textContent()).toMatch(/Next step:.*Developer Console/)
    expect(await page.content()).not.toContain(sandbox.credentials.wrongSecret.clientSecret)
    await app.screenshot('credentials-wrong-secret')
  })

  it('import a Postman environment: preview, then create', async () => {
    const { page } = app
    const { clientId, orgId, clientSecret } = sandbox.credentials.noCompanies
    await page.getByRole('button', { name: 'Import…' }).click()
    await page.getByLabel('Paste credential JSON').fill(
      JSON.stringify({ name: 'Imported env', values: [{ key: 'API_KEY', value: clientId }, { key: 'CLIENT_SECRET', value: clientSecret }, { key: 'IMS_ORG', value: orgId }, { key: 'SCOPES', value: 'AdobeID,openid' }] })
    )
    await page.getByRole('button', { name: 'Check file' }).click()
    await expect.poll(() => page.locator('.import-preview').textContent()).toMatch(/Postman environment/)
    await app.screenshot('credentials-import-preview')
    await page.getByRole('button', { name: 'Create profile' }).click()
    await page.getByRole('heading', { name: 'Imported env' }).waitFor()
  })
})
