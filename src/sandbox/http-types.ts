// The sandbox's handlers are pure functions from a buffered request to a buffered response. Buffering is
// what lets the fault layer truncate, stall or cut a body that the handler produced normally.
import type { IncomingHttpHeaders } from 'node:http'

export interface SandboxRequest {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: Buffer
  requestId: string
  /** e.g. http://127.0.0.1:43123, used to build every links.self */
  baseUrl: string
}

export interface SandboxResponse {
  status: number
  headers?: Record<string, string>
  body?: string
}

export const JSON_API_TYPE = 'application/vnd.api+json'

export function jsonResponse(
  status: number,
  value: unknown,
  contentType = 'application/json;charset=utf-8',
  headers: Record<string, string> = {}
): SandboxResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(value) }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
