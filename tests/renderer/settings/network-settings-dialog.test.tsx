import { describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../../src/renderer/src/app/App'
import { NetworkSettingsDialog } from '../../../src/renderer/src/features/settings/NetworkSettingsDialog'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import type { SettingsState, UpdateSettingsInput, WindowApi } from '../../../src/shared/contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import { installFakeApi } from '../../support/fake-api'

const STATE: SettingsState = { network: DEFAULT_NETWORK_SETTINGS, notices: [], environment: { httpsProxy: 'http://proxy.env.example:3128', noProxy: 'localhost' } }

function fakeSettings(overrides: Partial<WindowApi> = {}) {
  const updateSettings = vi.fn(async (input: UpdateSettingsInput) => ({
    ok: true as const,
    value: { ...STATE, network: { ...STATE.network, ...input.network } } as SettingsState
  }))
  const fake = installFakeApi({
    getAppInfo: async () => ({ ok: true, value: { name: 'x', version: '1', platform: 'linux', transport: 'loopback' } }),
    getSettings: async () => ({ ok: true, value: STATE }),
    updateSettings: updateSettings as unknown as WindowApi['updateSettings'],
    ...overrides
  })
  return { ...fake, updateSettings }
}

async function openFromGear() {
  render(
    <ActiveProfileProvider>
      <App />
    </ActiveProfileProvider>
  )
  const gear = screen.getByRole('button', { name: 'Settings' })
  gear.focus()
  fireEvent.click(gear)
  const dialog = await screen.findByRole('dialog', { name: 'Settings' })
  await within(dialog).findByRole('radio', { name: /Use the system proxy variables/ })
  return { gear, dialog }
}

describe('Network settings dialog', () => {
  it('opens from the gear after the six areas, shows what the system proxy is, and closes on Escape giving focus back', async () => {
    fakeSettings()
    const { gear, dialog } = await openFromGear()
    const sidebarButtons = [...document.querySelectorAll('.sidebar button')].map((button) => button.textContent?.trim())
    expect(sidebarButtons.slice(0, 6)).toEqual(['Profiles', 'Request', 'Collections', 'History', 'Runner', 'Sandbox'])
    expect(sidebarButtons.indexOf('Settings')).toBeGreaterThan(5)
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(within(dialog).getByText(/Currently http:\/\/proxy\.env\.example:3128, bypassing localhost/)).toBeTruthy()
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('radio', { name: /system proxy/ })))
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(document.activeElement).toBe(gear)
  })

  it('keeps Tab inside the dialog: past the Close button it comes back to the tab list', async () => {
    fakeSettings()
    const { dialog } = await openFromGear()
    // The tab list is the first Tab stop (its selected tab), the Close button the last (shown at the top right).
    const first = within(dialog).getByRole('tab', { name: 'Network' })
    expect(first.getAttribute('aria-selected')).toBe('true')
    const close = within(dialog).getByRole('button', { name: 'Close' })
    close.focus()
    fireEvent.keyDown(close, { key: 'Tab' })
    await waitFor(() => expect(document.activeElement).toBe(first))
  })

  it('shows inline messages, refuses credentials in the proxy URL and saves nothing until fixed', async () => {
    const { updateSettings } = fakeSettings()
    const { dialog } = await openFromGear()
    fireEvent.click(within(dialog).getByRole('radio', { name: /Manual proxy/ }))
    const url = within(dialog).getByLabelText('Proxy URL')
    fireEvent.change(url, { target: { value: 'http://bob:hunter2@proxy.corp.example:8080' } })
    fireEvent.change(within(dialog).getByLabelText('Bypass the proxy for'), { target: { value: 'ok.example, not/a/host' } })
    fireEvent.change(within(dialog).getByLabelText('Default timeout'), { target: { value: 'soon' } })
    fireEvent.change(within(dialog).getByLabelText('Largest body shown in the app'), { target: { value: '500' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'))
    const messages = [...dialog.querySelectorAll('.inline-error')].map((node) => node.textContent)
    expect(messages).toEqual([
      expect.stringMatching(/^Remove the user name and password from the proxy URL/),
      expect.stringMatching(/^Not a host name: "not\/a\/host"/),
      'Write the timeout as a number of seconds, e.g. 30.',
      'The size is at most 200 MB.'
    ])
    await waitFor(() => expect(document.activeElement).toBe(url))
    expect(url.getAttribute('aria-describedby')).toBe(dialog.querySelector('.inline-error')!.id)
    expect(updateSettings).not.toHaveBeenCalled()

    // Messages follow the typing once Save was tried.
    fireEvent.change(url, { target: { value: 'http://proxy.corp.example:8080' } })
    expect(dialog.querySelectorAll('.inline-error')).toHaveLength(3)
    fireEvent.change(within(dialog).getByLabelText('Bypass the proxy for'), { target: { value: '.corp.example, intranet:8443' } })
    fireEvent.change(within(dialog).getByLabelText('Default timeout'), { target: { value: '2' } })
    fireEvent.change(within(dialog).getByLabelText('Largest body shown in the app'), { target: { value: '120' } })
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Retry 429 and 5xx/ }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(updateSettings).toHaveBeenCalledWith({
      network: {
        proxy: { mode: 'manual', url: 'http://proxy.corp.example:8080', noProxy: '.corp.example, intranet:8443' },
        defaultTimeoutMs: 2000,
        retryIdempotentByDefault: true,
        maxInlineBodyMB: 120,
        maxStoredBodiesMB: 1024
      }
    })
  })

  it('edits the disk space for large bodies within its limits, saying them', async () => {
    const { updateSettings } = fakeSettings()
    const { dialog } = await openFromGear()
    const disk = within(dialog).getByLabelText('Disk space for large bodies') as HTMLInputElement
    // A settings file without the field shows the default the core uses.
    expect(disk.value).toBe('1024')
    expect(document.getElementById(disk.getAttribute('aria-describedby')!)!.textContent).toMatch(/^10 MB to 100 GB for all bodies kept in files together/)
    for (const [typed, sentence] of [
      ['5', 'The disk space is at least 10 MB.'],
      ['200000', 'The disk space is at most 100 GB.'],
      ['lots', 'Write the disk space as a number of MB, e.g. 1024.'],
      ['', 'Enter the disk space in MB.']
    ] as const) {
      fireEvent.change(disk, { target: { value: typed } })
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
      await waitFor(() => expect(disk.getAttribute('aria-invalid')).toBe('true'))
      expect(document.getElementById(disk.getAttribute('aria-describedby')!)!.textContent).toBe(sentence)
    }
    expect(updateSettings).not.toHaveBeenCalled()
    fireEvent.change(disk, { target: { value: '4096' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(updateSettings).toHaveBeenCalledTimes(1))
    expect(updateSettings.mock.calls[0]![0].network.maxStoredBodiesMB).toBe(4096)
  })

  it('Cancel discards edits; a refusal from main is shown and the dialog stays open', async () => {
    const { updateSettings } = fakeSettings()
    const { dialog } = await openFromGear()
    fireEvent.change(within(dialog).getByLabelText('Default timeout'), { target: { value: '9' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(updateSettings).not.toHaveBeenCalled()

    updateSettings.mockResolvedValueOnce({ ok: false, error: { code: 'settings-invalid', message: 'Default timeout: nope.' } } as never)
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    const again = await screen.findByRole('dialog', { name: 'Settings' })
    await within(again).findByLabelText('Default timeout')
    expect((within(again).getByLabelText('Default timeout') as HTMLInputElement).value).toBe('30')
    fireEvent.click(within(again).getByRole('button', { name: 'Save' }))
    expect((await within(again).findByRole('alert')).textContent).toBe('Default timeout: nope.')
    expect(screen.getByRole('dialog')).toBeTruthy()
  })

  it('shows a moved-aside settings file notice and a load failure in words', async () => {
    installFakeApi({ getSettings: async () => ({ ok: false, error: { code: 'internal', message: 'The core is unwell.' } }) })
    const onClose = vi.fn()
    render(<NetworkSettingsDialog onClose={onClose} />)
    expect((await screen.findByRole('alert')).textContent).toBe('The settings could not be loaded: The core is unwell.')

    const notice = 'Your settings could not be read because it is not valid JSON. The file was kept as /x/settings.corrupt-1.json'
    render(<NetworkSettingsDialog onClose={onClose} initial={{ ...STATE, notices: [{ level: 'warning', message: notice }] }} />)
    await act(async () => {})
    expect(screen.getByText(notice)).toBeTruthy()
  })
})
