// The steps the e2e-web journeys (and scripts/take-screenshots.ts) repeat, in one place: call the core the page
// talks to, go to an area, find the visible request tab, send and wait for the answer, paste as a browser does,
// and make the built-in Sandbox the active profile. Several e2e files carry their own copies of these; new
// tests use this one. No vitest in here: scripts/take-screenshots.ts runs these steps outside a test run.
import type { Locator, Page } from 'playwright-core'
import type { WebApp } from './web-app'

export interface RpcAnswer<T> {
  ok: boolean
  value?: T
  error?: { code: string; message: string }
}

/** One call over the loopback transport, with the launch token, exactly as the page makes it. */
export async function rpc<T>(app: WebApp, channel: string, input?: unknown): Promise<RpcAnswer<T>> {
  const response = await fetch(`${app.mode.server.origin}/rpc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.mode.server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ input })
  })
  return (await response.json()) as RpcAnswer<T>
}

/** A sidebar button (Request, Collections, History, Runner, Profiles, Sandbox). */
export function nav(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: label })
}

/** The selected request tab's panel (the other tabs stay mounted, hidden). */
export function requestPanel(page: Page): Locator {
  return page.locator('[data-request-tab]:visible')
}

export async function openRequestArea(page: Page): Promise<void> {
  await nav(page, 'Request').click()
  await page.waitForSelector('[data-testid="request-area"]')
}

/** Waits until the locator's text matches `pattern`, and says what it read instead when it never does. */
export async function waitForText(locator: Locator, pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let last: string | null = null
  while (Date.now() < deadline) {
    last = await locator.textContent({ timeout: 1_000 }).catch(() => null)
    if (last !== null && pattern.test(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} never matched ${pattern} within ${timeoutMs} ms; it last read ${last === null ? 'nothing (not on the page)' : JSON.stringify(last)}.`)
}

/** Presses Send in the visible tab and waits for the status line to start with `status` (200 by default). */
export async function sendAndExpect(page: Page, status: RegExp = /^200/): Promise<void> {
  await requestPanel(page).getByRole('button', { name: 'Send' }).click()
  await waitForText(requestPanel(page).getByTestId('response-status'), status, 'The response status')
}

/**
 * A paste as the browser delivers it: a ClipboardEvent whose DataTransfer holds the text, so the field's own
 * paste handler runs (headless Chromium has no system clipboard to press Ctrl+V against).
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.click()
  await field.evaluate((element, value) => {
    const data = new DataTransfer()
    data.setData('text/plain', value)
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

/** Makes the built-in Sandbox profile the active one (reloading the page if it was not), and returns its id. */
export async function useSandboxProfile(app: WebApp): Promise<string> {
  const state = await rpc<{ profiles: Array<{ id: string; environment: string }>; activeProfileId?: string }>(app, 'profiles:list')
  const sandbox = state.value?.profiles.find((profile) => profile.environment === 'sandbox')
  if (!sandbox) throw new Error(`There is no built-in Sandbox profile: ${JSON.stringify(state.error ?? state.value)}`)
  if (state.value?.activeProfileId !== sandbox.id) {
    const set = await rpc(app, 'profiles:setActive', { id: sandbox.id })
    if (!set.ok) throw new Error(`The Sandbox profile could not be made active: ${set.error?.message}`)
    await app.page.reload()
    await app.page.waitForSelector('[data-app-state="ready"]')
  }
  return sandbox.id
}
