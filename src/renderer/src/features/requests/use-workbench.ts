// One request tab's live state: the exchange in flight or answered, fetch-all, and notices. The document
// itself lives in the tab list (use-request-tabs.ts) and is edited through `update`; this hook only sends it.
// Each tab's workbench stays mounted while other tabs show, so switching tabs never resends or re-parses.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CatalogOperation } from '@shared/catalog/catalog'
import type { HttpResponse } from '@shared/contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import { describeUnresolved, resolveSpec, type VariableScopes } from '@shared/requests/variables'
import { appTransport } from '../../api/app-transport'
import { ApiError, api, unwrap } from '../../api/client'
import type { ProfileOption } from '../../state/active-profile'
import { applyUrlField } from './model/operation-context'
import { upsertRow } from './model/query-helpers'
import {
  defaultHeaders,
  draftRow,
  encodedUrl,
  newRequestId,
  parseTimeout,
  relativeToProfile,
  specFromDraft,
  timeoutText,
  type RequestDraft
} from './model/request-draft'
import { offerDownload } from '../../ui/download'
import { prewarmBodyWorker } from './response/body-client'
import type { FetchAllState } from './response/PaginationBar'
import type { Exchange, SaveBodyOutcome, SentAs } from './response/ResponseViewer'

export type UpdateDraft = (change: (draft: RequestDraft) => RequestDraft) => void

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

function mutableScopes(scopes: VariableScopes): Record<string, RequestSpec['variables']> {
  return Object.fromEntries(Object.entries(scopes).map(([scope, list]) => [scope, [...(list ?? [])]]))
}

/** Which request a response belongs to: compared with the tab's current one to mark a stale response. */
export function describeTarget(spec: Pick<RequestSpec, 'method' | 'url' | 'params'>, profile: ProfileOption | undefined): SentAs {
  const url = encodedUrl({ url: spec.url, params: spec.params })
  return { key: `${spec.method} ${url} ${profile?.id ?? ''}`, method: spec.method, url, profileId: profile?.id, profileName: profile?.name }
}

/** The collection file a tab's document came from: it is sent with its folders', collection's and environment's variables. */
export interface CollectionTarget {
  collectionId: string
  path: string
  scopes: VariableScopes
}

