import { beforeEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { WindowApi } from '../../../src/shared/contract'
import type { SettingsState } from '../../../src/shared/ipc/settings.contract'
import { DEFAULT_NETWORK_SETTINGS } from '../../../src/shared/ipc/settings.contract'
import { ThemeSwitch } from '../../../src/renderer/src/app/ThemeSwitch'
import { THEME_STORAGE_KEY, showTheme } from '../../../src/renderer/src/app/theme'
import { installFakeApi } from '../../support/fake-api'

function settings(appearance?: SettingsState['appearance']): SettingsState {
  return { network: DEFAULT_NETWORK_SETTINGS, ...(appearance ? { appearance } : {}), notices: [], environment: {} }
}

const shownTheme = () => document.documentElement.dataset.theme
const radio = (name: string) => screen.getByRole('radio', { name })

beforeEach(() => {
  window.localStorage.clear()
  showTheme('system')
})

describe('theme switch (status bar)', () => {
  it('shows the theme settings.json holds once the core answers, and keeps a local copy for the next start', async () => {
    installFakeApi({ getSettings: vi.fn(async () => ({ ok: true as const, value: settings({ theme: 'dark' }) })) })
    render(<ThemeSwitch />)
    await waitFor(() => expect(shownTheme()).toBe('dark'))
    expect(radio('Dark theme').getAttribute('aria-checked')).toBe('true')
    expect(radio('System theme').getAttribute('aria-checked')).toBe('false')
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark')
  })

  it('a click shows the theme at once and saves it with the other settings, leaving the network part alone', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, value: settings({ theme: 'light' }) })) as unknown as WindowApi['updateSettings']
    installFakeApi({ getSettings: vi.fn(async () => ({ ok: true as const, value: settings({ theme: 'system' }) })), updateSettings })
    render(<ThemeSwitch />)
    await waitFor(() => expect(radio('System theme').getAttribute('aria-checked')).toBe('true'))
    fireEvent.click(radio('Light theme'))
    expect(shownTheme()).toBe('light')
    expect(updateSettings).toHaveBeenCalledWith({ network: {}, appearance: { theme: 'light' } })
    expect(radio('Light theme').getAttribute('tabindex')).toBe('0')
    expect(radio('Dark theme').getAttribute('tabindex')).toBe('-1')
  })

  it('follows a change saved elsewhere (settings:changed), and an older core without the setting changes nothing', async () => {
    const fake = installFakeApi({ getSettings: vi.fn(async () => ({ ok: true as const, value: settings() })) })
    showTheme('dark')
    render(<ThemeSwitch />)
    await waitFor(() => expect(fake.api.getSettings).toHaveBeenCalled())
    expect(shownTheme()).toBe('dark')
    act(() => fake.emit('settings:changed', settings({ theme: 'light' })))
    expect(shownTheme()).toBe('light')
    expect(radio('Light theme').getAttribute('aria-checked')).toBe('true')
  })

  it('arrow keys move through the radio group and choose', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, value: settings() })) as unknown as WindowApi['updateSettings']
    installFakeApi({ updateSettings })
    render(<ThemeSwitch />)
    fireEvent.keyDown(radio('System theme'), { key: 'ArrowRight' })
    expect(shownTheme()).toBe('light')
    expect(document.activeElement).toBe(radio('Light theme'))
    fireEvent.keyDown(radio('Light theme'), { key: 'ArrowLeft' })
    fireEvent.keyDown(radio('System theme'), { key: 'ArrowLeft' })
    expect(shownTheme()).toBe('dark')
    expect(updateSettings).toHaveBeenLastCalledWith({ network: {}, appearance: { theme: 'dark' } })
  })

  it('says so when the choice could not be saved, and keeps showing it', async () => {
    const updateSettings = vi.fn(async () => ({ ok: false as const, error: { code: 'storage-write-failed', message: 'The disk is full.' } })) as unknown as WindowApi['updateSettings']
    installFakeApi({ updateSettings })
    render(<ThemeSwitch />)
    fireEvent.click(radio('Dark theme'))
    expect((await screen.findByRole('alert')).textContent).toBe('Theme not saved')
    expect(screen.getByRole('radiogroup', { name: 'Theme' }).getAttribute('title')).toBe('The theme shows now but was not saved: The disk is full.')
    expect(shownTheme()).toBe('dark')
  })

  it('names each icon in a tooltip that keyboard focus shows, the focus staying on the radio', async () => {
    installFakeApi({ getSettings: vi.fn(async () => ({ ok: true as const, value: settings({ theme: 'system' }) })) })
    render(<ThemeSwitch />)
    await waitFor(() => expect(radio('System theme').getAttribute('aria-checked')).toBe('true'))
    radio('System theme').focus()
    await waitFor(() => expect(screen.getByRole('tooltip').textContent).toBe('Follow the system’s light or dark setting'))
    expect(radio('System theme').getAttribute('aria-describedby')).toBe(screen.getByRole('tooltip').id)
    expect(document.activeElement).toBe(radio('System theme'))
  })
})
