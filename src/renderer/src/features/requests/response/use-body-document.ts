import { useEffect, useState } from 'react'
import { createBodyClient, type BodyClient } from './body-client'
import type { DocInfo, LoadResult } from './body-engine'

export type BodyDocState =
  | { status: 'loading' }
  | { status: 'ready'; load: LoadResult; pretty?: DocInfo }
  | { status: 'failed'; message: string }

/** Hands the body to a worker and keeps what the views need; one worker per mounted viewer. */
export function useBodyDocument(text: string, contentType: string | undefined) {
  // Created in an effect (not a memo) so StrictMode's mount/unmount/mount gets a live worker.
  const [client, setClient] = useState<BodyClient | undefined>()
  useEffect(() => {
    const created = createBodyClient()
    setClient(created)
    return () => created.dispose()
  }, [])

  const [state, setState] = useState<BodyDocState>({ status: 'loading' })
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!client) return
    let live = true
    setState({ status: 'loading' })
    client
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
  }, [client, text, contentType])

  const setPretty = (pretty: DocInfo) =>
    setState((current) => (current.status === 'ready' ? { ...current, pretty } : current))

  return { client, state, version, setPretty }
}