export function useWorkbench(options: {
  draft: RequestDraft
  update: UpdateDraft
  profile: ProfileOption | undefined
  operations: readonly CatalogOperation[]
  /** Send through collections:sendRequest (main resolves the collection's scopes and its secret variables). */
  collection?: CollectionTarget
}) {
  const { draft, update, profile, operations, collection } = options
  const [exchange, setExchange] = useState<Exchange>({ state: 'idle' })
  const [fetchAll, setFetchAll] = useState<FetchAllState>({ state: 'idle' })
  const [notice, setNotice] = useState<string | undefined>()
  /** The timeout as typed (it can be half-written or wrong; the document only holds a valid one). */
  const [timeoutDraft, setTimeoutDraft] = useState<string | undefined>()
  const timeoutField = timeoutDraft ?? timeoutText(draft.options.timeoutMs)

  const draftRef = useRef(draft)
  draftRef.current = draft
  const timeoutRef = useRef(timeoutField)
  timeoutRef.current = timeoutField
  const exchangeRef = useRef(exchange)
  exchangeRef.current = exchange
  const lastSent = useRef<RequestSpec | undefined>(undefined)
  const fetchAllId = useRef<string | undefined>(undefined)

  // Progress for this tab's request or fetch-all (other tabs listen for their own ids).
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

  const sendDraft = useCallback(
    async (toSend: RequestDraft) => {
      if (exchangeRef.current.state === 'sending') return
      const timeoutProblem = parseTimeout(timeoutRef.current).problem
      if (timeoutProblem) {
        setNotice(`Not sent. Options → Timeout: ${timeoutProblem}`)
        return
      }
      const spec = specFromDraft(toSend)
      const request: RequestSpec = { ...spec, url: spec.url.trim() }
      // Main refuses a request with unresolved variables too; saying so here keeps the last response on screen.
      // A collection's secret variables have their values in main only: they are not missing.
      const unresolved = resolveSpec(request, collection?.scopes).unresolved.filter((variable) => !(collection && variable.secret))
      if (unresolved.length > 0) {
        setNotice(`Not sent. ${describeUnresolved(unresolved)}`)
        return
      }
      setNotice(undefined)
      const requestId = newRequestId()
      const sentAs = describeTarget(request, profile)
      setFetchAll({ state: 'idle' })
      lastSent.current = request
      setExchange({ state: 'sending', requestId, sentAs })
      // The body worker loads its script while the request is in flight, not after the head is in.
      prewarmBodyWorker()
      // Opening the body stream asks which transport this window has (once per window): asked after the head,
      // it waited 30-120 ms behind the body main was already pushing (10 MB bench, marks), before the worker
      // could start reading. Asked now, the answer is in by then.
      void appTransport()
      try {
        const response = await unwrap(
          // The status line shows as soon as the head is in; the body worker reads the body as it arrives (issue 12).
          collection
            ? api().sendCollectionRequest({ requestId, collectionId: collection.collectionId, path: collection.path, profileId: profile?.id, draft: request, streamBody: true })
            : api().sendRequest({ requestId, profileId: profile?.id, spec: request, streamBody: true })
        )
        setExchange((current) => (current.state === 'sending' && current.requestId === requestId ? { state: 'done', response, sentAs } : current))
      } catch (error) {
        setExchange((current) => (current.state === 'sending' && current.requestId === requestId ? { state: 'failed', error: errorShape(error), sentAs } : current))
      }
    },
    [profile, collection]
  )

  const send = useCallback(() => sendDraft(draftRef.current), [sendDraft])

  const cancel = useCallback(async () => {
    const current = exchangeRef.current
    // A body still streaming in: main stops reading it and the stream ends with a 'cancelled' frame, which the
    // viewer shows under what arrived.
    if (current.state === 'done' && current.response.body.kind === 'stream') {
      await api().cancelRequest({ requestId: current.response.requestId })
      return
    }
    if (current.state !== 'sending') return
    await api().cancelRequest({ requestId: current.requestId })
    setExchange((now) =>
      now.state === 'sending' && now.requestId === current.requestId
        ? { state: 'failed', error: { code: 'cancelled', message: 'You cancelled the request.' }, sentAs: current.sentAs }
        : now
    )
  }, [])

  /** Opens a URL from the response (links.*, relationships' links.related) in this tab and sends it. */
  const openUrl = useCallback(
    (url: string) => {
      // The profile's host: from the profile, or (when its URL is not known yet, e.g. a sandbox started on first
      // use) from the last answer to a path-relative request, which went to that host.
      const current = exchangeRef.current
      const answeredBase = lastSent.current?.url.startsWith('/') && current.state === 'done' ? originOf(current.response.url) : undefined
      let relative = relativeToProfile(url, profile?.reactorBaseUrl)
      if (relative === url && answeredBase) relative = relativeToProfile(url, answeredBase)
      const base: RequestDraft = { ...draftRef.current, method: 'GET', params: [], headers: defaultHeaders().map((row) => draftRow(row)), body: { type: 'json', text: '' } }
      const next = applyUrlField(base, relative, operations, profile?.reactorBaseUrl)
      update(() => next)
      void sendDraft(next)
    },
    [profile?.reactorBaseUrl, operations, sendDraft, update]
  )

  const goToPage = useCallback(
    (page: number) => {
      const next = { ...draftRef.current, params: upsertRow(draftRef.current.params, 'page[number]', String(page)) }
      update(() => next)
      void sendDraft(next)
    },
    [sendDraft, update]
  )

  const startFetchAll = useCallback(async () => {
    const base = lastSent.current
    if (!base) return
    const requestId = newRequestId()
    fetchAllId.current = requestId
    setFetchAll({ state: 'running', requestId })
    // Main sets page[number]/page[size] itself; drop ours so they do not fight.
    const spec: RequestSpec = { ...base, params: base.params.filter((row) => !row.name.startsWith('page[')) }
    try {
      // A collection's variables go along (those it keeps secret are resolved for single sends only).
      const result = await unwrap(api().fetchAllPages({ request: { requestId, profileId: profile?.id, spec, ...(collection ? { variables: mutableScopes(collection.scopes) } : {}) }, pageSize: 100, concurrency: 4 }))
      if (fetchAllId.current !== requestId) return
      const previous = exchangeRef.current.state === 'done' ? exchangeRef.current : undefined
      const response: HttpResponse = {
        requestId,
        url: previous?.response.url ?? base.url,
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
        sentHeaders: previous?.response.sentHeaders ?? []
      }
      setExchange({ state: 'done', response, merged: { pages: result.pages, totalCount: result.totalCount }, sentAs: previous?.sentAs ?? describeTarget(base, profile) })
      setFetchAll({ state: 'idle' })
    } catch (error) {
      if (fetchAllId.current !== requestId) return
      const shape = errorShape(error)
      setFetchAll(shape.code === 'http-cancelled' ? { state: 'idle' } : { state: 'failed', message: shape.message })
    } finally {
      if (fetchAllId.current === requestId) fetchAllId.current = undefined
    }
  }, [profile, collection])

  const cancelFetchAll = useCallback(async () => {
    const id = fetchAllId.current
    if (!id) return
    fetchAllId.current = undefined
    setFetchAll({ state: 'idle' })
    await api().cancelRequest({ requestId: id })
  }, [])

  const saveBody = useCallback(async (bodyId: string, suggestedName: string, confirm?: true): Promise<SaveBodyOutcome> => {
    try {
      const result = await unwrap(api().saveResponseBody({ bodyId, suggestedName, ...(confirm ? { confirm } : {}) }))
      if (result.needsConfirmation) return { kind: 'needs-confirmation', found: result.needsConfirmation.found }
      if (result.download) {
        // Browser mode: main has no save dialog, so the (masked) bytes come back and the browser downloads them.
        offerDownload(result.download)
        return { kind: 'downloaded', fileName: result.download.fileName, secretsMasked: result.download.secretsMasked === true }
      }
      return result.saved ? { kind: 'saved', where: result.path ?? 'the chosen file' } : { kind: 'cancelled' }
    } catch (error) {
      setNotice(errorShape(error).message)
      return { kind: 'cancelled' }
    }
  }, [])

  const setTimeoutText = useCallback(
    (text: string) => {
      setTimeoutDraft(text)
      const { ms, problem } = parseTimeout(text)
      if (problem) return
      update((d) => {
        const { timeoutMs: _old, ...rest } = d.options
        return { ...d, options: ms === undefined ? rest : { ...rest, timeoutMs: ms } }
      })
    },
    [update]
  )

  const resetOptions = useCallback(() => {
    setTimeoutDraft(undefined)
    update((d) => {
      const { timeoutMs: _t, followRedirects: _f, retries: _r, ...rest } = d.options
      return { ...d, options: rest }
    })
  }, [update])

  return {
    exchange,
    /** The document as last sent (the response's "Request sent": Copy as cURL, snippets). */
    sentSpec: lastSent.current,
    fetchAll,
    notice,
    timeoutField,
    setTimeoutText,
    resetOptions,
    send,
    cancel,
    openUrl,
    goToPage,
    startFetchAll,
    cancelFetchAll,
    saveBody
  }
}
