import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { req, startRecorder } from './support'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A minimal forward proxy: tunnels CONNECT and records where each tunnel went.
let proxy: Server
let proxyUrl: string
const tunnels: string[] = []
beforeAll(async () => {
  proxy = createServer((_req, res) => {
    res.writeHead(501)
    res.end()
  })
  proxy.on('connect', (request, clientSocket, head) => {
    tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(clientSocket)
      clientSocket.pipe(upstream)
    })
    upstream.on('error', () => clientSocket.destroy())
    clientSocket.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
})
afterAll(async () => {
  proxy.closeAllConnections()
  await new Promise<void>((resolve) => proxy.close(() => resolve()))
})

describe('proxy setting', () => {
  it('sends through the configured proxy', async () => {
    const target = await startRecorder()
    const executor = new HttpExecutor({
      provider: createNoProfilesProvider(),
      bodies: new BodyStore(join(tmpdir(), `rx-proxy-${process.pid}`)),
      settings: () => ({ proxyUrl })
    })
    try {
      const res = await executor.send(req({ url: `${target.url}/via-proxy` }))
      expect(res.status).toBe(200)
      expect(target.seen[0].url).toBe('/via-proxy')
      expect(tunnels).toContain(new URL(target.url).host)
    } finally {
      await executor.dispose()
      await target.close()
    }
  })
})
