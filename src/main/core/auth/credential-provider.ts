/**
 * What the HTTP executor needs from the credentials capability. The executor never sees a secret store
 * or a token manager, only this: headers for a profile's own Reactor host, and one forced refresh.
 */
export interface CredentialProvider {
  /**
   * The `Authorization`, `x-api-key` and `x-gw-ims-org-id` headers of `profileId`, but only when `url` is on
   * that profile's own Reactor origin; `undefined` for any other host (credentials never go elsewhere).
   * Obtains or refreshes the token as needed (one IMS call in flight per profile).
   */
  authHeadersFor(profileId: string, url: URL): Promise<Record<string, string> | undefined>
  /**
   * After a 401 from the profile's Reactor host: drop the cached token and fetch a new one (once).
   * `rejectedAuthorization` is the Authorization header that was refused: when a newer token already
   * replaced it, no second IMS call is made.
   */
  refreshAfterUnauthorized(profileId: string, rejectedAuthorization?: string): Promise<boolean>
  /** The profile's Reactor base URL (e.g. https://reactor.adobe.io), for paths like `/companies`. */
  reactorBaseUrl(profileId: string): Promise<string>
}

/**
 * One profile's credential, resolved once for one send: its Reactor host, its auth headers for each hop of
 * that send (only on its own origin) and the forced refresh after a 401. The send pipeline and the executor
 * hold this for the length of a request, so a send reads the profile once instead of once per question.
 */
export interface CredentialSession {
  readonly profileId: string
  readonly reactorBaseUrl: string
  /** Where tokens come from (the IMS host), for a sentence about waiting for one; absent for pasted tokens. */
  readonly tokenHost?: string
  /** `signal` cancels a wait for a token (the person's cancel, or the request's own timeout). */
  authHeadersFor(url: URL, signal?: AbortSignal): Promise<Record<string, string> | undefined>
  refreshAfterUnauthorized(rejectedAuthorization?: string): Promise<boolean>
}

/** A provider that can resolve a profile once (ProfileCredentialProvider) says so by offering `session`. */
export interface SessionCredentialProvider extends CredentialProvider {
  session(profileId: string): Promise<CredentialSession>
}

/** The provider's own session when it has one; otherwise one that asks the provider each time (test doubles). */
export async function sessionFor(provider: CredentialProvider, profileId: string): Promise<CredentialSession> {
  if ('session' in provider && typeof provider.session === 'function') return (provider as SessionCredentialProvider).session(profileId)
  const reactorBaseUrl = await provider.reactorBaseUrl(profileId)
  return {
    profileId,
    reactorBaseUrl,
    authHeadersFor: (url) => provider.authHeadersFor(profileId, url),
    refreshAfterUnauthorized: (rejected) => provider.refreshAfterUnauthorized(profileId, rejected)
  }
}
