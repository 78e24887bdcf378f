import type { ResolvedCredential } from './token-manager'

/**
 * The three headers Reactor authenticates a call with (reference reactor-api.md §3.2): the bearer token, the
 * credential's Client ID as x-api-key, and its org. One definition for the executor's provider and the
 * Credential Doctor, so both always send what Adobe's getting-started guide sends.
 */
export function reactorAuthHeaders(credential: Pick<ResolvedCredential, 'clientId' | 'orgId'>, accessToken: string): Record<string, string> {
  return {
    Authorization: `Bearer ${accessToken}`,
    'x-api-key': credential.clientId,
    'x-gw-ims-org-id': credential.orgId
  }
}
