import { lazy, type ReactNode } from 'react'
import { HistoryArea } from '../features/history/HistoryArea'
import { ProfilesArea } from '../features/profiles/ProfilesArea'
import { SandboxArea } from '../features/sandbox/SandboxArea'
import { Icon, type IconName } from './Icon'

// The workbench (catalog, editors, viewer) is most of the UI's code: load it when first opened.
const RequestArea = lazy(async () => ({ default: (await import('../features/requests/RequestArea')).RequestArea }))
// The Collections area (tree, editors, import) loads when first opened too; History lazy-loads its own workspace.
const CollectionsArea = lazy(async () => ({ default: (await import('../features/collections/CollectionsArea')).CollectionsArea }))
// The Runner too: most sessions never run a collection.
const RunnerArea = lazy(async () => ({ default: (await import('../features/runner/RunnerArea')).RunnerArea }))

export type AreaId = 'profiles' | 'request' | 'collections' | 'history' | 'runner' | 'sandbox'

export interface Area {
  id: AreaId
  label: string
  icon: IconName
  description: string
  render: () => ReactNode
}

/**
 * The app's top-level areas, in navigation order; Ctrl/Cmd+1..6 follow this order. The Runner came in after
 * History, so the first four kept the shortcuts people had learned.
 */
export const AREAS: Area[] = [
  { id: 'profiles', label: 'Profiles', icon: 'key', description: 'Credentials and the Credential Doctor', render: () => <ProfilesArea /> },
  { id: 'request', label: 'Request', icon: 'send', description: 'Build and send Reactor API calls', render: () => <RequestArea /> },
  { id: 'collections', label: 'Collections', icon: 'folder', description: 'Saved requests and variables', render: () => <CollectionsArea /> },
  { id: 'history', label: 'History', icon: 'clock', description: 'Every call you sent, redacted', render: () => <HistoryArea /> },
  { id: 'runner', label: 'Runner', icon: 'play', description: 'Run a collection or folder and check every answer', render: () => <RunnerArea /> },
  { id: 'sandbox', label: 'Sandbox', icon: 'flask', description: 'A simulated Adobe to explore without a credential', render: () => <SandboxArea /> }
]

export function AreaIcon({ area }: { area: Area }) {
  return <Icon name={area.icon} />
}
