// How a request document relates to the catalog: which operation it is (followed from the URL, so the label
// never goes stale), which ids the path pickers show (`spec.reactor.pickedIds`, also read back from a URL
// typed by hand), and the catalog sample body filled with those ids. Pure functions over the draft: the
// builder, the catalog panel and tests share them.
import { buildOperationPath, type CatalogOperation } from '@shared/catalog/catalog'
import { sampleBodyWithIds } from '@shared/catalog/sample-body'
import { paramsFromUrlField } from '@shared/requests/url-params'
import { REACTOR_DEFAULT_PAGE_SIZE } from '@shared/ipc/settings.contract'
import { resourceChain } from '../context/resource-lists'
import { defaultHeaders, draftRow, relativeToProfile, type DraftRow, type HttpMethod, type RequestDraft } from './request-draft'

export type Picks = Record<string, string>

function pathOnly(url: string, reactorBaseUrl: string | undefined): string | undefined {
  const relative = relativeToProfile(url.trim(), reactorBaseUrl)
  if (!relative.startsWith('/')) return undefined
  return relative.split(/[?#]/)[0]!.replace(/\/+$/, '') || '/'
}

function segmentsMatch(template: string, path: string): boolean {
  const want = template.split('/')
  const have = path.split('/')
  return want.length === have.length && want.every((part, i) => (part.startsWith('{') ? have[i]!.length > 0 : part === have[i]))
}

function literalCount(template: string): number {
  return template.split('/').filter((part) => part && !part.startsWith('{')).length
}

/**
 * The operation a request is: the one it was built from while it still fits the method and URL, else the
 * catalog operation the URL matches best (most literal segments), else none ("Custom request").
 */
export function operationFor(
  operations: readonly CatalogOperation[],
  draft: Pick<RequestDraft, 'method' | 'url' | 'reactor'>,
  reactorBaseUrl?: string
): CatalogOperation | undefined {
  const path = pathOnly(draft.url, reactorBaseUrl)
  if (path === undefined) return undefined
  const fits = (op: CatalogOperation) => op.method === draft.method && segmentsMatch(op.path, path)
  const chosen = operations.find((op) => op.id === draft.reactor?.operationId)
  if (chosen && fits(chosen)) return chosen
  let best: CatalogOperation | undefined
  for (const op of operations) if (fits(op) && (!best || literalCount(op.path) > literalCount(best.path))) best = op
  return best
}

export function pathValues(op: CatalogOperation, picks: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {}
  for (const param of op.pathParams) values[param.name] = picks[param.resourceType]
  return values
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Picks with every type below `changed` in a resource chain dropped (a new property's rules are not the old one's). */
function withoutChildrenOf(picks: Picks, changed: readonly string[]): Picks {
  const next: Picks = { ...picks }
  for (const type of Object.keys(next)) {
    const chain = resourceChain(type)
    if (changed.some((parent) => parent !== type && chain.includes(parent))) delete next[type]
  }
  return next
}

/** The picks a URL implies for an operation: each path id typed in the URL, placeholders left unpicked. */
export function picksFromUrl(op: CatalogOperation, url: string, previous: Picks, reactorBaseUrl?: string): Picks {
  const path = pathOnly(url, reactorBaseUrl)
  if (path === undefined) return previous
  const template = op.path.split('/')
  const have = path.split('/')
  let next: Picks = { ...previous }
  const changed: string[] = []
  template.forEach((part, i) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1]
    const param = name ? op.pathParams.find((candidate) => candidate.name === name) : undefined
    if (!param) return
    const segment = safeDecode(have[i] ?? '')
    const value = /^\{[^}]*\}$/.test(segment) || segment === '' ? undefined : segment
    if (value === next[param.resourceType]) return
    changed.push(param.resourceType)
    if (value === undefined) delete next[param.resourceType]
    else next[param.resourceType] = value
  })
  if (changed.length) next = withoutChildrenOf(next, changed)
  return next
}

function bodyText(draft: RequestDraft): string | undefined {
  return draft.body.type === 'json' || draft.body.type === 'text' ? draft.body.text : undefined
}

/** The sample follows the picks while the body is still the sample as filled for the previous picks. */
function followSample(draft: RequestDraft, op: CatalogOperation, before: Picks, after: Picks): RequestDraft['body'] {
  if (!op.sampleBody || draft.body.type !== 'json') return draft.body
  const untouched = bodyText(draft) === sampleBodyWithIds(op, before)
  return untouched ? { ...draft.body, text: sampleBodyWithIds(op, after) ?? '' } : draft.body
}

