// The OAuth Server-to-Server token request against IMS (reference reactor-api.md §1): POST
// form-urlencoded to /ims/token/v3 with grant_type=client_credentials, through the one network layer (the
// person's proxy, timeouts and error wording). Failures come back classified.
import { defaultNetworkClient, type NetworkClient } from '../net/network-client'
import { NetworkError, type NetworkFailureKind } from '../net/network-errors'
import { AppError } from '../../../shared/errors'
import { SecretRegistry } from '../security/secret-registry'

export interface TokenRequest {
  imsBaseUrl: string
  clientId: string
  clientSecret: string
  scopes: readonly string[]
  /** Default: the network settings' timeout. */
  timeoutMs?: number
  /** Default: the process-wide layer (environment proxy); the app passes the one it composed. */
  network?: NetworkClient
  /** Masks every secret the app knows (the SecretRegistry's redact); the client secret is masked regardless. */
  redact?: (text: string) => string
}

/** IMS token answers are about 2 KB (a JWT and three fields); anything past this is not IMS talking. */
export const IMS_MAX_ANSWER_BYTES = 64 * 1024

/** How a network failure reached IMS's caller: the classification, its underlying code and sentence. */
export interface NetworkFailure {
  kind: NetworkFailureKind
  code: string
  message: string
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

/** The IMS kind of a network failure: the shared classification, in the four causes the doctor advises on. */
function imsNetworkError(error: unknown): ImsError {
  if (!(error instanceof NetworkError)) {
    const message = error instanceof AppError ? error.message : `The token request failed: ${(error as Error)?.message ?? String(error)}`
    return new ImsError('network', message)
  }
  const network: NetworkFailure = { kind: error.kind, code: error.causeCode, message: error.message }
  if (error.kind === 'too-large') return new ImsError('unexpected_response', error.message, { network })
  const kind: ImsFailureKind = error.kind === 'dns' || error.kind === 'tls' || error.kind === 'timeout' ? error.kind : 'network'
  return new ImsError(kind, error.message, { network })
}

/**
 * IMS's own words (error, error_description) are remote text: an echoing IMS, proxy or test double may quote
 * the client secret back. They are masked here, where they enter the app, so every later reader (the doctor,
 * an error answer, a log line) carries the useful sentence instead of the whole answer being blocked by the
 * guard. Capped too: a description is a sentence, not a page.
 */
const IMS_TEXT_MAX_CHARS = 1000

function remoteTextRedactor(input: TokenRequest): (text: string) => string {
  const own = new SecretRegistry()
  own.add(input.clientSecret)
  return (text) => {
    const capped = text.length > IMS_TEXT_MAX_CHARS ? `${text.slice(0, IMS_TEXT_MAX_CHARS)}…` : text
    const masked = own.redact(capped)
    return input.redact ? input.redact(masked) : masked
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
    const response = await (input.network ?? defaultNetworkClient()).fetchBounded(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      body,
      timeoutMs: input.timeoutMs,
      maxBytes: IMS_MAX_ANSWER_BYTES,
      label: 'IMS',
      tooLargeHint: `A token answer is a few KB: check that ${host} really is an Adobe IMS host.`
    })
    status = response.status
    text = response.text
  } catch (error) {
    throw imsNetworkError(error)
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
  const redact = remoteTextRedactor(input)
  const imsError = typeof json?.error === 'string' ? redact(json.error) : undefined
  const description = typeof json?.error_description === 'string' ? redact(json.error_description) : ''
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
