// The one interface every secret backend implements. Values never leave the main process; callers
// name a secret by key (`profile:<id>:client-secret`).

import type { SecretBackendInfo } from '../../../shared/ipc/profiles.contract'

// The backend description the UI shows is the contract's own type (one home; core does not re-declare it).
export type { SecretBackendInfo }
export type SecretBackend = SecretBackendInfo['backend']
/** Why a keychain could not be used, in the four cases a person can do something about. */
export type KeychainProblem = NonNullable<SecretBackendInfo['problem']>
export type KeychainProblemCode = KeychainProblem['code']

export interface SecretStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>
  describe(): SecretBackendInfo
  /** Checks once that the backend works at all (e.g. that a keyring is reachable and unlocked). */
  probe?(): Promise<void>
  /**
   * Every key this app has stored here (names only, never values): what moving to another backend must
   * carry over. Profiles, collections and the proxy each name their own keys, so only the store knows them all.
   */
  keys(): Promise<string[]>
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
