// The repro bundle: written from a journey with planted secrets, it is clean for the scanner and for a plain
// search of every encoding; a value only the scanner recognises blocks the export and says where; pseudonyms
// are consistent; and the bundle reads back as requests plus their original responses.
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { entryFromExchange, type HistoryEntry } from '../../../src/main/core/history/history-entry'
import { validateHar } from '../../../src/main/core/interchange/har'
import { BundleBlockedError, readReproBundle, writeReproBundle } from '../../../src/main/core/interchange/repro-bundle'
import { diffResponses } from '../../../src/main/core/interchange/response-diff'
import { scanForSecrets } from '../../../src/main/core/interchange/secret-scan'
import type { SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { OutboundRedactor } from '../../../src/main/core/security/outbound-redaction'
import { encodedForms, SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { requestSpec } from '../../../src/shared/requests/request-spec'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'

const TOKEN = 'eyJhbGciOiJSUzI1NiIsIng1dSI6Imltc19uYTEta2V5LWF0LTEuY2VyIn0.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIiwiaWQiOiJidW5kbGUifQ.YnVuZGxlLXRlc3Qtc2lnbmF0dXJlLXZhbHVl'
const CLIENT_SECRET = 'p8e-BuNdLeSeCrEt0123456789abcdefQR'
const CLIENT_ID = '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b'
const COMPANY = 'CO2bf094214ffd4785bb4bcf88c952a7c1'
const ORG = '1C4D0E5F6A7B8C9D0E1F2A3B@AdobeOrg'
const app = { name: 'Reactor Explorer', version: '0.1.0-test' }
const b64 = (text: string) => Buffer.from(text).toString('base64')

function response(body: string, status = 200, extra: Array<[string, string]> = []): HttpResponse {
  return {
    requestId: 'r',
    url: `https://reactor.adobe.io/companies/${COMPANY}/properties`,
    method: 'GET',
    status,
    statusText: status === 200 ? 'OK' : 'Conflict',
    headers: [['content-type', 'application/vnd.api+json'], ['x-request-id', 'req-abc'], ['date', 'Mon, 30 Nov 2026 10:00:00 GMT'], ...extra],
    contentType: 'application/vnd.api+json',
    body: { kind: 'inline', text: body, bytes: Buffer.byteLength(body) },
    timing: { totalMs: 42, ttfbMs: 40, downloadMs: 2 },
    adobeRequestId: 'req-abc',
    retryAfterSeconds: undefined,
    redirects: [],
    attempts: 1,
    sentHeaders: [['Authorization', 'Bearer ••••alue (profile)'], ['x-api-key', `${CLIENT_ID} (profile)`], ['x-gw-ims-org-id', `${ORG} (profile)`]]
  }
}

/** A short journey: list properties (the answer echoes the token and secret in several encodings), then a failed PATCH. */
function journey(registry: SecretRegistry): HistoryEntry[] {
  const redactor = new OutboundRedactor(registry)
  const list: SentExchange = {
    source: 'app',
    requestId: 'r1',
    profileId: 'p1',
    startedAt: Date.parse('2026-11-30T10:00:00Z'),
    spec: requestSpec({ name: 'List properties', method: 'GET', url: `/companies/${COMPANY}/properties`, headers: [{ name: 'X-Debug', value: `${encodeURIComponent(TOKEN)} ${b64(CLIENT_SECRET)}`, enabled: true }] }),
    response: response(JSON.stringify({ data: [{ id: 'PR29e066628dcf4ba0a16780b2e339821c', type: 'properties', attributes: { name: 'Kessel', org_id: ORG, updated_at: '2026-11-30T09:59:00.000Z' }, relationships: { company: { data: { id: COMPANY } } } }], meta: { echo: [TOKEN, b64(`x:${CLIENT_SECRET}`), JSON.stringify(CLIENT_SECRET)] } }))
  }
  const patch: SentExchange = {
    source: 'app',
    requestId: 'r2',
    profileId: 'p1',
    startedAt: Date.parse('2026-11-30T10:00:05Z'),
    spec: requestSpec({ name: 'Rename', method: 'PATCH', url: '/properties/PR29e066628dcf4ba0a16780b2e339821c', body: { type: 'json', text: `{"data":{"attributes":{"name":"x","note":"${CLIENT_SECRET}"}}}` } }),
    response: response('{"errors":[{"status":"409","code":"multiple-revisions","meta":{"request_id":"req-abc"}}]}', 409)
  }
  return [list, patch].map((exchange, i) => entryFromExchange(exchange, { id: `h${i}`, maxBodyBytes: 256 * 1024, redactor, profile: { id: 'p1', name: 'Acme prod', environment: 'production', environmentLabel: 'Production', reactorBaseUrl: 'https://reactor.adobe.io' } }))
}

function unpack(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]))
}

