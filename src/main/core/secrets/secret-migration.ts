// Moving every secret from one backend to another (Settings → General → "Keep secrets in"). All or nothing:
// every value is written into the new backend and read back before anything is deleted from the old one, and
// any failure on the way undoes what was written, so a secret is never lost and never half-moved. The error
// names the secret (by what it is, never its value) and why the backend refused (locked, no session bus, ...).
import { toKeychainError, withTimeout } from './keychain-errors'
import { SecretStoreError, type SecretStore } from './secret-store'

/** A secret's key as a person reads it: what it belongs to, never its value. */
export function describeSecretKey(key: string): string {
  const profile = /^profile:(.+):(client-secret|manual-token)$/.exec(key)
  if (profile) return `the ${profile[2] === 'client-secret' ? 'client secret' : 'pasted access token'} of profile ${profile[1]}`
  const variable = /^collection:[0-9a-f]{8}[0-9a-f]*:(?:env:([^:]*)|collection):(.+)$/.exec(key)
  if (variable) {
    const environment = variable[1] === undefined ? '' : ` (environment "${decodeURIComponent(variable[1])}")`
    return `the collection secret variable "${variable[2]}"${environment}`
  }
  if (key === 'settings:proxy-password') return 'the proxy password'
  return `the secret "${key.slice(0, 80)}"`
}

/** A move that did not happen; `secret` says which one stopped it, and the old backend still holds everything. */
export class SecretMigrationError extends Error {
  constructor(
    message: string,
    readonly secret: string | undefined,
    readonly cause: SecretStoreError
  ) {
    super(message)
    this.name = 'SecretMigrationError'
  }
}

export interface MigrationEnds {
  from: { store: SecretStore; label: string }
  to: { store: SecretStore; label: string }
  /** Per backend call, as for every keychain call (an unlock prompt must not hang the move). */
  timeoutMs: number
  /** Each value read, so the redactor masks it wherever it might turn up next. */
  onValue?: (value: string) => void
}

export interface MigrationResult {
  /** The keys now in the new backend. */
  moved: string[]
  /** Copies the old backend refused to delete after the move succeeded (still valid, just duplicated). */
  leftInOld: Array<{ key: string; reason: string }>
}

export async function migrateSecrets(ends: MigrationEnds): Promise<MigrationResult> {
  const { from, to, timeoutMs } = ends
  const call = <T>(work: Promise<T>, what: string) => withTimeout(work, timeoutMs, what)
  const fail = (secret: string | undefined, doing: string, error: unknown, undo = ''): never => {
    const cause = toKeychainError(error)
    const which = secret === undefined ? '' : ` at ${describeSecretKey(secret)}`
    throw new SecretMigrationError(`Secrets were not moved: ${doing} failed${which}. ${cause.message}${undo} Every secret is still in ${from.label}.`, secret, cause)
  }

  let keys: string[] = []
  try {
    keys = await call(from.store.keys(), `listing the secrets in ${from.label}`)
  } catch (error) {
    fail(undefined, `listing the secrets in ${from.label}`, error)
  }
  const values = new Map<string, string>()
  for (const key of keys) {
    try {
      const value = await call(from.store.get(key), `reading from ${from.label}`)
      if (value === undefined) continue
      ends.onValue?.(value)
      values.set(key, value)
    } catch (error) {
      fail(key, `reading from ${from.label}`, error)
    }
  }

  // What the new backend held under the same keys before, so undoing restores it exactly.
  const before = new Map<string, string | undefined>()
  const undo = async (): Promise<string> => {
    const stuck: string[] = []
    for (const [key, previous] of before) {
      try {
        if (previous === undefined) await call(to.store.delete(key), `removing from ${to.label}`)
        else await call(to.store.set(key, previous), `restoring in ${to.label}`)
      } catch {
        stuck.push(describeSecretKey(key))
      }
    }
    return stuck.length === 0 ? '' : ` A copy could not be removed from ${to.label} again (${stuck.join(', ')}); it is harmless and is overwritten by the next move.`
  }
  let current: string | undefined
  let doing = ''
  try {
    for (const [key, value] of values) {
      current = key
      doing = `reading ${to.label} before writing`
      const previous = await call(to.store.get(key), doing)
      before.set(key, previous)
      doing = `writing to ${to.label}`
      await call(to.store.set(key, value), doing)
    }
    for (const [key, value] of values) {
      current = key
      doing = `checking the copy in ${to.label}`
      const copy = await call(to.store.get(key), doing)
      if (copy !== value) throw new SecretStoreError('corrupt', `${to.label} gave back a different value than was written.`)
    }
  } catch (error) {
    fail(current, doing, error, await undo())
  }

  // Every copy is verified: the new backend is the home now. Removing the old copies may fail (a keychain that
  // locked meanwhile); the secrets are safe in the new backend either way, so that is reported, not undone.
  const leftInOld: MigrationResult['leftInOld'] = []
  for (const key of values.keys()) {
    try {
      await call(from.store.delete(key), `deleting from ${from.label}`)
    } catch (error) {
      leftInOld.push({ key, reason: toKeychainError(error).message })
    }
  }
  return { moved: [...values.keys()], leftInOld }
}
