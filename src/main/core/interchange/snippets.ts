// Code snippets of a request document from a maintained generator, httpsnippet 3 (Kong; @readme/httpsnippet
// wants Node 22): the document becomes a HAR request (har.ts) with Adobe's documentation placeholders for
// inherited auth, the Reactor host written out, and httpsnippet writes each language. cURL uses our own
// writer (curl.ts), so "Copy as cURL" and the cURL snippet are the same text and read back unchanged.
import { HTTPSnippet } from 'httpsnippet'
import { SNIPPET_LANGUAGE_IDS, type SnippetLanguage } from '../../../shared/ipc/history.contract'
import type { RequestSpec } from '../../../shared/requests/request-spec'
import { resolveSpec, type VariableScopes } from '../../../shared/requests/variables'
import { specToCurl } from './curl'
import { specToHarRequest } from './har'

/** The languages offered, with the httpsnippet target and client each uses. */
type Target = Parameters<HTTPSnippet['convert']>[0]

export const SNIPPET_LANGUAGES: Record<SnippetLanguage, { label: string; target: Target; client: string }> = {
  curl: { label: 'cURL', target: 'shell', client: 'curl' },
  'javascript-fetch': { label: 'JavaScript (fetch)', target: 'javascript', client: 'fetch' },
  node: { label: 'Node.js (http)', target: 'node', client: 'native' },
  'python-requests': { label: 'Python (requests)', target: 'python', client: 'requests' },
  java: { label: 'Java (java.net.http)', target: 'java', client: 'nethttp' },
  csharp: { label: 'C# (HttpClient)', target: 'csharp', client: 'httpclient' },
  go: { label: 'Go (net/http)', target: 'go', client: 'native' },
  powershell: { label: 'PowerShell (Invoke-RestMethod)', target: 'powershell', client: 'restmethod' },
  httpie: { label: 'HTTPie', target: 'shell', client: 'httpie' }
}

export { SNIPPET_LANGUAGE_IDS, type SnippetLanguage }

export interface SnippetOptions {
  /** The profile's Reactor host for paths (default https://reactor.adobe.io). */
  reactorBaseUrl?: string
  /** Scopes to resolve `{{variables}}` with first; unresolved ones stay as written. */
  variables?: VariableScopes
}

/** The request as code in `language`, with the same placeholders as "Copy as cURL". */
export function specToSnippet(input: RequestSpec, language: SnippetLanguage, options: SnippetOptions = {}): string {
  const spec = options.variables ? resolveSpec(input, options.variables).spec : input
  const choice = SNIPPET_LANGUAGES[language]
  if (!choice) throw new Error(`There is no snippet language "${String(language)}".`)
  if (language === 'curl') return specToCurl(spec, options.reactorBaseUrl ? { profile: { reactorBaseUrl: options.reactorBaseUrl } } : {})
  // httpsnippet validates the URL as a URI, which `{{PROPERTY_ID}}` is not: variables travel as plain tokens
  // through the generator and are put back in the code it writes.
  const tokens = new Map<string, string>()
  const protect = (text: string) =>
    text.replace(/\{\{[^}]*\}\}/g, (variable) => {
      const token = `RXVAR${tokens.size}X`
      tokens.set(token, variable)
      return token
    })
  const body = spec.body
  const safe: RequestSpec = {
    ...spec,
    url: protect(spec.url),
    params: spec.params.map((row) => ({ ...row, name: protect(row.name), value: protect(row.value) })),
    body: body.type === 'form-urlencoded' ? { ...body, fields: body.fields.map((row) => ({ ...row, value: protect(row.value) })) } : body
  }
  const har = specToHarRequest(safe, { reactorBaseUrl: options.reactorBaseUrl })
  // httpsnippet adds the query list to the URL itself: hand it the URL without its query.
  const snippet = new HTTPSnippet({ ...har, url: har.url.split('?')[0]! } as unknown as ConstructorParameters<typeof HTTPSnippet>[0])
  const code = snippet.convert(choice.target, choice.client)
  if (typeof code !== 'string') throw new Error(`No ${choice.label} snippet could be written for this request.`)
  return code.replace(/RXVAR\d+X/g, (token) => tokens.get(token) ?? token)
}
