// The cURL corpus: every command under tests/fixtures/curl/ is read and checked against expected.json.
// Adobe's documentation examples must come back as the request the docs describe, with the profile's auth
// instead of the placeholders; a customer's command must lose every credential it carried; a malformed one
// must give a CurlParseError that points at a line and column — never a crash, never the token.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CurlParseError, curlToSpec } from '../../../src/main/core/interchange/curl'

const root = join(__dirname, '../../fixtures/curl')
const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Record<string, any>
const files = ['docs', 'customer', 'malformed'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`)).sort()
const PROFILE_NOTE = "Uses your profile's credential instead of the one in the command"
// Every credential planted in the corpus: none may survive into a spec, a note or an error.
const PLANTED = /eyJ[A-Za-z0-9_-]{8,}\.|p8e-[A-Za-z0-9]{8,}|hunter2/

describe('cURL corpus', () => {
  it('has at least 40 commands, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    expect(files.filter((file) => !file.startsWith('malformed/')).length).toBeGreaterThanOrEqual(40)
    for (const file of files) expect(expected[file], file).toBeDefined()
  })

  for (const file of files) {
    const want = expected[file]
    it(file, async () => {
      const text = readFileSync(join(root, file), 'utf8')
      if (want.error) {
        const error = await curlToSpec(text).then(
          () => undefined,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(CurlParseError)
        const parseError = error as CurlParseError
        expect(parseError.code).toBe('curl-invalid')
        expect(parseError.line).toBe(want.error.line)
        if (want.error.column !== undefined) expect(parseError.column).toBe(want.error.column)
        expect(parseError.message).toContain(want.error.includes)
        expect(parseError.message).toMatch(/^Line \d+, column \d+: /)
        expect(parseError.message).not.toMatch(PLANTED)
        return
      }
      const result = await curlToSpec(text)
      const { spec } = result
      expect(spec.method).toBe(want.method)
      expect(spec.url).toBe(want.url)
      expect(spec.body.type).toBe(want.body)
      expect(spec.auth).toEqual({ type: 'inherit' })
      if (want.params) expect(spec.params.map((row) => [row.name, row.value])).toEqual(want.params)
      else expect(spec.params).toEqual([])
      if (want.headers) expect(spec.headers.map((row) => `${row.name}: ${row.value}`)).toEqual(want.headers)
      // Adobe's auth headers never survive, whatever they held.
      expect(spec.headers.map((row) => row.name.toLowerCase())).not.toContain('authorization')
      expect(spec.headers.map((row) => row.name.toLowerCase())).not.toContain('x-api-key')
      expect(spec.headers.map((row) => row.name.toLowerCase())).not.toContain('x-gw-ims-org-id')
      const body = spec.body as any
      if (want.bodyIncludes) expect(body.text).toContain(want.bodyIncludes)
      if (want.bodyText !== undefined) expect(body.text).toBe(want.bodyText)
      if (want.path) expect(body.path).toBe(want.path)
      if (want.contentType) expect(body.contentType).toBe(want.contentType)
      if (want.fields) expect(body.fields.map((row: any) => [row.name, row.value])).toEqual(want.fields)
      if (want.files) expect(body.parts.filter((p: any) => p.kind === 'file').map((p: any) => [p.name, p.path])).toEqual(want.files)
      if (want.texts) expect(body.parts.filter((p: any) => p.kind === 'text').map((p: any) => [p.name, p.value])).toEqual(want.texts)
      if (want.options) expect(spec.options).toEqual(want.options)
      for (const note of want.notes ?? []) expect(result.notes.some((line) => line.includes(note)), `note "${note}" in ${JSON.stringify(result.notes)}`).toBe(true)
      const profileNotes = result.notes.filter((line) => line.startsWith(PROFILE_NOTE))
      expect(profileNotes.length).toBe(want.noProfileNote ? 0 : 1)
      for (const option of want.unmapped ?? []) expect(result.unmapped.some((line) => line.startsWith(`${option}:`)), option).toBe(true)
      if (!want.unmapped) expect(result.unmapped).toEqual([])
      const everything = JSON.stringify(result)
      expect(everything).not.toMatch(PLANTED)
      for (const value of want.absent ?? []) expect(everything).not.toContain(value)
    })
  }
})
