import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { looksLikeCurl } from '../../../src/renderer/src/features/history/curl-commands'
import { offsetOfPosition } from '../../../src/renderer/src/features/history/CurlImportDialog'
import type { WindowApi } from '../../../src/shared/contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE } from '../requests/fixtures'

// A customer's token as it comes in a ticket: it must never be on the page.
const CUSTOMER_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjdXN0b21lciJ9.Y3VzdG9tZXItc2lnbmF0dXJl'
const COMMAND = `curl -X GET 'https://reactor.adobe.io/properties/PR123/rules?page%5Bsize%5D=5' \\
  -H 'Accept: application/vnd.api+json;revision=1' \\
  -H 'Authorization: Bearer ${CUSTOMER_TOKEN}' \\
  -H 'x-api-key: customer-client-id' \\
  -H 'x-gw-ims-org-id: 1234@AdobeOrg' \\
  -k --compressed -s`

const AUTH_NOTE = "Uses your profile's credential instead of the one in the command (its Authorization, x-api-key and x-gw-ims-org-id are not kept)."

function converted() {
  return {
    ok: true as const,
    value: {
      spec: newRequestSpec({ name: 'Imported', method: 'GET', url: '/properties/PR123/rules', params: [{ name: 'page[size]', value: '5', enabled: true }] }),
      notes: [AUTH_NOTE, '-k/--insecure is not applied: certificates are always checked.'],
      unmapped: ['--silent: output options do not apply; the app shows the whole response.']
    }
  }
}

function urlField(): HTMLInputElement {
  return screen.getAllByLabelText('URL').find((element) => !element.closest('[hidden]')) as HTMLInputElement
}

