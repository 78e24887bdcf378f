// What Adobe's own collections (and the collections people built from them) do by hand that a profile does for
// them here, recognised once for every importer (Postman, Insomnia, Bruno):
//
// - `Authorization: Bearer {{ACCESS_TOKEN}}`, `x-api-key: {{API_KEY}}`, `x-gw-ims-org-id: {{IMS_ORG}}` on each
//   request (experience-platform-postman-samples' Reactor API collection: all 120 requests) → auth `inherit`:
//   the profile adds its own token, Client ID and Org ID, only on its own Reactor host;
// - `https://reactor.adobe.io/…` or `{{HOST}}/…` → a path relative to the profile's Reactor host, so the same
//   request runs against production, stage or the Sandbox;
// - token requests to IMS (`/ims/token/v1..v3`) are what the profile already does; JWT exchanges
//   (`/ims/exchange/jwt`) belong to credentials that reached end of life on 2025-06-30.
import { matchOperation } from '../../../shared/catalog/catalog'
import type { Collection, CollectionItem, ItemDefaults } from '../../../shared/collections/collection-model'
import type { KeyValue, RequestSpec } from '../../../shared/requests/request-spec'
import { isKnownReactorHost } from '../reactor/reactor-headers'
import type { ReportBuilder } from './import-report'

/** Variable names Adobe's and the community's collections use for the Reactor base URL. */
const REACTOR_HOST_VARIABLES = new Set(['host', 'reactor_host', 'reactorhost', 'reactor_url', 'reactorurl', 'reactor', 'reactor_base_url', 'reactorbaseurl'])

export const JWT_END_OF_LIFE =
  'Service Account (JWT) credentials reached end of life on 2025-06-30 and Adobe no longer exchanges JWTs for tokens; ' +
  'create an OAuth Server-to-Server credential in Developer Console and add it as a profile: the profile gets and renews tokens itself.'

export const IMS_TOKEN_REQUEST =
  'This request asks IMS for an access token, which is what a profile does for you (and renews before it expires); ' +
  'add the credential as a profile instead of sending its Client Secret from a collection.'

const PLACEHOLDER = /^\{\{\s*[A-Za-z0-9_.$-]+\s*\}\}$/

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim())
}

