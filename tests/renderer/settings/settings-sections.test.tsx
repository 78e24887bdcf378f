import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { NetworkSettingsDialog } from '../../../src/renderer/src/features/settings/NetworkSettingsDialog'
import type { ConnectionTestReport, SettingsState, WindowApi } from '../../../src/shared/contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import { installFakeApi } from '../../support/fake-api'

const STATE: SettingsState = {
  network: DEFAULT_NETWORK_SETTINGS,
  notices: [],
  environment: {},
  proxyPasswordStored: false,
  secretBackend: { backend: 'keychain', persistent: true, label: 'the system keychain (Secret Service)' },
  tls: { problems: [] }
}

function setUp(state: SettingsState = STATE, overrides: Partial<WindowApi> = {}, activeProfile: { id: string; name: string } | null = { id: 'p1', name: 'Acme stage' }) {
  const calls: string[] = []
  const updateSettings = vi.fn(async (input: { network: object }) => {
    calls.push('updateSettings')
    return { ok: true as const, value: { ...state, network: { ...state.network, ...input.network } } }
  })
  const setProxyPassword = vi.fn(async () => {
    calls.push('setProxyPassword')
    return { ok: true as const, value: { ...state, proxyPasswordStored: true } }
  })
  const setHistorySettings = vi.fn(async (input: { maxEntries?: number }) => ({ ok: true as const, value: { maxEntries: input.maxEntries ?? 10_000, maxTotalMB: 200, maxBodyKB: 256 } }))
  const testConnection = vi.fn(async (): Promise<{ ok: true; value: ConnectionTestReport }> => ({ ok: true, value: { targets: [] } }))
  installFakeApi({
    getSettings: async () => ({ ok: true, value: state }),
    getHistorySettings: async () => ({ ok: true, value: { maxEntries: 10_000, maxTotalMB: 200, maxBodyKB: 256 } }),
    updateSettings: updateSettings as unknown as WindowApi['updateSettings'],
    setProxyPassword: setProxyPassword as unknown as WindowApi['setProxyPassword'],
    setHistorySettings: setHistorySettings as unknown as WindowApi['setHistorySettings'],
    testConnection: testConnection as unknown as WindowApi['testConnection'],
    ...overrides
  })
  const onClose = vi.fn()
  render(<NetworkSettingsDialog initial={state} activeProfile={activeProfile ?? undefined} onClose={onClose} />)
  const dialog = screen.getByRole('dialog', { name: 'Settings' })
  return { dialog, onClose, calls, updateSettings, setProxyPassword, setHistorySettings, testConnection }
}

const openTab = async (dialog: HTMLElement, name: string) => {
  fireEvent.click(within(dialog).getByRole('tab', { name: new RegExp(`^${name}`) }))
  await waitFor(() => expect(within(dialog).getByRole('tab', { name: new RegExp(`^${name}`) }).getAttribute('aria-selected')).toBe('true'))
}

