import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { RequestWorkbench } from '../../../src/renderer/src/features/requests/RequestArea'
import { changedOptions, parseTimeout, timeoutText } from '../../../src/renderer/src/features/requests/model/request-draft'
import type { SettingsState, WindowApi } from '../../../src/shared/contract'
import type { SendRequestInput } from '../../../src/shared/ipc/requests.contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import { installFakeApi } from '../../support/fake-api'
import { CATALOG, PROFILE, response } from './fixtures'

const SETTINGS: SettingsState = { network: { ...DEFAULT_NETWORK_SETTINGS, defaultTimeoutMs: 45_000, retryIdempotentByDefault: true }, notices: [], environment: {} }

function setup() {
  const sendRequest = vi.fn(async (input: SendRequestInput) => ({ ok: true as const, value: response({ data: [] }, { requestId: input.requestId }) }))
  const fake = installFakeApi({
    sendRequest: sendRequest as unknown as WindowApi['sendRequest'],
    getSettings: async () => ({ ok: true, value: SETTINGS })
  })
  render(<RequestWorkbench profile={PROFILE} catalog={CATALOG} />)
  fireEvent.click(screen.getByRole('tab', { name: /Options/ }))
  return { ...fake, sendRequest }
}

describe('request Options tab', () => {
  it('shows the Network settings defaults and sends nothing extra when left alone', async () => {
    const { sendRequest } = setup()
    expect(await screen.findByText('Empty: the default from Network settings (45 s).')).toBeTruthy()
    expect((screen.getByLabelText('Timeout') as HTMLInputElement).placeholder).toBe('45')
    expect((screen.getByRole('checkbox', { name: /Follow redirects/ }) as HTMLInputElement).checked).toBe(true)
    expect((screen.getByRole('checkbox', { name: /Retry 429 and 5xx/ }) as HTMLInputElement).checked).toBe(true)
    expect(screen.getByText(/Default from Network settings \(on\)/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sendRequest).toHaveBeenCalled())
    expect(sendRequest.mock.calls[0]![0].spec.options).toEqual({})
  })

  it('sends a per-request timeout, no redirects and no retry, and counts the changes on the tab', async () => {
    const { sendRequest } = setup()
    await screen.findByText(/45 s/)
    fireEvent.change(screen.getByLabelText('Timeout'), { target: { value: '2.5' } })
    fireEvent.click(screen.getByRole('checkbox', { name: /Follow redirects/ }))
    fireEvent.click(screen.getByRole('checkbox', { name: /Retry 429 and 5xx/ }))
    expect(screen.getByRole('tab', { name: /Options/ }).textContent).toBe('Options3')
    expect(screen.getByText(/Waits up to 2\.5 s/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(sendRequest).toHaveBeenCalled())
    expect(sendRequest.mock.calls[0]![0].spec.options).toEqual({ timeoutMs: 2500, followRedirects: false, retries: false })

    fireEvent.click(screen.getByRole('button', { name: 'Reset to defaults' }))
    expect(screen.getByRole('tab', { name: /Options/ }).textContent).toBe('Options')
  })

  it('explains a wrong timeout inline and does not send until it is fixed', async () => {
    const { sendRequest } = setup()
    await screen.findByText(/45 s/)
    fireEvent.change(screen.getByLabelText('Timeout'), { target: { value: '900' } })
    expect(screen.getByText('The timeout is at most 10 minutes.')).toBeTruthy()
    expect(screen.getByLabelText('Timeout').getAttribute('aria-invalid')).toBe('true')
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByText('Not sent. Options → Timeout: The timeout is at most 10 minutes.')).toBeTruthy()
    expect(sendRequest).not.toHaveBeenCalled()
    fireEvent.change(screen.getByLabelText('Timeout'), { target: { value: 'abc' } })
    expect(screen.getByText(/Write the timeout as a number of seconds/)).toBeTruthy()
  })

  it('keeps the options when another operation is picked from the catalog', async () => {
    setup()
    await screen.findByText(/45 s/)
    fireEvent.change(screen.getByLabelText('Timeout'), { target: { value: '7' } })
    fireEvent.click(screen.getByRole('button', { name: /List rules for a property/ }))
    fireEvent.click(screen.getByRole('tab', { name: /Options/ }))
    expect((screen.getByLabelText('Timeout') as HTMLInputElement).value).toBe('7')
  })

  it('maps the Options tab onto spec.options (pure model)', () => {
    expect(parseTimeout(' 10 ')).toEqual({ ms: 10_000 })
    expect(parseTimeout('')).toEqual({})
    expect(timeoutText(2500)).toBe('2.5')
    expect(changedOptions({})).toBe(0)
    expect(changedOptions({ timeoutMs: 1000, followRedirects: false, retries: true, maxRedirects: 3 })).toBe(3)
  })
})
