import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname } from 'node:path'
import { APP_META_CSP, BROWSER_MODE_CSP, BROWSER_MODE_META_CSP } from '../../../shared/csp'
import { TransportErrorCode, type RpcResult } from '../../../shared/errors'
import type { Dispatcher } from '../rpc/dispatcher'
import type { EventHub } from '../rpc/event-hub'
import { contentTypeFor, resolveStaticFile } from './static-files'

export interface LoopbackServerOptions {
  dispatcher: Dispatcher
  events: EventHub
  /** The built renderer (out/renderer). When absent only the API is served (tests of the transport). */
  staticDir?: string
  port?: number
  /** Fixed token for tests; normally a fresh random one per launch. */
  token?: string
}

export interface LoopbackServer {
  origin: string
  token: string
  /** The address a person opens: the token travels in the fragment, which browsers never send or log. */
  appUrl: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 32 * 1024 * 1024
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

function failure(code: string, message: string): RpcResult<never> {
  return { ok: false, error: { code, message } }
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The same contract as Electron IPC, over HTTP on 127.0.0.1, for browser mode and end-to-end tests.
 * Guards: a random port, a per-launch token on every API call, and Host/Origin checks so neither another
 * web page nor a DNS-rebinding attack can reach it.
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  let origin = ''
  let allowedHosts = new Set<string>()
  const eventStreams = new Set<ServerResponse>()

  const unsubscribe = options.events.subscribe((event) => {
    const line = JSON.stringify(event) + '\n'
    for (const stream of eventStreams) stream.write(line)
  })

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? ''
    return header.startsWith('Bearer ') && sameToken(header.slice(7), token)
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, SECURITY_HEADERS).end()
      return
    }
    const file = resolveStaticFile(options.staticDir, pathname)
    if (!file) {
      res.writeHead(403, SECURITY_HEADERS).end()
      return
    }
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) {
      res.writeHead(404, SECURITY_HEADERS).end()
      return
    }
    const type = contentTypeFor(file)
    const headers = { ...SECURITY_HEADERS, 'content-type': type, 'content-security-policy': BROWSER_MODE_CSP }
    if (extname(file) === '.html') {
      // The built page carries the app window's CSP (connect-src 'none') in a meta tag; browser mode
      // must reach this server, so the served copy allows its own origin and nothing more.
      const html = (await readFile(file, 'utf8')).replace(APP_META_CSP, BROWSER_MODE_META_CSP)
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : html)
      return
    }
    res.writeHead(200, headers)
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  }

  /**
   * A streamed response body (issue 12): the body worker fetches it from this page's origin with the launch
   * token (connect-src 'self'), and reads the frames of src/shared/requests/body-stream.ts as they come. A slow
   * reader is written to only after 'drain'; a reader that goes away is unsubscribed (main's read goes on).
   */
  function serveBodyStream(req: IncomingMessage, res: ServerResponse, streamId: string): void {
    if (req.method !== 'GET') return sendJson(res, 405, failure(TransportErrorCode.unauthorized, 'Use GET.'))
    if (!authorised(req)) return sendJson(res, 401, failure(TransportErrorCode.unauthorized, 'Missing or wrong launch token.'))
    if (!/^[\w-]{1,64}$/.test(streamId) || !options.dispatcher.hasBodyStream(streamId)) {
      return sendJson(res, 404, failure('body-stream-unknown', 'That response body is no longer streaming (it finished, was cancelled, or was already opened).'))
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/octet-stream' })
    // The head goes out now: the worker's fetch resolves before the first chunk is read from the server.
    res.flushHeaders()
    options.dispatcher.attachBodyStream(streamId, {
      write: (frame) => res.write(frame),
      end: () => res.end(),
      onDrain: (listener) => res.on('drain', listener),
      onClose: (listener) => res.once('close', () => res.writableFinished || listener())
    })
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        sendJson(res, 421, failure(TransportErrorCode.unauthorized, 'Unexpected Host header.'))
        return
      }
      const requestOrigin = req.headers.origin
      if (requestOrigin !== undefined && requestOrigin !== `http://${req.headers.host}`) {
        sendJson(res, 403, failure(TransportErrorCode.unauthorized, 'Requests from other origins are refused.'))
        return
      }
      const url = new URL(req.url ?? '/', origin)
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return sendJson(res, 405, failure(TransportErrorCode.unauthorized, 'Use POST.'))
        if (!authorised(req)) return sendJson(res, 401, failure(TransportErrorCode.unauthorized, 'Missing or wrong launch token.'))
        let input: unknown
        try {
          const text = await readBody(req)
          input = text ? (JSON.parse(text) as { input?: unknown }).input : undefined
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            // Drain nothing more: the connection closes after this answer.
            res.setHeader('connection', 'close')
            return sendJson(
              res,
              413,
              failure(TransportErrorCode.invalidInput, `The request is larger than ${MAX_BODY_BYTES / 1048576} MB, the most one call can carry. Send large bodies from a file instead.`)
            )
          }
          return sendJson(res, 400, failure(TransportErrorCode.invalidInput, 'The request body is not valid JSON.'))
        }
        const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length))
        return sendJson(res, 200, await options.dispatcher.dispatch(channel, input))
      }
      if (url.pathname.startsWith('/body-stream/')) return serveBodyStream(req, res, url.pathname.slice('/body-stream/'.length))
      if (url.pathname === '/events') {
        if (!authorised(req)) return sendJson(res, 401, failure(TransportErrorCode.unauthorized, 'Missing or wrong launch token.'))
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/x-ndjson; charset=utf-8' })
        res.write('\n')
        eventStreams.add(res)
        req.on('close', () => eventStreams.delete(res))
        return
      }
      await serveStatic(req, res, url.pathname)
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, failure(TransportErrorCode.internal, 'The loopback transport failed.'))
      else res.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  return {
    origin,
    token,
    appUrl: `${origin}/#token=${token}`,
    async close() {
      unsubscribe()
      for (const stream of eventStreams) stream.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
