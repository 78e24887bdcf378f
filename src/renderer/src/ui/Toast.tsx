// Status messages that come and go ("Copied", "Saved to …"), on Radix Toast: WAI-ARIA "status" live region
// (polite: read when the reader is idle, never interrupting), a labelled region landmark (F8 moves focus to it),
// paused while hovered or focused, each with a Close button; Escape on a focused toast closes it.
// One <Toaster /> in the app frame; anything calls `toast(text)`.
import * as RadixToast from '@radix-ui/react-toast'
import { useEffect, useState } from 'react'
import './ui.css'

export interface ToastMessage {
  id: number
  text: string
  tone: 'info' | 'ok' | 'error'
}

type Listener = (message: ToastMessage) => void
const listeners = new Set<Listener>()
let nextId = 1

/** Shows a short status message; a no-op where no Toaster is mounted (a component tested on its own). */
export function toast(text: string, tone: ToastMessage['tone'] = 'ok'): void {
  const message = { id: nextId++, text, tone }
  for (const listener of listeners) listener(message)
}

/** How long a toast stays: 5 s, long enough to read a sentence of ten words twice. */
const DURATION_MS = 5000
/** At most this many at once; older ones make way. */
const MAX_SHOWN = 3

export function Toaster() {
  const [messages, setMessages] = useState<ToastMessage[]>([])
  useEffect(() => {
    const listener: Listener = (message) => setMessages((shown) => [...shown.slice(-(MAX_SHOWN - 1)), message])
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [])
  return (
    <RadixToast.Provider duration={DURATION_MS} label="Notification" swipeDirection="right">
      {messages.map((message) => (
        <RadixToast.Root
          key={message.id}
          type="background"
          className={`ui-toast ui-toast-${message.tone}`}
          onOpenChange={(open) => {
            if (!open) setMessages((shown) => shown.filter((other) => other.id !== message.id))
          }}
        >
          <RadixToast.Description className="ui-toast-text">{message.text}</RadixToast.Description>
          <RadixToast.Close className="ui-toast-close btn btn-ghost btn-small" aria-label="Dismiss">
            ×
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="ui-toast-viewport" label="Notifications ({hotkey})" />
    </RadixToast.Provider>
  )
}
