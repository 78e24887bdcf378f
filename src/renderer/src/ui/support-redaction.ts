// "Copy for support" text is pasted into tickets and chats, so it is masked before it leaves the page. The
// renderer never holds a token or client secret (DESIGN.md), but an error's message or detail can echo what a
// server or a pasted cURL said, so anything shaped like a credential is masked anyway:
//   - `Bearer <anything>` and `Authorization: <anything>`
//   - JWTs (three base64url parts, the first starting `eyJ`, as IMS access tokens do)
//   - Adobe client secrets (`p8e-` followed by their random part)
//   - the value of any `name=value` / `name: value` / `"name": "value"` whose name says secret, token, password or key
//   - any other run of 32+ base64/hex characters mixing letters and digits (a random-looking value)
// UUIDs stay, and so does the request id line (request ids are what support needs and say nothing secret).
const MASK = '[redacted]'

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
const AUTHORIZATION_HEADER = /\b(authorization|x-api-key|proxy-authorization)(\s*[:=]\s*)("?)[^\s",;]+/gi
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g
const ADOBE_SECRET = /\bp8e-[A-Za-z0-9_-]{8,}/g
const NAMED_SECRET = /(["']?[A-Za-z_-]*(?:secret|token|password|passwd|api[_-]?key|credential)[A-Za-z_-]*["']?\s*[:=]\s*)(["']?)([^\s"',;&}]+)/gi
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const LONG_RANDOM = /[A-Za-z0-9+/_=-]{32,}/g

function looksRandom(value: string): boolean {
  return !UUID.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value)
}

/**
 * The text with every credential-shaped value replaced by `[redacted]`. `keepRandomLooking` spares the last
 * rule, for a value known to be an identifier (Adobe request ids are 32 hex characters).
 */
export function redactForSupport(text: string, options: { keepRandomLooking?: boolean } = {}): string {
  const masked = text
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${MASK}`)
    .replace(AUTHORIZATION_HEADER, (_match, name: string, separator: string, quote: string) => `${name}${separator}${quote}${MASK}`)
    .replace(JWT, MASK)
    .replace(ADOBE_SECRET, MASK)
    .replace(NAMED_SECRET, (match, prefix: string, quote: string, value: string) => (value === MASK ? match : `${prefix}${quote}${MASK}`))
  return options.keepRandomLooking ? masked : masked.replace(LONG_RANDOM, (value) => (looksRandom(value) ? MASK : value))
}
