// Local servers for the TLS, connection-test and proxy-login tests: an http server, https servers with the
// fixture certificates of tests/fixtures/tls/, a closed port, and a forward proxy that demands Basic auth.
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, createServer as createTcpServer, isIP, type AddressInfo } from 'node:net'
import { join } from 'node:path'

export const TLS_FIXTURES = join(__dirname, '../../fixtures/tls')
export const fixture = (name: string) => join(TLS_FIXTURES, name)
const pem = (name: string) => readFileSync(fixture(name), 'utf8')

export interface LocalServer {
  url: string
  port: number
  close(): Promise<void>
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.()
      server.close(() => resolve())
    })
}

const answer = (request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end(`hello from ${request.url}`)
}

export async function startHttp(host = '127.0.0.1'): Promise<LocalServer> {
  const server = createHttpServer(answer)
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return { url: `http://${host}:${port}`, port, close: closer(server) }
}

/** An https server with one of the fixture pairs: self-signed, expired, wrong-host or ca-signed. */
export async function startHttps(certificate: 'self-signed' | 'expired' | 'wrong-host' | 'ca-signed', host = '127.0.0.1'): Promise<LocalServer> {
  const server = createHttpsServer({ cert: pem(`${certificate}.cert.pem`), key: pem(`${certificate}.key.pem`) }, answer)
  // A client that refuses the certificate resets the handshake; that is the test's point, not a failure.
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return { url: `https://${host}:${port}`, port, close: closer(server as unknown as Server) }
}

/** A port that was open a moment ago and is closed now: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export interface AuthProxy extends LocalServer {
  /** Every Proxy-Authorization header received, as sent (to prove the login went to the proxy only). */
  authorizations: Array<string | undefined>
  tunnels: string[]
}

/**
 * A forward proxy that wants `user`/`password` as Basic auth: 407 with Proxy-Authenticate without it or with
 * a wrong one, a tunnel (CONNECT) or a forwarded absolute-form request with it. Loopback targets only.
 */
export async function startAuthProxy(user: string, password: string, host = '127.0.0.1'): Promise<AuthProxy> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const authorizations: Array<string | undefined> = []
  const tunnels: string[] = []
  const server = createHttpServer((request, response) => {
    authorizations.push(request.headers['proxy-authorization'])
    if (request.headers['proxy-authorization'] !== expected) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"' })
      response.end()
      return
    }
    const target = new URL(request.url ?? '')
    const upstream = createHttpServerRequest(target, request, response)
    upstream.on('error', () => response.destroy())
  })
  server.on('connect', (request, clientSocket, head) => {
    authorizations.push(request.headers['proxy-authorization'] as string | undefined)
    if (request.headers['proxy-authorization'] !== expected) {
      clientSocket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\n\r\n')
      return
    }
    tunnels.push(request.url ?? '')
    const [targetHost, targetPort] = (request.url ?? '').replace(/^\[|\]/g, '').split(/:(?=\d+$)/)
    if (!isIP(targetHost ?? '')) {
      clientSocket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
    const upstream = connect(Number(targetPort), targetHost, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(clientSocket)
      clientSocket.pipe(upstream)
    })
    upstream.on('error', () => clientSocket.destroy())
    clientSocket.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return { url: `http://${host}:${port}`, port, authorizations, tunnels, close: closer(server) }
}

/** Forwards an absolute-form request (a proxy's plain http path) to its loopback target. */
function createHttpServerRequest(target: URL, request: IncomingMessage, response: ServerResponse) {
  return httpRequest({ host: target.hostname, port: Number(target.port) || 80, path: `${target.pathname}${target.search}`, method: request.method }, (upstream) => {
    response.writeHead(upstream.statusCode ?? 502, upstream.headers)
    upstream.pipe(response)
  }).end()
}
