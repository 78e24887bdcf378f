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
 * with the query rows appended to any query already in the URL.
 */
export function buildRequestUrl(raw: string, rows: readonly QueryRow[], reactorBase: string | undefined): URL {
  const text = raw.trim()
  let base: URL | undefined
  let url: URL
  if (text.startsWith('/')) {
    if (!reactorBase) {
      throw new AppError('http-invalid-url', `"${text}" is a path; choose a profile so it can be sent to that profile's Reactor host, or type a full URL.`)
    }
    base = new URL(reactorBase)
    // Join rather than resolve: a base with a path prefix (a proxy or the sandbox) must keep it.
    const prefix = base.pathname.replace(/\/+$/, '')
    url = new URL(`${base.origin}${prefix}${text}`)
  } else {
    try {
      url = new URL(text)
    } catch {
      throw new AppError('http-invalid-url', `"${text.slice(0, 200)}" is not a URL. Type a full URL (https://…) or a path such as /companies.`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError('http-invalid-url', `Only http and https URLs can be sent; "${url.protocol}" is not supported.`)
    }
  }
  if (!url.hostname) throw new AppError('http-invalid-url', `"${text.slice(0, 200)}" has no host name.`)
  const extra = encodeQuery(rows)
  if (extra) {
    const existing = url.search.replace(/^\?/, '')
    url = new URL(`${url.origin}${url.pathname}?${existing ? `${existing}&` : ''}${extra}${url.hash}`)
  }
  url.hash = ''
  return url
}
