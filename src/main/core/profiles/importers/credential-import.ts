// Reads what users actually download from Adobe: the Developer Console project JSON, the Postman
// environment from "Download for Postman", and legacy Service Account (JWT) credentials (recognised and
// explained, never exchanged). Parsing is all-or-nothing: a malformed or truncated file gives one clear
// error and nothing is created.
import type { ImportPreview } from '../../../../shared/ipc/profiles.contract'
import { DEFAULT_REACTOR_SCOPES, ENVIRONMENT_PRESETS, normaliseBaseUrl } from '../environments'
import { ORG_ID_PATTERN } from '../profile-schema'

export interface ParsedImport {
  preview: ImportPreview
  /** Kept in main only; the preview says whether there is one. */
  clientSecret?: string
}

export class ImportError extends Error {
  constructor(
    readonly code: 'empty' | 'truncated' | 'malformed' | 'unrecognised' | 'incomplete',
    message: string
  ) {
    super(message)
    this.name = 'ImportError'
  }
}

export const JWT_EXPLANATION =
  'This is a Service Account (JWT) credential. JWT credentials reached end of life on 2025-06-30: their ' +
  'certificates can no longer be renewed and Adobe converts them to OAuth Server-to-Server credentials that keep ' +
  'the same Client ID, technical account, APIs, scopes and product profiles. Reactor Explorer does not perform the ' +
  'JWT exchange. It can create an OAuth Server-to-Server profile with the same Client ID and Org ID instead; take ' +
  'the Client Secret shown on the OAuth Server-to-Server credential in Developer Console if the JWT one is refused.'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

function parseScopes(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    const scopes = value.filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter(Boolean)
    return scopes.length ? scopes : undefined
  }
  const text = str(value)
  if (!text) return undefined
  if (text.startsWith('[')) {
    try {
      return parseScopes(JSON.parse(text))
    } catch {
      // fall through to comma splitting
    }
  }
  const scopes = text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean)
  return scopes.length ? scopes : undefined
}

function parseJson(filename: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, '').trim()
  if (!text) throw new ImportError('empty', `${filename || 'The file'} is empty.`)
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    if (looksTruncated(text, message)) {
      throw new ImportError('truncated', `${filename || 'The file'} ends before the JSON is complete: it looks truncated. Download it again and import the whole file.`)
    }
    throw new ImportError('malformed', `${filename || 'The file'} is not valid JSON (${message}). Nothing was imported.`)
  }
}

/** A parse error at the very end, or more brackets opened than closed, means the file was cut short. */
function looksTruncated(text: string, message: string): boolean {
  if (/end of JSON|Unexpected end/i.test(message)) return true
  const position = Number(/position (\d+)/.exec(message)?.[1])
  if (Number.isFinite(position) && position >= text.length - 1) return true
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
  }
  return depth > 0 || inString
}

/** Environment and hosts from an IMS host ("ims-na1.adobelogin.com", with or without scheme). */
function environmentFromIms(imsHost: string | undefined): Pick<ImportPreview['draft'], 'environment' | 'imsBaseUrl' | 'reactorBaseUrl'> {
  if (!imsHost) return { environment: 'production' }
  let base: string
  try {
    base = normaliseBaseUrl(imsHost)
  } catch {
    return { environment: 'production' }
  }
  if (base === ENVIRONMENT_PRESETS.production.imsBaseUrl) return { environment: 'production' }
  if (base === ENVIRONMENT_PRESETS.stage.imsBaseUrl) return { environment: 'stage' }
  return { environment: 'custom', imsBaseUrl: base }
}

function baseWarnings(draft: ImportPreview['draft']): string[] {
  const warnings: string[] = []
  if (!ORG_ID_PATTERN.test(draft.orgId)) {
    warnings.push(`The Org ID "${draft.orgId || '(missing)'}" does not look like an Adobe Organization ID (…@AdobeOrg); correct it before saving.`)
  }
  if (!draft.clientId) warnings.push('No Client ID was found in the file.')
  if (draft.environment === 'custom' && !draft.reactorBaseUrl) {
    warnings.push('The file names a custom IMS host; enter the matching Reactor host before saving.')
  }
  return warnings
}

