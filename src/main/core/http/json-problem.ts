// Whether a body whose media type says JSON really is JSON. The executor does not ask (a full JSON.parse of
// every answer was 35% of a 100 KB exchange, and the renderer's body worker parses anyway); the few callers in
// main that need the answer (the CLI's `send`, history) ask here, only for the bodies they use.
import type { HttpResponse } from '../../../shared/ipc/requests.contract'
import { isJsonContentType } from './header-policy'

/**
 * The parse problem of `text` when `contentType` is a JSON media type (application/json, *+json) and the text
 * does not parse, e.g. `The body is not valid JSON: Unexpected token } in JSON at position 12`; else undefined.
 */
export function jsonProblemOf(text: string, contentType: string | undefined): string | undefined {
  if (!isJsonContentType(contentType)) return undefined
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return `The body is not valid JSON: ${(error as Error).message}`
  }
}

/** The same question for a response: its inline body against its Content-Type (a body kept in a file is not read). */
export function jsonProblemOfResponse(response: Pick<HttpResponse, 'body' | 'contentType'>): string | undefined {
  return response.body.kind === 'inline' ? jsonProblemOf(response.body.text, response.contentType) : undefined
}
