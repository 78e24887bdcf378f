// The HTTP layer: one node:http server on loopback serving IMS (/ims/...), Reactor (everything else) and the
// control API (/__sandbox/...). Responses are produced whole, then delivered through the fault layer.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { errorObject } from './jsonapi'
import { faultSpecFromJson, parseFaultHeader, type FaultRegistry, type FaultSpec } from './faults'
import { handleIms, isImsTokenPath, type ImsContext } from './ims'
import { handleReactor } from './reactor'
import { SANDBOX_CREDENTIALS } from './scenarios'
import { JSON_API_TYPE, headerValue, jsonResponse, type SandboxRequest, type SandboxResponse } from './http-types'
import type { ReactorContext } from './context'

const MAX_BODY_BYTES = 50 * 1024 * 1024

export interface SandboxStats {
  imsTokenRequests: number
  reactorRequests: number
}

export interface ServerDeps {
  ims: ImsContext
  reactor: ReactorContext
  faults: FaultRegistry
  stats: SandboxStats
  /** The `x-sandbox-control` value the control routes require. */
  controlToken: string
  /** set once the server listens */
  baseUrl: () => string
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function faultStatusResponse(req: SandboxRequest, fault: FaultSpec, ims: boolean): SandboxResponse {
  const status = fault.status ?? 500
  const headers: Record<string, string> = {}
  if (status === 429 || fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds ?? 1)
  if (ims) {
    const error = status === 429 ? 'too_many_requests' : status >= 500 ? 'internal_error' : 'invalid_request'
    const description = status === 429 ? 'Too many requests, slow down' : 'Please try again later'
    return jsonResponse(status, { error, error_description: description }, undefined, headers)
  }
  const code = status === 429 ? 'too-many-requests' : status >= 500 ? 'internal-error' : 'fault-injected'
  const title = status === 429 ? 'Too Many Requests' : status >= 500 ? 'Internal Server Error' : 'Injected Fault'
  return jsonResponse(
    status,
    { errors: [errorObject(req, { status, code, title, detail: 'Injected by the sandbox fault controller.' })] },
    JSON_API_TYPE,
    headers
  )
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function control(req: SandboxRequest, deps: ServerDeps): SandboxResponse {
  const path = req.url.pathname
  if (path === '/__sandbox/faults') {
    if (req.method === 'GET') {
      return jsonResponse(200, { faults: deps.faults.list().map((f) => ({ ...f, match: f.match && { ...f.match, path: String(f.match.path ?? '') } })) })
    }
    if (req.method === 'DELETE') {
      deps.faults.clear()
      return { status: 204 }
    }
    if (req.method === 'POST') {
      let json: unknown
      try {
        json = JSON.parse(req.body.toString('utf8'))
      } catch {
        return jsonResponse(400, { error: 'body must be JSON' })
      }
      const spec = faultSpecFromJson(json)
      if (typeof spec === 'string') return jsonResponse(400, { error: spec })
      return jsonResponse(201, { id: deps.faults.add(spec) })
    }
  }
  const one = /^\/__sandbox\/faults\/(\d+)$/.exec(path)
  if (one && req.method === 'DELETE') {
    deps.faults.remove(Number(one[1]))
    return { status: 204 }
  }
  if (path === '/__sandbox/stats' && req.method === 'GET') return jsonResponse(200, deps.stats)
  if (path === '/__sandbox/credentials' && req.method === 'GET') return jsonResponse(200, SANDBOX_CREDENTIALS)
  return jsonResponse(404, { error: `no control route ${req.method} ${path}` })
}

export class SandboxHttpServer {
  readonly server: Server
  private readonly stalled = new Set<ServerResponse>()

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: 'internal_error', error_description: String(error) }))
        } else res.destroy()
      })
    })
  }

  async close(): Promise<void> {
    for (const res of this.stalled) res.destroy()
    this.stalled.clear()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private async handle(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(16).toString('hex')
    res.setHeader('x-request-id', requestId)
    const body = await readBody(raw)
    const baseUrl = this.deps.baseUrl()
    const req: SandboxRequest = {
      method: (raw.method ?? 'GET').toUpperCase(),
      url: new URL(raw.url ?? '/', baseUrl),
      headers: raw.headers,
      body,
      requestId,
      baseUrl
    }
    const path = req.url.pathname
    const refused = this.refuse(req)
    if (refused) return this.deliver(res, refused)
    if (path.startsWith('/__sandbox/')) {
      const given = headerValue(req.headers, 'x-sandbox-control')
      if (!given || !sameToken(given, this.deps.controlToken)) {
        return this.deliver(
          res,
          jsonResponse(403, { error: 'The Sandbox control routes need the x-sandbox-control header with the token `reactor-explorer sandbox` printed at start.' })
        )
      }
      return this.deliver(res, control(req, this.deps))
    }

    const ims = path.startsWith('/ims/')
    if (ims && isImsTokenPath(path)) this.deps.stats.imsTokenRequests++
    if (!ims) this.deps.stats.reactorRequests++
    const fault = parseFaultHeader(headerValue(req.headers, 'x-sandbox-fault')) ?? this.deps.faults.take(req.method, path)
    // Any fault may carry a delay (a slow 503 is as real as a fast one); a latency fault defaults to 1 s.
    const delayMs = fault?.kind === 'latency' ? (fault.latencyMs ?? 1000) : (fault?.latencyMs ?? 0)
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    if (fault?.kind === 'status') return this.deliver(res, faultStatusResponse(req, fault, ims))
    const response = ims ? handleIms(req, this.deps.ims) : handleReactor(req, this.deps.reactor)
    this.deliver(res, response, fault)
  }

  /**
   * The simulator answers only this machine's own clients: a Host that is not its loopback address (DNS
   * rebinding) or an Origin of a web page (a cross-site fetch from a browser) is refused.
   */
  private refuse(req: SandboxRequest): SandboxResponse | undefined {
    const port = new URL(req.baseUrl).port
    const host = headerValue(req.headers, 'host')?.toLowerCase()
    const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
    if (host !== undefined && !allowed.includes(host)) {
      return jsonResponse(403, { error: `The Sandbox answers only on ${allowed[0]}; Host "${host.slice(0, 100)}" was refused.` })
    }
    const origin = headerValue(req.headers, 'origin')
    if (origin !== undefined && !allowed.some((entry) => origin === `http://${entry}`)) {
      return jsonResponse(403, { error: 'The Sandbox does not answer requests from web pages (Origin refused).' })
    }
    return undefined
  }

  private deliver(res: ServerResponse, response: SandboxResponse, fault?: FaultSpec): void {
    const body = Buffer.from(response.body ?? '', 'utf8')
    const headers = { ...response.headers, 'content-length': String(body.length) }
    const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)))
    switch (fault?.kind) {
      case 'malformed-json': {
        // A 200 whose JSON stops mid-document, with a Content-Length that matches what is sent.
        const truncated = body.length > 1 ? half : Buffer.from('{"data":')
        res.writeHead(200, { ...response.headers, 'content-length': String(truncated.length) })
        res.end(truncated)
        return
      }
      case 'reset':
        res.writeHead(response.status, headers)
        res.write(half, () => setImmediate(() => res.socket?.destroy()))
        return
      case 'stall':
        // Headers promise the full length; half arrives, then nothing until the client gives up.
        res.writeHead(response.status, headers)
        res.write(half)
        this.stalled.add(res)
        res.on('close', () => this.stalled.delete(res))
        return
      default:
        res.writeHead(response.status, headers)
        res.end(body)
    }
  }
}
