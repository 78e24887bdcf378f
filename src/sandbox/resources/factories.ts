// Record builders shared by the seed generator and the create routes, so a seeded rule and a rule created
// over HTTP have exactly the same attributes, relationships and meta.
import { randomHex, type Prng } from '../prng'
import type { ResourceRecord, Store } from '../store'

export interface FactoryContext {
  store: Store
  prng: Prng
  /** ISO timestamp for the record being built */
  at: string
}

type Attrs = Record<string, unknown>

function token(ctx: FactoryContext): string {
  return randomHex(ctx.prng, 12)
}

export function makeCompany(ctx: FactoryContext, input: { orgId: string; name: string }): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('companies'),
    type: 'companies',
    attributes: {
      created_at: ctx.at,
      name: input.name,
      org_id: input.orgId,
      updated_at: ctx.at,
      token: token(ctx),
      cjm_enabled: false,
      edge_enabled: true,
      edge_events_allotment: null,
      edge_fanout_ratio: null
    },
    rels: {},
    meta: {
      rights: ['develop_extensions', 'manage_properties'],
      platform_rights: {
        web: ['develop_extensions', 'manage_properties'],
        mobile: ['develop_extensions', 'manage_properties'],
        edge: ['develop_extensions', 'manage_properties']
      }
    }
  })
}

export function makeProperty(
  ctx: FactoryContext,
  input: { companyId: string; name: string; platform: string; domains?: string[]; attributes?: Attrs }
): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('properties'),
    type: 'properties',
    attributes: {
      created_at: ctx.at,
      enabled: true,
      name: input.name,
      updated_at: ctx.at,
      platform: input.platform,
      development: false,
      token: token(ctx),
      domains: input.domains ?? [],
      undefined_vars_return_empty: false,
      rule_component_sequencing_enabled: false,
      ...input.attributes
    },
    rels: { company: input.companyId },
    meta: { rights: ['approve', 'develop', 'manage_environments', 'manage_extensions', 'publish'] }
  })
}

export const ADOBE_ORG_ID = 'ADOBE_ORG_ID@AdobeOrg'

export interface ExtensionPackageInput {
  name: string
  displayName: string
  platform: string
  version: string
  description: string
  /** default: Adobe's org (a public package) */
  ownerOrgId?: string
  availability?: 'development' | 'private' | 'public'
  status?: 'pending' | 'succeeded' | 'failed'
  author?: { name: string; url: string | null; email: string | null }
  createdBy?: { name: string; email: string }
}

export function makeExtensionPackage(ctx: FactoryContext, input: ExtensionPackageInput): ResourceRecord {
  const id = ctx.store.newId('extension_packages')
  const availability = input.availability ?? 'public'
  const createdBy = input.createdBy ?? { name: 'Adobe', email: 'reactor@adobe.com' }
  return ctx.store.insert({
    id,
    type: 'extension_packages',
    attributes: {
      actions: [],
      author: input.author ?? { name: 'Adobe', url: 'https://www.adobe.com', email: null },
      availability,
      cdn_path: `//assets.adobedtm.com/extensions/${id}`,
      conditions: [],
      configuration: {},
      created_at: ctx.at,
      data_elements: [],
      description: input.description,
      discontinued: false,
      display_name: input.displayName,
      events: [],
      exchange_url: availability === 'public' ? `https://exchange.adobe.com/apps/ec/${input.name}` : null,
      hosted_lib_files: [],
      icon_path: 'resources/icons/icon.svg',
      main: null,
      name: input.name,
      owner_org_id: input.ownerOrgId ?? ADOBE_ORG_ID,
      resources: [],
      shared_modules: [],
      status: input.status ?? 'succeeded',
      platform: input.platform,
      updated_at: ctx.at,
      version: input.version,
      view_base_path: 'dist/',
      created_by_email: createdBy.email,
      created_by_display_name: createdBy.name,
      updated_by_email: createdBy.email,
      updated_by_display_name: createdBy.name
    },
    rels: {},
    // archive_url is filled in with the sandbox's own base url when rendered
    meta: { archive_url: null, script_sources: [] }
  })
}

