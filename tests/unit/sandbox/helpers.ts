// Shared helpers for the sandbox tests: real HTTP over loopback against a real sandbox instance.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox'
import { SANDBOX_CREDENTIALS, type SandboxCredential } from '../../../src/sandbox'

export const ACCEPT = 'application/vnd.api+json;revision=1'

export { startSandbox, SANDBOX_CREDENTIALS }
export type { RunningSandbox, SandboxOptions, SandboxCredential }

export async function getToken(sb: RunningSandbox, credential: SandboxCredential = SANDBOX_CREDENTIALS.working): Promise<string> {
  const res = await fetch(`${sb.imsUrl}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
      scope: credential.scopes.join(',')
    })
  })
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { access_token: string }).access_token
}

export function reactorHeaders(token: string, credential: SandboxCredential = SANDBOX_CREDENTIALS.working): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'x-api-key': credential.clientId,
    'x-gw-ims-org-id': credential.orgId,
    accept: ACCEPT,
    'content-type': 'application/vnd.api+json'
  }
}

export interface Client {
  sb: RunningSandbox
  token: string
  request(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>
  get(path: string): Promise<{ status: number; json: any; headers: Headers }>
}

/** A client for the working credential (or another), with the token already fetched. */
export async function client(sb: RunningSandbox, credential: SandboxCredential = SANDBOX_CREDENTIALS.working): Promise<Client> {
  const token = await getToken(sb, credential)
  const request: Client['request'] = async (method, path, body, extraHeaders = {}) => {
    const url = path.startsWith('http') ? path : sb.baseUrl + path
    const res = await fetch(url, {
      method,
      headers: { ...reactorHeaders(token, credential), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers }
  }
  return { sb, token, request, get: (path) => request('GET', path) }
}

export async function withSandbox<T>(options: SandboxOptions, fn: (sb: RunningSandbox) => Promise<T>): Promise<T> {
  const sb = await startSandbox(options)
  try {
    return await fn(sb)
  } finally {
    await sb.close()
  }
}