function projectImport(root: Json, filename: string): ParsedImport {
  const project = root.project as Json
  const workspace = isObject(project.workspace) ? project.workspace : {}
  const details = isObject(workspace.details) ? workspace.details : {}
  const credentials = Array.isArray(details.credentials) ? details.credentials.filter(isObject) : []
  const orgId = str(isObject(project.org) ? project.org.ims_org_id : undefined) ?? ''
  const title = str(project.title) ?? str(project.name) ?? 'Developer Console project'
  const s2s = credentials.find((c) => c.integration_type === 'oauth_server_to_server' || isObject(c.oauth_server_to_server))
  if (s2s) {
    const body = isObject(s2s.oauth_server_to_server) ? s2s.oauth_server_to_server : {}
    const secrets = Array.isArray(body.client_secrets) ? body.client_secrets.filter((s): s is string => typeof s === 'string' && s.length > 0) : []
    const draft: ImportPreview['draft'] = {
      name: [title, str(workspace.title) ?? str(workspace.name)].filter(Boolean).join(' · '),
      environment: 'production',
      clientId: str(body.client_id) ?? '',
      orgId,
      scopes: parseScopes(body.scopes) ?? [...DEFAULT_REACTOR_SCOPES],
      ...(str(body.technical_account_id) ? { technicalAccountId: str(body.technical_account_id) } : {})
    }
    if (!draft.clientId) throw new ImportError('incomplete', `${filename}: the OAuth Server-to-Server credential has no client_id.`)
    const warnings = baseWarnings(draft)
    if (secrets.length > 1) warnings.push(`The credential has ${secrets.length} client secrets; the first one is used.`)
    if (secrets.length === 0) warnings.push('The file holds no client secret (Developer Console leaves it out unless you include it); enter it after import.')
    if (!draft.scopes.includes('additional_info.projectedProductContext')) {
      warnings.push('The scopes lack additional_info.projectedProductContext, which Reactor needs.')
    }
    return {
      preview: {
        kind: 'developer-console-project',
        description: `Developer Console project "${title}", OAuth Server-to-Server credential "${str(s2s.name) ?? str(s2s.id) ?? 'unnamed'}".`,
        draft,
        hasClientSecret: secrets.length > 0,
        warnings
      },
      ...(secrets[0] ? { clientSecret: secrets[0] } : {})
    }
  }
  const jwt = credentials.find((c) => c.integration_type === 'service' || c.integration_type === 'jwt' || isObject(c.jwt) || isObject(c.service_account))
  if (jwt) {
    const body = (isObject(jwt.jwt) ? jwt.jwt : isObject(jwt.service_account) ? jwt.service_account : jwt) as Json
    return jwtImport(
      {
        clientId: str(body.client_id),
        clientSecret: str(body.client_secret),
        orgId,
        technicalAccountId: str(body.techacct) ?? str(body.technical_account_id),
        imsHost: undefined,
        name: title
      },
      `Developer Console project "${title}" with a Service Account (JWT) credential.`
    )
  }
  if (credentials.length === 0) {
    throw new ImportError('incomplete', `${filename}: the project has no credentials. Add the Reactor API with OAuth Server-to-Server in Developer Console, then download the project again.`)
  }
  throw new ImportError(
    'unrecognised',
    `${filename}: the project's credentials are of type ${credentials.map((c) => String(c.integration_type ?? 'unknown')).join(', ')}; Reactor Explorer needs an OAuth Server-to-Server credential.`
  )
}

