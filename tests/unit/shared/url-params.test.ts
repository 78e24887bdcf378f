import { describe, expect, it } from 'vitest'
import { encodeQuery, paramsFromUrlField, splitUrlAndQuery, urlFieldText } from '../../../src/shared/requests/url-params'

let id = 0
const row = (param: { name: string; value: string; enabled: boolean }) => ({ ...param, id: `n${++id}` })

describe('URL field ⇄ params table', () => {
  it('shows params readably in the field; encodes each component exactly once when sent', () => {
    const params = [
      { name: 'filter[name]', value: 'EQ web', enabled: true },
      { name: 'sort', value: '+name,-updated_at', enabled: true },
      { name: 'q', value: 'a&b=c%d#e', enabled: true },
      { name: 'off', value: '1', enabled: false }
    ]
    expect(urlFieldText('/properties/PR1/rules', params)).toBe('/properties/PR1/rules?filter[name]=EQ web&sort=+name,-updated_at&q=a%26b=c%25d%23e')
    expect(encodeQuery(params)).toBe('filter%5Bname%5D=EQ%20web&sort=%2Bname%2C-updated_at&q=a%26b%3Dc%25d%23e')
  })

  it('field text → params → field text is the identity; decoded values never double-encode', () => {
    const text = '/companies?filter[name]=EQ web&q=a%26b=c%25d&page[number]=2'
    const { url, params } = splitUrlAndQuery(text)
    expect(url).toBe('/companies')
    expect(params.map((p) => [p.name, p.value])).toEqual([
      ['filter[name]', 'EQ web'],
      ['q', 'a&b=c%d'],
      ['page[number]', '2']
    ])
    expect(urlFieldText(url, params)).toBe(text)
    // A pasted, fully encoded link reads back decoded once; `+` stays a plus (Reactor's links encode + as %2B).
    expect(splitUrlAndQuery('/x?filter%5Bname%5D=EQ%20web&sort=+name#frag').params.map((p) => p.value)).toEqual(['EQ web', '+name'])
    // Malformed escapes are kept as typed rather than thrown away.
    expect(splitUrlAndQuery('/x?a=%E0%A4%A').params[0]!.value).toBe('%E0%A4%A')
  })

  it('editing the field keeps disabled rows in place and the ids of rows that still match', () => {
    const previous = [row({ name: 'a', value: '1', enabled: true }), row({ name: 'off', value: 'x', enabled: false }), row({ name: 'b', value: '2', enabled: true })]
    const edited = paramsFromUrlField('/p?a=10&b=2&c=3', previous, row)
    expect(edited.url).toBe('/p')
    expect(edited.params.map((p) => [p.name, p.value, p.enabled])).toEqual([
      ['a', '10', true],
      ['off', 'x', false],
      ['b', '2', true],
      ['c', '3', true]
    ])
    expect(edited.params[0]!.id).toBe(previous[0]!.id)
    expect(edited.params[2]!.id).toBe(previous[2]!.id)
    const removed = paramsFromUrlField('/p', previous, row)
    expect(removed.params.map((p) => p.name)).toEqual(['off'])
  })
})
