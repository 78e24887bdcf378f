// One versioned JSON file in the data directory, through conf: read from disk on every access (so the app and
// the CLI see each other's changes), migrated with explicit steps, validated with zod. A damaged file is moved
// aside as `<name>.corrupt-<timestamp>.json` — never overwritten in place — and the caller's fallback is used,
// with a notice saying where the file went. Profiles and settings both use it, so recovery is written once.
import Conf from 'conf'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'

export interface StoreNotice {
  level: 'info' | 'warning' | 'error'
  message: string
}

type Json = Record<string, unknown>

export interface VersionedJsonFileOptions<T> {
  dataDir: string
  /** File name without `.json` (`profiles`, `settings`). */
  name: string
  schema: z.ZodType<T>
  schemaVersion: number
  /** What to use when the file is absent or had to be moved aside. */
  fallback: () => T
  /** Brings an older file up to `schemaVersion`; throws (with a sentence) for a file it cannot read. */
  migrate?: (raw: Json) => { file: Json; migratedFrom?: number }
  /** The notice sentences, in the owner's words. */
  messages: {
    /** `Your saved profiles could not be read because ${reason}. The file was kept as ${aside} and ...` */
    unreadable(reason: string, aside: string): string
    upgraded?(from: number, to: number): string
  }
  onNotice?: (notice: StoreNotice) => void
  now?: () => Date
}

export class VersionedJsonFile<T> {
  private conf: Conf<Json>
  readonly path: string
  /** Notices raised so far (a moved-aside file, a migration), kept for a UI that subscribes late. */
  readonly notices: StoreNotice[] = []

  constructor(private readonly options: VersionedJsonFileOptions<T>) {
    this.path = join(options.dataDir, `${options.name}.json`)
    this.conf = this.open()
  }

  private open(): Conf<Json> {
    const create = () =>
      new Conf<Json>({
        cwd: this.options.dataDir,
        configName: this.options.name,
        configFileMode: 0o600,
        // Never let conf wipe a file it cannot parse: we move it aside ourselves so nothing is lost.
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false
      })
    try {
      return create()
    } catch (error) {
      this.quarantine(`it is not valid JSON (${(error as Error).message.split('\n')[0]})`)
      return create()
    }
  }

  private notice(notice: StoreNotice): void {
    this.notices.push(notice)
    this.options.onNotice?.(notice)
  }

  /** Moves the damaged file aside (kept for the user to inspect or recover). */
  private quarantine(reason: string): void {
    if (!existsSync(this.path)) return
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const aside = join(this.options.dataDir, `${this.options.name}.corrupt-${stamp}.json`)
    renameSync(this.path, aside)
    this.notice({ level: 'warning', message: this.options.messages.unreadable(reason, aside) })
  }

  /** The current file, read from disk each time; the fallback when absent or unreadable. */
  read(): T {
    let raw: Json
    try {
      raw = this.conf.store
    } catch (error) {
      this.quarantine(`it is not valid JSON (${(error as Error).message.split('\n')[0]})`)
      return this.options.fallback()
    }
    if (Object.keys(raw).length === 0) return this.options.fallback()
    let migrated: { file: Json; migratedFrom?: number }
    try {
      migrated = this.options.migrate ? this.options.migrate(raw) : { file: raw }
    } catch (error) {
      this.quarantine((error as Error).message.replace(/\.$/, '').toLowerCase())
      return this.options.fallback()
    }
    const parsed = this.options.schema.safeParse(migrated.file)
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('; ')
      this.quarantine(`it does not match the expected format (${where})`)
      return this.options.fallback()
    }
    if (migrated.migratedFrom !== undefined) {
      this.write(parsed.data)
      const upgraded = this.options.messages.upgraded?.(migrated.migratedFrom, this.options.schemaVersion)
      if (upgraded) this.notice({ level: 'info', message: upgraded })
    }
    return parsed.data
  }

  write(file: T): void {
    this.conf.store = this.options.schema.parse(file) as unknown as Json
  }

  update(change: (file: T) => T): T {
    const next = change(this.read())
    this.write(next)
    return next
  }
}
