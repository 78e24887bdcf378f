// A body stream's subscriber on a MessagePort (Electron, issue 12): each frame one message, an ArrayBuffer.
// The port is Electron's MessagePortMain in the app (src/main/platform/ipc-bridge.ts makes the channel and
// hands the other end to the page) and node:worker_threads' MessagePort in tests; both fit FramePort, so
// everything here runs and is tested in plain Node.
import type { BodyStreamSink } from './body-streams'

/** What a body stream needs of a port. */
export interface FramePort {
  postMessage(message: ArrayBuffer): void
  close(): void
  once(event: 'close', listener: () => void): unknown
}

/**
 * The frames of one stream posted on `port`; the port is closed after the last one. `post` sends one frame:
 * by default a copy (Electron's MessagePortMain can transfer only ports); a node port transfers the buffer.
 */
export function portSink(port: FramePort, post: (buffer: ArrayBuffer) => void = (buffer) => port.postMessage(buffer)): BodyStreamSink {
  let ended = false
  return {
    write(frame) {
      // The framing functions allocate each frame on its own buffer, so it can be handed over whole.
      const whole = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength
      const buffer = (whole ? frame.buffer : frame.slice().buffer) as ArrayBuffer
      post(buffer)
      // A port has no backpressure to report: the receiving worker's queue takes everything.
      return true
    },
    end() {
      ended = true
      port.close()
    },
    onDrain() {},
    onClose(listener) {
      port.once('close', () => {
        if (!ended) listener()
      })
    }
  }
}
