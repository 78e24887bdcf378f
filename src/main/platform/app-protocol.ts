import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { APP_CSP } from '../../shared/csp'
import { contentTypeFor, resolveStaticFile } from '../core/transport/static-files'
import { APP_HOST, APP_SCHEME } from './sender-policy'

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
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response(null, { status: 403 })
    const file = resolveStaticFile(rendererDir, url.pathname)
    if (!file) return new Response(null, { status: 403 })
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': APP_CSP,
          'x-content-type-options': 'nosniff'
        }
      })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
