// POST /{parent}/{id}/{collection}: validates the body, builds the record with the same factories the seed
// uses, records an audit event and answers 201 with the full resource.
import type { RouteInput } from '../context'
import { isVisible, packageInstallable } from '../context'
import type { ResourceRecord, ResourceType } from '../store'
import * as f from './factories'
import {
  invalid,
  optionalSettings,
  pick,
  readResourceBody,
  relationshipId,
  relationshipIds,
  requireOneOf,
  requireString,
  type ResourceBody
} from './body'

/** Which collections can be created under which parent type. */
export const CREATABLE: Record<string, ResourceType> = {
  'companies/properties': 'properties',
  'companies/app_configurations': 'app_configurations',
  'properties/callbacks': 'callbacks',
  'properties/data_elements': 'data_elements',
  'properties/environments': 'environments',
  'properties/extensions': 'extensions',
  'properties/hosts': 'hosts',
  'properties/libraries': 'libraries',
  'properties/rules': 'rules',
  'properties/rule_components': 'rule_components',
  'properties/secrets': 'secrets',
  'properties/notes': 'notes',
  'rules/rule_components': 'rule_components',
  'rules/notes': 'notes',
  'rule_components/notes': 'notes',
  'data_elements/notes': 'notes',
  'extensions/notes': 'notes',
  'libraries/notes': 'notes',
  'secrets/notes': 'notes',
  'libraries/builds': 'builds'
}

const SECRET_TYPES = ['token', 'simple-http', 'oauth2', 'oauth2-client_credentials', 'oauth2-google', 'oauth2-jwt'] as const

/** The credential fields each secret type must be created with (EL guides/secrets.md "Credentials"). */
const REQUIRED_CREDENTIALS: Record<string, readonly string[]> = {
  token: ['token'],
  'simple-http': ['username', 'password'],
  'oauth2-client_credentials': ['client_id', 'client_secret', 'token_url'],
  oauth2: ['client_id', 'client_secret']
}

/**
 * Validates a secret's `credentials` attribute and returns what may be stored and echoed: only the
 * non-sensitive fields (factories.publicCredentials). The password, client secret or token is dropped here.
 */
export function readSecretCredentials(req: RouteInput['req'], typeOf: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const credentials = attributes.credentials
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
    throw invalid(req, 'secrets', '/data/attributes/credentials', 'credentials is required.')
  }
  const given = credentials as Record<string, unknown>
  for (const key of REQUIRED_CREDENTIALS[typeOf] ?? []) {
    const value = given[key]
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalid(req, 'secrets', `/data/attributes/credentials/${key}`, `credentials.${key} is required for ${typeOf} secrets.`)
    }
  }
  if (typeOf === 'oauth2' && given.token_url === undefined && given.authorization_url === undefined) {
    throw invalid(req, 'secrets', '/data/attributes/credentials/token_url', 'credentials.token_url is required for oauth2 secrets.')
  }
  if (typeOf === 'oauth2-google' && (!Array.isArray(given.scopes) || given.scopes.length === 0)) {
    throw invalid(req, 'secrets', '/data/attributes/credentials/scopes', 'credentials.scopes must be a non-empty array.')
  }
  if (given.refresh_offset !== undefined && !Number.isInteger(given.refresh_offset)) {
    throw invalid(req, 'secrets', '/data/attributes/credentials/refresh_offset', 'credentials.refresh_offset must be an integer.')
  }
  return f.publicCredentials(typeOf, given)
}

export function now(): string {
  return new Date().toISOString()
}

