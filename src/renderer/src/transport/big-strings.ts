// Moving a 50 MB string between threads by structured clone costs the sending and the receiving thread
// a few hundred milliseconds each, in one task. Sent as pieces, one message (and one task) per piece, the
// same work is spread over many short tasks, so the window keeps answering input while a big body arrives.

/** Strings longer than this travel in pieces of this size. */
export const PIECE_CHARS = 2_000_000

export interface BigString {
  /** Where the string sits in the value: property names from the root. */
  path: string[]
  pieces: number
}

/** Takes strings over PIECE_CHARS out of `value` (in place, leaving ''); returns where they were. */
export function extractBigStrings(value: unknown, maxDepth = 6): Array<BigString & { text: string }> {
  const found: Array<BigString & { text: string }> = []
  const walk = (node: unknown, path: string[]): void => {
    if (path.length > maxDepth || node === null || typeof node !== 'object' || Array.isArray(node)) return
    const record = node as Record<string, unknown>
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'string' && child.length > PIECE_CHARS) {
        found.push({ path: [...path, key], pieces: Math.ceil(child.length / PIECE_CHARS), text: child })
        record[key] = ''
      } else walk(child, [...path, key])
    }
  }
  walk(value, [])
  return found
}

export function pieceOf(text: string, index: number): string {
  return text.slice(index * PIECE_CHARS, (index + 1) * PIECE_CHARS)
}

// Strings this thread assembled from pieces, with their pieces. `pieces.join('')` copies 100 MB in one
// task (~160 ms for 50 MB of two-byte text); `+` makes a rope that costs nothing until something flattens
// it, and slicing would flatten it, so whoever sends it on asks here for the pieces it came in.
const assembled: Array<{ text: string; pieces: readonly string[] }> = []
const REMEMBERED = 4

export function joinPieces(pieces: readonly string[]): string {
  const text = pieces.reduce((joined, piece) => joined + piece, '')
  assembled.unshift({ text, pieces })
  assembled.length = Math.min(assembled.length, REMEMBERED)
  return text
}

/** The pieces `text` travels in: the ones it was assembled from, or slices of it. */
export function piecesOf(text: string): readonly string[] {
  const known = assembled.find((entry) => entry.text.length === text.length && entry.text === text)
  if (known && known.pieces.every((piece, index) => index === known.pieces.length - 1 || piece.length === PIECE_CHARS)) return known.pieces
  return Array.from({ length: Math.ceil(text.length / PIECE_CHARS) }, (_, index) => pieceOf(text, index))
}

/** Puts a string reassembled from its pieces back where extractBigStrings took it from. */
export function restoreBigString(value: unknown, path: readonly string[], text: string): void {
  let node = value as Record<string, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[path[path.length - 1]!] = text
}

/** Lets other tasks (input, paint) run between two pieces. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
