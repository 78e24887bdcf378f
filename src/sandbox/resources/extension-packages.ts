// Extension packages and their usage authorizations (EL endpoints/extension-packages.md,
// endpoints/extension-package-usage-authorizations.md, guides/extension-packages.md; OpenAPI):
//   POST /extension_packages                         multipart `package` (zip) -> 202, status pending -> succeeded|failed
//   PATCH|POST /extension_packages/{id}              multipart re-upload of a development package -> 200
//   PATCH /extension_packages/{id}                   JSON meta.action release_private | discontinue -> 200
//   GET|POST /extension_packages/{id}/extension_package_usage_authorizations
//   GET /extension_package_usage_authorizations, PATCH|DELETE /extension_package_usage_authorizations/{id}
// Owners (the package's owner_org_id) create, list and delete authorizations; the authorized org lists its
// own and moves them to approved or rejected.
import { errorResponse } from '../jsonapi'
import { isVisible, packageVersions, type RouteInput } from '../context'
import { headerValue } from '../http-types'
import { parseMultipart } from '../multipart'
import type { ResourceRecord } from '../store'
import { ApiError, invalid, readResourceBody, readUpdateBody, requireString } from './body'
import { now } from './create'
import * as f from './factories'
import { looksLikeZip, readZipEntries } from './zip'

const AVAILABILITY_RANK: Record<string, number> = { public: 0, private: 1, development: 2 }
const PLATFORMS = ['web', 'mobile', 'edge']

/** What the uploader sees of itself in created_by_* / updated_by_*. */
function actor(input: RouteInput): { name: string; email: string } {
  return { name: 'Sandbox Integration', email: input.caller.account.technicalAccountId }
}

function forbidden(input: RouteInput, detail: string): ApiError {
  return new ApiError(errorResponse(input.req, { status: 403, code: 'not-authorized', title: 'Forbidden', detail }))
}

/**
 * GET /extension_packages. Without `max_availability` only public packages are listed; Adobe's own clients
 * (reactor-postman, the SDK examples) pass `max_availability=private` to include private ones, and
 * `development` includes the caller's development packages too.
 */
export function listablePackages(input: RouteInput): ResourceRecord[] {
  const { ctx, caller, req } = input
  const max = AVAILABILITY_RANK[req.url.searchParams.get('max_availability') ?? 'public'] ?? 0
  return ctx.store
    .all('extension_packages')
    .filter((pkg) => (AVAILABILITY_RANK[String(pkg.attributes.availability)] ?? 0) <= max && isVisible(ctx.store, pkg, caller))
}

interface Upload {
  data: Buffer
}

/** The `package` file of a multipart body, with the checks that answer synchronously (422). */
function readUpload(input: RouteInput): Upload {
  const { req } = input
  const contentType = headerValue(req.headers, 'content-type') ?? ''
  const parts = /multipart\/form-data/i.test(contentType) ? parseMultipart(req.body, contentType) : undefined
  if (!parts) {
    throw invalid(
      req,
      'extension_packages',
      '/data/attributes/package',
      'Upload the extension package as multipart/form-data with the zip in a field named "package" (curl -F "package=@extension.zip").'
    )
  }
  const file = parts.find((part) => part.name === 'package')
  if (!file) {
    const names = parts.map((part) => `"${part.name}"`).join(', ') || 'none'
    throw invalid(req, 'extension_packages', '/data/attributes/package', `The multipart body has no "package" field (fields sent: ${names}).`)
  }
  if (!looksLikeZip(file.data)) {
    throw invalid(
      req,
      'extension_packages',
      '/data/attributes/package',
      `The "package" field is not a zip archive (it does not start with PK\\x03\\x04; ${file.data.length} bytes received).`,
      'extension-package-zip-error'
    )
  }
  return { data: file.data }
}

interface StatusError {
  code: string
  title: string
  detail: string
}

type Manifest = { ok: true; attributes: Record<string, unknown> } | { ok: false; error: StatusError }

const fail = (code: string, title: string, detail: string): Manifest => ({ ok: false, error: { code, title, detail } })

