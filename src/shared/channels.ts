// Channel name -> the one function the bridge exposes for it. Kept free of zod so the sandboxed preload
// stays tiny; each capability declares its names in src/shared/ipc/<capability>.channels.ts and its
// schemas in <capability>.contract.ts, and src/shared/contract.ts checks that both lists agree.
import { appChannels, appEvents } from './ipc/app.channels'
import { collectionsChannels, collectionsEvents } from './ipc/collections.channels'
import { requestsChannels, requestsEvents } from './ipc/requests.channels'
import { runnerChannels, runnerEvents } from './ipc/runner.channels'
import { sandboxChannels } from './ipc/sandbox.channels'
import { profilesChannels, profilesEvents } from './ipc/profiles.channels'
import { settingsChannels, settingsEvents } from './ipc/settings.channels'
import { historyChannels, historyEvents } from './ipc/history.channels'
import { interchangeChannels } from './ipc/interchange.channels'

export const channelMethods = {
  ...appChannels,
  ...requestsChannels,
  ...collectionsChannels,
  ...runnerChannels,
  ...profilesChannels,
  ...sandboxChannels,
  ...settingsChannels,
  ...historyChannels,
  ...interchangeChannels
} as const

export type Channel = keyof typeof channelMethods
export type MethodName = (typeof channelMethods)[Channel]

// Main -> renderer pushes. Each gets an `on<Name>` subscription function on window.api.
export const eventSubscriptions = {
  ...appEvents,
  ...requestsEvents,
  ...collectionsEvents,
  ...runnerEvents,
  ...profilesEvents,
  ...settingsEvents,
  ...historyEvents
} as const

export type EventName = keyof typeof eventSubscriptions
