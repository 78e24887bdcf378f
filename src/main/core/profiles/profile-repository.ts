// Profiles on disk: one JSON file (`profiles.json`) in the data directory, through conf, shared by the app
// (cwd = userData) and the CLI (cwd = --data-dir). Validated with zod and versioned with explicit
// migrations. A damaged file is moved aside, never overwritten in place, and the app starts with a notice.
// No secret is ever written here: secrets live in the SecretService.
import Conf from 'conf'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { migrateProfilesFile } from './profile-migrations'
import { PROFILES_SCHEMA_VERSION, ProfilesFile } from './profile-schema'

export const PROFILES_CONFIG_NAME = 'profiles'

export interface RepositoryNotice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export interface ProfileRepositoryOptions {
  dataDir: string
  onNotice?: (notice: RepositoryNotice) => void
  now?: () => Date
}

const EMPTY: ProfilesFile = { schemaVersion: PROFILES_SCHEMA_VERSION, profiles: [] }

export class ProfileRepository {
  private conf: Conf<Record<string, unknown>>
  readonly path: string
  /** Notices raised while opening (a moved-aside file, a migration), kept for a UI that subscribes late. */
  readonly notices: RepositoryNotice[] = []

  constructor(private readonly options: ProfileRepositoryOptions) {
    this.path = join(options.dataDir, `${PROFILES_CONFIG_NAME}.json`)
    this.conf = this.open()
    this.read()
  }

  private open(): Conf<Record<string, unknown>> {
    const create = () =>
      new Conf<Record<string, unknown>>({
        cwd: this.options.dataDir,
        configName: PROFILES_CONFIG_NAME,
        configFileMode: 0o600,
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

  private notice(notice: RepositoryNotice): void {
    this.notices.push(notice)
    this.options.onNotice?.(notice)
  }

  /** Moves the damaged file aside (kept for the user to inspect or recover) and starts with no profiles. */
  private quarantine(reason: string): void {
    if (!existsSync(this.path)) return
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    const aside = join(this.options.dataDir, `profiles.corrupt-${stamp}.json`)
    renameSync(this.path, aside)
    this.notice({
      level: 'warning',
      message:
        `Your saved profiles could not be read because ${reason}. The file was kept as ${aside} and Reactor Explorer ` +
        'started with an empty profile list. Secrets in your keychain, collections and history are untouched.'
    })
  }

  /** The current file, read from disk each time so the CLI and the app see each other's changes. */
  read(): ProfilesFile {
    let raw: Record<string, unknown>
    try {
      raw = this.conf.store
    } catch (error) {
      this.quarantine(`it is not valid JSON (${(error as Error).message.split('\n')[0]})`)
      return { ...EMPTY, profiles: [] }
    }
    if (Object.keys(raw).length === 0) return { ...EMPTY, profiles: [] }
    let migrated: ReturnType<typeof migrateProfilesFile>
    try {
      migrated = migrateProfilesFile(raw)
    } catch (error) {
      this.quarantine((error as Error).message.replace(/\.$/, '').toLowerCase())
      return { ...EMPTY, profiles: [] }
    }
    const parsed = ProfilesFile.safeParse(migrated.file)
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('; ')
      this.quarantine(`it does not match the expected format (${where})`)
      return { ...EMPTY, profiles: [] }
    }
    if (migrated.migratedFrom !== undefined) {
      this.write(parsed.data)
      this.notice({ level: 'info', message: `Your profiles were upgraded from format ${migrated.migratedFrom} to ${PROFILES_SCHEMA_VERSION}.` })
    }
    return parsed.data
  }

  write(file: ProfilesFile): void {
    this.conf.store = ProfilesFile.parse(file) as unknown as Record<string, unknown>
  }

  update(change: (file: ProfilesFile) => ProfilesFile): ProfilesFile {
    const next = change(this.read())
    this.write(next)
    return next
  }
}
