import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StreamedReportFile } from '../../../src/main/core/runner/reporters/streamed-file'

// Report parts are gathered and written in batches (one write per 64 K characters, not per result): the
// file must still hold every part, in order, between its head and tail, and a report that is dropped
// leaves nothing behind.
describe('StreamedReportFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rx-streamed-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes every appended part in order, across many batches, between head and tail', async () => {
    const file = await StreamedReportFile.create(join(dir, 'out', 'report.json'))
    const parts = Array.from({ length: 3000 }, (_, i) => `[${i}:${'é€'.repeat(i % 97)}]`)
    for (const part of parts) file.append(part)
    await file.finish('HEAD<', '>TAIL')
    const text = await readFile(join(dir, 'out', 'report.json'), 'utf8')
    expect(text.length).toBeGreaterThan(3 * 64 * 1024)
    expect(text).toBe(`HEAD<${parts.join('')}>TAIL`)
    expect(await readdir(join(dir, 'out'))).toEqual(['report.json'])
  })

  it('writes a report with a few small parts (below one batch) whole', async () => {
    const file = await StreamedReportFile.create(join(dir, 'small.json'))
    file.append('a')
    file.append('b')
    await file.finish('[', ']')
    expect(await readFile(join(dir, 'small.json'), 'utf8')).toBe('[ab]')
  })

  it('leaves no file when aborted, whatever was appended', async () => {
    const file = await StreamedReportFile.create(join(dir, 'dropped.json'))
    for (let i = 0; i < 2000; i++) file.append('x'.repeat(100))
    await file.abort()
    expect(await readdir(dir)).toEqual([])
  })
})