describe('Settings → Certificates', () => {
  it('saves a CA file and exact hosts, warning about the hosts while they are listed', async () => {
    const { dialog, updateSettings, onClose } = setUp()
    await openTab(dialog, 'Certificates')
    fireEvent.change(within(dialog).getByLabelText('Extra CA certificates (PEM file)'), { target: { value: ' /home/me/corp-root.pem ' } })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Also trust this computer’s certificates/ }))
    expect(within(dialog).queryByRole('note')).toBeNull()
    fireEvent.change(within(dialog).getByLabelText('Do not verify certificates for'), { target: { value: 'Dev.Example\n\n10.0.0.5:8443' } })
    expect(within(dialog).getByRole('note').textContent).toMatch(/The certificates of 2 hosts are not checked: anyone on the network path could read or change those requests, tokens included\./)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(updateSettings.mock.calls[0]![0]).toMatchObject({ network: { tls: { caFile: '/home/me/corp-root.pem', useSystemCa: true, noVerifyHosts: ['dev.example', '10.0.0.5:8443'] } } })
  })

  it('a pattern is refused under its field, on its tab, before anything is sent', async () => {
    const { dialog, updateSettings } = setUp()
    await openTab(dialog, 'Certificates')
    fireEvent.change(within(dialog).getByLabelText('Do not verify certificates for'), { target: { value: '*.corp.example' } })
    await openTab(dialog, 'Network')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(within(dialog).getByRole('tab', { name: /^Certificates/ }).getAttribute('aria-selected')).toBe('true'))
    const hosts = within(dialog).getByLabelText('Do not verify certificates for')
    await waitFor(() => expect(document.activeElement).toBe(hosts))
    expect(document.getElementById(hosts.getAttribute('aria-describedby')!)!.textContent).toMatch(/^"\*\.corp\.example" is not an exact host name/)
    expect(updateSettings).not.toHaveBeenCalled()
  })

  it("main's refusal of the file is shown under the file field", async () => {
    const sentence = 'The certificate file /home/me/gone.pem does not exist. Was it moved? Choose the file again in Settings → Certificates.'
    const { dialog, onClose } = setUp(STATE, { updateSettings: (async () => ({ ok: false, error: { code: 'settings-invalid', message: sentence } })) as unknown as WindowApi['updateSettings'] })
    await openTab(dialog, 'Certificates')
    fireEvent.change(within(dialog).getByLabelText('Extra CA certificates (PEM file)'), { target: { value: '/home/me/gone.pem' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    const field = within(dialog).getByLabelText('Extra CA certificates (PEM file)')
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toBe(sentence)
    expect(onClose).not.toHaveBeenCalled()
  })

  it('shows what main read: the certificates in use and a source that cannot be used now', async () => {
    const { dialog } = setUp({
      ...STATE,
      network: { ...DEFAULT_NETWORK_SETTINGS, tls: { caFile: '/etc/corp/root.pem', useSystemCa: true } },
      tls: {
        caFile: { path: '/etc/corp/root.pem', certificates: 1, subjects: ['O=Corp, CN=Corp Root CA'], expiresAt: '2030-05-01T00:00:00.000Z' },
        problems: ['No system certificate bundle was found (looked for /etc/ssl/certs/ca-certificates.crt).']
      }
    })
    await openTab(dialog, 'Certificates')
    expect(within(dialog).getByText('In use: 1 certificate (O=Corp, CN=Corp Root CA), valid until 2030-05-01.')).toBeTruthy()
    expect(within(dialog).getByRole('status').textContent).toMatch(/^No system certificate bundle was found/)
  })
})

describe('Settings → proxy login', () => {
  it('sends the password one way before the settings, and says a password is stored without showing it', async () => {
    const { dialog, calls, setProxyPassword, updateSettings } = setUp()
    fireEvent.click(within(dialog).getByRole('radio', { name: /Manual proxy/ }))
    fireEvent.change(within(dialog).getByLabelText('Proxy URL'), { target: { value: 'http://proxy.corp.example:8080' } })
    fireEvent.change(within(dialog).getByLabelText('Proxy user name'), { target: { value: ' alice ' } })
    expect(within(dialog).getByText('Kept in the system keychain, never in the settings file.')).toBeTruthy()
    fireEvent.change(within(dialog).getByLabelText('Proxy password'), { target: { value: 'hunter2-proxy' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(updateSettings).toHaveBeenCalled())
    expect(calls).toEqual(['setProxyPassword', 'updateSettings'])
    expect(setProxyPassword).toHaveBeenCalledWith({ password: 'hunter2-proxy' })
    expect(JSON.stringify(updateSettings.mock.calls)).not.toContain('hunter2-proxy')
    expect(updateSettings.mock.calls[0]![0]).toMatchObject({ network: { proxy: { mode: 'manual', url: 'http://proxy.corp.example:8080', username: 'alice' } } })
  })

  it('a stored password can be removed; it is never put in the field', async () => {
    const { dialog, setProxyPassword } = setUp({ ...STATE, network: { ...DEFAULT_NETWORK_SETTINGS, proxy: { mode: 'manual', url: 'http://p.example:3128', username: 'alice' } }, proxyPasswordStored: true })
    const password = within(dialog).getByLabelText('Proxy password') as HTMLInputElement
    expect(password.value).toBe('')
    expect(within(dialog).getByText('A password is stored (in the keychain). Type a new one to replace it.')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }))
    expect(within(dialog).getByText('The stored password will be removed when you save.')).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(setProxyPassword).toHaveBeenCalledWith({ password: '' }))
  })
})

