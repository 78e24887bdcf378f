// WAI-ARIA APG "Tabs" pattern, on Radix Tabs: a tablist with roving tabindex (only the selected tab is a Tab
// stop), Left/Right (wrapping) and Home/End between enabled tabs, aria-selected, each tab controlling its
// panel and each panel labelled by its tab. Activation is automatic (the tab an arrow reaches is shown) or
// manual (arrows move focus, Enter/Space shows), for panels slow to draw (APG, "Deciding When to Make
// Selection Automatically Follow Focus").
// The app's tab panels draw only the selected part, so `TabPanels` renders one panel per tab (the others
// empty and hidden, which keeps every tab's aria-controls pointing at a real element) and the children go
// into the selected one.
import * as RadixTabs from '@radix-ui/react-tabs'
import { createContext, useContext, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import './ui.css'

const SelectTab = createContext<(id: string) => void>(() => {})

export interface TabsProps<T extends string> {
  selected: T
  onSelect(id: T): void
  activation?: 'automatic' | 'manual'
  children: ReactNode
}

/** The tab set; it draws no box of its own (display: contents), so list and panels keep their layout. */
export function Tabs<T extends string>({ selected, onSelect, activation = 'automatic', children }: TabsProps<T>) {
  const select = (id: string) => {
    if (id !== selected) onSelect(id as T)
  }
  return (
    <SelectTab.Provider value={select}>
      <RadixTabs.Root className="ui-tabs" value={selected} onValueChange={select} activationMode={activation}>
        {children}
      </RadixTabs.Root>
    </SelectTab.Provider>
  )
}

export function TabList(props: ComponentPropsWithoutRef<typeof RadixTabs.List> & { 'aria-label': string }) {
  return <RadixTabs.List {...props} />
}

export function Tab({ id, onClick, ...rest }: Omit<ComponentPropsWithoutRef<typeof RadixTabs.Trigger>, 'value'> & { id: string }) {
  const select = useContext(SelectTab)
  return (
    <RadixTabs.Trigger
      {...rest}
      value={id}
      // Radix selects on mousedown; a click (and a click sent by a test or an assistive technology) selects too.
      onClick={(event) => {
        onClick?.(event)
        if (!rest.disabled) select(id)
      }}
    />
  )
}

export function TabPanels({ ids, selected, children, ...rest }: Omit<ComponentPropsWithoutRef<typeof RadixTabs.Content>, 'value'> & { ids: readonly string[]; selected: string }) {
  return (
    <>
      {ids.map((id) =>
        id === selected ? (
          <RadixTabs.Content key={id} value={id} {...rest}>
            {children}
          </RadixTabs.Content>
        ) : (
          <RadixTabs.Content key={id} value={id} hidden />
        )
      )}
    </>
  )
}
