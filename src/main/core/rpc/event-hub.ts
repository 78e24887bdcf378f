import type { EventName } from '../../../shared/channels'
import type { EventPayloads } from '../../../shared/contract'
import type { SecretRegistry } from '../security/secret-registry'

export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayloads[E] } }[EventName]
type Listener = (event: AnyEvent) => void

/** Main -> renderer pushes. Every transport subscribes once and forwards events to its renderer. */
export class EventHub {
  private readonly listeners = new Set<Listener>()

  constructor(private readonly secrets: SecretRegistry) {}

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    // Same fail-closed rule as answers: an event carrying a secret is dropped, not delivered.
    if (this.secrets.containsSecretIn(payload)) return
    const event = { name, payload } as AnyEvent
    for (const listener of this.listeners) listener(event)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
