import { AppError } from '../../../shared/errors'

export interface QueryRow {
  name: string
  value: string
  enabled?: boolean
}

/**
 * Percent-encodes a query component the way Reactor expects: `filter[name]` -> `filter%5Bname%5D`,
 * space -> `%20`, `+name` -> `%2Bname` (URLSearchParams would turn a space into `+`, which Reactor's
 * form decoding reads back as a space: fine for spaces, wrong for a literal `+` in `sort=+name`).
 */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text)
}

export function encodeQuery(rows: readonly QueryRow[]): string {
  return rows
    .filter((row) => row.enabled !== false && row.name !== '')
    .map((row) => `${encodeQueryComponent(row.name)}=${encodeQueryComponent(row.value)}`)
    .join('&')
}

/**
 * The absolute URL to send: an absolute http(s) URL as is, or a path joined to the profile's Reactor base,
 * with the query rows appended to any query already in the URL. One URL object is made per send (a second
 * parse for the query rows cost as much as the rest of this function).
 */
export function buildRequestUrl(raw: string, rows: readonly QueryRow[], reactorBase: string | undefined): URL {
  const text = raw.trim()
  const extra = rows.length > 0 ? encodeQuery(rows) : ''
  if (text.startsWith('/')) {
    if (!reactorBase) {
      throw new AppError('http-invalid-url', `"${text}" is a path; choose a profile so it can be sent to that profile's Reactor host, or type a full URL.`)
    }
    const url = new URL(withQuery(`${baseOf(reactorBase)}${text}`, extra))
    if (text.includes('#')) url.hash = ''
    return url
  }
  let url: URL
  try {
    url = new URL(withQuery(text, extra))
  } catch {
    throw new AppError('http-invalid-url', `"${text.slice(0, 200)}" is not a URL. Type a full URL (https://…) or a path such as /companies.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('http-invalid-url', `Only http and https URLs can be sent; "${url.protocol}" is not supported.`)
  }
  if (!url.hostname) throw new AppError('http-invalid-url', `"${text.slice(0, 200)}" has no host name.`)
  if (text.includes('#')) url.hash = ''
  return url
}

/** `extra` (encoded rows) appended to the URL text's own query, before any #fragment. */
function withQuery(text: string, extra: string): string {
  if (!extra) return text
  const hashAt = text.indexOf('#')
  const beforeHash = hashAt === -1 ? text : text.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : text.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  const separator = queryAt === -1 ? '?' : queryAt === beforeHash.length - 1 ? '' : '&'
  return `${beforeHash}${separator}${extra}${hash}`
}

let lastBase: { text: string; joined: string } | undefined

/**
 * The Reactor base as the start of a path: origin plus any path prefix, without the trailing slash. Join rather
 * than resolve: a base with a path prefix (a proxy or the sandbox) must keep it. A profile's base is the same
 * string send after send, so the last one is remembered.
 */
function baseOf(reactorBase: string): string {
  if (lastBase?.text === reactorBase) return lastBase.joined
  const base = new URL(reactorBase)
  const joined = `${base.origin}${base.pathname.replace(/\/+$/, '')}`
  lastBase = { text: reactorBase, joined }
  return joined
}
