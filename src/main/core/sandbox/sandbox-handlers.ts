import type { SandboxFaultView, SandboxScenarioView, SandboxStatus, UseScenarioResult } from '../../../shared/ipc/sandbox.contract'
import type { Handlers } from '../rpc/dispatcher'
import { SANDBOX_CREDENTIALS, type SandboxHost, type ScenarioName } from '../../../sandbox'
import { scenarioProfileId } from '../profiles/sandbox-scenario-profiles'
import { AppError } from '../../../shared/errors'

type SandboxHandlers = Pick<
  Handlers,
  'sandbox:status' | 'sandbox:start' | 'sandbox:addFault' | 'sandbox:removeFault' | 'sandbox:clearFaults' | 'sandbox:useScenario'
>

/** What the Sandbox area needs from the profiles: the scenario profiles ("Use this scenario"). */
export interface SandboxScenarioProfiles {
  useSandboxScenario(scenario: string): Promise<UseScenarioResult>
  /** The Sandbox profiles listed now (to tell the area which scenarios have their profile already). */
  listedSandboxProfileIds(): string[]
}

export interface SandboxHandlerOptions {
  /** Without it (a session with no profiles) "Use this scenario" refuses with a sentence. */
  profiles?: SandboxScenarioProfiles
  /** The profile list changed (a scenario profile was made or chosen, or the Sandbox started: hosts known). */
  onProfilesChanged?: (activeProfileId?: string) => void
}

const EXPECTED_OUTCOMES: Record<ScenarioName, string> = {
  working: 'Sees a company with web and edge properties, rules, data elements, libraries and more.',
  noCompanies: 'Valid credential with no companies yet: GET /companies answers 404, which Adobe says is fine.',
  noProductProfile: 'A token is issued, but Reactor answers 403: the integration lacks a product profile.',
  wrongSecret: 'IMS refuses the token with 401 invalid_client: the client secret is wrong.'
}

function scenarios(listed: ReadonlySet<string>): SandboxScenarioView[] {
  return (Object.keys(SANDBOX_CREDENTIALS) as ScenarioName[]).map((name) => ({
    name,
    clientId: SANDBOX_CREDENTIALS[name].clientId,
    orgId: SANDBOX_CREDENTIALS[name].orgId,
    expectedOutcome: EXPECTED_OUTCOMES[name],
    ...(listed.has(scenarioProfileId(name)) ? { profileId: scenarioProfileId(name) } : {})
  }))
}

/** The Sandbox area's view of the app's in-process sandbox, its scenario profiles and its fault switches. */
export function createSandboxHandlers(host: SandboxHost, options: SandboxHandlerOptions = {}): SandboxHandlers {
  function status(): SandboxStatus {
    const sandbox = host.current()
    const faults: SandboxFaultView[] = (sandbox?.faults.list() ?? []).map((fault) => ({
      id: fault.id,
      kind: fault.kind,
      method: fault.match?.method,
      path: fault.match?.path === undefined ? undefined : String(fault.match.path),
      latencyMs: fault.latencyMs,
      status: fault.status,
      retryAfterSeconds: fault.retryAfterSeconds,
      remaining: Number.isFinite(fault.remaining) ? fault.remaining : null
    }))
    return {
      running: sandbox !== undefined,
      baseUrl: sandbox?.baseUrl,
      seed: host.options.seed ?? 1,
      scale: host.options.scale ?? 'small',
      startupMs: sandbox === undefined ? undefined : Math.round(sandbox.startupMs),
      stats: sandbox?.stats(),
      scenarios: scenarios(new Set(options.profiles?.listedSandboxProfileIds())),
      faults
    }
  }

  return {
    'sandbox:status': () => status(),
    'sandbox:start': async () => {
      const wasRunning = host.current() !== undefined
      await host.ensureRunning()
      if (!wasRunning) options.onProfilesChanged?.()
      return status()
    },
    'sandbox:useScenario': async ({ scenario }) => {
      if (!options.profiles) {
        throw new AppError('sandbox-unavailable', 'Scenario profiles cannot be made here: this session has no profiles.')
      }
      const result = await options.profiles.useSandboxScenario(scenario)
      options.onProfilesChanged?.(result.profile.id)
      return result
    },
    'sandbox:addFault': async ({ kind, method, path, ...shape }) => {
      const sandbox = await host.ensureRunning()
      sandbox.faults.add({ kind, match: method || path ? { method, path } : undefined, ...shape })
      return status()
    },
    'sandbox:removeFault': ({ id }) => {
      host.current()?.faults.remove(id)
      return status()
    },
    'sandbox:clearFaults': () => {
      host.current()?.faults.clear()
      return status()
    }
  }
}
