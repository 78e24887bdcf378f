// Which headers carry credentials, how they are shown, and which response headers name the request for
// Adobe support. Kept apart from the executor so the rules are easy to read and test.

/** Headers that carry or identify a credential: never forwarded across origins. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'x-gw-ims-org-id', 'cookie', 'proxy-authorization'])

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.toLowerCase())
}

/** `Bearer ••••1a2b (profile)`: enough to recognise a token, useless to anyone reading over a shoulder. */
export function maskAuthorization(value: string, origin: 'profile' | 'typed'): string {
  const match = /^(\S+)\s+(.+)$/.exec(value.trim())
  const scheme = match ? match[1] : ''
  const secret = match ? match[2] : value.trim()
  const last4 = secret.length > 12 ? secret.slice(-4) : ''
  return `${scheme ? `${scheme} ` : ''}••••${last4} (${origin})`
}

/**
 * The headers as shown to the renderer: managed ones marked `(profile)`, Authorization/Cookie masked.
 * x-api-key (the client id) and x-gw-ims-org-id are identifiers, not secrets, so they are shown.
 * `sent` is flat, `[name, value, name, value, ...]`, the form the headers went to undici in.
 */
export function displayHeaders(sent: readonly string[], managed: ReadonlySet<string>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (let i = 0; i + 1 < sent.length; i += 2) {
    const name = sent[i]!
    const value = sent[i + 1]!
    const lower = name.toLowerCase()
    const origin = managed.has(lower) ? 'profile' : 'typed'
    if (lower === 'authorization' || lower === 'proxy-authorization') out.push([name, maskAuthorization(value, origin)])
    else if (lower === 'cookie') out.push([name, `•••• (${origin})`])
    else out.push([name, managed.has(lower) ? `${value} (profile)` : value])
  }
  return out
}

/** Response headers as undici gives them: lower-cased names, a header received more than once as an array. */
export type ResponseHeaders = Record<string, string | string[] | undefined>

/** The first value of a response header (`name` lower-case), read straight from undici's object. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

const REQUEST_ID_HEADERS = ['x-request-id', 'x-adobe-request-id', 'x-adobe-internal-request-id', 'x-correlation-id', 'x-amzn-requestid']

export function adobeRequestIdFrom(headers: ResponseHeaders): string | undefined {
  for (const wanted of REQUEST_ID_HEADERS) {
    const hit = headerValue(headers, wanted)
    if (hit) return hit
  }
  return undefined
}

/** JSON:API error documents carry the id too (`errors[].meta.request_id`, reactor-api.md §3.9). */
export function requestIdFromErrorBody(text: string): string | undefined {
  if (!text.includes('request_id')) return undefined
  try {
    const doc = JSON.parse(text) as { errors?: Array<{ meta?: { request_id?: unknown } }> }
    const id = doc.errors?.find((error) => typeof error?.meta?.request_id === 'string')?.meta?.request_id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /[/+]json\b/i.test(contentType)
}

/** undici's header object -> ordered pairs (multi-valued headers such as set-cookie expanded). */
export function headerPairs(headers: ResponseHeaders): Array<[string, string]> {
  const out: Array<[string, string]> = []
  // for…in rather than Object.entries: no array of entries per response (undici's object has no prototype keys).
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) out.push([name, item])
    else out.push([name, value])
  }
  return out
}
