// Values that look like a credential even when the app never saw them (a token pasted from elsewhere, a
// Developer Console client secret typed into a header). Used before anything the person typed is written to
// a file: tabs now; collections and history build on the same list.

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
