import type { AppErrorShape } from '../../../shared/errors'

/** A failure a person can act on. `message` is shown as is; it must never contain a secret. */
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
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail }
  }
}
