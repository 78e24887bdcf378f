import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { TreeRow } from './json-document'
import type { BodySearchResult, DocInfo, JsonPathResult, LineTarget, LineWindow, TreeInfo } from './body-engine'
import { jsonSegments, renderSegments, type Mark } from './highlight'
import { TreeView } from './TreeView'
import { useBodyDocument, type BodyDocument } from './use-body-document'
import { VirtualLines } from './VirtualLines'
import { useWorkerWindows, type Chunk } from './use-windows'
import { formatBytes } from './format'
import type { JsonApiSummary } from './json-document'
import { pluralWord } from '../../../ui/plural'
import './response.css'

export type BodyMode = 'pretty' | 'raw' | 'tree'

/** One line as the worker sends it: where it starts in its document, its (cut) text, what was cut. */
interface Line {
  start: number
  text: string
  cut: number
  embedded?: { pointer: string; open: boolean }
}

interface Props {
  /** The whole body; ignored when `document` is given. */
  text?: string
  /** A document someone above owns, e.g. a streamed body (issue 12) that must outlive this view's mount. */
  document?: BodyDocument
  /** A streamed body's Content-Length, when the server sent one (the compressed size when it is encoded). */
  contentLength?: number
  contentType: string | undefined
  /** Size on the wire, from the response; measuring a 50 MB string here on every render froze the window. */
  bytes?: number
  onOpenUrl(url: string): void
  onSummary?(summary: JsonApiSummary | undefined): void
  /** Stops a streamed body mid-way (requests:cancel). */
  onCancelStream?(): void
}


function toLines(window: LineWindow): Chunk<Line> {
  const embedded = new Map(window.embedded.map(([line, pointer, open]) => [line, { pointer, open }]))
  const items = window.lines.map((text, i) => ({ start: window.starts[i]!, text, cut: window.cut[i]!, embedded: embedded.get(window.from + i) }))
  return { generation: window.generation, from: window.from, items }
}

