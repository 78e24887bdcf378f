// Bounded responses everywhere: IMS answers (and the doctor's reads) stop at 64 KB, a body trickling in
// ends at the request's timeout with a sentence that says it stalled, and bodies kept on disk stay within a
// total. The servers here are raw node:http, so they can misbehave the way a broken host or proxy does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCredentialDoctor } from '../../../src/main/core/auth/credential-doctor'
import { ImsError, requestAccessToken } from '../../../src/main/core/auth/ims-client'
import { TokenManager } from '../../../src/main/core/auth/token-manager'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor, type HttpSettings } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { NetworkClient } from '../../../src/main/core/net/network-client'
import { AppError } from '../../../src/shared/errors'
import { FixedSource } from '../auth/helpers'
import { req } from '../http/support'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

let servers: Server[]
let dir: string
let closers: Array<() => Promise<void>>

beforeEach(async () => {
  servers = []
  closers = []
  dir = await mkdtemp(join(tmpdir(), 'rx-bounded-'))
})
afterEach(async () => {
  for (const close of closers) await close()
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

/** Answers 200 and then writes `chunk` every `everyMs` until the client goes away; counts what it wrote. */
function endless(chunk: string, everyMs: number, written: { bytes: number } = { bytes: 0 }): Handler {
  return (request, res) => {
    request.resume()
    res.writeHead(200, { 'content-type': 'application/json' })
    res.write('{"access_token":"')
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer)
      written.bytes += Buffer.byteLength(chunk)
      res.write(chunk)
    }, everyMs)
    res.on('close', () => clearInterval(timer))
  }
}

function executor(settings: Partial<HttpSettings> = {}): { executor: HttpExecutor; bodies: BodyStore; bodyDir: string } {
  const bodyDir = join(dir, 'bodies')
  const bodies = new BodyStore(bodyDir)
  const made = new HttpExecutor({ provider: createNoProfilesProvider(), bodies, settings: () => settings })
  closers.push(async () => {
    await made.dispose()
    await bodies.dispose()
  })
  return { executor: made, bodies, bodyDir }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a failure')
}

const token = { clientId: 'c', clientSecret: 'a-client-secret-value', scopes: ['openid'] }

describe('IMS answers are read up to 64 KB', () => {
  it('an IMS host that never stops sending is cut off at 64 KB with a clear sentence', async () => {
    const written = { bytes: 0 }
    const ims = await serve(endless('x'.repeat(16 * 1024), 1, written))
    const error = await failure(requestAccessToken({ imsBaseUrl: ims, ...token }))
    expect(error).toBeInstanceOf(ImsError)
    expect(error).toMatchObject({ kind: 'unexpected_response' })
    expect(error.message).toMatch(/^IMS sent more than 64 KB \(127\.0\.0\.1:\d+\), so reading stopped\. A token answer is a few KB/)
    // The client stopped: a cap that read on would let the server send megabytes by now.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(written.bytes).toBeLessThan(4 * 1024 * 1024)
  })

  it('a real-sized IMS answer still works (the cap is not in the way)', async () => {
    const ims = await serve((request, res) => {
      request.resume()
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ access_token: 'a'.repeat(2000), token_type: 'bearer', expires_in: 86399 }))
    })
    await expect(requestAccessToken({ imsBaseUrl: ims, ...token })).resolves.toMatchObject({ expiresIn: 86399 })
  })

  it('the doctor: the reachability probe drops an endless body unread, the token step reports the cap', async () => {
    const ims = await serve(endless('y'.repeat(16 * 1024), 1))
    const source = new FixedSource()
    const credential = source.add('big', { imsUrl: ims, reactorUrl: ims }, token)
    const network = new NetworkClient()
    closers.push(() => network.dispose())
    const started = Date.now()
    const report = await runCredentialDoctor(credential, {
      tokens: new TokenManager({ source, requestToken: (input) => requestAccessToken({ ...input, network }) }),
      network,
      sendRequest: async () => {
        throw new Error('not reached: the token step fails first')
      },
      environment: 'custom'
    })
    expect(report.steps[0]).toMatchObject({ id: 'ims-reachable', status: 'pass' })
    expect(report.steps[1]).toMatchObject({ id: 'token', status: 'fail', summary: expect.stringMatching(/^IMS sent more than 64 KB/) })
    expect(Date.now() - started).toBeLessThan(3000)
  })
})

describe('a body that trickles ends at the request’s timeout', () => {
  it('1 byte per second: undici’s idle timer never trips, the deadline does, and says the body stalled', async () => {
    const url = await serve(endless('.', 1000))
    const { executor: sender } = executor()
    const started = Date.now()
    const error = await failure(sender.send(req({ url: `${url}/slow`, options: { timeoutMs: 2000 } })))
    const elapsed = Date.now() - started
    expect(error.code).toBe('http-timeout')
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ started answering, but the body did not finish within 2 s \(\d+ bytes had arrived\): the response stalled or is arriving too slowly/)
    expect(error.message).not.toMatch(/closed the connection|could not connect/i)
    expect(elapsed).toBeGreaterThanOrEqual(1900)
    expect(elapsed).toBeLessThan(3500)
  })

  it('IMS trickling its answer: the token request times out as a timeout, not a connection failure', async () => {
    const ims = await serve(endless('.', 200))
    const error = await failure(requestAccessToken({ imsBaseUrl: ims, ...token, timeoutMs: 800 }))
    expect(error).toMatchObject({ kind: 'timeout', details: { network: { kind: 'timeout' } } })
    expect(error.message).toMatch(/stalled or is arriving too slowly/)
  })
})

describe('bodies kept on disk stay within a total', () => {
  const sized = (bytes: number): Handler => (request, res) => {
    request.resume()
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    res.end(Buffer.alloc(bytes, 0x61))
  }

  it('a body larger than the total is stopped with a clear error, and its partial file is removed', async () => {
    const url = await serve(sized(300_000))
    const { executor: sender, bodies, bodyDir } = executor({ maxInlineBodyBytes: 1024, maxStoredBodyBytes: 100_000 })
    const error = await failure(sender.send(req({ url: `${url}/big` })))
    expect(error.code).toBe('http-body-store-full')
    expect(error.message).toMatch(/^Stopped reading after \d+ KB: large response bodies may take at most 98 KB on disk together \(Settings → Network\)/)
    expect(error.message).toMatch(/The partial file was removed\./)
    // Bodies live in this process's own folder under the root: no file anywhere below it.
    expect((await readdir(bodyDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())).toEqual([])
    expect(bodies.totalBytes).toBe(0)
  })

  it('older kept bodies are dropped to make room for a new one', async () => {
    const url = await serve(sized(60_000))
    const { executor: sender, bodies } = executor({ maxInlineBodyBytes: 1024, maxStoredBodyBytes: 100_000 })
    const first = await sender.send(req({ url: `${url}/one` }))
    const second = await sender.send(req({ url: `${url}/two` }))
    if (first.body.kind !== 'file' || second.body.kind !== 'file') throw new Error('expected file bodies')
    expect(bodies.info(first.body.bodyId)).toBeUndefined()
    expect(bodies.info(second.body.bodyId)).toMatchObject({ bytes: 60_000 })
    expect(bodies.totalBytes).toBe(60_000)
  })

  it('without a setting, the default total is 1 GB', () => {
    expect(executor().executor.settings().maxStoredBodyBytes).toBe(1024 ** 3)
  })
})
