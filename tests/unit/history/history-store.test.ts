import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HistoryStore, type HistoryLimits } from '../../../src/main/core/history/history-store'
import { makeEntry, tempDir } from './support'

function store(dir: string, limits: Partial<HistoryLimits> = {}, segmentMaxBytes?: number) {
  const notices: string[] = []
  const s = new HistoryStore({
    dir,
    limits: () => ({ maxEntries: 10_000, maxTotalBytes: 200 * 1024 * 1024, maxBodyBytes: 256 * 1024, ...limits }),
    onNotice: (notice) => notices.push(notice.message),
    segmentMaxBytes
  })
  return { s, notices }
}

describe('HistoryStore', () => {
  it('lists newest first in pages, and reads an entry back whole', async () => {
    const dir = await tempDir()
    const { s } = store(dir)
    const entries = Array.from({ length: 7 }, () => makeEntry())
    for (const entry of entries) await s.append(entry)
    const first = await s.list({ limit: 3 })
    expect(first.total).toBe(7)
    expect(first.items.map((item) => item.id)).toEqual([entries[6]!.id, entries[5]!.id, entries[4]!.id])
    const last = await s.list({ offset: 6, limit: 3 })
    expect(last.items.map((item) => item.id)).toEqual([entries[0]!.id])
    expect(first.items[0]).toMatchObject({ method: 'GET', status: 200, statusClass: '2xx', adobeRequestId: entries[6]!.adobeRequestId, startedAt: entries[6]!.startedAt })
    expect(await s.get(entries[3]!.id)).toEqual(entries[3])
    expect(await s.get('nope')).toBeUndefined()
  })

  it('does not read the history until it is asked for (recording only appends)', async () => {
    const dir = await tempDir()
    const first = store(dir).s
    for (let i = 0; i < 3; i++) await first.append(makeEntry())
    const { s } = store(dir)
    await s.append(makeEntry())
    expect(s.loaded).toBe(false)
    expect((await s.list()).total).toBe(4)
    expect(s.loaded).toBe(true)
  })

  it('rotates segments and keeps at most maxEntries, dropping the oldest (whole segments, then the oldest lines)', async () => {
    const dir = await tempDir()
    const { s } = store(dir, { maxEntries: 5 }, 2_000)
    const entries = Array.from({ length: 12 }, () => makeEntry())
    for (const entry of entries) await s.append(entry)
    const page = await s.list({ limit: 50 })
    expect(page.total).toBe(5)
    expect(page.items.map((item) => item.id)).toEqual(entries.slice(7).reverse().map((entry) => entry.id))
    const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
    expect(files.length).toBeGreaterThan(1)
    // What is on disk is exactly what the index says: a fresh store reads the same five.
    expect((await store(dir, { maxEntries: 5 }, 2_000).s.list({ limit: 50 })).items.map((item) => item.id)).toEqual(page.items.map((item) => item.id))
    for (const entry of entries.slice(7)) expect(await s.get(entry.id)).toEqual(entry)
  })

  it('keeps the total size under maxTotalBytes', async () => {
    const dir = await tempDir()
    const { s } = store(dir, { maxTotalBytes: 20_000 }, 6_000)
    for (let i = 0; i < 30; i++) await s.append(makeEntry({ body: 'x'.repeat(1500) }))
    const stats = await s.stats()
    expect(stats.bytes).toBeLessThanOrEqual(20_000)
    expect(stats.entries).toBeGreaterThan(5)
    expect(stats.entries).toBeLessThan(30)
    const bytesOnDisk = (await Promise.all((await readdir(dir)).filter((n) => n.endsWith('.jsonl')).map((n) => readFile(join(dir, n))))).reduce((sum, b) => sum + b.length, 0)
    expect(bytesOnDisk).toBe(stats.bytes)
  })

  it('survives a crash mid-write: the torn last line is dropped with a notice, the next append is clean', async () => {
    const dir = await tempDir()
    const { s } = store(dir)
    const entries = [makeEntry(), makeEntry(), makeEntry()]
    for (const entry of entries) await s.append(entry)
    const [segment] = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
    const torn = JSON.stringify(makeEntry()).slice(0, 150)
    await appendFile(join(dir, segment!), torn)

    const reopened = store(dir)
    const later = makeEntry()
    await reopened.s.append(later)
    const page = await reopened.s.list()
    expect(page.items.map((item) => item.id)).toEqual([later.id, ...entries.map((e) => e.id).reverse()])
    expect(reopened.notices.join(' ')).toMatch(/cut short/)
    expect(await reopened.s.get(later.id)).toEqual(later)
  })

  it('keeps an entry whose newline alone was lost', async () => {
    const dir = await tempDir()
    const { s } = store(dir)
    await s.append(makeEntry())
    const [segment] = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
    const whole = makeEntry()
    await appendFile(join(dir, segment!), JSON.stringify(whole))
    const reopened = store(dir)
    await reopened.s.append(makeEntry())
    expect(await reopened.s.get(whole.id)).toEqual(whole)
    expect(reopened.notices).toEqual([])
  })

  it('moves a damaged segment aside with a notice; the other segments stay readable', async () => {
    const dir = await tempDir()
    const { s } = store(dir, {}, 1_500)
    const entries = Array.from({ length: 6 }, () => makeEntry())
    for (const entry of entries) await s.append(entry)
    const segments = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort()
    expect(segments.length).toBeGreaterThanOrEqual(3)
    const damaged = join(dir, segments[0]!)
    const lines = (await readFile(damaged, 'utf8')).split('\n')
    lines[0] = lines[0]!.slice(0, 40) + '#garbage#' + lines[0]!.slice(60)
    await writeFile(damaged, lines.join('\n'))

    const reopened = store(dir, {}, 1_500)
    const page = await reopened.s.list({ limit: 50 })
    expect(page.total).toBeGreaterThan(0)
    expect(page.total).toBeLessThan(6)
    expect(page.items[0]!.id).toBe(entries[5]!.id)
    expect(reopened.notices.join(' ')).toMatch(new RegExp(`${segments[0]}.*damaged|damaged.*${segments[0]}`))
    expect(await readdir(join(dir, 'damaged'))).toHaveLength(1)
    expect((await readdir(dir)).filter((name) => name.endsWith('.jsonl'))).not.toContain(segments[0])
  })

  it('deletes one entry (the others keep their place on disk) and clears all', async () => {
    const dir = await tempDir()
    const { s } = store(dir)
    const entries = Array.from({ length: 5 }, () => makeEntry())
    for (const entry of entries) await s.append(entry)
    expect(await s.delete(entries[1]!.id)).toBe(true)
    expect(await s.delete(entries[1]!.id)).toBe(false)
    expect(await s.get(entries[1]!.id)).toBeUndefined()
    for (const entry of [entries[0]!, entries[2]!, entries[4]!]) expect(await s.get(entry.id)).toEqual(entry)
    expect((await store(dir).s.list()).total).toBe(4)
    expect(await s.clear()).toBe(4)
    expect((await s.list()).total).toBe(0)
    expect((await store(dir).s.list()).total).toBe(0)
    await s.append(makeEntry())
    expect((await s.list()).total).toBe(1)
  })

  it('searches URL, method, status, request id, Reactor ids and body text, with filters', async () => {
    const dir = await tempDir()
    const { s } = store(dir)
    const rule = 'RL' + 'a'.repeat(32)
    const a = makeEntry({ url: 'https://reactor.adobe.io/properties/PR11111111111111111111111111111111/rules', body: `{"data":[{"id":"${rule}","attributes":{"name":"Checkout rule"}}]}` })
    const b = makeEntry({ method: 'POST', status: 404, url: 'https://reactor.adobe.io/libraries/LB22222222222222222222222222222222/builds', body: '{"errors":[{"code":"not-found"}]}' })
    const c = makeEntry({ url: 'https://example.com/other', body: 'x'.repeat(5000) + 'needle-deep-in-the-body', profile: { id: 'p2', name: 'Prod' } })
    const d = makeEntry({ response: undefined, error: { code: 'network-refused', message: 'The connection was refused.' }, adobeRequestId: undefined })
    for (const entry of [a, b, c, d]) await s.append(entry)
    const ids = async (query: string, extra: object = {}) => (await s.search({ query, ...extra })).items.map((item) => item.id)
    expect(await ids('/rules')).toEqual([a.id])
    expect(await ids('post')).toEqual([b.id])
    expect(await ids('404')).toEqual([b.id])
    expect(await ids(b.adobeRequestId!)).toEqual([b.id])
    expect(await ids(rule)).toEqual([a.id])
    expect(await ids('LB22222222222222222222222222222222')).toEqual([b.id])
    expect(await ids('"checkout rule"')).toEqual([a.id])
    expect(await ids('checkout missing')).toEqual([])
    expect(await ids('refused')).toEqual([d.id])
    expect(await ids('needle-deep')).toEqual([])
    expect(await ids('needle-deep', { deep: true })).toEqual([c.id])
    expect(await ids('', { filters: { statusClasses: ['4xx'] } })).toEqual([b.id])
    expect(await ids('', { filters: { statusClasses: ['error'] } })).toEqual([d.id])
    expect(await ids('', { filters: { methods: ['POST'] } })).toEqual([b.id])
    expect(await ids('', { filters: { profileIds: ['p2'] } })).toEqual([c.id])
    expect(await ids('reactor', { filters: { statusClasses: ['2xx'] } })).toEqual([a.id])
  })
})
