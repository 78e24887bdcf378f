// Access tokens per profile: reuse while enough life remains, refresh ahead of expiry, one IMS call in
// flight per profile however many callers wait, and manual (pasted) tokens with their decoded expiry.
// Tokens live only here, in memory, and are registered with the SecretRegistry the moment they arrive.
import { unlessAborted } from '../net/deadline'
import type { SecretRegistry } from '../security/secret-registry'
import { requestAccessToken, type TokenRequest, type TokenResponse } from './ims-client'
import { decodeTokenClaims, tokenExpiry, tokenFingerprint, type TokenClaims } from './token-claims'
import type { TokenInfo } from '../../../shared/ipc/profiles.contract'

export interface ResolvedCredential {
  profileId: string
  profileName: string
  authKind: 'oauth-s2s' | 'manual-token'
  imsBaseUrl: string
  reactorBaseUrl: string
  clientId: string
  orgId: string
  scopes: string[]
  simulated: boolean
  clientSecret(): Promise<string | undefined>
  manualToken(): Promise<string | undefined>
}

export interface CredentialSource {
  resolve(profileId: string): Promise<ResolvedCredential>
}

export interface IssuedToken {
  accessToken: string
  source: 'ims' | 'manual'
  obtainedAt: number
  expiresAt: number | undefined
  fingerprint: string
  claims: TokenClaims | undefined
}

export class TokenError extends Error {
  constructor(
    readonly code: 'no-secret' | 'no-token' | 'token-expired',
    message: string
  ) {
    super(message)
    this.name = 'TokenError'
  }
}

export interface TokenManagerOptions {
  source: CredentialSource
  registry?: SecretRegistry
  requestToken?: (input: TokenRequest) => Promise<TokenResponse>
  now?: () => number
  /** Reuse a token while more than this remains (Adobe's aio-lib-ims uses 10 minutes). */
  reuseMarginMs?: number
  /** Fetch a new token in the background before expiry when the current one has been used. */
  proactive?: boolean
  onChange?: (info: TokenInfo) => void
}

const TEN_MINUTES = 10 * 60_000

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin
  } catch {
    return baseUrl
  }
}

/**
 * What a token was obtained for: the IMS and Reactor origins, the client and the auth kind. A token is only
 * handed to a caller whose credential has the same binding, so an edit that moves a profile to other hosts can
 * never send a token minted for the old ones there, even while the edit races a request in flight.
 */
export function credentialBinding(credential: Pick<ResolvedCredential, 'authKind' | 'imsBaseUrl' | 'reactorBaseUrl' | 'clientId'>): string {
  return [credential.authKind, originOf(credential.imsBaseUrl), originOf(credential.reactorBaseUrl), credential.clientId].join(' ')
}

interface BoundToken {
  token: IssuedToken
  binding: string
}

export interface GetTokenOptions {
  /** Skip the cache: always a new IMS call (or a fresh read of the pasted token). */
  force?: boolean
  /**
   * The credential the caller resolved and will send the token with. Given, the token is obtained for exactly
   * it (no second profile read), and a cached or in-flight token bound to other hosts is never returned.
   */
  credential?: ResolvedCredential
  /**
   * Stops this caller's wait (the person's cancel, or the request's timeout): it rejects at once with the
   * signal's reason. A shared IMS call in flight goes on for the other callers and still fills the cache.
   */
  signal?: AbortSignal
}

