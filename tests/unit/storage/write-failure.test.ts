import { describe, expect, it } from 'vitest'
import { writeFailureReason } from '../../../src/main/core/storage/write-failure'

const fsError = (code: string) => Object.assign(new Error(`${code}: failed, open '/data/tabs.json'`), { code })

describe('the words for a refused write', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EROFS', 'the disk is read-only'],
    ['EACCES', 'permission was denied'],
    ['EPERM', 'permission was denied'],
    ['EISDIR', 'a folder has that name']
  ])('%s → %s', (code, why) => {
    expect(writeFailureReason(fsError(code))).toBe(why)
    expect(writeFailureReason(fsError(code), 'unused')).toBe(why)
  })

  it('names any other code as it is, so a person can search for it', () => {
    expect(writeFailureReason(fsError('ENAMETOOLONG'))).toBe('ENAMETOOLONG')
    expect(writeFailureReason(fsError('EIO'), 'the file could not be written')).toBe('EIO')
  })

  it('without a code says the given words, else the first line of the error', () => {
    expect(writeFailureReason(new Error('boom'), 'the file could not be written')).toBe('the file could not be written')
    expect(writeFailureReason(undefined, 'the file could not be written')).toBe('the file could not be written')
    expect(writeFailureReason(new Error('rename failed\n    at stack line'))).toBe('rename failed')
    expect(writeFailureReason('a thrown string')).toBe('a thrown string')
  })
})
