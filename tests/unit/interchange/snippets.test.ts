// A snippet for every language, each written by httpsnippet from the same HAR request: the Reactor host
// written out, Adobe's documentation placeholders for inherited auth, `{{variables}}` readable, the body in.
import { describe, expect, it } from 'vitest'
import { SNIPPET_LANGUAGE_IDS, SNIPPET_LANGUAGES, specToSnippet } from '../../../src/main/core/interchange/snippets'
import { specToCurl } from '../../../src/main/core/interchange/curl'
import { requestSpec } from '../../../src/shared/requests/request-spec'

const spec = requestSpec({
  name: 'Create a rule',
  method: 'POST',
  url: '/properties/{{PROPERTY_ID}}/rules',
  params: [{ name: 'include', value: 'revisions', enabled: true }],
  headers: [{ name: 'Accept', value: 'application/vnd.api+json;revision=1', enabled: true }],
  body: { type: 'json', text: '{"data":{"type":"rules","attributes":{"name":"Checkout"}}}' }
})

// How each language spells the pieces (quotes and escapes differ; the values do not).
const marker: Record<string, RegExp> = {
  'javascript-fetch': /await fetch\(url, options\)/,
  node: /require\('https'\)/,
  'python-requests': /import requests/,
  java: /HttpRequest\.newBuilder\(\)/,
  csharp: /new HttpClient\(\)/,
  go: /package main/,
  powershell: /Invoke-RestMethod/,
  httpie: /\bhttp POST /,
  curl: /^curl -X POST/
}

describe('code snippets', () => {
  it('offers the languages the issue names', () => {
    expect(SNIPPET_LANGUAGE_IDS).toEqual(['curl', 'javascript-fetch', 'node', 'python-requests', 'java', 'csharp', 'go', 'powershell', 'httpie'])
  })

  for (const language of SNIPPET_LANGUAGE_IDS) {
    it(`${SNIPPET_LANGUAGES[language].label}: placeholders, host, variable, query and body`, () => {
      const code = specToSnippet(spec, language)
      expect(code).toMatch(marker[language]!)
      expect(code).toContain('reactor.adobe.io')
      expect(code).toContain('/properties/{{PROPERTY_ID}}/rules')
      expect(code).toContain('{ACCESS_TOKEN}')
      expect(code).toContain('{API_KEY}')
      expect(code).toContain('{ORG_ID}')
      expect(code).toContain('revisions')
      expect(code).toMatch(/application\/vnd\.api\+json/)
      expect(code).toMatch(/Checkout/)
    })
  }

  it('cURL is the same text as Copy as cURL', () => {
    expect(specToSnippet(spec, 'curl')).toBe(specToCurl(spec))
  })

  it('uses the profile host and resolves variables when asked', () => {
    const code = specToSnippet(spec, 'python-requests', { reactorBaseUrl: 'http://127.0.0.1:4010', variables: { environment: [{ name: 'PROPERTY_ID', value: 'PR123', enabled: true }] } })
    expect(code).toContain('http://127.0.0.1:4010/properties/PR123/rules')
  })

  it('sends no auth headers to another host', () => {
    const other = requestSpec({ name: 'x', method: 'GET', url: 'https://api.example.com/status' })
    for (const language of SNIPPET_LANGUAGE_IDS) expect(specToSnippet(other, language)).not.toContain('{ACCESS_TOKEN}')
  })

  it('writes form, multipart and file bodies', () => {
    const form = requestSpec({ name: 'x', method: 'POST', url: 'https://ims-na1.adobelogin.com/ims/token/v3', body: { type: 'form-urlencoded', fields: [{ name: 'client_secret', value: '{{CLIENT_SECRET}}', enabled: true }] } })
    expect(specToSnippet(form, 'go')).toContain('client_secret={{CLIENT_SECRET}}')
    expect(specToSnippet(form, 'go')).toContain('application/x-www-form-urlencoded')
    const multipart = requestSpec({ name: 'x', method: 'POST', url: '/extension_packages', body: { type: 'multipart', parts: [{ kind: 'file', name: 'package', path: 'pkg.zip', enabled: true }] } })
    expect(specToSnippet(multipart, 'python-requests')).toContain("open('pkg.zip', 'rb')")
  })
})
