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
