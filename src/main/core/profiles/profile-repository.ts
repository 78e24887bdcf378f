// Profiles on disk: one JSON file (`profiles.json`) in the data directory, through conf, shared by the app
// (cwd = userData) and the CLI (cwd = --data-dir). Validated with zod and versioned with explicit
// migrations. A damaged file is moved aside, never overwritten in place, and the app starts with a notice
// (the recovery itself lives in VersionedJsonFile, shared with the settings file).
// No secret is ever written here: secrets live in the SecretService.
import { writeFileSync } from 'node:fs'
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

const empty = (): ProfilesFile => ({ schemaVersion: PROFILES_SCHEMA_VERSION, profiles: [] })

export class ProfileRepository {
  private readonly file: VersionedJsonFile<ProfilesFile>
  readonly path: string
  /** Notices raised while opening (a moved-aside file, a migration), kept for a UI that subscribes late. */
  readonly notices: RepositoryNotice[]

  private readonly dataDir: string
  private readonly onNotice: ((notice: RepositoryNotice) => void) | undefined
  private backupFailed = false

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

  /** The current file, read from disk each time so the CLI and the app see each other's changes. */
  read(): ProfilesFile {
    return this.file.read()
  }

  update(change: (file: ProfilesFile) => ProfilesFile): ProfilesFile {
    return this.file.update(change)
  }
}