describe('repro bundle', () => {
  const registry = new SecretRegistry()
  registry.add(TOKEN)
  registry.add(CLIENT_SECRET)
  const redactor = new OutboundRedactor(registry)

  it('is clean: the scanner finds nothing and no planted secret is in any file, in any encoding', async () => {
    const doctorSummary = `Credential works. Client ID ${CLIENT_ID}, org ${ORG}. Token ${TOKEN}`
    const result = await writeReproBundle({ entries: journey(registry), app, environment: { profileName: 'Acme prod', environment: 'production', environmentLabel: 'Production', reactorBaseUrl: 'https://reactor.adobe.io', imsBaseUrl: 'https://ims-na1.adobelogin.com' }, doctorSummary, clientId: CLIENT_ID, redactor, registry })
    expect(result.fileName).toMatch(/^reactor-explorer-repro-\d{8}-\d{6}\.zip$/)
    const files = unpack(result.bytes)
    expect(Object.keys(files).sort()).toEqual(['README.md', 'bundle.json', 'requests.har'])
    expect(await scanForSecrets(files)).toEqual([])
    const all = Object.values(files).join('\n')
    for (const secret of [TOKEN, CLIENT_SECRET]) for (const form of encodedForms(secret)) expect(all.includes(form), `a form of a planted secret reached the bundle`).toBe(false)
    expect(all).not.toContain(CLIENT_ID)
    expect(all).toContain('{API_KEY}')

    const document = JSON.parse(files['bundle.json']!)
    expect(document).toMatchObject({ format: 'reactor-explorer-repro-bundle', version: 1, app, environment: { environmentLabel: 'Production', reactorBaseUrl: 'https://reactor.adobe.io' }, pseudonymized: false })
    expect(document.os.platform).toBe(process.platform)
    expect(document.requests).toHaveLength(2)
    expect(document.requests[0]).toMatchObject({ adobeRequestId: 'req-abc', durationMs: 42, response: { status: 200, timing: { totalMs: 42 } } })
    expect(document.doctor.summary).toContain('Credential works')
    expect(document.redaction.known + document.redaction.patterns).toBeGreaterThan(0)
    expect(validateHar(JSON.parse(files['requests.har']!)).valid).toBe(true)
    expect(files['README.md']).toContain('| 2 | 2026-11-30T10:00:05.000Z | PATCH | https://reactor.adobe.io/properties/PR29e066628dcf4ba0a16780b2e339821c | 409 Conflict | 42 ms | req-abc |')
    expect(files['README.md']).toContain('## Credential Doctor (last run)')
  })

  it('is blocked when the scanner finds a credential no rule of ours removed, saying what and where', async () => {
    const entries = journey(registry)
    // A Slack bot token in a response body: the app does not know it and has no pattern for it; secretlint does.
    const slack = ['xox', 'b-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'].join('')
    entries[1]!.response!.body.text = `{"webhook":"${slack}"}`
    const error = await writeReproBundle({ entries, app, redactor, registry }).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(BundleBlockedError)
    const blocked = error as BundleBlockedError
    expect(blocked.code).toBe('bundle-blocked')
    expect(blocked.findings.map((f) => f.file).sort()).toEqual(['bundle.json', 'requests.har'])
    expect(blocked.message).toMatch(/secretlint-rule-slack in bundle\.json line \d+, column \d+/)
    expect(blocked.message).not.toContain(slack)
  })

  it('replaces company and org ids with consistent pseudonyms when asked', async () => {
    const result = await writeReproBundle({ entries: journey(registry), app, pseudonymize: true, environment: { environmentLabel: 'Production' }, redactor, registry })
    const files = unpack(result.bytes)
    const all = Object.values(files).join('\n')
    expect(all).not.toContain(COMPANY)
    expect(all).not.toContain(ORG)
    const document = JSON.parse(files['bundle.json']!)
    const pseudonym = /\/companies\/(CO[0-9a-f]{32})\//.exec(document.requests[0].request.url)![1]!
    expect(pseudonym).not.toBe(COMPANY)
    expect(document.requests[0].response.body.text).toContain(pseudonym)
    expect(document.requests[0].request.spec.url).toContain(pseudonym)
    expect(result.summary.pseudonyms).toBe(2)
    expect(files['README.md']).toContain('pseudonyms')
  })

  it('reads back as requests and original responses, and diffs against a replay', async () => {
    const { bytes } = await writeReproBundle({ entries: journey(registry), app, redactor, registry })
    const imported = readReproBundle(bytes, redactor)
    expect(imported.requests.map((r) => [r.method, r.spec.url])).toEqual([
      ['GET', `/companies/${COMPANY}/properties`],
      ['PATCH', '/properties/PR29e066628dcf4ba0a16780b2e339821c']
    ])
    expect(imported.requests[1]!.spec.body).toMatchObject({ type: 'json' })
    const original = imported.requests[0]!.original!
    expect(original.status).toBe(200)
    const replayBody = JSON.parse(original.body!)
    replayBody.data[0].id = 'PR00000000000000000000000000000001'
    replayBody.data[0].attributes.updated_at = '2026-12-01T08:00:00.000Z'
    replayBody.data[0].attributes.name = 'Kessel (replayed)'
    const diff = diffResponses(original, { status: 200, statusText: 'OK', headers: [['content-type', 'application/vnd.api+json'], ['x-request-id', 'other'], ['date', 'Tue, 01 Dec 2026 08:00:00 GMT']], body: JSON.stringify(replayBody) })
    expect(diff.status.kind).toBe('same')
    expect(diff.bodyKind).toBe('json')
    const row = (path: string) => diff.body.find((r) => r.path === path)
    expect(row('body.data[0].id')?.kind).toBe('volatile')
    expect(row('body.data[0].attributes.updated_at')?.kind).toBe('volatile')
    expect(row('body.data[0].attributes.name')).toMatchObject({ kind: 'changed', left: '"Kessel"', right: '"Kessel (replayed)"' })
    expect(diff.headers.find((r) => r.path === 'headers.x-request-id')?.kind).toBe('volatile')
    expect(diff.summary.changed).toBe(1)
  })

  it('refuses what is not a bundle, a newer bundle, and an archive that unpacks too large', () => {
    expect(() => readReproBundle(strToU8('hello'), redactor)).toThrow(/neither a zip nor valid JSON/)
    expect(() => readReproBundle(strToU8('{"format":"something-else"}'), redactor)).toThrow(/not a Reactor Explorer repro bundle/)
    expect(() => readReproBundle(strToU8('{"format":"reactor-explorer-repro-bundle","version":99,"requests":[]}'), redactor)).toThrow(/newer Reactor Explorer/)
    expect(() => readReproBundle(zipSync({ 'other.txt': strToU8('x') }), redactor)).toThrow(/no bundle\.json/)
    expect(() => readReproBundle(zipSync({ 'bundle.json': new Uint8Array(101 * 1024 * 1024) }, { level: 1 }), redactor)).toThrow(/more than 100 MB/)
  })
})
