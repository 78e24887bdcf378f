// When and how long to wait before retrying. Reactor documents no rate limits (reactor-api.md §3.10), so we
// honour Retry-After when present and otherwise back off exponentially with full jitter, always bounded.

export interface RetrySettings {
  /** Total attempts including the first (so 3 = up to two retries). */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited for: the response goes back to the user, who decides. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 }

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase())
}

/** 429 and 5xx, except those a retry cannot fix (501 Not Implemented, 505 Version Not Supported). */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505)
}

/** Retry-After as seconds: `120` or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); undefined when absent/invalid. */
export function parseRetryAfter(value: string | undefined, now?: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  // The clock is read only for a date (the default parameter read it on every response, with or without the header).
  return Math.max(0, Math.ceil((date - (now ?? Date.now())) / 1000))
}

/**
 * Delay before retry number `retry` (1-based). Returns undefined when Retry-After asks for longer than we
 * are willing to wait.
 */
export function retryDelayMs(
  retry: number,
  retryAfterSeconds: number | undefined,
  settings: RetrySettings,
  random: () => number = Math.random
): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const ms = retryAfterSeconds * 1000
    return ms > settings.maxRetryAfterMs ? undefined : ms
  }
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1))
  // Full jitter: spreads retries of many clients instead of synchronising them.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
