import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, isIP, type AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor, type HttpSettings } from '../../../src/main/core/http/executor'
import { createNoProfilesProvider } from '../../../src/main/core/http/no-profiles-provider'
import { NetworkSettingsStore } from '../../../src/main/core/settings/network-settings'
import { req, startRecorder } from './support'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A minimal forward proxy on loopback: tunnels CONNECT (recording where each tunnel went) and answers
// absolute-form http requests itself (recording the URL), so a test can tell "went through the proxy"
// from "went direct" without any real network. (undici's ProxyAgent tunnels plain http with CONNECT too.)
let proxy: Server
let proxyUrl: string
const tunnels: string[] = []
const absolute: string[] = []
beforeAll(async () => {
  proxy = createServer((request: IncomingMessage, res: ServerResponse) => {
    absolute.push(request.url ?? '')
    res.writeHead(200, { 'content-type': 'text/plain', 'x-answered-by': 'proxy' })
    res.end('answered by the proxy')
  })
  proxy.on('connect', (request, clientSocket, head) => {
    tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    if (!isIP(host ?? '')) {
      // Only loopback targets are tunnelled: no test may wait on DNS.
      clientSocket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
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

/** Every target host:port the proxy was asked for, whichever way. */
function viaProxy(): string[] {
  return [...tunnels, ...absolute.map((url) => new URL(url).host)]
}

/** A target on 127.0.0.2: loopback, but not in the always-direct list, so the proxy choice decides. */
async function startTarget(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = []
  const server = createServer((request, res) => {
    seen.push(request.url ?? '')
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('answered directly')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve))
  return {
    url: `http://127.0.0.2:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

const ENV_KEYS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const
let savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>>
let target: Awaited<ReturnType<typeof startTarget>>
let executors: HttpExecutor[]

function executorWith(settings: () => Partial<HttpSettings>): HttpExecutor {
  const executor = new HttpExecutor({ provider: createNoProfilesProvider(), bodies: new BodyStore(join(tmpdir(), `rx-proxy-${process.pid}`)), settings })
  executors.push(executor)
  return executor
}

beforeEach(async () => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]))
  for (const key of ENV_KEYS) delete process.env[key]
  tunnels.length = 0
  absolute.length = 0
  executors = []
  target = await startTarget()
})
afterEach(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
  await Promise.all(executors.map((executor) => executor.dispose()))
  await target.close()
})

async function bodyText(executor: HttpExecutor, url: string): Promise<string> {
  const res = await executor.send(req({ url }))
  return res.body.kind === 'inline' ? res.body.text : ''
}

describe('proxy setting', () => {
  it('sends through the configured proxy (legacy proxyUrl: a CONNECT tunnel)', async () => {
    const recorder = await startRecorder()
    try {
      const executor = executorWith(() => ({ proxyUrl }))
      const res = await executor.send(req({ url: `${recorder.url}/via-proxy` }))
      expect(res.status).toBe(200)
      expect(recorder.seen[0]!.url).toBe('/via-proxy')
      expect(tunnels).toContain(new URL(recorder.url).host)
    } finally {
      await recorder.close()
    }
  })

  it('manual: http and https go through the proxy (https as a CONNECT to host:443)', async () => {
    const executor = executorWith(() => ({ proxy: { mode: 'manual', url: proxyUrl } }))
    await executor.send(req({ url: `${target.url}/manual?q=1` }))
    expect(viaProxy()).toEqual([new URL(target.url).host])

    // The tunnel to a host that does not exist fails, but the proxy was asked for it: that is what counts.
    await executor.send(req({ url: 'https://reactor.example.invalid/companies' })).catch(() => undefined)
    expect(tunnels).toContain('reactor.example.invalid:443')
  })

  it('manual: hosts in the bypass list, and loopback 127.0.0.1/localhost, go direct', async () => {
    const executor = executorWith(() => ({ proxy: { mode: 'manual', url: proxyUrl, noProxy: 'intranet.example, 127.0.0.2' } }))
    expect(await bodyText(executor, `${target.url}/bypassed`)).toBe('answered directly')
    expect(target.seen).toEqual(['/bypassed'])

    const recorder = await startRecorder()
    try {
      await executor.send(req({ url: `${recorder.url}/sandbox-like` }))
      expect(recorder.seen.map((r) => r.url)).toEqual(['/sandbox-like'])
    } finally {
      await recorder.close()
    }
    expect(viaProxy()).toEqual([])
  })

  it("manual: the environment's NO_PROXY does not widen the setting's bypass list", async () => {
    process.env.NO_PROXY = '127.0.0.2'
    const executor = executorWith(() => ({ proxy: { mode: 'manual', url: proxyUrl } }))
    await executor.send(req({ url: `${target.url}/env-ignored` }))
    expect(viaProxy()).toEqual([new URL(target.url).host])
  })

  it('system-env: follows HTTP_PROXY and NO_PROXY (today\'s behaviour)', async () => {
    process.env.HTTP_PROXY = proxyUrl
    const executor = executorWith(() => ({ proxy: { mode: 'system-env' } }))
    await executor.send(req({ url: `${target.url}/env` }))
    expect(viaProxy()).toEqual([new URL(target.url).host])

    process.env.NO_PROXY = '127.0.0.2'
    const bypassing = executorWith(() => ({ proxy: { mode: 'system-env' } }))
    await bypassing.send(req({ url: `${target.url}/env-bypass` }))
    expect(viaProxy()).toHaveLength(1)
    expect(target.seen).toEqual(['/env', '/env-bypass'])
  })

  it('system-env without proxy variables goes direct', async () => {
    const executor = executorWith(() => ({ proxy: { mode: 'system-env' } }))
    expect(await bodyText(executor, `${target.url}/plain`)).toBe('answered directly')
    expect(viaProxy()).toEqual([])
  })

  it('none: direct even when HTTPS_PROXY and HTTP_PROXY are set', async () => {
    process.env.HTTP_PROXY = proxyUrl
    process.env.HTTPS_PROXY = proxyUrl
    const executor = executorWith(() => ({ proxy: { mode: 'none' } }))
    expect(await bodyText(executor, `${target.url}/direct`)).toBe('answered directly')
    expect(viaProxy()).toEqual([])
  })

  it('reads the saved settings on every send: a change applies to the next request', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rx-settings-proxy-'))
    try {
      const store = new NetworkSettingsStore({ dataDir })
      const executor = executorWith(() => store.httpSettings())
      store.update({ proxy: { mode: 'manual', url: proxyUrl } })
      await executor.send(req({ url: `${target.url}/first` }))
      expect(viaProxy()).toEqual([new URL(target.url).host])
      store.update({ proxy: { mode: 'none' } })
      await executor.send(req({ url: `${target.url}/second` }))
      expect(viaProxy()).toHaveLength(1)
      expect(target.seen).toEqual(['/first', '/second'])
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('says when the proxy itself is the problem: unreachable, or refusing the tunnel', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadProxy = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const unreachable = executorWith(() => ({ proxy: { mode: 'manual', url: deadProxy } }))
    await expect(unreachable.send(req({ url: `${target.url}/x` }))).rejects.toMatchObject({
      code: 'http-proxy',
      message: expect.stringMatching(/^Could not reach the proxy 127\.0\.0\.1:\d+ to send this request to 127\.0\.0\.2:\d+\..*Settings → Network/)
    })

    const refusing = executorWith(() => ({ proxy: { mode: 'manual', url: proxyUrl } }))
    await expect(refusing.send(req({ url: 'https://reactor.example.invalid/companies' }))).rejects.toMatchObject({
      code: 'http-proxy',
      message: expect.stringMatching(/^The proxy 127\.0\.0\.1:\d+ would not connect to reactor\.example\.invalid: it answered 502\./)
    })
  })
})

describe('IMS token requests follow the network settings too', () => {
  it('fetches a token through the manual proxy, and directly once the proxy is switched off', async () => {
    const { createAppCore } = await import('../../../src/main/core/app/create-app-core')
    // A stand-in IMS on 127.0.0.2 (not in the always-direct loopback list, so the proxy choice decides).
    const imsCalls: string[] = []
    const ims = createServer((request, res) => {
      imsCalls.push(request.url ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ access_token: `tok-${imsCalls.length}-abcdefghijklmnop`, token_type: 'bearer', expires_in: 86399 }))
    })
    await new Promise<void>((resolve) => ims.listen(0, '127.0.0.2', resolve))
    const imsUrl = `http://127.0.0.2:${(ims.address() as AddressInfo).port}`
    const dataDir = await mkdtemp(join(tmpdir(), 'ims-proxy-'))
    const core = createAppCore({ transport: 'loopback', version: 't', dataDir, log: () => {}, secretStores: [] })
    const call = async (channel: string, input?: unknown) => {
      const result = await core.dispatcher.dispatch(channel, input)
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
      return result.value as { id: string }
    }
    try {
      await call('settings:update', { network: { proxy: { mode: 'manual', url: proxyUrl } } })
      const profile = await call('profiles:create', {
        draft: { name: 'Behind a proxy', environment: 'custom', imsBaseUrl: imsUrl, reactorBaseUrl: imsUrl, clientId: 'proxy-client', orgId: 'ABC123@AdobeOrg' },
        clientSecret: 'proxy-secret-value-123',
        sessionOnly: true
      })
      const before = viaProxy().length
      await call('tokens:generate', { id: profile.id })
      expect(viaProxy().slice(before)).toEqual([new URL(imsUrl).host])

      await call('settings:update', { network: { proxy: { mode: 'none' } } })
      const afterOff = viaProxy().length
      await call('profiles:update', {
        id: profile.id,
        draft: { name: 'Direct now', environment: 'custom', imsBaseUrl: imsUrl, reactorBaseUrl: imsUrl, clientId: 'proxy-client', orgId: 'ABC123@AdobeOrg' }
      })
      await call('tokens:generate', { id: profile.id })
      expect(viaProxy().length).toBe(afterOff)
      expect(imsCalls.filter((url) => url.startsWith('/ims/token/v3'))).toHaveLength(2)
    } finally {
      await core.dispose()
      ims.closeAllConnections()
      await new Promise<void>((resolve) => ims.close(() => resolve()))
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
