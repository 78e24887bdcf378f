// One versioned JSON file in the data directory, through conf: read from disk on every access (so the app and
// the CLI see each other's changes), migrated with explicit steps, validated with zod. A damaged file is moved
// aside as `<name>.corrupt-<timestamp>.json` — never overwritten in place — and the caller's fallback is used,
// with a notice saying where the file went. Profiles and settings both use it, so recovery is written once.
import Conf from 'conf'
import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { writeFailureReason } from './write-failure'

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
  private conf: Conf<Json> | undefined
  /**
   * Set when a damaged file could be neither moved nor copied aside (a read-only folder, a file locked by an
   * antivirus or a sync client): the app runs on this in-memory copy and never writes over the damaged file.
   */
  private memory: T | undefined
  readonly path: string
  /** Notices raised so far (a moved-aside file, a migration), kept for a UI that subscribes late. */
  readonly notices: StoreNotice[] = []

  constructor(private readonly options: VersionedJsonFileOptions<T>) {
    this.path = join(options.dataDir, `${options.name}.json`)
    this.conf = this.open()
  }

  private open(): Conf<Json> | undefined {
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
      if (!this.quarantine(`it is not valid JSON (${(error as Error).message.split('\n')[0]})`)) return undefined
      try {
        return create()
      } catch (again) {
        this.runInMemory(`${basename(this.path)} could not be opened (${codeOf(again)})`)
        return undefined
      }
    }
  }

  private runInMemory(why: string): void {
    this.memory ??= this.options.fallback()
    this.conf = undefined
    this.notice({
      level: 'error',
      message: `${why}. Reactor Explorer is running with defaults for now and will not write over it: changes made now last until you quit. Check the permissions of ${this.options.dataDir}.`
    })
  }

  private notice(notice: StoreNotice): void {
    this.notices.push(notice)
    this.options.onNotice?.(notice)
  }

  /**
   * Moves the damaged file aside (kept for the user to inspect or recover); copies it when it cannot be moved.
   * Returns false when neither worked: the app then runs in memory and never overwrites the damaged file.
   * Never throws: a damaged file must not stop the app from starting.
   */
  private quarantine(reason: string): boolean {
    if (!existsSync(this.path)) return true
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const aside = join(this.options.dataDir, `${this.options.name}.corrupt-${stamp}.json`)
    try {
      renameSync(this.path, aside)
    } catch {
      try {
        copyFileSync(this.path, aside)
        // The copy keeps the damaged bytes; the original must go so the store can start afresh.
        unlinkSync(this.path)
      } catch (error) {
        this.runInMemory(`${this.options.messages.unreadable(reason, this.path).replace(/\.\s*$/, '')}; it could not be moved or copied aside (${codeOf(error)})`)
        return false
      }
    }
    this.notice({ level: 'warning', message: this.options.messages.unreadable(reason, aside) })
    return true
  }

  /** The current file, read from disk each time; the fallback when absent or unreadable. */
  read(): T {
    if (this.memory !== undefined || !this.conf) return (this.memory ??= this.options.fallback())
    let raw: Json
    try {
      raw = this.conf.store
    } catch (error) {
      this.quarantine(`it is not valid JSON (${(error as Error).message.split('\n')[0]})`)
      return this.memory ?? this.options.fallback()
    }
    if (Object.keys(raw).length === 0) return this.options.fallback()
    let migrated: { file: Json; migratedFrom?: number }
    try {
      migrated = this.options.migrate ? this.options.migrate(raw) : { file: raw }
    } catch (error) {
      this.quarantine((error as Error).message.replace(/\.$/, '').toLowerCase())
      return this.memory ?? this.options.fallback()
    }
    const parsed = this.options.schema.safeParse(migrated.file)
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('; ')
      this.quarantine(`it does not match the expected format (${where})`)
      return this.memory ?? this.options.fallback()
    }
    if (migrated.migratedFrom !== undefined) {
      this.write(parsed.data)
      const upgraded = this.options.messages.upgraded?.(migrated.migratedFrom, this.options.schemaVersion)
      if (upgraded) this.notice({ level: 'info', message: upgraded })
    }
    return parsed.data
  }

  write(file: T): void {
    const parsed = this.options.schema.parse(file)
    if (this.memory !== undefined || !this.conf) {
      this.memory = parsed
      return
    }
    try {
      this.conf.store = parsed as unknown as Json
    } catch (error) {
      const why = writeFailureReason(error)
      throw new AppError('storage-write-failed', `Could not save ${basename(this.path)} in ${this.options.dataDir}: ${why}. The previous version of the file is unchanged.`, String(error))
    }
  }

  /** True while the app runs on an in-memory copy because the file could not be moved aside. */
  get inMemoryOnly(): boolean {
    return this.memory !== undefined
  }

  update(change: (file: T) => T): T {
    const next = change(this.read())
    this.write(next)
    return next
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error))
}
