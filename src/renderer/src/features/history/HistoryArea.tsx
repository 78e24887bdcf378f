import { lazy } from 'react'

// The History area's code (the list, the detail with the body viewer, the diff) loads when the area is first
// opened, so it adds nothing to the app's start; the history itself is read by main on that first visit too.
const HistoryWorkspace = lazy(async () => ({ default: (await import('./HistoryWorkspace')).HistoryWorkspace }))

export function HistoryArea() {
  return <HistoryWorkspace />
}
