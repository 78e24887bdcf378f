// The few things one area asks of another: "open this request in a tab" (History, Collections, an import, the
// runner's results), "run this collection or folder" (Collections → the Runner), "open the new-profile form"
// (the welcome) and "show that area". The Request area mounts lazily, so an open that arrives before it
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
  /** Ask at once where in a collection to save it (the tab's Save as…): History's "Save to collection…". */
  saveAs?: boolean
}

/** What to run: a collection folder on disk (as the Collections area opened it), or one folder of it. */
export interface RunTargetRequest {
  root: string
  /** A folder's path relative to the root (`publish`); absent = the whole collection. */
  folderPath?: string
}

/** What the welcome's "Add my Adobe credential" asks of the Profiles area: its new-profile form, ready to import or paste. */
export interface ProfileFormRequest {
  /** Run the Credential Doctor on the profile as soon as it is saved: the person came to find out whether it works. */
  testAfterSave?: boolean
}

type Opener = (request: OpenRequest) => void
type ProfileFormOpener = (request: ProfileFormRequest) => void
type RunViewOpener = (target: RunTargetRequest) => void
type AreaSwitcher = (area: AreaId, options?: { focus?: boolean }) => void

let opener: Opener | undefined
let runViewOpener: RunViewOpener | undefined
let switcher: AreaSwitcher | undefined
const pending: OpenRequest[] = []
const pendingRuns: RunTargetRequest[] = []
let profileFormOpener: ProfileFormOpener | undefined
let pendingProfileForm: ProfileFormRequest | undefined

/** Opens `request` in a new tab of the Request area and shows that area. */
export function openRequestInTab(request: OpenRequest): void {
  switcher?.('request')
  if (opener) opener(request)
  else pending.push(request)
}

/** Shows the Runner with a new run of `target` set up (not started: the person picks profile, data, …). */
export function openRunView(target: RunTargetRequest): void {
  switcher?.('runner')
  if (runViewOpener) runViewOpener(target)
  else pendingRuns.push(target)
}

/** Shows the Profiles area with its new-profile form open (one form: only the latest request counts). */
export function openProfileForm(request: ProfileFormRequest = {}): void {
  switcher?.('profiles')
  if (profileFormOpener) profileFormOpener(request)
  else pendingProfileForm = request
}

/** The Profiles area registers here once mounted; a form asked for earlier opens now. */
export function registerProfileFormOpener(open: ProfileFormOpener): () => void {
  profileFormOpener = open
  const pendingRequest = pendingProfileForm
  pendingProfileForm = undefined
  if (pendingRequest) open(pendingRequest)
  return () => {
    if (profileFormOpener === open) profileFormOpener = undefined
  }
}

export function showArea(area: AreaId): void {
  switcher?.(area)
}

/** Shows the area and moves keyboard focus into it (its main control or heading), as Ctrl/Cmd+1..6 do. */
export function focusArea(area: AreaId): void {
  switcher?.(area, { focus: true })
}

/** The Request area registers here once mounted; requests that came earlier are opened now, in order. */
export function registerRequestOpener(open: Opener): () => void {
  opener = open
  for (const request of pending.splice(0)) open(request)
  return () => {
    if (opener === open) opener = undefined
  }
}

/** The Runner registers here once mounted; runs asked for earlier are set up now, in order. */
export function registerRunViewOpener(open: RunViewOpener): () => void {
  runViewOpener = open
  for (const target of pendingRuns.splice(0)) open(target)
  return () => {
    if (runViewOpener === open) runViewOpener = undefined
  }
}

export function registerAreaSwitcher(next: AreaSwitcher): () => void {
  switcher = next
  return () => {
    if (switcher === next) switcher = undefined
  }
}
