// The Request area's state: the draft being edited, the last exchange, fetch-all, path selections.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { buildOperationPath, matchOperation, type CatalogOperation } from '@shared/catalog/catalog'
import type { HttpRequestInput, HttpResponse } from '@shared/contract'
import { ApiError, api, unwrap } from '../../api/client'
import type { ProfileOption } from '../../state/active-profile'
import { ResourceListCache, resourceChain } from './context/resource-lists'
import type { Selections } from './context/PathParamsBar'
import { newRow, splitUrlQuery, upsertRow, type QueryRowDraft } from './model/query-helpers'
import { buildRequestInput, defaultHeaders, emptyDraft, newRequestId, relativeToProfile, requestOptionsProblem, type RequestDraft } from './model/request-draft'
import type { VariableRow } from './model/variables'
import type { FetchAllState } from './response/PaginationBar'
import type { Exchange } from './response/ResponseViewer'

function pathValues(op: CatalogOperation, selections: Selections): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {}
  for (const param of op.pathParams) values[param.name] = selections[param.resourceType]
  return values
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

function errorShape(error: unknown): { code: string; message: string; detail?: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message, detail: error.detail }
  return { code: 'renderer-error', message: error instanceof Error ? error.message : String(error) }
}

export function useWorkbench(profile: ProfileOption | undefined, operations: readonly CatalogOperation[]) {
  const [draft, setDraft] = useState<RequestDraft>(emptyDraft)
  const [variables, setVariables] = useState<VariableRow[]>([])
  const [selections, setSelections] = useState<Selections>({})
  const [exchange, setExchange] = useState<Exchange>({ state: 'idle' })
  const [fetchAll, setFetchAll] = useState<FetchAllState>({ state: 'idle' })
  const [notice, setNotice] = useState<string | undefined>()
  const cache = useMemo(() => new ResourceListCache(api), [])
  const operation = useMemo(() => operations.find((op) => op.id === draft.operationId), [operations, draft.operationId])

  const draftRef = useRef(draft)
  draftRef.current = draft
  const exchangeRef = useRef(exchange)
  exchangeRef.current = exchange
  const lastSent = useRef<HttpRequestInput | undefined>(undefined)
  const fetchAllId = useRef<string | undefined>(undefined)

  // Progress for whichever request or fetch-all is in flight.
  useEffect(() => {
    const subscribe = window.api?.onRequestProgress
    if (!subscribe) return
    return subscribe((progress) => {
      if (progress.requestId === fetchAllId.current) {
        setFetchAll((current) => (current.state === 'running' ? { ...current, progress } : current))
        return
      }
      setExchange((current) => (current.state === 'sending' && current.requestId === progress.requestId ? { ...current, progress } : current))
    })
  }, [])

  // A new profile means new companies: forget the picks.
  useEffect(() => {
    setSelections({})
  }, [profile?.id])

  const sendDraft = useCallback(
    async (toSend: RequestDraft) => {
      if (exchangeRef.current.state === 'sending') return
      const optionsProblem = requestOptionsProblem(toSend.options)
      if (optionsProblem) {
        setNotice(`Not sent. ${optionsProblem}`)
        return
      }
      const requestId = newRequestId()
      const { input, unknownVariables } = buildRequestInput(toSend, { requestId, profileId: profile?.id, variables })
      setNotice(unknownVariables.length ? `Sent with undefined variables: ${unknownVariables.map((n) => `{{${n}}}`).join(', ')}` : undefined)
      setFetchAll({ state: 'idle' })
      lastSent.current = input
      setExchange({ state: 'sending', requestId })
      try {
        const response = await unwrap(api().sendRequest(input))
        setExchange((current) => (current.state === 'sending' && current.requestId === requestId ? { state: 'done', response } : current))
      } catch (error) {
        setExchange((current) =>
          current.state === 'sending' && current.requestId === requestId ? { state: 'failed', error: errorShape(error) } : current
        )
      }
    },
    [profile?.id, variables]
  )

  const send = useCallback(() => sendDraft(draftRef.current), [sendDraft])

  const cancel = useCallback(async () => {
    const current = exchangeRef.current
    if (current.state !== 'sending') return
    await api().cancelRequest({ requestId: current.requestId })
    setExchange((now) =>
      now.state === 'sending' && now.requestId === current.requestId
        ? { state: 'failed', error: { code: 'cancelled', message: 'You cancelled the request.' } }
        : now
    )
  }, [])

  const pickOperation = useCallback(
    (op: CatalogOperation) => {
      setDraft({
        method: op.method,
        url: buildOperationPath(op, pathValues(op, selections)),
        query: [],
        headers: defaultHeaders(op.bodyContentType && !/multipart/i.test(op.bodyContentType) ? op.bodyContentType : undefined),
        body: op.sampleBody ?? '',
        operationId: op.id,
        // Timeout/redirect/retry choices describe the person's network, not one operation: they stay.
        options: draftRef.current.options
      })
    },
    [selections]
  )

  const select = useCallback(
    (resourceType: string, id: string | undefined) => {
      setSelections((current) => {
        const next: Selections = { ...current, [resourceType]: id }
        // Children of a changed pick no longer belong to it.
        for (const type of Object.keys(next)) {
          const chain = resourceChain(type)
          if (type !== resourceType && chain.includes(resourceType)) delete next[type]
        }
        const op = operations.find((candidate) => candidate.id === draftRef.current.operationId)
        if (op) setDraft((d) => ({ ...d, url: buildOperationPath(op, pathValues(op, next)) }))
        return next
      })
    },
    [operations]
  )

  /** Opens a URL from the response (links.*, relationships' links.related) in the builder and sends it. */
  const openUrl = useCallback(
    (url: string) => {
      // The profile's host: from the profile, or (when its URL is not known yet, e.g. a sandbox started on first
      // use) from the last answer to a path-relative request, which went to that host.
      const current = exchangeRef.current
      const answeredBase =
        lastSent.current?.url.startsWith('/') && current.state === 'done' ? originOf(current.response.url) : undefined
      let relative = relativeToProfile(url, profile?.reactorBaseUrl)
      if (relative === url && answeredBase) relative = relativeToProfile(url, answeredBase)
      const { url: bare, rows } = splitUrlQuery(relative)
      const next: RequestDraft = {
        method: 'GET',
        url: bare,
        query: rows,
        headers: defaultHeaders(),
        body: '',
        operationId: matchOperation('GET', bare)?.id,
        options: draftRef.current.options
      }
      setDraft(next)
      void sendDraft(next)
    },
    [profile?.reactorBaseUrl, sendDraft]
  )

  const goToPage = useCallback(
    (page: number) => {
      const current = draftRef.current
      const next = { ...current, query: upsertRow(current.query, 'page[number]', String(page)) }
      setDraft(next)
      void sendDraft(next)
    },
    [sendDraft]
  )

  const startFetchAll = useCallback(async () => {
    const base = lastSent.current
    if (!base) return
    const requestId = newRequestId()
    fetchAllId.current = requestId
    setFetchAll({ state: 'running', requestId })
    // The executor sets page[number]/page[size] itself; drop ours so they do not fight.
    const request: HttpRequestInput = { ...base, requestId, query: (base.query ?? []).filter((row) => !row.name.startsWith('page[')) }
    try {
      const result = await unwrap(api().fetchAllPages({ request, pageSize: 100, concurrency: 4 }))
      if (fetchAllId.current !== requestId) return
      const previous = exchangeRef.current.state === 'done' ? exchangeRef.current.response : undefined
      const response: HttpResponse = {
        requestId,
        url: previous?.url ?? base.url,
        method: 'GET',
        status: 200,
        statusText: 'OK (merged)',
        headers: [],
        contentType: 'application/vnd.api+json',
        body: result.document,
        timing: { totalMs: result.timing.totalMs, ttfbMs: 0, downloadMs: 0 },
        adobeRequestId: undefined,
        retryAfterSeconds: undefined,
        redirects: [],
        attempts: 1,
        sentHeaders: previous?.sentHeaders ?? []
      }
      setExchange({ state: 'done', response, merged: { pages: result.pages, totalCount: result.totalCount } })
      setFetchAll({ state: 'idle' })
    } catch (error) {
      if (fetchAllId.current !== requestId) return
      const shape = errorShape(error)
      setFetchAll(shape.code === 'http-cancelled' ? { state: 'idle' } : { state: 'failed', message: shape.message })
    } finally {
      if (fetchAllId.current === requestId) fetchAllId.current = undefined
    }
  }, [])

  const cancelFetchAll = useCallback(async () => {
    const id = fetchAllId.current
    if (!id) return
    fetchAllId.current = undefined
    setFetchAll({ state: 'idle' })
    await api().cancelRequest({ requestId: id })
  }, [])

  const saveBody = useCallback(async (bodyId: string, suggestedName: string) => {
    try {
      const result = await unwrap(api().saveResponseBody({ bodyId, suggestedName }))
      return result.saved ? (result.path ?? 'the chosen file') : undefined
    } catch (error) {
      setNotice(errorShape(error).message)
      return undefined
    }
  }, [])

  const setQuery = useCallback((query: QueryRowDraft[]) => setDraft((d) => ({ ...d, query })), [])
  const updateDraft = useCallback((patch: Partial<RequestDraft>) => setDraft((d) => ({ ...d, ...patch })), [])

  return {
    draft,
    updateDraft,
    setQuery,
    variables,
    setVariables,
    operation,
    selections,
    select,
    cache,
    exchange,
    fetchAll,
    notice,
    send,
    cancel,
    pickOperation,
    openUrl,
    goToPage,
    startFetchAll,
    cancelFetchAll,
    saveBody,
    newRow
  }
}
