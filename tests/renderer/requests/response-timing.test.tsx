// The response's timing line for a streamed body (issue 12): the head arrives timed at the head (download
// 0 ms), so until the end frame brings the whole exchange's timing the download reads "receiving…"; then the
// figures from the end frame are shown, through the real frame decoder and the document hook.
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import { BodyFrameDecoder, encodeChunkFrames, encodeEndFrame, encodeErrorFrame, type BodyFrame, type BodyStreamSource } from '../../../src/shared/requests/body-stream'
import { ResponseTiming } from '../../../src/renderer/src/features/requests/response/ResponseTiming'
import { useBodyDocument } from '../../../src/renderer/src/features/requests/response/use-body-document'

const HEAD_TIMING = { totalMs: 120, ttfbMs: 118, downloadMs: 0 }

/** Frames posted on a MessagePort, as the worker's transport reader reads them. */
function readPort(source: BodyStreamSource, signal: AbortSignal): AsyncIterable<BodyFrame> {
  if (source.kind !== 'port') throw new Error('port only')
  const decoder = new BodyFrameDecoder()
  const queue: BodyFrame[] = []
  let wake: (() => void) | undefined
  source.port.onmessage = (event: MessageEvent<ArrayBuffer>) => {
    queue.push(...decoder.push(new Uint8Array(event.data)))
    wake?.()
  }
  signal.addEventListener('abort', () => source.port.close())
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

function StreamedTiming({ port }: { port: MessagePort }) {
  // Stable, as the response view's is: a new opener is a new stream to read.
  const [open] = useState(() => async (): Promise<BodyStreamSource> => ({ kind: 'port', port }))
  const document = useBodyDocument({ kind: 'stream', streamId: 's-timing', contentType: 'application/json', open, readFrames: readPort })
  const outcome = document.state.status === 'ready' ? document.state.outcome : undefined
  return <ResponseTiming timing={HEAD_TIMING} streamed outcome={outcome} />
}

const encoder = new TextEncoder()
const send = (port: MessagePort, frames: Uint8Array[]) => frames.forEach((frame) => port.postMessage(frame.slice().buffer))

describe('ResponseTiming', () => {
  it('a streamed body shows "receiving…" for its download, then the end frame’s whole timing', async () => {
    const channel = new MessageChannel()
    render(<StreamedTiming port={channel.port2} />)
    const timing = await screen.findByTestId('response-timing')
    expect(timing.textContent).toBe('120 ms (TTFB 118 ms, download receiving…)')
    const text = '{"data":[1,2,3]}'
    send(channel.port1, [...encodeChunkFrames(encoder.encode(text)), encodeEndFrame({ bytes: text.length, kept: 'inline', bodyId: 'b1', timing: { totalMs: 1840, downloadMs: 1720 } })])
    await waitFor(() => expect(screen.getByTestId('response-timing').textContent).toBe('1.84 s (TTFB 118 ms, download 1.72 s)'), { timeout: 5000 })
    expect(screen.getByTestId('response-timing').getAttribute('title')).toBe('Total 1.84 s · time to first byte 118 ms · download 1.72 s')
    channel.port1.close()
  })

  it('a stream that stopped says so instead of a download time; an end without timing is not shown as 0 ms', async () => {
    const stopped = new MessageChannel()
    const { unmount } = render(<StreamedTiming port={stopped.port2} />)
    send(stopped.port1, [...encodeChunkFrames(encoder.encode('[1,')), encodeErrorFrame({ code: 'cancelled', message: 'You cancelled the request.', bytes: 3 })])
    await waitFor(() => expect(screen.getByTestId('response-timing').textContent).toBe('120 ms (TTFB 118 ms, download stopped)'), { timeout: 5000 })
    unmount()
    stopped.port1.close()

    const untimed = new MessageChannel()
    render(<StreamedTiming port={untimed.port2} />)
    send(untimed.port1, [...encodeChunkFrames(encoder.encode('[1]')), encodeEndFrame({ bytes: 3, kept: 'inline', bodyId: 'b2' })])
    await waitFor(() => expect(screen.getByTestId('response-timing').textContent).toBe('120 ms (TTFB 118 ms, download not timed)'), { timeout: 5000 })
    untimed.port1.close()
  })

  it('a body that was not streamed shows its own timing as it came', () => {
    render(<ResponseTiming timing={{ totalMs: 300, ttfbMs: 100, downloadMs: 200 }} streamed={false} outcome={undefined} />)
    expect(screen.getByTestId('response-timing').textContent).toBe('300 ms (TTFB 100 ms, download 200 ms)')
  })
})