function jwtImport(
  found: { clientId?: string; clientSecret?: string; orgId?: string; technicalAccountId?: string; imsHost?: string; name?: string },
  description: string
): ParsedImport {
  const env = environmentFromIms(found.imsHost)
  const draft: ImportPreview['draft'] = {
    name: `${found.name ?? 'Migrated JWT credential'} (OAuth S2S)`,
    ...env,
    clientId: found.clientId ?? '',
    orgId: found.orgId ?? '',
    scopes: [...DEFAULT_REACTOR_SCOPES],
    ...(found.technicalAccountId ? { technicalAccountId: found.technicalAccountId } : {})
  }
  if (!draft.clientId) {
    throw new ImportError('incomplete', `${description} ${JWT_EXPLANATION} The file does not say which Client ID it belongs to, so no profile can be prepared from it.`)
  }
  const warnings = baseWarnings(draft)
  warnings.push('The JWT metascopes were replaced by Adobe’s documented Reactor OAuth scopes; compare them with the credential’s Scopes tab.')
  return {
    preview: {
      kind: 'jwt-service-account',
      description,
      draft,
      hasClientSecret: Boolean(found.clientSecret),
      warnings,
      jwtMigration: JWT_EXPLANATION
    },
    ...(found.clientSecret ? { clientSecret: found.clientSecret } : {})
  }
}

const POSTMAN_KEYS = {
  clientId: ['api_key', 'client_id', 'apikey', 'clientid', 'x-api-key'],
  clientSecret: ['client_secret', 'clientsecret'],
  orgId: ['ims_org', 'ims_org_id', 'org_id', 'orgid', 'imsorg', 'x-gw-ims-org-id'],
  scopes: ['scopes', 'scope'],
  technicalAccountId: ['technical_account_id', 'techacctid', 'technical_account'],
  ims: ['ims', 'ims_host', 'ims_endpoint'],
  reactor: ['reactor_host', 'reactor_url', 'host', 'reactor']
}
const JWT_MARKERS = ['meta_scope', 'meta_scopes', 'metascope', 'private_key', 'privatekey', 'jwt_token', 'jwt']

function postmanImport(root: Json, filename: string): ParsedImport {
  const values = (root.values as unknown[]).filter(isObject)
  const map = new Map<string, unknown>()
  for (const entry of values) {
    const key = str(entry.key)
    if (key && entry.enabled !== false) map.set(key.toLowerCase(), entry.value)
  }
  const pick = (names: string[]) => {
    for (const name of names) {
      const value = map.get(name)
      if (value !== undefined && value !== '') return value
    }
    return undefined
  }
  const clientId = str(pick(POSTMAN_KEYS.clientId))
  const clientSecret = str(pick(POSTMAN_KEYS.clientSecret))
  const orgId = str(pick(POSTMAN_KEYS.orgId)) ?? ''
  const name = str(root.name) ?? filename.replace(/\.postman_environment\.json$|\.json$/i, '')
  if (JWT_MARKERS.some((marker) => map.has(marker))) {
    return jwtImport(
      { clientId, clientSecret, orgId, technicalAccountId: str(pick(POSTMAN_KEYS.technicalAccountId)), imsHost: str(pick(POSTMAN_KEYS.ims)), name },
      `Postman environment "${name}" for a Service Account (JWT) credential (it has ${JWT_MARKERS.filter((m) => map.has(m)).map((m) => m.toUpperCase()).join(', ')}).`
    )
  }
  if (!clientId) {
    throw new ImportError(
      'incomplete',
      `${filename}: this Postman environment has no API_KEY (Client ID). Use "Download for Postman → OAuth Server-to-Server" in Developer Console.`
    )
  }
  const env = environmentFromIms(str(pick(POSTMAN_KEYS.ims)))
  const reactor = str(pick(POSTMAN_KEYS.reactor))
  if (env.environment === 'custom' && reactor) {
    try {
      env.reactorBaseUrl = normaliseBaseUrl(reactor)
    } catch {
      // left for the user to fill in
    }
  }
  const draft: ImportPreview['draft'] = {
    name,
    ...env,
    clientId,
    orgId,
    scopes: parseScopes(pick(POSTMAN_KEYS.scopes)) ?? [...DEFAULT_REACTOR_SCOPES],
    ...(str(pick(POSTMAN_KEYS.technicalAccountId)) ? { technicalAccountId: str(pick(POSTMAN_KEYS.technicalAccountId)) } : {})
  }
  const warnings = baseWarnings(draft)
  if (!clientSecret) warnings.push('The environment has no CLIENT_SECRET value; enter it after import.')
  if (map.has('access_token') && str(map.get('access_token'))) warnings.push('The ACCESS_TOKEN in the file was ignored: Reactor Explorer fetches its own tokens.')
  return {
    preview: { kind: 'postman-environment', description: `Postman environment "${name}" (${values.length} variables).`, draft, hasClientSecret: Boolean(clientSecret), warnings },
    ...(clientSecret ? { clientSecret } : {})
  }
}

