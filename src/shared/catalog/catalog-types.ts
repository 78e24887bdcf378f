// Types of the Reactor endpoint catalog. The data itself is generated from the OpenAPI spec at build time
// (scripts/generate-catalog.mjs -> reactor-catalog.generated.json) plus the documented operations the spec
// misses; nothing here is typed by hand.

export type CatalogMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Where an operation is documented: the OpenAPI spec, or only in Adobe's docs / SDK (reactor-api.md §4). */
export type CatalogSource = 'openapi' | 'docs'

export interface CatalogParam {
  /** As sent: `PROPERTY_ID` (path), `page[size]`, `sort`, `max_availability` (query). */
  name: string
  description: string
  required: boolean
  /** JSON-schema type when the spec gives one (`string`, `integer`, ...). */
  type?: string
  default?: string | number | boolean
  maximum?: number
  enum?: string[]
}

export interface CatalogPathParam extends CatalogParam {
  /**
   * The resource collection whose id fills this parameter (`companies` for `{COMPANY_ID}`), from the path
   * segment before it — lets the UI offer a picker fed by `GET /companies`, `/companies/{id}/properties`, ...
   */
  resourceType: string
}

export interface CatalogFilter {
  /** The attribute, e.g. `name`. */
  attribute: string
  /** The query parameter as Reactor expects it: `filter[name]` (the spec models it as a bare `name`; §3.5). */
  param: string
  description: string
}

export interface CatalogOperation {
  /** Stable id: the spec's operationId, or `<method>:<path>` for added operations. */
  id: string
  method: CatalogMethod
  /** Path template relative to the Reactor host, placeholders as in the spec: `/properties/{PROPERTY_ID}/rules`. */
  path: string
  /** The resource group it is listed under (`Rules`, `Libraries`, ...). */
  group: string
  /** All the spec's tags for the operation (an operation can belong to two groups, e.g. Properties + Rules). */
  tags: string[]
  summary: string
  /** Markdown, as in the spec or the docs. */
  description: string
  pathParams: CatalogPathParam[]
  /** Query parameters other than filters: `page[size]`, `page[number]`, `sort`, `max_availability`, ... */
  queryParams: CatalogParam[]
  /** Filterable attributes (list operations). */
  filters: CatalogFilter[]
  /** True when `meta.pagination` comes back (a list with `page[...]` params): the UI offers "fetch all pages". */
  paginated: boolean
  /** Request body media type when the operation takes one (`application/vnd.api+json`, `multipart/form-data`). */
  bodyContentType?: string
  /** A starting request body (pretty JSON text), from the spec's examples/schemas or the docs' samples. */
  sampleBody?: string
  /** Whether a body is required. */
  bodyRequired: boolean
  /** Documented success statuses, e.g. [200] or [201] or [204]. */
  successStatuses: number[]
  source: CatalogSource
  /** For `docs` operations (and spec oddities): where it is documented and why it is listed. */
  sourceNote?: string
  deprecated: boolean
}

export interface CatalogGroup {
  name: string
  /** The spec's description of the resource (tag description). */
  description: string
  operations: CatalogOperation[]
}

export interface CatalogData {
  /** Spec title + version it was generated from, e.g. `Reactor API 1.0`. */
  generatedFrom: string
  /** sha256 of the spec file: a test checks the committed catalog matches the spec in resources/. */
  specSha256: string
  groups: CatalogGroup[]
  counts: { operations: number; fromSpec: number; added: number }
}