describe('Settings → Test connection', () => {
  const failing: ConnectionTestReport = {
    targets: [
      {
        url: 'https://reactor.adobe.io/',
        label: 'Reactor',
        ok: false,
        proxy: 'proxy.corp.example:8080',
        headline: 'The certificate of reactor.adobe.io was issued by "CN=Corp Inspection CA" that this app does not trust (SELF_SIGNED_CERT_IN_CHAIN).',
        steps: [
          { id: 'dns', title: 'DNS: the name resolves', status: 'pass', summary: 'proxy.corp.example is 10.1.2.3.', details: [] },
          { id: 'tcp', title: 'TCP: a connection is accepted', status: 'pass', summary: 'The proxy opened a tunnel.', details: [] },
          {
            id: 'tls',
            title: 'TLS: the certificate is trusted',
            status: 'fail',
            summary: 'The certificate of reactor.adobe.io was issued by "CN=Corp Inspection CA" that this app does not trust (SELF_SIGNED_CERT_IN_CHAIN).',
            details: ['Subject: CN=reactor.adobe.io', 'Issuer: CN=Corp Inspection CA']
          },
          { id: 'http', title: 'HTTP: the server answers', status: 'skip', summary: 'Not run: TLS failed.', details: [] }
        ]
      }
    ]
  }

  it("tests the active profile's hosts when no URL is typed, and shows the failing layer with the certificate", async () => {
    const testConnection = vi.fn(async () => ({ ok: true as const, value: failing }))
    const { dialog } = setUp(STATE, { testConnection: testConnection as unknown as WindowApi['testConnection'] })
    await openTab(dialog, 'Test connection')
    expect(within(dialog).getByText(/Empty: the Reactor and IMS hosts of “Acme stage”\./)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }))
    const result = await within(dialog).findByRole('region', { name: 'Reactor https://reactor.adobe.io/' })
    expect(testConnection).toHaveBeenCalledWith({ profileId: 'p1' })
    expect(within(result).getByText('Failed')).toBeTruthy()
    expect(within(result).getByText('via proxy proxy.corp.example:8080')).toBeTruthy()
    const steps = within(result).getAllByRole('listitem').filter((item) => item.classList.contains('ct-step'))
    expect(steps.map((step) => step.className.replace('ct-step ct-step-', ''))).toEqual(['pass', 'pass', 'fail', 'skip'])
    expect(steps[2]!.textContent).toMatch(/TLS.*: failed\..*Corp Inspection CA/)
    expect((steps[2]!.querySelector('details') as HTMLDetailsElement).open).toBe(true)
    expect(dialog.querySelector('.ct-headline')!.textContent).toMatch(/^Reactor fails at TLS\. The certificate of reactor\.adobe\.io was issued by/)
  })

  it("without a profile it asks for Adobe's hosts by name", async () => {
    const testConnection = vi.fn(async () => ({ ok: true as const, value: { targets: [] } }))
    const { dialog } = setUp(STATE, { testConnection: testConnection as unknown as WindowApi['testConnection'] }, null)
    await openTab(dialog, 'Test connection')
    expect(within(dialog).getByText(/Empty: Adobe’s Reactor and IMS hosts\./)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(testConnection).toHaveBeenCalledWith({ adobeHosts: true }))
  })

  it('tests a typed URL as typed, and shows a refusal in words', async () => {
    const refusal = '"reactor.adobe.io" has no scheme. Did you mean https://reactor.adobe.io? Write http:// or https:// in front so the test knows which one to try.'
    const testConnection = vi.fn(async () => ({ ok: false as const, error: { code: 'settings-invalid', message: refusal } }))
    const { dialog } = setUp(STATE, { testConnection: testConnection as unknown as WindowApi['testConnection'] })
    await openTab(dialog, 'Test connection')
    fireEvent.change(within(dialog).getByLabelText('URL to test'), { target: { value: 'reactor.adobe.io' } })
    fireEvent.keyDown(within(dialog).getByLabelText('URL to test'), { key: 'Enter' })
    expect((await within(dialog).findByRole('alert')).textContent).toBe(refusal)
    expect(testConnection).toHaveBeenCalledWith({ url: 'reactor.adobe.io' })
  })
})

describe('Settings → General', () => {
  it('edits the history size within its limits and saves it through the history settings', async () => {
    const { dialog, setHistorySettings, onClose } = setUp()
    await openTab(dialog, 'General')
    const size = within(dialog).getByLabelText('Keep at most') as HTMLInputElement
    await waitFor(() => expect(size.value).toBe('10000'))
    fireEvent.change(size, { target: { value: '5' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(size.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(size.getAttribute('aria-describedby')!)!.textContent).toBe('History keeps at least 10 requests.')
    fireEvent.change(size, { target: { value: '2,500' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(setHistorySettings).toHaveBeenCalledWith({ maxEntries: 2500 })
  })

  it('says where secrets are kept and what that means', async () => {
    const { dialog } = setUp({ ...STATE, secretBackend: { backend: 'memory', persistent: false, label: 'memory, for this session only (no system keychain available)' } })
    await openTab(dialog, 'General')
    expect(within(dialog).getByText('memory, for this session only (no system keychain available)')).toBeTruthy()
    expect(within(dialog).getByText(/secrets are kept in memory only: they are gone when the app quits and must be entered again/)).toBeTruthy()
  })
})
