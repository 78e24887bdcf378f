import { SandboxHost } from '../../../sandbox'
import type { SandboxEndpoint, SandboxLink } from './profile-service'

/**
 * The built-in Sandbox profile's simulator: the app's shared in-process SandboxHost (the Sandbox area uses
 * the same one), started on first use, not at app start.
 */
export function createSandboxLink(host: SandboxHost = new SandboxHost()): SandboxLink {
  const endpoint = (sandbox: NonNullable<ReturnType<SandboxHost['current']>>): SandboxEndpoint => {
    const credential = sandbox.credentials.working
    return { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl, credential: { ...credential, scopes: [...credential.scopes] } }
  }
  return {
    ensure: async () => endpoint(await host.ensureRunning()),
    current: () => {
      const running = host.current()
      return running ? endpoint(running) : undefined
    },
    close: () => host.stop()
  }
}