export function createResource(input: RouteInput, parent: ResourceRecord, type: ResourceType): ResourceRecord {
  const { req, ctx, caller } = input
  const body = readResourceBody(req, type, type === 'builds')
  const fc: f.FactoryContext = { store: ctx.store, prng: ctx.prng, at: now() }
  const a = body.attributes
  const propertyOf = () => (parent.type === 'properties' ? parent : ctx.store.get(String(parent.rels.property)))
  const property = propertyOf()
  const propertyId = property?.id ?? ''

  /** A related record named in the body must exist, be visible and (when given) belong to this property. */
  const related = (name: string, relType: ResourceType, required: boolean, code?: string): ResourceRecord | undefined => {
    const id = relationshipId(body, name)
    if (!id) {
      if (required) throw invalid(req, type, `/data/relationships/${name}`, `relationships.${name} is required.`, code)
      return undefined
    }
    const record = ctx.store.get(id)
    const inProperty = relType === 'extension_packages' || record?.rels.property === propertyId
    if (!record || record.type !== relType || !isVisible(ctx.store, record, caller) || !inProperty) {
      throw invalid(req, type, `/data/relationships/${name}/data/id`, `No ${relType} with id ${id} on this property.`, code)
    }
    return record
  }

  let record: ResourceRecord
  switch (type) {
    case 'properties': {
      const name = requireString(req, type, a, 'name')
      const platform = requireOneOf(req, type, a, 'platform', ['web', 'mobile', 'edge'] as const)
      if (platform === 'web' && (!Array.isArray(a.domains) || a.domains.length === 0)) {
        throw invalid(req, type, '/data/attributes/domains', 'domains is required for web properties.')
      }
      const taken = ctx.store.where('properties', 'company', parent.id).some((p) => p.attributes.name === name)
      if (taken) throw invalid(req, type, '/data/attributes/name', `A property named "${name}" already exists.`, 'not-unique')
      record = f.makeProperty(fc, {
        companyId: parent.id,
        name,
        platform,
        domains: Array.isArray(a.domains) ? a.domains.map(String) : [],
        attributes: pick(a, ['development', 'enabled', 'undefined_vars_return_empty', 'rule_component_sequencing_enabled'])
      })
      break
    }
    case 'app_configurations':
      record = f.makeAppConfiguration(fc, {
        companyId: parent.id,
        name: requireString(req, type, a, 'name'),
        appId: requireString(req, type, a, 'app_id'),
        platform: requireOneOf(req, type, a, 'platform', ['web', 'mobile'] as const),
        messagingService: requireString(req, type, a, 'messaging_service'),
        keyType: requireString(req, type, a, 'key_type')
      })
      break
    case 'callbacks': {
      const url = requireString(req, type, a, 'url')
      if (!/^https?:\/\//.test(url)) throw invalid(req, type, '/data/attributes/url', 'url must be an http(s) URL.')
      record = f.makeCallback(fc, {
        propertyId,
        url,
        subscriptions: Array.isArray(a.subscriptions) ? a.subscriptions.map(String) : []
      })
      break
    }
    case 'rules':
      record = f.makeRule(fc, { propertyId, name: requireString(req, type, a, 'name'), enabled: a.enabled !== false })
      break
    case 'data_elements': {
      const name = requireString(req, type, a, 'name')
      const delegate = requireString(req, type, a, 'delegate_descriptor_id')
      const settings = optionalSettings(req, type, a)
      const extension = related('extension', 'extensions', true, 'extension-not-found') as ResourceRecord
      record = f.makeDataElement(fc, {
        propertyId,
        extensionId: extension.id,
        name,
        delegateDescriptorId: delegate,
        settings,
        attributes: pick(a, ['enabled', 'clean_text', 'default_value', 'force_lower_case', 'storage_duration'])
      })
      break
    }
    case 'rule_components': {
      const name = requireString(req, type, a, 'name')
      const delegate = requireString(req, type, a, 'delegate_descriptor_id')
      const settings = optionalSettings(req, type, a)
      const extension = related('extension', 'extensions', true, 'extension-not-found') as ResourceRecord
      let ruleIds = parent.type === 'rules' ? [parent.id] : (relationshipIds(body, 'rules') ?? [])
      if (ruleIds.length === 0) throw invalid(req, type, '/data/relationships/rules', 'relationships.rules is required.')
      ruleIds = [...new Set(ruleIds)]
      for (const ruleId of ruleIds) {
        const rule = ctx.store.get(ruleId)
        if (!rule || rule.type !== 'rules' || rule.rels.property !== propertyId) {
          throw invalid(req, type, '/data/relationships/rules', `No rule with id ${ruleId} on this property.`, 'invalid-rule')
        }
      }
      record = f.makeRuleComponent(fc, {
        propertyId,
        ruleIds,
        extensionId: extension.id,
        name,
        delegateDescriptorId: delegate,
        settings,
        order: typeof a.order === 'number' ? a.order : 0,
        negate: a.negate === true
      })
      break
    }
    case 'extensions': {
      const pkg = related('extension_package', 'extension_packages', true, 'invalid-extension_package_id') as ResourceRecord
      if (!packageInstallable(ctx.store, pkg, caller.account.orgId)) {
        const status = String(pkg.attributes.status)
        const why = status !== 'succeeded' ? `its status is ${status}` : 'its usage authorization is not approved'
        const detail = `Extension package ${pkg.id} cannot be installed: ${why}.`
        throw invalid(req, type, '/data/relationships/extension_package', detail, 'invalid-extension_package_id')
      }
      const installed = ctx.store.where('extensions', 'property', propertyId).some((ext) => ext.attributes.name === pkg.attributes.name)
      if (installed) {
        throw invalid(req, type, '/data/relationships/extension_package', `${String(pkg.attributes.name)} is already installed.`, 'not-unique')
      }
      if (pkg.attributes.platform !== property?.attributes.platform) {
        throw invalid(req, type, '/data/relationships/extension_package', 'The extension package is for another platform.')
      }
      record = f.makeExtension(fc, { propertyId, packageRecord: pkg, settings: optionalSettings(req, type, a) })
      break
    }
    case 'hosts': {
      const name = requireString(req, type, a, 'name')
      const typeOf = requireOneOf(req, type, a, 'type_of', ['akamai', 'sftp'] as const)
      if (typeOf === 'sftp') for (const key of ['server', 'path', 'username']) requireString(req, type, a, key)
      record = f.makeHost(fc, {
        propertyId,
        name,
        typeOf,
        attributes: typeOf === 'sftp' ? pick(a, ['server', 'path', 'port', 'username', 'skip_symlinks']) : {}
      })
      break
    }
    case 'environments': {
      const name = requireString(req, type, a, 'name')
      const stage = requireOneOf(req, type, a, 'stage', ['development', 'staging', 'production'] as const)
      const host = related('host', 'hosts', true, 'host-required') as ResourceRecord
      record = f.makeEnvironment(fc, {
        propertyId,
        hostId: host.id,
        name,
        stage,
        propertyToken: String(property?.attributes.token),
        attributes: pick(a, ['archive'])
      })
      break
    }
    case 'libraries': {
      const name = requireString(req, type, a, 'name')
      const environment = related('environment', 'environments', false)
      record = f.makeLibrary(fc, {
        propertyId,
        name,
        rules: relationshipIds(body, 'rules'),
        dataElements: relationshipIds(body, 'data_elements'),
        extensions: relationshipIds(body, 'extensions')
      })
      if (environment) {
        record.rels.environment = environment.id
        environment.rels.library = record.id
      }
      break
    }
    case 'secrets':
      record = createSecret(input, body, fc, property, related)
      break
    case 'notes': {
      const text = requireString(req, type, a, 'text')
      if ([...text].length > 512) throw invalid(req, type, '/data/attributes/text', 'text must be at most 512 characters.')
      record = f.makeNote(fc, {
        resourceId: parent.id,
        text,
        authorName: 'Sandbox Integration',
        authorEmail: caller.account.technicalAccountId
      })
      break
    }
    case 'builds':
      record = createBuild(input, parent, fc)
      break
    default:
      throw invalid(req, type, '/data/type', `${type} cannot be created here.`)
  }
  audit(input, record, 'created')
  return record
}

function createSecret(
  input: RouteInput,
  body: ResourceBody,
  fc: f.FactoryContext,
  property: ResourceRecord | undefined,
  related: (name: string, relType: ResourceType, required: boolean, code?: string) => ResourceRecord | undefined
): ResourceRecord {
  const { req } = input
  const a = body.attributes
  if (property?.attributes.platform !== 'edge') {
    throw invalid(req, 'secrets', '/data/type', 'Secrets can only be created on edge (event forwarding) properties.')
  }
  const name = requireString(req, 'secrets', a, 'name')
  const typeOf = requireOneOf(req, 'secrets', a, 'type_of', SECRET_TYPES)
  const credentials = readSecretCredentials(req, typeOf, a)
  const environment = related('environment', 'environments', true, 'environment-required') as ResourceRecord
  const record = f.makeSecret(fc, { propertyId: property.id, environmentId: environment.id, name, typeOf, status: 'pending', credentials })
  if (typeOf === 'oauth2-google') {
    // EL guides/secrets.md: "After creating the oauth2-google secret, the response includes a meta.authorization_url".
    Object.assign(record.meta, googleAuthorization())
  }
  settleSecret(input, record)
  return record
}

/** The Google consent link an oauth2-google secret carries; it expires one hour after it is issued. */
export function googleAuthorization(): { authorization_url: string; authorization_url_expires_at: string } {
  return {
    authorization_url: 'https://accounts.google.com/o/oauth2/v2/auth?client_id=sandbox',
    authorization_url_expires_at: new Date(Date.now() + 3_600_000).toISOString()
  }
}

/** A pending secret exchange succeeds after the instance's async delay. */
export function settleSecret(input: RouteInput, record: ResourceRecord): void {
  input.ctx.store.schedule(record, Date.now() + input.ctx.asyncDelayMs, (secret) => {
    const at = now()
    const expires = new Date(Date.now() + 365 * 86_400_000).toISOString()
    Object.assign(secret.attributes, {
      status: 'succeeded',
      activated_at: at,
      expires_at: expires,
      refresh_at: String(secret.attributes.type_of).startsWith('oauth2') ? expires : null,
      updated_at: at
    })
  })
}

function createBuild(input: RouteInput, library: ResourceRecord, fc: f.FactoryContext): ResourceRecord {
  const { req, ctx } = input
  const environment = ctx.store.get(String(library.rels.environment))
  if (!environment) {
    throw invalid(req, 'builds', '/data/relationships/environment', 'Assign the library to an environment before building it.', 'environment-required')
  }
  const stage = environment.attributes.stage
  const state = library.attributes.state
  if (stage === 'production' && state !== 'approved' && state !== 'published') {
    throw invalid(req, 'builds', '/data', `Only an approved library can be built for production (library is ${String(state)}).`)
  }
  if (stage === 'staging' && state !== 'submitted' && state !== 'approved') {
    throw invalid(req, 'builds', '/data', `Only a submitted or approved library can be built for staging (library is ${String(state)}).`)
  }
  const build = f.makeBuild(fc, { library, environment, status: 'pending' })
  ctx.store.schedule(build, Date.now() + ctx.asyncDelayMs, (done) => {
    const at = now()
    done.attributes.status = 'succeeded'
    done.attributes.updated_at = at
    library.meta = { build_status: 'succeeded', build_required_detail: 'No changes since last build' }
    library.attributes.build_required = false
    if (stage === 'production') {
      library.attributes.state = 'published'
      library.attributes.published_at = at
    }
  })
  return build
}

export function audit(input: RouteInput, record: ResourceRecord, event: 'created' | 'updated' | 'deleted'): void {
  if (record.type === 'rule_components' && Object.getOwnPropertyDescriptor(record.attributes, 'settings')?.get) return
  f.makeAuditEvent(
    { store: input.ctx.store, prng: input.ctx.prng, at: now() },
    { entity: record, event, userName: 'Sandbox Integration', userEmail: input.caller.account.technicalAccountId }
  )
}
