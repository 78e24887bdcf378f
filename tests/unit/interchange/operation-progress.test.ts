import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import type { AnyEvent } from '../../../src/main/core/rpc/event-hub'
import { OperationTracker, PROGRESS_INTERVAL_MS } from '../../../src/main/core/interchange/operation-progress'
import { writeReproBundle } from '../../../src/main/core/interchange/repro-bundle'
import { OutboundRedactor } from '../../../src/main/core/security/outbound-redaction'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import type { OperationProgress } from '../../../src/shared/ipc/app.contract'
import type { ImportPreviewView } from '../../../src/shared/ipc/interchange.contract'
import { SandboxHost } from '../../../src/sandbox'
import { makeEntry } from '../history/support'

/** A Postman v2.1 collection of `requests` requests in folders of 100: the "big file" of the issue. */
function bigPostmanCollection(requests: number): string {
  const folders = Array.from({ length: Math.ceil(requests / 100) }, (_, folder) => ({
    name: `Folder ${folder}`,
    item: Array.from({ length: Math.min(100, requests - folder * 100) }, (_, index) => ({
      name: `Secretive request name ${folder * 100 + index}`,
      request: { method: 'GET', url: { raw: `{{reactorUrl}}/companies/${folder * 100 + index}`, host: ['{{reactorUrl}}'], path: ['companies', String(folder * 100 + index)] } }
    }))
  }))
  return JSON.stringify({ info: { name: 'Big collection', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: folders })
}

describe('OperationTracker', () => {
  it('sends the start, at most one report per ~100 ms, phase changes, and the end', async () => {
    const sent: OperationProgress[] = []
    let clock = 0
    const tracker = new OperationTracker((progress) => sent.push(progress), () => clock)
    // 1,000 steps 1 ms apart: 1 s of work, so about ten throttled reports, not a thousand.
    await tracker.run('op-1', 'Writing the collection', async (operation) => {
      for (let done = 1; done <= 1000; done++) {
        clock += 1
        operation.report(done, 1000, 'writing')
      }
    })
    expect(sent[0]).toEqual({ operationId: 'op-1', label: 'Writing the collection', done: 0 })
    expect(sent.at(-1)).toEqual({ operationId: 'op-1', label: 'Writing the collection', done: 1000, total: 1000, phase: 'finished' })
    const reports = sent.slice(1, -1)
    expect(reports.length).toBeGreaterThanOrEqual(1000 / PROGRESS_INTERVAL_MS - 1)
    expect(reports.length).toBeLessThanOrEqual(1000 / PROGRESS_INTERVAL_MS + 1)
    expect(reports.map((report) => report.done)).toEqual([...reports.map((report) => report.done)].sort((a, b) => a - b))
  })

  it('cancels between steps with a sentence, reports it, and frees the id', async () => {
    const sent: OperationProgress[] = []
    const tracker = new OperationTracker((progress) => sent.push(progress))
    let steps = 0
    const running = tracker.run('op-2', 'Exporting the collection', async (operation) => {
      for (;;) {
        operation.throwIfCancelled()
        steps += 1
        await new Promise((resolve) => setImmediate(resolve))
      }
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(tracker.cancel('op-2')).toBe(true)
    await expect(running).rejects.toMatchObject({ code: 'operation-cancelled', message: 'Exporting the collection was cancelled; nothing was kept.' })
    expect(steps).toBeGreaterThan(0)
    expect(sent.at(-1)?.phase).toBe('cancelled')
    expect(tracker.cancel('op-2')).toBe(false)
    expect(tracker.cancel('never-started')).toBe(false)
  })

  it('refuses a second operation under an id that is running', async () => {
    const tracker = new OperationTracker(() => undefined)
    let release!: () => void
    const first = tracker.run('same', 'Reading the file', () => new Promise<void>((resolve) => (release = resolve)))
    await expect(tracker.run('same', 'Reading the file', async () => undefined)).rejects.toMatchObject({ code: 'operation-id-in-use' })
    release()
    await first
  })
})

describe('repro bundle progress', () => {
  const bundleInput = () => {
    const registry = new SecretRegistry()
    return { entries: [makeEntry(), makeEntry()], app: { name: 'Reactor Explorer', version: 'test' }, redactor: new OutboundRedactor(registry), registry }
  }

  it('reports the files scanned (README.md, bundle.json, requests.har)', async () => {
    const sent: OperationProgress[] = []
    const tracker = new OperationTracker((progress) => sent.push(progress))
    const bundle = await tracker.run('bundle-0', 'Building the repro bundle', (operation) => writeReproBundle({ ...bundleInput(), operation }))
    expect(bundle.bytes.length).toBeGreaterThan(0)
    expect(sent.find((progress) => progress.phase === 'scanning')).toMatchObject({ done: 0, total: 3 })
    expect(sent.at(-1)).toMatchObject({ phase: 'finished', done: 3, total: 3 })
  })

  it('cancelled during the scan, never scans on nor builds the zip', async () => {
    const sent: OperationProgress[] = []
    const tracker = new OperationTracker((progress) => {
      sent.push(progress)
      if (progress.phase === 'scanning') tracker.cancel('bundle-1')
    })
    const building = tracker.run('bundle-1', 'Building the repro bundle', (operation) => writeReproBundle({ ...bundleInput(), operation }))
    await expect(building).rejects.toMatchObject({ code: 'operation-cancelled' })
    expect(sent.at(-1)).toMatchObject({ phase: 'cancelled', done: 0, total: 3 })
  })
})

// Through the dispatcher and the event hub, as the renderer sees it.
describe('app:progress and app:cancelOperation for imports and exports', () => {
  let dir: string
  let saveDir: string
  let core: AppCore
  const events: OperationProgress[] = []
  let onProgress: (progress: OperationProgress) => void = () => undefined

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-progress-'))
    saveDir = await mkdtemp(join(tmpdir(), 're-progress-save-'))
    core = createAppCore({ transport: 'loopback', version: 'test', dataDir: dir, sandbox: new SandboxHost(), secretStores: [], watchCollections: false, log: () => undefined, chooseSavePath: async (name) => join(saveDir, name) })
    core.events.subscribe((event: AnyEvent) => {
      if (event.name !== 'app:progress') return
      events.push(event.payload)
      onProgress(event.payload)
    })
  })
  afterAll(async () => {
    await core.dispose()
    await rm(dir, { recursive: true, force: true })
    await rm(saveDir, { recursive: true, force: true })
  })

  async function dispatch(channel: string, input?: unknown) {
    return core.dispatcher.dispatch(channel, input)
  }
  const cancelOnce = (operationId: string, when: (progress: OperationProgress) => boolean) => {
    onProgress = (progress) => {
      if (progress.operationId !== operationId || !when(progress)) return
      onProgress = () => undefined
      void dispatch('app:cancelOperation', { operationId }).then((answer) => expect(answer).toEqual({ ok: true, value: { cancelled: true } }))
    }
  }

  it('a cancelled 5,000-request import writes nothing; the same preview then imports with per-file progress', async () => {
    const previewed = await dispatch('interchange:previewImport', { fileName: 'big.postman_collection.json', text: bigPostmanCollection(5000), operationId: 'preview-big' })
    if (!previewed.ok) throw new Error(previewed.error.message)
    const preview = previewed.value as ImportPreviewView
    expect(preview.report.requests).toBe(5000)
    expect(events.filter((progress) => progress.operationId === 'preview-big').at(-1)).toMatchObject({ phase: 'finished' })

    cancelOnce('write-big', (progress) => progress.phase === 'writing' && progress.done >= 50)
    const cancelled = await dispatch('interchange:writeImport', { previewId: preview.previewId, operationId: 'write-big' })
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'operation-cancelled' } })
    const writing = events.filter((progress) => progress.operationId === 'write-big')
    expect(writing.at(-1)?.phase).toBe('cancelled')
    expect(writing.at(-1)!.done).toBeLessThan(5000)
    // Neither the collection nor its temporary folder is left in the collections folder.
    expect(await readdir(join(dir, 'collections')).catch(() => [])).toEqual([])

    const written = await dispatch('interchange:writeImport', { previewId: preview.previewId, operationId: 'write-big-2' })
    if (!written.ok) throw new Error(written.error.message)
    const files = (written.value as { files: number }).files
    // The collection file, 50 folder files, 5,000 request files.
    expect(files).toBe(5051)
    const second = events.filter((progress) => progress.operationId === 'write-big-2')
    expect(second.at(-1)).toMatchObject({ phase: 'finished', done: files, total: files })
    expect(second.length).toBeLessThan(files / 10)
    // Counts and a fixed label only: no request name, path or content.
    expect(JSON.stringify(events)).not.toMatch(/Secretive|companies|reactorUrl/)
  })

  it('a cancelled export leaves no file', async () => {
    const listed = await dispatch('collections:list')
    if (!listed.ok) throw new Error(listed.error.message)
    const collectionId = (listed.value as Array<{ id: string }>)[0]!.id
    cancelOnce('export-1', (progress) => progress.phase === 'writing')
    const cancelled = await dispatch('interchange:exportCollection', { collectionId, format: 'postman', destination: 'file', operationId: 'export-1' })
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'operation-cancelled' } })
    expect(await readdir(saveDir)).toEqual([])

    const exported = await dispatch('interchange:exportCollection', { collectionId, format: 'postman', destination: 'file', operationId: 'export-2' })
    expect(exported).toMatchObject({ ok: true, value: { saved: true } })
    expect(await readdir(saveDir)).toHaveLength(1)
  })

  it('says which operation ids are bad, and that an unknown one is not running', async () => {
    expect(await dispatch('app:cancelOperation', { operationId: 'no such op' })).toMatchObject({ ok: false })
    expect(await dispatch('app:cancelOperation', { operationId: 'not-running' })).toEqual({ ok: true, value: { cancelled: false } })
  })
})
