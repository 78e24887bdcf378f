import { useState, type ReactNode } from 'react'
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels'
import { Tooltip } from '../ui/Tooltip'
import { Icon } from './Icon'
import { useFoldWhileNarrow, useMediaQuery, usePaneSize } from './panes'

/** The sidebar folded to its icons: 56 px holds an 18 px icon with the nav item's padding and the focus ring. */
const SIDEBAR_ICONS_PX = 56
// The width the sidebar had before it became resizable: "Reactor Explorer" fits on one line.
const SIDEBAR_DEFAULT_PX = 220
/**
 * Below this window width the sidebar starts folded to its icons. At 1024 px its 220 px labelled column left the
 * URL input 144 px beside the catalog; folded, the Request area gains 164 px and the input keeps over 300 px.
 */
const NARROW_WINDOW = '(max-width: 1099px)'

/**
 * The app's two columns: the sidebar (resizable, collapsible to icons) and the area. Its size is remembered;
 * a narrow window folds it without forgetting the width the person chose.
 */
export function ShellPanes({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  const panel = usePanelRef()
  const size = usePaneSize('sidebar', panel, { panelId: 'sidebar', defaultPx: SIDEBAR_DEFAULT_PX, collapsedPx: SIDEBAR_ICONS_PX })
  const narrow = useMediaQuery(NARROW_WINDOW)
  const [folded, setFolded] = useState(false)
  const foldedForWidth = useFoldWhileNarrow(panel, narrow, size.fold)

  return (
    <Group className="shell-panes" orientation="horizontal" id="shell" onLayoutChanged={size.onLayoutChanged} data-sidebar={folded ? 'icons' : 'full'}>
      <Panel
        id="sidebar"
        className="shell-sidebar-pane"
        style={{ overflow: 'hidden' }}
        panelRef={panel}
        defaultSize={size.defaultSize}
        minSize={168}
        maxSize={320}
        collapsible
        collapsedSize={SIDEBAR_ICONS_PX}
        groupResizeBehavior="preserve-pixel-size"
        // From the layout, not the pixels: a pane measured while hidden (0 px) is not folded.
        onResize={() => setFolded(panel.current?.isCollapsed() ?? false)}
      >
        <div className="shell-sidebar">
          {sidebar}
          {/* Folded, the button is an icon: the tooltip (hover and keyboard focus) says what it does. */}
          <Tooltip content={folded ? 'Show the labels of the sidebar' : 'Fold the sidebar to its icons'} side="right">
            <button
              type="button"
              className="nav-item shell-fold"
              onClick={() => {
                foldedForWidth.current = false
                size.toggle()
              }}
            >
              <Icon name={folded ? 'chevrons-right' : 'chevrons-left'} />
              <span>{folded ? 'Expand sidebar' : 'Collapse sidebar'}</span>
            </button>
          </Tooltip>
        </div>
      </Panel>
      <Separator className="pane-separator pane-separator-vertical" aria-label="Resize sidebar" />
      <Panel id="main" className="shell-main-pane" minSize={320} style={{ overflow: 'hidden' }}>
        {children}
      </Panel>
    </Group>
  )
}
