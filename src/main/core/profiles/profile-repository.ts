// Profiles on disk: one JSON file (`profiles.json`) in the data directory, through conf, shared by the app
// (cwd = userData) and the CLI (cwd = --data-dir). Validated with zod and versioned with explicit
// migrations. A damaged file is moved aside, never overwritten in place, and the app starts with a notice
// (the recovery itself lives in VersionedJsonFile, shared with the settings file).
// No secret is ever written here: secrets live in the SecretService.
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VersionedJsonFile, type StoreNotice } from '../storage/versioned-json-file'
import { migrateProfilesFile } from './profile-migrations'
import { PROFILES_SCHEMA_VERSION, ProfilesFile } from './profile-schema'

export const PROFILES_CONFIG_NAME = 'profiles'

export type RepositoryNotice = StoreNotice

export interface ProfileRepositoryOptions {
  dataDir: string
  onNotice?: (notice: RepositoryNotice) => void
  now?: () => Date
}

/** How old profiles.json must be before its stamp is trusted to tell versions apart (see `stampOnDisk`). */
const RACY_WINDOW_MS = 50

/** The file as read, frozen all the way down (a caller changing it would change it for every later read). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const empty = (): ProfilesFile => ({ schemaVersion: PROFILES_SCHEMA_VERSION, profiles: [] })

export class ProfileRepository {
  private readonly file: VersionedJsonFile<ProfilesFile>
  readonly path: string
  /** Notices raised while opening (a moved-aside file, a migration), kept for a UI that subscribes late. */
  readonly notices: RepositoryNotice[]

  private readonly dataDir: string
  private readonly onNotice: ((notice: RepositoryNotice) => void) | undefined
  private backupFailed = false
  /** The file as last read, with the stamp of the bytes it was read from (see `read`). */
  private cached: { stamp: string; file: ProfilesFile } | undefined

  constructor(options: ProfileRepositoryOptions) {
    this.dataDir = options.dataDir
    this.onNotice = options.onNotice
    this.file = new VersionedJsonFile<ProfilesFile>({
      dataDir: options.dataDir,
      name: PROFILES_CONFIG_NAME,
      schema: ProfilesFile,
      schemaVersion: PROFILES_SCHEMA_VERSION,
      fallback: empty,
      migrate: (raw) => this.migrateWithBackup(raw),
      messages: {
        unreadable: (reason, aside) =>
          `Your saved profiles could not be read because ${reason}. The file was kept as ${aside} and Reactor Explorer ` +
          'started with an empty profile list. Secrets in your keychain, collections and history are untouched.',
        upgraded: (from, to) => `Your profiles were upgraded from format ${from} to ${to}.`
      },
      onNotice: options.onNotice,
      now: options.now
    })
    this.path = this.file.path
    this.notices = this.file.notices
    this.read()
  }

  /**
   * A migration rewrites profiles.json, so the file as it was is kept first, next to it, as
   * `profiles.backup-<version>.json` (an existing backup of that version is never overwritten: it is the
   * oldest copy). When the backup cannot be written the upgrade happens in memory only this time, and the
   * notice says why: no rewrite without a copy to go back to.
   */
  private migrateWithBackup(raw: Record<string, unknown>): { file: Record<string, unknown>; migratedFrom?: number } {
    const migrated = migrateProfilesFile(raw)
    if (migrated.migratedFrom === undefined) return migrated
    const backup = join(this.dataDir, `${PROFILES_CONFIG_NAME}.backup-${migrated.migratedFrom}.json`)
    try {
      writeFileSync(backup, `${JSON.stringify(raw, undefined, '\t')}\n`, { flag: 'wx', mode: 0o600 })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EEXIST') {
        if (!this.backupFailed) {
          this.backupFailed = true
          const notice: RepositoryNotice = {
            level: 'warning',
            message: `Your profiles were upgraded from format ${migrated.migratedFrom} in memory only: a backup of profiles.json could not be written to ${backup} (${code ?? (error as Error).message}), so the file was left as it is.`
          }
          this.notices?.push(notice)
          this.onNotice?.(notice)
        }
        return { file: migrated.file }
      }
    }
    return migrated
  }

  /**
   * The current file. The CLI and the app share it, so a change either makes is seen on the next read: the file
   * is parsed again whenever its stamp (size, change times, inode: an atomic rename gives a new inode) differs
   * from the one it was last parsed at, and after every write through this repository. Every
   * send asks for its profile, and parsing the file each time (read, JSON, migrations, zod) cost 143 ms of a
   * 500-request run's 1.6 s on a loaded machine; measured alone, a read of a one-profile file costs 58 µs
   * 12–74 µs parsed and about 7 µs (the stat) from the cache. What it returns is frozen, so no caller can change
   * the cached file for the others (a copy for each would cost as much as parsing: structuredClone, 8 µs).
   */
  read(): ProfilesFile {
    // The stamp is taken before reading: a write landing between the two makes the next stamp differ, so the
    // next read parses again instead of keeping an older file under a newer stamp.
    const stamp = this.stampOnDisk()
    if (stamp !== undefined && this.cached?.stamp === stamp) return this.cached.file
    const file = deepFreeze(this.file.read())
    // A file the store could not use (damaged, moved aside, running in memory) is never cached.
    this.cached = stamp !== undefined && !this.file.inMemoryOnly && this.stampOnDisk() === stamp ? { stamp, file } : undefined
    return file
  }

  update(change: (file: ProfilesFile) => ProfilesFile): ProfilesFile {
    this.cached = undefined
    try {
      return this.file.update(change)
    } finally {
      this.cached = undefined
    }
  }

  /**
   * Size, mtime, ctime and inode of profiles.json; undefined when it is absent, cannot be read, or was
   * modified less than RACY_WINDOW_MS ago. File systems stamp times from a coarse clock (Linux: a few ms), so
   * a second write within one tick, of the same size, could keep the stamp: a file that recent is read again
   * every time (as git treats a "racily clean" entry) until it is old enough for its stamp to be trusted.
   */
  private stampOnDisk(): string | undefined {
    try {
      // The times in ms as doubles keep sub-µs precision; a bigint stat (ns) costs twice as much (14 vs 7 µs).
      const info = statSync(this.path, { throwIfNoEntry: false })
      if (!info || Date.now() - info.mtimeMs < RACY_WINDOW_MS) return undefined
      return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`
    } catch {
      return undefined
    }
  }
}
