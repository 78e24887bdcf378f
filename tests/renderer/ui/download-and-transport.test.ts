import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WindowApi } from '../../../src/shared/contract'
import { readFileAsBase64, readFileAsText } from '../../../src/renderer/src/features/history/download'
import { installFakeApi } from '../../support/fake-api'

const info = (transport: 'electron' | 'loopback') => ({ ok: true as const, value: { name: 'Reactor Explorer', version: 't', platform: 'linux', transport } })

describe('offerDownload', () => {
  let blobs: Blob[]
  let clicks: HTMLAnchorElement[]
  beforeEach(() => {
    blobs = []
    clicks = []
    Object.assign(URL, { createObjectURL: vi.fn((blob: Blob) => (blobs.push(blob), `blob:${blobs.length}`)), revokeObjectURL: vi.fn() })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this)
    })
  })
  afterEach(() => vi.restoreAllMocks())

  it('downloads base64 content as its bytes, named and typed, and leaves no link behind', async () => {
    const { offerDownload } = await import('../../../src/renderer/src/ui/download')
    const bytes = [0, 255, 80, 75, 3, 4]
    offerDownload({ fileName: 'bundle.zip', mimeType: 'application/zip', contentBase64: btoa(String.fromCharCode(...bytes)) })
    expect(clicks).toHaveLength(1)
    expect(clicks[0]!.download).toBe('bundle.zip')
    expect(clicks[0]!.href).toBe('blob:1')
    expect(blobs[0]!.type).toBe('application/zip')
    expect([...atob(await readFileAsBase64(blobs[0]!))].map((c) => c.charCodeAt(0))).toEqual(bytes)
    expect(document.querySelector('a[download]')).toBeNull()
  })

  it('downloads text content as that text (UTF-8), and releases the Blob URL later, not at once', async () => {
    vi.useFakeTimers()
    try {
      const { offerDownload } = await import('../../../src/renderer/src/ui/download')
      offerDownload({ fileName: 'report.html', mimeType: 'text/html', text: '<p>Café ✓</p>' })
      vi.advanceTimersByTime(59_000)
      expect(URL.revokeObjectURL).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1_000)
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:1')
    } finally {
      vi.useRealTimers()
    }
    expect(blobs[0]!.type).toBe('text/html')
    expect(await readFileAsText(blobs[0]!)).toBe('<p>Café ✓</p>')
  })
})

describe('appTransport', () => {
  beforeEach(() => vi.resetModules())

  it('asks main once and remembers the answer: the desktop app saves through its dialog', async () => {
    const getAppInfo = vi.fn(async () => info('electron'))
    installFakeApi({ getAppInfo: getAppInfo as unknown as WindowApi['getAppInfo'] })
    const { appTransport, savesThroughMainDialog } = await import('../../../src/renderer/src/api/app-transport')
    expect(await savesThroughMainDialog()).toBe(true)
    expect(await appTransport()).toBe('electron')
    expect(getAppInfo).toHaveBeenCalledTimes(1)
  })

  it('browser mode downloads', async () => {
    installFakeApi({ getAppInfo: vi.fn(async () => info('loopback')) as unknown as WindowApi['getAppInfo'] })
    const { savesThroughMainDialog } = await import('../../../src/renderer/src/api/app-transport')
    expect(await savesThroughMainDialog()).toBe(false)
  })

  it('a failed question counts as browser mode and is asked again next time', async () => {
    const getAppInfo = vi
      .fn()
      .mockResolvedValueOnce({ ok: false as const, error: { code: 'internal', message: 'Main did not answer.' } })
      .mockResolvedValueOnce(info('electron'))
    installFakeApi({ getAppInfo: getAppInfo as unknown as WindowApi['getAppInfo'] })
    const { appTransport, savesThroughMainDialog } = await import('../../../src/renderer/src/api/app-transport')
    expect(await appTransport()).toBeUndefined()
    expect(await savesThroughMainDialog()).toBe(true)
    expect(getAppInfo).toHaveBeenCalledTimes(2)
  })

  it('with no bridge on the page the transport is unknown, and that is browser mode', async () => {
    const saved = window.api
    try {
      ;(window as { api?: unknown }).api = undefined
      const { appTransport, savesThroughMainDialog } = await import('../../../src/renderer/src/api/app-transport')
      expect(await appTransport()).toBeUndefined()
      expect(await savesThroughMainDialog()).toBe(false)
    } finally {
      ;(window as { api?: unknown }).api = saved
    }
  })
})
