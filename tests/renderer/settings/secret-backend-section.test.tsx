import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { NetworkSettingsDialog } from '../../../src/renderer/src/features/settings/NetworkSettingsDialog'
import type { SettingsState, WindowApi } from '../../../src/shared/contract'
import { DEFAULT_NETWORK_SETTINGS, type SecretBackendChoice } from '../../../src/shared/ipc/settings.contract'
import { installFakeApi } from '../../support/fake-api'

const NO_BUS = 'No desktop session bus was found, so the system keychain (Secret Service) cannot be reached. This is usual over SSH or in a container.'

const CHOICE: SecretBackendChoice = {
  options: [
    { backend: 'keychain', label: 'system keyring (Secret Service)', available: true, inUse: true },
    { backend: 'safe-storage', label: 'Electron safeStorage', available: false, inUse: false, problem: 'Electron safeStorage exists only in the desktop app; browser mode and the command line cannot use it.' },
    { backend: 'memory', label: 'memory, for this session only', available: true, inUse: false }
  ]
}
const STATE: SettingsState = {
  network: DEFAULT_NETWORK_SETTINGS,
  notices: [],
  environment: {},
  secretBackend: { backend: 'keychain', persistent: true, label: 'system keyring (Secret Service)' },
  secretBackends: CHOICE
}

function setUp(state: SettingsState, switchSecretBackend: WindowApi['switchSecretBackend']) {
  installFakeApi({ getSettings: async () => ({ ok: true, value: state }), switchSecretBackend })
  render(<NetworkSettingsDialog initial={state} onClose={() => undefined} />)
  const dialog = screen.getByRole('dialog', { name: 'Settings' })
  fireEvent.click(within(dialog).getByRole('tab', { name: /^General/ }))
  return within(dialog)
}

describe('Settings → General → Keep secrets in', () => {
  it('lists the backends with the one in use and why one is unavailable, and moves the secrets on request', async () => {
    const moved: SettingsState = {
      ...STATE,
      secretBackend: { backend: 'memory', persistent: false, label: 'memory, for this session only (chosen in Settings)' },
      secretBackends: { ...CHOICE, chosen: 'memory', options: CHOICE.options.map((option) => ({ ...option, inUse: option.backend === 'memory' })) }
    }
    const switchSecretBackend = vi.fn(async () => ({ ok: true as const, value: { settings: moved, moved: 3, message: '3 secrets moved to memory, for this session only (chosen in Settings).' } }))
    const dialog = setUp(STATE, switchSecretBackend as unknown as WindowApi['switchSecretBackend'])
    const group = await dialog.findByRole('radiogroup', { name: 'Keep secrets in' })
    const keychain = within(group).getByRole('radio', { name: /OS keychain/ }) as HTMLInputElement
    expect(keychain.checked).toBe(true)
    expect(within(group).getByText('In use')).toBeTruthy()
    const safe = within(group).getByRole('radio', { name: /Electron safeStorage/ }) as HTMLInputElement
    expect(safe.disabled).toBe(true)
    expect(within(group).getByText(/Why: Electron safeStorage exists only in the desktop app/)).toBeTruthy()
    const move = dialog.getByRole('button', { name: 'Move secrets' }) as HTMLButtonElement
    expect(move.disabled).toBe(true)

    fireEvent.click(within(group).getByRole('radio', { name: /This session only/ }))
    fireEvent.click(dialog.getByRole('button', { name: 'Move secrets to This session only' }))
    await waitFor(() => expect(dialog.getByRole('status').textContent).toBe('3 secrets moved to memory, for this session only (chosen in Settings).'))
    expect(switchSecretBackend).toHaveBeenCalledWith({ backend: 'memory' })
    expect((within(group).getByRole('radio', { name: /This session only/ }) as HTMLInputElement).checked).toBe(true)
    expect(within(within(group).getByRole('radio', { name: /This session only/ }).closest('label')!).getByText('In use')).toBeTruthy()
  })

  it('says why the keychain cannot be used (CI: no session bus) and keeps memory as the one in use', async () => {
    const ci: SettingsState = {
      ...STATE,
      secretBackend: { backend: 'memory', persistent: false, label: 'memory, for this session only (no system keychain available)' },
      secretBackends: {
        options: [
          { backend: 'keychain', label: 'the OS keychain', available: false, inUse: false, problem: NO_BUS },
          CHOICE.options[1]!,
          { backend: 'memory', label: 'memory, for this session only', available: true, inUse: true }
        ]
      }
    }
    const switchSecretBackend = vi.fn()
    const dialog = setUp(ci, switchSecretBackend as unknown as WindowApi['switchSecretBackend'])
    const group = await dialog.findByRole('radiogroup', { name: 'Keep secrets in' })
    expect(within(group).getByText(`Why: ${NO_BUS}`)).toBeTruthy()
    expect((within(group).getByRole('radio', { name: /OS keychain/ }) as HTMLInputElement).disabled).toBe(true)
    expect((within(group).getByRole('radio', { name: /This session only/ }) as HTMLInputElement).checked).toBe(true)
    expect(switchSecretBackend).not.toHaveBeenCalled()
  })

  it('shows a refused move with the sentence naming the secret that stopped it; the old backend stays in use', async () => {
    const refusal =
      'Secrets were not moved: writing to memory (this session only) failed at the proxy password. The system keychain is locked. Every secret is still in system keyring (Secret Service).'
    const switchSecretBackend = vi.fn(async () => ({ ok: false as const, error: { code: 'settings-secrets-not-moved', message: refusal } }))
    const dialog = setUp(STATE, switchSecretBackend as unknown as WindowApi['switchSecretBackend'])
    const group = await dialog.findByRole('radiogroup', { name: 'Keep secrets in' })
    fireEvent.click(within(group).getByRole('radio', { name: /This session only/ }))
    fireEvent.click(dialog.getByRole('button', { name: 'Move secrets to This session only' }))
    expect((await dialog.findByRole('alert')).textContent).toBe(refusal)
    expect(within(within(group).getByRole('radio', { name: /OS keychain/ }).closest('label')!).getByText('In use')).toBeTruthy()
  })

  it('shows the notice when the saved choice could not be used at start', async () => {
    const notice = 'Secrets are set to be kept in Electron safeStorage, which is not available now: it exists only in the desktop app. Until it is, they are kept in system keyring (Secret Service).'
    const dialog = setUp({ ...STATE, secretBackends: { ...CHOICE, chosen: 'safe-storage', notice } }, vi.fn() as unknown as WindowApi['switchSecretBackend'])
    expect((await dialog.findByText(notice)).getAttribute('role')).toBe('status')
  })
})
