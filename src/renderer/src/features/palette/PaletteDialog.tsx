// The command palette (Ctrl/Cmd+K): one search over actions, saved requests, profiles, recent history and the
// Reactor catalog, on cmdk (list semantics, arrow keys, Enter) inside a Radix dialog (focus kept in, the page
// behind hidden from assistive technology, Esc closes). cmdk's own filtering is off: rank.ts orders the items
// (its fuzzy score lifted by recent use) so the order is ours and tested.
import * as RadixDialog from '@radix-ui/react-dialog'
import { Command } from 'cmdk'
import { useEffect, useMemo, useRef, useState } from 'react'
import { actionItems, catalogItems, useHistoryItems, useProfileItems, useSavedRequestItems } from './palette-sources'
import { rankPaletteItems, type PaletteItem } from './rank'
import { readRecentUse, recordUse } from './recent-use'
import type { PaletteScope } from './CommandPalette'

interface Props {
  scope: PaletteScope
  onScope(scope: PaletteScope): void
  /** Closed: with the picked item (run by the caller once the dialog is gone), or nothing (Esc). */
  onDone(picked?: PaletteItem): void
}

export function PaletteDialog({ scope, onScope, onDone }: Props) {
  const [query, setQuery] = useState('')
  const input = useRef<HTMLInputElement>(null)
  // Read once per opening: which commands can run (a Request area to send from) and what was used lately.
  const [actions] = useState(() => actionItems())
  const [catalog] = useState(() => catalogItems())
  const [recent] = useState(() => readRecentUse())
  const everything = scope === 'all'
  const saved = useSavedRequestItems(everything)
  const history = useHistoryItems(everything)
  const profiles = useProfileItems()

  const items = useMemo(
    () => (everything ? [...actions, ...saved.items, ...profiles, ...history.items, ...catalog] : profiles),
    [everything, actions, saved.items, profiles, history.items, catalog]
  )
  const groups = useMemo(() => rankPaletteItems(items, query, recent), [items, query, recent])
  const loading = everything && (saved.loading || history.loading)
  // The best match is the one Enter runs: after every change of what is typed, the selection goes back to the
  // top (cmdk keeps the old selection when it does not filter itself).
  const [selected, setSelected] = useState('')
  const list = useRef<HTMLDivElement>(null)
  const best = groups[0]?.items[0]?.id ?? ''
  useEffect(() => {
    setSelected(best)
    if (list.current) list.current.scrollTop = 0
  }, [query, best])

  const pick = (item: PaletteItem) => {
    recordUse(item.id)
    onDone(item)
  }

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onDone()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="pl-overlay" />
        <RadixDialog.Content
          className="pl-dialog"
          aria-describedby={undefined}
          data-testid="command-palette"
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            input.current?.focus()
          }}
          // The shell puts focus back (or lets the command move it); Radix would send it to the body.
          onCloseAutoFocus={(event) => event.preventDefault()}
        >
          <RadixDialog.Title className="pl-sr-only">{everything ? 'Command palette' : 'Switch profile'}</RadixDialog.Title>
          <Command label={everything ? 'Commands, saved requests, history, profiles and catalog operations' : 'Profiles'} shouldFilter={false} loop value={selected} onValueChange={setSelected}>
            <div className="pl-input-row">
              {!everything && <span className="pl-scope">Profiles</span>}
              <Command.Input
                ref={input}
                className="pl-input"
                value={query}
                onValueChange={setQuery}
                placeholder={everything ? 'Type a command, a saved request, an operation, a profile…' : 'Switch to profile…'}
                onKeyDown={(event) => {
                  // Backspace on an empty profile search widens it to everything, as in other palettes.
                  if (!everything && event.key === 'Backspace' && query === '') onScope('all')
                }}
              />
            </div>
            <Command.List ref={list} className="pl-list">
              {loading && (
                <Command.Loading className="pl-loading" label="Loading saved requests and history">
                  <span className="pl-spinner" aria-hidden="true" /> Loading saved requests and history…
                </Command.Loading>
              )}
              {history.error && <p className="pl-source-error" role="status">{history.error}</p>}
              {groups.length === 0 && (
                // A disabled option rather than cmdk's Empty (role="presentation"): a listbox must hold options
                // (axe: aria-required-children), and a screen reader reads this one where the results would be.
                <Command.Item value="palette:nothing" disabled className="pl-empty">
                  {query.trim() ? (
                    <>Nothing matches “{query.trim()}”. Try fewer letters, a method (GET) or a path word (rules).</>
                  ) : (
                    <>No profiles yet: add one in the Profiles area.</>
                  )}
                </Command.Item>
              )}
              {groups.map((group) => (
                <Command.Group key={group.group} heading={group.group} className="pl-group">
                  {group.items.map((item) => (
                    <Command.Item key={item.id} value={item.id} className="pl-item" onSelect={() => pick(item)} data-palette-item={item.id}>
                      {item.method ? <span className={`pl-method pl-method-${item.method.toLowerCase()}`}>{item.method === 'DELETE' ? 'DEL' : item.method}</span> : <span className="pl-method" aria-hidden="true" />}
                      <span className="pl-item-text">
                        <span className="pl-item-title">{item.title}</span>
                        {item.detail && <span className="pl-item-detail">{item.detail}</span>}
                      </span>
                      {item.shortcut && <kbd className="pl-item-shortcut">{item.shortcut}</kbd>}
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
            </Command.List>
            <footer className="pl-footer" aria-hidden="true">
              <span><kbd>↑</kbd><kbd>↓</kbd> move</span>
              <span><kbd>Enter</kbd> run</span>
              <span><kbd>Esc</kbd> close</span>
            </footer>
          </Command>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