/** Lower bound: first index with offsets[i] >= value. */
function lowerBound(offsets: Uint32Array, value: number): number {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (offsets[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The response body: Pretty (virtualised, coloured, links clickable, JSON-in-strings expandable),
 * Raw (as received, hard-wrapped), Tree; search and JSONPath run in the body worker.
 */
export function BodyView({ text = '', document, contentLength, contentType, bytes, onOpenUrl, onSummary, onCancelStream }: Props) {
  const own = useBodyDocument(document ? undefined : { kind: 'text', text, contentType })
  const { client, state, setPretty } = document ?? own
  const streamed = document !== undefined
  const receiving = state.status === 'ready' ? state.receiving : undefined
  const outcome = state.status === 'ready' ? state.outcome : undefined
  const isJson = state.status === 'ready' && state.load.kind === 'json'
  // A stream that stopped early has no parsed value: no tree, no JSONPath.
  const isWholeJson = isJson && !receiving && !(state.status === 'ready' && state.load.incomplete)
  const [mode, setMode] = useState<BodyMode>('pretty')
  const [rawDoc, setRawDoc] = useState<DocInfo | undefined>()
  const [expandedEmbedded, setExpandedEmbedded] = useState<string[]>([])
  const [treeExpanded, setTreeExpanded] = useState<string[] | undefined>()
  const [tree, setTree] = useState<TreeInfo | undefined>()
  const [query, setQuery] = useState('')
  const [caseSensitive, setCaseSensitive] = useState(false)
  const [search, setSearch] = useState<BodySearchResult | undefined>()
  const [current, setCurrent] = useState(0)
  const [pathInput, setPathInput] = useState('')
  const [filter, setFilter] = useState<(JsonPathResult & { expression: string }) | undefined>()
  const [filterError, setFilterError] = useState<string | undefined>()
  const [busy, setBusy] = useState<string | undefined>()

  // While the body arrives only its growing pretty print (or text) is shown; Raw and Tree come at the end.
  const effectiveMode: BodyMode = !isJson ? 'raw' : receiving ? 'pretty' : mode === 'tree' && !isWholeJson ? 'pretty' : mode
  const target: LineTarget = effectiveMode === 'raw' ? 'raw' : filter ? 'filtered' : 'pretty'

  useEffect(() => {
    setRawDoc(undefined)
    setExpandedEmbedded([])
    setTreeExpanded(undefined)
    setTree(undefined)
    setFilter(undefined)
    setSearch(undefined)
  }, [text, document?.client])

  const load = state.status === 'ready' ? state.load : undefined
  useEffect(() => {
    if (load && !receiving) onSummary?.(load.summary)
  }, [load, receiving, onSummary])

  // Raw lines are split in the worker on first use of the raw view.
  useEffect(() => {
    if (!client || state.status !== 'ready' || receiving || effectiveMode !== 'raw' || rawDoc) return
    let live = true
    void client.call({ op: 'raw' }).then((raw) => live && setRawDoc(raw))
    return () => {
      live = false
    }
  }, [client, state, effectiveMode, rawDoc])

  // Tree rows, whenever the tree is shown or a node opens.
  useEffect(() => {
    if (!client || state.status !== 'ready' || !isWholeJson || effectiveMode !== 'tree') return
    const expanded = treeExpanded ?? state.load.defaultExpanded
    let live = true
    void client.call({ op: 'tree', expanded }).then((info) => live && setTree(info))
    return () => {
      live = false
    }
  }, [client, state, isJson, effectiveMode, treeExpanded])

  // Search (debounced while typing), in whichever text is on screen. While a body streams in, each progress
  // asks again at once: the worker only searches what arrived since, so matches in later chunks appear.
  const ready = state.status === 'ready'
  const shownLines = state.status === 'ready' ? state.pretty?.lineCount : undefined
  const searchAsked = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!client || !ready) return
    if (!query) {
      setSearch(undefined)
      searchAsked.current = undefined
      return
    }
    let live = true
    const asked = `${query}\u0000${caseSensitive}\u0000${target}`
    const sameQuestion = searchAsked.current === asked
    searchAsked.current = asked
    const timer = setTimeout(() => {
      void client.call({ op: 'search', query, caseSensitive, target }).then((result) => {
        if (!live) return
        setSearch(result)
        if (!sameQuestion) setCurrent(0)
      })
    }, sameQuestion ? 0 : 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [client, ready, load, shownLines, query, caseSensitive, target, filter, expandedEmbedded])

  const toggleEmbedded = useCallback(
    (pointer: string) => {
      if (!client) return
      const next = expandedEmbedded.includes(pointer) ? expandedEmbedded.filter((p) => p !== pointer) : [...expandedEmbedded, pointer]
      setExpandedEmbedded(next)
      setBusy('Formatting…')
      void client.call({ op: 'pretty', expandedEmbedded: next }).then((doc) => {
        setPretty(doc)
        setBusy(undefined)
      })
    },
    [client, expandedEmbedded, setPretty]
  )

  const applyFilter = () => {
    if (!client) return
    const expression = pathInput.trim()
    if (!expression) {
      setFilter(undefined)
      setFilterError(undefined)
      return
    }
    setBusy('Filtering…')
    client
      .call({ op: 'jsonpath', expression })
      .then((result) => {
        setFilter({ ...result, expression })
        setFilterError(undefined)
        if (mode === 'tree') setMode('pretty')
      })
      .catch((error: Error) => setFilterError(error.message))
      .finally(() => setBusy(undefined))
  }

  // The document on screen stays in the worker; only the lines in view (and a margin) come over.
  const doc: DocInfo | undefined =
    state.status !== 'ready' ? undefined : receiving ? state.pretty : effectiveMode === 'raw' ? rawDoc : (filter?.doc ?? state.pretty)
  const fetchLines = useMemo(
    () =>
      client &&
      (async (from: number, to: number): Promise<Chunk<Line>> => toLines(await client.call({ op: 'lines', target, from, to }))),
    [client, target]
  )
  const head = useMemo(() => doc && toLines(doc.head), [doc])
  const lines = useWorkerWindows<Line>(doc?.generation, fetchLines, head, doc?.lineCount)
  const fetchRows = useMemo(
    () =>
      client &&
      (async (from: number, to: number): Promise<Chunk<TreeRow>> => {
        const window = await client.call({ op: 'rows', from, to })
        return { generation: window.generation, from: window.from, items: window.rows }
      }),
    [client]
  )
  const rows = useWorkerWindows<TreeRow>(tree?.generation, fetchRows, tree && { generation: tree.generation, from: 0, items: tree.head.rows })
  const matchLen = query.length
  const currentIndex = search && search.offsets.length > 0 ? Math.min(current, search.offsets.length - 1) : undefined
  const currentOffset = currentIndex !== undefined ? search!.offsets[currentIndex] : undefined
  const currentLine = currentIndex !== undefined && effectiveMode !== 'tree' ? search!.lines[currentIndex] : undefined

  const renderRow = (index: number) => {
    const loaded = lines.item(index)
    if (!loaded) return null
    const { start, text: line, cut, embedded } = loaded
    const marks: Mark[] = []
    if (search && matchLen > 0) {
      for (let i = lowerBound(search.offsets, Math.max(0, start - matchLen + 1)); i < search.offsets.length; i++) {
        const at = search.offsets[i]!
        if (at >= start + line.length) break
        marks.push({ from: at - start, to: at - start + matchLen, current: at === currentOffset })
      }
    }
    const segments = effectiveMode === 'raw' ? [{ from: 0, to: line.length }] : jsonSegments(line)
    return (
      <>
        <span className="rq-gutter" aria-hidden="true">{index + 1}</span>
        <span className="rq-code">
          {renderSegments(line, segments, marks, effectiveMode === 'raw' ? undefined : onOpenUrl)}
          {cut > 0 && <span className="rq-truncated"> … {formatBytes(cut)} more on this line (see Raw)</span>}
          {embedded && (
            <button
              type="button"
              className="rq-embedded-toggle"
              aria-expanded={embedded.open}
              title={embedded.open ? 'Show as the original JSON string' : 'This string holds JSON: show it formatted'}
              onClick={() => toggleEmbedded(embedded.pointer)}
            >
              {embedded.open ? 'collapse JSON string' : '{…} expand JSON string'}
            </button>
          )}
        </span>
      </>
    )
  }

  const step = (delta: number) => {
    if (!search || search.offsets.length === 0) return
    if (mode === 'tree') setMode('pretty')
    setCurrent((value) => (value + delta + search.offsets.length) % search.offsets.length)
  }

  if (state.status === 'failed') return <p className="rq-error-text" role="alert">Could not read the body: {state.message}</p>

  return (
    <div className="rq-body" data-body-mode={effectiveMode}>
      <div className="rq-toolbar rq-body-toolbar">
        {/* A toggle group, not tabs: the three are renderings of one document that share the search and the
            JSONPath filter (Next match even switches Tree to Pretty), not separate panels. */}
        <div className="rq-segmented" role="group" aria-label="Body view">
          {(['pretty', 'raw', 'tree'] as const).map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={effectiveMode === name}
              disabled={receiving ? name !== 'pretty' || !isJson : name === 'pretty' ? !isJson : name === 'tree' ? !isWholeJson : false}
              title={receiving && isJson && name !== 'pretty' ? 'Shown when the whole body has arrived' : undefined}
              onClick={() => setMode(name)}
            >
              {name === 'pretty' ? 'Pretty' : name === 'raw' ? 'Raw' : 'Tree'}
            </button>
          ))}
        </div>
        <div className="rq-search" role="search">
          <input
            type="search"
            className="rq-input"
            placeholder="Search body"
            aria-label="Search in body"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                step(event.shiftKey ? -1 : 1)
              }
            }}
          />
          <button type="button" className={`rq-icon-button${caseSensitive ? ' rq-pressed' : ''}`} aria-pressed={caseSensitive} title="Match case" onClick={() => setCaseSensitive((v) => !v)}>Aa</button>
          <span className="rq-search-count" aria-live="polite" data-testid="search-count">
            {query ? (search ? (search.total === 0 ? 'No matches' : `${Math.min(current + 1, search.total)} of ${search.total}${search.truncated ? '+' : ''}`) : '…') : ''}
          </span>
          <button type="button" className="rq-icon-button" aria-label="Previous match" disabled={!search?.total} onClick={() => step(-1)}>↑</button>
          <button type="button" className="rq-icon-button" aria-label="Next match" disabled={!search?.total} onClick={() => step(1)}>↓</button>
        </div>
        {isWholeJson && (
          <form
            className="rq-jsonpath"
            onSubmit={(event) => {
              event.preventDefault()
              applyFilter()
            }}
          >
            <input className="rq-input mono" placeholder="JSONPath, e.g. $.data[*].attributes.name" aria-label="JSONPath filter" value={pathInput} onChange={(e) => setPathInput(e.target.value)} />
            <button type="submit" className="rq-button">Filter</button>
            {filter && (
              <button type="button" className="rq-link-button" onClick={() => { setFilter(undefined); setPathInput('') }}>Clear</button>
            )}
          </form>
        )}
      </div>
      {receiving && (
        <div className="rq-receiving" role="status" data-testid="body-receiving">
          <span className="rq-spinner" aria-hidden="true" />
          <span>
            Receiving… <strong>{formatBytes(receiving.bytes)}</strong>
            {contentLength ? <span className="rq-field-hint"> of about {formatBytes(contentLength)}</span> : null}
            {doc ? <span className="rq-field-hint"> · {doc.lineCount.toLocaleString('en-US')} {pluralWord(doc.lineCount, 'line', 'lines')} so far</span> : null}
          </span>
          {onCancelStream && (
            <button type="button" className="rq-button" onClick={onCancelStream}>Cancel</button>
          )}
        </div>
      )}
      {outcome?.error && (
        <p className="rq-warn-banner" role="alert" data-testid="body-stopped">
          The body stopped after {formatBytes(outcome.error.bytes)}: {outcome.error.message} What arrived is shown.
        </p>
      )}
      {state.status === 'ready' && state.load.problem && <p className="rq-warn-banner" role="status">{state.load.problem}. Showing the body as text.</p>}
      {filter && (
        <p className="rq-filter-banner" role="status" data-testid="jsonpath-status">
          <strong>{filter.count}</strong> {pluralWord(filter.count, 'match', 'matches')} for <code>{filter.expression}</code>
        </p>
      )}
      {filterError && <p className="rq-error-text" role="alert">{filterError}</p>}
      {busy && <p className="rq-field-hint" role="status">{busy}</p>}
      {state.status === 'loading' ? (
        <div className="rq-body-loading" role="status">
          <span className="rq-spinner" aria-hidden="true" /> {streamed ? 'Waiting for the body…' : `Formatting ${formatBytes(bytes ?? text.length)} in the background…`}
        </div>
      ) : effectiveMode === 'tree' ? (
        tree ? (
          <TreeView
            rowCount={tree.rowCount}
            row={rows.item}
            onRange={rows.onRange}
            onToggle={(pointer) => {
              const open = new Set(treeExpanded ?? (state.status === 'ready' ? state.load.defaultExpanded : []))
              if (open.has(pointer)) open.delete(pointer)
              else open.add(pointer)
              setTreeExpanded([...open])
            }}
            onOpenUrl={onOpenUrl}
          />
        ) : (
          <div className="rq-body-loading" role="status"><span className="rq-spinner" aria-hidden="true" /> Building the tree…</div>
        )
      ) : doc ? (
        <VirtualLines count={doc.lineCount} renderRow={renderRow} onRange={lines.onRange} scrollTo={currentLine} label="Response body" testId="body-lines" />
      ) : (
        <div className="rq-body-loading" role="status"><span className="rq-spinner" aria-hidden="true" /> Preparing…</div>
      )}
    </div>
  )
}