/** Display names of the organizations the sandbox knows (Adobe resolves them from IMS). */
export const ORG_NAMES: Record<string, string> = {
  [ADOBE_ORG_ID]: 'Adobe',
  '5A4DB0C5000000000000000A@AdobeOrg': 'Sandbox Demo Org',
  '5A4DB0C5000000000000000B@AdobeOrg': 'Sandbox Empty Org',
  '5A4DB0C5000000000000000C@AdobeOrg': 'Sandbox Unprovisioned Org',
  '5A4DB0C5000000000000000D@AdobeOrg': 'Sandbox Wrong Secret Org',
  '5A4DB0C50000000000000E01@AdobeOrg': 'Partner Example Org',
  '5A4DB0C50000000000000E02@AdobeOrg': 'Agency Example Org'
}

export function makeUsageAuthorization(
  ctx: FactoryContext,
  input: {
    packageRecord: ResourceRecord
    authorizedOrgId: string
    state?: 'pending_approval' | 'approved' | 'rejected'
    createdBy: { name: string; email: string }
    updatedBy?: { name: string; email: string }
  }
): ResourceRecord {
  const pkg = input.packageRecord.attributes
  const ownerOrgId = String(pkg.owner_org_id)
  const updatedBy = input.updatedBy ?? input.createdBy
  return ctx.store.insert({
    id: ctx.store.newId('extension_package_usage_authorizations'),
    type: 'extension_package_usage_authorizations',
    attributes: {
      created_at: ctx.at,
      updated_at: ctx.at,
      name: pkg.name,
      platform: pkg.platform,
      owner_org_id: ownerOrgId,
      owner_org_name: ORG_NAMES[ownerOrgId] ?? ownerOrgId,
      authorized_org_id: input.authorizedOrgId,
      authorized_org_name: ORG_NAMES[input.authorizedOrgId] ?? input.authorizedOrgId,
      state: input.state ?? 'pending_approval',
      created_by_email: input.createdBy.email,
      created_by_display_name: input.createdBy.name,
      updated_by_email: updatedBy.email,
      updated_by_display_name: updatedBy.name
    },
    rels: { extension_package: input.packageRecord.id },
    meta: {}
  })
}

function revisable(record: ResourceRecord): ResourceRecord {
  record.rels.origin = record.id
  record.meta.latest_revision_number = 0
  return record
}

export function makeExtension(
  ctx: FactoryContext,
  input: { propertyId: string; packageRecord: ResourceRecord; settings?: string | null }
): ResourceRecord {
  const pkg = input.packageRecord.attributes
  const id = ctx.store.newId('extensions')
  return ctx.store.insert(
    revisable({
      id,
      type: 'extensions',
      attributes: {
        created_at: ctx.at,
        deleted_at: null,
        dirty: true,
        enabled: true,
        name: pkg.name,
        published: false,
        published_at: null,
        revision_number: 0,
        updated_at: ctx.at,
        delegate_descriptor_id: `${String(pkg.name)}::extensionConfiguration::config`,
        display_name: pkg.display_name,
        review_status: 'unsubmitted',
        version: pkg.version,
        settings: input.settings ?? '{}'
      },
      rels: {
        property: input.propertyId,
        extension_package: input.packageRecord.id,
        updated_with_extension_package: null
      },
      meta: {}
    })
  )
}

export function makeRule(ctx: FactoryContext, input: { propertyId: string; name: string; enabled?: boolean }): ResourceRecord {
  return ctx.store.insert(
    revisable({
      id: ctx.store.newId('rules'),
      type: 'rules',
      attributes: {
        created_at: ctx.at,
        deleted_at: null,
        dirty: true,
        enabled: input.enabled ?? true,
        name: input.name,
        published: false,
        published_at: null,
        revision_number: 0,
        updated_at: ctx.at,
        review_status: 'unsubmitted'
      },
      rels: { property: input.propertyId },
      meta: {}
    })
  )
}

