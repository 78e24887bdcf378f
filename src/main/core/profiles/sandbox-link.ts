import { SandboxHost } from '../../../sandbox'
import type { SandboxEndpoint, SandboxLink } from './profile-service'

export interface SandboxLinkOptions {
  /**
   * Called once per start of the simulator made through this link (the first send, the doctor, "Use this
   * scenario"): the Sandbox profiles' hosts are known from then on, so the profile list should be read again.
   */
  onStarted?: () => void
}

/**
 * The built-in Sandbox profiles' simulator: the app's shared in-process SandboxHost (the Sandbox area uses
 * the same one), started on first use, not at app start.
 */
export function createSandboxLink(host: SandboxHost = new SandboxHost(), options: SandboxLinkOptions = {}): SandboxLink {
  const endpoint = (sandbox: NonNullable<ReturnType<SandboxHost['current']>>): SandboxEndpoint => {
    const credential = sandbox.credentials.working
    return { imsUrl: sandbox.imsUrl, reactorUrl: sandbox.reactorUrl, credential: { ...credential, scopes: [...credential.scopes] } }
  }
  // The instance last announced: concurrent first uses share one start and announce it once.
  let announced: ReturnType<SandboxHost['current']>
  return {
    ensure: async () => {
      const sandbox = await host.ensureRunning()
      if (announced !== sandbox) {
        announced = sandbox
        options.onStarted?.()
      }
      return endpoint(sandbox)
    },
    current: () => {
      const running = host.current()
      return running ? endpoint(running) : undefined
    },
    close: () => host.stop()
  }
}
