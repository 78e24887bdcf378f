// cURL out → cURL in gives back the same request document, for every body kind; and what goes out follows
// Adobe's documentation convention (placeholders for inherited auth, the Reactor host written out).
import { describe, expect, it } from 'vitest'
import { curlToSpec, specToCurl } from '../../../src/main/core/interchange/curl'
import { requestSpec, REACTOR_ACCEPT, type RequestSpecInput } from '../../../src/shared/requests/request-spec'

const accept = { name: 'Accept', value: REACTOR_ACCEPT, enabled: true }
const cases: Array<[string, RequestSpecInput]> = [
  ['none (GET with filter params and a variable)', { name: 'GET /properties/{{PROPERTY_ID}}/rules', method: 'GET', url: '/properties/{{PROPERTY_ID}}/rules', params: [{ name: 'filter[name]', value: 'CONTAINS a & b', enabled: true }, { name: 'page[size]', value: '100', enabled: true }], headers: [accept] }],
  ['json to Reactor', { name: 'POST /properties/PR1/libraries', method: 'POST', url: '/properties/PR1/libraries', headers: [accept], body: { type: 'json', text: `{\n  "data": {\n    "attributes": { "name": "It's \\"quoted\\"" },\n    "type": "libraries"\n  }\n}` } }],
  ['json elsewhere', { name: 'PUT /v1/items', method: 'PUT', url: 'https://api.example.com/v1/items', body: { type: 'json', text: '[1,2,3]' } }],
  ['text with its own type', { name: 'POST /notify', method: 'POST', url: 'https://hooks.example.com/notify', body: { type: 'text', text: 'line one\nline two with $HOME and `ticks`', contentType: 'text/csv' } }],
  ['text, default type', { name: 'POST /notify', method: 'POST', url: 'https://hooks.example.com/notify', body: { type: 'text', text: 'plain words' } }],
  ['form-urlencoded', { name: 'POST /ims/token/v3', method: 'POST', url: 'https://ims-na1.adobelogin.com/ims/token/v3', body: { type: 'form-urlencoded', fields: [{ name: 'grant_type', value: 'client_credentials', enabled: true }, { name: 'scope', value: 'openid,AdobeID read', enabled: true }, { name: 'client_secret', value: '{{CLIENT_SECRET}}', enabled: true }] } }],
  ['multipart', { name: 'POST /extension_packages', method: 'POST', url: '/extension_packages', body: { type: 'multipart', parts: [{ kind: 'file', name: 'package', path: '/tmp/my extension.zip', contentType: 'application/zip', enabled: true }, { kind: 'text', name: 'note', value: '@not-a-file', enabled: true }] } }],
  ['binary', { name: 'PATCH /extension_packages/EP1', method: 'PATCH', url: '/extension_packages/EP1', body: { type: 'binary', path: './package.zip', contentType: 'application/zip' } }],
  ['binary, default type', { name: 'PUT /upload', method: 'PUT', url: 'https://uploads.example.com/upload', body: { type: 'binary', path: 'a.bin' } }],
  ['options and headers', { name: 'DELETE /rules/RL1', method: 'DELETE', url: '/rules/RL1', headers: [accept, { name: 'X-Trace', value: "it's {{trace}}", enabled: true }], options: { timeoutMs: 2500, followRedirects: false, maxRedirects: 2, retries: true } }]
]

describe('specToCurl → curlToSpec', () => {
  for (const [label, input] of cases) {
    it(`round-trips: ${label}`, async () => {
      const spec = requestSpec(input)
      const command = specToCurl(spec)
      const back = await curlToSpec(command)
      expect(back.spec).toEqual(spec)
      expect(back.unmapped).toEqual([])
    })
  }

  it('round-trips against a profile host that is not Adobe (the Sandbox)', async () => {
    const spec = requestSpec({ name: 'GET /companies', method: 'GET', url: '/companies', headers: [accept] })
    const command = specToCurl(spec, { profile: { reactorBaseUrl: 'http://127.0.0.1:4010' } })
    expect(command).toContain("http://127.0.0.1:4010/companies")
    expect((await curlToSpec(command, { reactorOrigins: ['http://127.0.0.1:4010'] })).spec).toEqual(spec)
  })

  it("writes Adobe's documentation convention for inherited auth", () => {
    const spec = requestSpec({ name: 'x', method: 'GET', url: '/companies', headers: [accept] })
    expect(specToCurl(spec)).toBe(
      [
        'curl -X GET \\',
        '  https://reactor.adobe.io/companies \\',
        "  -H 'Authorization: Bearer {ACCESS_TOKEN}' \\",
        "  -H 'x-api-key: {API_KEY}' \\",
        "  -H 'x-gw-ims-org-id: {ORG_ID}' \\",
        "  -H 'Accept: application/vnd.api+json;revision=1'"
      ].join('\n')
    )
  })

  it('writes real auth values only when main hands them in, and never to another host', () => {
    const spec = requestSpec({ name: 'x', method: 'GET', url: '/companies' })
    const real = specToCurl(spec, { authHeaders: [['Authorization', 'Bearer real-token-value'], ['x-api-key', 'client-id']] })
    expect(real).toContain('Bearer real-token-value')
    expect(real).not.toContain('{ACCESS_TOKEN}')
    const elsewhere = requestSpec({ name: 'x', method: 'GET', url: 'https://other.example.com/companies' })
    const out = specToCurl(elsewhere, { authHeaders: [['Authorization', 'Bearer real-token-value']] })
    expect(out).not.toContain('real-token-value')
    expect(out).not.toContain('Authorization')
  })

  it('resolves variables when scopes are given, and keeps unresolved ones readable', () => {
    const spec = requestSpec({ name: 'x', method: 'GET', url: '/properties/{{PROPERTY_ID}}/rules/{{RULE_ID}}' })
    const out = specToCurl(spec, { variables: { environment: [{ name: 'PROPERTY_ID', value: 'PR123', enabled: true }] } })
    expect(out).toContain("-g \\\n  'https://reactor.adobe.io/properties/PR123/rules/{{RULE_ID}}'")
  })

  it('typed auth headers go out as typed (and come back without them: customer credentials are never kept)', async () => {
    const spec = requestSpec({ name: 'x', method: 'GET', url: 'https://api.example.com/x', auth: { type: 'headers', headers: [{ name: 'Authorization', value: 'Bearer {{token}}', enabled: true }] } })
    const command = specToCurl(spec)
    expect(command).toContain("-H 'Authorization: Bearer {{token}}'")
    const back = await curlToSpec(command)
    expect(back.spec.auth).toEqual({ type: 'inherit' })
    expect(back.notes[0]).toMatch(/^Uses your profile's credential instead of the one in the command/)
  })
})
