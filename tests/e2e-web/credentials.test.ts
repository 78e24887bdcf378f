import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type RunningSandbox } from '../../src/sandbox'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'
import type { ProfileSummary, ProfilesState, SecretBackendInfo } from '../../src/shared/contract'

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

  /** What `profiles:list` (the call the page itself makes) reports for one profile and for new secrets. */
  async function listedProfile(name: string): Promise<{ profile: ProfileSummary; secretBackend: SecretBackendInfo }> {
    const result = await app.mode.core.dispatcher.dispatch('profiles:list', undefined)
    if (!result.ok) throw new Error(`profiles:list failed: ${result.error.message}`)
    const state = result.value as ProfilesState
    const profile = state.profiles.find((candidate) => candidate.name === name)
    if (!profile) throw new Error(`no profile named ${name}`)
    return { profile, secretBackend: state.secretBackend }
  }

  it('the built-in Sandbox profile works with zero setup', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Profiles list' }).getByRole('button', { name: /Sandbox \(simulated\)/ }).click()
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
    // Where the secret went depends on the machine (a running Secret Service, or memory for the session),
    // so ask the core the page talks to, and check that the page says exactly that.
    const { profile, secretBackend } = await listedProfile('Acme (working)')
    expect(profile.secret.stored).toBe(true)
    expect(profile.secret.backend).toMatchObject({ backend: secretBackend.backend, persistent: secretBackend.persistent })
    const label = profile.secret.backend.label
    expect(label).toMatch(secretBackend.persistent ? /Keychain|keyring|Credential Manager/ : /^memory, for this session only/)
    expect(await page.locator('.profile-detail').textContent()).toContain(`stored in ${label}`)
    // Memory only: the page also warns that secrets are forgotten on quit; with a keychain it does not.
    const warning = page.getByRole('note').filter({ hasText: 'Secrets are kept for this session only.' })
    expect(await warning.count()).toBe(secretBackend.persistent ? 0 : 1)
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
