// Explicit, unit-testable migrations of the profiles file (conf's own migrations are documented as buggy).
// Each function takes the previous version's JSON and returns the next one's.
import { PROFILES_SCHEMA_VERSION } from './profile-schema'

type Json = Record<string, unknown>

/**
 * Version 1 (first preview builds): `scopes` was one comma string, `env` named the environment, hosts were
 * `imsHost`/`reactorHost` without scheme, and there was no `authKind` (always OAuth S2S).
 */
function v1ToV2(file: Json): Json {
  const profiles = Array.isArray(file.profiles) ? (file.profiles as Json[]) : []
  // Fields this step does not know are carried over (file level and profile level), never dropped.
  const { active, schemaVersion: _old, profiles: _list, ...fileRest } = file
  return {
    ...fileRest,
    schemaVersion: 2,
    activeProfileId: file.activeProfileId ?? active,
    profiles: profiles.map((p) => {
      const now = new Date().toISOString()
      const withScheme = (host: unknown) =>
        typeof host === 'string' && host ? (/^https?:\/\//.test(host) ? host : `https://${host}`) : undefined
      const { env, imsHost, reactorHost, scopes, ...rest } = p
      return {
        ...rest,
        environment: p.environment ?? env ?? 'production',
        imsBaseUrl: p.imsBaseUrl ?? withScheme(imsHost),
        reactorBaseUrl: p.reactorBaseUrl ?? withScheme(reactorHost),
        scopes: Array.isArray(scopes)
          ? scopes
          : String(scopes ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
        authKind: p.authKind ?? 'oauth-s2s',
        createdAt: p.createdAt ?? now,
        updatedAt: p.updatedAt ?? now
      }
    })
  }
}

export const MIGRATIONS: Record<number, (file: Json) => Json> = { 1: v1ToV2 }

/** Brings any known older version up to the current one; throws for a version from the future. */
export function migrateProfilesFile(file: Json): { file: Json; migratedFrom?: number } {
  const start = typeof file.schemaVersion === 'number' ? file.schemaVersion : 1
  if (start > PROFILES_SCHEMA_VERSION) {
    throw new Error(
      `The profiles file was written by a newer Reactor Explorer (schema ${start}; this one reads up to ${PROFILES_SCHEMA_VERSION}).`
    )
  }
  let current = file
  for (let version = start; version < PROFILES_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version]
    if (!step) throw new Error(`No migration from profiles schema ${version}.`)
    current = step(current)
  }
  return start === PROFILES_SCHEMA_VERSION ? { file: current } : { file: current, migratedFrom: start }
}
