import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}

/**
 * Maps a URL path to a file inside `root`, or undefined when the path would leave it (`..`, encoded
 * `%2e%2e`, absolute paths). Shared by the app:// protocol and the loopback transport, which serve the
 * same renderer folder.
 */
export function resolveStaticFile(root: string, pathname: string): string | undefined {
  const base = normalize(root)
  let relative: string
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
  } catch {
    return undefined // malformed percent-encoding
  }
  const file = normalize(join(base, relative))
  return file.startsWith(base + sep) ? file : undefined
}
