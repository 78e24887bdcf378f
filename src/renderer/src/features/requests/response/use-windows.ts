import { useCallback, useRef, useState } from 'react'

/** Lines or rows are fetched from the body worker in aligned chunks of this many. */
export const CHUNK = 200
/** Chunks kept on the UI thread; older ones are dropped (they are cheap to ask for again). */
const MAX_CHUNKS = 40

export interface Chunk<T> {
  generation: number
  from: number
  items: T[]
}

/**
 * A window onto a list that lives in the body worker: `item(i)` is what has arrived (or undefined),
 * `onRange(start, end)` asks for whatever the screen needs next. Chunks from an older generation of the
 * document (re-formatted, re-filtered) are dropped, so a late answer never paints stale lines.
 */
export function useWorkerWindows<T>(
  generation: number | undefined,
  fetchChunk: ((from: number, to: number) => Promise<Chunk<T>>) | undefined,
  /** Rows that came with the document itself (its first screen), from index 0. */
  head?: Chunk<T>,
  /**
   * How many items the list has now. A document that grows while its body streams in keeps its generation;
   * a chunk fetched when it was shorter than CHUNK is asked for again once the list has grown past it.
   */
  count = Infinity
) {
  const chunks = useRef(new Map<number, T[]>())
  const pending = useRef(new Set<number>())
  const current = useRef(generation)
  const [, setTick] = useState(0)
  // Reset during render, not in an effect: the list's own effect asks for rows first (children's effects
  // run before their parent's), and those asks must land in the new generation's map.
  const seenHead = useRef<Chunk<T> | undefined>(undefined)
  if (current.current !== generation) {
    current.current = generation
    chunks.current = new Map()
    pending.current = new Set()
    seenHead.current = undefined
  }
  if (head && head !== seenHead.current && head.generation === generation && head.from === 0) {
    // A later head of the same generation (the first screen still filling) only ever has more lines.
    seenHead.current = head
    for (let at = 0; at < head.items.length; at += CHUNK) {
      const known = chunks.current.get(at / CHUNK)
      if (!known || known.length < Math.min(CHUNK, head.items.length - at)) chunks.current.set(at / CHUNK, head.items.slice(at, at + CHUNK))
    }
  }
  const complete = (chunk: number): boolean => {
    const items = chunks.current.get(chunk)
    return items !== undefined && (items.length === CHUNK || chunk * CHUNK + items.length >= count)
  }

  const onRange = useCallback(
    (start: number, end: number) => {
      if (generation === undefined || !fetchChunk || end <= start) return
      const asked = generation
      for (let chunk = Math.floor(start / CHUNK); chunk * CHUNK < end; chunk++) {
        if (complete(chunk) || pending.current.has(chunk)) continue
        pending.current.add(chunk)
        const forMap = chunks.current
        fetchChunk(chunk * CHUNK, (chunk + 1) * CHUNK)
          .then((answer) => {
            if (current.current !== asked || answer.generation !== asked || chunks.current !== forMap) return
            pending.current.delete(chunk)
            if (forMap.size >= MAX_CHUNKS) {
              // Keep the neighbourhood of what is being asked for; the rest was scrolled past.
              for (const key of forMap.keys()) if (Math.abs(key - chunk) > MAX_CHUNKS / 4) forMap.delete(key)
            }
            forMap.set(chunk, answer.items)
            setTick((t) => t + 1)
          })
          .catch(() => {
            if (chunks.current === forMap) pending.current.delete(chunk)
          })
      }
    },
    // `count` too: a grown list asks again for its last, short chunk.
    [generation, fetchChunk, count]
  )

  const item = (index: number): T | undefined => chunks.current.get(Math.floor(index / CHUNK))?.[index % CHUNK]

  return { item, onRange }
}
