// The history on disk: append-only segments of JSON lines in `<data folder>/history/`
// (`segment-000001.jsonl`, a new one past 4 MB), so a crash mid-write loses at most the line being written:
// a torn last line is cut off on the next load with a notice. A segment damaged anywhere else is moved to
// `history/damaged/` with a notice and every other segment stays readable.
//
// Lazy: nothing is read when the app opens. Recording a call only looks at the newest segment's size; the
// first list, search or get reads the segments once into an in-memory index (history-index.ts), after which
// entries are read from disk by byte range.
//
// Bounded by count and total size (history settings; defaults 10,000 entries and 200 MB): the oldest
// segments are dropped whole, and the oldest one is rewritten without its first lines when dropping it whole
// would remove more than needed. Deleting one entry rewrites its segment (at most 4 MB) atomically.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, readdir, rename, stat, truncate, unlink, appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { HISTORY_ENTRY_VERSION, type HistoryEntry } from './history-entry'
import { haystackOf, listItemOf, matchesFilters, matchesTerms, queryTerms, type HistoryFilters, type HistoryListItem, type IndexRecord } from './history-index'

export interface HistoryLimits {
  maxEntries: number
  maxTotalBytes: number
  /** Per entry, for the response body and for the request body. */
  maxBodyBytes: number
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxEntries: 10_000, maxTotalBytes: 200 * 1024 * 1024, maxBodyBytes: 256 * 1024 }

/**
 * A new segment is started past this size. Small enough that deleting one entry (which rewrites its segment)
 * stays a few milliseconds, large enough that 200 MB of history is 50 files.
 */
export const SEGMENT_MAX_BYTES = 4 * 1024 * 1024

export interface HistoryNotice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export interface HistoryStoreOptions {
  /** The history folder (`<data folder>/history`). */
  dir: string
  limits?: () => HistoryLimits
  onNotice?: (notice: HistoryNotice) => void
  segmentMaxBytes?: number
}

export interface HistoryPage {
  items: HistoryListItem[]
  /** How many entries match (all pages). */
  total: number
}

export interface ListOptions {
  offset?: number
  limit?: number
  filters?: HistoryFilters
}

export interface SearchOptions extends ListOptions {
  query: string
  /** Also look through every body in full (reads the segments from disk). */
  deep?: boolean
}

interface Segment {
  name: string
  number: number
  bytes: number
  /** In file order; only once the index is loaded. */
  records?: IndexRecord[]
}

const SEGMENT_NAME = /^segment-(\d{6,})\.jsonl$/
const segmentName = (number: number) => `segment-${String(number).padStart(6, '0')}.jsonl`
const NEWLINE = 0x0a

export function newHistoryId(startedAt: number): string {
  return `${startedAt.toString(36)}-${randomBytes(5).toString('hex')}`
}

/** The minimum a line must have to be an entry (anything else means the segment is damaged). */
function isEntry(value: unknown): value is HistoryEntry {
  const entry = value as HistoryEntry | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.v === 'number' &&
    typeof entry.id === 'string' &&
    typeof entry.startedAt === 'number' &&
    typeof entry.request === 'object' &&
    entry.request !== null &&
    typeof entry.request.url === 'string' &&
    typeof entry.request.method === 'string'
  )
}

export class HistoryStore {
  private segments: Segment[] | undefined
  /** Sorted by startedAt, oldest first. */
  private index: IndexRecord[] | undefined
  private readonly byId = new Map<string, IndexRecord>()
  private chain: Promise<unknown> = Promise.resolve()
  readonly notices: HistoryNotice[] = []

  constructor(private readonly options: HistoryStoreOptions) {}

  private get limits(): HistoryLimits {
    return this.options.limits?.() ?? DEFAULT_HISTORY_LIMITS
  }

  private get segmentMaxBytes(): number {
    return this.options.segmentMaxBytes ?? SEGMENT_MAX_BYTES
  }

  /** Whether the index has been read (the app's start must not do it). */
  get loaded(): boolean {
    return this.index !== undefined
  }

