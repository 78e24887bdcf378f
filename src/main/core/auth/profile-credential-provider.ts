import { AppError } from '../../../shared/errors'
import type { CredentialSession, SessionCredentialProvider } from './credential-provider'
import { ImsError } from './ims-client'
import { reactorAuthHeaders } from './reactor-auth-headers'
import { TokenError, type CredentialSource, type TokenManager } from './token-manager'

/** Turns a token failure into the error a person reads (never containing a secret). */
export function tokenFailureToAppError(error: unknown): unknown {
  if (error instanceof ImsError) return new AppError(`ims-${error.kind.replace(/_/g, '-')}`, error.message, error.details.description)
  if (error instanceof TokenError) return new AppError(error.code, error.message)
  return error
}

function hostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).host
  } catch {
    return undefined
  }
}

/**
 * The CredentialProvider the HTTP executor uses: a profile's auth headers, only for that profile's own
 * Reactor origin (scheme + host + port), with the token from the TokenManager.
 */
export class ProfileCredentialProvider implements SessionCredentialProvider {
  constructor(
    private readonly source: CredentialSource,
    private readonly tokens: TokenManager
  ) {}

  async authHeadersFor(profileId: string, url: URL): Promise<Record<string, string> | undefined> {
    return (await this.session(profileId)).authHeadersFor(url)
  }

  /** Resolves the profile once; every hop and the 401 retry of one send use this. */
  async session(profileId: string): Promise<CredentialSession> {
    const credential = await this.source.resolve(profileId)
    const origin = new URL(credential.reactorBaseUrl).origin
    return {
      profileId,
      reactorBaseUrl: credential.reactorBaseUrl,
      ...(credential.authKind === 'oauth-s2s' ? { tokenHost: hostOf(credential.imsBaseUrl) } : {}),
      authHeadersFor: async (url, signal) => {
        if (url.origin !== origin) return undefined
        try {
          // The credential resolved for this send: a token bound to other hosts is never attached here.
          const token = await this.tokens.getToken(profileId, { credential, signal })
          return reactorAuthHeaders(credential, token.accessToken)
        } catch (error) {
          throw tokenFailureToAppError(error)
        }
      },
      refreshAfterUnauthorized: (rejected) => this.tokens.refreshAfterUnauthorized(profileId, rejected, credential)
    }
  }

  /**
   * After a 401: one forced refresh. `rejectedAuthorization` (the header that was refused) is optional;
   * when given, concurrent 401s on the same old token share one IMS call.
   */
  async refreshAfterUnauthorized(profileId: string, rejectedAuthorization?: string): Promise<boolean> {
    return this.tokens.refreshAfterUnauthorized(profileId, rejectedAuthorization)
  }

  async reactorBaseUrl(profileId: string): Promise<string> {
    return (await this.source.resolve(profileId)).reactorBaseUrl
  }
}
