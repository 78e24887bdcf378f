// The network settings are read once per send from NetworkSettingsStore, which keeps what it read and looks at
// the file's stat before answering. A send must not parse settings.json, yet a change saved by another process
// (the CLI, a hand edit) applies to the very next request.
import { execFileSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import { VersionedJsonFile } from '../../../src/main/core/storage/versioned-json-file'
import { AppError } from '../../../src/shared/errors'
import { req } from './support'

let dir: string
let silent: Server
let silentUrl: string
let executor: HttpExecutor | undefined
let bodies: BodyStore

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-settings-cache-'))
  bodies = new BodyStore(join(dir, 'bodies'))
  // Accepts requests and never answers: only the request's timeout ends them.
  silent = createServer((request) => request.resume())
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
})
afterEach(async () => {
  vi.restoreAllMocks()
  await executor?.dispose()
  executor = undefined
  await bodies.dispose()
  silent.closeAllConnections()
  await new Promise<void>((resolve) => silent.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

/** Writes settings.json from a separate Node process, the way the CLI or another app window would. */
function writeFromAnotherProcess(path: string, network: Record<string, unknown>): void {
  const file = JSON.stringify({ schemaVersion: 1, network }, null, '\t')
  execFileSync(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(path)}, ${JSON.stringify(file)})`])
}

describe('network settings: read once, refreshed when the file changes', () => {
  it('answers sends from memory while settings.json is unchanged: the same object, no parse', () => {
    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ defaultTimeoutMs: 45_000 })
    const read = vi.spyOn(VersionedJsonFile.prototype, 'read')
    const first = store.httpSettings()
    for (let i = 0; i < 100; i++) expect(store.httpSettings()).toBe(first)
    expect(first.timeoutMs).toBe(45_000)
    expect(read).not.toHaveBeenCalled()
  })

  it('its own save applies at once, without reading the file back', () => {
    const store = new NetworkSettingsStore({ dataDir: dir })
    const before = store.httpSettings()
    store.update({ defaultTimeoutMs: 12_000 })
    const read = vi.spyOn(VersionedJsonFile.prototype, 'read')
    const after = store.httpSettings()
    expect(after).not.toBe(before)
    expect(after.timeoutMs).toBe(12_000)
    expect(read).not.toHaveBeenCalled()
  })

  it('a timeout written to settings.json by another process applies to the next send', async () => {
    const store = new NetworkSettingsStore({ dataDir: dir })
    store.update({ defaultTimeoutMs: 60_000 })
    executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies, settings: () => store.httpSettings() })
    expect(executor.settings().timeoutMs).toBe(60_000)

    writeFromAnotherProcess(store.path, { proxy: { mode: 'system-env' }, defaultTimeoutMs: 1_500, retryIdempotentByDefault: false, maxInlineBodyMB: 50 })

    const started = Date.now()
    let error: unknown
    try {
      await executor.send(req({ url: `${silentUrl}/waits` }))
    } catch (caught) {
      error = caught
    }
    const elapsed = Date.now() - started
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('http-timeout')
    expect((error as AppError).message).toMatch(/sent no response within 1\.5 s/)
    expect(elapsed).toBeGreaterThanOrEqual(1_400)
    expect(elapsed).toBeLessThan(5_000)
    expect(store.network().defaultTimeoutMs).toBe(1_500)
  })

  it('a file another process damaged is moved aside and the defaults apply, with a notice', () => {
    const notices: string[] = []
    const store = new NetworkSettingsStore({ dataDir: dir, onNotice: (notice) => notices.push(notice.message) })
    store.update({ defaultTimeoutMs: 20_000 })
    execFileSync(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(store.path)}, '{ not json')`])
    expect(store.httpSettings().timeoutMs).toBe(30_000)
    expect(notices.join(' ')).toMatch(/Your settings could not be read because/)
  })
})