export class TokenManager {
  private readonly tokens = new Map<string, IssuedToken & { lastUsedAt: number; binding: string }>()
  private readonly inflight = new Map<string, Promise<BoundToken>>()
  private readonly generation = new Map<string, number>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly now: () => number
  private readonly reuseMarginMs: number
  private readonly requestToken: (input: TokenRequest) => Promise<TokenResponse>

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
    this.reuseMarginMs = options.reuseMarginMs ?? TEN_MINUTES
    this.requestToken = options.requestToken ?? requestAccessToken
  }

  /**
   * How long before expiry a token stops being reused: 10 minutes for IMS's 24-hour tokens, a quarter
   * of the lifetime for short ones (the sandbox issues seconds-long tokens) so they are still reused.
   */
  private marginFor(token: IssuedToken): number {
    if (token.expiresAt === undefined) return 0
    const lifetime = Math.max(0, token.expiresAt - token.obtainedAt)
    return Math.min(this.reuseMarginMs, lifetime / 4)
  }

  private reusable(token: IssuedToken): boolean {
    if (token.expiresAt === undefined) return true
    return token.expiresAt - this.now() > this.marginFor(token)
  }

  /** A valid token for the profile, from cache or from IMS (one call in flight per profile). */
  async getToken(profileId: string, options: GetTokenOptions = {}): Promise<IssuedToken> {
    // A caller that already gave up starts no IMS call.
    options.signal?.throwIfAborted()
    const wanted = options.credential ? credentialBinding(options.credential) : undefined
    const cached = this.tokens.get(profileId)
    // Minted for other hosts (the profile was edited since): never handed out for these.
    if (cached && wanted !== undefined && cached.binding !== wanted) this.invalidate(profileId)
    const current = this.tokens.get(profileId)
    const fresh = current && (current.source === 'ims' ? this.reusable(current) : current.expiresAt === undefined || current.expiresAt > this.now())
    if (!options.force && current && fresh) {
      current.lastUsedAt = this.now()
      return current
    }
    const shared = await unlessAborted(this.inflight.get(profileId) ?? this.start(profileId, options.credential), options.signal)
    if (wanted === undefined || shared.binding === wanted) return shared.token
    // The call in flight was for the profile as it was before (or after) an edit: obtain one for this credential.
    return (await unlessAborted(this.start(profileId, options.credential), options.signal)).token
  }

  private start(profileId: string, credential: ResolvedCredential | undefined): Promise<BoundToken> {
    const work = this.obtain(profileId, credential).finally(() => {
      if (this.inflight.get(profileId) === work) this.inflight.delete(profileId)
    })
    this.inflight.set(profileId, work)
    return work
  }

  private async obtain(profileId: string, given: ResolvedCredential | undefined): Promise<BoundToken> {
    const startedGeneration = this.generation.get(profileId) ?? 0
    const credential = given ?? (await this.options.source.resolve(profileId))
    const binding = credentialBinding(credential)
    let issued: IssuedToken
    if (credential.authKind === 'manual-token') {
      issued = await this.manual(credential)
    } else {
      const clientSecret = await credential.clientSecret()
      if (!clientSecret) {
        throw new TokenError('no-secret', `Profile "${credential.profileName}" has no Client Secret saved. Add it in the profile, then try again.`)
      }
      this.options.registry?.add(clientSecret, 'client secret')
      const response = await this.requestToken({
        imsBaseUrl: credential.imsBaseUrl,
        clientId: credential.clientId,
        clientSecret,
        scopes: credential.scopes,
        // IMS's error text is masked where it enters the app, against every secret known by now.
        ...(this.options.registry ? { redact: (text: string) => this.options.registry!.redact(text) } : {})
      })
      this.options.registry?.add(response.accessToken, 'access token')
      const claims = decodeTokenClaims(response.accessToken)
      issued = {
        accessToken: response.accessToken,
        source: 'ims',
        obtainedAt: response.receivedAt,
        expiresAt: tokenExpiry(claims, response.expiresIn, response.receivedAt),
        fingerprint: tokenFingerprint(response.accessToken),
        claims
      }
    }
    // A profile edited or deleted while the call was in flight must not get the stale token cached.
    if ((this.generation.get(profileId) ?? 0) === startedGeneration) {
      this.tokens.set(profileId, { ...issued, lastUsedAt: this.now(), binding })
      this.schedule(profileId, issued)
      this.options.onChange?.(this.info(profileId))
    }
    return { token: issued, binding }
  }

  private async manual(credential: ResolvedCredential): Promise<IssuedToken> {
    const token = await credential.manualToken()
    if (!token) {
      throw new TokenError('no-token', `Profile "${credential.profileName}" uses a pasted access token, but none is saved. Paste one from Developer Console.`)
    }
    this.options.registry?.add(token, 'pasted access token')
    const claims = decodeTokenClaims(token)
    const issued: IssuedToken = {
      accessToken: token,
      source: 'manual',
      obtainedAt: claims?.createdAt ?? this.now(),
      expiresAt: claims?.expiresAt,
      fingerprint: tokenFingerprint(token),
      claims
    }
    if (issued.expiresAt !== undefined && issued.expiresAt <= this.now()) {
      throw new TokenError(
        'token-expired',
        `The pasted access token of "${credential.profileName}" expired at ${new Date(issued.expiresAt).toISOString()}. ` +
          'Generate a new one in Developer Console and paste it, or switch the profile to OAuth Server-to-Server so tokens renew themselves.'
      )
    }
    return issued
  }

  private schedule(profileId: string, token: IssuedToken): void {
    const previous = this.timers.get(profileId)
    if (previous) clearTimeout(previous)
    this.timers.delete(profileId)
    if (!this.options.proactive || token.source !== 'ims' || token.expiresAt === undefined) return
    const refreshAt = token.expiresAt - this.marginFor(token)
    const timer = setTimeout(() => {
      this.timers.delete(profileId)
      const current = this.tokens.get(profileId)
      // Only tokens someone used get renewed ahead of time; an idle profile waits for its next request.
      if (current && current.fingerprint === token.fingerprint && current.lastUsedAt > current.obtainedAt) {
        this.getToken(profileId, { force: true }).catch(() => {})
      }
    }, Math.max(0, refreshAt - this.now()))
    timer.unref?.()
    this.timers.set(profileId, timer)
  }

  /**
   * After a 401 from Reactor: fetch a new token once. When the caller says which Authorization it sent
   * and a newer token already replaced it, no IMS call is made: the caller just retries with the new one.
   */
  async refreshAfterUnauthorized(profileId: string, rejectedAuthorization?: string, credential?: ResolvedCredential): Promise<boolean> {
    const cached = this.tokens.get(profileId)
    if (cached?.source === 'manual') return false
    if (rejectedAuthorization && cached && !rejectedAuthorization.endsWith(cached.accessToken)) return true
    const pending = this.inflight.get(profileId)
    try {
      if (pending) await pending
      // The send's own resolved credential: a retry after a 401 reads the profile no second time.
      else await this.getToken(profileId, { force: true, credential })
      return true
    } catch {
      return false
    }
  }

  /** Forget the token (profile edited, secret changed, profile deleted). */
  invalidate(profileId: string): void {
    this.generation.set(profileId, (this.generation.get(profileId) ?? 0) + 1)
    this.tokens.delete(profileId)
    this.inflight.delete(profileId)
    const timer = this.timers.get(profileId)
    if (timer) clearTimeout(timer)
    this.timers.delete(profileId)
    this.options.onChange?.(this.info(profileId))
  }

  info(profileId: string): TokenInfo {
    const token = this.tokens.get(profileId)
    if (!token) return { profileId, state: 'none', scopes: [] }
    const expired = token.expiresAt !== undefined && token.expiresAt <= this.now()
    return {
      profileId,
      state: expired ? 'expired' : 'valid',
      source: token.source,
      obtainedAt: token.obtainedAt,
      ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}),
      ...(token.source === 'ims' && token.expiresAt !== undefined ? { refreshAt: token.expiresAt - this.marginFor(token) } : {}),
      fingerprint: token.fingerprint,
      ...(token.claims?.clientId ? { clientId: token.claims.clientId } : {}),
      ...(token.claims?.userId ? { userId: token.claims.userId } : {}),
      scopes: token.claims?.scopes ?? []
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
