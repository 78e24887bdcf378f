// What the executor hands back is what the server sent, now that it reads bodies its cheaper way (data events,
// one decode, no JSON.parse): text split mid-character across chunks, charset labels, a BOM, compressed bodies
// (gzip, deflate, br, stacked), bodies kept in files, and a cancel in the middle of a body. The servers are raw
// node:http, writing chunks with pauses between them so they reach the client as separate reads.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor, type HttpSettings } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import type { HttpResponse } from '../../../src/shared/ipc/requests.contract'
import { AppError } from '../../../src/shared/errors'
import { req } from './support'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

let servers: Server[]
let dir: string
let bodyDir: string
let bodies: BodyStore
let executors: HttpExecutor[]

beforeEach(async () => {
  servers = []
  executors = []
  dir = await mkdtemp(join(tmpdir(), 'rx-body-'))
  bodyDir = join(dir, 'bodies')
  bodies = new BodyStore(bodyDir)
})
afterEach(async () => {
  for (const executor of executors) await executor.dispose()
  await bodies.dispose()
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

function executor(settings: Partial<HttpSettings> = {}): HttpExecutor {
  const made = new HttpExecutor({ provider: createNoProfilesProvider(), bodies, settings: () => settings })
  executors.push(made)
  return made
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

/** `bytes` cut at the given offsets. */
function cutAt(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const parts: Buffer[] = []
  let from = 0
  for (const offset of [...offsets, bytes.length]) {
    parts.push(bytes.subarray(from, offset))
    from = offset
  }
  return parts
}

function inlineText(response: HttpResponse): string {
  if (response.body.kind !== 'inline') throw new Error(`expected an inline body, got ${response.body.kind}`)
  return response.body.text
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected a failure')
}

// Two-, three- and four-byte UTF-8 characters, and a JSON shape around them.
const UNICODE_JSON = JSON.stringify({ data: [{ attributes: { name: 'Règle für Ümläute — 日本語のルール 🚀🧪', emoji: '👩‍💻' } }] })

describe('text bodies are returned exactly as sent', () => {
  it('UTF-8 split in the middle of 2-, 3- and 4-byte characters across chunks', async () => {
    const bytes = Buffer.from(UNICODE_JSON)
    // Offsets inside "è" (2 bytes), "日" (3 bytes) and "🚀" (4 bytes).
    const offsets = ['è', '日', '🚀'].map((char) => bytes.indexOf(Buffer.from(char)) + 1)
    const url = await serve(inChunks({ 'content-type': 'application/vnd.api+json' }, cutAt(bytes, offsets)))
    const res = await executor().send(req({ url: `${url}/split` }))
    expect(inlineText(res)).toBe(UNICODE_JSON)
    expect(res.body.bytes).toBe(bytes.length)
  })

  it('one byte per chunk still decodes to the same text', async () => {
    const text = 'ä€😀'
    const bytes = Buffer.from(text)
    const url = await serve(inChunks({ 'content-type': 'text/plain; charset=utf-8' }, cutAt(bytes, [1, 2, 3, 4, 5, 6, 7, 8]), 5))
    expect(inlineText(await executor().send(req({ url: `${url}/bytes` })))).toBe(text)
  })

  it('charset labels: ISO-8859-1, UTF-16LE and a quoted label decode by their charset; an unknown one as UTF-8', async () => {
    const cases: Array<{ contentType: string; bytes: Buffer; text: string }> = [
      { contentType: 'text/plain; charset=ISO-8859-1', bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9]), text: 'café' },
      { contentType: 'text/plain; charset=utf-16le', bytes: Buffer.from('hé €', 'utf16le'), text: 'hé €' },
      { contentType: 'application/json; charset="utf-8"', bytes: Buffer.from('{"a":"ü"}'), text: '{"a":"ü"}' },
      { contentType: 'text/plain; charset=x-no-such-charset', bytes: Buffer.from('naïve'), text: 'naïve' }
    ]
    const url = await serve((request, res) => {
      request.resume()
      const which = cases[Number(new URL(request.url ?? '/', 'http://x').searchParams.get('case'))]!
      res.writeHead(200, { 'content-type': which.contentType })
      res.end(which.bytes)
    })
    const sender = executor()
    for (const [index, which] of cases.entries()) {
      const res = await sender.send(req({ url: `${url}/charset?case=${index}` }))
      expect({ contentType: which.contentType, text: inlineText(res) }).toEqual({ contentType: which.contentType, text: which.text })
    }
  })

  it('a UTF-8 byte order mark is not part of the text (as before, and as browsers do)', async () => {
    const url = await serve(inChunks({ 'content-type': 'application/json' }, [Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x7b, 0x7d])]))
    const res = await executor().send(req({ url: `${url}/bom` }))
    expect(inlineText(res)).toBe('{}')
    expect(res.body.bytes).toBe(5)
  })

  it('the executor leaves JSON unparsed: a body that is not JSON under a JSON type comes back as sent', async () => {
    const text = '{"data": [1, 2,'
    const url = await serve(inChunks({ 'content-type': 'application/vnd.api+json' }, [Buffer.from(text)]))
    const res = await executor().send(req({ url: `${url}/broken` }))
    expect(inlineText(res)).toBe(text)
    expect(res).not.toHaveProperty('jsonProblem')
  })
})

