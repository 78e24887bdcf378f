import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { ROW_HEIGHT, VirtualLines } from '../../../src/renderer/src/features/requests/response/VirtualLines'
import {
  PIECE_CHARS,
  extractBigStrings,
  joinPieces,
  pieceOf,
  piecesOf,
  restoreBigString
} from '../../../src/renderer/src/transport/big-strings'

describe('virtual lines', () => {
  it('keeps the DOM small and reaches the last of 2.5 million rows despite the browser height cap', () => {
    const count = 2_500_000
    const asked: Array<[number, number]> = []
    render(<VirtualLines count={count} label="Body" testId="lines" renderRow={(i) => `row ${i}`} onRange={(from, to) => asked.push([from, to])} />)
    const lines = screen.getByTestId('lines')
    const inner = lines.firstElementChild as HTMLElement
    expect(parseFloat(inner.style.height)).toBeLessThan(count * ROW_HEIGHT)
    expect(lines.querySelectorAll('.rq-line').length).toBeLessThan(200)
    expect(lines.querySelector('.rq-line[data-index="0"]')?.textContent).toBe('row 0')
    expect(asked.at(-1)![0]).toBe(0)

    lines.scrollTop = parseFloat(inner.style.height)
    fireEvent.scroll(lines)
    expect(lines.querySelector(`.rq-line[data-index="${count - 1}"]`)?.textContent).toBe(`row ${count - 1}`)
    expect(asked.at(-1)![1]).toBe(count)
  })

  it('draws nothing for rows that have not arrived', () => {
    render(<VirtualLines count={10} label="Body" testId="lines" renderRow={(i) => (i % 2 === 0 ? `row ${i}` : null)} />)
    expect([...screen.getByTestId('lines').querySelectorAll('.rq-line')].map((line) => line.getAttribute('data-index'))).toEqual(['0', '2', '4', '6', '8'])
  })
})

describe('big strings between threads', () => {
  it('takes big strings out of an RPC envelope and puts them back from their pieces', () => {
    const text = 'x'.repeat(PIECE_CHARS * 2 + 5)
    const envelope = { ok: true, value: { status: 200, body: { kind: 'inline', text, bytes: text.length }, url: 'https://x' } }
    const big = extractBigStrings(envelope)
    expect(big.map(({ path, pieces }) => ({ path, pieces }))).toEqual([{ path: ['value', 'body', 'text'], pieces: 3 }])
    expect(envelope.value.body.text).toBe('')
    const pieces = Array.from({ length: 3 }, (_, i) => pieceOf(big[0]!.text, i))
    const joined = joinPieces(pieces)
    restoreBigString(envelope, big[0]!.path, joined)
    expect(envelope.value.body.text === text).toBe(true)
    expect(envelope.value.url).toBe('https://x')
    // Sent on as the pieces it came in, without slicing (and so flattening) the joined string.
    expect(piecesOf(joined)).toBe(pieces)
    expect(piecesOf(text.slice(1)).join('')).toBe(text.slice(1))
  })
})
