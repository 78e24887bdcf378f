import type { HttpResponse } from '@shared/contract'
import { formatMs } from './format'
import type { StreamOutcome } from './use-body-document'

/**
 * Total, TTFB and download. A streamed response's head was timed at the head (download 0 ms): until its end
 * frame brings the whole exchange's timing the download reads "receiving…", and a stopped one says so.
 */
export function ResponseTiming({ timing, streamed, outcome }: { timing: HttpResponse['timing']; streamed: boolean; outcome: StreamOutcome | undefined }) {
  const whole = streamed && outcome?.end?.timing ? { ...timing, ...outcome.end.timing } : timing
  const download = !streamed || outcome?.end?.timing ? formatMs(whole.downloadMs) : outcome?.end ? 'not timed' : outcome?.error ? 'stopped' : 'receiving…'
  return (
    <span className="rq-meta-item" data-testid="response-timing" title={`Total ${formatMs(whole.totalMs)} · time to first byte ${formatMs(whole.ttfbMs)} · download ${download}`}>
      {formatMs(whole.totalMs)}
      <span className="rq-field-hint"> (TTFB {formatMs(whole.ttfbMs)}, download {download})</span>
    </span>
  )
}
