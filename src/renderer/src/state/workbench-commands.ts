// The few things one area asks of another: "open this request in a tab" (History, Collections, an import, the
// runner's results) and "show that area". The Request area mounts lazily, so an open that arrives before it
// exists is kept and handed over when it registers. Module-level on purpose: there is one workbench per window.
import type { RequestTabOrigin } from '@shared/ipc/requests.contract'
import type { RequestSpec } from '@shared/requests/request-spec'
import type { AreaId } from '../app/areas'

export interface OpenRequest {
  spec: RequestSpec
  /** Where the document came from (a collection file): saving the tab writes it back there. */
  origin?: RequestTabOrigin
  /** A note shown in the new tab (e.g. "Opened from history, 12:04"). */
  note?: string
  /** What an import (cURL, HAR, a repro bundle) changed and could not carry over, listed under the new tab. */
  report?: { notes: string[]; unmapped: string[] }
}

type Opener = (request: OpenRequest) => void
type AreaSwitcher = (area: AreaId) => void

let opener: Opener | undefined
let switcher: AreaSwitcher | undefined
const pending: OpenRequest[] = []

/** Opens `request` in a new tab of the Request area and shows that area. */
export function openRequestInTab(request: OpenRequest): void {
  switcher?.('request')
  if (opener) opener(request)
  else pending.push(request)
}

export function showArea(area: AreaId): void {
  switcher?.(area)
}

/** The Request area registers here once mounted; requests that came earlier are opened now, in order. */
export function registerRequestOpener(open: Opener): () => void {
  opener = open
  for (const request of pending.splice(0)) open(request)
  return () => {
    if (opener === open) opener = undefined
  }
}

export function registerAreaSwitcher(next: AreaSwitcher): () => void {
  switcher = next
  return () => {
    if (switcher === next) switcher = undefined
  }
}
