// A planted access token and client secret never reach the history files, in any encoding: raw,
// URL-encoded, base64, base64url, JSON-escaped, or inside a JWT. The exchange handed to the recorder is what
// the send pipeline gives observers (already registry-redacted); this test hands it a *worse* one — the
// secrets planted everywhere, as a bug upstream would — and reads the bytes on disk.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entryFromExchange } from '../../../src/main/core/history/history-entry'
import { HistoryStore } from '../../../src/main/core/history/history-store'
import type { SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { OutboundRedactor } from '../../../src/main/core/security/outbound-redaction'
import { encodedForms, SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { requestSpec } from '../../../src/shared/requests/request-spec'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'
import { tempDir } from './support'

const TOKEN = 'eyJhbGciOiJSUzI1NiIsIng1dSI6Imltc19uYTEta2V5LWF0LTEuY2VyIn0.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIiwiY2xpZW50X2lkIjoicGxhbnRlZCJ9.cGxhbnRlZC1zaWduYXR1cmUtZm9yLWhpc3Rvcnk'
const CLIENT_SECRET = 'p8e-PlAnTeDsEcReT0123456789abcdefXY'
// A secret variable with characters that read differently inside JSON text.
const VARIABLE_SECRET = 'va"r\\iable-secret/value'

const b64 = (text: string) => Buffer.from(text).toString('base64')
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const every = (secret: string) => [secret, encodeURIComponent(secret), b64(secret), b64url(secret), JSON.stringify(secret).slice(1, -1), b64(`user:${secret}`), b64url(`{"nested":"${secret}"}`)]

function plantedExchange(): SentExchange {
  const planted = [TOKEN, CLIENT_SECRET, VARIABLE_SECRET].flatMap(every).join(' | ')
  // A JWT the app never saw whose claims carry the client secret.
  const foreignJwt = `eyJhbGciOiJIUzI1NiJ9.${b64url(JSON.stringify({ secret: CLIENT_SECRET }))}.c2lnbmF0dXJlLWZvcmVpZ24`
  const spec = requestSpec({
    name: 'planted',
    method: 'POST',
    url: `/search`,
    params: [{ name: 'access_token', value: TOKEN, enabled: true }, { name: 'q', value: encodeURIComponent(CLIENT_SECRET), enabled: true }],
    headers: [{ name: 'X-Debug', value: planted, enabled: true }, { name: 'Authorization', value: `Basic ${b64(`me:${CLIENT_SECRET}`)}`, enabled: true }],
    body: { type: 'json', text: JSON.stringify({ client_secret: CLIENT_SECRET, note: planted, jwt: foreignJwt, settings: JSON.stringify({ password: 'hunter2-typed-in' }) }) }
  })
  const response: HttpResponse = {
    requestId: 'r1',
    url: `https://reactor.adobe.io/search?access_token=${encodeURIComponent(TOKEN)}`,
    method: 'POST',
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'application/json'], ['set-cookie', `session=${b64(TOKEN)}`], ['x-request-id', 'abc123']],
    contentType: 'application/json',
    body: { kind: 'inline', text: JSON.stringify({ meta: { test_exchange: { access_token: TOKEN } }, echo: planted, foreignJwt }), bytes: 5000 },
    timing: { totalMs: 20, ttfbMs: 15, downloadMs: 5 },
    adobeRequestId: 'abc123',
    retryAfterSeconds: undefined,
    redirects: [{ status: 302, from: `https://reactor.adobe.io/a?token=${TOKEN}`, to: 'https://reactor.adobe.io/b', credentialsDropped: false }],
    attempts: 1,
    sentHeaders: [['Authorization', `Bearer ${TOKEN}`], ['x-api-key', 'client-id'], ['Cookie', `s=${CLIENT_SECRET}`], ['X-Debug', planted]]
  }
  return { source: 'app', requestId: 'r1', profileId: 'p1', spec, startedAt: Date.now(), response }
}

describe('history redaction', () => {
  it('writes no planted token, client secret or secret variable in any encoding', async () => {
    const registry = new SecretRegistry()
    for (const secret of [TOKEN, CLIENT_SECRET, VARIABLE_SECRET]) registry.add(secret)
    const dir = await tempDir()
    const store = new HistoryStore({ dir })
    const redactor = new OutboundRedactor(registry)
    const entry = entryFromExchange(plantedExchange(), { id: 'h1', maxBodyBytes: 256 * 1024, redactor })
    await store.append(entry)
    // An error exchange too: the failure path writes the request alone.
    await store.append(entryFromExchange({ ...plantedExchange(), response: undefined, error: { code: 'network', message: `failed for ${TOKEN}` } }, { id: 'h2', maxBodyBytes: 1024, redactor }))

    const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))
    expect(files.length).toBe(1)
    const bytes = (await Promise.all(files.map((name) => readFile(join(dir, name), 'utf8')))).join('\n')
    for (const secret of [TOKEN, CLIENT_SECRET, VARIABLE_SECRET]) {
      for (const form of [...encodedForms(secret), ...every(secret).map((v) => v.slice(4, -4))]) {
        const at = bytes.indexOf(form)
        expect(at < 0, `a form of a planted secret (${form.slice(0, 12)}…) reached the file: …${bytes.slice(Math.max(0, at - 60), at + 60)}…`).toBe(true)
      }
    }
    // Inside a foreign JWT's claims, and a password typed into a JSON-encoded settings string.
    expect(bytes).not.toContain(b64url(JSON.stringify({ secret: CLIENT_SECRET })).slice(0, 30))
    expect(bytes).not.toContain('hunter2-typed-in')
    expect(bytes.match(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}.{0,20}/)?.[0]).toBeUndefined()
    // What is left is still useful: the request id, the status, the JSON shape.
    const back = await store.get('h1')
    expect(back?.adobeRequestId).toBe('abc123')
    expect(back?.response?.status).toBe(200)
    expect(back?.request.headers.find(([name]) => name === 'Authorization')?.[1]).toBe('Bearer ••••••')
    expect(back?.request.headers.find(([name]) => name === 'Cookie')?.[1]).toBe('••••••')
  })

  it('bounds the bodies at the per-entry cap and says so', () => {
    const redactor = new OutboundRedactor(new SecretRegistry())
    const exchange = plantedExchange()
    const big = 'é'.repeat(3000)
    exchange.response = { ...exchange.response!, body: { kind: 'inline', text: big, bytes: Buffer.byteLength(big) } }
    exchange.spec = { ...exchange.spec, body: { type: 'text', text: 'x'.repeat(5000) } }
    const entry = entryFromExchange(exchange, { id: 'h3', maxBodyBytes: 1001, redactor })
    expect(Buffer.byteLength(entry.response!.body.text)).toBeLessThanOrEqual(1001)
    expect(entry.response!.body.text).toBe('é'.repeat(500))
    expect(entry.response!.body).toMatchObject({ bytes: 6000, truncated: true })
    expect(entry.request.body).toMatchObject({ bytes: 5000, truncated: true })
    expect((entry.request.spec as any).body.text).toHaveLength(1001)
    expect(entry.notes.join(' ')).toMatch(/response body was 6 KB; the first 1 KB are kept/)
    expect(entry.notes.join(' ')).toMatch(/request body was 5 KB/)
  })
})
