// The body worker's reader of a streamed body (src/renderer/src/transport/body-stream-source.ts) against the
// real thing: over HTTP from the real loopback server in front of the real core (browser mode), and over a
// MessagePort fed by main's port subscriber (Electron's shape, node's MessageChannel). Only fetch and
// MessagePort are used, as inside a worker.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MessageChannel } from 'node:worker_threads'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { portSink } from '../../../src/main/core/http/body-stream-port'
import { BodyStreams } from '../../../src/main/core/http/body-streams'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { startLoopbackServer, type LoopbackServer } from '../../../src/main/core/transport/loopback-server'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'
import type { BodyFrame, BodyStreamSource } from '../../../src/shared/requests/body-stream'

let core: AppCore
let server: LoopbackServer
let target: Server
let targetUrl: string
let dir: string
// The renderer's module, loaded at run time: the node typecheck does not cover renderer code (tsconfig.web does).
type ReadBodyStream = (source: BodyStreamSource, signal?: AbortSignal) => AsyncIterable<BodyFrame>
const RENDERER_MODULE = '../../../src/renderer/src/transport/body-stream-source'
const { readBodyStream } = (await import(/* @vite-ignore */ RENDERER_MODULE)) as { readBodyStream: ReadBodyStream }
const BODY = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `{"i":${i},"s":"ü€🚀"}\n`).join(''))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rx-reader-'))
  target = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'content-type': 'application/x-ndjson' })
    if (req.url === '/hang') res.write(BODY.subarray(0, 500))
    else res.end(BODY)
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  core = createAppCore({ transport: 'loopback', version: 't', dataDir: dir, log: () => {} })
  server = await startLoopbackServer({ dispatcher: core.dispatcher, events: core.events })
})
afterAll(async () => {
  await server.close()
  await core.dispose()
  target.closeAllConnections()
  await new Promise<void>((resolve) => target.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

async function urlSource(path: string, requestId: string): Promise<BodyStreamSource> {
  const result = await core.dispatcher.dispatch('requests:send', { requestId, spec: { method: 'GET', url: `${targetUrl}${path}` }, streamBody: true })
  if (!result.ok) throw new Error(result.error.message)
  const body = (result.value as HttpResponse).body
  if (body.kind !== 'stream') throw new Error(`expected a stream, got ${body.kind}`)
  return { kind: 'url', url: `${server.origin}/body-stream/${body.streamId}`, authorization: `Bearer ${server.token}` }
}

async function readAll(source: BodyStreamSource, signal?: AbortSignal): Promise<{ bytes: Buffer; frames: BodyFrame[] }> {
  const frames: BodyFrame[] = []
  for await (const frame of readBodyStream(source, signal)) frames.push(frame)
  const bytes = Buffer.concat(frames.flatMap((frame) => (frame.type === 'chunk' ? [Buffer.from(frame.bytes)] : [])))
  return { bytes, frames }
}

describe('readBodyStream', () => {
  it('browser mode: reads the frames over HTTP, byte for byte, ending with the end frame', async () => {
    const { bytes, frames } = await readAll(await urlSource('/body', 'reader-url'))
    expect(bytes.equals(BODY)).toBe(true)
    expect(frames.at(-1)).toMatchObject({ type: 'end', end: { bytes: BODY.length, kept: 'inline' } })
  })

  it('browser mode: a stream that is gone, or a wrong token, is a clear sentence', async () => {
    const source = await urlSource('/body', 'reader-twice')
    await readAll(source)
    await expect(readAll(source)).rejects.toThrow(/no longer streaming/)
    const wrongToken = { ...(await urlSource('/body', 'reader-token')), authorization: 'Bearer nope' }
    await expect(readAll(wrongToken)).rejects.toThrow(/launch token/)
  })

  it('browser mode: aborting the signal ends the iteration without an error', async () => {
    const controller = new AbortController()
    const frames: BodyFrame[] = []
    for await (const frame of readBodyStream(await urlSource('/hang', 'reader-abort'), controller.signal)) {
      frames.push(frame)
      controller.abort()
    }
    expect(frames[0]?.type).toBe('chunk')
    await core.dispatcher.dispatch('requests:cancel', { requestId: 'reader-abort' })
  })

  it('Electron shape: reads the frames from a MessagePort main posts them on', async () => {
    const streams = new BodyStreams({ secrets: new SecretRegistry() })
    const writer = streams.create(1 << 20)
    const { port1, port2 } = new MessageChannel()
    streams.attach(writer.streamId, portSink(port1, (buffer) => port1.postMessage(buffer, [buffer])))
    const reading = readAll({ kind: 'port', port: port2 as unknown as MessagePort })
    for (let at = 0; at < BODY.length; at += 7777) writer.push(BODY.subarray(at, at + 7777))
    writer.end({ kept: 'inline', bodyId: 'b' }, { kind: 'inline', text: BODY.toString() })
    const { bytes, frames } = await reading
    expect(bytes.equals(BODY)).toBe(true)
    expect(frames.at(-1)).toEqual({ type: 'end', end: { kept: 'inline', bodyId: 'b', bytes: BODY.length } })
  })
})
