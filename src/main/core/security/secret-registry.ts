/**
 * Every secret value the main process currently knows (client secrets, access tokens, pasted tokens).
 * Outbound paths (IPC answers, events, logs, exports, history) ask it whether a payload contains one.
 * This is defence in depth: services already return metadata only, but a bug must fail closed, never
 * leak.
 */
export class SecretRegistry {
  private readonly values = new Set<string>()

  /** Secrets shorter than this are not tracked: they would match innocent text (and no real one is). */
  static readonly minimumLength = 8

  add(value: string | undefined | null): void {
    if (value && value.length >= SecretRegistry.minimumLength) this.values.add(value)
  }

  remove(value: string | undefined | null): void {
    if (value) this.values.delete(value)
  }

  /** True when `text` contains any tracked secret. */
  containsSecret(text: string): boolean {
    for (const value of this.values) if (text.includes(value)) return true
    return false
  }

  /** Replaces every tracked secret in `text` with a fixed mask. */
  redact(text: string): string {
    let out = text
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join('••••••')
    return out
  }

  /**
   * A copy of a JSON-like value with every tracked secret masked in every string (keys included);
   * `onRedacted` is called once per string that changed. For documents written to disk (tabs, history).
   */
  redactDeep<T>(value: T, onRedacted?: () => void): T {
    const walk = (item: unknown): unknown => {
      if (typeof item === 'string') {
        const masked = this.redact(item)
        if (masked !== item) onRedacted?.()
        return masked
      }
      if (Array.isArray(item)) return item.map(walk)
      if (item && typeof item === 'object') {
        const out: Record<string, unknown> = {}
        for (const [key, child] of Object.entries(item)) out[walk(key) as string] = walk(child)
        return out
      }
      return item
    }
    return walk(value) as T
  }

  get size(): number {
    return this.values.size
  }
}
