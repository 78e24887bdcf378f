import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react'
import { MethodBadge } from '../builder/MethodBadge'
import { displayPath, isUnnamed, tabTitle } from '../model/request-draft'
import { isDirty, type OpenTab } from '../use-request-tabs'
import { TabActionsMenu, type TabAction } from './TabActionsMenu'
import { ariaKeyShortcuts, shortcutLabel } from '../../../state/shortcuts'
import { Tooltip } from '../../../ui/Tooltip'

export interface TabStripActions {
  select(id: string): void
  newTab(): void
  duplicate(id: string): void
  close(id: string): void
  closeOthers(id: string): void
  move(id: string, delta: number): void
  moveTo(id: string, index: number): void
  rename(id: string, name: string): void
  /** Save to the tab's collection file (or ask where), and Save as. */
  save?(id: string): void
  saveAs?(id: string): void
  /** Copy as cURL (placeholders or, through main, real values), a code snippet, or Import cURL…. */
  curl?(action: 'copy' | 'copy-real' | 'snippet' | 'import', id: string): void
}

interface Props extends TabStripActions {
  tabs: readonly OpenTab[]
  selectedId: string
  tabDomId(id: string): string
  panelDomId(id: string): string
  /** Tabs whose request is in flight (a spinner instead of the method). */
  busy: ReadonlySet<string>
}


/**
 * The open requests, as a WAI-ARIA tab list above the builder: roving tabindex, arrows/Home/End select,
 * Delete closes, Ctrl+Shift+PageUp/PageDown (or Alt+Shift+Arrow) moves the focused tab; tabs can be dragged.
 * Every action is also on the "…" menu and the tab's context menu, since a browser keeps Ctrl+T/W/Tab for itself.
 */
