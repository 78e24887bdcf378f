import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// State faults (SECURITY.md §6): a disk that refuses a write — full (ENOSPC), read-only (EROFS), permission
// denied (EACCES) — during a save. The tests run as root, so chmod would not block anything: the error is
// injected into the fs calls the writers actually make. conf (profiles.json, settings.json) writes through
// atomically → stubborn-fs, which binds fs.writeSync when it is first imported, so the wrapper is installed
// on node:fs before anything else loads; write-file-atomic (collection files) calls fs.write at call time;
// the history store imports appendFile from node:fs/promises (mocked below).
const faults = await vi.hoisted(async () => {
  const { createRequire } = await import('node:module')
  const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs')
  const state = { code: undefined as string | undefined, injected: 0 }
  const fail = () => {
    state.injected++
    return Object.assign(new Error(`${state.code}: injected by the test, write`), { code: state.code })
  }
  const realWriteSync = fs.writeSync
  fs.writeSync = ((...args: Parameters<typeof realWriteSync>) => {
    if (state.code) throw fail()
    return realWriteSync(...args)
  }) as typeof realWriteSync
  const realWrite = fs.write
  fs.write = ((...args: unknown[]) => {
    const callback = args.at(-1) as (error: Error | null) => void
    if (state.code) return void process.nextTick(() => callback(fail()))
    return (realWrite as (...a: unknown[]) => void)(...args)
  }) as typeof realWrite
  return state
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    appendFile: async (...args: Parameters<typeof real.appendFile>) => {
      if (faults.code) {
        faults.injected++
        throw Object.assign(new Error(`${faults.code}: injected by the test, appendFile`), { code: faults.code })
      }
      return real.appendFile(...args)
    }
  }
})
const { filledDataFolder, openApp } = await import('./support')

let apps: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  faults.code = undefined
  await Promise.all(apps.map((app) => app.dispose()))
  apps = []
})

const WHY: Record<string, RegExp> = { ENOSPC: /the disk is full/, EROFS: /the disk is read-only/, EACCES: /permission was denied/ }

/** Runs `work` with every write failing with `code`; proves the fault was really hit. */
async function whileFailing<T>(code: string, work: () => Promise<T>): Promise<T> {
  faults.code = code
  const before = faults.injected
  try {
    const result = await work()
    return result
  } finally {
    faults.code = undefined
    expect(faults.injected, 'the injected write error was never hit: the test would prove nothing').toBeGreaterThan(before)
  }
}

describe.each(['ENOSPC', 'EROFS', 'EACCES'])('a save that meets %s', (code) => {
  it('profiles.json: a typed error names the file and the folder, the previous file is byte for byte intact, and the next save works', async () => {
    const filled = await filledDataFolder()
    const path = join(filled.dataDir, 'profiles.json')
    const before = readFileSync(path, 'utf8')
    const app = openApp(filled.dataDir)
    apps.push(app)
    const refused = await whileFailing(code, () => app.attempt('profiles:create', { draft: { name: 'Lost', environment: 'production', clientId: 'c2', orgId: 'O2@AdobeOrg' } }))
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).toBe('storage-write-failed')
    expect(refused.error.message).toContain(`profiles.json in ${filled.dataDir}`)
    expect(refused.error.message).toMatch(WHY[code]!)
    expect(readFileSync(path, 'utf8')).toBe(before)
    // atomically removes its temporary file asynchronously after the failed write.
    await vi.waitFor(() => expect(readdirSync(filled.dataDir).filter((name) => name.includes('.tmp-'))).toEqual([]))
    // Other channels answer, and once the disk takes writes again so does this one.
    expect(((await app.call('settings:get')) as { network: unknown }).network).toBeDefined()
    await app.call('profiles:create', { draft: { name: 'Later', environment: 'production', clientId: 'c3', orgId: 'O3@AdobeOrg' } })
    expect(readFileSync(path, 'utf8')).toContain('Later')
  })

  it('settings.json: a typed error names the file, the previous file is intact', async () => {
    const filled = await filledDataFolder()
    const path = join(filled.dataDir, 'settings.json')
    const before = readFileSync(path, 'utf8')
    const app = openApp(filled.dataDir)
    apps.push(app)
    const refused = await whileFailing(code, () => app.attempt('settings:update', { network: { defaultTimeoutMs: 12_000 } }))
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.message).toContain(`settings.json in ${filled.dataDir}`)
    expect(refused.error.message).toMatch(WHY[code]!)
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(((await app.call('profiles:list')) as { profiles: unknown[] }).profiles.length).toBeGreaterThan(0)
  })

  it('a collection request file: the save fails with a sentence naming the file, the file on disk is the previous one', async () => {
    const filled = await filledDataFolder()
    const before = readFileSync(filled.requestFile, 'utf8')
    const app = openApp(filled.dataDir)
    apps.push(app)
    const opened = (await app.call('collections:open', { root: filled.collectionRoot })) as { id: string; items: Array<{ path: string; etag?: string }> }
    const item = opened.items.find((entry) => entry.path === 'one.yml')!
    const refused = await whileFailing(code, () =>
      app.attempt('collections:saveRequest', { collectionId: opened.id, path: 'one.yml', baseEtag: item.etag, spec: { name: 'One', method: 'GET', url: 'https://reactor.adobe.io/companies/changed' } })
    )
    expect(refused.ok, JSON.stringify(refused)).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).not.toBe('internal')
    expect(refused.error.message).toContain('one.yml')
    expect(refused.error.message).toMatch(WHY[code]!)
    expect(readFileSync(filled.requestFile, 'utf8')).toBe(before)
    expect(readdirSync(filled.collectionRoot).filter((name) => name.includes('.tmp') || name.includes('one.yml.'))).toEqual([])
  })

  it('a history segment: the call is answered, the failure to record it is said, and the segment keeps what it had', async () => {
    const filled = await filledDataFolder()
    const before = readFileSync(filled.historySegment, 'utf8')
    const app = openApp(filled.dataDir)
    apps.push(app)
    const notices: unknown[] = []
    app.events.subscribe((event) => void notices.push(event))
    const sent = await whileFailing(code, async () => {
      const answer = await app.call('requests:send', { requestId: 'during', profileId: 'sandbox', spec: { method: 'GET', url: '/companies' } })
      await app.services.history.flush()
      return answer as { status: number }
    })
    expect(sent.status).toBe(200)
    expect(readFileSync(filled.historySegment, 'utf8')).toBe(before)
    expect(JSON.stringify(notices)).toMatch(/histor/i)
    expect(JSON.stringify(notices)).toMatch(WHY[code]!)
  })
})
