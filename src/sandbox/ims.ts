// The IMS half of the sandbox: the OAuth Server-to-Server token endpoints and the retired JWT exchange.
// Statuses for token failures are not documented by Adobe; these follow the reference notes (section 1.4)
// and RFC 6749 section 5.2.
import { parseMultipartFields } from './multipart'
import { findAccountByClientId } from './scenarios'
import type { TokenSigner } from './tokens'
import { headerValue, jsonResponse, type SandboxRequest, type SandboxResponse } from './http-types'

export interface ImsContext {
  signer: TokenSigner
  tokenLifetimeSeconds: number
}

function imsError(status: number, error: string, description: string): SandboxResponse {
  return jsonResponse(status, { error, error_description: description })
}

/** Params may come in the query string, a urlencoded body or a multipart body; body wins on conflicts. */
function readParams(req: SandboxRequest): Map<string, string> {
  const params = new Map<string, string>(req.url.searchParams)
  const contentType = headerValue(req.headers, 'content-type') ?? ''
  if (req.body.length === 0) return params
  if (/multipart\/form-data/i.test(contentType)) {
    for (const [key, value] of parseMultipartFields(req.body, contentType) ?? []) params.set(key, value)
  } else {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) params.set(key, value)
  }
  return params
}

export function isImsTokenPath(pathname: string): boolean {
  return /^\/ims\/token\/v[23]\/?$/.test(pathname)
}

export function handleIms(req: SandboxRequest, ctx: ImsContext): SandboxResponse {
  const path = req.url.pathname
  if (/^\/ims\/exchange\/jwt\/?$/.test(path)) {
    return imsError(
      400,
      'invalid_client',
      'JWT (Service Account) credentials reached end of life on 2025-06-30 and have been converted to ' +
        'OAuth Server-to-Server credentials. Request a token from /ims/token/v3 with grant_type=client_credentials, ' +
        'your client_id, client_secret and scopes instead.'
    )
  }
  if (!isImsTokenPath(path)) return imsError(404, 'not_found', `No IMS endpoint at ${path}`)
  if (req.method !== 'POST') return imsError(405, 'invalid_request', 'Use POST for the token endpoint')

  const params = readParams(req)
  const grantType = params.get('grant_type')
  if (!grantType) return imsError(400, 'invalid_request', 'Missing required parameter: grant_type')
  if (grantType !== 'client_credentials') {
    return imsError(400, 'unsupported_grant_type', `Unsupported grant_type "${grantType}"; use client_credentials`)
  }
  const clientId = params.get('client_id')
  if (!clientId) return imsError(400, 'invalid_request', 'Missing required parameter: client_id')
  const clientSecret = params.get('client_secret')
  if (!clientSecret) return imsError(400, 'invalid_request', 'Missing required parameter: client_secret')

  const account = findAccountByClientId(clientId)
  if (!account || account.acceptedSecret !== clientSecret) {
    return imsError(401, 'invalid_client', 'invalid client_id or client_secret combination')
  }

  const requested = (params.get('scope') ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean)
  const unknown = requested.filter((scope) => !account.allowedScopes.includes(scope))
  if (unknown.length > 0) {
    return imsError(
      400,
      'invalid_scope',
      `Invalid scope(s): ${unknown.join(',')}. Allowed scopes for this client: ${account.allowedScopes.join(',')}`
    )
  }
  // An omitted scope parameter grants the credential's configured scopes, as the Developer Console does.
  const scopes = requested.length > 0 ? requested : account.allowedScopes
  const { token } = ctx.signer.mint({
    clientId: account.clientId,
    userId: account.technicalAccountId,
    orgId: account.orgId,
    scopes,
    lifetimeSeconds: ctx.tokenLifetimeSeconds
  })
  return jsonResponse(200, { access_token: token, token_type: 'bearer', expires_in: ctx.tokenLifetimeSeconds })
}
