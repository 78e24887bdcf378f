// No credential from an imported file reaches a collection folder, the CLI's output or an export. Every
// string of the imported collection (headers, params, bodies, auth, variables, environments, docs, extra
// fields such as saved example responses) is scanned with the app's one list of credential patterns
// (security/secret-patterns.ts); what looks like an access token or an Adobe client secret becomes a
// `{{placeholder}}` backed by a secret variable with no value (its value belongs in the keychain).
import type { Collection, CollectionItem, Environment, FolderItem, ItemDefaults } from '../../../shared/collections/collection-model'
import type { RequestVariable } from '../../../shared/requests/request-spec'
import { isCredentialName, looksLikeSecret } from '../security/secret-patterns'
import type { ReportBuilder } from './import-report'

const SPLIT = /([\s"'`,;=&?<>(){}[\]\\]+)/

interface Found {
  placeholder: string
  kind: string
  /** The placeholder is a variable the input already had (now secret): nothing to declare. */
  declared?: boolean
}

function article(kind: string): string {
  return /^[aeiou]/i.test(kind) ? `an ${kind}` : `a ${kind}`
}

/**
 * The kind of credential a variable holds, if it holds one: a value shaped like a token or client secret, or
 * any written-out value of a variable named like a credential (`client_secret`, `access_token`, `password`).
 * A long opaque value alone is not enough: Reactor ids (`CO…`, 34 characters) look just like tokens.
 */
function wholeValueSecret(name: string, value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim()
  if (trimmed === '' || /^\{\{[^}]*\}\}$/.test(trimmed)) return undefined
  if (trimmed.length >= 16 && !/\s/.test(trimmed)) {
    const kind = looksLikeSecret(trimmed)
    if (kind) return kind
  }
  return isCredentialName(name.replace(/^.*[.]/, '')) ? `credential (${name})` : undefined
}

/** Replaces every credential-looking part of every string; returns the collection with the secret variables it needs. */
export function scrubLiteralSecrets(collection: Collection, report: ReportBuilder): Collection {
  const byValue = new Map<string, Found>()
  const names = new Set<string>([...collection.defaults.variables, ...collection.environments.flatMap((env) => env.variables)].map((v) => v.name))

  // A variable holding a credential names it: the same value elsewhere becomes `{{thatVariable}}`.
  const holders = [
    ...collection.defaults.variables,
    ...collection.environments.flatMap((env) => env.variables),
    ...allFolders(collection.items).flatMap((folder) => folder.defaults.variables)
  ]
  for (const variable of holders) {
    const kind = variable.secret ? undefined : wholeValueSecret(variable.name, variable.value)
    if (kind && !byValue.has(variable.value!.trim())) byValue.set(variable.value!.trim(), { placeholder: variable.name, kind, declared: true })
  }

  const used = new Set<Found>()
  const placeholderFor = (token: string, kind: string): Found => {
    const known = byValue.get(token)
    if (known) return known
    const stem = kind === 'Adobe client secret' ? 'CLIENT_SECRET' : 'ACCESS_TOKEN'
    let name = stem
    for (let n = 2; names.has(name); n++) name = `${stem}_${n}`
    names.add(name)
    const found = { placeholder: name, kind }
    byValue.set(token, found)
    return found
  }

  const scrub = (text: string, where: string): string => {
    if (text.length < 20 || !looksLikeSecret(text)) return text
    const parts = text.split(SPLIT)
    let changed = false
    for (let i = 0; i < parts.length; i += 2) {
      const token = parts[i]!
      if (token.length < 16) continue
      const previous = i >= 2 ? parts[i - 2] : undefined
      const kind = looksLikeSecret(token) ?? (previous && /^bearer$/i.test(previous) ? looksLikeSecret(`Bearer ${token}`) : undefined)
      if (!kind) continue
      const found = placeholderFor(token, kind)
      used.add(found)
      parts[i] = `{{${found.placeholder}}}`
      changed = true
      report.notMapped(where, `${article(found.kind)} written out in full was replaced by {{${found.placeholder}}}: a secret variable with no value in the collection (give it a value in an environment; it is kept in the keychain, never in a file)`)
    }
    return changed ? parts.join('') : text
  }

  const deep = <T>(value: T, where: string): T => {
    if (typeof value === 'string') return scrub(value, where) as T
    if (Array.isArray(value)) return value.map((child) => deep(child, where)) as T
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(value)) out[key] = deep(child, where)
      return out as T
    }
    return value
  }

  /** A variable whose whole value is a credential becomes a secret variable of the same name, without value. */
  const variables = (list: readonly RequestVariable[], where: string): RequestVariable[] =>
    list.map((variable) => {
      if (variable.secret) return { name: variable.name, enabled: variable.enabled, secret: true }
      const kind = wholeValueSecret(variable.name, variable.value)
      if (kind) {
        report.notMapped(`${where} variable ${variable.name}`, `its value looks like ${article(kind)}; it was imported as a secret variable without its value (set it again in the app: it is kept in the keychain, never in a file)`)
        return { name: variable.name, enabled: variable.enabled, secret: true }
      }
      return deep(variable, `${where} variable ${variable.name}`)
    })

  const defaults = (value: ItemDefaults, where: string): ItemDefaults => ({ ...deep({ ...value, variables: [] }, where), variables: variables(value.variables, where) })

  const items = (list: readonly CollectionItem[], chain: string): CollectionItem[] =>
    list.map((item) => {
      if (item.kind === 'unreadable') return item
      const label = chain ? `${chain} / ${item.kind === 'folder' ? item.name : item.spec.name}` : item.kind === 'folder' ? item.name : item.spec.name
      if (item.kind === 'folder') {
        return { ...item, defaults: defaults(item.defaults, label), docs: item.docs === undefined ? undefined : scrub(item.docs, label), extra: deep(item.extra, label), items: items(item.items, label) }
      }
      const spec = { ...deep({ ...item.spec, variables: [] }, label), variables: variables(item.spec.variables, label) }
      return { ...item, spec, docs: item.docs === undefined ? undefined : scrub(item.docs, label), extra: deep(item.extra, label) }
    })

  const environments = collection.environments.map((env): Environment => ({ ...deep({ ...env, variables: [] }, `environment ${env.name}`), variables: variables(env.variables, `environment ${env.name}`) }))
  const result: Collection = {
    ...collection,
    defaults: defaults(collection.defaults, 'collection'),
    items: items(collection.items, ''),
    environments,
    docs: collection.docs === undefined ? undefined : scrub(collection.docs, 'collection docs'),
    extra: deep(collection.extra, 'collection')
  }
  if (used.size === 0) return result
  // Each placeholder needs a declared secret variable, or sending would say "no value" without saying why.
  const declared = new Set(result.defaults.variables.map((v) => v.name))
  const added = [...used].filter((found) => !found.declared && !declared.has(found.placeholder))
  result.defaults = { ...result.defaults, variables: [...result.defaults.variables, ...added.map((found) => ({ name: found.placeholder, enabled: true, secret: true }))] }
  const placeholders = [...new Set([...used].map((found) => found.placeholder))]
  report.note(`${used.size === 1 ? 'One credential' : `${used.size} credentials`} written out in the file ${used.size === 1 ? 'was' : 'were'} replaced by {{${placeholders.join('}}, {{')}}}; nothing secret was imported.`)
  return result
}

function allFolders(items: readonly CollectionItem[]): FolderItem[] {
  return items.flatMap((item) => (item.kind === 'folder' ? [item, ...allFolders(item.items)] : []))
}
