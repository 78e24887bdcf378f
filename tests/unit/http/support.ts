// Test doubles for the executor tests: a CredentialProvider that gets real tokens from the sandbox's IMS,
// and a loopback server that records everything it receives (the "foreign host").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CredentialProvider } from '../../../src/main/core/auth/credential-provider'
import { BodyStore } from '../../../src/main/core/http/body-store'
import { HttpExecutor, type HttpSendInput, type HttpSettings } from '../../../src/main/core/http/executor'
import { AppError } from '../../../src/shared/errors'
import { SecretRegistry } from '../../../src/main/core/security/secret-registry'
import { startSandbox, type RunningSandbox } from '../../../src/sandbox'
import { SANDBOX_CREDENTIALS, type SandboxCredential } from '../../../src/sandbox'

export const PROFILE = 'profile-working'

export class SandboxProvider implements CredentialProvider {
  token: string | undefined
  tokenRequests = 0
  refreshes = 0
  /** Next token fetch returns this instead of a real one (to provoke a 401). */
  poisonNext: string | undefined

  constructor(
    readonly sb: RunningSandbox,
    readonly secrets: SecretRegistry,
    readonly credential: SandboxCredential = SANDBOX_CREDENTIALS.working
  ) {}

  async fetchToken(): Promise<string> {
    this.tokenRequests++
    if (this.poisonNext) {
      const bad = this.poisonNext
      this.poisonNext = undefined
      return bad
    }
    const res = await fetch(`${this.sb.imsUrl}/ims/token/v3`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.credential.clientId,
        client_secret: this.credential.clientSecret,
        scope: this.credential.scopes.join(',')
      })
    })
    const token = ((await res.json()) as { access_token: string }).access_token
    this.secrets.add(token)
    return token
  }

  async authHeadersFor(profileId: string, url: URL): Promise<Record<string, string> | undefined> {
    if (profileId !== PROFILE) return undefined
    if (url.origin !== new URL(this.sb.reactorUrl).origin) return undefined
    this.token ??= await this.fetchToken()
    return { Authorization: `Bearer ${this.token}`, 'x-api-key': this.credential.clientId, 'x-gw-ims-org-id': this.credential.orgId }
  }

  async refreshAfterUnauthorized(profileId: string): Promise<boolean> {
    if (profileId !== PROFILE) return false
    this.refreshes++
    this.token = await this.fetchToken()
    return true
  }

  async reactorBaseUrl(profileId: string): Promise<string> {
    if (profileId !== PROFILE) throw new AppError('profile-not-found', `There is no profile "${profileId}".`)
    return this.sb.reactorUrl
  }
}

export interface Recorded {
  method: string
  url: string
  headers: IncomingMessage['headers']
  rawHeaders: string[]
  body: string
}

/** A second loopback server: records every request; `respond` decides the answer (default 200 JSON). */
export async function startRecorder(
  respond: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  }
): Promise<{ url: string; seen: Recorded[]; server: Server; close(): Promise<void> }> {
  const seen: Recorded[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body })
      respond(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export interface Harness {
  sb: RunningSandbox
  secrets: SecretRegistry
  provider: SandboxProvider
  bodies: BodyStore
  executor: HttpExecutor
  tempDir: string
  close(): Promise<void>
}

export async function startHarness(settings: Partial<HttpSettings> = {}): Promise<Harness> {
  const sb = await startSandbox({ seed: 7 })
  const secrets = new SecretRegistry()
  const provider = new SandboxProvider(sb, secrets)
  const tempDir = await mkdtemp(join(tmpdir(), 'rx-http-'))
  const bodies = new BodyStore(join(tempDir, 'bodies'))
  const executor = new HttpExecutor({ provider, bodies, secrets, settings: () => settings })
  return {
    sb,
    secrets,
    provider,
    bodies,
    executor,
    tempDir,
    async close() {
      await executor.dispose()
      await bodies.dispose()
      await sb.close()
      await rm(tempDir, { recursive: true, force: true })
    }
  }
}

let counter = 0
/** A parsed-looking send input (what the dispatcher passes after zod defaults). */
export function req(partial: Partial<HttpSendInput> & { url: string }): HttpSendInput {
  return {
    requestId: partial.requestId ?? `r${++counter}`,
    method: partial.method ?? 'GET',
    query: partial.query ?? [],
    headers: partial.headers ?? [],
    options: partial.options ?? {},
    ...partial
  } as HttpSendInput
}

export function headerOf(pairs: Array<[string, string]>, name: string): string | undefined {
  return pairs.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
}
