import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SendPipeline, type SentExchange } from '../../../src/main/core/requests/send-pipeline'
import { requestSpec, type RequestSpecInput } from '../../../src/shared/requests/request-spec'
import { PROFILE, startHarness, startRecorder, type Harness } from '../http/support'

let h: Harness
let recorder: Awaited<ReturnType<typeof startRecorder>>
let dir: string
let pipeline: SendPipeline
const seen: SentExchange[] = []
const SECRET_VALUE = 'pipeline-secret-variable-value'
let n = 0

beforeAll(async () => {
  h = await startHarness()
  recorder = await startRecorder()
  dir = await mkdtemp(join(tmpdir(), 'rx-pipeline-'))
  pipeline = new SendPipeline({ executor: h.executor, secrets: h.secrets, secretVariable: (name) => (name === 'apiSecret' ? SECRET_VALUE : undefined) })
  pipeline.observe((exchange) => seen.push(exchange))
})
afterAll(async () => {
  await recorder.close()
  await h.close()
  await rm(dir, { recursive: true, force: true })
})
beforeEach(() => {
  recorder.seen.length = 0
  seen.length = 0
})

const send = (spec: RequestSpecInput, context: Partial<Parameters<SendPipeline['send']>[1]> = {}) =>
  pipeline.send(requestSpec(spec), { requestId: `p${++n}`, source: 'app', ...context })