function withReactor(draft: RequestDraft, operationId: string | undefined, picks: Picks): RequestDraft['reactor'] {
  const { operationId: _old, pickedIds: _oldPicks, ...rest } = draft.reactor ?? {}
  const next: NonNullable<RequestDraft['reactor']> = { ...rest }
  if (operationId) next.operationId = operationId
  if (Object.keys(picks).length) next.pickedIds = picks
  return Object.keys(next).length ? next : undefined
}

export function picksOf(draft: Pick<RequestDraft, 'reactor'>): Picks {
  return { ...(draft.reactor?.pickedIds ?? {}) }
}

/**
 * A catalog operation picked for this tab: its method and path (filled from the current picks), Reactor's
 * headers, its sample body with the picked ids. Name, variables and options describe the person's work, not
 * one operation: they stay.
 */
export function applyOperation(draft: RequestDraft, op: CatalogOperation, pageSize = REACTOR_DEFAULT_PAGE_SIZE): RequestDraft {
  const picks = picksOf(draft)
  // A list operation asks for the page size chosen in Settings; Reactor's own default needs no parameter.
  const sized = pageSize !== REACTOR_DEFAULT_PAGE_SIZE && op.queryParams.some((param) => param.name === 'page[size]')
  const contentType = op.bodyContentType && !/multipart/i.test(op.bodyContentType) ? op.bodyContentType : undefined
  return {
    ...draft,
    method: op.method,
    url: buildOperationPath(op, pathValues(op, picks)),
    params: sized ? [draftRow({ name: 'page[size]', value: String(pageSize) })] : [],
    headers: defaultHeaders(contentType).map((row) => draftRow(row)),
    body: /multipart/i.test(op.bodyContentType ?? '') ? { type: 'multipart', parts: [] } : { type: 'json', text: sampleBodyWithIds(op, picks) ?? '' },
    reactor: withReactor(draft, op.id, picks)
  }
}

/** A pick in a path picker: the path is rebuilt from it and an untouched sample body follows. */
export function applyPick(draft: RequestDraft, op: CatalogOperation | undefined, resourceType: string, id: string | undefined): RequestDraft {
  const before = picksOf(draft)
  let after: Picks = { ...before }
  if (id) after[resourceType] = id
  else delete after[resourceType]
  after = withoutChildrenOf(after, [resourceType])
  if (!op) return { ...draft, reactor: withReactor(draft, draft.reactor?.operationId, after) }
  return {
    ...draft,
    url: buildOperationPath(op, pathValues(op, after)),
    body: followSample(draft, op, before, after),
    reactor: withReactor(draft, op.id, after)
  }
}

/**
 * The person typed in the URL field: the URL and params follow it (disabled rows kept), the operation is
 * matched again, the picks are read back from the path, and an untouched sample body follows the picks.
 */
export function applyUrlField(draft: RequestDraft, text: string, operations: readonly CatalogOperation[], reactorBaseUrl?: string): RequestDraft {
  const { url, params } = paramsFromUrlField<DraftRow>(text, draft.params, (row) => draftRow(row))
  return followUrl({ ...draft, url, params }, operations, reactorBaseUrl)
}

export function applyMethod(draft: RequestDraft, method: HttpMethod, operations: readonly CatalogOperation[], reactorBaseUrl?: string): RequestDraft {
  return followUrl({ ...draft, method }, operations, reactorBaseUrl)
}

function followUrl(draft: RequestDraft, operations: readonly CatalogOperation[], reactorBaseUrl?: string): RequestDraft {
  const op = operationFor(operations, draft, reactorBaseUrl)
  const before = picksOf(draft)
  const after = op ? picksFromUrl(op, draft.url, before, reactorBaseUrl) : before
  // The document names the operation it was built from only while it still fits; a match found by URL alone
  // is derived again on every render, so typing a URL and typing it back leaves the document as it was.
  const chosen = draft.reactor?.operationId === op?.id ? op?.id : undefined
  return {
    ...draft,
    body: op ? followSample(draft, op, before, after) : draft.body,
    reactor: withReactor(draft, chosen, after)
  }
}
