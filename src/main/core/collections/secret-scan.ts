// Nothing that looks like a credential is written into a collection folder. Before a file is written, every
// text it would hold is checked against the credential patterns (a pasted `Bearer eyJ…`, an Adobe client
// secret `p8e-…`; security/secret-patterns.ts) and against every secret the app knows (SecretRegistry). Each
// finding names the file, the field and the kind; the person may turn the findings into secret variables,
// whose values go to the keychain while the file gets `{{name}}`.
//
// The check runs on the plain object of the file (what yaml will write), so it also sees fields the model
// does not map (a token inside a kept script): those are reported too, but only a person can fix them.
import type { SecretFinding } from '../../../shared/ipc/collections.contract'
import { findCredentialPatterns } from '../security/secret-patterns'
import type { SecretRegistry } from '../security/secret-registry'
import { isPlainObject, type Plain, type YamlPath } from './yaml-files'

export type { SecretFinding }

interface Hit {
  path: YamlPath
  kind: string
  /** The credential itself (a substring of the field), or the whole field for a known secret. */
  value: string
  /** A variable's own value: the variable itself becomes secret. */
  variableValue: boolean
}

const KNOWN_SECRET = 'a secret this app holds'

/** Where a string sits, in the words the editor uses. */
function fieldLabel(plain: Plain, path: YamlPath): string {
  const at = (p: YamlPath): unknown => p.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), plain)
  const rowName = (p: YamlPath) => String((at(p) as Plain | undefined)?.name ?? '')
  const joined = path.join('.')
  const row = (prefix: string) => new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(joined)
  const table: Array<[string, string]> = [
    ['http.headers', 'header'],
    ['http.params', 'param'],
    ['http.body.data', 'form field'],
    ['http.body.formUrlEncoded', 'form field'],
    ['http.body.multipartForm', 'form part'],
    ['runtime.variables', 'variable'],
    ['request.headers', 'default header'],
    ['request.variables', 'variable'],
    ['variables', 'variable'],
    [`extensions.reactorExplorer.authHeaders`, 'auth header']
  ]
  for (const [prefix, word] of table) {
    const match = row(prefix)
    if (match) return `${word} ${rowName([...prefix.split('.'), Number(match[1])])}`.trim()
  }
  if (joined === 'http.url') return 'URL'
  if (/^http\.body\.(data|json|text|xml|sparql)$/.test(joined)) return 'body'
  if (joined.startsWith('http.auth')) return 'auth'
  if (joined === 'info.name' || joined === 'name') return 'name'
  return joined
}

/** Paths whose strings this app edits and can therefore rewrite as `{{variable}}`. */
function isFixable(path: YamlPath): boolean {
  const joined = path.join('.')
  return (
    /^http\.(url|headers\.\d+\.value|params\.\d+\.value|auth\.(token|value))$/.test(joined) ||
    /^http\.body\.(data|json|text|xml|sparql)$/.test(joined) ||
    /^http\.body\.(data|formUrlEncoded|multipartForm)\.\d+\.value$/.test(joined) ||
    /^(runtime\.variables|request\.variables|variables)\.\d+\.value(\.data)?$/.test(joined) ||
    /^request\.headers\.\d+\.value$/.test(joined) ||
    /^extensions\.reactorExplorer\.authHeaders\.\d+\.value$/.test(joined)
  )
}

function isVariableValue(path: YamlPath): boolean {
  return /^(runtime\.variables|request\.variables|variables)\.\d+\.value(\.data)?$/.test(path.join('.'))
}

function scanStrings(value: unknown, path: YamlPath, registry: SecretRegistry | undefined, hits: Hit[]): void {
  if (typeof value === 'string') {
    for (const found of findCredentialPatterns(value)) {
      const text = value.slice(found.index, found.index + found.length)
      // A bearer header keeps its scheme: the token after it is the secret.
      const token = found.kind === 'bearer token' ? text.replace(/^Bearer\s+/i, '') : text
      hits.push({ path, kind: found.kind, value: token, variableValue: isVariableValue(path) })
    }
    if (!hits.some((hit) => hit.path === path) && registry?.containsSecret(value)) hits.push({ path, kind: KNOWN_SECRET, value, variableValue: isVariableValue(path) })
    return
  }
  if (Array.isArray(value)) value.forEach((item, index) => scanStrings(item, [...path, index], registry, hits))
  else if (isPlainObject(value)) for (const [key, child] of Object.entries(value)) scanStrings(child, [...path, key], registry, hits)
}

