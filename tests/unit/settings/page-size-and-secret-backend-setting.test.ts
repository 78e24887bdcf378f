import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createSettingsCapability } from '../../../src/main/core/settings/network-settings'
import { UpdateSettingsInput } from '../../../src/shared/ipc/settings.contract'
import { useSettingsFolder, OLD_NETWORK } from './settings-folder'

const { folder, open, settingsFile } = useSettingsFolder('rx-page-size-')

describe('default page size setting', () => {
  it('a file from before the setting existed reads as Reactor’s 25 (and no backend choice), its network settings kept', async () => {
    await writeFile(settingsFile(), JSON.stringify({ schemaVersion: 1, network: OLD_NETWORK, appearance: { theme: 'dark' } }))
    const store = open()
    expect(folder.notices).toEqual([])
    expect(store.state().defaultPageSize).toBe(25)
    expect(store.savedSecretBackend()).toBeUndefined()
    expect(store.state().network.defaultTimeoutMs).toBe(5000)
  })

  it('a hand-edited value out of range reads as 25 instead of discarding the file', async () => {
    await writeFile(settingsFile(), JSON.stringify({ schemaVersion: 1, network: OLD_NETWORK, defaultPageSize: 500, secretBackend: 'floppy' }))
    const store = open()
    expect(folder.notices).toEqual([])
    expect(store.state().defaultPageSize).toBe(25)
    expect(store.savedSecretBackend()).toBeUndefined()
    expect(store.state().network.proxy.mode).toBe('none')
  })

  it('is saved through settings:update beside the rest, and read back by a new store', async () => {
    const { handlers } = createSettingsCapability({ dataDir: folder.dir })
    await handlers['settings:update']({ network: {}, defaultPageSize: 50 })
    expect(open().state().defaultPageSize).toBe(50)
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ defaultPageSize: 50, network: { defaultTimeoutMs: 30_000 } })
  })

  it.each([
    [0, 'Default page size: A page holds at least 1 item.'],
    [101, 'Default page size: Reactor returns at most 100 items per page.'],
    [2.5, 'Default page size: The page size is a whole number of items.']
  ])('refuses %s with a clear sentence and keeps the saved size', (size, message) => {
    const store = open()
    store.setDefaultPageSize(40)
    expect(() => store.setDefaultPageSize(size)).toThrow(message)
    expect(open().state().defaultPageSize).toBe(40)
  })

  it('the bridge refuses a page size that is not a number', () => {
    const parsed = UpdateSettingsInput.safeParse({ network: {}, defaultPageSize: '50' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('The page size is a number of items, e.g. 25.')
  })

  it('the secrets backend choice is saved as its name only, and removed again for the automatic order', async () => {
    const store = open()
    store.setSecretBackend('memory')
    expect(open().savedSecretBackend()).toBe('memory')
    expect(JSON.parse(await readFile(settingsFile(), 'utf8')).secretBackend).toBe('memory')
    store.setSecretBackend(undefined)
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).not.toHaveProperty('secretBackend')
  })
})
