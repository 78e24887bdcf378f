import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { environmentFileName, folderDirName, MAX_NAME_CHARS, requestFileName, slugFor, uniqueName } from '../../../src/main/core/collections/file-names'

describe('file names made from request names', () => {
  it('lowercases, turns spaces into dashes and keeps unicode (NFC)', () => {
    expect(slugFor('List Companies')).toBe('list-companies')
    expect(slugFor('  Get   a   property  ')).toBe('get-a-property')
    expect(slugFor('Café — 日本語 ✓')).toBe('café-—-日本語-✓')
    // "é" typed as e + combining accent becomes the one precomposed character.
    expect(slugFor('Cafe\u0301')).toBe('caf\u00e9')
  })

  it('replaces characters illegal on Windows, macOS or Linux and neutralises ../ and separators', () => {
    expect(slugFor('a<b>c:d"e/f\\g|h?i*j')).toBe('a-b-c-d-e-f-g-h-i-j')
    expect(slugFor('../../etc/passwd')).toBe('etc-passwd')
    expect(slugFor('..')).toBe('request')
    expect(slugFor('.hidden')).toBe('hidden')
    expect(slugFor('trailing dot.')).toBe('trailing-dot')
    expect(slugFor('tab\tand\nnewline\u0000nul')).toBe('tab-and-newline-nul')
    expect(slugFor('')).toBe('request')
    expect(slugFor('///')).toBe('request')
  })

  it('suffixes Windows reserved names, whatever their case or extension', () => {
    for (const name of ['CON', 'nul', 'Com1', 'LPT9', 'aux', 'prn', 'com¹']) expect(slugFor(name)).toBe(`${name.toLowerCase()}-item`)
    expect(slugFor('con.backup')).toBe('con.backup-item')
    expect(slugFor('console')).toBe('console')
    // A request may not take the names the layout gives meaning to.
    expect(requestFileName('folder', [])).toBe('folder-request.yml')
    expect(requestFileName('OpenCollection', [])).toBe('opencollection-request.yml')
    expect(folderDirName('environments', [], true)).toBe('environments-folder')
    expect(folderDirName('environments', [], false)).toBe('environments')
  })

  it('truncates very long names with a short hash, so two long names with one head stay apart', () => {
    const head = 'a very long request name '.repeat(10)
    const one = slugFor(`${head} one`)
    const two = slugFor(`${head} two`)
    expect([...one].length).toBeLessThanOrEqual(MAX_NAME_CHARS)
    expect(one).toMatch(/-[0-9a-f]{6}$/)
    expect(one).not.toBe(two)
    // Multi-byte names are capped by bytes too (file systems count bytes).
    expect(Buffer.byteLength(slugFor('日本語'.repeat(100)))).toBeLessThanOrEqual(200)
  })

  it('resolves collisions case-insensitively with -2, -3', () => {
    expect(requestFileName('List', ['list.yml'])).toBe('list-2.yml')
    expect(requestFileName('List', ['LIST.yml', 'list-2.yml'])).toBe('list-3.yml')
    expect(uniqueName('dev', '.yml', ['Dev.yml'])).toBe('dev-2.yml')
    expect(environmentFileName('Production', ['production.yml'])).toBe('production-2.yml')
    expect(folderDirName('Rules', ['rules'], false)).toBe('rules-2')
  })

  it('never yields a name that escapes its folder, is empty, or is reserved (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const file = requestFileName(name, [])
        expect(file.endsWith('.yml')).toBe(true)
        const stem = file.slice(0, -4)
        expect(stem.length).toBeGreaterThan(0)
        // eslint-disable-next-line no-control-regex -- asserting that no control character got through
        expect(stem).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/)
        expect(stem.startsWith('.')).toBe(false)
        expect(stem.endsWith('.')).toBe(false)
        expect(/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem.split('.')[0]!)).toBe(false)
        expect(Buffer.byteLength(file)).toBeLessThanOrEqual(210)
      }),
      { numRuns: 500 }
    )
  })
})
