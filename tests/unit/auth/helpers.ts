import { createServer } from 'node:net'
import type { SandboxCredential } from '../../../src/sandbox'
import type { CredentialSource, ResolvedCredential } from '../../../src/main/core/auth/token-manager'

/** A CredentialSource over fixed credentials (profiles are tested elsewhere; here only tokens matter). */
export class FixedSource implements CredentialSource {
  readonly credentials = new Map<string, ResolvedCredential>()

  add(
    profileId: string,
    base: { imsUrl: string; reactorUrl: string },
    credential: Partial<SandboxCredential> & { manualToken?: string; authKind?: 'oauth-s2s' | 'manual-token' }
  ): ResolvedCredential {
    const resolved: ResolvedCredential = {
      profileId,
      profileName: profileId,
      authKind: credential.authKind ?? 'oauth-s2s',
      imsBaseUrl: base.imsUrl,
      reactorBaseUrl: base.reactorUrl,
      clientId: credential.clientId ?? 'client',
      orgId: credential.orgId ?? 'ORG@AdobeOrg',
      scopes: credential.scopes ?? [],
      simulated: true,
      clientSecret: async () => credential.clientSecret,
      manualToken: async () => credential.manualToken
    }
    this.credentials.set(profileId, resolved)
    return resolved
  }

  async resolve(profileId: string): Promise<ResolvedCredential> {
    const found = this.credentials.get(profileId)
    if (!found) throw new Error(`no ${profileId}`)
    return found
  }
}

/** A loopback port nothing listens on (ECONNREFUSED). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
