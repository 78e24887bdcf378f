// Progress for long operations (imports, exports, repro bundles): a bar with an accessible name, determinate when
// main says how much work there is (aria-valuenow / aria-valuemax), indeterminate otherwise, and an optional
// Cancel. `useOperation` names each run, follows its app:progress events, and shows the bar only once the run
// has taken more than SHOW_AFTER_MS: most imports take ~50 ms here, and a bar flashing for a frame reads as a glitch.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OperationProgress } from '@shared/ipc/app.contract'
import { api, unwrap } from '../api/client'

/** How long an operation runs before its bar appears (the "over a second" of the issue). */
export const SHOW_AFTER_MS = 1000

export interface ProgressBarProps {
  /** The bar's accessible name, e.g. "Writing the collection". */
  label: string
  done?: number
  /** Absent: indeterminate. */
  total?: number
  /** What `done` counts, for the text beside the bar ("1,200 of 5,000 files"). */
  unit?: string
  onCancel?: () => void
  cancelling?: boolean
}

const numbers = new Intl.NumberFormat()

export function ProgressBar({ label, done = 0, total, unit, onCancel, cancelling }: ProgressBarProps) {
  const determinate = total !== undefined && total > 0
  const percent = determinate ? Math.min(100, Math.round((done / total) * 100)) : undefined
  return (
    <div className="ui-progress">
      <div className="ui-progress-head">
        <span className="ui-progress-label">{label}</span>
        <span className="ui-progress-count" aria-hidden="true">
          {determinate ? `${numbers.format(done)} of ${numbers.format(total)}${unit ? ` ${unit}` : ''}` : 'Working…'}
        </span>
      </div>
      <div className="ui-progress-row">
        <div
          className={`ui-progress-track${determinate ? '' : ' ui-progress-indeterminate'}`}
          role="progressbar"
          aria-label={label}
          aria-valuemin={determinate ? 0 : undefined}
          aria-valuemax={determinate ? total : undefined}
          aria-valuenow={determinate ? done : undefined}
          aria-valuetext={determinate ? `${percent}%` : 'Working'}
        >
          <div className="ui-progress-fill" style={determinate ? { width: `${percent}%` } : undefined} />
        </div>
        {onCancel && (
          // Named after the operation: a dialog's own Cancel (close) sits in the same view.
          <button type="button" className="btn btn-small" onClick={onCancel} disabled={cancelling} aria-label={`${cancelling ? 'Cancelling' : 'Cancel'} ${label.charAt(0).toLowerCase()}${label.slice(1)}`}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
    </div>
  )
}

let counter = 0
/** A fresh id for one run (the contract allows letters, digits, - and _). */
export function newOperationId(prefix = 'op'): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}`
}

export interface OperationState {
  /** The latest app:progress of the running operation, once it has run for SHOW_AFTER_MS; undefined otherwise. */
  shown: OperationProgress | undefined
  running: boolean
  cancelling: boolean
  /** Runs `work` under a new operation id (pass it in the call's input as `operationId`). */
  track<T>(work: (operationId: string) => Promise<T>): Promise<T>
  /** Asks main to stop the running operation (app:cancelOperation). */
  cancel(): void
}

export function useOperation(prefix?: string): OperationState {
  const current = useRef<string | undefined>(undefined)
  const [latest, setLatest] = useState<OperationProgress | undefined>()
  const [running, setRunning] = useState(false)
  const [overdue, setOverdue] = useState(false)
  const [cancelling, setCancelling] = useState(false)

  useEffect(() => {
    if (!window.api?.onProgress) return
    return api().onProgress((progress) => {
      if (progress.operationId === current.current) setLatest(progress)
    })
  }, [])

  useEffect(() => {
    if (!running) return
    const timer = setTimeout(() => setOverdue(true), SHOW_AFTER_MS)
    return () => clearTimeout(timer)
  }, [running])

  const track = useCallback(async <T,>(work: (operationId: string) => Promise<T>): Promise<T> => {
    const operationId = newOperationId(prefix)
    current.current = operationId
    setLatest(undefined)
    setOverdue(false)
    setCancelling(false)
    setRunning(true)
    try {
      return await work(operationId)
    } finally {
      if (current.current === operationId) {
        current.current = undefined
        setRunning(false)
        setOverdue(false)
        setCancelling(false)
      }
    }
  }, [prefix])

  const cancel = useCallback(() => {
    const operationId = current.current
    if (!operationId) return
    setCancelling(true)
    void unwrap(api().cancelOperation({ operationId })).catch(() => setCancelling(false))
  }, [])

  const shown = running && overdue ? (latest ?? { operationId: current.current ?? '', label: 'Working', done: 0 }) : undefined
  return { shown, running, cancelling, track, cancel }
}

/** The bar for a `useOperation`, or nothing while the operation is quick or not running. */
export function OperationProgressBar({ operation, label, unit, cancellable = true }: { operation: OperationState; label?: string; unit?: string; cancellable?: boolean }) {
  const progress = operation.shown
  if (!progress) return null
  return <ProgressBar label={label ?? progress.label} done={progress.done} total={progress.total} unit={unit} onCancel={cancellable ? operation.cancel : undefined} cancelling={operation.cancelling} />
}
