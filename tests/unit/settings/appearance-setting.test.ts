import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createSettingsCapability, NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import { UpdateSettingsInput } from '../../../src/shared/ipc/settings.contract'
import { useSettingsFolder, OLD_NETWORK } from './settings-folder'

const { folder, open, settingsFile } = useSettingsFolder('rx-appearance-')

describe('theme override (appearance setting)', () => {
  it('a settings file from before the setting existed reads as "system", with its network settings kept', async () => {
    await writeFile(settingsFile(), JSON.stringify({ schemaVersion: 1, network: OLD_NETWORK, welcomeDismissed: true }))
    const state = open().state()
    expect(folder.notices).toEqual([])
    expect(state.appearance).toEqual({ theme: 'system' })
    expect(state.network.defaultTimeoutMs).toBe(5000)
  })

  it('a theme this version does not know reads as "system" instead of discarding the file', async () => {
    await writeFile(settingsFile(), JSON.stringify({ schemaVersion: 1, network: OLD_NETWORK, appearance: { theme: 'sepia' } }))
    const state = open().state()
    expect(folder.notices).toEqual([])
    expect(state.appearance).toEqual({ theme: 'system' })
    expect(state.network.proxy.mode).toBe('none')
  })

  it('is saved beside the network settings and the welcome dismissal, and read back by a new store', async () => {
    const store = open()
    store.update({ defaultTimeoutMs: 9000 })
    store.setWelcomeDismissed(true)
    store.setAppearance({ theme: 'dark' })
    const again = open().state()
    expect(again.appearance).toEqual({ theme: 'dark' })
    expect(again.network.defaultTimeoutMs).toBe(9000)
    expect(again.welcomeDismissed).toBe(true)
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ appearance: { theme: 'dark' } })
    // A network change afterwards keeps the theme.
    store.update({ defaultTimeoutMs: 7000 })
    expect(open().state().appearance).toEqual({ theme: 'dark' })
  })

  it('settings:update saves only the theme when network is empty, and announces the new state', async () => {
    const events: unknown[] = []
    const { handlers } = createSettingsCapability({ dataDir: folder.dir, events: { emit: (name: string, payload: unknown) => void events.push([name, payload]) } as never })
    const answer = (await handlers['settings:update']({ network: {}, appearance: { theme: 'light' } })) as ReturnType<NetworkSettingsStore['state']>
    expect(answer.appearance).toEqual({ theme: 'light' })
    expect(events).toEqual([['settings:changed', expect.objectContaining({ appearance: { theme: 'light' } })]])
  })

  it('the contract refuses a theme that is not system, light or dark, with a sentence', () => {
    const parsed = UpdateSettingsInput.safeParse({ network: {}, appearance: { theme: 'sepia' } })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('The theme is "system", "light" or "dark".')
    expect(UpdateSettingsInput.safeParse({ network: {}, appearance: { theme: 'dark', accent: 'red' } }).success).toBe(false)
    expect(UpdateSettingsInput.safeParse({ network: {}, appearance: { theme: 'system' } }).success).toBe(true)
  })

  it('the store refuses a bad theme too (a caller that skipped the contract), keeping the saved one', () => {
    const store = open()
    store.setAppearance({ theme: 'light' })
    expect(() => store.setAppearance({ theme: 'blue' as never })).toThrow(/^Theme: The theme is "system", "light" or "dark"\.$/)
    expect(open().state().appearance).toEqual({ theme: 'light' })
  })
})
