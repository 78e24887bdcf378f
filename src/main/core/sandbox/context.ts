// What every Reactor handler receives: this instance's state and the caller the token identified.
import type { Prng } from './prng'
import type { ScenarioAccount } from './scenarios'
import type { ResourceRecord, Store } from './store'
import type { AccessTokenClaims, TokenSigner } from './tokens'
import type { SandboxRequest } from './http-types'

export interface ReactorContext {
  store: Store
  prng: Prng
  signer: TokenSigner
  /** how long builds and secret exchanges stay `pending` */
  asyncDelayMs: number
}

export interface Caller {
  account: ScenarioAccount
  claims: AccessTokenClaims
}

export interface RouteInput {
  req: SandboxRequest
  ctx: ReactorContext
  caller: Caller
}

/** The company a record belongs to, or undefined for global records (extension packages). */
export function companyIdOf(store: Store, record: ResourceRecord, depth = 0): string | undefined {
  if (depth > 4) return undefined
  switch (record.type) {
    case 'companies':
      return record.id
    case 'properties':
    case 'app_configurations':
      return typeof record.rels.company === 'string' ? record.rels.company : undefined
    case 'notes': {
      const resource = store.get(String(record.rels.resource))
      return resource ? companyIdOf(store, resource, depth + 1) : undefined
    }
    default: {
      const property = store.get(String(record.rels.property))
      return property ? companyIdOf(store, property, depth + 1) : undefined
    }
  }
}

export function isVisible(store: Store, record: ResourceRecord, caller: Caller): boolean {
  if (record.type === 'extension_packages') return true
  const company = store.get(companyIdOf(store, record) ?? '')
  return company?.attributes.org_id === caller.account.orgId
}
