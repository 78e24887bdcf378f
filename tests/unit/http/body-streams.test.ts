// Streamed response bodies (issue 12), main's half: `requests:send` with `streamBody` answers with the head,
// and the body's frames reach the stream's subscriber byte for byte (decoded, known secrets masked), late
// subscribers get a replay (from memory or from the kept file), cancel and stalls end in an error frame with
// nothing left behind, and history still gets the whole exchange. The servers are raw node:http writing
// chunks with pauses so they arrive as separate reads.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MessageChannel } from 'node:worker_threads'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { portSink } from '../../../src/main/core/http/body-stream-port'
import { BodyStreams, type BodyStreamSink } from '../../../src/main/core/http/body-streams'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { createRequestsCapability, type RequestsCapability } from '../../../src/main/core/requests/request-handlers'
import type { SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { createDispatcher, type Dispatcher, type Handlers } from '../../../src/main/core/rpc/dispatcher'
import { EventHub } from '../../../src/main/core/rpc/event-hub'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'
import { BodyFrameDecoder, type BodyStreamEnd, type BodyStreamError } from '../../../src/shared/requests/body-stream'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

let servers: Server[]
let dir: string
let secrets: SecretRegistry
let http: RequestsCapability
let dispatcher: Dispatcher
let exchanges: SentExchange[]
let saved: string[]

beforeEach(async () => {
  servers = []
  exchanges = []
  saved = []
  dir = await mkdtemp(join(tmpdir(), 'rx-streams-'))
  secrets = new SecretRegistry()
  http = createRequestsCapability({
    provider: createNoProfilesProvider(),
    dataDir: dir,
    events: new EventHub(secrets),
    secrets,
    tempDir: join(dir, 'bodies'),
    chooseSavePath: async (name) => {
      saved.push(name)
      return join(dir, 'out', name)
    }
  })
  http.pipeline.observe((exchange) => exchanges.push(exchange))
  dispatcher = createDispatcher({ handlers: http.handlers as unknown as Handlers, secrets, bodyStreams: http.streams })
})
afterEach(async () => {
  await http.dispose()
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  await rm(dir, { recursive: true, force: true })
})

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Answers with `parts` written one by one, `gapMs` apart, so each arrives as its own chunk. */
function inChunks(headers: Record<string, string>, parts: readonly Buffer[], gapMs = 15): Handler {
  return (request, res) => {
    request.resume()
    res.writeHead(200, headers)
    void (async () => {
      for (const part of parts) {
        res.write(part)
        await pause(gapMs)
      }
      res.end()
    })()
  }
}

function cutAt(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const parts: Buffer[] = []
  let from = 0
  for (const offset of [...offsets, bytes.length]) {
    parts.push(bytes.subarray(from, offset))
    from = offset
  }
  return parts
}

async function sendStreaming(url: string, extra: { maxInlineBodyBytes?: number; timeoutMs?: number; requestId?: string } = {}): Promise<HttpResponse> {
  const result = await dispatcher.dispatch('requests:send', {
    requestId: extra.requestId ?? 'stream-1',
    spec: { method: 'GET', url, ...(extra.timeoutMs ? { options: { timeoutMs: extra.timeoutMs } } : {}) },
    streamBody: true,
    ...(extra.maxInlineBodyBytes ? { maxInlineBodyBytes: extra.maxInlineBodyBytes } : {})
  })
  if (!result.ok) throw new Error(`send failed: ${result.error.code} ${result.error.message}`)
  return result.value as HttpResponse
}

function streamIdOf(response: HttpResponse): string {
  if (response.body.kind !== 'stream') throw new Error(`expected a stream body, got ${response.body.kind}`)
  return response.body.streamId
}

interface Collected {
  bytes: Buffer
  end?: BodyStreamEnd
  error?: BodyStreamError
}

/** A subscriber that decodes what it receives; `done` resolves after the last frame. */
function collector(): { sink: BodyStreamSink; done: Promise<Collected>; chunks: Buffer[]; leave(): void } {
  const decoder = new BodyFrameDecoder()
  const chunks: Buffer[] = []
  let closeListener: (() => void) | undefined
  let resolve!: (value: Collected) => void
  const done = new Promise<Collected>((r) => (resolve = r))
  const sink: BodyStreamSink = {
    write(frame) {
      for (const decoded of decoder.push(frame)) {
        if (decoded.type === 'chunk') chunks.push(Buffer.from(decoded.bytes))
        else if (decoded.type === 'end') resolve({ bytes: Buffer.concat(chunks), end: decoded.end })
        else resolve({ bytes: Buffer.concat(chunks), error: decoded.error })
      }
      return true
    },
    end() {},
    onDrain() {},
    onClose(listener) {
      closeListener = listener
    }
  }
  return { sink, done, chunks, leave: () => closeListener?.() }
}

async function streamed(response: HttpResponse): Promise<Collected> {
  const sub = collector()
  expect(dispatcher.attachBodyStream(streamIdOf(response), sub.sink)).toBe(true)
  return sub.done
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return
    await pause(10)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const UNICODE_JSON = JSON.stringify({ data: [{ attributes: { name: 'Règle für Ümläute — 日本語のルール 🚀🧪', emoji: '👩‍💻' } }] })

describe('requests:send with streamBody', () => {
  it('answers with the head first; the stream carries the JSON byte for byte, and Save writes it', async () => {
    const bytes = Buffer.from(JSON.stringify({ data: Array.from({ length: 200 }, (_, id) => ({ id: `RL${id}`, type: 'rules' })) }))
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'application/vnd.api+json', 'content-length': String(bytes.length) })
      res.write(bytes.subarray(0, 100))
      // The rest only after the head has been answered: the answer does not wait for the body.
      void held.then(() => res.end(bytes.subarray(100)))
    })
    const response = await sendStreaming(`${url}/rules`)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ kind: 'stream', bytes: 0, contentLength: bytes.length })
    const collecting = streamed(response)
    release()
    const { bytes: got, end } = await collecting
    expect(got.equals(bytes)).toBe(true)
    expect(end).toMatchObject({ bytes: bytes.length, kept: 'inline' })
    expect(http.streams.size).toBe(0)
    // Save finds the inline body main kept for it.
    const save = await dispatcher.dispatch('requests:saveBody', { bodyId: end!.bodyId, suggestedName: 'rules.json' })
    expect(save).toMatchObject({ ok: true, value: { saved: true } })
    expect(await readFile(join(dir, 'out', 'rules.json'), 'utf8')).toBe(bytes.toString())
    expect(await dispatcher.dispatch('requests:releaseBody', { bodyId: end!.bodyId })).toEqual({ ok: true, value: { released: true } })
    expect((await dispatcher.dispatch('requests:saveBody', { bodyId: end!.bodyId })).ok).toBe(false)
  })

  it('text, binary and UTF-8 split inside 2-, 3- and 4-byte characters arrive unchanged', async () => {
    const unicode = Buffer.from(UNICODE_JSON)
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))
    const cases = [
      { type: 'application/json', bytes: unicode, offsets: ['è', '日', '🚀'].map((char) => unicode.indexOf(Buffer.from(char)) + 1) },
      { type: 'text/plain; charset=utf-8', bytes: Buffer.from('line one\nline two ä€😀\n'), offsets: [3, 20, 22] },
      { type: 'application/octet-stream', bytes: binary, offsets: [1, 1000, 2999] }
    ]
    for (const [index, which] of cases.entries()) {
      const url = await serve(inChunks({ 'content-type': which.type }, cutAt(which.bytes, which.offsets)))
      const { bytes } = await streamed(await sendStreaming(`${url}/case`, { requestId: `case-${index}` }))
      expect({ type: which.type, same: bytes.equals(which.bytes) }).toEqual({ type: which.type, same: true })
    }
  })

  it('gzip and br bodies stream decoded', async () => {
    const text = Buffer.from(UNICODE_JSON.repeat(40))
    for (const [coding, encoded] of [['gzip', gzipSync(text)], ['br', brotliCompressSync(text)]] as const) {
      const url = await serve(inChunks({ 'content-type': 'application/json', 'content-encoding': coding }, cutAt(encoded, [7, Math.floor(encoded.length / 2)])))
      const response = await sendStreaming(`${url}/${coding}`, { requestId: coding })
      expect(response.body).toMatchObject({ kind: 'stream', bytes: 0 })
      const { bytes, end } = await streamed(response)
      expect({ coding, same: bytes.equals(text), bytes: end?.bytes }).toEqual({ coding, same: true, bytes: text.length })
    }
  })

  it('a body over the inline limit is kept in its file, and a late subscriber reads it from there', async () => {
    const bytes = Buffer.from('x'.repeat(5000) + 'ü'.repeat(3000) + 'end')
    const url = await serve(inChunks({ 'content-type': 'text/plain' }, cutAt(bytes, [1000, 4000, 9000])))
    const response = await sendStreaming(`${url}/big`, { maxInlineBodyBytes: 2048 })
    await until(() => exchanges.length === 1, 'the exchange to complete')
    // Attached only after the whole body arrived: its replay was dropped past the limit, so it comes from the file.
    const { bytes: got, end } = await streamed(response)
    expect(got.equals(bytes)).toBe(true)
    expect(end).toMatchObject({ kept: 'file', bytes: bytes.length })
    expect(http.bodies.info(end!.bodyId)).toBeDefined()
    expect(http.streams.size).toBe(0)
  })

  it('a late subscriber of an inline body gets everything so far, then the live rest', async () => {
    const bytes = Buffer.from(Array.from({ length: 400 }, (_, i) => `row ${i}\n`).join(''))
    const url = await serve(inChunks({ 'content-type': 'text/plain' }, cutAt(bytes, [500, 1500, 2500]), 40))
    const response = await sendStreaming(`${url}/late`)
    await pause(60)
    const { bytes: got, end } = await streamed(response)
    expect(got.equals(bytes)).toBe(true)
    expect(end?.kept).toBe('inline')
  })

  it('history gets the complete exchange (inline text), not the stream', async () => {
    const url = await serve(inChunks({ 'content-type': 'application/json' }, cutAt(Buffer.from(UNICODE_JSON), [10, 40])))
    const response = await sendStreaming(`${url}/history`)
    await streamed(response)
    await until(() => exchanges.length === 1, 'history')
    expect(exchanges[0]!.response?.body).toEqual({ kind: 'inline', text: UNICODE_JSON, bytes: Buffer.byteLength(UNICODE_JSON) })
  })

  it('cancel mid-body: an error frame, the body file removed, no stream left', async () => {
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('y'.repeat(4096))
      // …and nothing more until the client gives up.
    })
    const response = await sendStreaming(`${url}/cancel`, { maxInlineBodyBytes: 1024, requestId: 'to-cancel' })
    const sub = collector()
    dispatcher.attachBodyStream(streamIdOf(response), sub.sink)
    await until(() => sub.chunks.length > 0, 'the first chunk')
    expect(await dispatcher.dispatch('requests:cancel', { requestId: 'to-cancel' })).toEqual({ ok: true, value: { cancelled: true } })
    const { error } = await sub.done
    expect(error?.code).toBe('http-cancelled')
    expect(error?.bytes).toBeGreaterThan(0)
    expect(http.streams.size).toBe(0)
    await until(() => exchanges.length === 1, 'the failed exchange')
    const left = await readdir(join(dir, 'bodies'), { recursive: true }).catch(() => [])
    expect(left.filter((name) => String(name).endsWith('.bin'))).toEqual([])
  })

  it('the end frame carries the whole exchange’s timing (the head’s says download 0 ms), inline and kept in a file', async () => {
    for (const maxInlineBodyBytes of [undefined, 1024]) {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      const url = await serve((request, res) => {
        request.resume()
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('first half, ')
        void held.then(() => res.end(`and the second half, sent at least 60 ms after the head ${'.'.repeat(2048)}`))
      })
      const response = await sendStreaming(`${url}/slow-tail`, maxInlineBodyBytes ? { maxInlineBodyBytes } : {})
      expect(response.timing.downloadMs).toBe(0)
      const collecting = streamed(response)
      // A lower bound the body cannot beat: the tail is written only after this pause.
      await pause(60)
      release()
      const { end } = await collecting
      expect(end?.kept).toBe(maxInlineBodyBytes ? 'file' : 'inline')
      expect(end?.timing?.downloadMs).toBeGreaterThanOrEqual(50)
      expect(end!.timing!.totalMs).toBeGreaterThanOrEqual(response.timing.totalMs + end!.timing!.downloadMs - 1)
    }
  })

  it('a body that stalls past the timeout ends in an error frame', async () => {
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('first part')
    })
    const response = await sendStreaming(`${url}/stall`, { timeoutMs: 400 })
    const { bytes, error } = await streamed(response)
    expect(bytes.toString()).toBe('first part')
    expect(error?.code).toMatch(/timeout/)
    expect(error?.message).toMatch(/\S+ \S+/)
    expect(http.streams.size).toBe(0)
  })

  it('a connection reset mid-body ends in an error frame', async () => {
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('partial')
      setTimeout(() => res.socket?.destroy(), 30)
    })
    const { error } = await streamed(await sendStreaming(`${url}/reset`))
    expect(error).toBeDefined()
    expect(http.streams.size).toBe(0)
  })

  it('a known secret split across two chunks is masked in the stream, and the end says so', async () => {
    const secret = 'p8e-S3cr3tValue-0123456789abcdef'
    secrets.add(secret, 'client secret')
    const bytes = Buffer.from(`{"echo":"${secret}","after":"ok"}`)
    const at = bytes.indexOf(secret) + 10
    const url = await serve(inChunks({ 'content-type': 'application/json' }, cutAt(bytes, [at])))
    const { bytes: got, end } = await streamed(await sendStreaming(`${url}/secret`))
    expect(got.toString()).toBe('{"echo":"••••••","after":"ok"}')
    expect(end).toMatchObject({ containsSecret: true, secretKind: 'client secret' })
    // Saving the kept copy asks first, as for a file body that holds a secret.
    const save = await dispatcher.dispatch('requests:saveBody', { bodyId: end!.bodyId })
    expect(save).toMatchObject({ ok: true, value: { saved: false, needsConfirmation: { found: expect.stringContaining('client secret') } } })
  })

  it('a subscriber that goes away is unsubscribed; the body read goes on for history', async () => {
    const bytes = Buffer.from('z'.repeat(3000))
    const url = await serve(inChunks({ 'content-type': 'text/plain' }, cutAt(bytes, [1000, 2000]), 40))
    const response = await sendStreaming(`${url}/leave`)
    const sub = collector()
    dispatcher.attachBodyStream(streamIdOf(response), sub.sink)
    await until(() => sub.chunks.length > 0, 'the first chunk')
    sub.leave()
    expect(http.streams.size).toBe(0)
    await until(() => exchanges.length === 1, 'the exchange to complete')
    expect(exchanges[0]!.response?.body).toMatchObject({ kind: 'inline', bytes: 3000 })
    // One subscriber per stream: it cannot be attached again.
    expect(dispatcher.attachBodyStream(streamIdOf(response), collector().sink)).toBe(false)
  })

  it('a retried attempt’s body is discarded unread: the stream carries only the final attempt’s', async () => {
    let calls = 0
    const url = await serve((request, res) => {
      request.resume()
      calls += 1
      if (calls === 1) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' })
        res.end('first attempt, busy')
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('second attempt')
      }
    })
    const result = await dispatcher.dispatch('requests:send', { requestId: 'retry', spec: { method: 'GET', url: `${url}/retry`, options: { retries: true } }, streamBody: true })
    if (!result.ok) throw new Error(result.error.message)
    const response = result.value as HttpResponse
    expect({ status: response.status, attempts: response.attempts }).toEqual({ status: 200, attempts: 2 })
    const { bytes } = await streamed(response)
    expect(bytes.toString()).toBe('second attempt')
  })

  it('a bodiless answer (204) is not streamed', async () => {
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(204).end()
    })
    const response = await sendStreaming(`${url}/none`)
    expect(response.body).toEqual({ kind: 'empty', bytes: 0 })
    expect(http.streams.size).toBe(0)
  })

  it('a failure before the head is the send’s own error, and leaves no stream', async () => {
    const result = await dispatcher.dispatch('requests:send', { requestId: 'refused', spec: { method: 'GET', url: 'http://127.0.0.1:1/nothing' }, streamBody: true })
    expect(result.ok).toBe(false)
    expect(http.streams.size).toBe(0)
  })
})

