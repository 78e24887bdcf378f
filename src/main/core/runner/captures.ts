// Captured variables: a value read from a response (a JSONPath into the body, a header, the status) becomes a
// run variable that later requests use as {{name}}: create a library → its id adds resources → build → poll.
import type { CaptureResult } from '../../../shared/ipc/runner.contract'
import { displayValue, parseTarget, type Redact, type ResponseValues } from './response-values'
import type { CaptureSpec } from './step-runtime'

/** The text a captured value becomes: strings as they are, numbers and booleans as written, JSON for the rest. */
export function variableText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value) ?? ''
}

/** Reads one capture; `value` is set only when something was found. */
export function readCapture(spec: CaptureSpec, values: ResponseValues, redact?: Redact): { result: CaptureResult; value?: string } {
  const base = { name: spec.name, expression: spec.expression, origin: spec.origin }
  const target = parseTarget(spec.expression)
  if ('error' in target) return { result: { ...base, captured: false, message: `Not captured: ${target.error}.` } }
  const read = values.read(target)
  if (read.problem) return { result: { ...base, captured: false, message: `Not captured: ${read.problem}.` } }
  const found = read.found && read.value !== undefined && !(Array.isArray(read.value) && target.kind === 'json-path' && !target.definite && read.value.length === 0)
  if (!found) {
    return { result: { ...base, captured: false, message: `Not captured: ${spec.expression} found nothing in the response, so {{${spec.name}}} has no value for the requests after it.` } }
  }
  const value = variableText(read.value)
  return { result: { ...base, captured: true, value: displayValue(value, 500, redact) }, value }
}
