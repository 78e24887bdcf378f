// WAI-ARIA APG "Disclosure (Show/Hide)" pattern, on Radix Collapsible: a button with aria-expanded and
// aria-controls that shows and hides the section under it; Enter or Space toggles it.
import * as RadixCollapsible from '@radix-ui/react-collapsible'
import type { ReactNode } from 'react'
import './ui.css'

export interface DisclosureProps {
  /** The button's text. */
  summary: ReactNode
  children: ReactNode
  defaultOpen?: boolean
  open?: boolean
  onOpenChange?(open: boolean): void
  className?: string
}

export function Disclosure({ summary, children, defaultOpen, open, onOpenChange, className }: DisclosureProps) {
  return (
    <RadixCollapsible.Root className={`ui-disclosure${className ? ` ${className}` : ''}`} defaultOpen={defaultOpen} open={open} onOpenChange={onOpenChange}>
      <RadixCollapsible.Trigger className="ui-disclosure-button">
        <svg className="ui-disclosure-chevron" width="12" height="12" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
          <path d="M9 6l6 6-6 6" />
        </svg>
        {summary}
      </RadixCollapsible.Trigger>
      <RadixCollapsible.Content className="ui-disclosure-content">{children}</RadixCollapsible.Content>
    </RadixCollapsible.Root>
  )
}
