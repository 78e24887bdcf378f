// Builders for history tests: entries as the recorder writes them, without going through the network.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HistoryEntry } from '../../../src/main/core/history/history-entry'
import { serializeRequestSpec, requestSpec } from '../../../src/shared/requests/request-spec'

export async function tempDir(prefix = 'rx-history-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

let sequence = 0

export function makeEntry(patch: Partial<HistoryEntry> & { status?: number; body?: string; url?: string; method?: string } = {}): HistoryEntry {
  sequence++
  const { status = 200, body = '{"data":[]}', url = `https://reactor.adobe.io/companies/CO${String(sequence).padStart(32, '0')}`, method = 'GET', ...rest } = patch
  const spec = requestSpec({ name: `${method} ${url}`, method: method as 'GET', url })
  return {
    v: 1,
    id: `e${sequence}-${Math.random().toString(16).slice(2, 8)}`,
    source: 'app',
    requestId: `r${sequence}`,
    startedAt: 1_700_000_000_000 + sequence * 1000,
    durationMs: 12,
    profile: { id: 'p1', name: 'Sandbox', environment: 'sandbox', environmentLabel: 'Sandbox (simulated, not Adobe)', reactorBaseUrl: 'https://reactor.adobe.io' },
    request: { spec: serializeRequestSpec(spec), method, url, headers: [['Accept', 'application/vnd.api+json;revision=1']] },
    response: {
      status,
      statusText: status === 200 ? 'OK' : 'Not Found',
      url,
      headers: [
        ['content-type', 'application/vnd.api+json'],
        ['x-request-id', `req-${sequence}`]
      ],
      contentType: 'application/vnd.api+json',
      body: { text: body, bytes: Buffer.byteLength(body), truncated: false },
      timing: { totalMs: 12, ttfbMs: 10, downloadMs: 2 },
      redirects: [],
      attempts: 1
    },
    adobeRequestId: `req-${sequence}`,
    notes: [],
    ...rest
  }
}
