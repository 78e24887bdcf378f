// The one `{{variable}}` resolver. The renderer uses it for the preview (secret values unknown there: they
// stay `{{name}}` and are marked secret); core uses it when it sends, with the secret values that only main
// can read. Scopes, lowest priority first — a later scope overrides an earlier one:
//
//   request < folder < collection < environment (per profile) < run-time values
//
// so a collection or folder can give defaults, the environment of the active profile decides the values
// that differ per Adobe org, and run-time values (a runner's captures, a data-file row, `--var` on the
// command line) win over everything.
import type { KeyValue, MultipartPart, RequestSpec, RequestVariable } from './request-spec'

export const VARIABLE_SCOPES = ['request', 'folder', 'collection', 'environment', 'runtime'] as const
export type VariableScope = (typeof VARIABLE_SCOPES)[number]

/** Variables for each scope above `request` (which comes from the spec itself). */
export type VariableScopes = Partial<Record<Exclude<VariableScope, 'request'>, readonly RequestVariable[]>>

export interface VariableValue {
  value: string
  scope: VariableScope
  secret: boolean
}

export interface UnresolvedVariable {
  name: string
  /** Where the request uses it, in words: `URL`, `header Authorization`, `param filter[name]`, `body`. */
  usedIn: string[]
  /** A secret variable with no value where it is being resolved (its value lives in main). */
  secret: boolean
}

export interface ResolvedSpec {
  spec: RequestSpec
  unresolved: UnresolvedVariable[]
  /** Names whose values are secret (main registers their values with the secret guard). */
  secretNames: string[]
  /** Which scope each used variable came from (for the preview's tooltips). */
  sources: Record<string, VariableScope>
}

const PATTERN = /\{\{\s*([A-Za-z0-9_.$-]+)\s*\}\}/g

export function referencedVariables(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((match) => match[1]!)
}

/**
 * Merges the scopes into one table. `secretValue` (main only) returns the value of a secret variable;
 * without it a secret variable has no value here and stays unresolved.
 */
export function variableTable(
  spec: Pick<RequestSpec, 'variables'>,
  scopes: VariableScopes = {},
  secretValue?: (name: string, scope: VariableScope) => string | undefined
): Map<string, VariableValue | { secret: true; scope: VariableScope; value?: undefined }> {
  const table = new Map<string, VariableValue | { secret: true; scope: VariableScope; value?: undefined }>()
  const layers: Array<[VariableScope, readonly RequestVariable[] | undefined]> = [
    ['request', spec.variables],
    ['folder', scopes.folder],
    ['collection', scopes.collection],
    ['environment', scopes.environment],
    ['runtime', scopes.runtime]
  ]
  for (const [scope, list] of layers) {
    for (const variable of list ?? []) {
      const name = variable.name.trim()
      if (!name || variable.enabled === false) continue
      if (variable.secret) {
        const value = secretValue?.(name, scope) ?? variable.value
        table.set(name, value === undefined ? { secret: true, scope } : { value, scope, secret: true })
      } else {
        table.set(name, { value: variable.value ?? '', scope, secret: false })
      }
    }
  }
  return table
}

/**
 * Replaces every `{{name}}` in every text field of the request. Unresolved names are left in place and
 * reported with every place they were used, so the person sees exactly what would go out and where to fix it.
 */
export function resolveSpec(
  spec: RequestSpec,
  scopes: VariableScopes = {},
  secretValue?: (name: string, scope: VariableScope) => string | undefined
): ResolvedSpec {
  const table = variableTable(spec, scopes, secretValue)
  const unresolved = new Map<string, UnresolvedVariable>()
  const secretNames = new Set<string>()
  const sources: Record<string, VariableScope> = {}

  const sub = (text: string, where: string): string =>
    text.includes('{{')
      ? text.replace(PATTERN, (whole, name: string) => {
          const entry = table.get(name)
          if (entry) {
            sources[name] = entry.scope
            if (entry.secret) secretNames.add(name)
          }
          if (!entry || entry.value === undefined) {
            const known = unresolved.get(name) ?? { name, usedIn: [], secret: Boolean(entry?.secret) }
            if (!known.usedIn.includes(where)) known.usedIn.push(where)
            unresolved.set(name, known)
            return whole
          }
          return entry.value
        })
      : text

  const rows = (list: readonly KeyValue[], what: string): KeyValue[] =>
    list.map((row) => (row.enabled ? { ...row, name: sub(row.name, `${what} ${row.name}`), value: sub(row.value, `${what} ${row.name}`) } : row))

  // In the order a person reads the request, so "used in" lists read top to bottom.
  const url = sub(spec.url, 'URL')
  const params = rows(spec.params, 'param')
  const headers = rows(spec.headers, 'header')
  const body = ((): RequestSpec['body'] => {
    const b = spec.body
    switch (b.type) {
      case 'json':
      case 'text':
        return { ...b, text: sub(b.text, 'body') }
      case 'form-urlencoded':
        return { ...b, fields: rows(b.fields, 'form field') }
      case 'multipart':
        return {
          ...b,
          parts: b.parts.map((part): MultipartPart =>
            !part.enabled ? part : part.kind === 'text' ? { ...part, value: sub(part.value, `form part ${part.name}`) } : { ...part, path: sub(part.path, `file part ${part.name}`) }
          )
        }
      case 'binary':
        return { ...b, path: sub(b.path, 'body file') }
      default:
        return b
    }
  })()

  const auth: RequestSpec['auth'] = spec.auth.type === 'headers' ? { ...spec.auth, headers: rows(spec.auth.headers, 'auth header') } : spec.auth

  const resolved: RequestSpec = {
    ...spec,
    url,
    params,
    headers,
    body,
    auth
  }
  return { spec: resolved, unresolved: [...unresolved.values()].sort((a, b) => a.name.localeCompare(b.name)), secretNames: [...secretNames].sort(), sources }
}

/** One sentence naming each unresolved variable and where it is used. */
export function describeUnresolved(unresolved: readonly UnresolvedVariable[]): string {
  const parts = unresolved.map((item) => `{{${item.name}}}${item.secret ? ' (secret, no value stored)' : ''} in ${item.usedIn.join(', ')}`)
  return `${unresolved.length === 1 ? 'This variable has' : 'These variables have'} no value: ${parts.join('; ')}.`
}