export function makeRuleComponent(
  ctx: FactoryContext,
  input: {
    propertyId: string
    ruleIds: string[]
    extensionId: string
    name: string
    delegateDescriptorId: string
    settings?: string | null
    /** generates the settings string on read, for the large data set */
    lazySettings?: () => string
    order?: number
    negate?: boolean
  }
): ResourceRecord {
  const attributes: Attrs = {
    created_at: ctx.at,
    deleted_at: null,
    dirty: true,
    name: input.name,
    negate: input.negate ?? false,
    order: input.order ?? 0,
    rule_order: 50.0,
    timeout: 2000,
    delay_next: true,
    delegate_descriptor_id: input.delegateDescriptorId,
    published: false,
    published_at: null,
    revision_number: 0,
    updated_at: ctx.at,
    settings: input.settings ?? null
  }
  if (input.lazySettings) {
    Object.defineProperty(attributes, 'settings', { get: input.lazySettings, enumerable: true, configurable: true })
  }
  return ctx.store.insert(
    revisable({
      id: ctx.store.newId('rule_components'),
      type: 'rule_components',
      attributes,
      rels: {
        property: input.propertyId,
        rules: input.ruleIds,
        extension: input.extensionId,
        updated_with_extension: null,
        updated_with_extension_package: null
      },
      meta: {}
    })
  )
}

export function makeDataElement(
  ctx: FactoryContext,
  input: { propertyId: string; extensionId: string; name: string; delegateDescriptorId: string; settings?: string | null; attributes?: Attrs }
): ResourceRecord {
  return ctx.store.insert(
    revisable({
      id: ctx.store.newId('data_elements'),
      type: 'data_elements',
      attributes: {
        created_at: ctx.at,
        deleted_at: null,
        dirty: true,
        enabled: true,
        name: input.name,
        published: false,
        published_at: null,
        updated_at: ctx.at,
        clean_text: false,
        default_value: null,
        delegate_descriptor_id: input.delegateDescriptorId,
        force_lower_case: false,
        settings: input.settings ?? null,
        storage_duration: null,
        revision_number: 0,
        review_status: 'unsubmitted',
        ...input.attributes
      },
      rels: {
        property: input.propertyId,
        extension: input.extensionId,
        updated_with_extension: null,
        updated_with_extension_package: null
      },
      meta: {}
    })
  )
}

export function makeHost(
  ctx: FactoryContext,
  input: { propertyId: string; name: string; typeOf: 'akamai' | 'sftp'; attributes?: Attrs }
): ResourceRecord {
  const sftp = input.typeOf === 'sftp'
  return ctx.store.insert({
    id: ctx.store.newId('hosts'),
    type: 'hosts',
    attributes: {
      created_at: ctx.at,
      name: input.name,
      path: sftp ? '/var/www/launch' : null,
      port: sftp ? 22 : null,
      server: sftp ? 'sftp.example.com' : null,
      status: 'succeeded',
      type_of: input.typeOf,
      updated_at: ctx.at,
      username: sftp ? 'launch' : null,
      ...(sftp ? { skip_symlinks: false } : {}),
      ...input.attributes
    },
    rels: { property: input.propertyId },
    meta: {}
  })
}

export function makeEnvironment(
  ctx: FactoryContext,
  input: { propertyId: string; hostId: string; name: string; stage: string; propertyToken: string; attributes?: Attrs }
): ResourceRecord {
  const envToken = token(ctx)
  const libraryName = `launch-${envToken}${input.stage === 'production' ? '' : `-${input.stage}`}.min.js`
  return ctx.store.insert({
    id: ctx.store.newId('environments'),
    type: 'environments',
    attributes: {
      archive: false,
      created_at: ctx.at,
      library_path: `//assets.adobedtm.com/${input.propertyToken}/${envToken}`,
      library_name: libraryName,
      library_entry_points: [
        {
          library_name: libraryName,
          minified: true,
          references: [`//assets.adobedtm.com/${input.propertyToken}/${envToken}/${libraryName}`],
          license_path: `//assets.adobedtm.com/${input.propertyToken}/${envToken}/${libraryName.replace('.min.js', '.js')}`
        }
      ],
      name: input.name,
      path: `//assets.adobedtm.com/${input.propertyToken}/${envToken}`,
      stage: input.stage,
      updated_at: ctx.at,
      status: 'succeeded',
      token: envToken,
      ...input.attributes
    },
    rels: { property: input.propertyId, host: input.hostId, library: null },
    meta: { archive_encrypted: false, script_sources: [] }
  })
}

