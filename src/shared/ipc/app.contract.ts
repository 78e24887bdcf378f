import { z } from 'zod'
import { channel, NoInput } from './define'

export interface AppInfo {
  name: string
  version: string
  platform: string
  transport: 'electron' | 'loopback'
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
}

/**
 * Names one long operation (an import, an export, a repro bundle) for `app:progress` and `app:cancelOperation`.
 * Chosen by the caller and passed in the operation's input as `operationId`.
 */
export const OperationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an operation id of 1 to 64 letters, digits, - or _')

export const CancelOperationInput = z.object({ operationId: OperationId })
export type CancelOperationInput = z.input<typeof CancelOperationInput>

/**
 * How far a long operation is. Sent at most every ~100 ms, plus once at the start and once at the end. It carries
 * counts and a fixed label only: never a file's content, a request's name or a secret.
 */
export interface OperationProgress {
  operationId: string
  /** What is being done, e.g. "Writing the collection". */
  label: string
  done: number
  /** Absent while the amount of work is not known (an indeterminate bar). */
  total?: number
  phase?: 'converting' | 'writing' | 'scanning' | 'reading' | 'finished' | 'cancelled' | 'failed'
}

export const appContract = {
  'app:info': channel<AppInfo>()(NoInput),
  /** Asks a running operation to stop between two steps; `cancelled: false` when none of that id is running. */
  'app:cancelOperation': channel<{ cancelled: boolean }>()(CancelOperationInput)
}

export interface AppEventPayloads {
  'app:notice': Notice
  'app:progress': OperationProgress
}
