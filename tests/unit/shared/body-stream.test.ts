import { describe, expect, it } from 'vitest'
import {
  BodyFrameDecoder,
  MAX_FRAME_PAYLOAD,
  encodeChunkFrames,
  encodeEndFrame,
  encodeErrorFrame,
  type BodyFrame
} from '../../../src/shared/requests/body-stream'

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function bodyOf(frames: BodyFrame[]): Uint8Array {
  return concat(frames.flatMap((frame) => (frame.type === 'chunk' ? [frame.bytes] : [])))
}

describe('body stream frames', () => {
  const body = new TextEncoder().encode('{"data":[' + '{"id":"RLabc","type":"rules","é":"ü€😀"},'.repeat(500) + '{}]}')
  const end = { bytes: body.length, kept: 'inline' as const, bodyId: 'b1' }
  const wire = concat([...encodeChunkFrames(body.subarray(0, 1000)), ...encodeChunkFrames(body.subarray(1000)), encodeEndFrame(end)])

  it('reassembles the body byte for byte whatever the transport piece size', () => {
    for (const size of [1, 2, 5, 7, 4096, 65_536, wire.length]) {
      const decoder = new BodyFrameDecoder()
      const frames: BodyFrame[] = []
      for (let at = 0; at < wire.length; at += size) frames.push(...decoder.push(wire.subarray(at, at + size)))
      expect(Buffer.from(bodyOf(frames)).equals(Buffer.from(body))).toBe(true)
      expect(frames.at(-1)).toEqual({ type: 'end', end })
      expect(decoder.done).toBe(true)
    }
  })

  it('splits buffers over the frame limit and carries an error as the last frame', () => {
    const big = new Uint8Array(MAX_FRAME_PAYLOAD * 2 + 3).fill(7)
    const frames = encodeChunkFrames(big)
    expect(frames).toHaveLength(3)
    const decoder = new BodyFrameDecoder()
    const decoded = [...frames, encodeErrorFrame({ code: 'cancelled', message: 'Cancelled.', bytes: big.length })].flatMap((piece) => decoder.push(piece))
    expect(bodyOf(decoded)).toEqual(big)
    expect(decoded.at(-1)).toEqual({ type: 'error', error: { code: 'cancelled', message: 'Cancelled.', bytes: big.length } })
  })

  it('refuses unknown frames and data after the last frame', () => {
    expect(() => new BodyFrameDecoder().push(new Uint8Array([9, 0, 0, 0, 0]))).toThrow(/unknown frame type/)
    const decoder = new BodyFrameDecoder()
    expect(() => decoder.push(concat([encodeEndFrame(end), new Uint8Array([1])]))).toThrow(/after its last frame/)
  })
})