describe('BodyStreams lifetimes', () => {
  it('a stream nobody opens is released after the bounded wait', async () => {
    const streams = new BodyStreams({ secrets: new SecretRegistry(), openWithinMs: 50 })
    const writer = streams.create(1024)
    writer.push(Buffer.from('kept for a while'))
    expect(streams.size).toBe(1)
    await until(() => streams.size === 0, 'the release')
    expect(streams.attach(writer.streamId, collector().sink)).toBe(false)
  })

  it('a reader far behind stops the queue in main and continues from the kept body where it was', async () => {
    const streams = new BodyStreams({ secrets: new SecretRegistry(), maxQueuedBytes: 4096 })
    const writer = streams.create(1 << 20)
    const decoder = new BodyFrameDecoder()
    const got: Buffer[] = []
    let end: BodyStreamEnd | undefined
    let drain: (() => void) | undefined
    let writes = 0
    // Takes every frame but says it is full after each one, so everything after the first waits for drain.
    const sink: BodyStreamSink = {
      write(frame) {
        writes += 1
        for (const decoded of decoder.push(frame)) {
          if (decoded.type === 'chunk') got.push(Buffer.from(decoded.bytes))
          if (decoded.type === 'end') end = decoded.end
        }
        return false
      },
      end() {},
      onDrain: (listener) => (drain = listener),
      onClose() {}
    }
    expect(streams.attach(writer.streamId, sink)).toBe(true)
    const body = Buffer.from(Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join(''))
    for (let at = 0; at < body.length; at += 1000) writer.push(body.subarray(at, at + 1000))
    // Only the first frame went out; the queue passed its bound and was dropped.
    expect(writes).toBe(1)
    writer.end({ kept: 'inline', bodyId: 'slow' }, { kind: 'inline', text: body.toString() })
    for (let i = 0; i < 1000 && !end; i++) {
      drain?.()
      await pause(1)
    }
    expect(Buffer.concat(got).equals(body)).toBe(true)
    expect(end).toMatchObject({ bytes: body.length, bodyId: 'slow' })
  })

  it('frames on a node MessagePort (as in Electron) reassemble to the same bytes', async () => {
    const streams = new BodyStreams({ secrets: new SecretRegistry() })
    const writer = streams.create(1 << 20)
    const { port1, port2 } = new MessageChannel()
    expect(streams.attach(writer.streamId, portSink(port1, (buffer) => port1.postMessage(buffer, [buffer])))).toBe(true)
    const decoder = new BodyFrameDecoder()
    const chunks: Buffer[] = []
    const done = new Promise<BodyStreamEnd>((resolve) => {
      port2.on('message', (data: ArrayBuffer) => {
        for (const frame of decoder.push(new Uint8Array(data))) {
          if (frame.type === 'chunk') chunks.push(Buffer.from(frame.bytes))
          if (frame.type === 'end') resolve(frame.end)
        }
      })
    })
    const body = Buffer.from(UNICODE_JSON)
    writer.push(body.subarray(0, 17))
    writer.push(body.subarray(17))
    writer.end({ kept: 'inline', bodyId: 'b1' }, { kind: 'inline', text: UNICODE_JSON })
    const end = await done
    port2.close()
    expect(Buffer.concat(chunks).equals(body)).toBe(true)
    expect(end).toEqual({ kept: 'inline', bodyId: 'b1', bytes: body.length })
    expect(streams.size).toBe(0)
  })
})
