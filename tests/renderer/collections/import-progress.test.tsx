import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { ImportDialog } from '../../../src/renderer/src/features/collections/ImportDialog'
import { SHOW_AFTER_MS } from '../../../src/renderer/src/ui/Progress'
import type { WindowApi } from '../../../src/shared/contract'
import type { RpcResult } from '../../../src/shared/errors'
import type { ImportPreviewView } from '../../../src/shared/ipc/interchange.contract'
import { installFakeApi } from '../../support/fake-api'

const PREVIEW: ImportPreviewView = {
  previewId: 'preview-abc-123',
  source: { kind: 'postman-collection', label: 'Postman collection (v2.1)', fileName: 'big.postman_collection.json' },
  name: 'Big collection',
  report: { requests: 5000, folders: 50, environments: 0, unmapped: [], notes: [] },
  outline: [{ kind: 'folder', name: 'Folder 0', requests: 100 }],
  environments: [],
  defaultParent: '/data/collections',
  environmentsOnly: false
}

afterEach(() => vi.useRealTimers())

/** jsdom's File has no text(): the one the dialog reads. */
function jsonFile(): File {
  return Object.assign(new File(['{}'], 'big.postman_collection.json', { type: 'application/json' }), { text: async () => '{}' })
}

describe('import progress', () => {
  it('shows the bar only once the write has run for a second, follows app:progress, and Cancel calls app:cancelOperation', async () => {
    let finishWrite!: (result: RpcResult<never>) => void
    const writeCollectionImport = vi.fn(() => new Promise<RpcResult<never>>((resolve) => (finishWrite = resolve)))
    const cancelOperation = vi.fn(async () => ({ ok: true as const, value: { cancelled: true } }))
    const fake = installFakeApi({
      previewCollectionImport: vi.fn(async () => ({ ok: true as const, value: PREVIEW })) as unknown as WindowApi['previewCollectionImport'],
      writeCollectionImport: writeCollectionImport as unknown as WindowApi['writeCollectionImport'],
      cancelOperation: cancelOperation as unknown as WindowApi['cancelOperation']
    })
    const onImported = vi.fn()
    render(<ImportDialog collections={[]} initialFile={jsonFile()} onClose={() => undefined} onImported={onImported} />)
    const importButton = await screen.findByRole('button', { name: 'Import' })

    vi.useFakeTimers()
    fireEvent.click(importButton)
    await act(async () => undefined)
    expect(writeCollectionImport).toHaveBeenCalledTimes(1)
    const { operationId } = (writeCollectionImport.mock.calls[0] as unknown as [{ operationId: string }])[0]
    expect(operationId).toMatch(/^import-/)
    act(() => fake.emit('app:progress', { operationId, label: 'Writing the collection', done: 120, total: 5051, phase: 'writing' }))
    // Under a second: no bar (a fast import must not flash one).
    await act(async () => void vi.advanceTimersByTime(SHOW_AFTER_MS - 100))
    expect(screen.queryByRole('progressbar')).toBeNull()

    await act(async () => void vi.advanceTimersByTime(200))
    const bar = screen.getByRole('progressbar', { name: 'Writing the collection' })
    expect(bar.getAttribute('aria-valuenow')).toBe('120')
    expect(bar.getAttribute('aria-valuemax')).toBe('5051')
    // Another operation's events do not move this bar.
    act(() => fake.emit('app:progress', { operationId: 'export-other', label: 'Exporting the collection', done: 1, total: 1 }))
    act(() => fake.emit('app:progress', { operationId, label: 'Writing the collection', done: 2400, total: 5051, phase: 'writing' }))
    expect(screen.getByRole('progressbar', { name: 'Writing the collection' }).getAttribute('aria-valuenow')).toBe('2400')
    expect(screen.getByText('2,400 of 5,051 files')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Cancel writing the collection' }))
    await act(async () => undefined)
    expect(cancelOperation).toHaveBeenCalledWith({ operationId })
    expect(screen.getByRole('button', { name: 'Cancelling writing the collection' })).toHaveProperty('disabled', true)

    // Main answers the cancelled write: the bar goes, no error is shown, the preview stays for another try.
    await act(async () => finishWrite({ ok: false, error: { code: 'operation-cancelled', message: 'Writing the collection was cancelled; nothing was kept.' } } as RpcResult<never>))
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', false)
    expect(onImported).not.toHaveBeenCalled()
  })

  it('a write that ends within the second never shows a bar', async () => {
    const view = { id: 'a1b2c3d4e5f60718', root: '/data/collections/big', name: 'Big collection' }
    installFakeApi({
      previewCollectionImport: vi.fn(async () => ({ ok: true as const, value: PREVIEW })) as unknown as WindowApi['previewCollectionImport'],
      writeCollectionImport: vi.fn(async () => ({ ok: true as const, value: { collection: view, files: 5051 } })) as unknown as WindowApi['writeCollectionImport']
    })
    const onImported = vi.fn()
    render(<ImportDialog collections={[]} initialFile={jsonFile()} onClose={() => undefined} onImported={onImported} />)
    const importButton = await screen.findByRole('button', { name: 'Import' })
    vi.useFakeTimers()
    fireEvent.click(importButton)
    await act(async () => undefined)
    expect(onImported).toHaveBeenCalled()
    await act(async () => void vi.advanceTimersByTime(SHOW_AFTER_MS * 2))
    expect(screen.queryByRole('progressbar')).toBeNull()
  })

  it("closing the dialog while it writes cancels the write", async () => {
    const writeCollectionImport = vi.fn(() => new Promise<RpcResult<never>>(() => undefined))
    const cancelOperation = vi.fn(async () => ({ ok: true as const, value: { cancelled: true } }))
    installFakeApi({
      previewCollectionImport: vi.fn(async () => ({ ok: true as const, value: PREVIEW })) as unknown as WindowApi['previewCollectionImport'],
      writeCollectionImport: writeCollectionImport as unknown as WindowApi['writeCollectionImport'],
      cancelOperation: cancelOperation as unknown as WindowApi['cancelOperation']
    })
    const onClose = vi.fn()
    render(<ImportDialog collections={[]} initialFile={jsonFile()} onClose={onClose} onImported={() => undefined} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }))
    await act(async () => undefined)
    const { operationId } = (writeCollectionImport.mock.calls[0] as unknown as [{ operationId: string }])[0]
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(cancelOperation).toHaveBeenCalledWith({ operationId })
    expect(onClose).toHaveBeenCalled()
  })
})
