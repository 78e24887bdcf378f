// PATCH /{type}/{id}: attribute updates and the `meta.action` operations (library transitions, revise,
// republish, secret test/retry/reauthorize). Extension package actions live in extension-packages.ts.
import type { RouteInput } from '../context'
import type { ResourceRecord } from '../store'
import { invalid, optionalSettings, readUpdateBody, type ResourceBody } from './body'
import { audit, googleAuthorization, now, readSecretCredentials, settleSecret } from './create'

const READ_ONLY = new Set([
  'created_at',
  'updated_at',
  'token',
  'revision_number',
  'published',
  'published_at',
  'deleted_at',
  'state',
  'status',
  'dirty',
  'review_status',
  'org_id',
  'platform',
  'type_of',
  'library_path',
  'library_name',
  'library_entry_points',
  'path',
  'activated_at',
  'expires_at',
  'refresh_at'
])

const WRITABLE_BY_TYPE: Partial<Record<ResourceRecord['type'], string[]>> = {
  hosts: ['name', 'server', 'path', 'port', 'username', 'skip_symlinks'],
  secrets: ['name', 'credentials'],
  notes: []
}

/** Library transitions: action -> states it may start from and the state it leads to. */
const TRANSITIONS: Record<string, { from: string[]; to: string }> = {
  submit: { from: ['development'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted', 'approved'], to: 'rejected' },
  develop: { from: ['submitted', 'rejected', 'approved'], to: 'development' }
}

export function updateResource(input: RouteInput, record: ResourceRecord): ResourceRecord {
  const { req } = input
  const body = readUpdateBody(req, record.type, record.id)
  const action = body.meta.action
  if (action !== undefined) return runAction(input, record, body, String(action))
  if (record.type === 'notes') throw invalid(req, 'notes', '/data', 'Notes cannot be edited.', 'read-only')
  if (record.type === 'secrets' && body.attributes.credentials !== undefined) return updateSecretCredentials(input, record, body)
  applyAttributes(input, record, body)
  audit(input, record, 'updated')
  return record
}

/**
 * New credentials replace the old ones and trigger a fresh exchange (EL guides/secrets.md: "When an
 * oauth2-client_credentials secret is created or updated, ... [they] are exchanged"). As on create, only the
 * non-sensitive fields are kept.
 */
function updateSecretCredentials(input: RouteInput, record: ResourceRecord, body: ResourceBody): ResourceRecord {
  const credentials = readSecretCredentials(input.req, String(record.attributes.type_of), body.attributes)
  applyAttributes(input, record, { ...body, attributes: { ...body.attributes, credentials } })
  record.attributes.status = 'pending'
  settleSecret(input, record)
  audit(input, record, 'updated')
  return record
}

function applyAttributes(input: RouteInput, record: ResourceRecord, body: ResourceBody): void {
  const { req } = input
  const writable = WRITABLE_BY_TYPE[record.type]
  const updates: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body.attributes)) {
    if (READ_ONLY.has(key)) continue
    if (writable ? !writable.includes(key) : !(key in record.attributes)) continue
    updates[key] = value
  }
  if ('name' in updates && (typeof updates.name !== 'string' || updates.name.trim() === '')) {
    throw invalid(req, record.type, '/data/attributes/name', 'name must be a non-empty string.')
  }
  if ('settings' in updates) updates.settings = optionalSettings(req, record.type, updates)
  // Spreading materialises lazily generated settings, so the record becomes an ordinary one.
  record.attributes = { ...record.attributes, ...updates, updated_at: now() }
  if ('dirty' in record.attributes) record.attributes.dirty = true
}

function runAction(input: RouteInput, record: ResourceRecord, body: ResourceBody, action: string): ResourceRecord {
  const { req, ctx } = input
  const unsupported = () =>
    invalid(req, record.type, '/data/meta/action', `"${action}" is not a valid action for ${record.type}.`)
  switch (record.type) {
    case 'libraries': {
      const transition = TRANSITIONS[action]
      if (!transition) throw unsupported()
      const state = String(record.attributes.state)
      if (!transition.from.includes(state)) {
        throw invalid(req, 'libraries', '/data/meta/action', `Cannot ${action} a library in state "${state}".`)
      }
      record.attributes.state = transition.to
      record.attributes.updated_at = now()
      if (body.attributes.name !== undefined) applyAttributes(input, record, body)
      audit(input, record, 'updated')
      return record
    }
    case 'rules':
    case 'data_elements':
    case 'extensions': {
      if (action !== 'revise') throw unsupported()
      applyAttributes(input, record, body)
      const latest = Number(record.meta.latest_revision_number ?? 0) + 1
      const revision: ResourceRecord = {
        id: ctx.store.newId(record.type),
        type: record.type,
        attributes: { ...record.attributes, revision_number: latest, dirty: false, created_at: now(), updated_at: now() },
        rels: { ...record.rels, origin: record.id },
        meta: { latest_revision_number: latest }
      }
      ctx.store.insert(revision)
      record.meta.latest_revision_number = latest
      record.attributes.dirty = false
      audit(input, revision, 'created')
      return revision
    }
    case 'builds': {
      if (action !== 'republish') throw unsupported()
      record.attributes.updated_at = now()
      record.meta.republish_status = 'succeeded'
      return record
    }
    case 'secrets': {
      const typeOf = String(record.attributes.type_of)
      if (action === 'retry') {
        record.attributes.status = 'pending'
        record.attributes.updated_at = now()
        settleSecret(input, record)
        return record
      }
      if (action === 'test' && typeOf.startsWith('oauth2')) {
        record.meta.test_exchange = { access_token: 'sandbox-test-exchange-token', expires_in: 3600, token_type: 'bearer' }
        return record
      }
      if (action === 'reauthorize' && typeOf === 'oauth2-google') {
        Object.assign(record.meta, googleAuthorization())
        return record
      }
      throw unsupported()
    }
    default:
      throw unsupported()
  }
}

export function deleteResource(input: RouteInput, record: ResourceRecord): void {
  const { ctx } = input
  if (record.type === 'companies' || record.type === 'audit_events' || record.type === 'builds') {
    throw invalid(input.req, record.type, '/data', `${record.type} cannot be deleted.`, 'read-only')
  }
  if (record.type === 'rules') {
    // EL endpoints/rules.md: "Deleted rules remain readable" and show deleted_at; they leave the property's
    // rule list (reactor.ts) and cannot be changed any more.
    const at = now()
    record.attributes.deleted_at = at
    record.attributes.updated_at = at
    audit(input, record, 'deleted')
    return
  }
  ctx.store.delete(record.id)
  if (record.type === 'environments') {
    const library = ctx.store.get(String(record.rels.library))
    if (library) library.rels.environment = null
  }
  // Notes are deleted with their resource (EL endpoints/notes.md).
  for (const note of ctx.store.where('notes', 'resource', record.id)) ctx.store.delete(note.id)
  audit(input, record, 'deleted')
}
