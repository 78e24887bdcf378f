// The reader reads files with synchronous calls (see collection-reader.ts): what must never block or break it
// is a path that is not a regular file. A FIFO named like a request file would block a synchronous read for
// ever; it is passed over from its directory entry (as anything that is not a file or a folder), before anything is
// read. The rest of the collection still opens.
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ParseCache, readCollection } from '../../../src/main/core/collections/collection-reader'
import { copyFixture, flatten } from './support'

describe('collection reader: paths that are not regular files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 're-reader-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a FIFO and a link are passed over, a broken file gets its sentence with where; the rest is read', async () => {
    const root = await copyFixture('reactor-explorer', dir)
    const readable = flatten((await readCollection(root)).collection.items).filter((item) => item.kind === 'request').length
    expect(readable).toBeGreaterThan(0)

    execFileSync('mkfifo', [join(root, 'pipe.yml')])
    await writeFile(join(dir, 'outside.yml'), 'info:\n  name: Outside\n  type: http\nhttp:\n  method: GET\n  url: /outside\n')
    await symlink(join(dir, 'outside.yml'), join(root, 'link.yml'))
    await writeFile(join(root, 'broken.yml'), 'info:\n  name: Broken\n  type: http\nhttp:\n  method: GET\n  url: [unclosed\n')

    const { collection, files } = await readCollection(root)
    const items = flatten(collection.items)
    const problems = items.filter((item) => item.kind === 'unreadable')
    expect(problems).toEqual([
      expect.objectContaining({ path: 'broken.yml', message: expect.stringMatching(/^The file is not valid YAML: .+\.$/), line: expect.any(Number), column: expect.any(Number) })
    ])
    // Neither the FIFO (never opened: reading it would wait for a writer) nor the link (it could lead outside
    // the folder) is followed or listed.
    for (const path of ['pipe.yml', 'link.yml']) {
      expect(items.some((item) => item.path === path)).toBe(false)
      expect(files.has(path)).toBe(false)
    }
    // Every request that was readable before still is.
    expect(items.filter((item) => item.kind === 'request')).toHaveLength(readable)
  })

  it('reads the same collection with and without a parse cache, and again from the cache', async () => {
    for (const fixture of ['reactor-explorer', 'bruno-yml', 'hostile']) {
      const root = await copyFixture(fixture, dir)
      const cache = new ParseCache()
      const plain = await readCollection(root)
      const first = await readCollection(root, cache)
      const again = await readCollection(root, cache)
      expect(first.collection).toEqual(plain.collection)
      expect(again.collection).toEqual(plain.collection)
      expect([...again.files]).toEqual([...plain.files])
    }
  })
})
