import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { StoreNotice } from '../../../src/main/core/storage/versioned-json-file'

// State faults: a damaged file that cannot be moved aside (read-only folder, a file locked by an antivirus
// or a sync client) must never stop the app; a failed write names the file and the folder.
const fsFaults = vi.hoisted(() => ({ rename: false, copy: false }))
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  const locked = (name: string) => Object.assign(new Error(`EPERM: operation not permitted, ${name}`), { code: 'EPERM' })
  return {
    ...real,
    renameSync: (...args: Parameters<typeof real.renameSync>) => {
      if (fsFaults.rename) throw locked('rename')
      return real.renameSync(...args)
    },
    copyFileSync: (...args: Parameters<typeof real.copyFileSync>) => {
      if (fsFaults.copy) throw locked('copyfile')
      return real.copyFileSync(...args)
    }
  }
})
const { VersionedJsonFile } = await import('../../../src/main/core/storage/versioned-json-file')

const Schema = z.object({ schemaVersion: z.literal(1), items: z.array(z.string()) })
type File = z.infer<typeof Schema>
const DAMAGED = '{"schemaVersion":1,"items":["half'

let dir: string
let notices: StoreNotice[]
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rx-vjf-'))
  notices = []
  fsFaults.rename = false
  fsFaults.copy = false
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function open() {
  return new VersionedJsonFile<File>({
    dataDir: dir,
    name: 'things',
    schema: Schema,
    schemaVersion: 1,
    fallback: () => ({ schemaVersion: 1, items: [] }),
    messages: { unreadable: (reason, aside) => `Your things could not be read because ${reason}. The file was kept as ${aside}.` },
    onNotice: (notice) => notices.push(notice)
  })
}

describe('VersionedJsonFile never fails start-up on a damaged file', () => {
  it('moves a damaged file aside and starts from defaults', () => {
    writeFileSync(join(dir, 'things.json'), DAMAGED)
    const file = open()
    expect(file.read()).toEqual({ schemaVersion: 1, items: [] })
    expect(readdirSync(dir).some((name) => name.startsWith('things.corrupt-'))).toBe(true)
    expect(notices[0]!.message).toMatch(/kept as .*things\.corrupt-/)
  })

  it('copies it aside when it cannot be moved (locked file), keeping the original bytes', () => {
    writeFileSync(join(dir, 'things.json'), DAMAGED)
    fsFaults.rename = true
    const file = open()
    expect(file.read().items).toEqual([])
    const aside = readdirSync(dir).find((name) => name.startsWith('things.corrupt-'))!
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(DAMAGED)
    expect(file.inMemoryOnly).toBe(false)
  })

  it('runs on defaults in memory, says so, and never writes over the damaged file when it can be neither moved nor copied', () => {
    writeFileSync(join(dir, 'things.json'), DAMAGED)
    fsFaults.rename = true
    fsFaults.copy = true
    const file = open()
    expect(file.inMemoryOnly).toBe(true)
    expect(file.read()).toEqual({ schemaVersion: 1, items: [] })
    file.write({ schemaVersion: 1, items: ['kept for this session'] })
    expect(file.read().items).toEqual(['kept for this session'])
    expect(readFileSync(join(dir, 'things.json'), 'utf8')).toBe(DAMAGED)
    expect(notices.some((n) => n.level === 'error' && /could not be moved or copied aside \(EPERM\).*running with defaults.*will not write over it/.test(n.message))).toBe(true)
  })

  it('a failed write names the file and the folder, and the previous file is unchanged', () => {
    const file = open()
    file.write({ schemaVersion: 1, items: ['first'] })
    const before = readFileSync(join(dir, 'things.json'), 'utf8')
    // Replace the file by a folder of the same name: the next write cannot land (root ignores permissions).
    const blocked = join(dir, 'things.json')
    rmSync(blocked)
    mkdirSync(blocked)
    expect(() => file.write({ schemaVersion: 1, items: ['second'] })).toThrow(expect.objectContaining({ code: 'storage-write-failed', message: expect.stringContaining(`things.json in ${dir}`) }))
    rmSync(blocked, { recursive: true })
    writeFileSync(blocked, before)
    expect(existsSync(blocked)).toBe(true)
    expect(JSON.parse(readFileSync(blocked, 'utf8')).items).toEqual(['first'])
  })
})
