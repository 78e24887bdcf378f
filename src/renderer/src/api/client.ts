import type { AppErrorShape, RpcResult } from '@shared/errors'

/** A failed call, as thrown to React code. `code` is stable; `message` is written for a person. */
export class ApiError extends Error {
  readonly code: string
  readonly detail?: string
  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.name = 'ApiError'
    this.code = shape.code
    this.detail = shape.detail
  }
}

/** Unwraps a bridge answer: the value, or an ApiError carrying the contract's error shape. */
export async function unwrap<T>(pending: Promise<RpcResult<T>>): Promise<T> {
  const result = await pending
  if (result.ok) return result.value
  throw new ApiError(result.error)
}

export function api(): Window['api'] {
  return window.api
}
