import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { BodyFrameDecoder, encodeChunkFrames, encodeEndFrame, encodeErrorFrame, type BodyFrame, type BodyStreamSource } from '../../../src/shared/requests/body-stream'
import { createBodyEngine, type LineWindow } from '../../../src/renderer/src/features/requests/response/body-engine'
import { ingestBodyStream, type StreamMessage } from '../../../src/renderer/src/features/requests/response/body-stream-ingest'
import { prettyLines, type JsonValue } from '../../../src/renderer/src/features/requests/response/json-document'
import { BodyView } from '../../../src/renderer/src/features/requests/response/BodyView'
import { useBodyDocument, type StreamOutcome } from '../../../src/renderer/src/features/requests/response/use-body-document'
import type { ReadBodyFrames } from '../../../src/renderer/src/features/requests/response/body-client'

/** What the response view does for a streamed body: owns its document, shows it in a BodyView. */
function Streamed(props: { streamId: string; open(): Promise<BodyStreamSource>; readFrames?: ReadBodyFrames; contentLength?: number; onOutcome?(outcome: StreamOutcome): void; onCancel?(): void }) {
  const document = useBodyDocument({ kind: 'stream', streamId: props.streamId, contentType: 'application/vnd.api+json', open: props.open, readFrames: props.readFrames })
  const outcome = document.state.status === 'ready' ? document.state.outcome : undefined
  if (outcome) props.onOutcome?.(outcome)
  return <BodyView document={document} contentLength={props.contentLength} contentType="application/vnd.api+json" onOpenUrl={() => {}} onCancelStream={props.onCancel} />
}

const encoder = new TextEncoder()

function linesOf(engine: ReturnType<typeof createBodyEngine>, target: 'pretty' | 'raw', from = 0, to = 2000): string[] {
  return (engine.handle({ op: 'lines', target, from, to }).result as LineWindow).lines
}

function bigDoc(items: number): string {
  return JSON.stringify({
    data: Array.from({ length: items }, (_, i) => ({ id: `RC${i}`, type: 'rule_components', attributes: { name: `Größe ${i} 😀`, settings: '{"a":1}', order: i } })),
    meta: { pagination: { current_page: 1, next_page: 2, prev_page: null, total_pages: 3, total_count: items * 3 } }
  })
}

/** A frame reader over a MessagePort, as the transport's readBodyStream reads one (stand-in until it lands). */
function readPort(source: BodyStreamSource, signal: AbortSignal): AsyncIterable<BodyFrame> {
  if (source.kind !== 'port') throw new Error('port only')
  const port = source.port
  const decoder = new BodyFrameDecoder()
  const queue: BodyFrame[] = []
  let wake: (() => void) | undefined
  port.onmessage = (event: MessageEvent<ArrayBuffer>) => {
    queue.push(...decoder.push(new Uint8Array(event.data)))
    wake?.()
  }
  signal.addEventListener('abort', () => port.close())
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) {
          const frame = queue.shift()!
          yield frame
          if (frame.type !== 'chunk') return
        }
        await new Promise<void>((resolve) => (wake = resolve))
      }
    }
  }
}

function sendFrames(port: MessagePort, frames: Uint8Array[]) {
  for (const frame of frames) port.postMessage(frame.slice().buffer)
}

