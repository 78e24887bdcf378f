import { render } from '@testing-library/react'
import { vi } from 'vitest'
import { HistoryWorkspace } from '../../../src/renderer/src/features/history/HistoryWorkspace'
import { ActiveProfileProvider } from '../../../src/renderer/src/state/active-profile'
import type { HistoryEntryView, HistoryListItem, HistoryPage, WindowApi } from '../../../src/shared/contract'
import type { ProfileSummary } from '../../../src/shared/ipc/profiles.contract'
import { newRequestSpec } from '../../../src/shared/requests/request-spec'
import { installFakeApi } from '../../support/fake-api'

export const NOW = new Date(2025, 2, 7, 15, 30, 0).getTime()
const MINUTE = 60_000

export const SANDBOX_PROFILE: ProfileSummary = {
  id: 'sandbox',
  name: 'Sandbox (simulated)',
  environment: 'sandbox' as ProfileSummary['environment'],
  imsBaseUrl: 'http://127.0.0.1:1/ims',
  reactorBaseUrl: 'http://127.0.0.1:1',
  clientId: 'sandbox-client',
  orgId: 'ORG@AdobeOrg',
  scopes: [],
  authKind: 'oauth-server-to-server' as ProfileSummary['authKind'],
  builtIn: true,
  simulated: true,
  secret: { stored: true } as unknown as ProfileSummary['secret'],
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z'
}

export const PROD_PROFILE: ProfileSummary = { ...SANDBOX_PROFILE, id: 'acme', name: 'Acme production', environment: 'production' as ProfileSummary['environment'], reactorBaseUrl: 'https://reactor.adobe.io', builtIn: false, simulated: false }

/** `count` calls, newest first, ten minutes apart (144 a day), every fifth a 404 and every seventh a POST. */
export function makeItems(count: number, now = NOW): HistoryListItem[] {
  return Array.from({ length: count }, (_, i) => {
    const status = i % 5 === 4 ? 404 : 200
    return {
      id: `h${String(i).padStart(5, '0')}`,
      startedAt: now - i * 10 * MINUTE,
      method: i % 7 === 6 ? 'POST' : 'GET',
      url: i % 3 === 0 ? `https://reactor.adobe.io/properties/PR${i}/rules` : 'https://reactor.adobe.io/companies',
      status,
      statusText: status === 200 ? 'OK' : 'Not Found',
      statusClass: status === 200 ? '2xx' : '4xx',
      durationMs: 120 + (i % 9),
      source: 'app',
      profileId: i % 2 ? 'sandbox' : 'acme',
      profileName: i % 2 ? 'Sandbox (simulated)' : 'Acme production',
      adobeRequestId: `rid-${i}`
    } satisfies HistoryListItem
  })
}

export function entryView(item: HistoryListItem, body = '{"data":[{"id":"CO123","type":"companies"}]}'): HistoryEntryView {
  return {
    entry: {
      v: 1,
      id: item.id,
      source: 'app',
      requestId: `req-${item.id}`,
      startedAt: item.startedAt,
      durationMs: item.durationMs,
      profile: { id: item.profileId ?? 'acme', name: item.profileName ?? 'Acme production', environmentLabel: 'Production' },
      request: {
        spec: {},
        method: item.method,
        url: item.url,
        headers: [['Accept', 'application/vnd.api+json;revision=1'], ['Authorization', 'Bearer ••••1a2b (profile)']]
      },
      response: {
        status: item.status ?? 0,
        statusText: item.statusText ?? '',
        url: item.url,
        headers: [['content-type', 'application/vnd.api+json'], ['x-request-id', item.adobeRequestId ?? '']],
        contentType: 'application/vnd.api+json',
        body: { text: body, bytes: body.length, truncated: false },
        timing: { totalMs: item.durationMs, ttfbMs: 80, downloadMs: 40 },
        redirects: [],
        attempts: 1
      },
      ...(item.adobeRequestId ? { adobeRequestId: item.adobeRequestId } : {}),
      notes: []
    },
    spec: newRequestSpec({ name: 'From history', method: item.method as 'GET', url: new URL(item.url).pathname })
  }
}

type Input = { offset?: number; limit?: number; query?: string; filters?: { statusClasses?: string[]; methods?: string[]; profileIds?: string[] }; deep?: boolean }

/** A fake history store over `items`: list and search page and filter like main's (search: substring of url/status/id). */
export function fakeHistory(items: HistoryListItem[], overrides: Partial<WindowApi> = {}) {
  const pageOf = (rows: HistoryListItem[], input: Input): { ok: true; value: HistoryPage } => {
    const offset = input.offset ?? 0
    const limit = input.limit ?? 100
    return { ok: true, value: { items: rows.slice(offset, offset + limit), total: rows.length, notices: [] } }
  }
  const filtered = (input: Input) =>
    items.filter(
      (item) =>
        (!input.filters?.statusClasses?.length || input.filters.statusClasses.includes(item.statusClass)) &&
        (!input.filters?.methods?.length || input.filters.methods.includes(item.method)) &&
        (!input.filters?.profileIds?.length || (item.profileId !== undefined && input.filters.profileIds.includes(item.profileId)))
    )
  const listHistory = vi.fn(async (input: Input = {}) => pageOf(filtered(input), input))
  const searchHistory = vi.fn(async (input: Input) => {
    const terms = (input.query ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const rows = filtered(input).filter((item) => terms.every((term) => `${item.method} ${item.url} ${item.status} ${item.adobeRequestId}`.toLowerCase().includes(term)))
    return pageOf(rows, input)
  })
  const getHistoryEntry = vi.fn(async ({ id }: { id: string }) => {
    const item = items.find((candidate) => candidate.id === id)
    return item ? { ok: true as const, value: entryView(item) } : { ok: false as const, error: { code: 'history-not-found', message: 'That call is no longer in the history.' } }
  })
  const fake = installFakeApi({
    listProfiles: vi.fn(async () => ({ ok: true as const, value: { profiles: [SANDBOX_PROFILE, PROD_PROFILE], activeProfileId: 'sandbox', secretBackend: {} as never, notices: [] } })),
    getAppInfo: vi.fn(async () => ({ ok: true as const, value: { name: 'Reactor Explorer', version: 'test', platform: 'linux', transport: 'loopback' as const } })),
    listHistory: listHistory as unknown as WindowApi['listHistory'],
    searchHistory: searchHistory as unknown as WindowApi['searchHistory'],
    getHistoryEntry: getHistoryEntry as unknown as WindowApi['getHistoryEntry'],
    ...overrides
  })
  return { ...fake, listHistory, searchHistory, getHistoryEntry }
}

export function renderHistory() {
  return render(
    <ActiveProfileProvider>
      <HistoryWorkspace />
    </ActiveProfileProvider>
  )
}

/** Offsets asked for, in order. */
export function offsets(fn: { mock: { calls: unknown[][] } }): number[] {
  return fn.mock.calls.map((call) => (call[0] as Input | undefined)?.offset ?? 0)
}
