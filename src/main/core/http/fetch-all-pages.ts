import { performance } from 'node:perf_hooks'
import type { z } from 'zod'
import type { FetchAllPagesInput, FetchAllPagesResult, HttpResponse, HttpResponseBody, RequestProgress } from '../../../shared/ipc/requests.contract'
import { isListDocument, mergePages, readPagination, type ListDocument } from '../reactor/jsonapi-pagination'
import { AppError } from '../../../shared/errors'
import type { BodyStore } from './body-store'
import type { HttpExecutor, HttpSendInput } from './executor'
import { cancelledError } from '../net/network-errors'

/** The parsed channel input, with its request already prepared by the send pipeline. */
export type FetchAllInput = Omit<z.output<typeof FetchAllPagesInput>, 'request'> & { request: HttpSendInput }

export interface FetchAllOptions {
  signal?: AbortSignal
  onProgress?: (progress: RequestProgress) => void
  /** Above this the merged document is kept as a file (like any large body); default: the executor's setting. */
  maxInlineBodyBytes?: number
  previewBytes?: number
}

const PAGE_PARAMS = /^page\[(number|size)\]$/i

function pageRequest(base: HttpSendInput, pageSize: number, pageNumber: number): HttpSendInput {
  return {
    ...base,
    query: [
      ...base.query.filter((row) => !PAGE_PARAMS.test(row.name)),
      { name: 'page[size]', value: String(pageSize), enabled: true },
      { name: 'page[number]', value: String(pageNumber), enabled: true }
    ],
    options: {
      ...base.options,
      // A page is at most 100 resources: keep it in memory whatever the display limit is.
      maxInlineBodyBytes: 200_000_000,
      retryIdempotent: base.options.retryIdempotent ?? true
    }
  }
}

function parsePage(response: HttpResponse, pageNumber: number): ListDocument {
  const where = `Page ${pageNumber} (${response.url})`
  if (response.status < 200 || response.status > 299) {
    const snippet = response.body.kind === 'inline' ? response.body.text.slice(0, 500) : undefined
    throw new AppError('http-fetch-all-failed', `${where} answered ${response.status} ${response.statusText}; fetching all pages stopped.`, snippet)
  }
  if (response.body.kind !== 'inline') throw new AppError('http-fetch-all-failed', `${where} returned no JSON body.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(response.body.text)
  } catch (error) {
    throw new AppError('http-fetch-all-failed', `${where} is not JSON: ${(error as Error).message}.`)
  }
  if (!isListDocument(parsed)) {
    throw new AppError('http-fetch-all-failed', `${where} is not a JSON:API list (it has no "data" array), so there are no pages to fetch.`)
  }
  return parsed
}

/**
 * Reads `meta.pagination` of page 1, then fetches pages 2..N with bounded concurrency and merges them in
 * page order. The first failure cancels the pages still in flight. Cancellable through `signal`.
 */
export async function fetchAllPages(
  executor: HttpExecutor,
  bodies: BodyStore,
  input: FetchAllInput,
  options: FetchAllOptions = {}
): Promise<FetchAllPagesResult> {
  const started = performance.now()
  const { request, pageSize, concurrency, maxPages } = input
  const requestId = request.requestId
  if (request.method !== 'GET') {
    throw new AppError('http-fetch-all-failed', `Fetch all pages works on GET list requests; this one is ${request.method}.`)
  }
  const progress = (pagesDone: number, pagesTotal: number, phase: RequestProgress['phase'] = 'paging') =>
    options.onProgress?.({ requestId, phase, pagesDone, pagesTotal })

  // Pages share one controller: the user's cancel, or the first failing page, stops them all.
  const inner = new AbortController()
  const onOuterAbort = () => inner.abort()
  options.signal?.addEventListener('abort', onOuterAbort, { once: true })
  try {
    if (options.signal?.aborted) throw cancelledError()
    progress(0, 1)
    const first = parsePage(await executor.send(pageRequest(request, pageSize, 1), { signal: inner.signal }), 1)
    const pagination = readPagination(first)
    const reportedPages = pagination?.total_pages ?? 1
    const totalPages = Math.max(1, Math.min(reportedPages, maxPages))
    const pages: ListDocument[] = new Array<ListDocument>(totalPages)
    pages[0] = first
    let done = 1
    progress(done, totalPages)

    let nextPage = 2
    let failure: unknown
    const worker = async () => {
      while (failure === undefined && nextPage <= totalPages) {
        const pageNumber = nextPage++
        try {
          const response = await executor.send(pageRequest(request, pageSize, pageNumber), { signal: inner.signal })
          pages[pageNumber - 1] = parsePage(response, pageNumber)
          done += 1
          progress(done, totalPages)
        } catch (error) {
          if (failure === undefined) failure = error
          inner.abort()
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, totalPages - 1) }, worker))
    if (options.signal?.aborted) throw cancelledError()
    if (failure !== undefined) {
      if (failure instanceof AppError && failure.code === 'http-cancelled') throw failure
      const message = failure instanceof Error ? failure.message : String(failure)
      throw new AppError('http-fetch-all-failed', `Fetching all pages stopped after ${done} of ${totalPages}: ${message}`,
        failure instanceof AppError ? failure.detail : undefined)
    }

    const merged = mergePages(pages, {
      pagesFetched: totalPages,
      pageSize,
      reportedTotalCount: pagination?.total_count ?? first.data.length,
      reportedTotalPages: reportedPages,
      truncated: reportedPages > totalPages
    })
    const text = JSON.stringify(merged)
    const bytes = Buffer.byteLength(text)
    const limit = options.maxInlineBodyBytes ?? request.options.maxInlineBodyBytes ?? executor.settings().maxInlineBodyBytes
    let document: HttpResponseBody
    if (bytes > limit) {
      const stored = await bodies.storeText(text, 'application/vnd.api+json', request.url, { maxTotalBytes: executor.settings().maxStoredBodyBytes })
      document = { kind: 'file', bodyId: stored.bodyId, bytes, preview: text.slice(0, options.previewBytes ?? executor.settings().previewBytes) }
    } else {
      document = { kind: 'inline', text, bytes }
    }
    progress(totalPages, totalPages, 'done')
    return {
      requestId,
      pages: totalPages,
      totalCount: merged.data.length,
      document,
      timing: { totalMs: Math.round((performance.now() - started) * 100) / 100 }
    }
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort)
  }
}
