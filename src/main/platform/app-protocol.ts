import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { APP_CSP } from '../../shared/csp'
import { APP_HOST, APP_SCHEME } from '../ipc/sender-policy'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

/** Must run before `app` is ready: a standard, secure scheme gets a real origin for the sender check. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } }
  ])
}

/**
 * Serves the built renderer from app://reactor-explorer/ instead of file://, with the strict CSP as a
 * response header. Only GET, only our host, and no path may leave the renderer folder.
 */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response(null, { status: 403 })
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
    const file = normalize(join(root, relative))
    if (!file.startsWith(root + sep)) return new Response(null, { status: 403 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': APP_CSP,
          'x-content-type-options': 'nosniff'
        }
      })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
