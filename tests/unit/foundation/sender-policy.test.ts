import { describe, expect, it } from 'vitest'
import { isTrustedSender } from '../../../src/main/platform/sender-policy'

describe('isTrustedSender', () => {
  const ours = { frameUrl: 'app://reactor-explorer/index.html', isMainFrame: true, fromAppWindow: true }

  it('trusts only our window’s top frame on app://reactor-explorer', () => {
    expect(isTrustedSender(ours)).toBe(true)
    expect(isTrustedSender({ ...ours, isMainFrame: false })).toBe(false)
    expect(isTrustedSender({ ...ours, fromAppWindow: false })).toBe(false)
    expect(isTrustedSender({ ...ours, frameUrl: null })).toBe(false)
  })

  it.each([
    'app://reactor-explorer.evil.example/index.html',
    'app://evil/index.html',
    'https://reactor-explorer/index.html',
    'file:///index.html',
    'http://127.0.0.1:5173/',
    'not a url'
  ])('rejects %s', (frameUrl) => {
    expect(isTrustedSender({ ...ours, frameUrl })).toBe(false)
  })

  it('trusts the dev server origin only when told to, and only that origin', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5173/' }, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5174/' }, 'http://localhost:5173')).toBe(false)
  })
})