describe('SendPipeline: the one path from a request document to the network', () => {
  it('sends a document with the profile auth inherited on its own host, and reports the exchange once', async () => {
    const response = await send({ method: 'GET', url: '/companies' }, { profileId: PROFILE })
    expect(response.status).toBe(200)
    expect(response.sentHeaders.find(([name]) => name === 'Authorization')?.[1]).toMatch(/^Bearer ••••.{4} \(profile\)$/)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ source: 'app', profileId: PROFILE, spec: { method: 'GET', url: '/companies' }, response: { status: 200 } })
    expect(JSON.stringify(seen)).not.toContain(h.provider.token!)
  })

  it('auth none sends nothing of the profile, even on its own host (Reactor answers 401)', async () => {
    const response = await send({ method: 'GET', url: '/companies', auth: { type: 'none' } }, { profileId: PROFILE })
    expect(response.status).toBe(401)
    expect(response.sentHeaders.map(([name]) => name.toLowerCase())).not.toContain('authorization')
  })

  it('never attaches the profile credential to another host; typed auth headers go as typed', async () => {
    await send({ method: 'GET', url: `${recorder.url}/elsewhere` }, { profileId: PROFILE })
    const first = recorder.seen[0]!
    expect(first.headers.authorization).toBeUndefined()
    expect(first.headers['x-api-key']).toBeUndefined()
    expect(first.headers['x-gw-ims-org-id']).toBeUndefined()
    await send({
      method: 'GET',
      url: `${recorder.url}/typed`,
      headers: [{ name: 'Authorization', value: 'Bearer row', enabled: true }],
      auth: { type: 'headers', headers: [{ name: 'Authorization', value: 'Bearer typed-by-hand', enabled: true }] }
    })
    expect(recorder.seen[1]!.headers.authorization).toBe('Bearer typed-by-hand')
  })

  it('refuses a document with unresolved variables, naming each and where, and sends nothing', async () => {
    await expect(send({ method: 'GET', url: `${recorder.url}/{{path}}`, headers: [{ name: 'X-A', value: '{{a}}', enabled: true }] })).rejects.toMatchObject({
      code: 'request-unresolved-variables',
      message: 'Not sent. These variables have no value: {{a}} in header X-A; {{path}} in URL.'
    })
    expect(recorder.seen).toHaveLength(0)
    expect(seen[0]).toMatchObject({ error: { code: 'request-unresolved-variables' } })
  })

  it('resolves scopes; a secret variable is sent, registered with the guard, and observers see only its placeholder', async () => {
    const response = await send(
      { method: 'GET', url: `${recorder.url}/{{where}}`, params: [{ name: 'q', value: '{{q}}', enabled: true }], headers: [{ name: 'X-Secret', value: '{{apiSecret}}', enabled: true }], variables: [{ name: 'where', value: 'request-scope', enabled: true }] },
      { variables: { environment: [{ name: 'where', value: 'env-scope', enabled: true }, { name: 'apiSecret', secret: true, enabled: true }], runtime: [{ name: 'q', value: 'run time', enabled: true }] } }
    )
    expect(recorder.seen[0]!.url).toBe('/env-scope?q=run%20time')
    expect(recorder.seen[0]!.headers['x-secret']).toBe(SECRET_VALUE)
    expect(h.secrets.containsSecret(`x ${SECRET_VALUE} y`)).toBe(true)
    expect(seen[0]!.spec.headers[0]!.value).toBe('{{apiSecret}}')
    expect(JSON.stringify(seen)).not.toContain(SECRET_VALUE)
    // What goes back to the caller (the renderer) echoes the placeholder, not the value.
    expect(response.sentHeaders).toContainEqual(['X-Secret', '{{apiSecret}}'])
    expect(JSON.stringify(response)).not.toContain(SECRET_VALUE)
  })

  it('drops Content-Type when no body goes, and disabled rows', async () => {
    await send({
      method: 'GET',
      url: `${recorder.url}/nobody`,
      headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }, { name: 'X-Off', value: '1', enabled: false }],
      params: [{ name: 'off', value: '1', enabled: false }],
      body: { type: 'json', text: '{"ignored":true}' }
    })
    const got = recorder.seen[0]!
    expect(got.headers['content-type']).toBeUndefined()
    expect(got.headers['x-off']).toBeUndefined()
    expect(got.url).toBe('/nobody')
    expect(got.body).toBe('')
  })

  it('encodes every body kind: JSON (JSON:API on Reactor, application/json elsewhere), text, form, multipart with a file, binary', async () => {
    await send({ method: 'POST', url: `${recorder.url}/json`, body: { type: 'json', text: '{"a":1}' } })
    expect(recorder.seen[0]).toMatchObject({ body: '{"a":1}', headers: { 'content-type': 'application/json' } })

    await send({ method: 'POST', url: `${recorder.url}/text`, body: { type: 'text', text: 'a,b\n1,2', contentType: 'text/csv' } })
    expect(recorder.seen[1]).toMatchObject({ body: 'a,b\n1,2', headers: { 'content-type': 'text/csv' } })

    await send({ method: 'POST', url: `${recorder.url}/form`, body: { type: 'form-urlencoded', fields: [{ name: 'grant', value: 'a b&c', enabled: true }, { name: 'off', value: 'x', enabled: false }] } })
    expect(recorder.seen[2]).toMatchObject({ body: 'grant=a+b%26c', headers: { 'content-type': 'application/x-www-form-urlencoded' } })

    const file = join(dir, 'package.zip')
    await writeFile(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff]))
    await send({ method: 'POST', url: `${recorder.url}/multi`, body: { type: 'multipart', parts: [{ kind: 'text', name: 'note', value: 'hello' }, { kind: 'file', name: 'package', path: file, contentType: 'application/zip' }] } })
    const multi = recorder.seen[3]!
    expect(multi.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(multi.body).toContain('name="note"')
    expect(multi.body).toContain('hello')
    expect(multi.body).toContain('filename="package.zip"')
    expect(multi.body).toContain('Content-Type: application/zip')

    await send({ method: 'PUT', url: `${recorder.url}/bin`, body: { type: 'binary', path: file } })
    expect(recorder.seen[4]!.headers['content-type']).toBe('application/octet-stream')
    expect(recorder.seen[4]!.headers['content-length']).toBe('5')
  })

  it('JSON bodies to the profile host get Reactor’s JSON:API media type', async () => {
    const response = await send(
      { method: 'POST', url: `/companies/${h.sb.seeded.companyId}/properties`, body: { type: 'json', text: JSON.stringify({ data: { type: 'properties', attributes: { name: 'From the pipeline', platform: 'web', domains: ['example.com'] } } }) } },
      { profileId: PROFILE }
    )
    expect(response.status).toBe(201)
    expect(response.sentHeaders).toContainEqual(['Content-Type', 'application/vnd.api+json'])
  })

  it('a missing or oversized file is a clear error before anything is sent', async () => {
    await expect(send({ method: 'POST', url: `${recorder.url}/x`, body: { type: 'binary', path: join(dir, 'nope.bin') } })).rejects.toMatchObject({
      code: 'request-file-unreadable',
      message: expect.stringContaining('does not exist')
    })
    await expect(send({ method: 'POST', url: `${recorder.url}/x`, body: { type: 'binary', path: dir } })).rejects.toMatchObject({ message: expect.stringContaining('is a folder') })
    expect(recorder.seen).toHaveLength(0)
  })

  it('options reach the executor: no redirects when asked', async () => {
    const redirecting = await startRecorder((_req, res) => {
      res.writeHead(302, { location: '/next' })
      res.end()
    })
    try {
      const response = await send({ method: 'GET', url: `${redirecting.url}/start`, options: { followRedirects: false } })
      expect(response.status).toBe(302)
      expect(redirecting.seen).toHaveLength(1)
    } finally {
      await redirecting.close()
    }
  })

  it('an observer that throws never fails the send', async () => {
    const off = pipeline.observe(() => {
      throw new Error('history is broken')
    })
    try {
      await expect(send({ method: 'GET', url: `${recorder.url}/ok` })).resolves.toMatchObject({ status: 200 })
    } finally {
      off()
    }
  })
})
