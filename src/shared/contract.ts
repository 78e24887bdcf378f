import type { z } from 'zod'
import type { Channel, EventName, MethodName, channelMethods, eventSubscriptions } from './channels'
import type { RpcResult } from './errors'
import { appContract, type AppEventPayloads } from './ipc/app.contract'
import { collectionsContract, type CollectionsEventPayloads } from './ipc/collections.contract'
import { requestsContract, type RequestsEventPayloads } from './ipc/requests.contract'
import { runnerContract, type RunnerEventPayloads } from './ipc/runner.contract'
import { sandboxContract } from './ipc/sandbox.contract'
import { profilesContract, type ProfilesEventPayloads } from './ipc/profiles.contract'
import { settingsContract, type SettingsEventPayloads } from './ipc/settings.contract'
import { historyContract, type HistoryEventPayloads } from './ipc/history.contract'
import { interchangeContract } from './ipc/interchange.contract'

export type { AppInfo, Notice } from './ipc/app.contract'
export type * from './ipc/collections.contract'
export type * from './ipc/requests.contract'
export type * from './ipc/runner.contract'
export type * from './ipc/sandbox.contract'
export type * from './ipc/profiles.contract'
export type * from './ipc/settings.contract'
export type * from './ipc/history.contract'
export type * from './ipc/interchange.contract'

/**
 * The IPC contract: channel -> zod input schema + output type, assembled from each capability's
 * contract file. Main validates every input against it before any core code runs; the preload and the
 * renderer use only its types.
 */
export const contract = {
  ...appContract,
  ...requestsContract,
  ...collectionsContract,
  ...runnerContract,
  ...profilesContract,
  ...sandboxContract,
  ...settingsContract,
  ...historyContract,
  ...interchangeContract
} satisfies Record<Channel, { input: z.ZodType; output: unknown }>

// Compile-time check that every contract entry has a bridge name (the `satisfies` above checks the reverse).
const everyContractChannelIsNamed: Record<keyof typeof contract, unknown> = {} as Record<Channel, unknown>
void everyContractChannelIsNamed

export type EventPayloads = AppEventPayloads & RequestsEventPayloads & CollectionsEventPayloads & RunnerEventPayloads & ProfilesEventPayloads & SettingsEventPayloads & HistoryEventPayloads
const everyEventHasAPayload: Record<EventName, unknown> = {} as Record<keyof EventPayloads, unknown>
void everyEventHasAPayload

export type ChannelInput<C extends Channel> = z.input<(typeof contract)[C]['input']>
export type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>
export type ChannelOutput<C extends Channel> = (typeof contract)[C]['output']

type MethodToChannel = { [C in Channel as (typeof channelMethods)[C]]: C }
type SubscriptionToEvent = { [E in EventName as (typeof eventSubscriptions)[E]]: E }

/** What the renderer sees as `window.api`: one async function per channel, one subscription per event. */
export type WindowApi = {
  [M in MethodName]: ChannelInput<MethodToChannel[M]> extends undefined
    ? () => Promise<RpcResult<ChannelOutput<MethodToChannel[M]>>>
    : (input: ChannelInput<MethodToChannel[M]>) => Promise<RpcResult<ChannelOutput<MethodToChannel[M]>>>
} & {
  [S in keyof SubscriptionToEvent]: (listener: (payload: EventPayloads[SubscriptionToEvent[S]]) => void) => () => void
}
