// A catalog sample body filled with the ids the person picked for the path. The samples come from Adobe's
// docs, so `PATCH /rules/{RULE_ID}` carries `"id": "RLd2528a53…"`, an id from Adobe's own org: sent as is,
// Reactor (and the Sandbox) answer 409 because `data.id` must equal the id in the path. Here:
//
// - the resource the path updates (`/rules/{RULE_ID}`, PATCH or PUT) gets `data.id` = the picked rule id,
//   added where the sample has none (`PATCH /hosts/{HOST_ID}`'s sample has no id at all);
// - every other resource identifier `{ "id", "type" }` whose type the path names (the rule in
//   `POST /rules/{RULE_ID}/rule_components`' relationships) gets the picked id of that type.
//
// Ids of resources the path does not name (the rules to add to a library) stay as the sample has them.
import type { CatalogOperation } from './catalog-types'

type Picks = Readonly<Record<string, string | undefined>>
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The resource type the operation updates in place: the last path segment is its id placeholder. */
function updatedType(op: Pick<CatalogOperation, 'method' | 'path' | 'pathParams'>): string | undefined {
  if (op.method !== 'PATCH' && op.method !== 'PUT') return undefined
  const last = /\{([^}]+)\}$/.exec(op.path)?.[1]
  return op.pathParams.find((param) => param.name === last)?.resourceType
}

/** `{ ...before, id, type, ...after }`: a new id goes next to its type, where a reader looks for it. */
function withId(item: { [key: string]: Json }, id: string): { [key: string]: Json } {
  if ('id' in item) return { ...item, id }
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(item)) {
    if (key === 'type') out['id'] = id
    out[key] = value
  }
  if (!('id' in out)) out['id'] = id
  return out
}

/**
 * The sample with picked ids in place, or the sample text unchanged when nothing applies (so a body the
 * person has not touched compares equal to what this returns for the same picks).
 */
export function sampleBodyWithIds(op: Pick<CatalogOperation, 'method' | 'path' | 'pathParams' | 'sampleBody'>, picks: Picks): string | undefined {
  const sample = op.sampleBody
  if (!sample) return sample
  const pathTypes = new Set(op.pathParams.map((param) => param.resourceType))
  if (![...pathTypes].some((type) => picks[type])) return sample
  let doc: Json
  try {
    doc = JSON.parse(sample) as Json
  } catch {
    return sample
  }
  let changed = false

  const visit = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(visit)
    if (!isObject(value)) return value
    let out: { [key: string]: Json } = {}
    for (const [key, child] of Object.entries(value)) out[key] = visit(child)
    const type = out['type']
    const picked = typeof type === 'string' && pathTypes.has(type) ? picks[type] : undefined
    if (picked && 'id' in out && out['id'] !== picked) {
      out = withId(out, picked)
      changed = true
    }
    return out
  }

  let result = visit(doc)
  const updated = updatedType(op)
  const id = updated ? picks[updated] : undefined
  if (isObject(result) && id) {
    const data = result['data']
    if (isObject(data) && (data['type'] === updated || data['type'] === undefined) && data['id'] !== id) {
      result = { ...result, data: withId(data, id) }
      changed = true
    }
  }
  return changed ? JSON.stringify(result, null, 2) : sample
}
