import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { filledDataFolder, openApp, type Filled } from './support'

// State faults (SECURITY.md §6): each file the app keeps — profiles.json, settings.json, a collection's request
// file, a history segment — truncated, made invalid, or replaced by a folder. The app, started on that data
// folder, must say which file it is and keep answering every other channel.
type Damage = 'truncated' | 'invalid' | 'folder'
const DAMAGES: Damage[] = ['truncated', 'invalid', 'folder']

function damage(path: string, how: Damage): string {
  const original = readFileSync(path, 'utf8')
  if (how === 'folder') {
    rmSync(path)
    mkdirSync(path)
    writeFileSync(join(path, 'inside.txt'), 'a folder where the file was')
  } else {
    writeFileSync(path, how === 'truncated' ? original.slice(0, Math.floor(original.length / 2)) : '{ this is : [ not valid\n  - json: or: yaml: ]')
  }
  return original
}

let apps: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  await Promise.all(apps.map((app) => app.dispose()))
  apps = []
})
function start(filled: Filled) {
  const app = openApp(filled.dataDir)
  apps.push(app)
  return app
}

/** The channels a person uses next: each must still answer. */
async function stillWorks(app: ReturnType<typeof openApp>, skip: string[] = []) {
  expect(((await app.call('app:info')) as { name: string }).name).toBe('Reactor Explorer')
  if (!skip.includes('profiles')) expect(((await app.call('profiles:list')) as { profiles: unknown[] }).profiles.length).toBeGreaterThan(0)
  if (!skip.includes('settings')) expect(await app.call('settings:get')).toHaveProperty('network')
  if (!skip.includes('history')) expect(await app.call('history:list', {})).toHaveProperty('items')
  const sent = (await app.call('requests:send', { requestId: `after-${Math.random()}`, profileId: 'sandbox', spec: { method: 'GET', url: '/companies' } })) as { status: number }
  expect(sent.status).toBe(200)
}

describe.each(DAMAGES)('a %s file', (how) => {
  it('profiles.json: profiles:list names the file and where the damaged copy went; the Sandbox profile still sends', async () => {
    const filled = await filledDataFolder()
    damage(join(filled.dataDir, 'profiles.json'), how)
    const app = start(filled)
    const state = (await app.call('profiles:list')) as { profiles: Array<{ id: string; name: string }>; notices: Array<{ message: string }> }
    expect(state.notices.map((n) => n.message).join('\n')).toMatch(/profiles/i)
    expect(state.notices.map((n) => n.message).join('\n')).toMatch(/saved profiles could not be read because .*kept as .*profiles\.corrupt-/)
    expect(state.profiles.map((p) => p.id)).toContain('sandbox')
    expect(state.profiles.map((p) => p.name)).not.toContain('Kept')
    await stillWorks(app, ['profiles'])
  })

  it('settings.json: settings:get names the file, runs on defaults, and the rest answers', async () => {
    const filled = await filledDataFolder()
    damage(join(filled.dataDir, 'settings.json'), how)
    const app = start(filled)
    const state = (await app.call('settings:get')) as { network: { defaultTimeoutMs: number }; notices: Array<{ message: string }> }
    expect(state.notices.map((n) => n.message).join('\n')).toMatch(/settings could not be read because .*kept as .*settings\.corrupt-/)
    expect(state.network.defaultTimeoutMs).not.toBe(45_000)
    await stillWorks(app, ['settings'])
  })

  it('a collection request file: the collection opens, names the file it could not read, and is not written over', async () => {
    const filled = await filledDataFolder()
    const original = damage(filled.requestFile, how)
    const damagedBytes = how === 'folder' ? undefined : readFileSync(filled.requestFile, 'utf8')
    const app = start(filled)
    const opened = (await app.call('collections:open', { root: filled.collectionRoot })) as { id: string; items: Array<{ path: string; kind: string; problem?: string; unreadable?: string }> }
    const summaries = (await app.call('collections:list')) as Array<{ id: string; unreadable: number; problem?: string }>
    const summary = summaries.find((s) => s.id === opened.id)!
    const text = JSON.stringify(opened)
    if (how === 'folder') {
      // A folder named one.yml is a folder of the collection: nothing is lost, the file was never read.
      expect(existsSync(join(filled.requestFile, 'inside.txt'))).toBe(true)
    } else {
      expect(summary.unreadable).toBe(1)
      expect(text).toContain(basename(filled.requestFile))
      expect(readFileSync(filled.requestFile, 'utf8')).toBe(damagedBytes)
    }
    expect(original).toContain('One')
    await stillWorks(app)
  })

  it('a history segment: history:list says so, the segment is kept aside, and new calls are recorded', async () => {
    const filled = await filledDataFolder()
    damage(filled.historySegment, how)
    const app = start(filled)
    const page = (await app.call('history:list', {})) as { items: unknown[]; notices: Array<{ message: string }> }
    if (how !== 'truncated') expect(page.notices.map((n) => n.message).join('\n')).toMatch(/segment-000001\.jsonl/)
    await stillWorks(app, ['history'])
    await app.services.history.flush()
    const after = (await app.call('history:list', {})) as { items: unknown[] }
    expect(after.items.length).toBeGreaterThan(page.items.length)
    if (how === 'invalid') expect(readdirSync(join(filled.dataDir, 'history', 'damaged')).length).toBe(1)
  })
})