describe('body engine, streamed', () => {
  it('decodes UTF-8 split at every byte and prints the same lines as the whole-text path', () => {
    const text = '{"name":"Größe 😀 ü","list":[1,2,{"deep":"日本語"}],"escaped":"a\\u00e9\\n"}'
    const bytes = encoder.encode(text)
    const expected = prettyLines(JSON.parse(text) as JsonValue).text.split('\n')
    for (let split = 0; split <= bytes.length; split++) {
      const engine = createBodyEngine()
      engine.begin('application/vnd.api+json')
      engine.append(bytes.subarray(0, split))
      engine.append(bytes.subarray(split))
      const load = engine.finish(true)
      expect(load.kind).toBe('json')
      expect(linesOf(engine, 'pretty')).toEqual(expected)
      expect(linesOf(engine, 'raw')).toEqual([text])
    }
  })

  it('shows the top of a big document from its first chunk, then grows; the end brings the summary', () => {
    const text = bigDoc(3000)
    const bytes = encoder.encode(text)
    const expected = prettyLines(JSON.parse(text) as JsonValue).text.split('\n')
    const engine = createBodyEngine()
    engine.begin('application/json')
    engine.append(bytes.subarray(0, 64 * 1024))
    const early = engine.progress()
    expect(early.kind).toBe('json')
    expect(early.lineCount).toBeGreaterThan(HEAD)
    expect(early.lineCount).toBeLessThan(expected.length)
    expect(early.head!.lines).toEqual(expected.slice(0, HEAD))
    const shown = Math.min(early.lineCount, 2000)
    expect(linesOf(engine, 'pretty', 0, shown)).toEqual(expected.slice(0, shown))
    for (let at = 64 * 1024; at < bytes.length; at += 50_000) engine.append(bytes.subarray(at, at + 50_000))
    const later = engine.progress()
    expect(later.generation).toBe(early.generation)
    expect(later.head).toBeUndefined()
    const load = engine.finish(true)
    expect(load.pretty!.lineCount).toBe(expected.length)
    expect(load.pretty!.generation).toBe(early.generation)
    expect(linesOf(engine, 'pretty', expected.length - 50, expected.length)).toEqual(expected.slice(-50))
    expect(load.summary!.pagination!.total_pages).toBe(3)
    expect(load.summary!.dataCount).toBe(3000)
    // Tree and JSONPath work on the parsed whole.
    expect((engine.handle({ op: 'jsonpath', expression: '$.data[2999].id' }).result as { count: number }).count).toBe(1)
  })

  it('falls back to text where a JSON body stops being JSON, with the line and column', () => {
    const good = '{\n  "data": [\n    {"id": 1},\n'
    const bad = '    <html>oops</html>\n'
    const engine = createBodyEngine()
    engine.begin('application/json')
    engine.append(encoder.encode(good))
    expect(engine.progress().kind).toBe('json')
    engine.append(encoder.encode(bad))
    const progress = engine.progress()
    expect(progress.kind).toBe('text')
    engine.append(encoder.encode('more text\n'))
    const load = engine.finish(true)
    expect(load.kind).toBe('text')
    expect(load.problem).toBe('Not valid JSON at line 4, column 5: Unexpected character "<"')
    expect(linesOf(engine, 'raw')).toEqual((good + bad + 'more text\n').split('\n'))
  })

  it('finds matches in chunks that arrived after the search started', () => {
    const engine = createBodyEngine()
    engine.begin(undefined)
    const search = () => engine.handle({ op: 'search', query: 'Needle', caseSensitive: false, target: 'pretty' }).result as { total: number; lines: Uint32Array }
    engine.append(encoder.encode('[\n"a needle",\n"hay",\n"nee'))
    expect(search().total).toBe(1)
    engine.append(encoder.encode('dle split",\n"NEEDLE again"'))
    // The last line is not complete until what follows it arrives.
    expect(search().total).toBe(2)
    engine.append(encoder.encode(']'))
    engine.finish(true)
    const done = search()
    expect(done.total).toBe(3)
    expect([...done.lines]).toEqual([1, 3, 4])
  })

  it('keeps what arrived when the stream stops early, without a tree', () => {
    const engine = createBodyEngine()
    engine.begin('application/json')
    engine.append(encoder.encode('{"data": [1, 2,'))
    const load = engine.finish(false)
    expect(load.incomplete).toBe(true)
    expect(load.kind).toBe('json')
    expect(linesOf(engine, 'pretty')).toEqual(['{', '  "data": [', '    1,', '    2,'])
    expect(() => engine.handle({ op: 'tree', expanded: [''] })).toThrow(/whole body/)
  })
})

const HEAD = 200

describe('ingestBodyStream', () => {
  it('posts the first screen, then progress, then the end frame', async () => {
    const text = bigDoc(200)
    const engine = createBodyEngine()
    const messages: StreamMessage[] = []
    const frames: BodyFrame[] = [
      { type: 'chunk', bytes: encoder.encode(text.slice(0, 1000)) },
      { type: 'chunk', bytes: encoder.encode(text.slice(1000)) },
      { type: 'end', end: { bytes: text.length, kept: 'inline', bodyId: 'b1', containsSecret: true, secretKind: 'client secret' } }
    ]
    async function* source() {
      yield* frames
    }
    await ingestBodyStream(engine, source(), 'application/json', (message) => messages.push(message), new AbortController().signal)
    expect(messages[0]!.type).toBe('progress')
    const done = messages[messages.length - 1]!
    expect(done.type).toBe('done')
    if (done.type !== 'done') return
    expect(done.end!.bodyId).toBe('b1')
    expect(done.load.kind).toBe('json')
    expect(done.load.bytes).toBe(encoder.encode(text).length)
  })

  it('shows the first screen of a big chunk frame before the whole frame is printed', async () => {
    const text = bigDoc(3000)
    const messages: StreamMessage[] = []
    async function* oneBigFrame() {
      yield { type: 'chunk', bytes: encoder.encode(text) } as BodyFrame
      yield { type: 'end', end: { bytes: text.length, kept: 'inline', bodyId: 'b2' } } as BodyFrame
    }
    await ingestBodyStream(createBodyEngine(), oneBigFrame(), 'application/json', (message) => messages.push(message), new AbortController().signal)
    const first = messages[0]!
    const done = messages.at(-1)!
    expect(first.type === 'progress' && done.type === 'done').toBe(true)
    if (first.type !== 'progress' || done.type !== 'done') return
    expect(first.progress.lineCount).toBeGreaterThan(HEAD)
    expect(first.progress.lineCount).toBeLessThan(done.load.pretty!.lineCount / 4)
  })

  it('reports an error frame and a stream that ends without its last frame', async () => {
    const messages: StreamMessage[] = []
    async function* cancelled() {
      yield { type: 'chunk', bytes: encoder.encode('{"a":') } as BodyFrame
      yield { type: 'error', error: { code: 'cancelled', message: 'You cancelled the request.', bytes: 5 } } as BodyFrame
    }
    await ingestBodyStream(createBodyEngine(), cancelled(), undefined, (message) => messages.push(message), new AbortController().signal)
    const done = messages.at(-1)!
    expect(done.type === 'done' && done.error?.code).toBe('cancelled')
    async function* cut() {
      yield { type: 'chunk', bytes: encoder.encode('text') } as BodyFrame
    }
    messages.length = 0
    await ingestBodyStream(createBodyEngine(), cut(), undefined, (message) => messages.push(message), new AbortController().signal)
    const last = messages.at(-1)!
    expect(last.type === 'done' && last.error?.message).toBe('The body stream ended without its last frame.')
  })
})