describe('compressed bodies are decompressed (Content-Encoding)', () => {
  const original = Buffer.from(UNICODE_JSON.repeat(200))

  it.each([
    ['gzip', gzipSync(original)],
    ['x-gzip', gzipSync(original)],
    ['deflate', deflateSync(original)],
    ['br', brotliCompressSync(original)],
    // Applied in the order listed: gzip first, then br; undone in reverse.
    ['gzip, br', brotliCompressSync(gzipSync(original))]
  ])('%s, split into chunks', async (encoding, compressed) => {
    const parts = cutAt(compressed, [1, 7, Math.floor(compressed.length / 2)])
    const url = await serve(inChunks({ 'content-type': 'application/json', 'content-encoding': encoding }, parts))
    const res = await executor().send(req({ url: `${url}/compressed` }))
    expect(inlineText(res)).toBe(original.toString('utf8'))
    expect(res.body.bytes).toBe(original.length)
    expect(res.headers).toContainEqual(['content-encoding', encoding])
  })

  it('a compressed body over the inline limit is kept decompressed in its file', async () => {
    const url = await serve(inChunks({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, cutAt(gzipSync(original), [100, 2000])))
    const res = await executor({ maxInlineBodyBytes: 4096, previewBytes: 1000 }).send(req({ url: `${url}/big-gzip` }))
    if (res.body.kind !== 'file') throw new Error(`expected a file body, got ${res.body.kind}`)
    expect(res.body.bytes).toBe(original.length)
    const path = bodies.info(res.body.bodyId)?.path
    if (!path) throw new Error('the body file is not kept')
    expect((await readFile(path)).equals(original)).toBe(true)
    expect(original.toString('utf8').startsWith(res.body.preview)).toBe(true)
  })

  it('a body that is not what its Content-Encoding says fails with a sentence naming the coding', async () => {
    const url = await serve(inChunks({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, [Buffer.from('{"not":"gzip at all"}')]))
    const error = await failure(executor().send(req({ url: `${url}/liar` })))
    expect(error.code).toBe('http-bad-encoding')
    expect(error.message).toMatch(/^The response says it is gzip-compressed \(Content-Encoding\), but its body could not be decompressed/)
  })

  it('an unknown coding is kept as received', async () => {
    const raw = Buffer.from('opaque bytes')
    const url = await serve(inChunks({ 'content-type': 'text/plain', 'content-encoding': 'zstd-from-the-future' }, [raw]))
    expect(inlineText(await executor().send(req({ url: `${url}/unknown` })))).toBe('opaque bytes')
  })
})

describe('large bodies go to files, byte for byte', () => {
  it('a binary body over the inline limit, in many chunks, is the same bytes on disk; the preview is its start', async () => {
    const binary = Buffer.alloc(300_000)
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + (i >> 8)) & 0xff
    const offsets = Array.from({ length: 12 }, (_, i) => (i + 1) * 23_000)
    const url = await serve(inChunks({ 'content-type': 'application/octet-stream' }, cutAt(binary, offsets), 2))
    const progress: number[] = []
    const res = await executor({ maxInlineBodyBytes: 50_000, previewBytes: 2_000 }).send(req({ url: `${url}/binary` }), {
      onProgress: (event) => event.loadedBytes !== undefined && progress.push(event.loadedBytes)
    })
    if (res.body.kind !== 'file') throw new Error(`expected a file body, got ${res.body.kind}`)
    expect(res.body.bytes).toBe(binary.length)
    const kept = await readFile(bodies.info(res.body.bodyId)!.path)
    expect(kept.equals(binary)).toBe(true)
    expect(res.body.preview).toBe(new TextDecoder().decode(binary.subarray(0, 2_000), { stream: true }))
    expect(progress.at(-1)).toBe(binary.length)
  })

  it('a UTF-8 preview cut in the middle of a character leaves the half character out', async () => {
    const text = `${'a'.repeat(999)}€${'b'.repeat(5000)}`
    const url = await serve(inChunks({ 'content-type': 'text/plain' }, [Buffer.from(text)]))
    // The preview ends after byte 1000: the first byte of the 3-byte "€".
    const res = await executor({ maxInlineBodyBytes: 2048, previewBytes: 1000 }).send(req({ url: `${url}/cut` }))
    if (res.body.kind !== 'file') throw new Error(`expected a file body, got ${res.body.kind}`)
    expect(res.body.preview).toBe('a'.repeat(999))
  })

  it('cancelled in the middle of a body kept in a file: a cancel error, and no file left behind', async () => {
    const url = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.write(Buffer.alloc(100_000, 0x62))
      // …and the rest never comes.
    })
    const controller = new AbortController()
    const pending = executor({ maxInlineBodyBytes: 10_000 }).send(req({ url: `${url}/half` }), {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase === 'sending') setTimeout(() => controller.abort(), 300)
      }
    })
    const started = Date.now()
    const error = await failure(pending)
    expect(error.code).toBe('http-cancelled')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect((await readdir(bodyDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())).toEqual([])
    expect(bodies.totalBytes).toBe(0)
  })
})
