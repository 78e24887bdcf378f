import { SecretStoreError, type KeychainProblem, type KeychainProblemCode } from './secret-store'

// The messages keytar 7.9 / libsecret actually produce on Linux (reference: electron-architecture.md §3.3),
// plus the macOS and Windows wordings for the same situations.
const PATTERNS: Array<[KeychainProblemCode, RegExp]> = [
  ['no-session-bus', /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect: No such file|Failed to connect to socket|dbus-launch|No such file or directory.*bus/i],
  ['locked', /locked collection|is locked|user canceled|interaction is not allowed|cannot be unlocked|dismissed/i],
  ['no-keyring', /Object does not exist at path|No such secret collection|org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service|keychain.*could not be found|The specified item could not be found in the keychain|Cannot find module|native module/i],
  ['timeout', /timed out|timeout/i]
]

export function classifyKeychainMessage(message: string): KeychainProblemCode {
  for (const [code, pattern] of PATTERNS) if (pattern.test(message)) return code
  return 'no-keyring'
}

const EXPLANATIONS: Record<KeychainProblemCode, string> = {
  'no-session-bus':
    'No desktop session bus was found, so the system keychain (Secret Service) cannot be reached. This is usual over SSH or in a container.',
  locked: 'The system keychain is locked. Unlock it (log in to your desktop keyring) and try again.',
  'no-keyring':
    'No usable system keychain was found (no default keyring, or no Secret Service such as GNOME Keyring or KWallet is running).',
  timeout: 'The system keychain did not answer in time (it may be waiting for an unlock prompt).'
}

export function keychainProblem(code: KeychainProblemCode, raw?: string): KeychainProblem {
  return { code, message: raw ? `${EXPLANATIONS[code]} (${raw.slice(0, 200)})` : EXPLANATIONS[code] }
}

export function toKeychainError(error: unknown): SecretStoreError {
  if (error instanceof SecretStoreError) return error
  const raw = error instanceof Error ? error.message : String(error)
  const code = classifyKeychainMessage(raw)
  return new SecretStoreError(code, keychainProblem(code, raw).message)
}

/** Keychain calls can block on an unlock prompt; nothing in the app may wait on one forever. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SecretStoreError('timeout', `${EXPLANATIONS.timeout} (${what} waited ${ms} ms)`)), ms)
    timer.unref?.()
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    if (timer) clearTimeout(timer)
  }
}
