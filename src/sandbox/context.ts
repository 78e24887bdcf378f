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

/** Every version of a package: same name, platform and owner. */
export function packageVersions(store: Store, pkg: ResourceRecord): ResourceRecord[] {
  const { name, platform, owner_org_id: owner } = pkg.attributes
  return store
    .all('extension_packages')
    .filter((other) => other.attributes.name === name && other.attributes.platform === platform && other.attributes.owner_org_id === owner)
}

/**
 * The caller org's usage authorization (not rejected) for a package. "Valid for all current and future
 * private versions of the package" (EL endpoints/extension-package-usage-authorizations.md), so any version's
 * authorization counts.
 */
export function authorizationFor(store: Store, pkg: ResourceRecord, orgId: string): ResourceRecord | undefined {
  for (const version of packageVersions(store, pkg)) {
    const found = store
      .where('extension_package_usage_authorizations', 'extension_package', version.id)
      .find((auth) => auth.attributes.authorized_org_id === orgId && auth.attributes.state !== 'rejected')
    if (found) return found
  }
  return undefined
}

/**
 * EL extension-packages.md: public packages are visible to everyone, development and private ones to the
 * owning company; a private package is also visible to an org holding a usage authorization for it (while
 * pending too: "users can browse it but cannot install it", EL guides/extension-packages.md).
 */
export function packageVisible(store: Store, pkg: ResourceRecord, orgId: string): boolean {
  const availability = pkg.attributes.availability
  if (availability === 'public' || pkg.attributes.owner_org_id === orgId) return true
  return availability === 'private' && !!authorizationFor(store, pkg, orgId)
}

/** Installable on the caller's properties: processed, and public, owned, or privately authorized and approved. */
export function packageInstallable(store: Store, pkg: ResourceRecord, orgId: string): boolean {
  if (pkg.attributes.status !== 'succeeded') return false
  if (pkg.attributes.availability === 'public' || pkg.attributes.owner_org_id === orgId) return true
  return pkg.attributes.availability === 'private' && authorizationFor(store, pkg, orgId)?.attributes.state === 'approved'
}

export function isVisible(store: Store, record: ResourceRecord, caller: Caller): boolean {
  const orgId = caller.account.orgId
  if (record.type === 'extension_packages') return packageVisible(store, record, orgId)
  if (record.type === 'extension_package_usage_authorizations') {
    return record.attributes.owner_org_id === orgId || record.attributes.authorized_org_id === orgId
  }
  const company = store.get(companyIdOf(store, record) ?? '')
  return company?.attributes.org_id === orgId
}
