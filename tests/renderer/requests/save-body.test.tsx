import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import type { WindowApi } from '../../../src/shared/contract'
import type { SavedBody } from '../../../src/shared/ipc/requests.contract'
import { readFileAsText } from '../../../src/renderer/src/features/history/download'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from './fixtures'

type Save = WindowApi['saveResponseBody']

const FILE_BODY = { kind: 'file' as const, bodyId: 'b1', bytes: 30_000_000, preview: '{"data":[', containsSecret: true as const, secretKind: 'client secret' }

async function sendLargeBody(answers: SavedBody[], body: object = FILE_BODY) {
  const saveResponseBody = vi.fn(async () => ({ ok: true as const, value: answers.shift()! })) as unknown as Save
  const sendRequest = vi.fn(async () => ({ ok: true as const, value: response('', { body: body as never }) })) as unknown as WindowApi['sendRequest']
  installFakeApi({ sendRequest, saveResponseBody })
  render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByTestId('response-status')
  return saveResponseBody as unknown as ReturnType<typeof vi.fn>
}

afterEach(() => vi.restoreAllMocks())

describe('saving a large body', () => {
  it('badges a body that holds a secret, asks naming what was found, and saves only after yes', async () => {
    const save = await sendLargeBody([{ saved: false, needsConfirmation: { found: 'It contains the client secret of profile "Acme prod".' } }, { saved: true, path: '/home/me/companies.json' }])
    expect(screen.getByTestId('body-secret-badge').textContent).toBe('contains your client secret')
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    const dialog = await screen.findByRole('alertdialog')
    expect(within(dialog).getByText('It contains the client secret of profile "Acme prod".')).toBeTruthy()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0]![0]).toEqual({ bodyId: 'b1', suggestedName: 'companies.json' })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save anyway' }))
    await screen.findByText('Saved to /home/me/companies.json')
    expect(save.mock.calls[1]![0]).toEqual({ bodyId: 'b1', suggestedName: 'companies.json', confirm: true })
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('saves nothing when the person declines', async () => {
    const save = await sendLargeBody([{ saved: false, needsConfirmation: { found: 'It contains an access token.' } }])
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Don’t save' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(save).toHaveBeenCalledTimes(1)
    expect(screen.queryByText(/Saved to/)).toBeNull()
  })

  it('offers a browser-mode answer as a download and says the secrets were masked', async () => {
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:fake'
    })
    const clicked: Array<{ download: string; href: string }> = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href })
    })
    const content = '{"secret":"[masked]"}'
    await sendLargeBody(
      [{ saved: false, download: { fileName: 'companies.json', mimeType: 'application/json', contentBase64: btoa(content), secretsMasked: true } }],
      { kind: 'file', bodyId: 'b1', bytes: 30_000_000, preview: '{' }
    )
    expect(screen.queryByTestId('body-secret-badge')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }))
    const note = await screen.findByTestId('body-downloaded')
    expect(note.textContent).toBe('Downloaded as companies.json; the secrets this app holds are masked in it')
    expect(clicked).toEqual([{ download: 'companies.json', href: 'blob:fake' }])
    expect(await readFileAsText(created[0]!)).toBe(content)
    expect(created[0]!.type).toBe('application/json')
  })
})
