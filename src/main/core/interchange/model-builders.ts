// Small pieces every importer builds the Collection model from, so each converter only says what its format
// means: request and folder items, scripts kept as text in the docs, names made safe, and stable file paths.
import type { CollectionItem, FolderItem, ItemDefaults, RequestItem } from '../../../shared/collections/collection-model'
import { parseRequestSpec, type RequestSpec, type RequestSpecInput } from '../../../shared/requests/request-spec'
import type { ReportBuilder } from './import-report'

/** RequestSpec's limit on names. */
const NAME_MAX = 256

export function emptyDefaults(): ItemDefaults {
  return { headers: [], variables: [], auth: undefined }
}

/** A name as the model can hold it: trimmed, control characters removed, at most 256 characters. */
export function itemName(raw: unknown, fallback: string, report: ReportBuilder): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = (typeof raw === 'string' ? raw : '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim()
  if (!clean) return fallback
  const chars = [...clean]
  if (chars.length <= NAME_MAX) return clean
  report.count('long-names', (n) => `${n === 1 ? 'One name was' : `${n} names were`} longer than ${NAME_MAX} characters and ${n === 1 ? 'was' : 'were'} shortened.`)
  return `${chars.slice(0, NAME_MAX - 1).join('')}…`
}

/**
 * The request document for `input`, or undefined (with the item listed as not imported) when it breaks one
 * of RequestSpec's limits — one oversized header must not cost the rest of the collection.
 */
export function buildSpec(input: RequestSpecInput, label: string, report: ReportBuilder): RequestSpec | undefined {
  const parsed = parseRequestSpec(input)
  if (parsed.ok) return parsed.spec
  report.notMapped(label, `not imported: ${parsed.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`)
  return undefined
}

export function requestItem(spec: RequestSpec, seq: number, docs?: string, extra?: Record<string, unknown>): RequestItem {
  const item: RequestItem = { kind: 'request', path: '', seq, spec }
  if (docs && docs.trim()) item.docs = docs
  if (extra && Object.keys(extra).length > 0) item.extra = extra
  return item
}

export function folderItem(name: string, seq: number, defaults: ItemDefaults, items: CollectionItem[], docs?: string, extra?: Record<string, unknown>): FolderItem {
  const folder: FolderItem = { kind: 'folder', path: '', name, seq, defaults, items }
  if (docs && docs.trim()) folder.docs = docs
  if (extra && Object.keys(extra).length > 0) folder.extra = extra
  return folder
}

/** A script the app does not run, kept in the docs where the person (and a reviewer) can read it. */
export function withScriptInDocs(docs: string | undefined, tool: string, phase: string, code: string): string {
  const section = `## ${tool} ${phase} script (imported, not run by Reactor Explorer)\n\n\`\`\`js\n${code.trim()}\n\`\`\``
  return docs && docs.trim() ? `${docs.trimEnd()}\n\n${section}` : section
}

/** A description in any of the shapes formats use (`"text"`, `{ content }`), as markdown. */
export function descriptionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    const content = (value as { content: string }).content
    return content.trim() ? content : undefined
  }
  return undefined
}
