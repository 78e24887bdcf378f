// The gateway checks in front of every Reactor route: bearer token, x-api-key, org header, product profile
// and the versioned Accept header. Adobe documents none of these bodies (reference section 9, item 4), so
// they are JSON:API errors whose `detail` says plainly what to fix.
import { errorResponse } from './jsonapi'
import { findAccountByClientId } from './scenarios'
import { headerValue, type SandboxRequest, type SandboxResponse } from './http-types'
import type { Caller, ReactorContext } from './context'

const ACCEPT_PATTERN = /application\/vnd\.api\+json\s*;\s*revision\s*=\s*1\b/i

export function authenticate(req: SandboxRequest, ctx: ReactorContext): Caller | SandboxResponse {
  const unauthorized = (detail: string) =>
    errorResponse(
      req,
      { status: 401, code: 'authentication-failure', title: 'Unauthorized', detail, pointer: '/headers/authorization' },
      { 'www-authenticate': 'Bearer error="invalid_token"' }
    )
  const authorization = headerValue(req.headers, 'authorization')
  if (!authorization) return unauthorized('Missing Authorization header; send "Authorization: Bearer <access token>".')
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
  if (!bearer) return unauthorized('The Authorization header must be "Bearer <access token>".')
  const check = ctx.signer.verify(bearer)
  if (!check.ok) {
    const details = {
      malformed: 'The access token is malformed (not a JWT).',
      'bad-signature': 'The access token was not issued by this IMS (signature check failed); request a new token.',
      expired: 'The access token has expired; request a new one from IMS.'
    }
    return unauthorized(details[check.reason])
  }
  const account = findAccountByClientId(check.claims.client_id)
  if (!account) return unauthorized('The access token belongs to an unknown client.')

  const apiKey = headerValue(req.headers, 'x-api-key')
  if (apiKey !== check.claims.client_id) {
    return errorResponse(req, {
      status: 403,
      code: 'not-authorized',
      title: apiKey ? 'Api Key is invalid' : 'Api Key is required',
      detail: `The x-api-key header must be the Client ID the token was issued to (${check.claims.client_id}).`,
      pointer: '/headers/x-api-key'
    })
  }
  const orgId = headerValue(req.headers, 'x-gw-ims-org-id')
  if (orgId !== account.orgId) {
    return errorResponse(req, {
      status: 403,
      code: 'invalid-org',
      title: orgId ? 'Organization does not match the token' : 'Organization header is required',
      detail: `The x-gw-ims-org-id header must be the credential's Organization ID (${account.orgId}).`,
      pointer: '/headers/x-gw-ims-org-id'
    })
  }
  if (!account.hasProductProfile) {
    return errorResponse(req, {
      status: 403,
      code: 'not-authorized',
      title: 'Forbidden',
      detail:
        'The token is valid, but the integration has no Experience Platform Tags (Reactor) product profile. ' +
        'Add a product profile to the credential in Adobe Developer Console.'
    })
  }
  const accept = headerValue(req.headers, 'accept') ?? ''
  if (!ACCEPT_PATTERN.test(accept)) {
    return errorResponse(req, {
      status: 406,
      code: 'not-acceptable',
      title: 'Not Acceptable',
      detail: 'Send "Accept: application/vnd.api+json;revision=1".',
      pointer: '/headers/accept'
    })
  }
  return { account, claims: check.claims }
}
