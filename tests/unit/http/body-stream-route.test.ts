// Browser mode's `GET /body-stream/<id>` (issue 12) on the real loopback server in front of the real core:
// the launch token, Host and Origin checks as for /rpc, the frames read back through real HTTP equal the
// body, a slow reader is written to only as it drains, and a reader that goes away is unsubscribed while the
// body read in main goes on.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import type { SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { startLoopbackServer, type LoopbackServer } from '../../../src/main/core/transport/loopback-server'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'
import { BodyFrameDecoder, type BodyFrame } from '../../../src/shared/requests/body-stream'

let core: AppCore
let server: LoopbackServer
let target: Server
let targetUrl: string
let dir: string
const exchanges: SentExchange[] = []
/** 3 MB: more than a socket buffer, so a reader that does not read makes res.write report backpressure. */
const BIG = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `{"row":${i},"name":"Règle ${i} 🚀"}\n`).join(''))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-route-'))
  target = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/x-ndjson' })
    if (req.url === '/slow') {
      // A piece now, the rest later: the reader can leave in between.
      res.write(BIG.subarray(0, 1000))
      setTimeout(() => res.end(BIG.subarray(1000)), 300)
    } else res.end(BIG)
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  core = createAppCore({ transport: 'loopback', version: 't', dataDir: dir, log: () => {} })
  core.services.requests.pipeline.observe((exchange) => exchanges.push(exchange))
  server = await startLoopbackServer({ dispatcher: core.dispatcher, events: core.events })
})
afterAll(async () => {
  await server.close()
  await core.dispose()
  target.closeAllConnections()
  await new Promise<void>((resolve) => target.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function send(path: string, requestId: string): Promise<string> {
  const result = await core.dispatcher.dispatch('requests:send', { requestId, spec: { method: 'GET', url: `${targetUrl}${path}` }, streamBody: true })
  if (!result.ok) throw new Error(result.error.message)
  const body = (result.value as HttpResponse).body
  if (body.kind !== 'stream') throw new Error(`expected a stream, got ${body.kind}`)
  return body.streamId
}

/** A raw GET (any Host header); `onResponse` gets the live response to read as it likes. */
function get(path: string, headers: Record<string, string>, onResponse?: (res: import('node:http').IncomingMessage) => void): Promise<{ status: number; type?: string; cache?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { headers }, (res) => {
      if (onResponse) onResponse(res)
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], cache: res.headers['cache-control'], body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

function frames(bytes: Buffer): BodyFrame[] {
  return new BodyFrameDecoder().push(bytes)
}

const auth = () => ({ authorization: `Bearer ${server.token}` })

describe('GET /body-stream/<id>', () => {
  it('refuses a missing token (401), an unknown stream (404), a foreign Host (421) and a foreign Origin (403)', async () => {
    const streamId = await send('/big', 'checks')
    expect((await get(`/body-stream/${streamId}`, {})).status).toBe(401)
    expect((await get(`/body-stream/${streamId}`, { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await get('/body-stream/no-such-stream', auth())).status).toBe(404)
    expect((await get(`/body-stream/${streamId}`, { ...auth(), host: 'evil.example' })).status).toBe(421)
    expect((await get(`/body-stream/${streamId}`, { ...auth(), origin: 'http://evil.example' })).status).toBe(403)
    // None of those attached: the real reader still gets the whole body.
    const ok = await get(`/body-stream/${streamId}`, auth())
    expect(ok.status).toBe(200)
    const last = frames(ok.body).at(-1)
    expect(last?.type).toBe('end')
    // Once read to the end the stream is gone.
    expect((await get(`/body-stream/${streamId}`, auth())).status).toBe(404)
  })

  it('streams the body byte for byte as octet-stream, no-store, to a reader that reads slowly', async () => {
    const streamId = await send('/big', 'slow-reader')
    const response = await get(`/body-stream/${streamId}`, auth(), (res) => {
      // Reading nothing for a while fills the socket: the server must wait for drain, not drop or reorder.
      res.pause()
      setTimeout(() => res.resume(), 300)
    })
    expect(response.status).toBe(200)
    expect(response.type).toBe('application/octet-stream')
    expect(response.cache).toBe('no-store')
    const decoded = frames(response.body)
    const chunks = decoded.flatMap((frame) => (frame.type === 'chunk' ? [Buffer.from(frame.bytes)] : []))
    expect(Buffer.concat(chunks).equals(BIG)).toBe(true)
    expect(decoded.at(-1)).toMatchObject({ type: 'end', end: { bytes: BIG.length, kept: 'inline' } })
  })

  it('a reader that goes away is unsubscribed; main still reads the whole body for history', async () => {
    const before = exchanges.length
    const streamId = await send('/slow', 'leaver')
    await new Promise<void>((resolve, reject) => {
      const req = request(`${server.origin}/body-stream/${streamId}`, { headers: auth() }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', () => undefined)
      req.on('close', () => resolve())
      req.end()
      setTimeout(() => reject(new Error('no data')), 5000)
    })
    for (let i = 0; i < 200 && (core.services.requests.streams.size > 0 || exchanges.length === before); i++) await pause(10)
    expect(core.services.requests.streams.size).toBe(0)
    expect(exchanges.at(-1)?.response?.body).toMatchObject({ kind: 'inline', bytes: BIG.length })
  })
})
