import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { App } from '../../src/renderer/src/app/App'
import { ActiveProfileProvider } from '../../src/renderer/src/state/active-profile'
import { installFakeApi } from '../support/fake-api'

function renderApp() {
  return render(
    <ActiveProfileProvider>
      <App />
    </ActiveProfileProvider>
  )
}

describe('app shell', () => {
  it('shows how it is connected, from getAppInfo', async () => {
    installFakeApi({
      getAppInfo: async () => ({ ok: true, value: { name: 'Reactor Explorer', version: '9.9.9', platform: 'linux', transport: 'electron' } })
    })
    renderApp()
    expect(await screen.findByText('Desktop app')).toBeTruthy()
    expect(screen.getByText('v9.9.9')).toBeTruthy()
  })

  it('says plainly when the core answers with an error', async () => {
    installFakeApi({ getAppInfo: async () => ({ ok: false, error: { code: 'internal', message: 'The core is unwell.' } }) })
    renderApp()
    expect((await screen.findByRole('alert')).textContent).toBe('The core is unwell.')
  })

  it('switches areas by click and by Ctrl+number, marking the current one', async () => {
    installFakeApi({ getAppInfo: async () => ({ ok: true, value: { name: 'x', version: '1', platform: 'linux', transport: 'loopback' } }) })
    renderApp()
    const nav = screen.getByRole('navigation', { name: 'Areas' })
    fireEvent.click(within(nav).getByRole('button', { name: 'Collections' }))
    await waitFor(() => expect(screen.getByRole('main').getAttribute('aria-label')).toBe('Collections'))
    fireEvent.keyDown(window, { key: '4', ctrlKey: true })
    await waitFor(() => expect(screen.getByRole('main').getAttribute('aria-label')).toBe('History'))
    expect(screen.getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('button', { name: 'Profiles' }).getAttribute('aria-current')).toBeNull()
  })
})
