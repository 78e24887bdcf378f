// The one interface every secret backend implements. Values never leave the main process; callers
// name a secret by key (`profile:<id>:client-secret`).

export type SecretBackend = 'keychain' | 'safe-storage' | 'memory'

/** Why a keychain could not be used, in the four cases a person can do something about. */
export type KeychainProblemCode = 'no-session-bus' | 'locked' | 'no-keyring' | 'timeout'

export interface KeychainProblem {
  code: KeychainProblemCode
  message: string
}

export interface SecretBackendInfo {
  backend: SecretBackend
  /** False for memory: the secret is gone when the app quits. */
  persistent: boolean
  /** Shown to the user, e.g. "GNOME Keyring (Secret Service)" or "this session only". */
  label: string
  problem?: KeychainProblem
}

export interface SecretStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>
  describe(): SecretBackendInfo
  /** Checks once that the backend works at all (e.g. that a keyring is reachable and unlocked). */
  probe?(): Promise<void>
}

/** A backend failure with its classification. The message is written for a person and holds no secret. */
export class SecretStoreError extends Error {
  constructor(
    readonly code: KeychainProblemCode | 'unavailable' | 'corrupt',
    message: string
  ) {
    super(message)
    this.name = 'SecretStoreError'
  }
}
