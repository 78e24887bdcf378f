// Values that look like a credential even when the app never saw them (a token pasted from elsewhere, a
// Developer Console client secret typed into a header). Used before anything the person typed is written to
// a file: tabs, history and repro bundles; importers (cURL, HAR) use the same list to drop a customer's
// credentials.

const PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // Adobe Developer Console client secrets: `p8e-` + 32 characters (reactor-api.md §1).
  { kind: 'Adobe client secret', pattern: /\bp8e-[A-Za-z0-9_-]{20,}/ },
  // A JWT (IMS access tokens are JWTs): three base64url parts, the first one a JSON header.
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  // `Bearer <anything long>` in a typed header value.
  { kind: 'bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{20,}/i }
]

/** The kind of credential `text` appears to contain, or undefined. */
export function looksLikeSecret(text: string): string | undefined {
  for (const { kind, pattern } of PATTERNS) if (pattern.test(text)) return kind
  return undefined
}

/** Each credential-looking run in `text`, in order (kind, offset, length); overlapping runs count once. */
export function findCredentialPatterns(text: string): Array<{ kind: string; index: number; length: number }> {
  const found: Array<{ kind: string; index: number; length: number }> = []
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))) {
      const index = match.index ?? 0
      if (!found.some((hit) => index < hit.index + hit.length && hit.index < index + match[0].length)) found.push({ kind, index, length: match[0].length })
    }
  }
  return found.sort((a, b) => a.index - b.index)
}

/**
 * `text` with every credential-looking run replaced by `mask` (a bearer token keeps its `Bearer ` scheme so
 * the reader still sees what the header was). `replace` may pick the mask per hit (importers name a variable).
 */
export function maskCredentialPatterns(text: string, mask: string | ((kind: string, found: string) => string) = '••••••'): string {
  const hits = findCredentialPatterns(text)
  if (hits.length === 0) return text
  let out = ''
  let from = 0
  for (const hit of hits) {
    const found = text.slice(hit.index, hit.index + hit.length)
    const scheme = hit.kind === 'bearer token' ? /^Bearer\s+/i.exec(found)![0] : ''
    out += text.slice(from, hit.index) + scheme + (typeof mask === 'string' ? mask : mask(hit.kind, found.slice(scheme.length)))
    from = hit.index + hit.length
  }
  return out + text.slice(from)
}

/**
 * Field, parameter and header names whose value is a credential whatever it looks like: IMS form fields
 * (`client_secret`, `jwt_token`), OAuth answers (`access_token`), Reactor secrets' `credentials.password`, and
 * the generic spellings. `token` alone is not one: Reactor companies and properties have a public `token`.
 */
export const CREDENTIAL_NAME_ALTERNATIVES =
  'client[_-]?secrets?|access[_-]?token|refresh[_-]?token|id[_-]?token|jwt[_-]?token|password|passwd|passphrase|private[_-]?key|api[_-]?secret|secret[_-]?key|code[_-]?verifier|authorization|proxy-authorization|cookie|set-cookie'
const CREDENTIAL_NAME = new RegExp(`^(?:${CREDENTIAL_NAME_ALTERNATIVES})$`, 'i')

export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name.trim())
}
