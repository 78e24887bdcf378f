// Faults on demand. A fault is picked per request (first match wins) and then shapes how the normally
// produced response is delivered: delayed, replaced by an error status, cut, stalled or truncated.
export type FaultKind = 'latency' | 'status' | 'reset' | 'stall' | 'malformed-json'

export interface FaultSpec {
  match?: { method?: string; path?: string | RegExp }
  kind: FaultKind
  /** Delay before the fault is delivered (for `latency`, the whole point; for others, a slow failure). */
  latencyMs?: number
  status?: number
  retryAfterSeconds?: number
  /** how many requests this fault applies to; unlimited when omitted */
  times?: number
}

export interface ActiveFault extends FaultSpec {
  id: number
  remaining: number
}

export interface FaultController {
  add(spec: FaultSpec): number
  remove(id: number): void
  clear(): void
  list(): ActiveFault[]
}

const kinds: readonly FaultKind[] = ['latency', 'status', 'reset', 'stall', 'malformed-json']

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (kinds as readonly string[]).includes(value)
}

function pathMatches(pattern: string | RegExp | undefined, pathname: string): boolean {
  if (pattern === undefined) return true
  if (pattern instanceof RegExp) return pattern.test(pathname)
  // A trailing '*' makes a prefix match, which is what CLI users reach for first.
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern
}

export class FaultRegistry implements FaultController {
  private faults: ActiveFault[] = []
  private nextId = 1

  add(spec: FaultSpec): number {
    if (!isFaultKind(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`)
    const id = this.nextId++
    this.faults.push({ ...spec, id, remaining: spec.times ?? Number.POSITIVE_INFINITY })
    return id
  }

  remove(id: number): void {
    this.faults = this.faults.filter((fault) => fault.id !== id)
  }

  clear(): void {
    this.faults = []
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }))
  }

  /** Picks the fault for a request and consumes one of its uses. */
  take(method: string, pathname: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) =>
        (!candidate.match?.method || candidate.match.method.toUpperCase() === method.toUpperCase()) &&
        pathMatches(candidate.match?.path, pathname)
    )
    if (!fault) return undefined
    fault.remaining -= 1
    if (fault.remaining <= 0) this.remove(fault.id)
    return fault
  }
}

/**
 * Parses the one-off `x-sandbox-fault` header: `<kind>[=<value>][;key=value...]`, e.g. `status=503`,
 * `status=429;retry-after=2`, `latency=250`, `reset`, `stall`, `malformed-json`.
 */
export function parseFaultHeader(value: string | undefined): FaultSpec | undefined {
  if (!value) return undefined
  const [head = '', ...options] = value.split(';').map((part) => part.trim())
  const [kind, arg] = head.split('=').map((part) => part.trim())
  if (!isFaultKind(kind)) return undefined
  const spec: FaultSpec = { kind }
  if (kind === 'status') spec.status = Number(arg) || 500
  if (kind === 'latency') spec.latencyMs = Number(arg) || 0
  for (const option of options) {
    const [key, optionValue] = option.split('=').map((part) => part.trim())
    if (key === 'retry-after') spec.retryAfterSeconds = Number(optionValue)
    if (key === 'status') spec.status = Number(optionValue)
    if (key === 'latency') spec.latencyMs = Number(optionValue)
  }
  return spec
}

/** Accepts the JSON a CLI user posts to /__sandbox/faults: `match.path` (exact, or prefix with a trailing `*`) or `match.pathRegex`. */
export function faultSpecFromJson(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object'
  const raw = input as Record<string, unknown>
  if (!isFaultKind(raw.kind)) return `kind must be one of ${kinds.join(', ')}`
  const spec: FaultSpec = { kind: raw.kind }
  const match = raw.match as Record<string, unknown> | undefined
  if (match && typeof match === 'object') {
    spec.match = {}
    if (typeof match.method === 'string') spec.match.method = match.method
    if (typeof match.path === 'string') spec.match.path = match.path
    if (typeof match.pathRegex === 'string') {
      try {
        spec.match.path = new RegExp(match.pathRegex)
      } catch {
        return 'match.pathRegex is not a valid regular expression'
      }
    }
  }
  for (const key of ['latencyMs', 'status', 'retryAfterSeconds', 'times'] as const) {
    if (raw[key] !== undefined) {
      if (typeof raw[key] !== 'number') return `${key} must be a number`
      spec[key] = raw[key]
    }
  }
  return spec
}
