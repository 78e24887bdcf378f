// JWT-shaped access tokens like the ones IMS issues. The header claims RS256 as Adobe's do (clients decode
// it, they never verify it), but the sandbox signs with an HMAC key drawn at random per instance: a token
// minted by another sandbox run then fails verification, which is how the app meets "signed elsewhere".
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

export interface AccessTokenClaims {
  id: string
  type: 'access_token'
  client_id: string
  user_id: string
  as: string
  /** ms since epoch, as a string (Adobe's format) */
  created_at: string
  /** lifetime in ms, as a string (Adobe's format) */
  expires_in: string
  scope: string
  /** our own claim: the IMS org the credential belongs to */
  org: string
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' }

const header = { alg: 'RS256', x5u: 'ims_na1-sandbox-key-1.cer', kid: 'ims_na1-sandbox-key-1', itt: 'at' }

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url')
}

export class TokenSigner {
  private readonly key = randomBytes(32)

  mint(input: { clientId: string; userId: string; orgId: string; scopes: string[]; lifetimeSeconds: number }): {
    token: string
    claims: AccessTokenClaims
  } {
    const claims: AccessTokenClaims = {
      id: `${Date.now()}-${randomUUID()}`,
      type: 'access_token',
      client_id: input.clientId,
      user_id: input.userId,
      as: 'ims-na1-sandbox',
      created_at: String(Date.now()),
      expires_in: String(input.lifetimeSeconds * 1000),
      scope: input.scopes.join(','),
      org: input.orgId
    }
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
    return { token: `${unsigned}.${this.sign(unsigned)}`, claims }
  }

  verify(token: string, now = Date.now()): TokenCheck {
    const parts = token.split('.')
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
      return { ok: false, reason: 'malformed' }
    }
    const [head, payload, signature] = parts as [string, string, string]
    let claims: AccessTokenClaims
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenClaims
    } catch {
      return { ok: false, reason: 'malformed' }
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.client_id !== 'string') {
      return { ok: false, reason: 'malformed' }
    }
    const expected = Buffer.from(this.sign(`${head}.${payload}`))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'bad-signature' }
    }
    const expiresAt = Number(claims.created_at) + Number(claims.expires_in)
    if (!Number.isFinite(expiresAt) || expiresAt <= now) return { ok: false, reason: 'expired' }
    return { ok: true, claims }
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url')
  }
}
