// What an assertion or a capture reads from a response, named the way Bruno's assertions name it (so the
// same `runtime.assertions` work in both) plus plain JSONPath:
//
//   res.status                      the status code
//   res.responseTime                milliseconds, the whole exchange
//   res.headers.content-type        a header (also res.headers['x-request-id'], res.getHeader('location'))
//   res.body                        the whole body
//   res.body.data[0].id             a path into the JSON body (Bruno's form, read as the JSONPath $.data[0].id)
//   $.data[*].attributes.name       JSONPath (jsonpath-plus), filters included: $.data[?(@.attributes.enabled)]
//
// Nothing here evaluates JavaScript: an expression is parsed into one of these targets or refused with a
// sentence saying which forms exist. JSONPath filters run in jsonpath-plus's own safe evaluator (member access
// and comparisons; no constructor, no function calls).
import { JSONPath } from 'jsonpath-plus'
import type { SecretRegistry } from '../security/secret-registry'

export type ValueTarget =
  | { kind: 'status' }
  | { kind: 'response-time' }
  | { kind: 'header'; name: string }
  | { kind: 'body' }
  | { kind: 'json-path'; path: string; definite: boolean }

/** The parts of an answer the runner's checks read (an HTTP response, or the merged pages of a fetch-all). */
export interface ResponseView {
  status: number
  headers: ReadonlyArray<[string, string]>
  timeMs: number
  /** The body as text; undefined when there was none. */
  bodyText: string | undefined
  /** Set when the body was too large to keep for checks (bytes). */
  bodyTooLargeBytes?: number
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string }

/** A response and its JSON body, parsed once however many checks read it. */
export class ResponseValues {
  private parsed: ParsedJson | undefined

  constructor(readonly view: ResponseView) {}

  json(): ParsedJson {
    if (this.parsed) return this.parsed
    const { bodyText, bodyTooLargeBytes } = this.view
    if (bodyTooLargeBytes !== undefined) {
      this.parsed = { ok: false, message: `the body (${Math.round(bodyTooLargeBytes / 1048576)} MB) is too large for the runner to check` }
    } else if (bodyText === undefined || bodyText === '') {
      this.parsed = { ok: false, message: 'the response has no body' }
    } else {
      try {
        this.parsed = { ok: true, value: JSON.parse(bodyText) }
      } catch (error) {
        this.parsed = { ok: false, message: `the body is not JSON (${(error as Error).message})` }
      }
    }
    return this.parsed
  }

