import { useEffect, useState } from 'react'
import type { BodyStreamEnd, BodyStreamError, BodyStreamSource } from '@shared/requests/body-stream'
import { createBodyClient, type BodyClient, type ReadBodyFrames } from './body-client'
import type { DocInfo, LoadResult } from './body-engine'

/** The body to show: whole text (history, diff, fetch-all), or a stream the body worker reads (issue 12). */
export type BodyInput =
  | { kind: 'text'; text: string; contentType: string | undefined }
  | {
      kind: 'stream'
      /** Names the stream; a new id is a new body. */
      streamId: string
      contentType: string | undefined
      /** Opens the stream for the worker (a URL with its header, or a MessagePort). */
      open(): Promise<BodyStreamSource>
      /** Where there is no Worker (jsdom tests): how the in-process engine reads the frames. */
      readFrames?: ReadBodyFrames
    }

/** How a streamed body ended: where main keeps it (Save), or why it stopped. */
export interface StreamOutcome {
  end?: BodyStreamEnd
  error?: BodyStreamError
}

export type BodyDocState =
  | { status: 'loading' }
  | {
      status: 'ready'
      load: LoadResult
      pretty?: DocInfo
      /** Still arriving: bytes so far. The document grows (pretty.lineCount) under the same generation. */
      receiving?: { bytes: number }
      outcome?: StreamOutcome
    }
  | { status: 'failed'; message: string }

export type BodyDocument = ReturnType<typeof useBodyDocument>

/**
 * Hands the body to a worker and keeps what the views need; one worker per mounted owner. A streamed body
 * is owned above the body's tab panel (the response view), because a stream can be read only once: showing
 * the Body tab again must not need it again. No input: no worker (someone else owns the document).
 */
export function useBodyDocument(input: BodyInput | undefined) {
  const key = input === undefined ? 'none' : input.kind === 'text' ? 'text' : `stream:${input.streamId}`
  const streamReader = input?.kind === 'stream' ? input.readFrames : undefined
  // Created in an effect (not a memo) so StrictMode's mount/unmount/mount gets a live worker. The text path
  // keeps one worker for the viewer's life (a new text is a new load in it); a streamed body gets a fresh
  // worker per stream: unmounting or a new stream terminates the old one with its reading.
  const [client, setClient] = useState<{ key: string; client: BodyClient } | undefined>()
  const [state, setState] = useState<BodyDocState>({ status: 'loading' })
  const [version, setVersion] = useState(0)
  const text = input?.kind === 'text' ? input.text : undefined
  const contentType = input?.contentType
  const open = input?.kind === 'stream' ? input.open : undefined
  useEffect(() => {
    if (key === 'none') return
    const created = createBodyClient({ readFrames: streamReader })
    setClient({ key, client: created })
    if (!open) return () => created.dispose()
    // A stream starts in the same effect that makes its worker: waiting for the client to be rendered first
    // cost one more render and commit before the worker could begin fetching (issue 12, first rows). `open`
    // hands out one source per stream, so StrictMode's second mount gets the source the first never used.
    let live = true
    setState({ status: 'loading' })
    open()
      .then((source) => {
        if (!live) return
        created.stream(source, contentType, (message) => {
          if (!live) return
          if (message.type === 'progress') {
            const { progress } = message
            setState((current) => {
              const previous = current.status === 'ready' ? current.pretty : undefined
              // Same generation: the lines already fetched stay; only the count and (first screen) head move.
              const head = progress.head ?? (previous?.generation === progress.generation ? previous.head : emptyHead(progress.generation))
              const load: LoadResult = { kind: progress.kind, defaultExpanded: [''], bytes: progress.bytes, parseMs: 0 }
              return { status: 'ready', load, pretty: { lineCount: progress.lineCount, generation: progress.generation, head }, receiving: { bytes: progress.bytes } }
            })
            return
          }
          setState({ status: 'ready', load: message.load, pretty: message.load.pretty, outcome: { end: message.end, error: message.error } })
          setVersion((v) => v + 1)
        })
      })
      .catch((error: Error) => live && setState({ status: 'failed', message: error.message }))
    return () => {
      live = false
      created.dispose()
    }
  }, [key, streamReader, open, contentType])

  useEffect(() => {
    if (!client || client.key !== key || text === undefined) return
    let live = true
    setState({ status: 'loading' })
    client.client
      .call({ op: 'load', text, contentType })
      .then((load) => {
        if (!live) return
        setState({ status: 'ready', load, pretty: load.pretty })
        setVersion((v) => v + 1)
      })
      .catch((error: Error) => live && setState({ status: 'failed', message: error.message }))
    return () => {
      live = false
    }
  }, [client, key, text, contentType])

  const setPretty = (pretty: DocInfo) =>
    setState((current) => (current.status === 'ready' ? { ...current, pretty } : current))

  return { client: client?.client, state, version, setPretty }
}

function emptyHead(generation: number): DocInfo['head'] {
  return { generation, from: 0, starts: new Uint32Array(0), lines: [], cut: [], embedded: [] }
}
