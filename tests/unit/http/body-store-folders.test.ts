import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'

// The app, browser mode and a CLI command share the data folder: a CLI run must never delete the bodies the
// running app keeps, and bodies of a run that crashed must not pile up.
let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rx-bodies-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function keep(store: BodyStore, text: string) {
  const body = await store.open()
  await body.write(Buffer.from(text))
  body.stream.end()
  await new Promise<void>((resolve) => body.stream.once('close', () => resolve()))
  await store.commit(body.bodyId, { path: body.path, bytes: text.length, contentType: 'text/plain', url: 'http://x/' })
  return body
}

describe('BodyStore folders', () => {
  it('a second store (a CLI run) leaves the first one’s bodies alone; each removes only its own on dispose', async () => {
    const app = new BodyStore(root)
    const kept = await keep(app, 'the app keeps this')
    const cli = new BodyStore(root)
    const cliBody = await keep(cli, 'the cli body')
    expect(existsSync(kept.path)).toBe(true)
    await cli.dispose()
    expect(existsSync(cliBody.path)).toBe(false)
    expect(existsSync(kept.path)).toBe(true)
    await app.dispose()
    expect(await readdir(root)).toEqual([])
  })

  it('removes folders of processes that are gone and loose files from older versions', async () => {
    const child = spawn(process.execPath, ['-e', '0'])
    const deadPid = child.pid!
    await new Promise((resolve) => child.once('exit', resolve))
    await mkdir(join(root, `${deadPid}-deadbeef`))
    await writeFile(join(root, `${deadPid}-deadbeef`, 'body-old.bin'), 'left by a crash')
    await writeFile(join(root, 'body-legacy.bin'), 'left by an older version')
    const alive = join(root, `${process.ppid}-cafebabe`)
    await mkdir(alive)
    const store = new BodyStore(root)
    await keep(store, 'new')
    const names = await readdir(root)
    expect(names).not.toContain(`${deadPid}-deadbeef`)
    expect(names).not.toContain('body-legacy.bin')
    expect(names).toContain(`${process.ppid}-cafebabe`)
    await store.dispose()
  })
})
