import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { Group, Panel, Separator, usePanelRef } from 'react-resizable-panels'
import { Icon } from './Icon'
import { useMediaQuery, usePaneLayout } from './panes'

/** The sidebar folded to its icons: 56 px holds an 18 px icon with the nav item's padding and the focus ring. */
const SIDEBAR_ICONS_PX = 56
const SIDEBAR_DEFAULT_PX = 208
/**
 * Below this window width the sidebar starts folded to its icons. At 1024 px its 208 px labelled column left the
 * URL input 144 px beside the catalog; folded, the Request area gains 152 px and the input keeps over 300 px.
 */
const NARROW_WINDOW = '(max-width: 1099px)'

/**
 * The app's two columns: the sidebar (resizable, collapsible to icons) and the area. Its size is remembered;
 * a narrow window folds it without forgetting the width the person chose.
 */
export function ShellPanes({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  const layout = usePaneLayout('shell', { sidebar: 'sidebar', main: 'main' })
  const panel = usePanelRef()
  const narrow = useMediaQuery(NARROW_WINDOW)
  const [folded, setFolded] = useState(false)
  const foldedForWidth = useRef(false)
  const panelId = useId()

  useEffect(() => {
    const handle = panel.current
    if (!handle) return
    if (narrow && !handle.isCollapsed()) {
      foldedForWidth.current = true
      layout.withoutSaving(() => handle.collapse())
    } else if (!narrow && foldedForWidth.current && handle.isCollapsed()) {
      foldedForWidth.current = false
      layout.withoutSaving(() => handle.expand())
    }
  }, [narrow, panel, layout])

  const toggle = () => {
    const handle = panel.current
    if (!handle) return
    foldedForWidth.current = false
    if (handle.isCollapsed()) handle.expand()
    else handle.collapse()
  }

  return (
    <Group
      className="shell-panes"
      orientation="horizontal"
      id="shell"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
      data-sidebar={folded ? 'icons' : 'full'}
    >
      <Panel
        id="sidebar"
        className="shell-sidebar-pane"
        style={{ overflow: 'hidden' }}
        panelRef={panel}
        defaultSize={SIDEBAR_DEFAULT_PX}
        minSize={168}
        maxSize={320}
        collapsible
        collapsedSize={SIDEBAR_ICONS_PX}
        groupResizeBehavior="preserve-pixel-size"
        onResize={() => setFolded(panel.current?.isCollapsed() ?? false)}
      >
        <div className="shell-sidebar" id={panelId}>
          {sidebar}
          <button
            type="button"
            className="nav-item shell-fold"
            title={folded ? 'Show the labels of the sidebar' : 'Fold the sidebar to its icons'}
            onClick={toggle}
          >
            <Icon name={folded ? 'chevrons-right' : 'chevrons-left'} />
            <span>{folded ? 'Expand sidebar' : 'Collapse sidebar'}</span>
          </button>
        </div>
      </Panel>
      <Separator className="pane-separator pane-separator-vertical" aria-label="Resize sidebar" />
      <Panel id="main" className="shell-main-pane" minSize={320} style={{ overflow: 'hidden' }}>
        {children}
      </Panel>
    </Group>
  )
}