/** extension.json's fields, or the delayed error Adobe would report in meta.status_details. */
function readManifest(zip: Buffer): Manifest {
  const entries = readZipEntries(zip)
  if (typeof entries === 'string') return fail('extension-package-zip-error', 'Invalid zip', entries)
  const entry = entries.find((candidate) => candidate.name === 'extension.json')
  if (!entry) {
    const found = entries.slice(0, 5).map((e) => e.name).join(', ') || 'no files'
    return fail('extension-package-path-error', 'Missing extension.json', `extension.json must be at the root of the zip (found: ${found}).`)
  }
  let text: string
  try {
    text = entry.read().toString('utf8')
  } catch (error) {
    return fail('extension-package-zip-error', 'Invalid zip', `extension.json cannot be read: ${String(error)}.`)
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch (error) {
    return fail('extension-package-zip-error', 'Invalid extension.json', `extension.json is not valid JSON (${String(error)}).`)
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return fail('extension-package-zip-error', 'Invalid extension.json', 'extension.json must hold a JSON object.')
  }
  const m = manifest as Record<string, unknown>
  const missing = ['name', 'displayName', 'platform', 'version'].filter((key) => typeof m[key] !== 'string' || m[key] === '')
  if (missing.length) {
    return fail('invalid-attribute', 'Invalid extension.json', `extension.json lacks ${missing.join(', ')}.`)
  }
  if (!PLATFORMS.includes(String(m.platform))) {
    return fail('invalid-attribute', 'Invalid extension.json', `platform must be one of ${PLATFORMS.join(', ')}.`)
  }
  return { ok: true, attributes: manifestAttributes(m) }
}

/** The package attributes a manifest provides (camelCase in extension.json, snake_case in Reactor). */
function manifestAttributes(m: Record<string, unknown>): Record<string, unknown> {
  const list = (value: unknown) => (Array.isArray(value) ? value : [])
  return {
    name: m.name,
    display_name: m.displayName,
    platform: m.platform,
    version: m.version,
    description: typeof m.description === 'string' ? m.description : null,
    author: m.author && typeof m.author === 'object' ? m.author : null,
    icon_path: typeof m.iconPath === 'string' ? m.iconPath : null,
    exchange_url: typeof m.exchangeUrl === 'string' ? m.exchangeUrl : null,
    view_base_path: typeof m.viewBasePath === 'string' ? m.viewBasePath : null,
    main: typeof m.main === 'string' ? m.main : null,
    configuration: m.configuration && typeof m.configuration === 'object' ? m.configuration : null,
    events: list(m.events),
    conditions: list(m.conditions),
    actions: list(m.actions),
    data_elements: list(m.dataElements),
    shared_modules: list(m.sharedModules),
    hosted_lib_files: list(m.hostedLibFiles)
  }
}

/** Processing finishes after the instance's async delay: `succeeded`, or `failed` with meta.status_details. */
function scheduleProcessing(input: RouteInput, record: ResourceRecord, failure: StatusError | undefined): void {
  record.attributes.status = 'pending'
  delete record.meta.status_details
  input.ctx.store.schedule(record, Date.now() + input.ctx.asyncDelayMs, (pkg) => {
    pkg.attributes.updated_at = now()
    if (failure) {
      pkg.attributes.status = 'failed'
      pkg.meta.status_details = { errors: [failure] }
    } else {
      pkg.attributes.status = 'succeeded'
      pkg.attributes.cdn_path = `//assets.adobedtm.com/extensions/${pkg.id}`
    }
  })
}

/** POST /extension_packages -> 202 with a `pending` development package owned by the caller's org. */
export function uploadPackage(input: RouteInput): ResourceRecord {
  const { ctx, caller } = input
  const upload = readUpload(input)
  const manifest = readManifest(upload.data)
  const orgId = caller.account.orgId
  let failure = manifest.ok ? undefined : manifest.error
  const attributes = manifest.ok ? manifest.attributes : {}
  if (!failure) {
    const sameName = ctx.store
      .all('extension_packages')
      .filter((pkg) => pkg.attributes.name === attributes.name && pkg.attributes.platform === attributes.platform)
    if (sameName.some((pkg) => pkg.attributes.owner_org_id !== orgId)) {
      const detail = `Another organization owns an extension package named "${String(attributes.name)}".`
      failure = { code: 'invalid-name', title: 'Name taken', detail }
    } else if (sameName.some((pkg) => pkg.attributes.version === attributes.version)) {
      failure = {
        code: 'not-unique',
        title: 'Version exists',
        detail:
          `Version ${String(attributes.version)} of "${String(attributes.name)}" already exists; raise the version, ` +
          'or re-upload a development package with PATCH /extension_packages/{id}.'
      }
    } else if (sameName.some((pkg) => pkg.attributes.availability === 'development')) {
      failure = {
        code: 'not-unique',
        title: 'Development version exists',
        detail:
          `"${String(attributes.name)}" already has a development version; ` +
          're-upload it with PATCH /extension_packages/{id} or release it first.'
      }
    }
  }
  const record = f.makeExtensionPackage(
    { store: ctx.store, prng: ctx.prng, at: now() },
    {
      name: String(attributes.name ?? ''),
      displayName: String(attributes.display_name ?? ''),
      platform: String(attributes.platform ?? ''),
      version: String(attributes.version ?? ''),
      description: '',
      ownerOrgId: orgId,
      availability: 'development',
      status: 'pending',
      createdBy: actor(input)
    }
  )
  // Until processing succeeds Adobe leaves what it could not read as null.
  Object.assign(record.attributes, failure ? nulls(record.attributes) : attributes, { cdn_path: null })
  scheduleProcessing(input, record, failure)
  return record
}

function nulls(attributes: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set(['availability', 'created_at', 'updated_at', 'discontinued', 'owner_org_id', 'status'])
  const kept = (key: string) => keep.has(key) || key.endsWith('_by_email') || key.endsWith('_by_display_name')
  return Object.fromEntries(Object.keys(attributes).filter((key) => !kept(key)).map((key) => [key, null]))
}

function assertOwner(input: RouteInput, pkg: ResourceRecord, what: string): void {
  if (pkg.attributes.owner_org_id !== input.caller.account.orgId) {
    throw forbidden(input, `Only the organization that owns this extension package (${String(pkg.attributes.owner_org_id)}) can ${what}.`)
  }
}

/** PATCH|PUT|POST /extension_packages/{id}: multipart re-upload, or a JSON `meta.action`. */
export function updatePackage(input: RouteInput, pkg: ResourceRecord): ResourceRecord {
  const { req } = input
  const contentType = headerValue(req.headers, 'content-type') ?? ''
  if (/multipart\/form-data/i.test(contentType)) return reuploadPackage(input, pkg)
  if (req.method === 'POST') {
    throw invalid(req, 'extension_packages', '/data/attributes/package', 'POST /extension_packages/{id} takes a multipart re-upload with a "package" field.')
  }
  const body = readUpdateBody(req, 'extension_packages', pkg.id)
  const action = body.meta.action
  assertOwner(input, pkg, 'release or discontinue it')
  const a = pkg.attributes
  if (action === 'release_private') {
    if (a.availability !== 'development') {
      throw invalid(req, 'extension_packages', '/data/meta/action', `Only a development package can be released privately (this one is ${String(a.availability)}).`)
    }
    if (a.status !== 'succeeded') {
      throw invalid(req, 'extension_packages', '/data/meta/action', `The package has not been processed successfully yet (status ${String(a.status)}).`)
    }
    a.availability = 'private'
  } else if (action === 'discontinue') {
    if (a.discontinued === true) throw invalid(req, 'extension_packages', '/data/meta/action', 'The package is already discontinued.')
    a.discontinued = true
  } else {
    throw invalid(
      req,
      'extension_packages',
      '/data/meta/action',
      `Send meta.action "release_private" or "discontinue"${action === undefined ? '' : ` (got ${JSON.stringify(action)})`}; ` +
        'to replace the files, PATCH multipart/form-data with a "package" field.'
    )
  }
  a.updated_at = now()
  a.updated_by_email = actor(input).email
  a.updated_by_display_name = actor(input).name
  return pkg
}

function reuploadPackage(input: RouteInput, pkg: ResourceRecord): ResourceRecord {
  const { req } = input
  assertOwner(input, pkg, 'replace its files')
  if (pkg.attributes.availability !== 'development') {
    throw invalid(
      req,
      'extension_packages',
      '/data/attributes/package',
      `Only a development package can be re-uploaded (this one is ${String(pkg.attributes.availability)}); ` +
        'upload a new version with POST /extension_packages.',
      'read-only'
    )
  }
  if (pkg.attributes.status === 'pending') {
    const detail = 'The previous upload is still being processed; wait until its status is succeeded or failed.'
    throw invalid(req, 'extension_packages', '/data/attributes/package', detail)
  }
  const manifest = readManifest(readUpload(input).data)
  let failure = manifest.ok ? undefined : manifest.error
  if (manifest.ok) {
    const attributes = manifest.attributes
    if (attributes.name !== pkg.attributes.name || attributes.platform !== pkg.attributes.platform) {
      failure = {
        code: 'invalid-name',
        title: 'Different package',
        detail:
          `The zip is "${String(attributes.name)}" (${String(attributes.platform)}), ` +
          `but this package is "${String(pkg.attributes.name)}" (${String(pkg.attributes.platform)}).`
      }
    } else {
      Object.assign(pkg.attributes, attributes)
    }
  }
  pkg.attributes.updated_at = now()
  pkg.attributes.updated_by_email = actor(input).email
  pkg.attributes.updated_by_display_name = actor(input).name
  scheduleProcessing(input, pkg, failure)
  return pkg
}

export function deletePackage(input: RouteInput, pkg: ResourceRecord): void {
  assertOwner(input, pkg, 'delete it')
  const { store } = input.ctx
  for (const auth of store.where('extension_package_usage_authorizations', 'extension_package', pkg.id)) store.delete(auth.id)
  store.delete(pkg.id)
}

// ---- usage authorizations ----

/** GET /extension_package_usage_authorizations: the ones the caller's org owns or was granted. */
export function listAuthorizations(input: RouteInput, pkg?: ResourceRecord): ResourceRecord[] {
  const { ctx, caller } = input
  const all = pkg
    ? ctx.store.where('extension_package_usage_authorizations', 'extension_package', pkg.id)
    : ctx.store.all('extension_package_usage_authorizations')
  return all.filter((auth) => isVisible(ctx.store, auth, caller))
}

const ORG_ID_PATTERN = /^[0-9A-F]{24}@AdobeOrg$/i

/** POST /extension_packages/{id}/extension_package_usage_authorizations -> 201, state pending_approval. */
export function createAuthorization(input: RouteInput, pkg: ResourceRecord): ResourceRecord {
  const { req, ctx } = input
  const type = 'extension_package_usage_authorizations'
  const body = readResourceBody(req, type)
  assertOwner(input, pkg, 'authorize other organizations to use it')
  if (pkg.attributes.availability === 'public') {
    throw invalid(req, type, '/data', 'Public extension packages are available to every organization and need no usage authorization.')
  }
  const orgId = requireString(req, type, body.attributes, 'authorized_org_id')
  if (!ORG_ID_PATTERN.test(orgId)) {
    const detail = `authorized_org_id must be an IMS org id like 0123456789ABCDEF01234567@AdobeOrg (got "${orgId}").`
    throw invalid(req, type, '/data/attributes/authorized_org_id', detail)
  }
  if (orgId === pkg.attributes.owner_org_id) {
    throw invalid(req, type, '/data/attributes/authorized_org_id', 'The owning organization needs no authorization for its own package.')
  }
  const existing = packageVersions(ctx.store, pkg)
    .flatMap((version) => ctx.store.where(type, 'extension_package', version.id))
    .find((auth) => auth.attributes.authorized_org_id === orgId)
  if (existing) {
    const detail = `${orgId} already has authorization ${existing.id} (${String(existing.attributes.state)}).`
    throw invalid(req, type, '/data/attributes/authorized_org_id', detail, 'not-unique')
  }
  return f.makeUsageAuthorization(
    { store: ctx.store, prng: ctx.prng, at: now() },
    { packageRecord: pkg, authorizedOrgId: orgId, createdBy: actor(input) }
  )
}

/** PATCH /extension_package_usage_authorizations/{id}: the authorized org approves or rejects. */
export function updateAuthorization(input: RouteInput, auth: ResourceRecord): ResourceRecord {
  const { req, caller } = input
  const type = 'extension_package_usage_authorizations'
  const body = readUpdateBody(req, type, auth.id)
  if (auth.attributes.authorized_org_id !== caller.account.orgId) {
    const authorized = String(auth.attributes.authorized_org_id)
    throw forbidden(input, `Only the authorized organization (${authorized}) can approve or reject this authorization.`)
  }
  const state = body.attributes.state
  if (state !== 'approved' && state !== 'rejected') {
    throw invalid(req, type, '/data/attributes/state', `state must be "approved" or "rejected" (got ${JSON.stringify(state ?? null)}).`)
  }
  const who = actor(input)
  Object.assign(auth.attributes, { state, updated_at: now(), updated_by_email: who.email, updated_by_display_name: who.name })
  return auth
}

export function deleteAuthorization(input: RouteInput, auth: ResourceRecord): void {
  if (auth.attributes.owner_org_id !== input.caller.account.orgId) {
    const owner = String(auth.attributes.owner_org_id)
    throw forbidden(input, `Only the organization that owns the extension package (${owner}) can delete its usage authorizations.`)
  }
  input.ctx.store.delete(auth.id)
}
