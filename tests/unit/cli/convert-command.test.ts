// `reactor-explorer convert`: cURL, HAR and Postman in; curl, har, postman and opencollection out. The output
// never carries a credential from the input; exit 0 converted, 1 unreadable input (with line and column),
// 2 usage errors.
import { readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runConvertCommand, type ConvertIo } from '../../../src/cli/convert-command'
import { validateHar } from '../../../src/main/core/interchange/har'

const fixtures = join(__dirname, '../../fixtures')
const CREDENTIAL = /eyJ[A-Za-z0-9_-]{8,}\.|p8e-[A-Za-z0-9]{8,}|hunter2|1C4D0E5F6A7B8C9D0E1F2A3B@AdobeOrg|5f2d1e6a0b7c4c1f9e0a3b8d7c6e5f4a/

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  const err: string[] = []
  const io: ConvertIo = { out: (text) => void (out += text), err: (line) => void err.push(line), readStdin: async () => stdin }
  const code = await runConvertCommand(args, io)
  return { code, out, err: err.join('\n') }
}

const customer = join(fixtures, 'curl/customer/31-customer-real-token.sh')
const harFile = join(fixtures, 'har/devtools-tags-ui.har')
const postmanFile = join(fixtures, 'interchange/postman/literal-secrets.postman_collection.json')

describe('convert', () => {
  it('curl → curl: the profile placeholders instead of the customer credential', async () => {
    const { code, out, err } = await run([customer, '--to', 'curl'])
    expect(code).toBe(0)
    expect(out).toContain("-H 'Authorization: Bearer {ACCESS_TOKEN}'")
    expect(out).toContain('https://reactor.adobe.io/properties/PR48ade10e6acf4385ba96214e9f5d31e1/rules')
    expect(err).toContain("note: Uses your profile's credential instead of the one in the command")
    expect(out + err).not.toMatch(CREDENTIAL)
  })

  it('reads stdin with -, and detects the kind', async () => {
    const { code, out } = await run(['-', '--to', 'postman'], readFileSync(customer, 'utf8'))
    expect(code).toBe(0)
    const document = JSON.parse(out)
    expect(document.info.schema).toMatch(/schema\.getpostman\.com\/json\/collection\/v2\.1\.0/)
    expect(document.item).toHaveLength(1)
    expect(out).not.toMatch(CREDENTIAL)
  })

  it('har → curl and har → har: only the Reactor and IMS calls, no customer token, cookie or secret', async () => {
    const curl = await run([harFile, '--to', 'curl'])
    expect(curl.code).toBe(0)
    expect(curl.out.match(/^curl -X /gm)).toHaveLength(3)
    expect(curl.out).toContain('client_secret={{client_secret}}')
    expect(curl.err).toContain('2 of 5 entries are not Reactor or IMS calls')
    const har = await run([harFile, '--to', 'har', '--from', 'har'])
    expect(har.code).toBe(0)
    const document = JSON.parse(har.out)
    expect(validateHar(document).valid).toBe(true)
    expect(document.log.entries.map((e: any) => e.response.status)).toEqual([200, 409, 200])
    for (const text of [curl.out, curl.err, har.out, har.err]) {
      expect(text).not.toMatch(CREDENTIAL)
      expect(text).not.toContain('s_sess')
    }
  })

  it('postman → curl and opencollection: the collection converter, its literal secrets dropped', async () => {
    const curl = await run([postmanFile, '--to', 'curl'])
    expect(curl.code).toBe(0)
    expect(curl.out).toMatch(/^curl -X /m)
    expect(curl.out).not.toMatch(CREDENTIAL)
    const oc = await run([postmanFile, '--to', 'opencollection'])
    expect(oc.code).toBe(0)
    expect(parseYaml(oc.out).opencollection).toBe('1.0.0')
    expect(oc.out + oc.err).not.toMatch(CREDENTIAL)
  })

  it('curl → opencollection and har → postman', async () => {
    const oc = await run([join(fixtures, 'curl/docs/15-libraries-create.sh'), '--to', 'opencollection'])
    expect(oc.code).toBe(0)
    const doc = parseYaml(oc.out)
    expect(doc.items[0].http).toMatchObject({ method: 'POST', url: '/properties/PR97d92a379a5f48758947cdf44f607a0d/libraries', auth: 'inherit' })
    const postman = await run([harFile, '--to', 'postman'])
    expect(postman.code).toBe(0)
    expect(JSON.parse(postman.out).item).toHaveLength(3)
    expect(postman.out).not.toMatch(CREDENTIAL)
  })

  it('exits 1 with the line and column when the input cannot be read, without echoing the token', async () => {
    const malformed = await run([join(fixtures, 'curl/malformed/m01-unterminated-single-quote.sh'), '--to', 'har'])
    expect(malformed.code).toBe(1)
    expect(malformed.err).toMatch(/^convert: Line 3, column 6: a single quote/)
    expect(malformed.out).toBe('')
    expect(malformed.err).not.toMatch(CREDENTIAL)
    const badJson = await run([join(fixtures, 'har/not-json.har'), '--to', 'curl', '--from', 'har'])
    expect(badJson.code).toBe(1)
    expect(badJson.err).toMatch(/Line 5, column \d+/)
    expect((await run(['/no/such/file.sh', '--to', 'curl'])).err).toBe('convert: /no/such/file.sh does not exist.')
    const dir = await mkdtemp(join(tmpdir(), 'rx-convert-'))
    const unknown = join(dir, 'notes.txt')
    await writeFile(unknown, 'just some words')
    const undetected = await run([unknown, '--to', 'curl'])
    expect(undetected.code).toBe(1)
    expect(undetected.err).toMatch(/expected a cURL command, a HAR file or a Postman collection/)
    expect((await run([customer, '--to', 'curl', '--from', 'har'])).code).toBe(1)
  })

  it('exits 2 on usage errors, 0 for --help', async () => {
    for (const args of [[], ['a', 'b', '--to', 'curl'], [customer], [customer, '--to', 'wget'], [customer, '--to', 'curl', '--from', 'bruno'], [customer, '--to', 'curl', '--verbose']]) {
      const { code, err } = await run(args)
      expect(code, args.join(' ')).toBe(2)
      expect(err).toMatch(/^convert: .+\n\nusage: reactor-explorer convert/)
    }
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/^usage: reactor-explorer convert <input> --to curl\|har\|postman\|opencollection \[--from curl\|har\|postman\]/)
  })
})
