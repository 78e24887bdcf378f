// WAI-ARIA APG "Combobox" pattern (list autocomplete with a listbox popup), inside a Radix Popover: a button
// shows the current choice and opens the popup; focus goes to a search field (role="combobox") that filters
// the listbox as you type. Focus stays in the field: Up/Down move the active option (aria-activedescendant,
// wrapping, past disabled ones), Enter chooses it, a click chooses any; Escape closes the popup and focus
// returns to the button.
import * as RadixPopover from '@radix-ui/react-popover'
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import './ui.css'

export interface ComboboxOption {
  id: string
  label: string
  /** A second line: status, host … (also searched when it is text). */
  detail?: ReactNode
  /** More words the search matches (an environment name, a host). */
  keywords?: string
  /** Drawn before the label (a status dot). */
  leading?: ReactNode
  disabled?: boolean
}

export interface ComboboxProps {
  /** What the control does ("Switch profile"): names the button, the popup, the field and the list. */
  label: string
  /** The button's visible content: the current choice. */
  value: ReactNode
  options: readonly ComboboxOption[]
  /** The current choice, marked in the list and active when it opens. */
  selectedId?: string
  onSelect(id: string): void
  onOpenChange?(open: boolean): void
  placeholder?: string
  /** What the list says when nothing matches. */
  emptyText?(query: string): ReactNode
  /** Under the list: a link to manage the options. */
  footer?: ReactNode
  triggerClassName?: string
  title?: string
}

/** Every word typed must appear in the label, the keywords or a text detail (case-insensitive). */
export function filterOptions(options: readonly ComboboxOption[], query: string): ComboboxOption[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...options]
  return options.filter((option) => {
    const haystack = `${option.label} ${option.keywords ?? ''} ${typeof option.detail === 'string' ? option.detail : ''}`.toLowerCase()
    return words.every((word) => haystack.includes(word))
  })
}

export function Combobox({ label, value, options, selectedId, onSelect, onOpenChange, placeholder = 'Search…', emptyText, footer, triggerClassName = 'btn btn-small', title }: ComboboxProps) {
  const id = useId()
  const listId = `${id}-list`
  const optionDomId = (optionId: string) => `${id}-option-${optionId}`
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [activeId, setActiveId] = useState<string | undefined>()
  const input = useRef<HTMLInputElement>(null)

  const shown = useMemo(() => filterOptions(options, query), [options, query])
  const enabled = shown.filter((option) => !option.disabled)
  const active = enabled.find((option) => option.id === activeId) ?? enabled[0]

  const changeOpen = (next: boolean) => {
    setOpen(next)
    if (next) {
      setQuery('')
      setActiveId(options.find((option) => option.id === selectedId && !option.disabled)?.id)
    }
    onOpenChange?.(next)
  }

  const choose = (optionId: string) => {
    changeOpen(false)
    onSelect(optionId)
  }

  const moveTo = (option: ComboboxOption | undefined) => {
    if (!option) return
    setActiveId(option.id)
    document.getElementById(optionDomId(option.id))?.scrollIntoView?.({ block: 'nearest' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const at = active ? enabled.indexOf(active) : -1
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      moveTo(enabled[(at + 1) % enabled.length])
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      moveTo(enabled[(at - 1 + enabled.length) % enabled.length])
    } else if (event.key === 'Enter') {
      event.preventDefault()
      if (active) choose(active.id)
    }
  }

  return (
    <RadixPopover.Root open={open} onOpenChange={changeOpen}>
      <RadixPopover.Trigger className={`ui-combobox-trigger ${triggerClassName}`} title={title}>
        <span className="ui-visually-hidden">{label}: </span>
        {value}
        <span className="ui-combobox-caret" aria-hidden="true">▾</span>
      </RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          className="ui-combobox-popup"
          aria-label={label}
          side="top"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            input.current?.focus()
          }}
        >
          <input
            ref={input}
            className="input ui-combobox-input"
            role="combobox"
            aria-label={label}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active ? optionDomId(active.id) : undefined}
            placeholder={placeholder}
            spellCheck={false}
            autoComplete="off"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value)
              setActiveId(undefined)
            }}
            onKeyDown={onKeyDown}
          />
          {/* Kept in the DOM for aria-controls, hidden when empty: an empty listbox fails axe (aria-required-children). */}
          <ul id={listId} className="ui-combobox-list" role="listbox" aria-label={label} hidden={shown.length === 0}>
            {shown.map((option) => (
              <li
                key={option.id}
                id={optionDomId(option.id)}
                role="option"
                aria-selected={option.id === active?.id}
                aria-disabled={option.disabled || undefined}
                data-active={option.id === active?.id || undefined}
                className="ui-combobox-option"
                // The field keeps focus (and the popup stays open) while the pointer presses an option.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => !option.disabled && choose(option.id)}
              >
                {option.leading}
                <span className="ui-combobox-text">
                  <span className="ui-combobox-label">
                    {option.label}
                    {option.id === selectedId && <span className="ui-visually-hidden"> (current)</span>}
                  </span>
                  {option.detail && <span className="ui-combobox-detail">{option.detail}</span>}
                </span>
                {option.id === selectedId && (
                  <svg className="ui-combobox-check" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.4} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
                    <path d="M5 12.5l4.5 4.5L19 7.5" />
                  </svg>
                )}
              </li>
            ))}
          </ul>
          {shown.length === 0 && (
            <p className="ui-combobox-empty" role="status">
              {emptyText ? emptyText(query) : `Nothing matches “${query.trim()}”.`}
            </p>
          )}
          {footer && <div className="ui-combobox-footer">{footer}</div>}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  )
}

/** Wrap a footer button in this to close the popup when it is pressed. */
export const ComboboxClose = RadixPopover.Close
