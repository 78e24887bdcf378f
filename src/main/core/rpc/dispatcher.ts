import type { Channel } from '../../../shared/channels'
import { contract, type ChannelOutput, type ParsedInput } from '../../../shared/contract'
import { TransportErrorCode, type AppErrorShape, type RpcResult } from '../../../shared/errors'
import type { SecretRegistry } from '../security/secret-registry'
import type { BodyStreamSink } from '../http/body-streams'
import { AppError } from '../../../shared/errors'

export type Handler<C extends Channel> = (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
export type Handlers = { [C in Channel]: Handler<C> }

export interface DispatcherOptions {
  handlers: Handlers
  secrets: SecretRegistry
  /** Where unexpected failures are reported (already redacted). */
  log?: (line: string) => void
  /** The response bodies being streamed (issue 12): the transports attach a stream's subscriber through here. */
  bodyStreams?: { attach(streamId: string, sink: BodyStreamSink): boolean; has(streamId: string): boolean }
}

export interface Dispatcher {
  /** Validates `rawInput` against the contract, runs the handler, returns a serialisable envelope. */
  dispatch(channel: string, rawInput: unknown): Promise<RpcResult<unknown>>
  /**
   * Attaches the one subscriber of a streamed body (a MessagePort in Electron, an HTTP response in browser
   * mode): false for a stream that is unknown, released or already has one. Frames carry masked bytes only.
   */
  attachBodyStream(streamId: string, sink: BodyStreamSink): boolean
  /** Whether the stream exists and can still be attached (browser mode answers 404 otherwise). */
  hasBodyStream(streamId: string): boolean
}

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/**
 * The single entry for every transport (Electron IPC and the loopback HTTP server): contract check,
 * handler, error mapping, and a last check that no tracked secret is in the answer.
 */
export function createDispatcher({ handlers, secrets, log = () => {}, bodyStreams }: DispatcherOptions): Dispatcher {
  function fail(error: AppErrorShape): RpcResult<never> {
    return { ok: false, error }
  }

  return {
    attachBodyStream: (streamId, sink) => bodyStreams?.attach(streamId, sink) ?? false,
    hasBodyStream: (streamId) => bodyStreams?.has(streamId) ?? false,
    async dispatch(channel, rawInput) {
      if (!isChannel(channel)) {
        return fail({ code: TransportErrorCode.unknownChannel, message: `There is no capability named "${channel}".` })
      }
      const parsed = contract[channel].input.safeParse(rawInput)
      if (!parsed.success) {
        // Name the fields and the rule, never echo values: an invalid input may hold a secret.
        const detail = parsed.error.issues
          .slice(0, 10)
          .map((issue: { path: PropertyKey[]; message: string }) => `${issue.path.map(String).join('.') || '(input)'}: ${issue.message}`)
          .join('; ')
        return fail({ code: TransportErrorCode.invalidInput, message: `Invalid input for ${channel}.`, detail: secrets.redact(detail) })
      }
      let value: unknown
      try {
        const handler = handlers[channel] as (input: unknown) => unknown
        value = await handler(parsed.data)
      } catch (error) {
        if (error instanceof AppError) {
          const shape = error.toShape()
          return fail({
            code: shape.code,
            message: secrets.redact(shape.message),
            ...(shape.detail === undefined ? {} : { detail: secrets.redact(shape.detail) })
          })
        }
        log(secrets.redact(`[${channel}] unexpected failure: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
        return fail({ code: TransportErrorCode.internal, message: 'Something went wrong inside Reactor Explorer. The details are in the log.' })
      }
      const serialised = JSON.stringify(value ?? null)
      // Every string of the answer, in every encoding a secret can take (raw, URL, base64, JSON-escaped).
      if (secrets.containsSecretIn(value)) {
        log(`[${channel}] blocked an answer that contained a secret`)
        return fail({ code: TransportErrorCode.secretLeakBlocked, message: 'An answer was blocked because it contained a secret.' })
      }
      return { ok: true, value: JSON.parse(serialised) as unknown }
    }
  }
}