// jsdom has no layout: give elements a size so the virtualised body renders its first screen of rows.
const sizes: Array<[string, PropertyDescriptor | undefined]> = []
beforeAll(() => {
  for (const [name, value] of [['offsetHeight', 600], ['offsetWidth', 900], ['clientHeight', 600], ['clientWidth', 900]] as const) {
    sizes.push([name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ?? Object.getOwnPropertyDescriptor(Element.prototype, name)])
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value })
  }
})
afterAll(() => {
  for (const [name, descriptor] of sizes) if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor)
})
afterEach(() => vi.unstubAllGlobals())

describe('BodyView with a streamed body', () => {
  it('shows the lines as they arrive, Receiving… with Cancel, then the whole body and its end frame', async () => {
    const channel = new MessageChannel()
    const onOutcome = vi.fn()
    const onCancel = vi.fn()
    const open = vi.fn(async (): Promise<BodyStreamSource> => ({ kind: 'port', port: channel.port2 }))
    render(
      <Streamed streamId="s1" open={open} readFrames={readPort} contentLength={4000} onOutcome={onOutcome} onCancel={onCancel} />
    )
    const text = JSON.stringify({ data: [{ id: 'first' }, { id: 'second-needle' }] })
    sendFrames(channel.port1, encodeChunkFrames(encoder.encode(text.slice(0, 25))))
    expect((await screen.findByTestId('body-receiving')).textContent).toMatch(/Receiving… 25 B of about 3\.9 KB/)
    await screen.findByText(/"first"/)
    fireEvent.change(screen.getByLabelText('Search in body'), { target: { value: 'needle' } })
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('No matches'))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalled()
    sendFrames(channel.port1, [...encodeChunkFrames(encoder.encode(text.slice(25))), encodeEndFrame({ bytes: text.length, kept: 'inline', bodyId: 'body-1' })])
    // The search asked before the rest arrived finds the match in it.
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('1 of 1'))
    await waitFor(() => expect(onOutcome).toHaveBeenCalledWith({ end: { bytes: text.length, kept: 'inline', bodyId: 'body-1' }, error: undefined }))
    expect(screen.queryByTestId('body-receiving')).toBeNull()
    expect(screen.getByRole('button', { name: 'Tree' }).hasAttribute('disabled')).toBe(false)
    channel.port1.close()
  })

  it('says where the stream stopped and keeps what arrived', async () => {
    const channel = new MessageChannel()
    render(<Streamed streamId="s2" open={async () => ({ kind: 'port', port: channel.port2 })} readFrames={readPort} />)
    sendFrames(channel.port1, [...encodeChunkFrames(encoder.encode('[\n"kept line",\n')), encodeErrorFrame({ code: 'cancelled', message: 'You cancelled the request.', bytes: 15 })])
    expect((await screen.findByTestId('body-stopped')).textContent).toBe('The body stopped after 15 B: You cancelled the request. What arrived is shown.')
    expect(screen.getByText(/"kept line"/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Tree' }).hasAttribute('disabled')).toBe(true)
    channel.port1.close()
  })

  it('hands a port to the body worker and terminates it on unmount, stopping the read', async () => {
    const workers: FakeWorker[] = []
    class FakeWorker {
      messages: Array<{ data: unknown; transfer: unknown[] }> = []
      terminated = false
      onmessage: ((event: MessageEvent) => void) | null = null
      onerror: ((event: ErrorEvent) => void) | null = null
      constructor() {
        workers.push(this)
      }
      postMessage(data: unknown, transfer: unknown[] = []) {
        this.messages.push({ data, transfer })
      }
      terminate() {
        this.terminated = true
      }
    }
    vi.stubGlobal('Worker', FakeWorker)
    const channel = new MessageChannel()
    const view = render(<Streamed streamId="s3" open={async () => ({ kind: 'port', port: channel.port2 })} />)
    await waitFor(() => expect(workers.some((worker) => worker.messages.length > 0)).toBe(true))
    const reader = workers.find((worker) => worker.messages.length > 0)!
    expect(reader.messages[0]!.transfer).toEqual([channel.port2])
    expect((reader.messages[0]!.data as { stream: { source: BodyStreamSource } }).stream.source.kind).toBe('port')
    view.unmount()
    expect(workers.every((worker) => worker.terminated)).toBe(true)
    channel.port1.close()
  })
})