export function RequestTabStrip(props: Props) {
  const { tabs, selectedId } = props
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const [menu, setMenu] = useState<{ tabId: string; x: number; y: number } | undefined>()
  const [renaming, setRenaming] = useState<string | undefined>()
  const [dropAt, setDropAt] = useState<number | undefined>()
  const dragging = useRef<string | undefined>(undefined)
  const wantFocus = useRef(false)
  const menuButton = useRef<HTMLButtonElement>(null)

  // After a keyboard close or select, focus follows the selected tab.
  useEffect(() => {
    if (!wantFocus.current) return
    wantFocus.current = false
    buttons.current.get(selectedId)?.focus()
  }, [selectedId, tabs])

  const focusSelectedNext = () => (wantFocus.current = true)

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, tab: OpenTab, index: number) => {
    const { key, ctrlKey, metaKey, altKey, shiftKey } = event
    const moveBy =
      (ctrlKey || metaKey) && shiftKey && key === 'PageUp' ? -1
      : (ctrlKey || metaKey) && shiftKey && key === 'PageDown' ? 1
      : altKey && shiftKey && key === 'ArrowLeft' ? -1
      : altKey && shiftKey && key === 'ArrowRight' ? 1
      : 0
    if (moveBy) {
      event.preventDefault()
      event.stopPropagation()
      props.move(tab.id, moveBy)
      return
    }
    if (ctrlKey || metaKey || altKey) return
    let next: OpenTab | undefined
    if (key === 'ArrowRight') next = tabs[(index + 1) % tabs.length]
    else if (key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length]
    else if (key === 'Home') next = tabs[0]
    else if (key === 'End') next = tabs[tabs.length - 1]
    else if (key === 'Delete') {
      event.preventDefault()
      focusSelectedNext()
      props.close(tab.id)
      return
    } else if (key === 'F2') {
      event.preventDefault()
      setRenaming(tab.id)
      return
    } else if (key === 'ContextMenu' || (shiftKey && key === 'F10')) {
      event.preventDefault()
      const rect = event.currentTarget.getBoundingClientRect()
      setMenu({ tabId: tab.id, x: rect.left, y: rect.bottom })
      return
    }
    if (!next) return
    event.preventDefault()
    buttons.current.get(next.id)?.focus()
    props.select(next.id)
  }

  const onDragStart = (event: DragEvent, tab: OpenTab) => {
    dragging.current = tab.id
    event.dataTransfer?.setData('text/plain', tab.id)
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move'
  }
  const onDragOver = (event: DragEvent, index: number) => {
    if (!dragging.current) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
    setDropAt(index)
  }
  const onDrop = (event: DragEvent, index: number) => {
    const id = dragging.current
    dragging.current = undefined
    setDropAt(undefined)
    if (!id) return
    event.preventDefault()
    props.moveTo(id, index)
  }

  const openMenu = (event: MouseEvent, tabId: string) => {
    event.preventDefault()
    props.select(tabId)
    setMenu({ tabId, x: event.clientX, y: event.clientY })
  }

  const runAction = (action: TabAction, tabId: string) => {
    setMenu(undefined)
    switch (action) {
      case 'new':
        return props.newTab()
      case 'duplicate':
        return props.duplicate(tabId)
      case 'rename':
        return setRenaming(tabId)
      case 'save':
        return props.save?.(tabId)
      case 'save-as':
        return props.saveAs?.(tabId)
      case 'copy-curl':
        return props.curl?.('copy', tabId)
      case 'copy-curl-real':
        return props.curl?.('copy-real', tabId)
      case 'snippet':
        return props.curl?.('snippet', tabId)
      case 'import-curl':
        return props.curl?.('import', tabId)
      case 'left':
        return props.move(tabId, -1)
      case 'right':
        return props.move(tabId, 1)
      case 'close':
        focusSelectedNext()
        return props.close(tabId)
      case 'close-others':
        return props.closeOthers(tabId)
    }
  }

  const menuTab = menu ? tabs.findIndex((tab) => tab.id === menu.tabId) : -1

  return (
    <div className="rq-doc-tabs-bar">
      <div className="rq-doc-tabs" role="tablist" aria-label="Open requests">
        {tabs.map((tab, index) => {
          const selected = tab.id === selectedId
          const dirty = isDirty(tab)
          const title = tabTitle(tab.draft)
          if (renaming === tab.id) {
            return (
              <div key={tab.id} className="rq-doc-tab rq-doc-tab-selected" role="presentation">
                <input
                  className="rq-doc-tab-rename"
                  aria-label="Request name"
                  defaultValue={title}
                  autoFocus
                  onFocus={(event) => event.currentTarget.select()}
                  onBlur={(event) => {
                    // Leaving the suggested "METHOD /path" as it was keeps the tab unnamed (its title follows the URL).
                    if (event.currentTarget.value !== title) props.rename(tab.id, event.currentTarget.value)
                    setRenaming(undefined)
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.currentTarget.blur()
                    if (event.key === 'Escape') {
                      event.currentTarget.value = title
                      event.currentTarget.blur()
                    }
                  }}
                />
              </div>
            )
          }
          return (
            <div
              key={tab.id}
              role="presentation"
              className={`rq-doc-tab${selected ? ' rq-doc-tab-selected' : ''}${dropAt === index ? ' rq-doc-tab-drop' : ''}`}
              data-tab-id={tab.id}
              draggable
              onDragStart={(event) => onDragStart(event, tab)}
              onDragOver={(event) => onDragOver(event, index)}
              onDragLeave={() => setDropAt((at) => (at === index ? undefined : at))}
              onDrop={(event) => onDrop(event, index)}
              onDragEnd={() => {
                dragging.current = undefined
                setDropAt(undefined)
              }}
              onContextMenu={(event) => openMenu(event, tab.id)}
            >
              <button
                type="button"
                role="tab"
                id={props.tabDomId(tab.id)}
                aria-selected={selected}
                aria-controls={props.panelDomId(tab.id)}
                tabIndex={selected ? 0 : -1}
                className="rq-doc-tab-button"
                title={`${title}${dirty ? ' — changed since opened' : ''}\nDrag, or ${shortcutLabel('move-tab-left')}/${shortcutLabel('move-tab-right')}, to move · Delete or ${shortcutLabel('close-tab')} closes · F2 renames`}
                aria-keyshortcuts={`Delete F2 ${ariaKeyShortcuts('move-tab-left')} ${ariaKeyShortcuts('move-tab-right')}`}
                ref={(element) => {
                  if (element) buttons.current.set(tab.id, element)
                  else buttons.current.delete(tab.id)
                }}
                onClick={() => props.select(tab.id)}
                onDoubleClick={() => setRenaming(tab.id)}
                onAuxClick={(event) => {
                  if (event.button === 1) props.close(tab.id)
                }}
                onKeyDown={(event) => onKeyDown(event, tab, index)}
              >
                {props.busy.has(tab.id) && <span className="rq-spinner rq-doc-tab-spinner" aria-hidden="true" />}
                {/* Unnamed: "METHOD /path", the method in its colour; named: the method badge, then the name. */}
                {isUnnamed(tab.draft.name) ? (
                  <span className="rq-doc-tab-title">
                    <span className={`rq-doc-tab-method rq-method-${tab.draft.method.toLowerCase()}`}>{tab.draft.method}</span> {displayPath(tab.draft.url)}
                  </span>
                ) : (
                  <>
                    <MethodBadge method={tab.draft.method} />
                    <span className="rq-doc-tab-title">{title}</span>
                  </>
                )}
                {dirty && (
                  <>
                    <span className="rq-doc-tab-dirty" aria-hidden="true" data-testid="dirty-marker">●</span>
                    <span className="visually-hidden">, changed</span>
                  </>
                )}
              </button>
              {/* For the mouse; keyboard users close with Delete or the menu (a button inside a tab is not allowed). */}
              <span className="rq-doc-tab-close" aria-hidden="true" title={`Close (${shortcutLabel('close-tab')})`} onClick={() => props.close(tab.id)}>
                ×
              </span>
            </div>
          )
        })}
      </div>
      <Tooltip content={`New request tab (${shortcutLabel('new-tab')})`} side="bottom">
        <button type="button" className="rq-icon-button rq-doc-tab-new" aria-label="New request tab" aria-keyshortcuts={ariaKeyShortcuts('new-tab')} onClick={props.newTab}>
          +
        </button>
      </Tooltip>
      <Tooltip content="Tab actions: save, copy as cURL, duplicate, rename, move, close" side="bottom">
        <button
          type="button"
          ref={menuButton}
          className="rq-icon-button rq-doc-tab-more"
          aria-label="Tab actions"
          aria-haspopup="menu"
          aria-expanded={menu !== undefined}
          onClick={(event) => {
            const rect = event.currentTarget.getBoundingClientRect()
            setMenu((open) => (open ? undefined : { tabId: selectedId, x: rect.right - 220, y: rect.bottom + 2 }))
          }}
        >
          …
        </button>
      </Tooltip>
      {menu && menuTab >= 0 && (
        <TabActionsMenu
          x={menu.x}
          y={menu.y}
          canMoveLeft={menuTab > 0}
          canMoveRight={menuTab < tabs.length - 1}
          canCloseOthers={tabs.length > 1}
          withSave={props.save !== undefined}
          withCurl={props.curl !== undefined}
          anchor={menuButton}
          onAction={(action) => runAction(action, menu.tabId)}
          onDismiss={() => {
            setMenu(undefined)
            menuButton.current?.focus()
          }}
        />
      )}
    </div>
  )
}
