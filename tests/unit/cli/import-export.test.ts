import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExportCommand } from '../../../src/cli/export-command'
import { runImportCommand } from '../../../src/cli/import-command'
import { looksLikeSecret } from '../../../src/main/core/security/secret-patterns'

const ROOT = join(__dirname, '../../..')
const POSTMAN = join(ROOT, 'tests/fixtures/interchange/postman')

function io() {
  const out: string[] = []
  const err: string[] = []
  return { out: (text: string) => void out.push(text), err: (line: string) => void err.push(line), stdout: () => out.join(''), stderr: () => err.join('\n') }
}

async function allFiles(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name))
      else out.push(join(dir, entry.name))
    }
  }
  await walk(root)
  return out
}

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rx-cli-interchange-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('reactor-explorer import', () => {
  it("--json prints one object with requests, folders, unmapped and notes; Adobe's collection maps with nothing unmapped", async () => {
    const into = join(work, 'adobe')
    const cli = io()
    expect(await runImportCommand([join(POSTMAN, 'adobe-reactor-api.postman_collection.json'), '--into', into, '--json'], cli)).toBe(0)
    const result = JSON.parse(cli.stdout())
    expect(result).toMatchObject({ requests: 9, folders: 4, environments: 0, unmapped: [], into, source: { kind: 'postman-collection' } })
    expect(result.notes).toEqual(expect.arrayContaining([expect.stringMatching(/became profile auth/), expect.stringMatching(/Dropped Adobe's pre-request script/)]))
    expect(result.files).toContain('opencollection.yml')
    expect(result.files).toContain('companies/list-companies.yml')
    expect(parse(await readFile(join(into, 'companies/list-companies.yml'), 'utf8'))).toMatchObject({ info: { name: 'List companies', type: 'http', seq: 1 }, http: { method: 'GET', url: '/companies', auth: 'inherit' } })
    expect(cli.stderr()).toBe('')
  })

  it('never writes a credential from the input: not in the folder, not in the output', async () => {
    const into = join(work, 'secrets')
    const cli = io()
    expect(await runImportCommand([join(POSTMAN, 'literal-secrets.postman_collection.json'), '--into', into, '--json'], cli)).toBe(0)
    expect(cli.stdout()).not.toMatch(/eyJhbGci|p8e-/)
    for (const file of await allFiles(into)) {
      const text = await readFile(file, 'utf8')
      expect(looksLikeSecret(text), relative(into, file)).toBeUndefined()
      expect(text).not.toMatch(/p8e-|eyJhbGci/)
    }
    expect(JSON.parse(cli.stdout()).unmapped.some((entry: { reason: string }) => /replaced by \{\{ACCESS_TOKEN\}\}/.test(entry.reason))).toBe(true)
  })

  it('prints a readable report without --json: what was imported, what was not and why, and the notes', async () => {
    const cli = io()
    expect(await runImportCommand([join(POSTMAN, 'adobe-ims.postman_collection.json'), '--into', join(work, 'ims')], cli)).toBe(0)
    expect(cli.stdout()).toMatch(/^Imported 1 request in 1 folder from Postman collection \(v2\.1\) into /)
    expect(cli.stdout()).toMatch(/Not imported, or only in part \(2\):\n {2}- Local Signing \(Non-production use-only\) \/ IMS: JWT Generate \+ Auth via User Token: not imported: a JWT token exchange/)
  })

  it('exit 1 when the input cannot be imported, with line and column; nothing is left behind', async () => {
    const into = join(work, 'invalid')
    const cli = io()
    expect(await runImportCommand([join(POSTMAN, 'invalid.postman_collection.json'), '--into', into, '--json'], cli)).toBe(1)
    expect(JSON.parse(cli.stdout())).toEqual({
      error: { code: 'import-unreadable', message: 'invalid.postman_collection.json is not valid JSON: Expected double-quoted property name (line 3, column 28).', file: 'invalid.postman_collection.json', line: 3, column: 28 }
    })
    await expect(stat(into)).rejects.toMatchObject({ code: 'ENOENT' })
    const unknown = io()
    const spec = join(work, 'openapi.json')
    await writeFile(spec, '{"openapi": "3.0.0", "paths": {}}')
    expect(await runImportCommand([spec, '--into', join(work, 'unknown')], unknown)).toBe(1)
    expect(unknown.stderr()).toMatch(/^import: openapi\.json is not a format this app imports/)
    const v1 = io()
    expect(await runImportCommand([join(POSTMAN, 'v1.postman_collection.json'), '--into', join(work, 'v1')], v1)).toBe(1)
    expect(v1.stderr()).toMatch(/Postman Collection v1/)
    expect((await readdir(work)).filter((name) => name.startsWith('.'))).toEqual([])
  })

  it('exit 1 for a folder that exists and is not empty, which stays as it was', async () => {
    const into = join(work, 'occupied')
    await mkdir(into)
    await writeFile(join(into, 'notes.txt'), 'mine')
    const cli = io()
    expect(await runImportCommand([join(POSTMAN, 'team-api.postman_collection.json'), '--into', into], cli)).toBe(1)
    expect(cli.stderr()).toMatch(/already exists and is not empty/)
    expect(await readdir(into)).toEqual(['notes.txt'])
  })

  it('exit 2 on usage errors', async () => {
    for (const args of [[], ['a.json'], ['a.json', '--into'], ['a.json', 'b.json', '--into', 'x'], ['a.json', '--into', 'x', '--bogus'], ['reactor:starter/x', '--into', join(work, 'u')]]) {
      const cli = io()
      expect(await runImportCommand(args, cli), args.join(' ')).toBe(2)
      expect(cli.stderr()).toMatch(/^import: .*\n\nusage: reactor-explorer import/)
    }
    const help = io()
    expect(await runImportCommand(['--help'], help)).toBe(0)
    expect(help.stdout()).toMatch(/^usage: reactor-explorer import <file-or-folder> --into <folder> \[--json\]/)
  })
})

describe('reactor-explorer export', () => {
  it('--to postman prints a v2.1 collection on stdout; --to opencollection --out writes one YAML file', async () => {
    const folder = join(work, 'starter')
    const imported = io()
    expect(await runImportCommand(['reactor:starter', '--into', folder, '--json'], imported)).toBe(0)
    expect(JSON.parse(imported.stdout())).toMatchObject({ requests: 19, folders: 3, environments: 1 })

    const postman = io()
    expect(await runExportCommand([folder, '--to', 'postman'], postman)).toBe(0)
    const doc = JSON.parse(postman.stdout())
    expect(doc.info).toMatchObject({ name: 'Reactor starter', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' })
    expect(doc.item.map((folderItem: { name: string }) => folderItem.name)).toEqual(['Check your credential', 'Explore a property', 'Publish a library'])
    expect(postman.stderr()).toMatch(/note: Reactor requests use \{\{REACTOR_HOST\}\}/)
    expect(postman.stderr()).toMatch(/note: The collection's environments \(Sandbox\) are not part of a Postman collection/)

    const out = join(work, 'starter.opencollection.yml')
    const bundle = io()
    expect(await runExportCommand([folder, '--to', 'opencollection', '--out', out], bundle)).toBe(0)
    expect(bundle.stdout()).toBe('')
    expect(parse(await readFile(out, 'utf8'))).toMatchObject({ opencollection: '1.0.0', info: { name: 'Reactor starter' }, bundled: true })
  })

  it('exit 2 on usage errors, 1 when the folder is not a collection', async () => {
    for (const args of [[], [work], [work, '--to', 'har'], [work, 'other', '--to', 'postman'], [work, '--to', 'postman', '--out', ' ']]) {
      const cli = io()
      expect(await runExportCommand(args, cli), args.join(' ')).toBe(2)
      expect(cli.stderr()).toMatch(/^export: /)
    }
    const missing = io()
    expect(await runExportCommand([join(work, 'nothing-here'), '--to', 'postman'], missing)).toBe(1)
    expect(missing.stderr()).toMatch(/^export: There is no folder at /)
  })
})

describe('the real command line', () => {
  it('npx reactor-explorer import … --json prints exactly one JSON object and exits 0', async () => {
    const into = join(work, 'binary')
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/reactor-explorer.mjs'), 'import', join(POSTMAN, 'reactor-provision.postman_collection.json'), '--into', into, '--json'], { cwd: ROOT })
    expect(stderr).toBe('')
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({ requests: 6, folders: 0 })
    expect(result.unmapped).toHaveLength(2)
    const failed = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/reactor-explorer.mjs'), 'import', '--into', into], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error)
    expect((failed as { code: number }).code).toBe(2)
  }, 30_000)
})
