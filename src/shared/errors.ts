// The only error shape that crosses the process boundary: no stack, no cause chain, no secret.
export interface AppErrorShape {
  code: string
  message: string
  detail?: string
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

/** Error codes shared by every transport. Capability modules add their own (e.g. `ims-invalid-client`). */
export const TransportErrorCode = {
  unknownChannel: 'unknown-channel',
  invalidInput: 'invalid-input',
  foreignSender: 'foreign-sender',
  unauthorized: 'unauthorized',
  internal: 'internal',
  secretLeakBlocked: 'secret-leak-blocked',
  transportFailed: 'transport-failed'
} as const

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorShape).code === 'string' &&
    typeof (value as AppErrorShape).message === 'string'
  )
}

/**
 * A failure a person can act on, thrown by core, the CLI and the Sandbox's host alike. `message` is shown as
 * is and must never contain a secret; the dispatcher turns it into an `AppErrorShape` at the boundary.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string
  ) {
    super(message)
    this.name = 'AppError'
  }

  toShape(): AppErrorShape {
    return this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail }
  }
}
