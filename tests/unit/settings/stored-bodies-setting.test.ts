import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_STORED_BODIES_MB } from '../../../src/shared/ipc/settings.contract'
import { useSettingsFolder } from './settings-folder'

const { folder, open } = useSettingsFolder('rx-stored-bodies-')

describe('disk space for large bodies (network setting)', () => {
  it('a settings file from before the setting existed stays valid; the executor then uses 1 GB', async () => {
    await writeFile(
      join(folder.dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, network: { proxy: { mode: 'none' }, defaultTimeoutMs: 5000, retryIdempotentByDefault: false, maxInlineBodyMB: 20 } })
    )
    const store = open()
    expect(folder.notices).toEqual([])
    expect(store.network()).toMatchObject({ proxy: { mode: 'none' }, defaultTimeoutMs: 5000 })
    expect(store.httpSettings().maxStoredBodyBytes).toBeUndefined()
    expect(DEFAULT_MAX_STORED_BODIES_MB).toBe(1024)
  })

  it('is saved in MB, given to the executor in bytes, and kept when another value changes', () => {
    const store = open()
    store.update({ maxStoredBodiesMB: 2048 })
    store.update({ defaultTimeoutMs: 9000 })
    expect(open().network().maxStoredBodiesMB).toBe(2048)
    expect(store.httpSettings().maxStoredBodyBytes).toBe(2048 * 1024 * 1024)
  })

  it.each([
    [5, /^Disk space for large bodies: The disk space is at least 10 MB\.$/],
    [200_000, /^Disk space for large bodies: The disk space is at most 100 GB\.$/],
    [12.5, /^Disk space for large bodies: The size is a whole number of MB\.$/]
  ])('refuses %j MB with a sentence naming the setting', (value, message) => {
    const store = open()
    expect(() => store.update({ maxStoredBodiesMB: value })).toThrow(message)
    expect(store.network().maxStoredBodiesMB).toBeUndefined()
  })
})
