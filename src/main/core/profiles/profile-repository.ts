// Profiles on disk: one JSON file (`profiles.json`) in the data directory, through conf, shared by the app
// (cwd = userData) and the CLI (cwd = --data-dir). Validated with zod and versioned with explicit
// migrations. A damaged file is moved aside, never overwritten in place, and the app starts with a notice
// (the recovery itself lives in VersionedJsonFile, shared with the settings file).
// No secret is ever written here: secrets live in the SecretService.
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

  constructor(options: ProfileRepositoryOptions) {
    this.file = new VersionedJsonFile<ProfilesFile>({
      dataDir: options.dataDir,
      name: PROFILES_CONFIG_NAME,
      schema: ProfilesFile,
      schemaVersion: PROFILES_SCHEMA_VERSION,
      fallback: empty,
      migrate: migrateProfilesFile,
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

  /** The current file, read from disk each time so the CLI and the app see each other's changes. */
  read(): ProfilesFile {
    return this.file.read()
  }

  update(change: (file: ProfilesFile) => ProfilesFile): ProfilesFile {
    return this.file.update(change)
  }
}
