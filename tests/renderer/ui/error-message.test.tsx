import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ErrorMessage, supportText } from '../../../src/renderer/src/ui/ErrorMessage'
import { redactForSupport } from '../../../src/renderer/src/ui/support-redaction'

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJjbGllbnRfaWQiOiJhYmMiLCJ0eXBlIjoiYWNjZXNzX3Rva2VuIn0.c2lnbmF0dXJlLXBhcnQtaGVyZQ'

describe('support redaction', () => {
  it('masks bearer tokens, JWTs, Adobe client secrets, named secrets and long random values; keeps UUIDs and words', () => {
    const text = [
      `Authorization: Bearer ${JWT}`,
      `the token ${JWT} was refused`,
      'client_secret=p8e-AbCdEf0123456789xyzXYZ',
      'secret p8e-QWERTY12345678abcdefgh leaked',
      '{"access_token": "abc.def.ghi", "password":"hunter2"}',
      'x-api-key: 0123456789abcdef0123456789abcdef',
      'random 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 tail',
      'request id 6f1c2a4e-1b2c-4d5e-8f90-123456789abc',
      'No company found for this org'
    ].join('\n')
    const masked = redactForSupport(text)
    expect(masked).not.toContain(JWT)
    expect(masked).not.toMatch(/eyJ/)
    expect(masked).not.toContain('p8e-')
    expect(masked).not.toContain('hunter2')
    expect(masked).not.toContain('abc.def.ghi')
    expect(masked).not.toContain('0123456789abcdef0123456789abcdef')
    expect(masked).not.toContain('9f86d081884c7d659a2feaa0c55ad015')
    expect(masked).toContain('Authorization: [redacted]')
    expect(masked).toContain('6f1c2a4e-1b2c-4d5e-8f90-123456789abc')
    expect(masked).toContain('No company found for this org')
  })

  it('the support text lists heading, sentence and facts one per line', () => {
    const text = supportText('The request did not complete', 'The connection was refused.', { code: 'net-refused', status: 502, requestId: 'req-1', detail: `sent Bearer ${JWT}` })
    const lines = text.split('\n')
    expect(lines.slice(0, 5)).toEqual(['The request did not complete', 'The connection was refused.', 'Code: net-refused', 'Status: 502', 'Request id: req-1'])
    expect(lines[5]).toBe('Detail: sent Bearer [redacted]')
  })

  it('keeps an Adobe request id (32 hex characters) on its own line, and masks the same shape anywhere else', () => {
    const id = '024e72878d3e1296304256364cb0d950'
    const lines = supportText(undefined, `echoed ${id}`, { requestId: id }).split('\n')
    expect(lines[0]).toBe('echoed [redacted]')
    expect(lines[1]).toBe(`Request id: ${id}`)
  })
})

describe('ui/ErrorMessage', () => {
  it('reads as a sentence (an alert), the facts under Details, and Copy for support writes the masked text', async () => {
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<ErrorMessage title="Token refused" message={`IMS said invalid_client for ${JWT}`} facts={{ code: 'ims-invalid-client', status: 401, requestId: 'abc-123' }} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Token refused')
    expect(alert.textContent).not.toContain('ims-invalid-client')
    fireEvent.click(screen.getByRole('button', { name: 'Details' }))
    expect(alert.textContent).toContain('ims-invalid-client')
    expect(alert.textContent).toContain('abc-123')
    fireEvent.click(screen.getByRole('button', { name: 'Copy for support' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1))
    const copied = (writeText.mock.calls[0] as unknown as [string])[0]
    expect(copied).toContain('Code: ims-invalid-client')
    expect(copied).toContain('Request id: abc-123')
    expect(copied).not.toContain(JWT)
  })

  it('says so when the clipboard cannot be written', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => Promise.reject(new Error('denied')) }, configurable: true })
    render(<ErrorMessage message="Something failed." live={false} />)
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Copy for support' }))
    expect(await screen.findByText(/The clipboard could not be written from here/)).toBeTruthy()
  })
})