/** What an IMS URL asks for, by path (the host may be `{{IMS}}`, ims-na1.adobelogin.com or a stage host). */
export function imsRequestKind(url: string): 'token' | 'jwt' | undefined {
  const match = /^(?:https?:\/\/)?([^/?#]*)(\/[^?#]*)?/i.exec(url.trim())
  const host = (match?.[1] ?? '').toLowerCase()
  const path = (match?.[2] ?? '').toLowerCase()
  const imsHost = /(^|\.)adobelogin\.com$/.test(host) || /^\{\{\s*ims[\w.-]*\s*\}\}$/.test(host)
  if (!imsHost && !/^\/ims\//.test(path)) return undefined
  if (/^\/ims\/exchange\/jwt\/?$/.test(path)) return 'jwt'
  if (/^\/ims\/token\/v\d\/?$/.test(path)) return 'token'
  return undefined
}

/** The Reactor base a URL starts with (literal or through a variable), or undefined. */
function reactorBase(url: string, variables: ReadonlyMap<string, string | undefined>, looksReactor: boolean): { base: string; via: string } | undefined {
  const literal = /^https:\/\/[^/?#]+/i.exec(url)
  if (literal) {
    try {
      if (isKnownReactorHost(new URL(literal[0]))) return { base: literal[0], via: literal[0] }
    } catch {
      return undefined
    }
    return undefined
  }
  const variable = /^\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}/.exec(url)
  if (!variable) return undefined
  const name = variable[1]!
  const value = variables.get(name)
  if (value !== undefined && value !== '') {
    try {
      return isKnownReactorHost(new URL(value.replace(/\/+$/, ''))) ? { base: variable[0], via: `{{${name}}}` } : undefined
    } catch {
      return undefined
    }
  }
  // No value in the file (Adobe's reactor-postman keeps HOST in a separate environment): trust the name only
  // when the request also speaks JSON:API the Reactor way.
  return looksReactor && REACTOR_HOST_VARIABLES.has(name.toLowerCase()) ? { base: variable[0], via: `{{${name}}}` } : undefined
}

function hasReactorAccept(headers: readonly KeyValue[]): boolean {
  return headers.some((row) => row.name.toLowerCase() === 'accept' && /application\/vnd\.api\+json/i.test(row.value))
}

/**
 * A request as a Reactor request of this app: its Reactor base URL dropped (relative to the profile), Adobe's
 * hand-written auth headers replaced by the profile's (`auth: inherit`), and the catalog operation it matches.
 * Requests to other hosts come back unchanged.
 */
export function adoptReactorConventions(spec: RequestSpec, variables: ReadonlyMap<string, string | undefined>, report: ReportBuilder): RequestSpec {
  const base = reactorBase(spec.url, variables, hasReactorAccept(spec.headers) || spec.headers.some(isAuthorizationBearer))
  if (!base) return spec
  const path = spec.url.slice(base.base.length) || '/'
  report.count(`reactor-base:${base.via}`, (n) => `${n === 1 ? 'One request' : `${n} requests`} to ${base.via} now go${n === 1 ? 'es' : ''} to the profile's Reactor host (production, stage or the Sandbox, whichever profile is active).`)

  let headers = spec.headers
  let auth = spec.auth
  const managed = headers.filter(isProfileAuthHeader)
  // Auth typed as headers (a Postman bearer or API key) is the profile's job too, when that is all it holds.
  const typedProfileAuth = auth.type === 'headers' && auth.headers.every(isProfileAuthHeader)
  if (managed.length > 0 || typedProfileAuth) {
    const literal = managed.some((row) => row.value.trim() !== '' && !/\{\{/.test(row.value))
    headers = headers.filter((row) => !managed.includes(row))
    if (typedProfileAuth) {
      report.count('auth-headers-to-profile', (n) => `${n === 1 ? 'One request' : `${n} requests`} to the Reactor host had auth typed by hand; ${n === 1 ? 'it uses' : 'they use'} the profile's auth instead.`)
    }
    if (auth.type !== 'none') auth = { type: 'inherit' }
    report.count(
      'profile-auth',
      (n) =>
        `Authorization, x-api-key and x-gw-ims-org-id headers of ${n === 1 ? 'one request' : `${n} requests`} became profile auth: the active profile adds its own token, Client ID and Org ID, only on its own Reactor host (no {{ACCESS_TOKEN}}, {{API_KEY}} or {{IMS_ORG}} to keep up to date).`
    )
    if (literal) report.note('Literal values of x-api-key or x-gw-ims-org-id (such as the old "Activation-DTM" key) were dropped: the profile sends its own Client ID and Org ID.')
  }
  const operation = matchOperation(spec.method, path.replace(/\{\{[^}]*\}\}/g, 'X'))
  const reactor = operation && !spec.reactor?.operationId ? { ...spec.reactor, operationId: operation.id } : spec.reactor
  return { ...spec, url: path, headers, auth, ...(reactor ? { reactor } : {}) }
}

function isAuthorizationBearer(row: KeyValue): boolean {
  return /^authorization$/i.test(row.name) && /^bearer\b/i.test(row.value.trim())
}

/** The three headers a profile sends to Reactor (reactor-api.md §3.2). */
function isProfileAuthHeader(row: KeyValue): boolean {
  return isAuthorizationBearer(row) || /^x-api-key$/i.test(row.name) || /^x-gw-ims-org-id$/i.test(row.name)
}

/**
 * The same at collection and folder level: auth or headers a collection sets for all its requests (Bruno's
 * collection.bru `auth:bearer {{accessToken}}`, a Postman collection's bearer auth) are the profile's job
 * when every request that inherits them goes to the Reactor host. A level that also serves other hosts
 * keeps them: those requests still need them.
 */
export function adoptReactorDefaults(collection: Collection, report: ReportBuilder): Collection {
  /** Whether every request below (that does not set its own auth) is a Reactor request. */
  const allReactor = (items: readonly CollectionItem[]): boolean =>
    items.every((item) => (item.kind === 'folder' ? (item.defaults.auth && item.defaults.auth.type !== 'inherit') || allReactor(item.items) : item.kind !== 'request' || item.spec.auth.type !== 'inherit' || item.spec.url.startsWith('/')))
  const hasRequests = (items: readonly CollectionItem[]): boolean => items.some((item) => item.kind === 'request' || (item.kind === 'folder' && hasRequests(item.items)))
  const adopt = (defaults: ItemDefaults, items: readonly CollectionItem[], where: string): ItemDefaults => {
    if (!hasRequests(items) || !allReactor(items)) return defaults
    const headers = defaults.headers.filter((row) => !isProfileAuthHeader(row))
    const auth = defaults.auth?.type === 'headers' && defaults.auth.headers.every(isProfileAuthHeader) ? undefined : defaults.auth
    if (headers.length === defaults.headers.length && auth === defaults.auth) return defaults
    const names = [...(defaults.auth?.type === 'headers' ? defaults.auth.headers : []), ...defaults.headers.filter(isProfileAuthHeader)].map((row) => row.name)
    report.note(`Auth set on ${where} (${[...new Set(names)].join(', ')}) became the profile's auth: every request that uses it goes to the Reactor host.`)
    return { ...defaults, headers, auth }
  }
  const walk = (items: readonly CollectionItem[]): CollectionItem[] =>
    items.map((item) => (item.kind === 'folder' ? { ...item, defaults: adopt(item.defaults, item.items, `the folder "${item.name}"`), items: walk(item.items) } : item))
  return { ...collection, defaults: adopt(collection.defaults, collection.items, 'the collection'), items: walk(collection.items) }
}

// ---- Adobe's "empty variable" boilerplate -----------------------------------------------------------------

/**
 * Adobe's pre-request script on 453 of the 455 requests of its Experience Platform collections: it removes
 * headers and query params whose `{{variable}}` is empty, "as Postman will send the literal variable name".
 * Recognised by its markers or by its two statements; what else the script holds is returned as `rest`.
 */
export function splitAdobeBoilerplate(code: string): { found: boolean; rest: string } {
  const block = /\/\*\*\s*Begin Adobe-provided Pre-Request Scripts\s*\*\*\/[\s\S]*?\/\*\*\s*End Adobe-provided Pre-Request Scripts\s*\*\*\//
  const marked = block.exec(code)
  if (marked) return { found: true, rest: (code.slice(0, marked.index) + code.slice(marked.index + marked[0].length)).trim() }
  const compact = code.replace(/\s+/g, '')
  const headers = compact.includes('pm.request.forEachHeader(') && compact.includes('pm.request.headers.remove(')
  const query = compact.includes('pm.request.url.query.remove(')
  if (headers && query && /if\(!pm\.variables\.get\(/.test(compact)) {
    // Unmarked copies are the whole script; anything more is not ours to guess at.
    const statements = code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'))
    const onlyBoilerplate = statements.every((line) => /forEachHeader|startsWith\("\{\{"\)|pm\.variables\.get|headers\.remove|query\.remove|return !pm|^\s*[})\];]+\s*$/.test(line))
    if (onlyBoilerplate) return { found: true, rest: '' }
  }
  return { found: false, rest: code }
}

/**
 * What the boilerplate did, kept as data: a header or query row whose whole value is one `{{variable}}` that
 * nothing defines was removed before sending, so it is imported disabled (enable it once you give the
 * variable a value). Rows of defined variables stay enabled.
 */
export function disableRowsOfUndefinedVariables(spec: RequestSpec, defined: ReadonlySet<string>, report: ReportBuilder): RequestSpec {
  let disabled = 0
  const rows = (list: readonly KeyValue[]) =>
    list.map((row) => {
      const name = /^\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}$/.exec(row.value.trim())?.[1]
      if (row.enabled && name && !defined.has(name)) {
        disabled += 1
        return { ...row, enabled: false }
      }
      return row
    })
  const next = { ...spec, headers: rows(spec.headers), params: rows(spec.params) }
  if (disabled > 0) {
    report.count(
      'boilerplate-disabled-rows',
      (n) => `${n} header and query rows whose value is a {{variable}} nothing defines were imported disabled, as Adobe's script removed them before sending; enable a row once its variable has a value.`,
      disabled
    )
  }
  return next
}
