import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SecretRegistry, encodedForms } from '../../../src/main/core/security/secret-registry'
import { SandboxHost } from '../../../src/sandbox'
import type { HttpResponse } from '../../../src/shared/contract'
import type { SavedBody } from '../../../src/shared/ipc/requests.contract'

// Big bodies are written to response-bodies/ past the inline limit, where the guard in front of IPC answers
// never looks. They are scanned while written; a body holding a known secret is marked and saving it asks.
const SECRET = 'p8e-Sc4nN3d+Secret/With=Odd"Chars\\0123'

describe('the streaming scan', () => {
  it('finds a secret split across two chunks at every position, in every encoded form', () => {
    const registry = new SecretRegistry()
    registry.add(SECRET, 'client secret')
    for (const form of encodedForms(SECRET)) {
      const text = `${'x'.repeat(50)} ${form} ${'y'.repeat(50)}`
      for (let cut = 1; cut < text.length; cut += 7) {
        const scan = registry.scanner()
        scan.push(text.slice(0, cut))
        scan.push(text.slice(cut))
        expect(scan.found, `form ${form} cut at ${cut}`).toBe('client secret')
      }
    }
  })

  it('finds a secret spread over many one-character chunks, and nothing in a clean stream', () => {
    const registry = new SecretRegistry()
    const adobeStyle = 'p8e-0123456789abcdefghijklmnopqrstuv'
    registry.add(adobeStyle) // no kind given: named by what it looks like
    registry.add(SECRET)
    const scan = registry.scanner()
    for (const char of `before ${adobeStyle} after`) scan.push(char)
    expect(scan.found).toBe('Adobe client secret')
    const clean = registry.scanner()
    for (let i = 0; i < 1000; i++) clean.push('p8e-Sc4nN3d+Secret/With=Odd')
    expect(clean.found).toBeUndefined()
  })
})

describe('a large body holding a known secret (composed app core, browser mode: no save dialog)', () => {
  let server: Server
  let base: string
  let core: AppCore
  let dataDir: string
  const registry = new SecretRegistry()
  beforeAll(async () => {
    registry.add(SECRET, 'client secret')
    server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      if (request.url === '/clean') {
        response.end(JSON.stringify({ data: 'z'.repeat(200_000) }))
        return
      }
      // The secret is cut in two writes, 20 ms apart, so it arrives split across chunks, far past the preview.
      const text = JSON.stringify({ data: 'a'.repeat(150_000), leaked: SECRET, more: 'b'.repeat(50_000) })
      const cut = text.indexOf(SECRET) + 9
      response.write(text.slice(0, cut))
      setTimeout(() => response.end(text.slice(cut)), 20)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    dataDir = await mkdtemp(join(tmpdir(), 'body-scan-'))
    core = createAppCore({ transport: 'loopback', version: 't', dataDir, log: () => {}, secretStores: [], secrets: registry, sandbox: new SandboxHost({ seed: 2 }) })
  })
  afterAll(async () => {
    await core?.dispose()
    await new Promise((resolve) => server?.close(resolve))
  })

  async function send(path: string): Promise<HttpResponse> {
    const result = await core.dispatcher.dispatch('requests:send', { requestId: `r-${path}`, spec: { method: 'GET', url: `${base}${path}` }, maxInlineBodyBytes: 4096 })
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as HttpResponse
  }

  async function save(input: { bodyId: string; suggestedName?: string; confirm?: boolean }): Promise<SavedBody> {
    const result = await core.dispatcher.dispatch('requests:saveBody', input)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.value as SavedBody
  }

  it('is marked with the kind found, saving asks first, and the download has the secret masked', async () => {
    const response = await send('/secret')
    expect(response.body).toMatchObject({ kind: 'file', containsSecret: true, secretKind: 'client secret' })
    if (response.body.kind !== 'file') throw new Error('expected a file body')
    const asked = await save({ bodyId: response.body.bodyId, suggestedName: 'big.json' })
    expect(asked).toEqual({ saved: false, needsConfirmation: { found: 'This response body contains your client secret. Saving it writes that secret into the file.' } })

    const confirmed = await save({ bodyId: response.body.bodyId, suggestedName: 'big.json', confirm: true })
    expect(confirmed).toMatchObject({ saved: false, download: { fileName: 'big.json', mimeType: 'application/json', secretsMasked: true } })
    const text = Buffer.from(confirmed.download!.contentBase64, 'base64').toString('utf8')
    expect(text).not.toContain(SECRET)
    expect(JSON.parse(text)).toMatchObject({ leaked: '••••••', more: 'b'.repeat(50_000) })
    // The raw body stays in main's own folder; nothing was written anywhere else (no ~/Downloads).
    expect(await readdir(dataDir)).not.toContain('big.json')
  })

  it('a clean large body is not marked and downloads byte for byte', async () => {
    const response = await send('/clean')
    if (response.body.kind !== 'file') throw new Error('expected a file body')
    expect(response.body.containsSecret).toBeUndefined()
    const saved = await save({ bodyId: response.body.bodyId, suggestedName: 'clean.json' })
    expect(Buffer.from(saved.download!.contentBase64, 'base64').toString('utf8')).toBe(JSON.stringify({ data: 'z'.repeat(200_000) }))
  })
})

describe('a marked body in the app (a save dialog)', () => {
  it('writes only after the confirmation, to the chosen path', async () => {
    const registry = new SecretRegistry()
    registry.add(SECRET, 'access token')
    const server = createServer((_request, response) => response.end(`${'c'.repeat(10_000)}${SECRET}`))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const dataDir = await mkdtemp(join(tmpdir(), 'body-scan-app-'))
    const chosen: string[] = []
    const core = createAppCore({
      transport: 'electron',
      version: 't',
      dataDir,
      log: () => {},
      secretStores: [],
      secrets: registry,
      sandbox: new SandboxHost({ seed: 2 }),
      chooseSavePath: async (name) => {
        chosen.push(name)
        return join(dataDir, `saved-${name}`)
      }
    })
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
      const sent = await core.dispatcher.dispatch('requests:send', { requestId: 'a', spec: { method: 'GET', url }, maxInlineBodyBytes: 1024 })
      const body = (sent as { value: HttpResponse }).value.body
      if (body.kind !== 'file') throw new Error('expected a file body')
      expect(body.secretKind).toBe('access token')
      expect(await core.dispatcher.dispatch('requests:saveBody', { bodyId: body.bodyId, suggestedName: 'x.txt' })).toMatchObject({ ok: true, value: { saved: false, needsConfirmation: {} } })
      expect(chosen).toEqual([])
      expect(await core.dispatcher.dispatch('requests:saveBody', { bodyId: body.bodyId, suggestedName: 'x.txt', confirm: true })).toEqual({ ok: true, value: { saved: true, path: join(dataDir, 'saved-x.txt') } })
      expect((await readFile(join(dataDir, 'saved-x.txt'), 'utf8')).endsWith(SECRET)).toBe(true)
    } finally {
      await core.dispose()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