function looksLikeJwtClaims(root: Json): boolean {
  return typeof root.aud === 'string' && /\/c\//.test(root.aud) && (typeof root.iss === 'string' || Object.keys(root).some((k) => /\/s\/[^/]+$/.test(k)))
}

/** Recognises and parses a credential file. Throws ImportError with a specific, readable message. */
export function parseCredentialFile(filename: string, content: string): ParsedImport {
  const root = parseJson(filename, content)
  if (!isObject(root)) throw new ImportError('unrecognised', `${filename}: expected a JSON object, found ${Array.isArray(root) ? 'a list' : typeof root}.`)
  if (isObject(root.project)) return projectImport(root, filename)
  if (Array.isArray(root.values)) return postmanImport(root, filename)
  // aio-lib-ims contexts (reference §6.2): JWT keys, or OAuth S2S keys.
  if (typeof root.client_id === 'string' && ('private_key' in root || 'meta_scopes' in root || 'jwt_payload' in root)) {
    return jwtImport(
      {
        clientId: str(root.client_id),
        clientSecret: str(root.client_secret),
        orgId: str(root.ims_org_id),
        technicalAccountId: str(root.technical_account_id),
        name: filename.replace(/\.json$/i, '')
      },
      'An Adobe I/O (aio) Service Account (JWT) credential context.'
    )
  }
  if (typeof root.client_id === 'string' && (Array.isArray(root.client_secrets) || 'scopes' in root)) {
    const secrets = Array.isArray(root.client_secrets) ? root.client_secrets.filter((s): s is string => typeof s === 'string' && s.length > 0) : []
    const draft: ImportPreview['draft'] = {
      name: filename.replace(/\.json$/i, '') || 'Imported credential',
      environment: 'production',
      clientId: root.client_id,
      orgId: str(root.ims_org_id) ?? '',
      scopes: parseScopes(root.scopes) ?? [...DEFAULT_REACTOR_SCOPES],
      ...(str(root.technical_account_id) ? { technicalAccountId: str(root.technical_account_id) } : {})
    }
    return {
      preview: { kind: 'developer-console-project', description: 'An Adobe I/O (aio) OAuth Server-to-Server credential context.', draft, hasClientSecret: secrets.length > 0, warnings: baseWarnings(draft) },
      ...(secrets[0] ? { clientSecret: secrets[0] } : {})
    }
  }
  if (looksLikeJwtClaims(root)) {
    const aud = String(root.aud)
    const imsHost = /^(https?:\/\/[^/]+)\//.exec(aud)?.[1]
    return jwtImport(
      {
        clientId: /\/c\/([^/?#]+)/.exec(aud)?.[1],
        orgId: str(root.iss),
        technicalAccountId: str(root.sub),
        imsHost,
        name: 'Service account'
      },
      'The claims of a Service Account (JWT) token request (iss, sub, aud and metascopes).'
    )
  }
  throw new ImportError(
    'unrecognised',
    `${filename}: not a file Reactor Explorer can import. Use the project JSON from Developer Console ("Download" on the project), or "Download for Postman → OAuth Server-to-Server".`
  )
}
