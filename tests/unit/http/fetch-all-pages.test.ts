import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchAllPages, type FetchAllInput } from '../../../src/main/core/http/fetch-all-pages'
import { AppError } from '../../../src/shared/errors'
import { PROFILE, req, startHarness, type Harness } from './support'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

function input(url: string, extra: Partial<FetchAllInput> = {}): FetchAllInput {
  return { request: req({ profileId: PROFILE, url }), pageSize: 7, concurrency: 3, maxPages: 1000, ...extra }
}

async function pageByPage(url: string, size: number): Promise<unknown[]> {
  const all: unknown[] = []
  for (let page = 1; ; page++) {
    const res = await h.executor.send(
      req({ profileId: PROFILE, url, query: [{ name: 'page[size]', value: String(size) }, { name: 'page[number]', value: String(page) }].map((r) => ({ ...r, enabled: true })) })
    )
    const doc = JSON.parse((res.body as { text: string }).text) as { data: unknown[]; meta: { pagination: { next_page: number | null } } }
    all.push(...doc.data)
    if (doc.meta.pagination.next_page === null) return all
  }
}

describe('fetch all pages', () => {
  it('equals the union of the pages, in order', async () => {
    const url = `/properties/${h.sb.seeded.webPropertyId}/rules`
    const progress: Array<[number, number]> = []
    const result = await fetchAllPages(h.executor, h.bodies, input(url), {
      onProgress: (p) => p.pagesDone !== undefined && progress.push([p.pagesDone, p.pagesTotal ?? 0])
    })
    const expected = await pageByPage(url, 7)
    expect(result.pages).toBeGreaterThan(3)
    if (result.document.kind !== 'inline') throw new Error('expected inline')
    const doc = JSON.parse(result.document.text) as { data: unknown[]; meta: { pagination: { total_count: number }; merged: { consistent: boolean } } }
    expect(doc.data).toEqual(expected)
    expect(result.totalCount).toBe(expected.length)
    expect(doc.meta.pagination.total_count).toBe(expected.length)
    expect(doc.meta.merged.consistent).toBe(true)
    expect(new Set((doc.data as Array<{ id: string }>).map((r) => r.id)).size).toBe(expected.length)
    expect(progress.at(-1)).toEqual([result.pages, result.pages])
  })

  it('stops at maxPages and says so', async () => {
    const result = await fetchAllPages(h.executor, h.bodies, input(`/properties/${h.sb.seeded.webPropertyId}/rules`, { maxPages: 2 }))
    expect(result.pages).toBe(2)
    expect(result.totalCount).toBe(14)
    const doc = JSON.parse((result.document as { text: string }).text) as { meta: { merged: { truncated: boolean } } }
    expect(doc.meta.merged.truncated).toBe(true)
  })

  it('a failing page stops the walk with a clear error', async () => {
    h.sb.faults.add({ match: { path: `/properties/${h.sb.seeded.webPropertyId}/rules` }, kind: 'status', status: 500, times: 100 })
    try {
      const error = await fetchAllPages(h.executor, h.bodies, input(`/properties/${h.sb.seeded.webPropertyId}/rules`)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('http-fetch-all-failed')
      expect((error as AppError).message).toMatch(/Page 1 .* answered 500/)
    } finally {
      h.sb.faults.clear()
    }
  })

  it('is cancellable', async () => {
    h.sb.faults.add({ match: { path: `/properties/${h.sb.seeded.webPropertyId}/rules` }, kind: 'latency', latencyMs: 2000 })
    const controller = new AbortController()
    try {
      const pending = fetchAllPages(h.executor, h.bodies, input(`/properties/${h.sb.seeded.webPropertyId}/rules`), { signal: controller.signal })
      setTimeout(() => controller.abort(), 50)
      const error = await pending.catch((e: unknown) => e)
      expect((error as AppError).code).toBe('http-cancelled')
    } finally {
      h.sb.faults.clear()
    }
  })

  it('a merged document over the inline limit is kept as a file', async () => {
    const result = await fetchAllPages(h.executor, h.bodies, input(`/properties/${h.sb.seeded.webPropertyId}/rules`), { maxInlineBodyBytes: 4096 })
    expect(result.document.kind).toBe('file')
  })
})
