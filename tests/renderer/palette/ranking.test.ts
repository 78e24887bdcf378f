import { describe, expect, it } from 'vitest'
import { rankPaletteItems, recencyFactor, type PaletteItem } from '../../../src/renderer/src/features/palette/rank'
import { readRecentUse, recordUse, RECENT_USE_CAP, RECENT_USE_KEY } from '../../../src/renderer/src/features/palette/recent-use'

function memoryStore(initial?: string) {
  const values = new Map<string, string>(initial === undefined ? [] : [[RECENT_USE_KEY, initial]])
  return { getItem: (name: string) => values.get(name) ?? null, setItem: (name: string, value: string) => void values.set(name, value), values }
}

function item(id: string, group: PaletteItem['group'], title: string, extra: Partial<PaletteItem> = {}): PaletteItem {
  return { id, group, title, movesFocus: false, run: () => {}, ...extra }
}

const ITEMS: PaletteItem[] = [
  item('action:new-tab', 'Actions', 'New tab'),
  item('action:send', 'Actions', 'Send the request'),
  item('operation:listRules', 'Catalog', 'List rules for a property', { detail: 'GET /properties/{PROPERTY_ID}/rules', method: 'GET' }),
  item('operation:getRule', 'Catalog', 'Get a rule', { detail: 'GET /rules/{RULE_ID}', method: 'GET' }),
  item('request:/c:rules/list.yml', 'Saved requests', 'List rules', { detail: 'Starter / Rules', keywords: ['GET', '/properties/{{propertyId}}/rules'] }),
  item('profile:sandbox', 'Profiles', 'Sandbox'),
  item('profile:prod', 'Profiles', 'Production (ACME)')
]

const ids = (groups: ReturnType<typeof rankPaletteItems>) => groups.flatMap((group) => group.items.map((entry) => entry.id))

describe('recent use', () => {
  it('keeps ids most recent first, once each, capped', () => {
    const store = memoryStore()
    recordUse('a', store)
    recordUse('b', store)
    expect(recordUse('a', store)).toEqual(['a', 'b'])
    for (let index = 0; index < RECENT_USE_CAP + 10; index++) recordUse(`id-${index}`, store)
    const kept = readRecentUse(store)
    expect(kept).toHaveLength(RECENT_USE_CAP)
    expect(kept[0]).toBe(`id-${RECENT_USE_CAP + 9}`)
    expect(kept).not.toContain('a')
  })

  it('reads a damaged or foreign value as nothing used yet, and survives a storage that refuses writes', () => {
    expect(readRecentUse(memoryStore('{not json'))).toEqual([])
    expect(readRecentUse(memoryStore('{"a":1}'))).toEqual([])
    expect(readRecentUse(memoryStore('["ok", 3, "", null]'))).toEqual(['ok'])
    expect(readRecentUse(undefined)).toEqual([])
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError') } }
    expect(recordUse('x', refusing)).toEqual(['x'])
  })
})

describe('palette ranking', () => {
  it('with nothing typed: recent picks first in their own group, then the groups in order, no item twice', () => {
    const groups = rankPaletteItems(ITEMS, '', ['profile:prod', 'operation:getRule', 'gone:item'])
    expect(groups.map((group) => group.group)).toEqual(['Recent', 'Saved requests', 'Actions', 'Profiles', 'Catalog'])
    expect(groups[0]!.items.map((entry) => entry.id)).toEqual(['profile:prod', 'operation:getRule'])
    const all = ids(groups)
    expect(new Set(all).size).toBe(all.length)
  })

  it('matches fuzzily on title, detail and keywords, and drops what does not match', () => {
    const found = ids(rankPaletteItems(ITEMS, 'lst rls', []))
    expect(found).toContain('operation:listRules')
    expect(found).toContain('request:/c:rules/list.yml')
    expect(found).not.toContain('profile:sandbox')
    expect(ids(rankPaletteItems(ITEMS, 'zzzz', []))).toEqual([])
    // A path word from the detail line finds the operation.
    expect(ids(rankPaletteItems(ITEMS, 'RULE_ID', []))[0]).toBe('operation:getRule')
  })

  it('lifts a recent pick over an equal match, but not over a clearly better one', () => {
    const twins = [item('profile:a', 'Profiles', 'Stage'), item('profile:b', 'Profiles', 'Stage')]
    expect(ids(rankPaletteItems(twins, 'stage', []))).toEqual(['profile:a', 'profile:b'])
    expect(ids(rankPaletteItems(twins, 'stage', ['profile:b']))).toEqual(['profile:b', 'profile:a'])
    // "Sandbox" matches "sand" far better than "Production (ACME)" matches it at all, recent or not.
    const sand = ids(rankPaletteItems(ITEMS, 'sand', ['profile:prod']))
    expect(sand[0]).toBe('profile:sandbox')
    expect(recencyFactor('profile:prod', ['profile:prod'])).toBe(1.5)
    expect(recencyFactor('never', ['profile:prod'])).toBe(1)
  })

  it('orders groups by their best match', () => {
    const groups = rankPaletteItems(ITEMS, 'new tab', [])
    expect(groups[0]!.group).toBe('Actions')
    expect(groups[0]!.items[0]!.id).toBe('action:new-tab')
  })
})
