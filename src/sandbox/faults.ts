// Faults on demand. A fault is picked per request (first match wins) and then shapes how the normally
// produced response is delivered: delayed, replaced by an error status, cut, stalled or truncated.
export type FaultKind = 'latency' | 'status' | 'reset' | 'stall' | 'malformed-json'

export interface FaultSpec {
  /** `path`: exact, a prefix ending in `*`, or a glob (`*` within one segment, `**` across segments). */
  match?: { method?: string; path?: string }
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

export const MAX_PATH_PATTERN_LENGTH = 512

/**
 * Glob matching of a request path, in time proportional to pattern × path (no backtracking regex: a
 * user-supplied regex such as `^/(a+)+$` once froze the app's thread for seconds). A trailing lone `*` is a
 * prefix match (what CLI users reach for first); elsewhere `*` matches within one path segment and `**`
 * across segments.
 */
export function pathMatches(pattern: string | undefined, pathname: string): boolean {
  if (pattern === undefined) return true
  if (pattern.endsWith('*') && !pattern.endsWith('**') && !pattern.slice(0, -1).includes('*')) return pathname.startsWith(pattern.slice(0, -1))
  if (!pattern.includes('*')) return pathname === pattern
  return globMatches(pattern, pathname)
}

type Token = { literal: string } | { star: 'one' | 'any' }

function tokens(pattern: string): Token[] {
  const out: Token[] = []
  for (let i = 0; i < pattern.length; ) {
    if (pattern[i] === '*') {
      const any = pattern[i + 1] === '*'
      out.push({ star: any ? 'any' : 'one' })
      i += any ? 2 : 1
      while (pattern[i] === '*') i++
    } else {
      let j = i
      while (j < pattern.length && pattern[j] !== '*') j++
      out.push({ literal: pattern.slice(i, j) })
      i = j
    }
  }
  return out
}

/** Dynamic programming over (token, position): each cell is visited once. */
function globMatches(pattern: string, text: string): boolean {
  const parts = tokens(pattern)
  let reachable = new Uint8Array(text.length + 1)
  reachable[0] = 1
  for (const part of parts) {
    const next = new Uint8Array(text.length + 1)
    if ('literal' in part) {
      for (let at = 0; at <= text.length; at++) if (reachable[at] && text.startsWith(part.literal, at)) next[at + part.literal.length] = 1
    } else {
      let open = false
      for (let at = 0; at <= text.length; at++) {
        if (reachable[at]) open = true
        if (open) next[at] = 1
        if (part.star === 'one' && text[at] === '/') open = false
      }
    }
    reachable = next
  }
  return reachable[text.length] === 1
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

/** Accepts the JSON a CLI user posts to /__sandbox/faults: `match.path` (exact, a prefix with a trailing `*`, or a glob). */
export function faultSpecFromJson(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'body must be a JSON object'
  const raw = input as Record<string, unknown>
  if (!isFaultKind(raw.kind)) return `kind must be one of ${kinds.join(', ')}`
  const spec: FaultSpec = { kind: raw.kind }
  const match = raw.match as Record<string, unknown> | undefined
  if (match && typeof match === 'object') {
    spec.match = {}
    if (typeof match.method === 'string') spec.match.method = match.method
    if (typeof match.path === 'string') {
      if (match.path.length > MAX_PATH_PATTERN_LENGTH) return `match.path is longer than ${MAX_PATH_PATTERN_LENGTH} characters`
      spec.match.path = match.path
    }
    if (match.pathRegex !== undefined) {
      return 'match.pathRegex is no longer accepted (a regular expression could stall the simulator); use match.path with globs: "/properties/*/rules", "/**/rule_components", or a prefix "/properties/*"'
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