function paste(target: Element, text: string) {
  fireEvent.paste(target, { clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') } })
}

function tabTitles(): string[] {
  return within(screen.getByRole('tablist', { name: 'Open requests' })).getAllByRole('tab').map((tab) => tab.textContent ?? '')
}

describe('cURL into the Request area', () => {
  it('recognises curl commands (one line, several, a $ prompt, curl.exe) and nothing else', () => {
    expect(looksLikeCurl('curl https://x')).toBe(true)
    expect(looksLikeCurl('  $ curl -X GET \\\n  https://x')).toBe(true)
    expect(looksLikeCurl('curl.exe -H "a: b" https://x')).toBe(true)
    expect(looksLikeCurl('/companies')).toBe(false)
    expect(looksLikeCurl('curly braces')).toBe(false)
    expect(offsetOfPosition('curl \\\n  -H x', 'Line 2, column 3: …')).toBe(9)
  })

  it("a pasted command opens a new tab with the profile's auth line and the notes under it; the token never reaches the page", async () => {
    const curlToRequest = vi.fn(async () => converted())
    installFakeApi({ curlToRequest: curlToRequest as unknown as WindowApi['curlToRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    // The untouched starting tab is replaced by what is opened (171b24b); once a tab has been used, a paste
    // opens a new one beside it.
    expect(tabTitles()).toHaveLength(1)
    paste(urlField(), COMMAND)
    await waitFor(() => expect(tabTitles()).toEqual([expect.stringContaining('Imported')]))
    paste(urlField(), COMMAND)
    await waitFor(() => expect(tabTitles()).toHaveLength(2))
    expect(curlToRequest).toHaveBeenCalledWith({ text: COMMAND, profileId: 'p1' })
    expect(urlField().value).toBe('/properties/PR123/rules?page[size]=5')
    const notes = screen.getByTestId('import-notes')
    expect(within(notes).getByTestId('import-auth-line').textContent).toBe(`${AUTH_NOTE} Active profile: Acme prod.`)
    expect(notes.textContent).toContain('-k/--insecure is not applied')
    expect(notes.textContent).toContain('Not used --silent')
    expect(notes.textContent).toContain('2 notes')
    // Nowhere on the page: not in the old tab's field, not in the new one, not in any text.
    expect(document.body.innerHTML).not.toContain(CUSTOMER_TOKEN)
    expect(document.body.innerHTML).not.toContain('customer-client-id')
    for (const input of screen.getAllByLabelText('URL') as HTMLInputElement[]) expect(input.value).not.toContain('curl')
    fireEvent.click(within(notes).getByRole('button', { name: 'Dismiss import notes' }))
    expect(screen.queryByTestId('import-notes')).toBeNull()
  })

  it('a malformed command: the parser’s sentence with its position, never the command', async () => {
    const curlToRequest = vi.fn(async () => ({ ok: false as const, error: { code: 'curl-invalid', message: "Line 3, column 6: a single quote (') is opened here and never closed." } }))
    installFakeApi({ curlToRequest: curlToRequest as unknown as WindowApi['curlToRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    const before = tabTitles().length
    paste(urlField(), `curl https://reactor.adobe.io/companies \\\n  -H 'Accept: x' \\\n  -H 'Authorization: Bearer ${CUSTOMER_TOKEN}`)
    const status = await screen.findByTestId('curl-status')
    expect(status.getAttribute('role')).toBe('alert')
    expect(status.textContent).toContain("This cURL command could not be imported. Line 3, column 6: a single quote (') is opened here and never closed.")
    expect(tabTitles()).toHaveLength(before)
    expect(document.body.innerHTML).not.toContain(CUSTOMER_TOKEN)
    expect(urlField().value).not.toContain('curl')
  })

  it('an ordinary paste (a path) stays an ordinary paste', async () => {
    const curlToRequest = vi.fn()
    installFakeApi({ curlToRequest: curlToRequest as unknown as WindowApi['curlToRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    paste(urlField(), '/companies')
    expect(curlToRequest).not.toHaveBeenCalled()
  })

  it('Import cURL… from the tab menu, and a dropped .sh file, open tabs; a dropped image is refused with a sentence', async () => {
    const curlToRequest = vi.fn(async () => converted())
    installFakeApi({ curlToRequest: curlToRequest as unknown as WindowApi['curlToRequest'] })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    // The starting tab, once edited, is no longer the untouched one an import replaces.
    fireEvent.change(urlField(), { target: { value: '/companies?edited=1' } })
    const before = tabTitles().length
    fireEvent.click(screen.getByRole('button', { name: 'Tab actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Import cURL…' }))
    const dialog = screen.getByRole('dialog', { name: 'Import cURL' })
    fireEvent.change(within(dialog).getByLabelText('cURL command'), { target: { value: COMMAND } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }))
    await waitFor(() => expect(tabTitles()).toHaveLength(before + 1))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.body.innerHTML).not.toContain(CUSTOMER_TOKEN)

    const area = screen.getByTestId('request-area')
    const file = new File([COMMAND], 'ticket-4711.sh', { type: 'text/x-sh' })
    fireEvent.drop(area, { dataTransfer: { files: [file], types: ['Files'] } })
    await waitFor(() => expect(tabTitles()).toHaveLength(before + 2))
    expect(curlToRequest).toHaveBeenLastCalledWith({ text: COMMAND, profileId: 'p1' })
    expect(screen.getByTestId('import-notes').textContent).toContain('Imported from ticket-4711.sh')

    fireEvent.drop(area, { dataTransfer: { files: [new File(['x'], 'screenshot.png')], types: ['Files'] } })
    expect((await screen.findByTestId('curl-status')).textContent).toContain('screenshot.png was not imported: drop a .sh or .txt file holding a cURL command.')
  })
})

describe('cURL and snippets out of the Request area', () => {
  it('Copy as cURL writes the placeholder form from the page; with real values goes to main, which says when it cannot reach the clipboard', async () => {
    const command = "curl -X GET https://reactor.adobe.io/companies \\\n  -H 'Authorization: Bearer {ACCESS_TOKEN}'"
    const requestToCurl = vi.fn(async (_input: unknown) => ({ ok: true as const, value: { command } }))
    const copyRequestAsCurl = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'clipboard-unavailable', message: 'Copying the cURL command with real values is done by the desktop app, which writes the clipboard itself. In browser mode main cannot reach your clipboard, so the cURL command with real values is not copied.' }
    }))
    const requestSnippet = vi.fn(async ({ language }: { language: string }) => ({ ok: true as const, value: { language, code: `fetch(...) // ${language}` } }))
    installFakeApi({
      requestToCurl: requestToCurl as unknown as WindowApi['requestToCurl'],
      copyRequestAsCurl: copyRequestAsCurl as unknown as WindowApi['copyRequestAsCurl'],
      requestSnippet: requestSnippet as unknown as WindowApi['requestSnippet']
    })
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
    fireEvent.change(urlField(), { target: { value: '/companies' } })

    fireEvent.click(screen.getByRole('button', { name: 'Tab actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Copy as cURL' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(command))
    expect(requestToCurl.mock.calls[0]![0]).toMatchObject({ spec: { url: '/companies' }, profileId: 'p1' })
    expect((await screen.findByTestId('curl-status')).textContent).toContain('Copied as cURL, with {ACCESS_TOKEN}, {API_KEY} and {ORG_ID}')

    fireEvent.click(screen.getByRole('button', { name: 'Tab actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Copy as cURL with real values' }))
    await waitFor(() => expect(copyRequestAsCurl).toHaveBeenCalledWith(expect.objectContaining({ withRealValues: true, profileId: 'p1' })))
    await waitFor(() => expect(screen.getByTestId('curl-status').textContent).toContain('In browser mode main cannot reach your clipboard'))
    // The page's clipboard was only ever given the placeholder form.
    expect(writeText).toHaveBeenCalledTimes(1)

    fireEvent.click(screen.getByRole('button', { name: 'Tab actions' }))
    fireEvent.click(screen.getByRole('menuitem', { name: 'Code snippet…' }))
    const dialog = screen.getByRole('dialog', { name: 'Code snippet' })
    await waitFor(() => expect(within(dialog).getByTestId('snippet-code').textContent).toMatch(/^fetch\(\.\.\.\) \/\/ /))
  })
})
