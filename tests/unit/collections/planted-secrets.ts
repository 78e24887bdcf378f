import { mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'

// Credentials the collection tests type into headers, params, bodies and variables. Every collection folder
// a test writes lives under one temporary root per test file, and each file's afterAll scans every byte
// there for these values in each form a file could carry them.

/** An IMS-style access token (a JWT), as a person would paste it after `Bearer `. */
export const PLANTED_TOKEN = 'eyJhbGciOiJSUzI1NiIsIng1dSI6ImltcyJ9.eyJpZCI6IjE3MDAwMDAwMDAiLCJ0eXBlIjoiYWNjZXNzX3Rva2VuIn0.c2lnbmF0dXJlLXBsYW50ZWQtaW4tYS10ZXN0'
/** An Adobe Developer Console client secret. */
export const PLANTED_CLIENT_SECRET = 'p8e-PLANTEDx0123456789abcdefghijklmnop'
/** A secret the app's registry knows (it looks like nothing in particular). */
export const PLANTED_KNOWN = 'known-registry-secret-7f3a9c'
/** A value typed straight into a secret variable. */
export const PLANTED_VARIABLE_VALUE = 'secret-variable-value-91b2'

export const PLANTED = [PLANTED_TOKEN, PLANTED_CLIENT_SECRET, PLANTED_KNOWN, PLANTED_VARIABLE_VALUE]

/** The forms a value can take in a file: raw, URL-encoded, base64 (also of `user:value`), JSON-escaped. */
export function encodedForms(value: string): string[] {
  const forms = new Set([
    value,
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
    Buffer.from(`user:${value}`).toString('base64'),
    JSON.stringify(value).slice(1, -1),
    JSON.stringify(JSON.stringify(value)).slice(1, -1)
  ])
  // A long value's middle, in case something truncated or wrapped it.
  if (value.length > 24) forms.add(value.slice(4, value.length - 4))
  return [...forms]
}

export async function testRoot(name: string): Promise<string> {
  const base = join(tmpdir(), 'reactor-explorer-collection-tests')
  await mkdir(base, { recursive: true })
  return mkdtemp(join(base, `${name}-`))
}

export async function allFiles(root: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const path = join(root, name)
    const info = await stat(path).catch(() => undefined)
    if (info?.isDirectory()) out.push(...(await allFiles(path)))
    else if (info) out.push(path)
  }
  return out
}

/** Fails naming the file and the form when any planted secret is in any file under `root`. */
export async function expectNoPlantedSecret(root: string, planted: readonly string[] = PLANTED): Promise<number> {
  const files = await allFiles(root)
  for (const file of files) {
    const text = await readFile(file, 'latin1')
    const utf8 = await readFile(file, 'utf8')
    for (const value of planted) {
      for (const form of encodedForms(value)) {
        expect(text.includes(form) || utf8.includes(form), `${file} holds a planted secret (${form.slice(0, 12)}…)`).toBe(false)
      }
    }
  }
  return files.length
}
