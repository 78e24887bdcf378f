// The words for a refused write, shared by every file the app saves (settings/tabs/history JSON, collection
// files, the history's entries), so a full, read-only or locked disk reads the same wherever it happens.

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EISDIR: 'a folder has that name'
}

/**
 * Why a write failed, as a clause for "Could not save X in Y: <why>.": the known system codes in words, any
 * other code as it is (ENAMETOOLONG, EIO... are what a person searches for), and without a code `otherwise`,
 * else the error's first line.
 */
export function writeFailureReason(error: unknown, otherwise?: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code) return WRITE_FAILURES[code] ?? code
  if (otherwise !== undefined) return otherwise
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}