/**
 * Every credential in the file, in the order a person reads the request, except the URL's copies of its
 * params: the URL in the file carries the enabled params as its query, so a secret typed into a param is
 * there twice but was typed once (it is replaced in both places all the same).
 */
function hitsIn(plain: Plain, registry: SecretRegistry | undefined): { reported: Hit[]; all: Hit[] } {
  const hits: Hit[] = []
  scanStrings(plain, [], registry, hits)
  const isUrl = (hit: Hit) => hit.path.join('.') === 'http.url'
  const inParams = new Set(hits.filter((hit) => hit.path.join('.').startsWith('http.params.')).map((hit) => hit.value))
  const reported = hits.filter((hit) => !(isUrl(hit) && inParams.has(hit.value)))
  return { reported, all: [...hits.filter((hit) => !isUrl(hit)), ...hits.filter(isUrl)] }
}

const NAME_FOR_KIND: Record<string, string> = { 'Adobe client secret': 'clientSecret', 'JSON Web Token': 'accessToken', 'bearer token': 'accessToken' }

function ownVariableName(plain: Plain, path: YamlPath): string {
  const variable = path.slice(0, path.indexOf('value'))
  const node = variable.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], plain) as Plain
  return String(node.name)
}

/** A variable name for a finding that is free in `taken`. */
function freeName(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_.-]/g, '') || 'secret'
  let name = clean
  for (let n = 2; taken.has(name); n++) name = `${clean}${n}`
  taken.add(name)
  return name
}

export interface SecretReplacement {
  /** The file's plain object with each finding replaced by `{{variable}}` (or the variable made secret). */
  plain: Plain
  /** Values to store in the keychain, by variable name. */
  secrets: Array<{ name: string; value: string; ownVariable: boolean }>
}

/** Every credential the file would hold, or an empty list. `variableNames` are names already in use. */
export function findSecrets(plain: Plain, file: string, registry: SecretRegistry | undefined, variableNames: Iterable<string> = []): SecretFinding[] {
  const taken = new Set(variableNames)
  const byValue = new Map<string, string>()
  return hitsIn(plain, registry).reported.map((hit) => {
    const fixable = isFixable(hit.path)
    let variable: string | undefined
    if (fixable) {
      variable = hit.variableValue ? ownVariableName(plain, hit.path) : (byValue.get(hit.value) ?? freeName(NAME_FOR_KIND[hit.kind] ?? fieldLabel(plain, hit.path).split(' ').pop() ?? 'secret', taken))
      byValue.set(hit.value, variable)
    }
    return { file, field: fieldLabel(plain, hit.path), kind: hit.kind, fixable, ...(variable ? { variable } : {}) }
  })
}

/**
 * The file with each fixable finding replaced: a credential inside a field becomes `{{name}}` (the same
 * value twice becomes the same variable), a variable holding one becomes `{ name, secret: true }`.
 * Unfixable findings are left for the caller to refuse.
 */
export function replaceSecrets(plain: Plain, registry: SecretRegistry | undefined, variableNames: Iterable<string> = []): SecretReplacement {
  const out = structuredClone(plain)
  const taken = new Set(variableNames)
  const byValue = new Map<string, string>()
  const secrets: SecretReplacement['secrets'] = []
  for (const hit of hitsIn(plain, registry).all) {
    if (!isFixable(hit.path)) continue
    if (hit.variableValue) {
      const variablePath = hit.path.slice(0, hit.path.indexOf('value'))
      const parent = variablePath.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], out) as unknown[]
      const index = variablePath[variablePath.length - 1] as number
      const original = parent[index] as Plain
      if (original.secret === true) continue
      const { value, ...rest } = original
      const full = isPlainObject(value) ? String(value.data ?? '') : String(value ?? '')
      parent[index] = { ...rest, secret: true }
      secrets.push({ name: String(original.name), value: full, ownVariable: true })
      continue
    }
    let name = byValue.get(hit.value)
    if (!name) {
      name = freeName(NAME_FOR_KIND[hit.kind] ?? fieldLabel(plain, hit.path).split(' ').pop() ?? 'secret', taken)
      byValue.set(hit.value, name)
      secrets.push({ name, value: hit.value, ownVariable: false })
    }
    const parent = hit.path.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], out) as Record<string | number, unknown>
    const key = hit.path[hit.path.length - 1]!
    parent[key] = String(parent[key]).split(hit.value).join(`{{${name}}}`)
  }
  return { plain: out, secrets }
}
