import { mkdtemp } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../../src/main/core/app/create-app-core'
import { SandboxHost } from '../../../src/sandbox'
import type { DoctorReport, ProfileSummary } from '../../../src/shared/contract'

// Redact, don't blank: IMS (or a proxy in front of it) that echoes the client secret in its error text must
// not make the guard block the whole doctor answer. The sentence reaches the person with the secret masked.
const SECRET = 'p8e-Ab"c\\d+e/f=g0123456789abcdefghijklmnopq'

describe('the Credential Doctor with an IMS that echoes the client secret', () => {
  let core: AppCore
  let ims: Server
  let imsUrl: string
  beforeAll(async () => {
    ims = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        const secret = new URLSearchParams(body).get('client_secret') ?? ''
        response.writeHead(request.method === 'POST' ? 401 : 405, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: 'invalid_client', error_description: `The client secret ${secret} does not belong to this client.` }))
      })
    })
    await new Promise<void>((resolve) => ims.listen(0, '127.0.0.1', resolve))
    imsUrl = `http://127.0.0.1:${(ims.address() as { port: number }).port}`
    core = createAppCore({ transport: 'loopback', version: 't', dataDir: await mkdtemp(join(tmpdir(), 'doctor-redaction-')), log: () => {}, secretStores: [], sandbox: new SandboxHost({ seed: 3 }) })
  })
  afterAll(async () => {
    await core?.dispose()
    await new Promise((resolve) => ims?.close(resolve))
  })

  it('shows what IMS said with the secret masked, and the answer is not blocked', async () => {
    const created = await core.dispatcher.dispatch('profiles:create', {
      draft: { name: 'Echo', environment: 'custom', imsBaseUrl: imsUrl, reactorBaseUrl: imsUrl, clientId: 'client-1', orgId: '1234567890ABCDEF12345678@AdobeOrg' },
      clientSecret: SECRET,
      sessionOnly: true
    })
    if (!created.ok) throw new Error(created.error.message)
    const profile = created.value as ProfileSummary
    const result = await core.dispatcher.dispatch('doctor:run', { profileId: profile.id })
    if (!result.ok) throw new Error(`the doctor's answer was refused: ${result.error.code}: ${result.error.message}`)
    const report = result.value as DoctorReport
    const token = report.steps.find((step) => step.id === 'token')!
    expect(token.status).toBe('fail')
    expect(token.details.join('\n')).toMatch(/IMS said: The client secret (\[redacted\]|•+) does not belong to this client\./)
    expect(report.text).toContain('does not belong to this client')
    expect(JSON.stringify(report)).not.toContain('p8e-Ab')
  })
})

describe('the IMS client masks remote text where it enters the app', () => {
  it('an echoed client secret reaches the ImsError masked, even with no registry', async () => {
    const { requestAccessToken, ImsError } = await import('../../../src/main/core/auth/ims-client')
    const server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => (body += chunk))
      request.on('end', () => {
        const secret = new URLSearchParams(body).get('client_secret') ?? ''
        response.writeHead(400, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: 'invalid_request', error_description: `bad secret ${secret}` }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const failure = await requestAccessToken({
        imsBaseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        clientId: 'c',
        clientSecret: SECRET,
        scopes: ['openid']
      }).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(ImsError)
      const ims = failure as InstanceType<typeof ImsError>
      expect(ims.message).toMatch(/^IMS says the token request is incomplete: bad secret •+\.$/)
      expect(ims.details.description).toMatch(/^bad secret •+$/)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