export function makeLibrary(
  ctx: FactoryContext,
  input: { propertyId: string; name: string; rules?: string[]; dataElements?: string[]; extensions?: string[] }
): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('libraries'),
    type: 'libraries',
    attributes: {
      created_at: ctx.at,
      name: input.name,
      published_at: null,
      state: 'development',
      updated_at: ctx.at,
      build_required: true
    },
    rels: {
      property: input.propertyId,
      environment: null,
      rules: input.rules ?? [],
      data_elements: input.dataElements ?? [],
      extensions: input.extensions ?? [],
      upstream_library: null,
      last_build: null
    },
    meta: { build_status: null, build_required_detail: 'No build found since last state change' }
  })
}

export function makeBuild(
  ctx: FactoryContext,
  input: { library: ResourceRecord; environment: ResourceRecord; status: 'pending' | 'succeeded' | 'failed' }
): ResourceRecord {
  const id = ctx.store.newId('builds')
  const envAttrs = input.environment.attributes
  const host = ctx.store.get(String(input.environment.rels.host))
  const build = ctx.store.insert({
    id,
    type: 'builds',
    attributes: { created_at: ctx.at, status: input.status, updated_at: ctx.at, token: token(ctx) },
    rels: {
      property: input.library.rels.property ?? null,
      library: input.library.id,
      environment: input.environment.id,
      // A build snapshots the library's contents at the time it was made.
      rules: [...((input.library.rels.rules as string[] | null) ?? [])],
      data_elements: [...((input.library.rels.data_elements as string[] | null) ?? [])],
      extensions: [...((input.library.rels.extensions as string[] | null) ?? [])]
    },
    meta: {
      artifact_url: `https:${String(envAttrs.path)}/${String(envAttrs.library_name)}`,
      direct_artifact_url: `https:${String(envAttrs.path)}/${String(envAttrs.library_name)}`,
      archive: false,
      host_type_of: host?.attributes.type_of ?? 'akamai'
    }
  })
  input.library.rels.last_build = id
  input.library.meta = {
    build_status: input.status,
    build_required_detail: input.status === 'succeeded' ? 'No changes since last build' : 'Build in progress'
  }
  input.library.attributes.build_required = input.status !== 'succeeded'
  return build
}

export function makeCallback(ctx: FactoryContext, input: { propertyId: string; url: string; subscriptions: string[] }): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('callbacks'),
    type: 'callbacks',
    attributes: { created_at: ctx.at, subscriptions: input.subscriptions, updated_at: ctx.at, url: input.url },
    rels: { property: input.propertyId },
    meta: {}
  })
}

export function makeNote(
  ctx: FactoryContext,
  input: { resourceId: string; text: string; authorName: string; authorEmail: string }
): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('notes'),
    type: 'notes',
    attributes: {
      author_display_name: input.authorName,
      author_email: input.authorEmail,
      created_at: ctx.at,
      text: input.text
    },
    rels: { resource: input.resourceId },
    meta: {}
  })
}

/**
 * The credential fields Adobe echoes for each secret type (EL guides/secrets.md "Credentials"): the password,
 * client secret and token are "not included in the API response"; everything else the caller sent is.
 */
const PUBLIC_CREDENTIALS: Record<string, readonly string[]> = {
  token: [],
  'simple-http': ['username'],
  // `authorization_url` is the older docs' name for `token_url` (EL guides/secrets.md before the rename).
  oauth2: ['client_id', 'token_url', 'authorization_url', 'refresh_offset', 'options'],
  'oauth2-client_credentials': ['client_id', 'token_url', 'refresh_offset', 'options'],
  'oauth2-google': ['scopes']
}

/** Adobe's default `refresh_offset` (four hours) when an oauth2 secret is created without one. */
export const DEFAULT_REFRESH_OFFSET = 14_400

