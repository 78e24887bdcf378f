// HAR 1.2 out of history (schema-valid, redacted, cookies dropped, Reactor metadata under _reactorExplorer,
// and readable again) and in from a browser's DevTools export (only Reactor and IMS calls, the customer's
// credentials dropped as for cURL).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entriesToHar, harToRequests, HarImportError, specToHarRequest, validateHar } from '../../../src/main/core/interchange/har'
import { OutboundRedactor } from '../../../src/main/core/security/outbound-redaction'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { requestSpec, serializeRequestSpec } from '../../../src/shared/requests/request-spec'
import { makeEntry } from '../history/support'

const fixtures = join(__dirname, '../../fixtures/har')
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIiwiaWQiOiJoYXItdGVzdCJ9.aGFyLXRlc3Qtc2lnbmF0dXJl'
const creator = { name: 'Reactor Explorer', version: '0.1.0' }

describe('HAR export', () => {
  const registry = new SecretRegistry()
  registry.add(TOKEN)
  const redactor = new OutboundRedactor(registry)

  const ok = makeEntry({ body: '{"data":{"id":"PR48ade10e6acf4385ba96214e9f5d31e1","type":"properties"}}' })
  ok.response!.headers.push(['set-cookie', 'session=abc; Path=/'])
  ok.request.headers.push(['Cookie', 'session=abc'], ['Authorization', 'Bearer ••••1a2b (profile)'])
  const posted = makeEntry({ method: 'POST', status: 404, body: `{"errors":[{"detail":"token ${TOKEN} rejected"}]}` })
  posted.request.spec = serializeRequestSpec(requestSpec({ name: 'x', method: 'POST', url: '/search', body: { type: 'json', text: '{"data":{"query":{}}}' } }))
  posted.request.body = { text: '{"data":{"query":{}}}', bytes: 21, truncated: false }
  posted.request.headers.push(['Content-Type', 'application/vnd.api+json'], ['X-Leak', TOKEN])
  const failed = makeEntry({ response: undefined, error: { code: 'network-refused', message: 'The connection was refused.' }, adobeRequestId: undefined })

  const { har, counts } = entriesToHar([posted, failed, ok], { creator, redactor })

  it('is valid HAR 1.2 (har-schema through ajv)', () => {
    const result = validateHar(har)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
    // The validator does reject what is not HAR.
    expect(validateHar({ log: { version: '1.2', entries: [{}] } }).valid).toBe(false)
  })

  it('orders entries oldest first and carries Reactor metadata under _reactorExplorer', () => {
    expect(har.log.entries.map((e: any) => e._reactorExplorer.id)).toEqual([ok.id, posted.id, failed.id].sort((a, b) => [ok, posted, failed].find((e) => e.id === a)!.startedAt - [ok, posted, failed].find((e) => e.id === b)!.startedAt))
    const first = har.log.entries.find((e: any) => e._reactorExplorer.id === ok.id) as any
    expect(first._reactorExplorer).toMatchObject({ adobeRequestId: ok.adobeRequestId, resource: { type: 'properties', id: 'PR48ade10e6acf4385ba96214e9f5d31e1' }, profile: { name: 'Sandbox', simulated: false } })
    const fail = har.log.entries.find((e: any) => e._reactorExplorer.id === failed.id) as any
    expect(fail.response.status).toBe(0)
    expect(fail._reactorExplorer.error.code).toBe('network-refused')
  })

  it('drops cookies and masks secrets the app knows and credential-looking values', () => {
    const text = JSON.stringify(har)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('session=abc')
    for (const entry of har.log.entries) {
      expect(entry.request.cookies).toEqual([])
      expect(entry.response.cookies).toEqual([])
      expect(entry.request.headers.map((h) => h.name.toLowerCase())).not.toContain('cookie')
      expect(entry.response.headers.map((h) => h.name.toLowerCase())).not.toContain('set-cookie')
    }
    expect(counts.known + counts.patterns).toBeGreaterThan(0)
  })

  it('is read back: the Reactor calls come out as requests again', () => {
    const back = harToRequests(JSON.stringify(har), { redactor })
    expect(back.items.map((item) => [item.method, item.spec.url])).toEqual([ok, posted, failed].map((entry) => [entry.request.method, new URL(entry.request.url).pathname]))
    const post = back.items.find((item) => item.method === 'POST')!
    expect(post.spec.body).toEqual({ type: 'json', text: '{"data":{"query":{}}}' })
    expect(post.response?.status).toBe(404)
  })

  it('builds a HAR request from a document with the documentation placeholders', () => {
    const request = specToHarRequest(requestSpec({ name: 'x', method: 'POST', url: '/properties/PR1/rules', params: [{ name: 'a', value: 'b c', enabled: true }], body: { type: 'json', text: '{}' } }))
    expect(request.url).toBe('https://reactor.adobe.io/properties/PR1/rules?a=b%20c')
    expect(request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {ACCESS_TOKEN}' })
    expect(request.postData).toEqual({ mimeType: 'application/vnd.api+json', text: '{}' })
  })
})

describe('HAR import (a DevTools export from a customer)', () => {
  const text = readFileSync(join(fixtures, 'devtools-tags-ui.har'), 'utf8')
  const result = harToRequests(text, { redactor: new OutboundRedactor(new SecretRegistry()) })

  it('lists only the Reactor and IMS calls', () => {
    expect(result.total).toBe(5)
    expect(result.skipped).toBe(2)
    expect(result.items.map((item) => [item.index, item.kind, item.method])).toEqual([
      [0, 'reactor', 'GET'],
      [2, 'reactor', 'PATCH'],
      [3, 'ims', 'POST']
    ])
  })

  it('turns each into a request with the profile credential: no customer token, key, org, cookie or secret survives', () => {
    const [list, patch, ims] = result.items
    expect(list!.spec).toMatchObject({ method: 'GET', url: '/properties/PR48ade10e6acf4385ba96214e9f5d31e1/rules', auth: { type: 'inherit' } })
    expect(list!.spec.params.map((p) => [p.name, p.value])).toEqual([['page[size]', '100'], ['page[number]', '1']])
    expect(list!.spec.headers.map((h) => h.name)).toEqual(['accept', 'origin'])
    expect(list!.notes.filter((note) => note.startsWith("Uses your profile's credential instead of the one in the HAR entry"))).toHaveLength(1)
    expect(patch!.spec.body).toEqual({ type: 'json', text: '{"data":{"id":"RLcbd6d4faeb2c4c2f8f5a02ba3d28d2a2","type":"rules","attributes":{"enabled":false}}}' })
    expect(patch!.response?.status).toBe(409)
    expect(ims!.spec.body.type).toBe('form-urlencoded')
    expect((ims!.spec.body as any).fields.find((f: any) => f.name === 'client_secret').value).toBe('{{client_secret}}')
    const everything = JSON.stringify(result)
    expect(everything).not.toMatch(/eyJhbGciOi/)
    expect(everything).not.toContain('p8e-')
    expect(everything).not.toContain('1C4D0E5F6A7B8C9D0E1F2A3B@AdobeOrg')
    expect(everything).not.toContain('s_sess')
    expect(everything).not.toContain('tracking=1')
    expect(everything).not.toContain('Activation-DTM')
  })

  it('points at the line and column of a JSON error', () => {
    expect(() => harToRequests(readFileSync(join(fixtures, 'not-json.har'), 'utf8'), { redactor: new OutboundRedactor(new SecretRegistry()) })).toThrow(HarImportError)
    try {
      harToRequests(readFileSync(join(fixtures, 'not-json.har'), 'utf8'), { redactor: new OutboundRedactor(new SecretRegistry()) })
    } catch (error) {
      expect((error as HarImportError).message).toMatch(/^Line 5, column \d+: The HAR file is not valid JSON\.$/)
    }
    expect(() => harToRequests('{"entries": []}', { redactor: new OutboundRedactor(new SecretRegistry()) })).toThrow(/no log\.entries/)
  })
})