  /** One operation at a time: appends, rewrites and the first load never interleave. */
  private run<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.chain.then(operation, operation)
    this.chain = next.catch(() => undefined)
    return next
  }

  private notice(level: HistoryNotice['level'], message: string): void {
    const notice = { level, message }
    this.notices.push(notice)
    this.options.onNotice?.(notice)
  }

  private path(name: string): string {
    return join(this.options.dir, name)
  }

  /** The segment files and their sizes, without reading them. */
  private async discover(): Promise<Segment[]> {
    if (this.segments) return this.segments
    // Reading never creates the folder: only the first recorded call does.
    const names = (await readdir(this.options.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[]
      throw error
    })).filter((name) => SEGMENT_NAME.test(name))
    const segments: Segment[] = []
    for (const name of names) {
      const info = await stat(this.path(name))
      // A folder (or anything but a file) under a segment's name cannot be read or appended to; it is moved to
      // damaged/ like a damaged segment, so its name is free again and the history keeps working.
      if (!info.isFile()) {
        await this.moveAside({ name, number: 0, bytes: 0 })
        continue
      }
      segments.push({ name, number: Number(SEGMENT_NAME.exec(name)![1]), bytes: info.size })
    }
    segments.sort((a, b) => a.number - b.number)
    const newest = segments.at(-1)
    if (newest) await this.repairTail(newest)
    this.segments = segments
    return segments
  }

  /**
   * A crash can only cut the line being appended, at the end of the newest segment. Without this the next
   * append would continue that torn line and the whole segment would read as damaged.
   */
  private async repairTail(segment: Segment): Promise<void> {
    if (segment.bytes === 0) return
    const handle = await open(this.path(segment.name), 'r')
    let last: number
    try {
      const byte = Buffer.alloc(1)
      await handle.read(byte, 0, 1, segment.bytes - 1)
      last = byte[0]!
    } finally {
      await handle.close()
    }
    if (last === NEWLINE) return
    const buffer = await readFile(this.path(segment.name))
    const keep = buffer.lastIndexOf(NEWLINE) + 1
    let tail: unknown
    try {
      tail = JSON.parse(buffer.subarray(keep).toString('utf8'))
    } catch {
      tail = undefined
    }
    if (isEntry(tail)) {
      // Everything but the newline made it to disk: the entry is whole.
      await appendFile(this.path(segment.name), '\n')
      segment.bytes += 1
      return
    }
    await truncate(this.path(segment.name), keep)
    segment.bytes = keep
    this.notice('warning', 'The last call recorded before Reactor Explorer stopped was cut short and could not be kept; the rest of the history is intact.')
  }

  private get totalBytes(): number {
    return (this.segments ?? []).reduce((sum, segment) => sum + segment.bytes, 0)
  }

  /** The index (read on first use). Pruning replaces the array: callers use what this returns, never keep it. */
  private async load(): Promise<IndexRecord[]> {
    if (this.index) return this.index
    const segments = await this.discover()
    const index: IndexRecord[] = []
    for (const segment of [...segments]) {
      const records = await this.readSegment(segment)
      if (records) {
        segment.records = records
        index.push(...records)
      } else {
        segments.splice(segments.indexOf(segment), 1)
      }
    }
    index.sort((a, b) => a.item.startedAt - b.item.startedAt)
    for (const record of index) this.byId.set(record.item.id, record)
    this.index = index
    await this.enforceLimits()
    return this.index
  }

  /** The records of one segment; undefined when it was damaged and moved aside. */
  private async readSegment(segment: Segment): Promise<IndexRecord[] | undefined> {
    const buffer = await readFile(this.path(segment.name))
    const records: IndexRecord[] = []
    let offset = 0
    while (offset < buffer.length) {
      const newline = buffer.indexOf(NEWLINE, offset)
      const end = newline < 0 ? buffer.length : newline
      if (end > offset) {
        let entry: unknown
        try {
          entry = JSON.parse(buffer.subarray(offset, end).toString('utf8'))
        } catch {
          entry = undefined
        }
        if (!isEntry(entry)) {
          // (A torn last line was already cut off by repairTail: anything unreadable here is damage.)
          await this.moveAside(segment)
          return undefined
        }
        records.push({ item: listItemOf(entry), segment: segment.name, offset, length: end - offset, haystack: haystackOf(entry) })
      }
      offset = newline < 0 ? buffer.length : newline + 1
    }
    return records
  }

  private async moveAside(segment: Segment): Promise<void> {
    const folder = this.path('damaged')
    await mkdir(folder, { recursive: true })
    const aside = join(folder, `${segment.name}.${new Date().toISOString().replace(/[:.]/g, '-')}`)
    await rename(this.path(segment.name), aside)
    this.notice('warning', `Part of the history (${segment.name}) was damaged and could not be read. It was moved to ${aside}; every other recorded call is still there.`)
  }

  /** Records a call. Before the History area was opened this touches only the newest segment. */
  append(entry: HistoryEntry): Promise<void> {
    return this.appendMany([entry])
  }

  /**
   * Records several calls with one write per segment they land in: a runner sending hundreds of requests a
   * second must not pay a file open and close for each (it was 40% of a 500-request run).
   */
  appendMany(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve()
    return this.run(async () => {
      const segments = await this.discover()
      let pending: Buffer[] = []
      let pendingSegment: Segment | undefined
      const write = async () => {
        if (!pendingSegment || pending.length === 0) return
        await appendFile(this.path(pendingSegment.name), Buffer.concat(pending))
        pending = []
      }
      for (const entry of entries) {
        const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8')
        let current = segments.at(-1)
        if (!current || (current.bytes > 0 && current.bytes + line.length > this.segmentMaxBytes)) {
          await write()
          current = { name: segmentName((current?.number ?? 0) + 1), number: (current?.number ?? 0) + 1, bytes: 0, ...(this.index ? { records: [] } : {}) }
          segments.push(current)
        }
        if (current.bytes === 0 && pending.length === 0) await mkdir(this.options.dir, { recursive: true })
        pendingSegment = current
        const offset = current.bytes
        pending.push(line)
        current.bytes += line.length
        if (this.index) {
          const record: IndexRecord = { item: listItemOf(entry), segment: current.name, offset, length: line.length - 1, haystack: haystackOf(entry) }
          current.records!.push(record)
          this.insert(record)
        }
      }
      await write()
      if (this.index) await this.enforceLimits()
      else if (this.totalBytes > this.limits.maxTotalBytes) {
        // Over the size cap before anyone opened History: load once, which prunes.
        await this.load()
      }
    })
  }

  private insert(record: IndexRecord): void {
    const index = this.index!
    let at = index.length
    while (at > 0 && index[at - 1]!.item.startedAt > record.item.startedAt) at--
    index.splice(at, 0, record)
    this.byId.set(record.item.id, record)
  }

  private forget(records: readonly IndexRecord[]): void {
    if (records.length === 0) return
    const gone = new Set(records)
    for (const record of records) this.byId.delete(record.item.id)
    this.index = this.index!.filter((record) => !gone.has(record))
  }

  /** Drops the oldest entries while over the count or size cap. */
  private async enforceLimits(): Promise<void> {
    const segments = this.segments!
    for (;;) {
      const { maxEntries, maxTotalBytes } = this.limits
      const excessCount = this.index!.length - maxEntries
      const excessBytes = this.totalBytes - maxTotalBytes
      if (excessCount <= 0 && excessBytes <= 0) return
      const oldest = segments[0]
      if (!oldest) return
      const records = oldest.records ?? []
      if (records.length <= excessCount || oldest.bytes <= excessBytes || records.length === 0) {
        await unlink(this.path(oldest.name)).catch(() => undefined)
        segments.shift()
        this.forget(records)
        continue
      }
      let drop = Math.max(0, excessCount)
      let freed = records.slice(0, drop).reduce((sum, record) => sum + record.length + 1, 0)
      while (freed < excessBytes && drop < records.length) freed += records[drop++]!.length + 1
      await this.rewrite(oldest, records.slice(drop))
    }
  }

  /** Rewrites a segment with only `keep` (atomically: a temporary file and a rename). */
  private async rewrite(segment: Segment, keep: IndexRecord[]): Promise<void> {
    const buffer = await readFile(this.path(segment.name))
    const parts: Buffer[] = []
    let offset = 0
    const moved: Array<[IndexRecord, number]> = []
    for (const record of keep) {
      parts.push(buffer.subarray(record.offset, record.offset + record.length), Buffer.from('\n'))
      moved.push([record, offset])
      offset += record.length + 1
    }
    const dropped = (segment.records ?? []).filter((record) => !keep.includes(record))
    if (keep.length === 0) await unlink(this.path(segment.name)).catch(() => undefined)
    else await writeFileAtomic(this.path(segment.name), Buffer.concat(parts))
    for (const [record, at] of moved) record.offset = at
    segment.records = keep
    segment.bytes = offset
    if (keep.length === 0) this.segments!.splice(this.segments!.indexOf(segment), 1)
    this.forget(dropped)
  }

  private async readEntry(record: IndexRecord): Promise<HistoryEntry | undefined> {
    const handle = await open(this.path(record.segment), 'r')
    try {
      const buffer = Buffer.alloc(record.length)
      await handle.read(buffer, 0, record.length, record.offset)
      const entry: unknown = JSON.parse(buffer.toString('utf8'))
      return isEntry(entry) ? entry : undefined
    } catch {
      return undefined
    } finally {
      await handle.close()
    }
  }

  /** Newest first, filtered, one page. */
  list(options: ListOptions = {}): Promise<HistoryPage> {
    return this.run(async () => page(await this.load(), (record) => matchesFilters(record.item, options.filters), options))
  }

  /**
   * Entries whose URL, method, status, request id, Reactor ids, error or the start of a body contain every
   * term of `query` (quotes keep a phrase); `deep` also reads every body in full from disk.
   */
  search(options: SearchOptions): Promise<HistoryPage> {
    return this.run(async () => {
      const index = await this.load()
      const terms = queryTerms(options.query)
      if (!options.deep) return page(index, (record) => matchesFilters(record.item, options.filters) && matchesTerms(record.haystack, terms), options)
      const hits = new Set<IndexRecord>()
      for (const segment of this.segments!) {
        const buffer = await readFile(this.path(segment.name))
        for (const record of segment.records ?? []) {
          if (!matchesFilters(record.item, options.filters)) continue
          if (matchesTerms(record.haystack, terms) || matchesTerms(buffer.subarray(record.offset, record.offset + record.length).toString('utf8').toLowerCase(), terms)) hits.add(record)
        }
      }
      return page(index, (record) => hits.has(record), options)
    })
  }

  get(id: string): Promise<HistoryEntry | undefined> {
    return this.run(async () => {
      await this.load()
      const record = this.byId.get(id)
      return record ? this.readEntry(record) : undefined
    })
  }

  /** Several entries, in the order asked; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<HistoryEntry[]> {
    return this.run(async () => {
      await this.load()
      const out: HistoryEntry[] = []
      for (const id of ids) {
        const record = this.byId.get(id)
        const entry = record ? await this.readEntry(record) : undefined
        if (entry) out.push(entry)
      }
      return out
    })
  }

  /** Every id, newest first (for "export all"). */
  ids(filters?: HistoryFilters): Promise<string[]> {
    return this.run(async () => [...(await this.load())].reverse().filter((record) => matchesFilters(record.item, filters)).map((record) => record.item.id))
  }

  delete(id: string): Promise<boolean> {
    return this.run(async () => {
      await this.load()
      const record = this.byId.get(id)
      if (!record) return false
      const segment = this.segments!.find((candidate) => candidate.name === record.segment)!
      await this.rewrite(
        segment,
        (segment.records ?? []).filter((candidate) => candidate !== record)
      )
      return true
    })
  }

  /** Removes every entry; returns how many there were. */
  clear(): Promise<number> {
    return this.run(async () => {
      const segments = await this.discover()
      const count = this.index?.length ?? (await this.load()).length
      for (const segment of segments) await unlink(this.path(segment.name)).catch(() => undefined)
      segments.length = 0
      this.index = []
      this.byId.clear()
      return count
    })
  }

  /** Applies changed limits at once (settings were lowered). */
  applyLimits(): Promise<void> {
    return this.run(async () => {
      await this.load()
      await this.enforceLimits()
    })
  }

  /** Entries and bytes on disk (loads the index). */
  stats(): Promise<{ entries: number; bytes: number; segments: number }> {
    return this.run(async () => {
      const index = await this.load()
      return { entries: index.length, bytes: this.totalBytes, segments: this.segments!.length }
    })
  }

  /** Waits for every queued write (tests, and the app before it quits). */
  flush(): Promise<void> {
    return this.run(async () => undefined)
  }
}

function page(index: readonly IndexRecord[], keep: (record: IndexRecord) => boolean, options: ListOptions): HistoryPage {
  const offset = Math.max(0, options.offset ?? 0)
  const limit = Math.max(1, Math.min(500, options.limit ?? 100))
  const items: HistoryListItem[] = []
  let total = 0
  for (let i = index.length - 1; i >= 0; i--) {
    const record = index[i]!
    if (!keep(record)) continue
    if (total >= offset && items.length < limit) items.push(record.item)
    total++
  }
  return { items, total }
}

export { HISTORY_ENTRY_VERSION }
