// Which requests a run sends and in what order: a whole collection, one folder, or a selection of requests,
// always in collection order (requestsInOrder). Each step is read once per run (its assertions, captures, poll)
// and knows which earlier steps it waits for when requests overlap (`concurrency` > 1): the ones whose
// captures it uses, and around every write (POST, PUT, PATCH, DELETE) all of them, so changes happen in order.
import { effectiveSpec, requestsInOrder, type Collection, type CollectionItem, type FolderItem, type RequestItem } from '../../../shared/collections/collection-model'
import { referencedVariables } from '../../../shared/requests/variables'
import { AppError } from '../../../shared/errors'
import { stepRuntime, type StepRuntime } from './step-runtime'

export interface RunStep {
  /** Position in the plan (0-based). */
  position: number
  item: RequestItem
  folders: FolderItem[]
  folderPath: string
  runtime: StepRuntime
  /** Earlier steps whose captures this one uses: it starts only after they finished. */
  waitsFor: number[]
}

export interface RunPlan {
  steps: RunStep[]
  /** Items of the selection that could not be read (they are not run; the report names them). */
  unreadable: Array<{ path: string; message: string }>
}

export interface Selection {
  folder?: string
  requestPaths?: readonly string[]
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, '')
}

function findFolder(items: readonly CollectionItem[], path: string): FolderItem | undefined {
  for (const item of items) {
    if (item.kind !== 'folder') continue
    if (item.path === path) return item
    const inner = findFolder(item.items, path)
    if (inner) return inner
  }
  return undefined
}

function folderPaths(items: readonly CollectionItem[], out: string[] = []): string[] {
  for (const item of items) {
    if (item.kind === 'folder') {
      out.push(item.path)
      folderPaths(item.items, out)
    }
  }
  return out
}

function unreadableIn(items: readonly CollectionItem[], out: Array<{ path: string; message: string }> = []): Array<{ path: string; message: string }> {
  for (const item of items) {
    if (item.kind === 'unreadable') out.push({ path: item.path, message: `${item.message}${item.line ? ` (line ${item.line}${item.column ? `, column ${item.column}` : ''})` : ''}` })
    else if (item.kind === 'folder') unreadableIn(item.items, out)
  }
  return out
}

/** Every {{name}} a step's request (with its inherited headers) and checks use. */
function referencesOf(collection: Collection, folders: readonly FolderItem[], item: RequestItem, runtime: StepRuntime): Set<string> {
  const texts = [JSON.stringify(effectiveSpec(collection, folders, item.spec))]
  for (const assertion of runtime.assertions) texts.push(assertion.value ?? '')
  if (runtime.poll) texts.push(runtime.poll.until.value ?? '', runtime.poll.failWhen?.value ?? '')
  return new Set(texts.flatMap((text) => referencedVariables(text)))
}

/** The steps of a run, or an AppError naming what in the selection does not exist. */
export function planRun(collection: Collection, selection: Selection = {}): RunPlan {
  let scope: { items: readonly CollectionItem[]; chain: FolderItem[] } = { items: collection.items, chain: [] }
  if (selection.folder !== undefined && normalise(selection.folder) !== '') {
    const wanted = normalise(selection.folder)
    const folder = findFolder(collection.items, wanted)
    if (!folder) {
      const known = folderPaths(collection.items)
      throw new AppError(
        'runner-no-such-folder',
        `The collection "${collection.name}" has no folder "${wanted}". ${known.length > 0 ? `Its folders: ${known.slice(0, 30).join(', ')}${known.length > 30 ? ', …' : ''}.` : 'It has no folders.'}`
      )
    }
    scope = { items: [folder], chain: [] }
  }
  let ordered = requestsInOrder(scope.items, scope.chain)
  if (selection.requestPaths && selection.requestPaths.length > 0) {
    const wanted = selection.requestPaths.map(normalise)
    const known = new Set(ordered.map(({ item }) => item.path))
    const missing = wanted.filter((path) => !known.has(path))
    if (missing.length > 0) {
      throw new AppError('runner-no-such-request', `Not in ${selection.folder ? `the folder "${normalise(selection.folder)}"` : `the collection "${collection.name}"`}: ${missing.slice(0, 10).join(', ')}.`)
    }
    const chosen = new Set(wanted)
    ordered = ordered.filter(({ item }) => chosen.has(item.path))
  }
  const unreadable = unreadableIn(scope.items)
  if (ordered.length === 0) {
    throw new AppError(
      'runner-nothing-to-run',
      `There is no request to run in ${selection.folder ? `the folder "${normalise(selection.folder)}"` : `the collection "${collection.name}"`}${unreadable.length > 0 ? ` (${unreadable.length} item(s) could not be read: ${unreadable[0]!.path}: ${unreadable[0]!.message})` : ''}.`
    )
  }

  const steps: RunStep[] = []
  const capturedBy = new Map<string, number[]>()
  let lastWrite = -1
  ordered.forEach(({ item, folders }, position) => {
    const runtime = stepRuntime(item)
    const references = referencesOf(collection, folders, item, runtime)
    const waitsFor = new Set<number>()
    for (const name of references) for (const earlier of capturedBy.get(name) ?? []) waitsFor.add(earlier)
    // Changes keep their order: a write waits for everything before it, and everything after waits for it
    // (create a library, then assign its environment, then build). Reads between two writes overlap.
    if (lastWrite >= 0) waitsFor.add(lastWrite)
    const writes = !READ_METHODS.has(item.spec.method)
    if (writes) for (let earlier = lastWrite + 1; earlier < position; earlier++) waitsFor.add(earlier)
    steps.push({ position, item, folders, folderPath: folders.map((folder) => folder.path).at(-1) ?? '', runtime, waitsFor: [...waitsFor].sort((a, b) => a - b) })
    for (const capture of runtime.captures) capturedBy.set(capture.name, [...(capturedBy.get(capture.name) ?? []), position])
    if (writes) lastWrite = position
  })
  return { steps, unreadable }
}