  header(name: string): string | undefined {
    const wanted = name.toLowerCase()
    const values = this.view.headers.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value)
    return values.length === 0 ? undefined : values.join(', ')
  }

  /**
   * The value a target points at. `found` is false when there is nothing there (a missing header, a path with
   * no match); `problem` says why it could not be looked at (the body is not JSON).
   */
  read(target: ValueTarget): { found: boolean; value?: unknown; problem?: string } {
    switch (target.kind) {
      case 'status':
        return { found: true, value: this.view.status }
      case 'response-time':
        return { found: true, value: Math.round(this.view.timeMs) }
      case 'header': {
        const value = this.header(target.name)
        return value === undefined ? { found: false } : { found: true, value }
      }
      case 'body': {
        const json = this.json()
        if (json.ok) return { found: true, value: json.value }
        if (this.view.bodyTooLargeBytes !== undefined) return { found: false, problem: json.message }
        return this.view.bodyText ? { found: true, value: this.view.bodyText } : { found: false }
      }
      case 'json-path': {
        const json = this.json()
        if (!json.ok) return { found: false, problem: json.message }
        let matches: unknown[]
        try {
          matches = JSONPath({ path: target.path, json: json.value as object, wrap: true, eval: 'safe' }) as unknown[]
        } catch (error) {
          return { found: false, problem: `the JSONPath ${target.path} could not be evaluated: ${(error as Error).message}` }
        }
        if (target.definite) return matches.length === 0 ? { found: false } : { found: true, value: matches[0] }
        return { found: matches.length > 0, value: matches }
      }
    }
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** `.name`, `[0]`, `[*]`, `["name"]`, `['name']` after res.body. */
const BODY_PATH = /^(?:\.[A-Za-z_$][\w$-]*|\[\s*(?:\d+|\*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\])+$/

/** Reads an expression into a target, or says what is wrong with it. */
export function parseTarget(expression: string): ValueTarget | { error: string } {
  const text = expression.trim()
  if (text === '') return { error: 'the expression is empty; write res.status, res.headers.<name>, res.body.<path> or a JSONPath such as $.data.id' }
  if (text === 'res.status' || text === 'status') return { kind: 'status' }
  if (text === 'res.responseTime' || text === 'responseTime') return { kind: 'response-time' }
  if (text === 'res.body' || text === 'body') return { kind: 'body' }

  const headerName =
    /^res\.headers\.([^\s[\]()'"]+)$/.exec(text)?.[1] ??
    /^res\.headers\[\s*(['"])(.+)\1\s*\]$/.exec(text)?.[2] ??
    /^res\.getHeader\(\s*(['"])(.+)\1\s*\)$/.exec(text)?.[2]
  if (headerName !== undefined) {
    if (!HEADER_NAME.test(headerName)) return { error: `"${headerName.slice(0, 100)}" is not a header name` }
    return { kind: 'header', name: headerName }
  }

  let path: string | undefined
  if (text.startsWith('$')) path = text
  else if (/^res\.body[.[]/.test(text)) {
    // Bruno's form is a plain property path; anything else there (a call, an operator) would be JavaScript.
    const rest = text.slice('res.body'.length)
    if (!BODY_PATH.test(rest)) return { error: `"${text.slice(0, 200)}" is not a property path (the runner evaluates no JavaScript); write res.body.a.b[0] or a JSONPath such as $.a.b[0]` }
    path = `$${rest}`
  }
  else {
    // Bruno's res('data.items') shorthand.
    const call = /^res\(\s*(['"])(.*)\1\s*\)$/.exec(text)
    if (call) path = call[2] === '' ? '$' : `$.${call[2]}`
  }
  if (path !== undefined) return jsonPathTarget(path)
  return {
    error: `"${text.slice(0, 200)}" is not an expression the runner reads (it evaluates no JavaScript); use res.status, res.responseTime, res.headers.<name>, res.body, res.body.<path> or a JSONPath starting with $`
  }
}

function jsonPathTarget(path: string): ValueTarget | { error: string } {
  let segments: string[]
  try {
    segments = JSONPath.toPathArray(path)
  } catch (error) {
    return { error: `${path} is not a JSONPath: ${(error as Error).message}` }
  }
  if (segments[0] !== '$') return { error: `${path} is not a JSONPath: it must start with $` }
  // A path that can name more than one value (wildcards, recursion, filters, unions, slices) is read as the
  // list of its matches; any other is read as its one value.
  const definite = segments.slice(1).every((segment) => !/^(\*|\.\.|\?\(|\(|@)|[:,]/.test(segment))
  return { kind: 'json-path', path, definite }
}

/**
 * Masks known secrets in text that is shown (the runner passes the SecretRegistry's redact). `reach`, when
 * known, is the longest text it masks as one piece (the registry's longest form): a value cut that far past
 * what is kept still holds whole any secret that starts inside what is kept.
 */
export interface Redact {
  (text: string): string
  readonly reach?: number
}

/** The registry's redact as a Redact, with its reach (read at each call: tokens are added during a run). */
export function registryRedact(secrets: Pick<SecretRegistry, 'redact' | 'maskForms'>): Redact {
  return Object.defineProperty((text: string) => secrets.redact(text), 'reach', { get: () => secrets.maskForms()[0]?.form.length ?? 0 })
}

/**
 * A value as short JSON text for a report (strings as they are, others as JSON), cut at `max` characters.
 * Secrets are masked before the cut: a token cut in half would no longer be recognised as one.
 */
export function displayValue(value: unknown, max = 500, redact: Redact = (text: string) => text): string | undefined {
  if (value === undefined) return undefined
  let text: string
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    text = String(value)
  }
  const length = text.length
  // Masked before the cut, on a little more than is kept: a whole body is not redacted to show 500 characters.
  // With the registry's reach (its longest form, ~1.6 KB for a Sandbox token) instead of the 8 KB margin, the
  // runner's shown values (a 25-item `$.data` for isArray) cost 2–5× less to mask.
  const margin = redact.reach ?? REDACT_MARGIN
  text = redact(length > max + margin ? text.slice(0, max + margin) : text)
  return text.length > max ? `${text.slice(0, max)}… (${length} characters)` : text
}

/** Longer than an IMS access token (~1.5 KB) and any client secret, so one that straddles the cut is still whole. */
const REDACT_MARGIN = 8192
