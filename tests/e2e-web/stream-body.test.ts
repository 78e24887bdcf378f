import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { bigJsonApiDocument } from '../support/big-json-server'
import { e2eWebUnavailableReason, openWebApp, type WebApp } from '../support/web-app'

const unavailable = e2eWebUnavailableReason()
if (unavailable) console.warn(`e2e-web skipped: ${unavailable}`)

// Streamed response bodies (issue 12) in browser mode: main answers with the head, the body worker fetches
// the body from the loopback service and shows it as it arrives.

/** ~2 MB of JSON:API, minified, with multibyte characters ("—") that land on chunk boundaries somewhere. */
const BODY = Buffer.from(bigJsonApiDocument(2_000_000), 'utf8')

describe.skipIf(unavailable !== undefined)('streamed response bodies in browser mode (real core, real Chromium)', () => {
  let app: WebApp
  let server: Server
  let base: string
  /** Slow bodies wait here for the test to let their second half go. */
  const held: ServerResponse[] = []
  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      if (request.url === '/slow') {
        // The head and the top of the body now, the rest when the test says so.
        response.write('{"data":[{"id":"first-item","type":"rules"},')
        held.push(response)
        return
      }
      response.end(BODY)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    app = await openWebApp({ viewport: { width: 1440, height: 900 } })
    await app.page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Request' }).click()
    await app.page.waitForSelector('[data-testid="request-area"]')
  })
  afterAll(async () => {
    for (const response of held) response.destroy()
    await app?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  async function send(page: Page, path: string) {
    await page.getByLabel('URL').fill(`${base}${path}`)
    await page.getByRole('button', { name: 'Send' }).click()
  }

  const bodyWorkers = (page: Page) => page.workers().filter((worker) => /body\.worker/.test(worker.url()))

  it('shows the status and the first rows before the body has finished, then the rest', async () => {
    const { page } = app
    await send(page, '/slow')
    await expect.poll(() => page.getByTestId('response-status').textContent(), { timeout: 15_000 }).toBe('200 OK')
    const receiving = page.getByTestId('body-receiving')
    await receiving.waitFor({ timeout: 15_000 })
    await page.getByTestId('body-lines').getByText('"first-item"').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('response-size').textContent()).toBe('receiving…')
    // Tree waits for the whole body.
    expect(await page.getByRole('button', { name: 'Tree' }).isDisabled()).toBe(true)
    await app.screenshot('stream-receiving')

    await expect.poll(() => held.length).toBe(1)
    held.shift()!.end('{"id":"last-item","type":"rules"}],"meta":{"pagination":{"current_page":1,"total_pages":4,"total_count":80}}}')
    await receiving.waitFor({ state: 'detached', timeout: 15_000 })
    await page.getByTestId('body-lines').getByText('"last-item"').waitFor()
    expect(await page.getByTestId('pagination-label').textContent()).toMatch(/Page 1 of 4/)
    expect(await page.getByRole('button', { name: 'Tree' }).isDisabled()).toBe(false)
  })

  it('cancel mid-body stops it, keeps what arrived, and a new send leaves one body worker', async () => {
    const { page } = app
    await send(page, '/slow')
    const receiving = page.getByTestId('body-receiving')
    await receiving.waitFor({ timeout: 15_000 })
    await receiving.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => page.getByTestId('body-stopped').textContent(), { timeout: 15_000 }).toMatch(/^The body stopped after \d+ B: .+ What arrived is shown\.$/)
    expect(await page.getByTestId('body-lines').getByText('"first-item"').count()).toBe(1)
    held.shift()?.destroy()

    await send(page, '/whole')
    await page.getByTestId('body-lines').locator('.rq-line').first().waitFor({ timeout: 15_000 })
    await expect.poll(() => bodyWorkers(page).length, { timeout: 10_000 }).toBe(1)
  })

  it('a streamed 2 MB body shows exactly the server’s bytes (Raw, every line read back)', async () => {
    const { page } = app
    await send(page, '/whole')
    await page.getByTestId('body-receiving').waitFor({ state: 'detached', timeout: 30_000 })
    await page.getByRole('button', { name: 'Raw', exact: true }).click()
    const lines = page.getByTestId('body-lines')
    await expect.poll(() => lines.getAttribute('data-row-count')).not.toBe(null)
    const count = Number(await lines.getAttribute('data-row-count'))
    // Minified, so Raw is the body hard-wrapped every 2,000 characters: joining the lines gives it back.
    expect(count).toBeGreaterThan(500)
    const read = new Map<number, string>()
    for (let step = 0; read.size < count && step < 2000; step++) {
      const seen = await lines.evaluate((element) => {
        const out: Array<[number, string]> = []
        for (const line of element.querySelectorAll<HTMLElement>('.rq-line')) {
          const code = line.querySelector('.rq-code')
          if (code?.textContent) out.push([Number(line.dataset['index']), code.textContent])
        }
        element.scrollTop += element.clientHeight
        return out
      })
      for (const [index, text] of seen) read.set(index, text)
      await page.waitForTimeout(30)
    }
    expect(read.size).toBe(count)
    const shown = Array.from({ length: count }, (_, index) => read.get(index)!).join('')
    const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    expect(digest(Buffer.from(shown, 'utf8'))).toBe(digest(BODY))
    expect(await page.getByTestId('response-size').textContent()).toBe('1.9 MB')
  })

  it('saves a streamed body main kept inline, from the status line', async () => {
    const { page } = app
    await send(page, '/whole')
    await page.getByTestId('body-receiving').waitFor({ state: 'detached', timeout: 30_000 })
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save…' }).click()])
    expect(download.suggestedFilename()).toBe('whole.json')
    const saved = await readFile(await download.path())
    expect(saved.equals(BODY)).toBe(true)
  })
})
