import type { ReactNode } from 'react'

// Colours a single visible line of pretty JSON and overlays search marks. Only the ~50 rows on screen
// are ever tokenised, so a 10 MB document costs the same here as a small one.

export interface Segment {
  from: number
  to: number
  cls?: string
  href?: string
}

export interface Mark {
  from: number
  to: number
  current: boolean
}

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g

export function jsonSegments(line: string): Segment[] {
  const segments: Segment[] = []
  let last = 0
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(line); match; match = TOKEN.exec(line)) {
    if (match.index > last) segments.push({ from: last, to: match.index })
    const end = match.index + match[0].length
    if (match[1] !== undefined) {
      const stringEnd = match.index + match[1].length
      if (match[2] !== undefined) {
        segments.push({ from: match.index, to: stringEnd, cls: 'tk-key' })
        segments.push({ from: stringEnd, to: end })
      } else {
        const inner = match[1].slice(1, -1)
        const href = /^https?:\/\/[^\s"]+$/i.test(inner) ? safeJsonString(match[1]) : undefined
        segments.push({ from: match.index, to: stringEnd, cls: href ? 'tk-link' : 'tk-string', href })
      }
    } else if (match[3] !== undefined) segments.push({ from: match.index, to: end, cls: 'tk-number' })
    else segments.push({ from: match.index, to: end, cls: 'tk-literal' })
    last = end
  }
  if (last < line.length) segments.push({ from: last, to: line.length })
  return segments
}

function safeJsonString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string
  } catch {
    return undefined
  }
}

/** Splits segments at mark edges and renders them; links become buttons that open the URL in the builder. */
export function renderSegments(line: string, segments: Segment[], marks: Mark[], onOpenUrl?: (url: string) => void): ReactNode[] {
  const out: ReactNode[] = []
  let key = 0
  for (const segment of segments) {
    const pieces: ReactNode[] = []
    let at = segment.from
    for (const mark of marks) {
      if (mark.to <= at || mark.from >= segment.to) continue
      const start = Math.max(mark.from, at)
      const end = Math.min(mark.to, segment.to)
      if (start > at) pieces.push(line.slice(at, start))
      pieces.push(
        <mark key={`m${key++}`} className={mark.current ? 'rq-mark rq-mark-current' : 'rq-mark'}>
          {line.slice(start, end)}
        </mark>
      )
      at = end
    }
    if (at < segment.to) pieces.push(line.slice(at, segment.to))
    if (segment.href && onOpenUrl) {
      const href = segment.href
      out.push(
        <button
          key={`s${key++}`}
          type="button"
          className="tk-link rq-inline-link"
          title={`Open ${href} in the builder`}
          onClick={() => onOpenUrl(href)}
        >
          {pieces}
        </button>
      )
    } else if (segment.cls) out.push(<span key={`s${key++}`} className={segment.cls}>{pieces}</span>)
    else out.push(...pieces)
  }
  return out
}
