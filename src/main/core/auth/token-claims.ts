// What can be read from an IMS access token without verifying it (clients never verify; Reactor does).
// IMS tokens are JWTs whose payload carries `created_at` and `expires_in` in milliseconds, as strings.
import { createHash } from 'node:crypto'

export interface TokenClaims {
  type?: string
  clientId?: string
  userId?: string
  /** Issuing IMS, e.g. ims-na1 or ims-na1-stg1. */
  issuer?: string
  scopes: string[]
  /** Not in Adobe's documented claims; the sandbox adds `org`. */
  orgId?: string
  createdAt?: number
  expiresAt?: number
}

export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts[1]) return undefined
  let payload: Record<string, unknown>
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (typeof payload !== 'object' || payload === null) return undefined
  const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined)
  const num = (value: unknown) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
    return Number.isFinite(n) ? n : undefined
  }
  const createdAt = num(payload.created_at)
  const expiresInMs = num(payload.expires_in)
  // A token with an `exp` (seconds, standard JWT) but no Adobe claims still gets an expiry.
  const exp = num(payload.exp)
  const expiresAt = createdAt !== undefined && expiresInMs !== undefined ? createdAt + expiresInMs : exp !== undefined ? exp * 1000 : undefined
  return {
    type: str(payload.type),
    clientId: str(payload.client_id),
    userId: str(payload.user_id),
    issuer: str(payload.as),
    scopes: (str(payload.scope) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    orgId: str(payload.org) ?? str(payload.org_id),
    createdAt,
    expiresAt
  }
}

/**
 * Expiry: the token's own `created_at + expires_in` (ms), falling back to the token response's
 * `expires_in` (seconds) counted from when it was received.
 */
export function tokenExpiry(claims: TokenClaims | undefined, responseExpiresInSeconds: number | undefined, receivedAt: number): number | undefined {
  if (claims?.expiresAt !== undefined) return claims.expiresAt
  if (responseExpiresInSeconds !== undefined && Number.isFinite(responseExpiresInSeconds)) return receivedAt + responseExpiresInSeconds * 1000
  return undefined
}

/** A short, stable name for a token that says nothing about it: enough to tell two tokens apart. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8)
}
