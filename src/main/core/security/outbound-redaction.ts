// The last pass over anything written where a person can read it later: history files, HAR exports, repro
// bundles. The SecretRegistry masks every secret the app knows in every encoding (raw, URL-encoded, base64 and
// base64url at each alignment, JSON-escaped); this adds what the app cannot know: credential-looking values
// (a customer's token pasted into a header, a `p8e-` secret typed into a body), every JWT-looking string whole
// (so a secret hidden inside a token's claims goes with it), values of credential-named fields
// (`client_secret=…`, `"password": "…"`, also inside JSON-encoded strings such as Reactor `settings`), and
// the Authorization/Cookie headers.
import { CREDENTIAL_NAME_ALTERNATIVES, isCredentialName, maskCredentialPatterns } from './secret-patterns'
import type { SecretRegistry } from './secret-registry'

export const MASK = '••••••'

/** What one redaction pass removed, by reason (the bundle's summary reports it). */
export interface RedactionCounts {
  /** Secrets the app knows (tokens, client secrets, secret variables) in any encoding. */
  known: number
  /** Credential-looking values: JWTs, `p8e-` client secrets, bearer tokens. */
  patterns: number
  /** Values of credential-named fields, parameters and headers. */
  fields: number
}

export function emptyCounts(): RedactionCounts {
  return { known: 0, patterns: 0, fields: 0 }
}

// Any JWT-looking string, looser than the scanner's rule on purpose: a short or unsigned token goes too.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g
const NAMES = CREDENTIAL_NAME_ALTERNATIVES
// "client_secret": "…"   and, inside a JSON-encoded string, \"client_secret\":\"…\"
const JSON_FIELD = new RegExp(`("(?:${NAMES})"\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'gi')
const ESCAPED_JSON_FIELD = new RegExp(`(\\\\"(?:${NAMES})\\\\"\\s*:\\s*)\\\\"((?:[^"\\\\]|\\\\[^"])*)\\\\"`, 'gi')
// client_secret=…  in a query string or form body (up to the next & or whitespace or quote)
const FORM_FIELD = new RegExp(`((?:^|[?&;\\s])(?:${NAMES})=)([^&\\s"';]*)`, 'gi')

/** A value that is only a placeholder (`{{token}}`, `Bearer {ACCESS_TOKEN}`) or already masked: nothing to remove. */
export function isPlaceholderOrMasked(value: string): boolean {
  const trimmed = value.trim()
  if (trimmed === '' || trimmed.includes('••')) return true
  return /^(?:(?:Bearer|Basic)\s+)?(?:\{\{\s*[A-Za-z0-9_.$-]+\s*\}\}|\{[A-Z][A-Z0-9_]*\}|%7B%7B[A-Za-z0-9_.$-]+%7D%7D)$/i.test(trimmed)
}

export class OutboundRedactor {
  constructor(private readonly registry: SecretRegistry) {}

  /** One string with every known secret and credential-looking value masked. */
  text(text: string, counts: RedactionCounts = emptyCounts()): string {
    // JWTs first, whole: masking a known secret inside one first would break the token's shape and leave
    // the rest of its claims behind.
    let out = text.replace(JWT, () => {
      counts.patterns++
      return MASK
    })
    const known = this.registry.redact(out)
    if (known !== out) counts.known++
    out = known
    const patterned = maskCredentialPatterns(out, MASK)
    if (patterned !== out) counts.patterns++
    out = patterned
    const field = (whole: string, head: string, value: string, quote = '') => {
      if (isPlaceholderOrMasked(value)) return whole
      counts.fields++
      return `${head}${quote}${MASK}${quote}`
    }
    out = out.replace(JSON_FIELD, (whole, head: string, value: string) => field(whole, head, value, '"'))
    out = out.replace(ESCAPED_JSON_FIELD, (whole, head: string, value: string) => field(whole, head, value, '\\"'))
    out = out.replace(FORM_FIELD, (whole, head: string, value: string) => field(whole, head, value))
    return out
  }

  /**
   * A copy of a JSON-like value with `text()` applied to every string (keys included), and the value of every
   * credential-named key (`client_secret`, `password`, `access_token`, …) or `{ name, value }` row (a typed
   * `Authorization` header) masked unless it is a placeholder.
   */
  deep<T>(value: T, counts: RedactionCounts = emptyCounts()): T {
    const walk = (item: unknown, depth: number): unknown => {
      if (typeof item === 'string') return this.text(item, counts)
      // Deeper than any document we write: flattened to text so nothing passes unchecked.
      if (depth > 64) return this.text(JSON.stringify(item) ?? '', counts)
      if (Array.isArray(item)) return item.map((child) => walk(child, depth + 1))
      if (item && typeof item === 'object') {
        const out: Record<string, unknown> = {}
        // A `{ name, value }` row (a header, parameter or form field of a request document) named like a credential.
        const row = item as { name?: unknown; value?: unknown }
        const credentialRow = typeof row.name === 'string' && typeof row.value === 'string' && isCredentialName(row.name) && !isPlaceholderOrMasked(row.value)
        for (const [key, child] of Object.entries(item)) {
          if (credentialRow && key === 'value') {
            counts.fields++
            out[key] = MASK
            continue
          }
          if (typeof child === 'string' && isCredentialName(key) && !isPlaceholderOrMasked(child)) {
            counts.fields++
            out[this.text(key, counts)] = MASK
          } else {
            out[this.text(key, counts)] = walk(child, depth + 1)
          }
        }
        return out
      }
      return item
    }
    return walk(value, 0) as T
  }

  /** Header rows with credential headers masked (a scheme such as `Bearer` is kept) and every value checked. */
  headers(rows: ReadonlyArray<readonly [string, string]>, counts: RedactionCounts = emptyCounts()): Array<[string, string]> {
    return rows.map(([name, value]) => {
      if (isCredentialName(name) && !isPlaceholderOrMasked(value)) {
        counts.fields++
        const scheme = /^(Bearer|Basic|Digest)\s+/i.exec(value.trim())?.[1]
        return [name, scheme ? `${scheme} ${MASK}` : MASK]
      }
      return [name, this.text(value, counts)]
    })
  }
}
