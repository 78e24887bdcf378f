// Lists that fill path parameters (`{COMPANY_ID}`, `{PROPERTY_ID}`, `{RULE_ID}` ...) from the API itself,
// fetched with the active profile and cached in memory per profile + URL until the user refreshes.
import type { HttpResponse, WindowApi } from '@shared/contract'
import { ApiError, unwrap } from '../../../api/client'
import { newRequestSpec, REACTOR_ACCEPT, type RequestSpec } from '@shared/requests/request-spec'
import { splitUrlAndQuery } from '@shared/requests/url-params'
import { newRequestId } from '../model/request-draft'

/** Which collection lists a resource type, keyed by its parent type (undefined = top-level list). */
export const RESOURCE_PARENTS: Record<string, string | undefined> = {
  companies: undefined,
  properties: 'companies',
  app_configurations: 'companies',
  rules: 'properties',
  data_elements: 'properties',
  extensions: 'properties',
  libraries: 'properties',
  environments: 'properties',
  hosts: 'properties',
  callbacks: 'properties',
  secrets: 'properties',
  notes: 'properties',
  rule_components: 'rules',
  builds: 'libraries',
  extension_packages: undefined,
  extension_package_usage_authorizations: 'extension_packages',
  audit_events: undefined
}

/**
 * Extra query a list needs to show everything the user may pick: Reactor lists only public extension
 * packages unless asked for more, so the user's own private and development packages would be missing.
 */
const LIST_QUERY: Record<string, string> = {
  extension_packages: '?max_availability=development'
}

export const RESOURCE_LABELS: Record<string, string> = {
  companies: 'Company',
  properties: 'Property',
  app_configurations: 'App configuration',
  rules: 'Rule',
  data_elements: 'Data element',
  extensions: 'Extension',
  libraries: 'Library',
  environments: 'Environment',
  hosts: 'Host',
  callbacks: 'Callback',
  secrets: 'Secret',
  notes: 'Note',
  rule_components: 'Rule component',
  builds: 'Build',
  extension_packages: 'Extension package',
  extension_package_usage_authorizations: 'Usage authorization',
  audit_events: 'Audit event'
}

export function isListable(resourceType: string): boolean {
  return resourceType in RESOURCE_PARENTS
}

/** The chain of types to pick, root first: rules -> [companies, properties, rules]. */
export function resourceChain(resourceType: string): string[] {
  const chain: string[] = []
  let current: string | undefined = resourceType
  const seen = new Set<string>()
  while (current && !seen.has(current)) {
    seen.add(current)
    chain.unshift(current)
    current = RESOURCE_PARENTS[current]
  }
  return chain
}

export function listUrl(resourceType: string, parentId: string | undefined): string | undefined {
  const parent = RESOURCE_PARENTS[resourceType]
  const query = LIST_QUERY[resourceType] ?? ''
  if (!parent) return `/${resourceType}${query}`
  if (!parentId) return undefined
  return `/${parent}/${encodeURIComponent(parentId)}/${resourceType}${query}`
}

export interface ResourceOption {
  id: string
  label: string
  detail?: string
}

export interface ResourceList {
  items: ResourceOption[]
  /** More exist than were fetched (lists are capped to keep pickers quick). */
  truncated: boolean
  totalCount?: number
}

interface JsonApiListItem {
  id?: unknown
  attributes?: Record<string, unknown>
}

function labelOf(item: JsonApiListItem): { label: string; detail?: string } {
  const attributes = item.attributes ?? {}
  for (const key of ['name', 'display_name', 'title', 'text', 'type_of']) {
    const value = attributes[key]
    if (typeof value === 'string' && value.trim()) return { label: value, detail: String(item.id) }
  }
  return { label: String(item.id) }
}

export function parseList(response: HttpResponse): ResourceList {
  if (response.status === 404) return { items: [], truncated: false, totalCount: 0 }
  if (response.status >= 400) {
    throw new ApiError({ code: `http-${response.status}`, message: `The list answered ${response.status} ${response.statusText}.` })
  }
  if (response.body.kind !== 'inline') return { items: [], truncated: true }
  const doc = JSON.parse(response.body.text) as { data?: JsonApiListItem[]; meta?: { pagination?: { total_count?: number } } }
  const items = (doc.data ?? []).filter((item) => typeof item.id === 'string').map((item) => ({ id: String(item.id), ...labelOf(item) }))
  const totalCount = doc.meta?.pagination?.total_count
  return { items, truncated: typeof totalCount === 'number' && totalCount > items.length, totalCount }
}

const PAGE_SIZE = 100

/** The document that reads one picker list (its own query, e.g. max_availability, plus page[size]). */
export function listSpec(url: string): RequestSpec {
  const { url: path, params } = splitUrlAndQuery(url)
  return newRequestSpec({
    name: 'Picker list',
    method: 'GET',
    url: path,
    params: [...params, { name: 'page[size]', value: String(PAGE_SIZE), enabled: true }],
    headers: [{ name: 'Accept', value: REACTOR_ACCEPT, enabled: true }]
  })
}

/** Caches lists per profile and URL; `refresh` drops one entry so the next read fetches again. */
export class ResourceListCache {
  private entries = new Map<string, Promise<ResourceList>>()
  constructor(private readonly api: () => WindowApi) {}

  private key(profileId: string, url: string): string {
    return `${profileId} ${url}`
  }

  get(profileId: string, url: string, options: { refresh?: boolean } = {}): Promise<ResourceList> {
    const key = this.key(profileId, url)
    if (options.refresh) this.entries.delete(key)
    let entry = this.entries.get(key)
    if (!entry) {
      entry = unwrap(
        this.api().sendRequest({
          requestId: newRequestId(),
          profileId,
          spec: listSpec(url)
        })
      ).then(parseList)
      // A failed read is not cached: the next pick tries again.
      entry.catch(() => this.entries.delete(key))
      this.entries.set(key, entry)
    }
    return entry
  }

  clear(): void {
    this.entries.clear()
  }
}
