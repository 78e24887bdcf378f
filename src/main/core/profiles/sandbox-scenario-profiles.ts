// The Sandbox's scenario profiles: one built-in profile per scenario credential (src/sandbox/scenarios.ts),
// made by "Use this scenario" in the Sandbox area. Like the built-in Sandbox profile they are not stored
// profiles: profiles.json keeps only which scenarios were chosen (`sandboxScenarios`), never a host or a
// secret. Their hosts are the running Sandbox's (a new port on every launch) and their secret is the
// simulator's own, held here in main.
import { SANDBOX_CREDENTIALS, type SandboxCredential, type ScenarioName } from '../../../sandbox'
import { AppError } from '../../../shared/errors'
import { SANDBOX_SCENARIO_NAMES } from '../../../shared/ipc/sandbox.contract'

/** The id of the built-in Sandbox profile, which is the `working` scenario's profile. */
export const SANDBOX_PROFILE_ID = 'sandbox'

const SCENARIO_PROFILE_IDS: Record<ScenarioName, string> = {
  working: SANDBOX_PROFILE_ID,
  noCompanies: 'sandbox-no-companies',
  noProductProfile: 'sandbox-no-product-profile',
  wrongSecret: 'sandbox-wrong-secret'
}

const SCENARIO_PROFILE_NAMES: Record<ScenarioName, string> = {
  working: 'Sandbox (simulated)',
  noCompanies: 'Sandbox · valid, no companies (simulated)',
  noProductProfile: 'Sandbox · missing product profile (simulated)',
  wrongSecret: 'Sandbox · wrong client secret (simulated)'
}

export function scenarioProfileId(scenario: ScenarioName): string {
  return SCENARIO_PROFILE_IDS[scenario]
}

export function scenarioProfileName(scenario: ScenarioName): string {
  return SCENARIO_PROFILE_NAMES[scenario]
}

/** The scenario behind a built-in Sandbox profile id (`sandbox` is `working`), or undefined for any other id. */
export function scenarioOfProfileId(id: string): ScenarioName | undefined {
  return SANDBOX_SCENARIO_NAMES.find((scenario) => SCENARIO_PROFILE_IDS[scenario] === id)
}

/** A copy of the scenario's demo credential (callers may not change the shared table). */
export function scenarioCredential(scenario: ScenarioName): SandboxCredential {
  const credential = SANDBOX_CREDENTIALS[scenario]
  return { ...credential, scopes: [...credential.scopes] }
}

/** The scenarios chosen so far, as profiles.json lists them: unknown or repeated names (a hand edit) are dropped. */
export function chosenScenarios(listed: unknown): ScenarioName[] {
  if (!Array.isArray(listed)) return []
  const known = new Set<string>(SANDBOX_SCENARIO_NAMES)
  return [...new Set(listed.filter((name): name is ScenarioName => typeof name === 'string' && known.has(name) && name !== 'working'))]
}

export function assertScenario(name: string): asserts name is ScenarioName {
  if (!(SANDBOX_SCENARIO_NAMES as readonly string[]).includes(name)) {
    throw new AppError('unknown-scenario', `There is no Sandbox scenario "${name.slice(0, 80)}". The scenarios are: ${SANDBOX_SCENARIO_NAMES.join(', ')}.`)
  }
}
