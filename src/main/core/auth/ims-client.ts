// The OAuth Server-to-Server token request against IMS (reference reactor-api.md §1): POST
// form-urlencoded to /ims/token/v3 with grant_type=client_credentials. Failures come back classified.
import { request, type Dispatcher } from 'undici'
import { classifyNetworkError, type NetworkFailure } from './network-failure'

export interface TokenRequest {
  imsBaseUrl: string
  clientId: string
  clientSecret: string
  scopes: readonly string[]
  timeoutMs?: number
  dispatcher?: Dispatcher
}

export interface TokenResponse {
  accessToken: string
  tokenType: string
  /** Seconds, as /ims/token/v3 documents. */
  expiresIn: number | undefined
  receivedAt: number
}

export type ImsFailureKind =
  | 'invalid_client'
  | 'invalid_scope'
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'server_error'
  | 'unexpected_response'
  | 'dns'
  | 'tls'
  | 'network'
  | 'timeout'

export class ImsError extends Error {
  constructor(
    readonly kind: ImsFailureKind,
    message: string,
    readonly details: {
      status?: number
      imsError?: string
      description?: string
      /** For invalid_scope: the scopes IMS named (or, when it did not say, the requested ones that are not Reactor's). */
      scopes?: string[]
      network?: NetworkFailure
    } = {}
  ) {
    super(message)
    this.name = 'ImsError'
  }
}

export function tokenEndpoint(imsBaseUrl: string): string {
  return `${imsBaseUrl.replace(/\/+$/, '')}/ims/token/v3`
}

function namedScopes(description: string, requested: readonly string[]): string[] {
  // "Invalid scope(s): a,b." (sandbox), "invalid scope: a" — otherwise any requested scope IMS quotes.
  const listed = /scopes?(?:\(s\))?\s*[:=]\s*([^\s.;]+)/i.exec(description)?.[1]
  if (listed) return listed.split(',').map((s) => s.trim()).filter(Boolean)
  return requested.filter((scope) => description.includes(scope))
}

export async function requestAccessToken(input: TokenRequest): Promise<TokenResponse> {
  const url = tokenEndpoint(input.imsBaseUrl)
  const host = new URL(url).host
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: input.clientId,
    client_secret: input.clientSecret,
    scope: input.scopes.join(',')
  }).toString()
  let status: number
  let text: string
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(input.timeoutMs ?? 20_000),
      dispatcher: input.dispatcher
    })
    status = response.statusCode
    text = await response.body.text()
  } catch (error) {
    const network = classifyNetworkError(error, host)
    throw new ImsError(network.kind, network.message, { network })
  }
  let json: Record<string, unknown> | undefined
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = undefined
  }
  if (status === 200 && json && typeof json.access_token === 'string' && json.access_token) {
    const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in)
    return {
      accessToken: json.access_token,
      tokenType: typeof json.token_type === 'string' ? json.token_type : 'bearer',
      expiresIn: Number.isFinite(expiresIn) ? expiresIn : undefined,
      receivedAt: Date.now()
    }
  }
  const imsError = typeof json?.error === 'string' ? json.error : undefined
  const description = typeof json?.error_description === 'string' ? json.error_description : ''
  const details = { status, imsError, description }
  switch (imsError) {
    case 'invalid_client':
      throw new ImsError('invalid_client', `IMS refused the Client ID and Client Secret (invalid_client, HTTP ${status}).`, details)
    case 'invalid_scope': {
      const scopes = namedScopes(description, input.scopes)
      throw new ImsError('invalid_scope', `IMS refused the scopes${scopes.length ? `: ${scopes.join(', ')}` : ''} (invalid_scope).`, { ...details, scopes })
    }
    case 'invalid_request':
      throw new ImsError('invalid_request', `IMS says the token request is incomplete: ${description || 'invalid_request'}.`, details)
    case 'unsupported_grant_type':
      throw new ImsError('unsupported_grant_type', `IMS does not accept this grant type: ${description}.`, details)
    default:
      break
  }
  if (status >= 500) {
    throw new ImsError('server_error', `IMS had a problem (HTTP ${status}${imsError ? `, ${imsError}` : ''}). Try again in a minute.`, details)
  }
  throw new ImsError(
    'unexpected_response',
    `IMS answered HTTP ${status} ${imsError ? `(${imsError}) ` : ''}without an access token. Is ${host} really an Adobe IMS host?`,
    details
  )
}
