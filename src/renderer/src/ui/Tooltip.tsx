// WAI-ARIA APG "Tooltip" pattern, on Radix Tooltip: shown on hover and on keyboard focus of its trigger,
// hidden on Escape, blur or pointer leave; the text describes the trigger (aria-describedby), so it adds to
// the trigger's name rather than replacing it. For a short hint only: nothing interactive inside.
import * as RadixTooltip from '@radix-ui/react-tooltip'
import type { ReactElement, ReactNode } from 'react'
import './ui.css'

/** 400 ms before a tooltip shows: a pointer passing over a button on its way elsewhere shows nothing. */
const DELAY_MS = 400

export function Tooltip({ content, children, side = 'top' }: { content: ReactNode; children: ReactElement; side?: 'top' | 'bottom' | 'left' | 'right' }) {
  return (
    <RadixTooltip.Provider delayDuration={DELAY_MS}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal>
          <RadixTooltip.Content className="ui-tooltip" side={side} sideOffset={6} collisionPadding={8}>
            {content}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  )
}
