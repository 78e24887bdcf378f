// The scenario credentials. Each one reproduces a situation a real Adobe credential can be in, so the app's
// "credential doctor" and the tests can be exercised without touching Adobe. All values are deliberately
// fake and stable across runs (the seed only changes Reactor data, never these).
import { DEFAULT_REACTOR_SCOPES } from '../shared/reactor-environments'

// The sandbox imitates Adobe's documented Reactor scope list exactly.
export const REACTOR_SCOPES: string[] = [...DEFAULT_REACTOR_SCOPES]

export interface SandboxCredential {
  clientId: string
  clientSecret: string
  orgId: string
  scopes: string[]
}

export type ScenarioName = 'working' | 'noCompanies' | 'noProductProfile' | 'wrongSecret'

export const SANDBOX_CREDENTIALS: Record<ScenarioName, SandboxCredential> = {
  working: {
    clientId: 'sandbox-working-client',
    clientSecret: 'sandbox-secret-working',
    orgId: '5A4DB0C5000000000000000A@AdobeOrg',
    scopes: [...REACTOR_SCOPES]
  },
  noCompanies: {
    clientId: 'sandbox-no-companies-client',
    clientSecret: 'sandbox-secret-no-companies',
    orgId: '5A4DB0C5000000000000000B@AdobeOrg',
    scopes: [...REACTOR_SCOPES]
  },
  noProductProfile: {
    clientId: 'sandbox-no-product-profile-client',
    clientSecret: 'sandbox-secret-no-product-profile',
    orgId: '5A4DB0C5000000000000000C@AdobeOrg',
    scopes: [...REACTOR_SCOPES]
  },
  wrongSecret: {
    clientId: 'sandbox-wrong-secret-client',
    // IMS knows a different secret for this client (see scenarioIms below), so this one is always refused.
    clientSecret: 'sandbox-secret-wrong',
    orgId: '5A4DB0C5000000000000000D@AdobeOrg',
    scopes: [...REACTOR_SCOPES]
  }
}

export interface ScenarioAccount {
  scenario: ScenarioName
  clientId: string
  /** The secret IMS accepts (differs from the published one for `wrongSecret`). */
  acceptedSecret: string
  orgId: string
  allowedScopes: string[]
  /** The technical account id that becomes the token's user_id. */
  technicalAccountId: string
  hasProductProfile: boolean
}

const technicalAccounts: Record<ScenarioName, string> = {
  working: '5A4DB0C5000000000000A001@techacct.adobe.com',
  noCompanies: '5A4DB0C5000000000000B001@techacct.adobe.com',
  noProductProfile: '5A4DB0C5000000000000C001@techacct.adobe.com',
  wrongSecret: '5A4DB0C5000000000000D001@techacct.adobe.com'
}

export const SCENARIO_ACCOUNTS: ScenarioAccount[] = (Object.keys(SANDBOX_CREDENTIALS) as ScenarioName[]).map(
  (scenario) => {
    const credential = SANDBOX_CREDENTIALS[scenario]
    return {
      scenario,
      clientId: credential.clientId,
      acceptedSecret: scenario === 'wrongSecret' ? 'sandbox-secret-wrong-secret-actual' : credential.clientSecret,
      orgId: credential.orgId,
      allowedScopes: credential.scopes,
      technicalAccountId: technicalAccounts[scenario],
      hasProductProfile: scenario !== 'noProductProfile'
    }
  }
)

export function findAccountByClientId(clientId: string): ScenarioAccount | undefined {
  return SCENARIO_ACCOUNTS.find((account) => account.clientId === clientId)
}
