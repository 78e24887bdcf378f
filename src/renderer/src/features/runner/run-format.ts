// Words and numbers of the Run view: counts with the language's plural rules ("1 request", "2 requests", never
// "1 requests"), durations and elapsed clocks. What a check expected and got is the runner's own sentence.

import { countOf } from '../../ui/plural'

const numbers = new Intl.NumberFormat('en')

/** "1 request" / "10,000 requests": the renderer's one plural helper, re-exported for the Run view's files. */
export { countOf }

export function formatNumber(count: number): string {
  return numbers.format(count)
}

/** 850 ms, 1.25 s, 12.5 s, as the CLI reporter writes them. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

/** An elapsed clock: 0:07, 12:30, 1:02:05. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** The same elapsed time for a screen reader: "1 minute 5 seconds". */
export function spokenClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return minutes > 0 ? `${countOf(minutes, 'minute')} ${countOf(seconds, 'second')}` : countOf(seconds, 'second')
}