/**
 * The part of a secret's credentials that may leave the server. Unknown types (e.g. `oauth2-jwt`, whose
 * fields Adobe does not document) and unknown keys echo nothing, so a sensitive value can never slip out.
 */
export function publicCredentials(typeOf: string, credentials: unknown): Record<string, unknown> {
  const keys = PUBLIC_CREDENTIALS[typeOf] ?? []
  const source = typeof credentials === 'object' && credentials !== null && !Array.isArray(credentials) ? (credentials as Attrs) : {}
  const out: Attrs = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = structuredClone(source[key])
  if ((typeOf === 'oauth2' || typeOf === 'oauth2-client_credentials') && out.refresh_offset === undefined) {
    out.refresh_offset = DEFAULT_REFRESH_OFFSET
  }
  return out
}

export function makeSecret(
  ctx: FactoryContext,
  input: { propertyId: string; environmentId: string; name: string; typeOf: string; status?: string; credentials?: Attrs }
): ResourceRecord {
  const succeeded = (input.status ?? 'succeeded') === 'succeeded'
  const expires = new Date(Date.parse(ctx.at) + 365 * 86_400_000).toISOString()
  return ctx.store.insert({
    id: ctx.store.newId('secrets'),
    type: 'secrets',
    attributes: {
      created_at: ctx.at,
      updated_at: ctx.at,
      name: input.name,
      type_of: input.typeOf,
      activated_at: succeeded ? ctx.at : null,
      expires_at: succeeded ? expires : null,
      refresh_at: succeeded && input.typeOf.startsWith('oauth2') ? expires : null,
      status: input.status ?? 'succeeded',
      // Only the non-sensitive fields are ever stored, so neither responses nor audit entities can leak one.
      credentials: publicCredentials(input.typeOf, input.credentials)
    },
    rels: { property: input.propertyId, environment: input.environmentId },
    meta: {}
  })
}

export function makeAppConfiguration(
  ctx: FactoryContext,
  input: { companyId: string; name: string; appId: string; platform: string; messagingService: string; keyType: string }
): ResourceRecord {
  return ctx.store.insert({
    id: ctx.store.newId('app_configurations'),
    type: 'app_configurations',
    attributes: {
      created_at: ctx.at,
      updated_at: ctx.at,
      app_id: input.appId,
      name: input.name,
      platform: input.platform,
      messaging_service: input.messagingService,
      key_type: input.keyType
    },
    rels: { company: input.companyId },
    meta: {}
  })
}

const singular: Record<string, string> = {
  properties: 'property',
  extensions: 'extension',
  data_elements: 'data_element',
  rules: 'rule',
  rule_components: 'rule_component',
  libraries: 'library',
  builds: 'build',
  environments: 'environment',
  hosts: 'host',
  app_configurations: 'app_configuration',
  callbacks: 'callback',
  secrets: 'secret'
}

export function auditedTypes(): string[] {
  return Object.keys(singular)
}

export function makeAuditEvent(
  ctx: FactoryContext,
  input: { entity: ResourceRecord; event: 'created' | 'updated' | 'deleted'; userName: string; userEmail: string }
): ResourceRecord | undefined {
  const resource = singular[input.entity.type]
  if (!resource) return undefined
  const propertyId =
    input.entity.type === 'properties' ? input.entity.id : typeof input.entity.rels.property === 'string' ? input.entity.rels.property : null
  return ctx.store.insert({
    id: ctx.store.newId('audit_events'),
    type: 'audit_events',
    attributes: {
      attributed_to_display_name: input.userName,
      attributed_to_email: input.userEmail,
      created_at: ctx.at,
      display_name: String(input.entity.attributes.name ?? input.entity.attributes.display_name ?? input.entity.id),
      type_of: `${resource}.${input.event}`,
      updated_at: ctx.at,
      // A JSON string, as Adobe sends it.
      entity: JSON.stringify({ id: input.entity.id, type: input.entity.type, attributes: input.entity.attributes })
    },
    rels: { property: propertyId, entity: input.entity.id },
    meta: {}
  })
}
